"""A page cache for anonymous readers, emptied the moment anything they see changes.

A room of its own: it imports nothing from the articles or comments apps
(an import-linter contract says so), which both use it. The app that shows
the pages tells it what to watch, once, from its ``ready()``::

    from articles import pagecache

    @pagecache.cache_for_readers
    def home(request): ...

    pagecache.connect()                          # once: request and settings hooks
    pagecache.purge_when_changed(Article, Tag)   # saved or deleted: every cached page is stale
    pagecache.changes_at(next_publication)       # when pages change by themselves (a scheduled story)
    pagecache.purge_on_commit()                  # or by hand, e.g. from a signal receiver

Settings: ``articles.pagecache.conf``; system checks: ``articles.pagecache.system_checks``.

How it stays correct without enumerating keys:

* Every stored page carries the site's current *generation*, a random token
  kept in the cache. :func:`purge` replaces the token, so every page stored
  before it stops matching at once: one cache write, however many pages.
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

Cached pages are sent with an ``ETag`` and ``Last-Modified`` and
``Cache-Control: public, max-age=0, must-revalidate``, so browsers and
proxies revalidate every time and get a 304 when nothing changed; pages for
readers the cache must not serve get ``private, no-cache``. The
``X-Page-Cache`` header says ``hit``, ``miss`` or ``bypass``.

The cache is Django's ``default`` cache: local memory on one machine, Redis
(``CACHE_URL=redis://...``) when several app servers must purge together.
Local memory is per process, so there the generation lives in a small file
that every process of the site on this machine reads (one ``stat`` per
request; the file is re-read only when it changes): a purge in one gunicorn
worker reaches all of them. ``NEWSROOM_PAGE_CACHE_GENERATION_FILE`` names
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

import hashlib
import json
import logging
import math
import os
import pickle
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from functools import cache as memoise
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started, setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date, parse_http_date_safe

from articles.pagecache import conf, system_checks  # noqa: F401  (checks registers the system checks)

logger = logging.getLogger(__name__)

GENERATION_KEY = "articles:pagecache:generation"
NEXT_PUBLISH_KEY = "articles:pagecache:next-publish"
PAGE_KEY = "articles:pagecache:page:{url}"
SHARED_KEY = "articles:pagecache:shared:{token}:{name}"
# Headers the view set that a cached copy must repeat; everything else is
# added again by middleware on the way out.
_KEPT_HEADERS = {"content-type", "content-language", "link", "x-robots-tag"}
_VALIDATORS = {"etag", "last-modified", "cache-control", "vary"}
# Never replayed from the cache (the middleware stores everything else).
_PER_RESPONSE_HEADERS = {"set-cookie", "x-page-cache", "date"}


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
        expires = min(time.time() + max_age, _next_publish(generation))
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)
        response["Last-Modified"] = http_date(generation["since"])
        if expires > time.time():
            if hasattr(request, "_page_cache_lookup"):
                # The middleware stores the finished response, with every header the stack adds.
                response._page_cache_store = (key, generation["token"], expires)
            else:
                _store(key, response, generation=generation["token"], expires=expires, headers=_KEPT_HEADERS)
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
        if store is not None and not response.cookies and response.status_code == 200:
            key, generation, expires = store
            _store(key, response, generation=generation, expires=expires, headers=None)
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


def purge():
    """Make every cached page stale now (one cache write). Prefer :func:`purge_on_commit` inside transactions."""
    generation = _new_generation()
    path = _generation_file()
    if path is not None:
        _write_generation_file(path, generation)
    cache.set(GENERATION_KEY, generation, None)
    cache.delete(NEXT_PUBLISH_KEY)
    if getattr(_request, "active", False):
        _request.generation = generation


def shared(name, build):
    """``build()``, worked out once per generation and shared by every request until the next purge.

    For the parts of a page that every reader sees alike (the comment thread,
    "You may also like", the sections), so the requests the page cache must
    not answer (signed-in readers, commenters awaiting moderation) still skip
    those queries. ``name`` must name everything the result depends on besides
    the site's content, which any purge covers: the article, the page number,
    the language... The result goes through the cache, so it must pickle, and
    each caller gets its own copy; ``None`` (nothing found) is not kept. With
    the page cache off (``NEWSROOM_PAGE_CACHE_SECONDS = 0``) this is just
    ``build()``::

        teasers = pagecache.shared(f"related:{article.pk}", lambda: you_may_also_like(article))
    """
    max_age = conf.get("NEWSROOM_PAGE_CACHE_SECONDS")
    if not max_age:
        return build()
    generation = _generation()
    # Hashed: any name makes a short key that every cache backend accepts.
    key = SHARED_KEY.format(token=generation["token"], name=hashlib.sha256(name.encode()).hexdigest()[:32])
    found = _read(key, token=generation["token"], private=True)
    if found is not None and found[0] > time.time():
        return found[1]
    value = build()
    if value is None:
        # Nothing found is not kept: made-up URLs must not crowd real pages out of the cache.
        return value
    # Like a page, it never outlives the next scheduled article's publication.
    expires = min(time.time() + max_age, _next_publish(generation))
    if expires > time.time():
        _keep(key, (expires, value), token=generation["token"], timeout=expires - time.time(), private=True)
    return value


def purge_on_commit():
    """Purge once the current transaction commits (at once outside one), so no reader caches the old page after it.

    Not deduplicated: a purge is two cache writes, cheaper than being wrong
    about which purges a savepoint rollback dropped.
    """
    transaction.on_commit(purge)


def purge_receiver(sender, raw=False, **kwargs):
    """A signal receiver: purge after commit. Connect it to any signal that means "readers see something new"."""
    if not raw:  # fixtures load rows as they are
        purge_on_commit()


def connect():
    """Hook the page cache into requests and settings changes. Called once, from an app's ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="articles_pagecache_setting_changed")
    request_started.connect(_request_started, dispatch_uid="articles_pagecache_request_started")
    request_finished.connect(_request_finished, dispatch_uid="articles_pagecache_request_finished")


