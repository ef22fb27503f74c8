"""The site's corrections page and feeds: every correction and update on a published article, newest first.

Many newsrooms keep such a page, so that readers (and the people an error
was about) can see what was put right. Each entry links to its article's
note. The page and the feeds carry the page cache tag ``corrections``
(purged when a note is saved or deleted), each shown article's tag (its
headline) and ``listing-latest`` (purged when an article is published or
withdrawn, which adds or removes its notes).
"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles import conf, pagecache
from articles.feeds import FEED_LENGTH, PublicFeed
from articles.models import Correction
from articles.origin import public_url


def _tag(request, notes):
    pagecache.tag(
        request, Correction.PAGE_CACHE_TAG, pagecache.LATEST, *{pagecache.key(note.article) for note in notes}
    )


@pagecache.cache_for_readers
def corrections(request):
    notes = Correction.objects.published().for_listing().newest_first()
    paginator = Paginator(notes, conf.get("NEWSROOM_ARTICLES_PER_PAGE"))
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404(_("No such page.")) from exc
    pagecache.page_param(request, "page", page.number if page.number > 1 else None)
    page.object_list = list(page.object_list)
    if page.has_previous():
        number = page.previous_page_number()
        page.previous_url = f"?{urlencode({'page': number})}" if number > 1 else escape_uri_path(request.path)
    if page.has_next():
        page.next_url = f"?{urlencode({'page': page.next_page_number()})}"
    _tag(request, page.object_list)
    return render(request, "articles/corrections.html", {"page_obj": page})


class CorrectionsFeed(PublicFeed):
    """The newest corrections and updates, each an item linking to its note on the article."""

    def get_object(self, request):
        """The items themselves, read here where the request is, to tag the page with their articles."""
        notes = list(Correction.objects.published().for_listing().newest_first()[:FEED_LENGTH])
        _tag(request, notes)
        return notes

    def title(self, obj=None):
        return _("Corrections · %(site)s") % {"site": conf.get("NEWSROOM_SITE_NAME")}

    def link(self, obj=None):
        return reverse("articles:corrections")

    def description(self, obj=None):
        return _("Corrections and updates to articles on %(site)s.") % {"site": conf.get("NEWSROOM_SITE_NAME")}

    def subtitle(self, obj=None):
        return self.description(obj)

    def items(self, obj):
        return obj

    def item_link(self, item):
        return public_url(f"{item.article.get_absolute_url()}#correction-{item.pk}")

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return item.text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
