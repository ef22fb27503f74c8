"""RSS and Atom feeds: the whole site, one section (with its subsections), one author.

Each feed is Django's syndication ``Feed`` over ``Article.objects.published()``;
the Atom twin of each differs only in ``feed_type``. Links name the site's
public origin (``articles.origin``), not the host a request came by. Each
person on an article's byline is an author of their own: a ``<dc:creator>``
in RSS, an ``<author>`` in Atom (Django's generators write one, from one name).

The URLconf caches them as readers' pages (:func:`articles.pagecache.cache_for_readers`). Each names the list
it is to the page cache (``listing-latest``, ``listing-section-<pk>``, ``listing-author-<pk>``: purged when an
article joins or leaves it) and what its items show: each article, its authors and its tags.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from articles import conf, pagecache
from articles.models import Article, Author, Category
from articles.origin import public_url

FEED_LENGTH = 30
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class BylinedRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one ``<dc:creator>`` per name in an item's ``bylines``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("bylines", ()):
            handler.addQuickElement("dc:creator", name, {"xmlns:dc": DUBLIN_CORE})


class BylinedAtomFeed(Atom1Feed):
    """Atom with one ``<author>`` per name in an entry's ``bylines``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("bylines", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class PublicFeed(Feed):
    """A feed whose own link and address name the site's public origin (:mod:`articles.origin`), whatever host asked.

    Its ``link()`` returns a path, as Django's feeds expect; items give absolute ``item_link()`` URLs.
    """

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["link"] = iri_to_uri(public_url(self.link(obj)))
        feed.feed["feed_url"] = iri_to_uri(public_url(request.path))
        return feed


class LatestArticlesFeed(PublicFeed):
    """The newest published articles of the whole site."""

    feed_type = BylinedRssFeed

    def title(self, obj=None):
        return conf.get("NEWSROOM_SITE_NAME")

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return _("The latest articles from %(site)s.") % {"site": conf.get("NEWSROOM_SITE_NAME")}

    def subtitle(self, obj=None):
        return self.description(obj)

    def articles(self, obj):
        return Article.objects.published()

    def page_cache_tags(self, obj):
        """The page cache tags of the feed itself: the list it is (and the object it names)."""
        return [pagecache.LATEST]

    def items(self, obj=None):
        items = list(self.articles(obj).for_listing().prefetch_related("tags").newest_first()[:FEED_LENGTH])
        shown = (
            name
            for item in items
            for name in (
                pagecache.key(item),
                *(pagecache.key(Author, byline.author_id) for byline in item.bylines.all()),
                *(pagecache.key(tag) for tag in item.tags.all()),
            )
        )
        pagecache.tag_current(*self.page_cache_tags(obj), *shown)
        return items

    def item_link(self, item):
        return public_url(item.get_absolute_url())

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_extra_kwargs(self, item):
        # Each byline its own author element (the feed types above), so no joined item_author_name.
        return {"bylines": [byline.author.name for byline in item.ordered_bylines]}

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = BylinedAtomFeed


class SectionFeed(LatestArticlesFeed):
    """A section's newest articles, including its subsections'."""

    def get_object(self, request, path):
        return get_object_or_404(Category, path=path)

    def title(self, obj=None):
        return f"{obj.name} · {conf.get('NEWSROOM_SITE_NAME')}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return _("The latest articles in %(section)s.") % {"section": obj.name}

    def articles(self, obj):
        return Article.objects.published().in_category_tree(obj)

    def page_cache_tags(self, obj):
        return [pagecache.key(obj), pagecache.listing(obj)]


class SectionAtomFeed(SectionFeed):
    feed_type = BylinedAtomFeed


class AuthorFeed(LatestArticlesFeed):
    """One author's newest articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} · {conf.get('NEWSROOM_SITE_NAME')}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return _("The latest articles by %(author)s.") % {"author": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(bylines__author=obj)

    def page_cache_tags(self, obj):
        return [pagecache.key(obj), pagecache.listing(obj)]


class AuthorAtomFeed(AuthorFeed):
    feed_type = BylinedAtomFeed