def purge_when_changed(*models):
    """Purge after commit whenever a row of one of ``models`` is saved or deleted.

    An automatic many-to-many ``through`` model (``Article.tags.through``) is
    watched for its rows being added, removed or cleared.
    """
    for model in models:
        uid = f"articles_pagecache_{model._meta.label_lower}"
        if model._meta.auto_created:
            m2m_changed.connect(purge_receiver, sender=model, dispatch_uid=uid)
            continue
        for signal in (post_save, post_delete):
            signal.connect(purge_receiver, sender=model, dispatch_uid=f"{uid}_{signal is post_save}")


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

# While a request is handled, the generation it first read (a request is one moment of the site), so its
# page lookup and every shared part cost one cache read between them. Outside requests (tasks, shells),
# every call reads it afresh.
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


def _request_started(**kwargs):
    _request.active = True
    _request.generation = None


def _request_finished(**kwargs):
    _request.active = False
    _request.generation = None


def _generation():
    if not getattr(_request, "active", False):
        return _current_generation(cache.get(GENERATION_KEY))
    if _request.generation is None:
        _request.generation = _current_generation(cache.get(GENERATION_KEY))
    return _request.generation


def _read(key, *, token, private):
    """``cache.get(key)``; with a cache on another machine, this process's copy when it has one.

    ``private``: each caller gets its own copy (a shared part may be changed by
    the page it is given to); pages are only read, so theirs is not copied.
    """
    near = _generation_file() is None
    if near:
        value = _near.get(key, token=token)
        if value is not None:
            return pickle.loads(value) if private else value
    value = cache.get(key)
    if near and value is not None:
        _keep_near(key, value, token=token, private=private)
    return value


def _keep(key, value, *, token, timeout, private):
    """``cache.set()`` for whole seconds, rounded up (Redis keeps no fractions), and keep a copy here."""
    cache.set(key, value, math.ceil(timeout))
    if _generation_file() is None:
        _keep_near(key, value, token=token, private=private)


def _keep_near(key, value, *, token, private):
    if private:
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
    response["X-Page-Cache"] = "bypass"
    return response


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
    return {"token": secrets.token_hex(8), "since": int(time.time())}


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
        generation = {"token": str(generation["token"]), "since": int(generation["since"])}
    except (OSError, ValueError, KeyError, TypeError):
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
    # Kept with its generation: a purge in another process (whose delete cannot reach this cache) still counts.
    soonest = stored[1] if isinstance(stored, tuple) and stored[0] == generation["token"] else None
    if soonest is None or soonest <= time.time():
        times = [when.timestamp() for when in (source() for source in _next_change_sources) if when is not None]
        soonest = min(times, default=math.inf)
        # Looked up again after the max age at the latest, or once that article is out.
        timeout = min(conf.get("NEWSROOM_PAGE_CACHE_SECONDS"), soonest - time.time())
        if timeout > 0:
            cache.set(NEXT_PUBLISH_KEY, (generation["token"], soonest), math.ceil(timeout))
    return soonest


def _lookup(request):
    """``(key, generation, cached response or None)`` for this request.

    With a cache on another machine, usually one round trip: the generation
    (the page is this process's copy once it has been read).
    """
    key = PAGE_KEY.format(url=_page_url(request))
    generation = _generation()
    entry = _read(key, token=generation["token"], private=False)
    if entry and entry["generation"] == generation["token"] and entry["expires"] > time.time():
        return key, generation, _from_entry(entry)
    return key, generation, None


def _store(key, response, *, generation, expires, headers):
    """Keep ``response`` until ``expires`` with the named headers (all but per-response ones if ``None``)."""
    if headers is None:
        kept = [(k, v) for k, v in response.items() if k.lower() not in _PER_RESPONSE_HEADERS]
    else:
        kept = [(k, v) for k, v in response.items() if k.lower() in headers or k.lower() in _VALIDATORS]
    entry = {"generation": generation, "expires": expires, "content": response.content, "headers": kept}
    # The entry's own ``expires`` is exact; the cache's timeout is in whole seconds.
    _keep(key, entry, token=generation, timeout=expires - time.time(), private=False)


def _from_entry(entry):
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    return response
