from django.apps import AppConfig


class SpamConfig(AppConfig):
    """The spam filter: its checks, the learned classifier and memory, and their tables.

    The comment core calls it through :mod:`comments.spam.pipeline` and
    teaches it through :mod:`comments.spam.learning`; it knows nothing of
    the core's views, admin, mail or status changes (an import-linter
    contract in ``pyproject.toml`` says so).
    """

    name = "comments.spam"
    label = "newsroom_spam"
    verbose_name = "Spam filter"
    default_auto_field = "django.db.models.BigAutoField"
