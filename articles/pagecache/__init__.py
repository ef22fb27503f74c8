"""A page cache for anonymous readers, emptied the moment anything they see changes.

A room of its own: it imports nothing from the articles or comments apps
(an import-linter contract says so), which both use it. The app that shows
the pages tells it what to watch, once, from its ``ready()``::

    from articles import pagecache

    @pagecache.cache_for_readers
    def home(request): ...

    pagecache.connect()                          # once: request and settings hooks
    pagecache.purge_when_changed(SiteSettings)   # saved or deleted: every cached page is stale
    pagecache.purge_when_changed(Author, tags=lambda author: [pagecache.key(author)])  # just the pages showing it
    pagecache.changes_at(next_publication)       # when pages change by themselves (a scheduled story)
    pagecache.purge_on_commit("article-7")       # or by hand, e.g. from a signal receiver

Settings: ``articles.pagecache.conf``; system checks: ``articles.pagecache.system_checks``.

How it stays correct without enumerating keys:

* Every stored page carries the site's current *generation*, a random token
  kept in the cache. A site-wide :func:`purge` replaces the token, so every
  page stored before it stops matching at once: one cache write, however
  many pages.
* Each page also names what it shows, as *tags* (``tag()``; see "Tags"
  below), and remembers when each of them was last purged as it was being
  rendered. ``purge("article-7")`` writes the time into the generation's
  short purge log, so only the pages showing article 7 stop matching: the
  lookup already read the generation, so this costs no cache read more.
  The log keeps a tag for ``NEWSROOM_PAGE_CACHE_SECONDS`` and a minute: a
  page rendered before an older purge has expired by then.
* Scheduled articles appear at their time with no cron job: a page never
  outlives the soonest time a source registered with :func:`changes_at`
  names (the articles app's next scheduled ``publish_at``; looked up once
  per generation, on the first miss), nor ``NEWSROOM_PAGE_CACHE_SECONDS``.
* Only requests that cannot see anything personal are served from, or
  stored in, the cache: GET/HEAD, no cookie except the CSRF cookie and those
  in ``NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES`` or registered with
  :func:`allow_cookies` (so a session, a message or the comments app's
  pending-comment cookie all bypass it), no ``Authorization``
  header, and no query parameter outside ``NEWSROOM_PAGE_CACHE_QUERY_PARAMS``
  (trackers in ``NEWSROOM_PAGE_CACHE_IGNORED_PARAMS``, such as ``utm_source``,
  are left out of the cache key instead, so shared links stay cached).
* Only plain 200 responses are stored: none that set a cookie, used the
  CSRF token, changed the session, vary on something other than ``Cookie``
  or say ``private`` / ``no-store``.
* Only under the page's canonical URL: its path and the query parameters its
  view declared with :func:`page_param` (``?page=2``), nothing else. Any
  other URL with only known parameters (``?page=1``, ``?page=02``,
  ``?comments_page=9`` on the home page, an out-of-range comment page) is
  redirected there, never rendered into a cache entry of its own: otherwise
  a few hundred made-up URLs would push every real page out of the cache.
  Links in a page must be built from its canonical URL too (never from the
  request's query string), since the page is served to every URL that
  shares its key, trackers included.

Tags name what a page shows: ``site`` (every page: the sections menu, the
site's settings), ``home``, one per object, ``<model>-<pk>`` (``key()``:
``article-7``, ``section-3``, ``author-2``, ``tag-5``, or a model's
``page_cache_tag``), for the pages that show it (its name, its teaser), and
one per list, ``listing-<...>`` (``listing()``: ``listing-section-3``, the
pages listing section 3's articles; ``listing-latest``, those listing the
newest of the whole site), for the pages whose rows change when an article
joins or leaves that list. A view declares them with ``tag()``; a shared part
(:func:`shared`) passes its own on to every page that uses it::

    pagecache.tag(request, pagecache.listing(section), *(pagecache.key(a) for a in articles))
    pagecache.purge_on_commit(pagecache.key(article))  # after commit: just the pages showing it
    pagecache.purge_on_commit(pagecache.LATEST, pagecache.listing(section))  # it joined these lists

A purge naming a list is always hard in the shared cache in front
(``articles.pagecache.backends.is_hard()``): a withdrawn story leaves every
list at once.

Cached pages are sent with an ``ETag`` and ``Last-Modified`` and, for a
shared HTTP cache in front (Varnish, nginx, a CDN)::

    Cache-Control: public, max-age=0, s-maxage=3600, stale-while-revalidate=30, stale-if-error=86400
    Surrogate-Key: article-7 author-2 section-3 site
    Cache-Tag: article-7,author-2,section-3,site
    Vary: Cookie, Authorization

so browsers revalidate every time (a 304 when nothing changed) while the
proxy keeps the page for ``s-maxage`` (``articles.pagecache.conf``; never
past the next scheduled article's time). Purges reach the proxy through
``NEWSROOM_SHARED_CACHE_PURGE`` (``articles.pagecache.backends``), from
the task worker once the transaction has committed. Pages for readers the
cache must not serve, and any response that sets a cookie, get ``private``
(``private, no-cache`` unless the view said more) and no tags. The
``X-Page-Cache`` header says ``hit``, ``miss`` or ``bypass``.

The cache is Django's ``default`` cache: local memory on one machine, Redis
(``CACHE_URL=redis://...``) when several app servers must purge together.
Local memory is per process, so there the generation (its purge log
included) lives in a small file that every process of the site on this
machine reads (one ``stat`` per request; the file is re-read only when it
changes): a purge in one gunicorn worker reaches all of them. Purges
rewrite it under a lock (``fcntl``), with a shared cache under a short lock
kept in the cache (``cache.add``), so two purges at once both count. ``NEWSROOM_PAGE_CACHE_GENERATION_FILE`` names
the file; by default it is in the temporary directory, named after the
database and the cache's key prefix.

The decorator alone is enough. Adding :class:`PageCacheMiddleware` right
after ``SecurityMiddleware`` / WhiteNoise answers hits before sessions, CSRF,
authentication and CSP run, which makes a hit several times cheaper::

    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "articles.pagecache.PageCacheMiddleware",
        ...
    ]

Readers the cache must not serve still share what every reader sees alike:
:func:`shared` keeps a part of a page (the comment thread, "You may also
like", the sections) until the next purge, under the same generation.
"""

