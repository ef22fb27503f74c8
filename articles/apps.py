from django.apps import AppConfig

ALL = ("add", "change", "delete", "view")


class ArticlesConfig(AppConfig):
    name = "articles"
    label = "newsroom_articles"
    verbose_name = "Articles"
    default_auto_field = "django.db.models.BigAutoField"

    #: The groups ``manage.py setup_roles`` creates, with what this app grants each:
    #: ``{group: {model label: actions or codenames}}`` (see :mod:`articles.roles`).
    newsroom_roles = {
        "Editors": {
            "newsroom_articles.article": (*ALL, "publish_article"),
            "newsroom_articles.author": ALL,
            "newsroom_articles.category": ALL,
            "newsroom_articles.byline": ALL,
            "newsroom_articles.relatedpick": ALL,
            "newsroom_articles.correction": ALL,
            "newsroom_articles.relatedsuggestion": ("view",),
            "newsroom_articles.liveentry": ALL,
            "newsroom_articles.sitesettings": ("view", "change"),
            "taggit.tag": ALL,
            "taggit.taggeditem": ALL,
        },
        "Writers": {
            "newsroom_articles.article": ("add", "change", "view"),
            # The article form's inlines: bylines and editor's picks.
            "newsroom_articles.byline": ALL,
            "newsroom_articles.relatedpick": ALL,
            # Entries of their own live articles while those are drafts or in review (articles.roles).
            "newsroom_articles.liveentry": ALL,
            # Corrections and updates are the desk's: writers read them on their own articles.
            "newsroom_articles.correction": ("view",),
            "newsroom_articles.author": ("view",),
            "newsroom_articles.category": ("view",),
            "taggit.tag": ("view",),
        },
        "Moderators": {},
    }

    def ready(self):
        from taggit.models import Tag

        from articles import addresses, models, pagecache, related, rendering, revisions, signals, system_checks  # noqa: F401  (registers checks and handlers)

        addresses.connect()
        rendering.connect()
        # Articles keep their revisions, with their bylines, tags and corrections (django-reversion).
        revisions.register()

        # After ``signals``: related suggestions are rewritten before the purge on commit.
        pagecache.connect()
        # Articles, bylines and tagging purge by tag from ``signals``. Every page shows the sections menu and
        # the site's settings: a change to them purges every page.
        pagecache.purge_when_changed(models.Category, models.SiteSettings)
        # An author's or a tag's name shows on the pages that carry its tag.
        pagecache.purge_when_changed(models.Author, Tag, tags=lambda obj: [pagecache.key(obj)])
        # Picks show in "You may also like" on the picking article's page (not in the lists showing its teaser).
        pagecache.purge_when_changed(models.RelatedPick, tags=lambda pick: [related.page_cache_tag(pick.article_id)])
        # A live entry shows on its article's page and in the live endpoint, both tagged with the article.
        pagecache.purge_when_changed(
            models.LiveEntry, tags=lambda entry: [pagecache.key(models.Article, entry.article_id)]
        )
        pagecache.changes_at(models.Article.objects.next_publication)
        # A correction or update shows on its article's page and on the corrections page and feed.
        pagecache.purge_when_changed(
            models.Correction,
            tags=lambda note: [pagecache.key(models.Article, note.article_id), models.Correction.PAGE_CACHE_TAG],
        )
