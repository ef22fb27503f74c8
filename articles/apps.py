from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from taggit.models import Tag

        from articles import models, pagecache, signals, system_checks  # noqa: F401  (registers checks and handlers)

        # After ``signals``: related suggestions are rewritten before the purge on commit.
        pagecache.connect()
        pagecache.purge_when_changed(
            models.Article,
            models.Author,
            models.Byline,
            models.Category,
            models.RelatedPick,
            models.SiteSettings,
            Tag,
            models.Article.tags.through,
        )
        pagecache.changes_at(models.Article.objects.next_publication)
