from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import checks, pagecache, signals  # noqa: F401  (registers checks and handlers)

        # After ``signals``: related suggestions are rewritten before the purge on commit.
        pagecache.connect()