import contextlib
import hashlib
import json
import logging
import math
import os
import pickle
import re
import secrets
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from functools import cache as memoise
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started, setting_changed
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date, parse_http_date_safe

from articles.pagecache import backends, conf, system_checks  # noqa: F401  (checks registers the system checks)

try:
    import fcntl
except ImportError:  # Windows: purges in two processes at once may lose one's tags (see _purge_lock)
    fcntl = None

logger = logging.getLogger(__name__)

GENERATION_KEY = "articles:pagecache:generation"
LOCK_KEY = "articles:pagecache:purge-lock"
PURGE_LOCK_SECONDS = 5
NEXT_PUBLISH_KEY = "articles:pagecache:next-publish"
PAGE_KEY = "articles:pagecache:page:{url}"
SHARED_KEY = "articles:pagecache:shared:{token}:{name}"
# Headers the view set that a cached copy must repeat; everything else is
# added again by middleware on the way out.
_KEPT_HEADERS = {"content-type", "content-language", "link", "x-robots-tag"}
_VALIDATORS = {"etag", "last-modified", "cache-control", "vary"}
# Never replayed from the cache (the middleware stores everything else).
_PER_RESPONSE_HEADERS = {"set-cookie", "x-page-cache", "date"}
# What a shared HTTP cache reads, and must never see on a page for one reader.
_SHARED_CACHE_HEADERS = ("Surrogate-Key", "Cache-Tag")

#: The tag every cached page carries: purging it empties them all.
SITE = "site"
#: The tag of the lists of the site's newest content (the home page, the site's feeds and sitemaps): purged with
#: every change to what lists show, a changed schedule included.
LATEST = backends.LISTING_PREFIX + "latest"
# A purge log longer than this is a site-wide purge instead: the generation is read on every request.
MAX_PURGE_LOG = 2000
# How long past the page cache's max age a purge stays in the log: a page is rendered and stored within it.
PURGE_LOG_MARGIN = 60


def cache_for_readers(view):
    """Serve ``view`` from the page cache to readers who can see nothing personal; store its plain pages."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        max_age = conf.get("NEWSROOM_PAGE_CACHE_SECONDS")
        if not max_age or not _is_anonymous_read(request):
            response = _canonical(request, view(request, *args, **kwargs))
            return _mark_bypass(request, response)
        # PageCacheMiddleware, when installed, has looked already (and missed).
        key, generation, hit = getattr(request, "_page_cache_lookup", None) or _lookup(request)
        if hit is not None:
            return _conditional(request, hit, hit=True)
        response = _canonical(request, view(request, *args, **kwargs))
        if not _is_storable(request, response):
            return _mark_bypass(request, response)
        changes = min(_next_publish(generation), _changes_by_itself())
        expires = min(time.time() + max_age, changes)
        # Each tag's last purge as this request first saw it: a purge while it rendered makes the page stale.
        seen = _seen({SITE, *getattr(request, "_page_cache_tags", ()), *_part_tags()}, generation)
        _shared_cache_headers(response, tags=seen, changes=changes)
        patch_vary_headers(response, ["Cookie", "Authorization"])
        set_response_etag(response)
        response["Last-Modified"] = http_date(max(generation["since"], *seen.values()))
        if expires > time.time():
            store = {"generation": generation["token"], "seen": seen, "expires": expires, "changes": changes}
            if hasattr(request, "_page_cache_lookup"):
                # The middleware stores the finished response, with every header the stack adds.
                response._page_cache_store = (key, store)
            else:
                _store(key, response, store, headers=_KEPT_HEADERS)
        return _conditional(request, response, hit=False)

    return cached_view


class PageCacheMiddleware:
    """Optional: answer cache hits before the rest of the middleware runs (sessions, CSRF, CSP, ...).

    Put it right after ``SecurityMiddleware`` and WhiteNoise. Only views
    wrapped in :func:`cache_for_readers` are ever stored; it stores their
    finished responses, headers included, so a hit costs one cache read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if conf.get("NEWSROOM_PAGE_CACHE_SECONDS") and _is_anonymous_read(request):
            request._page_cache_lookup = _lookup(request)
            hit = request._page_cache_lookup[2]
            if hit is not None:
                return _conditional(request, hit, hit=True)
        response = self.get_response(request)
        store = getattr(response, "_page_cache_store", None)
        if store is not None and response.cookies:
            # A middleware after the view set a cookie: the page is this reader's now, for every cache.
            _make_private(response)
        elif store is not None and response.status_code == 200:
            key, entry = store
            _store(key, response, entry, headers=None)
        return response


