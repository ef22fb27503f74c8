"""Sitemaps for search engines: an index and its sitemaps, and a news sitemap, wired in the host's URLconf::

    from articles import sitemaps

    path("sitemap.xml", sitemaps.index, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap-news"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap-section"),

``/sitemap.xml`` is a sitemap index naming one sitemap for each of
``SITEMAPS`` (published articles, every section, the authors who have
published articles), each in pages of ``SITEMAP_PAGE_SIZE`` URLs
(``/sitemap-articles.xml?p=2``). Articles are listed oldest first, as
WordPress lists its posts: a new article joins the last page, so the pages
before it stay as they were and stay cached. :class:`NewsSitemap` follows
Google News: articles first published in the last 48 hours, at most
``NEWS_SITEMAP_LIMIT``.

All three views are readers' pages (:func:`articles.pagecache.cache_for_readers`),
here and in a shared cache in front. They are purged when an article joins or
leaves the site's list (:data:`articles.pagecache.LATEST`) and when sections
change (every page is); an edit that changes only an article's ``<lastmod>``
or an author's address shows at the latest when the cached copy expires
(``NEWSROOM_PAGE_CACHE_SECONDS``, ``s-maxage``), which is soon enough for a
crawler and spares pages of two thousand addresses a render for every edit.
The news sitemap is kept no longer than until its oldest article turns 48
hours old.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles import conf, pagecache
from articles.models import Article, Author, Byline, Category, published_now
from articles.origin import public_parts

NEWS_SITEMAP_WINDOW = timedelta(hours=48)
#: Google News reads at most this many URLs from one news sitemap.
NEWS_SITEMAP_LIMIT = 1000
#: URLs in one page of a sitemap, as in WordPress's own: a page renders in a fraction of a second and is
#: cached whole (the protocol allows 50,000, a page of several megabytes and seconds of rendering).
SITEMAP_PAGE_SIZE = 2000


class PublicSitemap(Sitemap):
    """A sitemap whose URLs are on the site's public origin (:mod:`articles.origin`), whatever host asked."""

    def get_protocol(self, protocol=None):
        return public_parts()[0]

    def get_domain(self, site=None):
        return public_parts()[1]


class ArticleSitemap(PublicSitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        # Oldest first: a newly published article joins the last page and leaves the others as they were.
        return Article.objects.published().select_related("category").defer("body").order_by("publish_at", "pk")

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)

    def get_latest_lastmod(self):
        """None: the index names the articles' pages without a ``<lastmod>``, as WordPress's own index does.

        Django would give every page the newest change of the whole archive (which tells a crawler nothing
        about one page), worked out by reading every article.
        """
        return None


class SectionSitemap(PublicSitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Category.objects.order_by("path")


class AuthorSitemap(PublicSitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        # Per author, the first of their bylines on a published article will do: not every byline of the archive.
        published = Byline.objects.filter(published_now(prefix="article__"), author=OuterRef("pk"))
        return Author.objects.filter(Exists(published)).order_by("slug")


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
        if urls:
            # The oldest leaves the sitemap when it turns 48 hours old: the page changes by itself then.
            oldest = min(url["item"].first_published_at for url in urls)
            pagecache.changes_by_itself(oldest + NEWS_SITEMAP_WINDOW)
        return urls


def news_language(code=None):
    """The ISO 639 code Google News wants: ``en`` for ``en-gb``; Chinese keeps its script (``zh-cn``)."""
    code = (code or settings.LANGUAGE_CODE).lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "authors": AuthorSitemap}


@pagecache.cache_for_readers
@sitemap_views.x_robots_tag
def index(request, sitemaps, sitemap_url_name="sitemap-section", template_name="sitemap_index.xml"):
    """The sitemap index: each sitemap, a page per ``SITEMAP_PAGE_SIZE`` URLs, cached for readers.

    Django's own index, but on the public origin (:mod:`articles.origin`), as the sitemaps' URLs are,
    whatever host asked.
    """
    pagecache.tag(request, pagecache.LATEST)
    protocol, domain = public_parts()
    entries = []
    for section, site in sitemaps.items():
        site = site() if callable(site) else site
        location = f"{protocol}://{domain}{reverse(sitemap_url_name, kwargs={'section': section})}"
        lastmod = site.get_latest_lastmod()
        entries += [
            sitemap_views.SitemapIndexItem(location if number == 1 else f"{location}?p={number}", lastmod)
            for number in site.paginator.page_range
        ]
    response = TemplateResponse(request, template_name, {"sitemaps": entries}, content_type="application/xml")
    return response.render()


@pagecache.cache_for_readers
def sitemap(request, sitemaps, section, **kwargs):
    """Page ``?p=N`` of the sitemap ``section`` (404 for one that isn't there), cached for readers."""
    response = sitemap_views.sitemap(request, sitemaps, section=section, **kwargs).render()
    # Only a page that was there gets here (else Http404): its number is a whole number from 1.
    number = int(request.GET.get("p") or 1)
    pagecache.page_param(request, "p", number if number > 1 else None)
    pagecache.tag(request, pagecache.LATEST)
    return response


@pagecache.cache_for_readers
def news(request):
    """The news sitemap (``articles/sitemap_news.xml``), cached for readers until its oldest article drops out."""
    pagecache.tag(request, pagecache.LATEST)
    return sitemap_views.sitemap(request, {"news": NewsSitemap}, template_name="articles/sitemap_news.xml").render()
