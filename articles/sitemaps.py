"""Sitemaps for search engines, wired in the host's URLconf with Django's sitemap view::

    from django.contrib.sitemaps.views import sitemap
    from articles.sitemaps import SITEMAPS, NewsSitemap

    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-news.xml", sitemap,
         {"sitemaps": {"news": NewsSitemap}, "template_name": "articles/sitemap_news.xml"},
         name="sitemap-news"),

``SITEMAPS`` lists published articles, every section and the authors who
have published articles. :class:`NewsSitemap` follows Google News: articles
first published in the last 48 hours, at most ``NEWS_SITEMAP_LIMIT``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from articles import conf
from articles.models import Article, Author, Byline, Category
from articles.origin import public_parts

NEWS_SITEMAP_WINDOW = timedelta(hours=48)
#: Google News reads at most this many URLs from one news sitemap.
NEWS_SITEMAP_LIMIT = 1000


class PublicSitemap(Sitemap):
    """A sitemap whose URLs are on the site's public origin (:mod:`articles.origin`), whatever host asked."""

    def get_protocol(self, protocol=None):
        return public_parts()[0]

    def get_domain(self, site=None):
        return public_parts()[1]


class ArticleSitemap(PublicSitemap):
    def items(self):
        return Article.objects.published().select_related("category").defer("body").newest_first()

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)


class SectionSitemap(PublicSitemap):
    def items(self):
        return Category.objects.order_by("path")


class AuthorSitemap(PublicSitemap):
    def items(self):
        bylined = Byline.objects.filter(article__in=Article.objects.published()).values("author")
        return Author.objects.filter(pk__in=bylined).order_by("slug")


class NewsSitemap(PublicSitemap):
    """Articles first published in the last 48 hours, newest first, with Google News' ``news:`` data."""

    def items(self):
        since = timezone.now() - NEWS_SITEMAP_WINDOW
        return (
            Article.objects.published()
            .filter(first_published_at__gte=since)
            .select_related("category")
            .defer("body")
            .order_by("-first_published_at", "-pk")[:NEWS_SITEMAP_LIMIT]
        )

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        publication = {"name": conf.get("NEWSROOM_SITE_NAME"), "language": news_language()}
        for url in urls:
            url["publication"] = publication
        return urls


def news_language(code=None):
    """The ISO 639 code Google News wants: ``en`` for ``en-gb``; Chinese keeps its script (``zh-cn``)."""
    code = (code or settings.LANGUAGE_CODE).lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "authors": AuthorSitemap}