def page_param(request, name, value):
    """Declare that this page's query parameter ``name`` is ``value`` (``None``: the page has no such parameter).

    Call it while handling the request (a template tag may): the page's
    canonical URL is its path plus the declared parameters, and a request for
    the same page by any other URL with only known parameters is redirected
    there instead of being stored (see the module docstring). A view that
    declares nothing has no query parameters::

        page = paginator.page(number)
        pagecache.page_param(request, "page", page.number if page.number > 1 else None)
    """
    declared = getattr(request, "_page_cache_params", None)
    if declared is None:
        declared = request._page_cache_params = {}
    declared[name] = None if value is None else str(value)


def tag(request, *tags):
    """Declare that this page shows what ``tags`` name, so purging any of them refreshes it.

    Call it while handling the request (a template tag may), with
    ``key()`` for objects and ``listing()`` for pages of lists; every page
    carries ``"site"`` as well. Only stored pages are sent with their tags
    (``Surrogate-Key``, ``Cache-Tag``)::

        pagecache.tag(request, pagecache.listing(author), *(pagecache.key(article) for article in page))
    """
    declared = getattr(request, "_page_cache_tags", None)
    if declared is None:
        declared = request._page_cache_tags = set()
    declared.update(tags)


def tag_current(*tags):
    """As :func:`tag`, for code with no request at hand (a feed's ``items()``): the page being handled shows
    what ``tags`` name. Outside a request it does nothing."""
    _add_part_tags(tags)


def key(obj, pk=None):
    """The tag of one object (``key(article)``) or of a model's row (``key(Article, 7)``): ``"article-7"``.

    Named by the model's ``page_cache_tag`` attribute when it has one (the
    articles app calls its categories ``section``), else its model name.
    Tags are words of letters, digits, ``-`` and ``_`` (a key of another
    kind has the rest replaced by ``_``): headers separate them with spaces
    and commas, and a Varnish ban matches them as whole words.
    """
    model = obj if isinstance(obj, type) else type(obj)
    name = getattr(model, "page_cache_tag", None) or model._meta.model_name
    return _UNSAFE_IN_TAGS.sub("_", f"{name}-{obj.pk if pk is None else pk}")


_UNSAFE_IN_TAGS = re.compile(r"[^A-Za-z0-9_-]")


def listing(obj, pk=None):
    """The tag of the lists of what ``obj`` names: ``listing(section)`` is ``"listing-section-3"``, the pages
    listing that section's articles; ``listing("latest")`` is :data:`LATEST`.

    A page of a list carries it besides its teasers' ``key()``: an edit of a
    listed article purges the article's key, and its joining or leaving a list
    (published, withdrawn, moved) purges that list's tag, so the lists it never
    was in stay cached. Purges naming a list are always hard in the shared
    cache (``articles.pagecache.backends.is_hard()``).
    """
    name = _UNSAFE_IN_TAGS.sub("_", obj) if isinstance(obj, str) else key(obj, pk)
    return backends.LISTING_PREFIX + name


def purge(*tags):
    """Make the cached pages showing any of ``tags`` stale now; with none (or ``SITE``), every page.

    One write of the generation, and one purge queued for the shared HTTP
    cache in front (``NEWSROOM_SHARED_CACHE_PURGE``). Prefer
    :func:`purge_on_commit` inside transactions.
    """
    tags = {str(name) for name in tags}
    with _purge_lock():
        current = _current_generation(cache.get(GENERATION_KEY))
        now = time.time()
        horizon = now - conf.get("NEWSROOM_PAGE_CACHE_SECONDS") - PURGE_LOG_MARGIN
        log = {name: when for name, when in current.get("purged", {}).items() if when > horizon}
        if not tags or SITE in tags or len(log | dict.fromkeys(tags)) > MAX_PURGE_LOG:
            tags = {SITE}
            generation = _new_generation()
        else:
            # Never the same time twice for a tag: a page remembers which purge it saw by its time.
            log.update({name: max(now, log.get(name, 0) + 1e-6) for name in tags})
            generation = {**current, "purged": log}
        path = _generation_file()
        if path is not None:
            _write_generation_file(path, generation)
        cache.set(GENERATION_KEY, generation, None)
    if SITE in tags:
        cache.delete(NEXT_PUBLISH_KEY)
    state = _current_request()
    if state is not None:
        state.generation = generation
    backends.queue(sorted(tags))


