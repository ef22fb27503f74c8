from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The host site as an app, for what only the demo site needs: the demo content and its commands.

    No models. The plugin apps never import it (``lint-imports`` says so), and the wheel leaves it out.
    """

    name = "newsroom"
    label = "newsroom"
    verbose_name = "Newsroom (demo site)"
