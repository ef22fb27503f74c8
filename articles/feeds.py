"""RSS and Atom feeds: the whole site, one section (with its subsections), one author.

Each feed is Django's syndication ``Feed`` over ``Article.objects.published()``;
the Atom twin of each differs only in ``feed_type``.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles import conf
from articles.models import Article, Author, Category

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    """The newest published articles of the whole site."""

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

    def items(self, obj=None):
        return self.articles(obj).for_listing().prefetch_related("tags").newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_author_name(self, item):
        names = [byline.author.name for byline in item.ordered_bylines]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed


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


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed


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


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