def shares():
    """Whether :func:`shared` keeps what it builds: no with the page cache off (``NEWSROOM_PAGE_CACHE_SECONDS = 0``).

    For a caller that prepares a part for sharing (slots filled in per request, say): without sharing, it
    can build the part for this request alone.
    """
    return bool(conf.get("NEWSROOM_PAGE_CACHE_SECONDS"))


def shared(name, build, *, tags=(), read_only=False):
    """``build()``, worked out once per generation and shared by every request until the next purge.

    For the parts of a page that every reader sees alike (the comment thread,
    "You may also like", the sections), so the requests the page cache must
    not answer (signed-in readers, commenters awaiting moderation) still skip
    those queries. ``name`` must name everything the result depends on besides
    the site's content, which any purge covers: the article, the page number,
    the language... The result goes through the cache, so it must pickle, and
    each caller gets its own copy, unless ``read_only``: the callers only
    read it (no attribute set, nothing appended), so this process keeps the
    object itself for the current generation and hands every request the same
    one, with no unpickling. ``None`` (nothing found) is not kept. With
    the page cache off (``NEWSROOM_PAGE_CACHE_SECONDS = 0``) this is just
    ``build()``.

    ``tags`` (or ``tags(value)``, a function of what ``build()`` returned)
    name what the part shows, as for ``tag()``: purging one of them
    rebuilds it, and every page that uses the part carries them too. Without
    tags, only a site-wide purge rebuilds it::

        teasers = pagecache.shared(
            f"related:{article.pk}",
            lambda: you_may_also_like(article),
            tags=lambda teasers: [pagecache.key(t) for t in [article, *teasers]],
        )
    """
    max_age = conf.get("NEWSROOM_PAGE_CACHE_SECONDS")
    if not max_age:
        return build()
    generation = _generation()
    # Hashed: any name makes a short key that every cache backend accepts.
    key = SHARED_KEY.format(token=generation["token"], name=hashlib.sha256(name.encode()).hexdigest()[:32])
    found = _read(key, token=generation["token"], private=True, same=read_only)
    # (A part kept before tags existed has two items: built again.)
    if found is not None and len(found) == 3 and found[0] > time.time() and _unchanged(found[2], generation):
        _add_part_tags(found[2])
        return found[1]
    value = build()
    if value is None:
        # Nothing found is not kept: made-up URLs must not crowd real pages out of the cache.
        return value
    seen = _seen(tags(value) if callable(tags) else tags, generation)
    _add_part_tags(seen)
    # Like a page, it never outlives the next scheduled article's publication.
    expires = min(time.time() + max_age, _next_publish(generation), _changes_by_itself())
    if expires > time.time():
        _keep(
            key,
            (expires, value, seen),
            token=generation["token"],
            timeout=expires - time.time(),
            private=True,
            same=read_only,
        )
    return value


def shared_html(request, name, render, *, page_tags=False):
    """``render()``, a piece of a page's HTML, rendered once per generation for every request that asks.

    For a piece that is the same for every reader, as the view's data make it
    (the site's header, an article's text). ``page_tags``: it shows what this
    page shows, so it carries every tag the request has named so far (the
    view's and those of the shared parts it read) and any purge that could
    change it rebuilds it; otherwise only a site-wide purge does (the header:
    the sections menu and the site's settings). ``name`` must name everything
    else it depends on (the article, the language). Never for anything
    personal: the template says which pieces are shared
    (``{% shared_fragment %}``), and nothing for one reader belongs in them.
    """
    if request is None:
        return render()
    if not page_tags:
        return shared(name, render, read_only=True)
    return shared(
        name,
        render,
        tags=lambda _html: {*getattr(request, "_page_cache_tags", ()), *_part_tags()},
        read_only=True,
    )


def once_per_request(name, build):
    """``build()`` once per request: every call in the same request gets the same object.

    For a part several places of one page ask for (the sections: the menu, the
    breadcrumbs, the section a path names), so the page reads it once rather
    than once per place. Outside a request (a command, a test without the
    client) it is just ``build()``::

        snapshot = pagecache.once_per_request("sections", lambda: pagecache.shared("sections", read_sections))
    """
    state = _current_request()
    if state is None:
        return build()
    kept = state.kept
    if name not in kept:
        kept[name] = build()
    return kept[name]


def changes_by_itself(when):
    """Declare that the page being rendered changes by itself at ``when`` (a timezone-aware ``datetime``).

    Call it while handling the request (``None`` does nothing): the page, and
    the shared parts built for it from then on, are kept no longer than that,
    here and in the shared cache in front (``s-maxage``), as for a scheduled
    article. The articles app says so for a live article's "Live" badge,
    which goes when its coverage ends. Outside a request it does nothing.
    """
    state = _current_request()
    if when is not None and state is not None:
        state.changes = min(state.changes, when.timestamp())


