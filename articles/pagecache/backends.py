"""Purges for the shared HTTP cache in front of the site (Varnish, a CDN), by tag, from the task worker.

Every page the page cache stores says what it shows in ``Surrogate-Key``
(space-separated) and ``Cache-Tag`` (comma-separated): ``site``, ``home``,
``listing-section-3``, ``article-7``... (:func:`articles.pagecache.tag`). When
:func:`articles.pagecache.purge` runs (after the commit), it queues
:func:`send_purge` with the tags it purged, one task per transaction; the
worker sends them as ``NEWSROOM_SHARED_CACHE_PURGE`` says::

    NEWSROOM_SHARED_CACHE_PURGE = "varnish"
    NEWSROOM_SHARED_CACHE_VARNISH_URLS = ["http://127.0.0.1:6081/"]
    # BAN / HTTP/1.1  X-Purge-Tags: article-7 listing-latest listing-section-3

    NEWSROOM_SHARED_CACHE_PURGE = "fastly"
    NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID = "SU1Z0isxPaozGVKXdv0eY"
    NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN = "..."
    # POST /service/SU1Z0isxPaozGVKXdv0eY/purge  Fastly-Key: ...  Surrogate-Key: article-7 listing-latest ...
    # (plus Fastly-Soft-Purge: 1 for a purge of changed pages with NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE)

A site-wide purge sends the tag ``site``, which every page carries. With
``"nginx"`` (or ``None``) nothing is sent: nginx has no purge by tag without
a commercial module, so pages are kept there briefly instead
(``NEWSROOM_SHARED_CACHE_SECONDS`` defaults to 60 unless purges reach the cache).

When the cache or its API does not answer (or refuses): the task tries again
after 10 s, 20 s, 40 s, 80 s and 160 s where the task backend can defer tasks
(once at once where it cannot), then logs an error and gives up. Pages it
could not purge leave the shared cache at their ``s-maxage`` at the latest.
Requests go through :func:`opener` (``urllib``), which tests replace.
"""

import http.client
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.utils import timezone
from django_tasks import task, task_backends

from articles.pagecache import conf

logger = logging.getLogger(__name__)

PURGE_ATTEMPTS = 6
FIRST_RETRY_PAUSE = timedelta(seconds=10)
TIMEOUT_SECONDS = 10
#: Fastly purges at most this many surrogate keys in one request.
FASTLY_BATCH = 256
#: How the tags of lists start (:func:`articles.pagecache.listing`: ``listing-latest``, ``listing-section-3``).
LISTING_PREFIX = "listing-"
#: Purges never soft (``NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE``), with any tag starting ``LISTING_PREFIX``: what
#: lists show changed (an article published, withdrawn or deleted), or everything did. A withdrawn story must not
#: reach one more reader, on its own page or on any list. (``listing``, the one tag every list carried before lists
#: had tags of their own, stays hard for code of a site's own that still purges it.)
HARD_PURGE_TAGS = frozenset({"listing", "site"})


class PurgeFailed(Exception):
    """The shared cache (or its API) did not answer, or refused the purge."""


def queue(tags):
    """Queue :func:`send_purge` for ``tags`` if purges reach the shared cache. Called by ``pagecache.purge()``.

    A task queue that fails is logged, never raised: the purge of the site's own page cache has happened.
    """
    if conf.get("NEWSROOM_SHARED_CACHE_PURGE") not in conf.PURGING_BACKENDS or not tags:
        return
    try:
        send_purge.enqueue(list(tags))
    except Exception:
        logger.exception("Could not queue the shared cache's purge of %s.", " ".join(tags))


@task()
def send_purge(tags, attempt=1):
    """Purge ``tags`` from the shared cache; try again later if it does not answer."""
    try:
        send(tags)
    except PurgeFailed as exc:
        if attempt >= PURGE_ATTEMPTS or not _retry(tags, attempt=attempt + 1):
            logger.error("Gave up purging %s from the shared cache after %d attempts: %s", tags, attempt, exc)
            return "gave up"
        logger.warning("Purging %s from the shared cache failed (attempt %d), will retry: %s", tags, attempt, exc)
        return "retrying"
    return "sent"


def _retry(tags, *, attempt):
    backend = task_backends[send_purge.backend]
    if backend.supports_defer:
        pause = FIRST_RETRY_PAUSE * 2 ** (attempt - 2)  # 10, 20, 40, 80, 160 seconds
        send_purge.using(run_after=timezone.now() + pause).enqueue(tags, attempt)
        return True
    if attempt > 2:
        return False  # without deferred tasks each retry would run at once: one is enough
    send_purge.enqueue(tags, attempt)
    return True


def send(tags, *, using=None):
    """Send the purge of ``tags`` as the configured backend does it, now, through ``using`` (an ``urllib``
    opener; :func:`opener` by default). Raises :class:`PurgeFailed`."""
    using = using or opener()
    for request in requests(tags):
        try:
            with using.open(request, timeout=TIMEOUT_SECONDS) as response:
                response.read()
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            raise PurgeFailed(f"{request.get_method()} {request.full_url}: {exc}") from exc


def requests(tags):
    """The HTTP requests that purge ``tags`` (none for a backend that cannot purge)."""
    tags = sorted(set(tags))
    backend = conf.get("NEWSROOM_SHARED_CACHE_PURGE")
    if backend == "varnish":
        return [
            urllib.request.Request(url, method="BAN", headers={"X-Purge-Tags": " ".join(tags)})
            for url in conf.get("NEWSROOM_SHARED_CACHE_VARNISH_URLS")
        ]
    if backend == "fastly":
        base = conf.get("NEWSROOM_SHARED_CACHE_FASTLY_API_URL").rstrip("/")
        service = conf.get("NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID")
        headers = {"Fastly-Key": conf.get("NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN"), "Accept": "application/json"}
        if conf.get("NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE") and not is_hard(tags):
            headers["Fastly-Soft-Purge"] = "1"
        return [
            urllib.request.Request(
                f"{base}/service/{service}/purge",
                method="POST",
                headers={**headers, "Surrogate-Key": " ".join(tags[start : start + FASTLY_BATCH])},
            )
            for start in range(0, len(tags), FASTLY_BATCH)
        ]
    return []


def is_hard(tags):
    """Whether a purge of ``tags`` must drop the pages at once, never serve them stale: it names a list whose
    articles changed (``listing-...``) or every page (``site``)."""
    return any(name in HARD_PURGE_TAGS or name.startswith(LISTING_PREFIX) for name in tags)


def opener():
    """The ``urllib`` opener purges go through (the seam tests replace)."""
    return urllib.request.build_opener()
