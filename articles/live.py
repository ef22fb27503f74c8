"""Live coverage: a breaking story told in timed entries, readers' pages updating by themselves.

An article with a ``coverage_start`` is live (``Article.is_live``); its
coverage runs from then until ``coverage_end`` (empty: until an editor sets
one). Editors add ``LiveEntry`` rows in the admin; the
article's page shows them newest first under the body, server-rendered, so a
reader without JavaScript sees everything on a reload. The newest
``NEWSROOM_LIVE_ENTRIES_PER_PAGE`` are on the page itself, older ones on
``?page=2`` and after.

While the coverage runs, ``articles/live.js`` asks every
``NEWSROOM_LIVE_POLL_SECONDS`` for what is newer than the newest entry it has::

    GET /live/7/entries/?after=123

and gets an HTML fragment: the entries readers can see with an id above 123,
newest first (at most a page of them), in an element saying whether the
coverage still runs and which entry is now the newest. By id, not time: a new
entry always has a higher one, whatever time an editor gives it; the script
puts it in its place by time. An edited or deleted entry shows on the next
reload. A bad ``after`` is a 400, an article that is not a published live one
a 404.

The endpoint is cheap under a spike: two queries (the article, the newer
entries), and cached like a page (:func:`articles.pagecache.cache_for_readers`)
under the article's tag, ``article-7``. Saving or deleting an entry purges that
tag (``AppConfig.ready``), so the article's page and every ``?after=`` answer
are rendered afresh once, here and in the shared cache in front. Almost every
reader asks with the same ``after`` (the newest entry), so a poll is a cache
hit. A coverage that ends (or starts) by itself at a set time is declared with
:func:`articles.pagecache.changes_by_itself`: nothing cached outlives it.
"""

import re
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from articles import addresses, conf, pagecache
from articles.models import Article

_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
# The largest id a database column holds (a bigger one in a URL is no article, not an overflow).
MAX_ID = 2**63 - 1


@dataclass
class Coverage:
    """What the article page shows of a live article: a page of its entries and how to follow them."""

    running: bool
    entries: list = field(default_factory=list)
    number: int = 1
    older_url: str | None = None
    newer_url: str | None = None
    #: The endpoint the script polls, on the first page of a running coverage only.
    poll_url: str | None = None
    poll_seconds: int = 0
    #: The newest entry's id (``0`` if none yet): where the script's first ``?after=`` starts.
    latest: int = 0
    ends_at: object = None


def parse_after(value):
    """``?after=`` as a whole number, or ``None`` when it is missing or anything else."""
    if value is None or not _WHOLE_NUMBER.fullmatch(value):
        return None
    return int(value)


def page_number(request):
    """The ``?page=`` of a live article's entries; 404 for anything but a plain whole number from 1."""
    value = request.GET.get("page")
    if value is None:
        return 1
    if not _PAGE_NUMBER.fullmatch(value):
        raise Http404(_("No such page."))
    return int(value)


def visible_entries(article):
    """The entries of ``article`` readers see, newest first, with their authors."""
    return article.live_entries.published().for_page().newest_first()


def coverage(request, article, *, preview=False):
    """The :class:`Coverage` for ``article``'s page (``None`` if it is not live); 404 for a page of no entries.

    One query: a page of entries and one more, which says whether there are older ones. Shared by every
    reader until the article's tag is purged (a preview reads afresh: one reader sees it).
    """
    if not article.is_live:
        return None
    number = page_number(request)
    per_page = conf.get("NEWSROOM_LIVE_ENTRIES_PER_PAGE")
    start = (number - 1) * per_page

    def read():
        return list(visible_entries(article)[start : start + per_page + 1])

    if preview:
        # A preview shows what readers will see once it is out, entries set for later included.
        entries = list(article.live_entries.for_page().newest_first()[start : start + per_page + 1])
    else:
        entries = pagecache.shared(
            f"articles:live:{article.pk}:{number}", read, tags=[pagecache.key(Article, article.pk)], read_only=True
        )
    if number > 1 and not entries:
        raise Http404(_("No such page."))
    pagecache.page_param(request, "page", number if number > 1 else None)
    pagecache.changes_by_itself(article.coverage_changes_at())
    running = article.coverage_running()
    found = Coverage(running=running, entries=entries[:per_page], number=number, ends_at=article.coverage_end)
    if len(entries) > per_page:
        found.older_url = f"?page={number + 1}#live"
    if number > 1:
        found.newer_url = f"?page={number - 1}#live" if number > 2 else f"{article.get_absolute_url()}#live"
    if running and number == 1 and not preview:
        found.poll_url = addresses.reverse("articles:live-entries", kwargs={"pk": article.pk})
        found.poll_seconds = conf.get("NEWSROOM_LIVE_POLL_SECONDS")
        found.latest = max((entry.pk for entry in found.entries), default=0)
    return found


@pagecache.cache_for_readers
def entries(request, pk):
    """The entries of live article ``pk`` after ``?after=``, as an HTML fragment for ``articles/live.js``."""
    after = parse_after(request.GET.get("after"))
    if after is None:
        return HttpResponseBadRequest(_("Say which entry you have: ?after=<entry id>, 0 for none."))
    if pk > MAX_ID:
        raise Http404
    article = (
        Article.objects.published()
        .filter(pk=pk, coverage_start__isnull=False)
        .only("pk", "coverage_start", "coverage_end")
        .first()
    )
    if article is None:
        raise Http404
    pagecache.page_param(request, "after", after)
    pagecache.tag(request, pagecache.key(article))
    pagecache.changes_by_itself(article.coverage_changes_at())
    per_page = conf.get("NEWSROOM_LIVE_ENTRIES_PER_PAGE")
    newer = list(visible_entries(article).filter(pk__gt=after)[: per_page + 1])
    context = {
        "entries": newer[:per_page],
        # More came than one answer holds (a tab asleep for long): the script offers a reload.
        "complete": len(newer) <= per_page,
        "running": article.coverage_running(),
        "latest": max([after, *(entry.pk for entry in newer)]),
    }
    response = HttpResponse(render_to_string("articles/live_entries.html", context))
    response["X-Robots-Tag"] = "noindex"
    return response