def _changes_by_itself():
    state = _current_request()
    return math.inf if state is None else state.changes


def purge_on_commit(*tags):
    """Purge ``tags`` (none: every page) once the current transaction commits (at once outside one), so no
    reader caches the old page after it.

    The tags of one transaction go out together, in one purge: each call
    adds its tags to the transaction's pending purge and queues it on commit;
    the first of its callbacks to run sends everything, the others find it
    done. A savepoint rolled back takes its callbacks with it; if they were
    the pending purge's last, that purge is dropped (what was asked for inside
    the savepoint) and the next call starts a new one.
    """
    connection = connections[DEFAULT_DB_ALIAS]  # the one on_commit() queues on, for this thread
    queued = _queued_purges.get(connection)
    job = queued() if queued is not None else None
    if job is None or job.done:
        job = PendingPurge()
        _queued_purges[connection] = weakref.ref(job)
    job.tags.update({str(name) for name in tags} if tags else {SITE})
    transaction.on_commit(job)  # outside a transaction this runs it at once


# Each database connection's pending purge, held weakly: only Django's list of on-commit callbacks keeps it
# alive, so when a rollback (of the transaction, or of the savepoints it was queued in) discards its callbacks,
# CPython frees it at once and the next call starts a new one (as ``articles.related`` does: Django has no
# public way to look into that list).
_queued_purges = weakref.WeakKeyDictionary()


class PendingPurge:
    """The purge :func:`purge_on_commit` queues on commit: every tag asked for in the transaction, sent once."""

    def __init__(self):
        self.tags = set()
        self.done = False  # tests run callbacks without committing; a purge that ran takes no more tags

    def __call__(self):
        if not self.done:
            self.done = True
            purge(*self.tags)


def purge_receiver(sender, raw=False, **kwargs):
    """A signal receiver: purge every page after commit. Connect it to any signal that means "readers see
    something new" everywhere (the site's settings, the sections menu)."""
    if not raw:  # fixtures load rows as they are
        purge_on_commit()


def connect():
    """Hook the page cache into requests and settings changes. Called once, from an app's ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="articles_pagecache_setting_changed")
    request_started.connect(_request_started, dispatch_uid="articles_pagecache_request_started")
    request_finished.connect(_request_finished, dispatch_uid="articles_pagecache_request_finished")


def purge_when_changed(*models, tags=None):
    """Purge after commit whenever a row of one of ``models`` is saved or deleted.

    ``tags(instance)``: the tags to purge (``lambda author: [pagecache.key(author)]``); without it, every
    page. An automatic many-to-many ``through`` model (``Article.tags.through``) is watched for its rows
    being added, removed or cleared, and purges every page.
    """
    receiver = purge_receiver if tags is None else _TagsReceiver(tags)
    for model in models:
        uid = f"articles_pagecache_{model._meta.label_lower}"
        if model._meta.auto_created:
            if tags is not None:
                raise ValueError(f"{model._meta.label}: purge by tags from an m2m_changed receiver of your own.")
            m2m_changed.connect(receiver, sender=model, dispatch_uid=uid)
            continue
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}_{signal is post_save}", weak=False)


class _TagsReceiver:
    def __init__(self, tags):
        self.tags = tags

    def __call__(self, sender, instance, raw=False, **kwargs):
        if not raw:
            purge_on_commit(*self.tags(instance))


_next_change_sources = []


def changes_at(source):
    """Register ``source()``: the next time readers' pages change by themselves (a timezone-aware
    ``datetime``, or ``None``). A cached page never outlives the soonest of them."""
    if source not in _next_change_sources:
        _next_change_sources.append(source)
    return source


_cookie_sources = []


def allow_cookies(source):
    """Register ``source()``: names of cookies that change nothing on a reader page, like
    ``NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES`` but declared by the app that sets them (read on every
    request, so a renamed cookie follows its setting)."""
    if source not in _cookie_sources:
        _cookie_sources.append(source)
    return source


# --- Within one request ---------------------------------------------------------------------------------------

# While a request is handled, its state (_RequestState): among the rest, the generation it first read (a
# request is one moment of the site), so its page lookup and every shared part cost one cache read between
# them. Outside requests (tasks, shells), every call reads the generation afresh.
_request = Local()
# With a cache on another machine (Redis), this process's copies of what it holds for the current
# generation: a page or a shared part read once from there is then served from here, and a request
# costs one round trip (the generation) instead of one per part.
NEAR_COPIES_MAX_BYTES = 32 * 1024 * 1024


class _NearCopies:
    """A bounded store of ``key -> value`` for one generation, dropping the least recently used first."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.token = None
        self.items = OrderedDict()  # key -> (size, value)
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, *, token):
        with self.lock:
            item = self.items.get(key) if token == self.token else None
            if item is None:
                return None
            self.items.move_to_end(key)
            return item[1]

    def put(self, key, value, *, size, token):
        with self.lock:
            if token != self.token:  # a purge: everything kept belongs to the old generation
                self.items.clear()
                self.size = 0
                self.token = token
            old = self.items.pop(key, None)
            self.size -= old[0] if old else 0
            if size > self.max_bytes:
                return
            self.items[key] = (size, value)
            self.size += size
            while self.size > self.max_bytes:
                _key, (dropped, _value) = self.items.popitem(last=False)
                self.size -= dropped


