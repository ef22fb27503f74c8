from django.urls import path, register_converter

from articles import correction_pages, feeds, live, pagecache, views


class SectionPathConverter:
    """``news/world`` or ``news/world/some-headline``: slugs joined by single slashes.

    Anything else (empty segments, dots, control characters) never reaches a view or the database.
    """

    regex = r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(SectionPathConverter, "section_path")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("search/", views.search, name="search"),
    path("feeds/rss/", pagecache.cache_for_readers(feeds.LatestArticlesFeed()), name="feed-rss"),
    path("feeds/atom/", pagecache.cache_for_readers(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
    path(
        "feeds/rss/section/<section_path:path>/",
        pagecache.cache_for_readers(feeds.SectionFeed()),
        name="section-feed-rss",
    ),
    path(
        "feeds/atom/section/<section_path:path>/",
        pagecache.cache_for_readers(feeds.SectionAtomFeed()),
        name="section-feed-atom",
    ),
    path("feeds/rss/author/<slug:slug>/", pagecache.cache_for_readers(feeds.AuthorFeed()), name="author-feed-rss"),
    path(
        "feeds/atom/author/<slug:slug>/", pagecache.cache_for_readers(feeds.AuthorAtomFeed()), name="author-feed-atom"
    ),
    path("live/<int:pk>/entries/", live.entries, name="live-entries"),
    path("corrections/", correction_pages.corrections, name="corrections"),
    path(
        "feeds/rss/corrections/",
        pagecache.cache_for_readers(correction_pages.CorrectionsFeed()),
        name="corrections-feed-rss",
    ),
    path(
        "feeds/atom/corrections/",
        pagecache.cache_for_readers(correction_pages.CorrectionsAtomFeed()),
        name="corrections-feed-atom",
    ),
    # Sections and articles share the pretty path: /news/world/ is a section,
    # /news/world/some-headline/ an article in it. Top-level section slugs
    # must not collide with the prefixes above (see Category.clean).
    path("<section_path:path>/", views.section_or_article, name="category"),
]