_near = _NearCopies(NEAR_COPIES_MAX_BYTES)


def _setting_changed(setting, **kwargs):
    if setting in {"CACHES", "DATABASES", "ROOT_URLCONF", "NEWSROOM_PAGE_CACHE_GENERATION_FILE"}:
        _generation_file.cache_clear()


class _RequestState:
    """What the request being handled has read and declared so far: one object, set once per request (each
    attribute of a ``Local`` costs a context-variable lookup to read and to write)."""

    __slots__ = ("changes", "generation", "kept", "part_tags")

    def __init__(self):
        self.generation = None  # the generation it first read
        self.part_tags = set()  # the tags of the shared parts it used
        self.kept = {}  # once_per_request()'s parts
        self.changes = math.inf  # changes_by_itself()'s soonest time


def _current_request():
    """The state of the request being handled, ``None`` outside one (a task, a shell)."""
    return getattr(_request, "state", None)


def _request_started(**kwargs):
    _request.state = _RequestState()


def _request_finished(**kwargs):
    _request.state = None


def _add_part_tags(tags):
    """The tags of a shared part this request used: the page that shows it carries them too."""
    state = _current_request()
    if state is not None:
        state.part_tags = state.part_tags | set(tags)


def _part_tags():
    state = _current_request()
    return set() if state is None else state.part_tags


def _seen(tags, generation):
    """``{tag: its last purge in generation's log, 0 if none}``, stored with a page or part to check it against."""
    log = generation.get("purged", {})
    return {name: log.get(name, 0) for name in sorted(set(tags))}


def _unchanged(seen, generation):
    """Whether no tag in ``seen`` was purged since. A tag gone from the log was last purged so long ago that a
    page which saw an older purge of it has expired: it is unchanged for every page still alive."""
    log = generation.get("purged", {})
    return all(log.get(name, when) == when for name, when in seen.items())


def _generation():
    state = _current_request()
    if state is None:
        return _current_generation(cache.get(GENERATION_KEY))
    if state.generation is None:
        state.generation = _current_generation(cache.get(GENERATION_KEY))
    return state.generation


def _read(key, *, token, private, same=False):
    """``cache.get(key)``; with a cache on another machine, this process's copy when it has one.

    ``private``: each caller gets its own copy (a shared part may be changed by
    the page it is given to); pages are only read, so theirs is not copied.
    ``same``: a part its callers only read, kept here as the object itself with
    any cache (local memory too, which would unpickle it on every read), and
    the same object handed to every caller.
    """
    near = same or _generation_file() is None
    if near:
        value = _near.get(key, token=token)
        if value is not None:
            return pickle.loads(value) if private and not same else value
    value = cache.get(key)
    if near and value is not None:
        _keep_near(key, value, token=token, private=private, same=same)
    return value


def _keep(key, value, *, token, timeout, private, same=False):
    """``cache.set()`` for whole seconds, rounded up (Redis keeps no fractions), and keep a copy here."""
    cache.set(key, value, math.ceil(timeout))
    if same or _generation_file() is None:
        _keep_near(key, value, token=token, private=private, same=same)


def _keep_near(key, value, *, token, private, same=False):
    if same:
        _near.put(key, value, size=len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)), token=token)
    elif private:
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        _near.put(key, pickled, size=len(pickled), token=token)
    else:
        _near.put(key, value, size=len(value["content"]), token=token)


# --- Deciding ------------------------------------------------------------------------------------------------


def _is_anonymous_read(request):
    if request.method not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in request.META:
        return False
    harmless = {settings.CSRF_COOKIE_NAME, *conf.get("NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES")}
    harmless.update(name for source in _cookie_sources for name in source())
    if any(name not in harmless for name in request.COOKIES):
        return False
    return _has_known_query(request)


def _has_known_query(request):
    """Whether every query parameter is one a cached page may carry or a tracker."""
    understood = set(conf.get("NEWSROOM_PAGE_CACHE_QUERY_PARAMS"))
    return all(name in understood or _ignored(name) for name, _value in _query(request))


def _canonical(request, response):
    """``response``, or a redirect to the page's canonical URL when it was asked for by another.

    Only for URLs the cache could key a page under (known parameters only),
    whoever asks, so that every reader follows the same URLs; other requests
    are never stored and get the page as the view made it.
    """
    if response.status_code != 200 or request.method not in {"GET", "HEAD"} or not _has_known_query(request):
        return response
    declared = getattr(request, "_page_cache_params", {})
    canonical = sorted((name, value) for name, value in declared.items() if value is not None)
    query = _query(request)
    if [(name, value) for name, value in query if not _ignored(name)] == canonical:
        return response
    # Trackers are kept: they change nothing on the page, and the reader's analytics may want them.
    target = canonical + [(name, value) for name, value in query if _ignored(name)]
    # One leading slash: "//host/" would send the reader to another site.
    path = escape_uri_path("/" + request.path.lstrip("/"))
    return HttpResponseRedirect(path + (f"?{urlencode(target)}" if target else ""))


def _query(request):
    return parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)


def _ignored(name):
    """Whether the query parameter ``name`` is a tracker that changes nothing on the page."""
    for pattern in conf.get("NEWSROOM_PAGE_CACHE_IGNORED_PARAMS"):
        if name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1])):
            return True
    return False


def _page_url(request):
    """The URL a page is cached under: without tracking parameters, so ``?utm_source=x`` shares the plain page."""
    query = [(name, value) for name, value in _query(request) if not _ignored(name)]
    return request.build_absolute_uri(request.path) + (f"?{urlencode(query)}" if query else "")


def _is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # The CSRF middleware sets its cookie after the view: a page that used
    # the token is personal even though the cookie is not on it yet.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    # A per-request CSP nonce (django-csp) in the HTML would not match the next response's header.
    # django-csp's documented test: ``request.csp_nonce`` is true once the page has used it.
    if getattr(request, "csp_nonce", None):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie", "accept-encoding"}


def _mark_bypass(request, response):
    if request.method in {"GET", "HEAD"} and "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    elif response.cookies:
        _make_private(response)
    for name in _SHARED_CACHE_HEADERS:
        del response[name]
    response["X-Page-Cache"] = "bypass"
    return response


def _make_private(response):
    """Keep ``response`` (one reader's: it sets a cookie) out of every shared cache."""
    del response["Cache-Control"]  # ours said "public, s-maxage=...": none of it holds for one reader's page
    patch_cache_control(response, private=True, no_cache=True)
    for name in _SHARED_CACHE_HEADERS:
        del response[name]


def _shared_cache_headers(response, *, tags, changes):
    """What a shared HTTP cache in front needs: how long to keep the page, and what it shows.

    Never kept past ``changes``, when the page changes by itself (a scheduled article).
    """
    seconds = max(0, math.floor(min(conf.shared_cache_seconds(), changes - time.time())))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={seconds}, "
        f"stale-while-revalidate={conf.get('NEWSROOM_SHARED_CACHE_STALE_WHILE_REVALIDATE')}, "
        f"stale-if-error={conf.get('NEWSROOM_SHARED_CACHE_STALE_IF_ERROR')}"
    )
    response["Surrogate-Key"] = " ".join(sorted(tags))
    response["Cache-Tag"] = ",".join(sorted(tags))


def _conditional(request, response, *, hit):
    response["X-Page-Cache"] = "hit" if hit else "miss"
    conditional = get_conditional_response(
        request, etag=response["ETag"], last_modified=parse_http_date_safe(response["Last-Modified"]), response=response
    )
    if conditional is not response:
        conditional["X-Page-Cache"] = response["X-Page-Cache"]
    return conditional


# --- Storing -------------------------------------------------------------------------------------------------


def _new_generation():
    return {"token": secrets.token_hex(8), "since": int(time.time()), "purged": {}}


@contextlib.contextmanager
def _purge_lock():
    """One purge at a time for the site, so two at once both count (each rewrites the purge log).

    With the generation file, an ``fcntl`` lock on a file beside it; with a
    shared cache, a key added with ``cache.add`` (Redis ``SET NX``) that
    expires by itself should its holder die. Waits at most that long, then
    goes ahead: a lost tag purge costs a stale page until the max age, a
    purge that never happens costs more.
    """
    path = _generation_file()
    if path is not None and fcntl is not None:
        try:
            file = open(f"{path}.lock", "a")  # noqa: SIM115  (closed below, after the lock)
        except OSError:
            yield  # the generation file cannot be written either: _write_generation_file logs it
            return
        with file:
            fcntl.flock(file, fcntl.LOCK_EX)
            yield
        return
    token = secrets.token_hex(8)
    deadline = time.monotonic() + PURGE_LOCK_SECONDS
    while not cache.add(LOCK_KEY, token, PURGE_LOCK_SECONDS) and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)


def _start_generation():
    """The generation after a cold start: ``add`` so a purge that raced us wins."""
    generation = _new_generation()
    if cache.add(GENERATION_KEY, generation, None):
        return generation
    return cache.get(GENERATION_KEY) or generation


def _current_generation(cached):
    """The generation every process agrees on: the cache's, or the shared file's when the cache is per process."""
    path = _generation_file()
    # Once the file could not be written (logged), this process keeps to the cache's generation,
    # so at least its own purges still count.
    if path is not None and path not in _file_failed:
        shared = _read_generation_file(path) or _create_generation_file(path)
        if shared is not None:
            return shared
    return cached or _start_generation()


# --- The generation shared through a file, for per-process caches ---------------------------------------------

_file_seen = {}  # path -> ((inode, mtime, size), generation): re-read only when the file changes
_file_failed = set()  # paths this process could not write, already logged


def generation_file():
    """The shared generation file's path, or ``None`` when the cache itself is shared (Redis)."""
    return _generation_file()


@memoise  # several calls a request; forgotten when a setting it reads changes (tests)
def _generation_file():
    configured = conf.get("NEWSROOM_PAGE_CACHE_GENERATION_FILE")
    if configured:
        return str(configured)
    if not isinstance(caches["default"], LocMemCache):
        return None
    database = settings.DATABASES["default"]
    site = "|".join(
        str(part) for part in (database.get("NAME"), database.get("HOST"), cache.key_prefix, settings.ROOT_URLCONF)
    )
    digest = hashlib.sha256(site.encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"newsroom-pagecache-{digest}.json")


def _read_generation_file(path):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    seen = _file_seen.get(path)
    if seen is not None and seen[0] == stamp:
        return seen[1]
    try:
        with open(path, encoding="utf-8") as file:
            generation = json.load(file)
        generation = {
            "token": str(generation["token"]),
            "since": int(generation["since"]),
            "purged": {str(name): float(when) for name, when in generation.get("purged", {}).items()},
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    _file_seen[path] = (stamp, generation)
    return generation


def _write_generation_file(path, generation, *, only_if_absent=False):
    """Replace (or create) the file atomically: readers see the old generation or the new one, never half."""
    temporary = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(generation, file)
        if only_if_absent:
            try:
                os.link(temporary, path)
            finally:
                os.unlink(temporary)
        else:
            os.replace(temporary, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        if path not in _file_failed:
            _file_failed.add(path)
            logger.exception(
                "Could not write the page cache's generation file %s: a purge here does not reach other processes",
                path,
            )
        return False


def _create_generation_file(path):
    """A first generation for a site that has none yet; if another process wrote one first, theirs wins."""
    generation = _new_generation()
    if _write_generation_file(path, generation, only_if_absent=True):
        return generation
    return _read_generation_file(path)  # None if it cannot be written either


def _next_publish(generation):
    """Unix time of the soonest scheduled article (infinity if none), looked up once per generation."""
    stored = cache.get(NEXT_PUBLISH_KEY)
    # Kept with its generation and the last purge of LATEST (which a changed schedule purges): a purge in
    # another process (whose delete cannot reach this cache) still counts.
    seen = _seen([LATEST], generation)
    current = isinstance(stored, tuple) and len(stored) == 3 and stored[0] == generation["token"]
    soonest = stored[2] if current and _unchanged(stored[1], generation) else None
    if soonest is None or soonest <= time.time():
        times = [when.timestamp() for when in (source() for source in _next_change_sources) if when is not None]
        soonest = min(times, default=math.inf)
        # Looked up again after the max age at the latest, or once that article is out.
        timeout = min(conf.get("NEWSROOM_PAGE_CACHE_SECONDS"), soonest - time.time())
        if timeout > 0:
            cache.set(NEXT_PUBLISH_KEY, (generation["token"], seen, soonest), math.ceil(timeout))
    return soonest


def _lookup(request):
    """``(key, generation, cached response or None)`` for this request.

    With a cache on another machine, usually one round trip: the generation
    (the page is this process's copy once it has been read).
    """
    key = PAGE_KEY.format(url=_page_url(request))
    generation = _generation()
    entry = _read(key, token=generation["token"], private=False)
    if (
        entry
        and entry["generation"] == generation["token"]
        and entry["expires"] > time.time()
        and "seen" in entry  # (one kept before tags existed is rendered again)
        and _unchanged(entry["seen"], generation)
    ):
        return key, generation, _from_entry(entry)
    return key, generation, None


def _store(key, response, entry, *, headers):
    """Keep ``response`` as ``entry`` says (generation, tags seen, expiry) with the named headers (all but
    per-response ones if ``None``)."""
    if headers is None:
        kept = [(k, v) for k, v in response.items() if k.lower() not in _PER_RESPONSE_HEADERS]
    else:
        kept = [
            (k, v)
            for k, v in response.items()
            if k.lower() in headers or k.lower() in _VALIDATORS or k in _SHARED_CACHE_HEADERS
        ]
    entry = {**entry, "content": response.content, "headers": kept}
    # The entry's own ``expires`` is exact; the cache's timeout is in whole seconds.
    _keep(key, entry, token=entry["generation"], timeout=entry["expires"] - time.time(), private=False)


def _from_entry(entry):
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    # Counted from now: a shared cache must not keep it past the next scheduled article any more than we do.
    _shared_cache_headers(response, tags=entry["seen"], changes=entry["changes"])
    return response
