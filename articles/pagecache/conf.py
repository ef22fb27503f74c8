"""The page cache's settings, with their defaults. Read when used, never at import.

``NEWSROOM_PAGE_CACHE_SECONDS``
    The longest a reader page stays in the page cache (default 300); purges
    and scheduled articles end it sooner. ``0`` turns the page cache off.
``NEWSROOM_PAGE_CACHE_QUERY_PARAMS``
    Query parameters a cached page may carry (default ``["page",
    "comments_page", "comments_view", "sort", "after", "p"]``: listing pages, a
    comment thread's page, view and order, the live entries after one a
    reader has, and a sitemap's page); a URL with any other parameter is never cached.
    A page is stored only under the values its view declares with
    ``pagecache.page_param()``; other values are redirected to those.
``NEWSROOM_PAGE_CACHE_IGNORED_PARAMS``
    Query parameters that change nothing on a page: campaign and click
    trackers that links from social media, newsletters and ads carry
    (default: ``utm_*``, ``fbclid``, ``gclid`` and a few more; a trailing
    ``*`` matches any ending). A URL carrying them is served the same cached
    page as the URL without them, so a story shared on social media stays
    cached during a spike.
``NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES``
    Cookies that change nothing on a reader page (default ``[]``). A request
    carrying any other cookie except the CSRF cookie (a session, a message,
    the comments app's pending-comment cookie) is served fresh, never from
    the page cache. Add e.g. an analytics cookie here.
``NEWSROOM_PAGE_CACHE_GENERATION_FILE``
    With a per-process cache (local memory), the file through which every
    process of the site on this machine learns of a purge (default ``None``:
    a file in the temporary directory named after the database and the
    cache's key prefix). Not used with a shared cache such as Redis.

A shared HTTP cache in front (Varnish, nginx, a CDN such as Fastly) keeps
the pages the page cache stores (``docs/deployment.md``):

``NEWSROOM_SHARED_CACHE_PURGE``
    How purges reach it (default ``None``: they don't): ``"varnish"`` (an
    HTTP ``BAN`` to each of ``NEWSROOM_SHARED_CACHE_VARNISH_URLS`` with the
    tags in ``X-Purge-Tags``), ``"fastly"`` (Fastly's batch purge by
    surrogate key), or ``"nginx"`` (nginx cannot purge by tag without a
    commercial module: nothing is sent, and pages are kept briefly). Sent
    from the task worker after commit, retried with growing pauses.
``NEWSROOM_SHARED_CACHE_SECONDS``
    How long the shared cache may keep a page (``s-maxage``). Default
    ``None``: 3600 when purges reach it (Varnish, Fastly), so a story stays
    at the edge through a spike and a change shows the moment it is purged;
    else 60, so a proxy nobody purges is never more than a minute behind.
    Never past the next scheduled article's publication. ``0``: the shared
    cache revalidates every time.
``NEWSROOM_SHARED_CACHE_STALE_WHILE_REVALIDATE``
    Seconds an expired or purged page may still be served while the proxy
    fetches a new one (default 30): one request renders, the spike waits for
    nobody.
``NEWSROOM_SHARED_CACHE_STALE_IF_ERROR``
    Seconds an expired page may be served while the site answers with
    errors or not at all (default 86400: a day of the last good front page
    beats an error page).
``NEWSROOM_SHARED_CACHE_VARNISH_URLS``
    With ``"varnish"``: the Varnish servers to send each ``BAN`` to (default
    ``[]``), e.g. ``["http://127.0.0.1:6081/"]``.
``NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID``
    With ``"fastly"``: the service to purge (default ``""``).
``NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN``
    With ``"fastly"``: an API token with the ``purge_select`` scope
    (default ``""``).
``NEWSROOM_SHARED_CACHE_FASTLY_API_URL``
    Fastly's API (default ``"https://api.fastly.com"``); a Fastly-compatible
    CDN or a test server may stand in.
``NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE``
    With ``"fastly"``: mark purged pages stale (``Fastly-Soft-Purge: 1``)
    instead of dropping them (default ``False``). The next reader of such a
    page gets the stale copy while Fastly fetches a fresh one, within
    ``NEWSROOM_SHARED_CACHE_STALE_WHILE_REVALIDATE``, and a failing origin
    keeps it served for ``..._STALE_IF_ERROR``: no stampede on the site when a
    busy story changes. The cost: after a purge, one more reader may see the
    page as it was, which a withdrawn or legally removed story should not
    allow; so pages of an article that was unpublished or deleted are always
    purged hard: a purge that names a list (``listing-latest``,
    ``listing-section-3``...: an article published, withdrawn, rescheduled,
    moved or deleted) or ``site`` (a site-wide purge) is never soft.
"""

from django.conf import settings

DEFAULTS = {
    "NEWSROOM_PAGE_CACHE_SECONDS": 300,
    "NEWSROOM_PAGE_CACHE_QUERY_PARAMS": ["page", "comments_page", "comments_view", "sort", "after", "p"],
    "NEWSROOM_PAGE_CACHE_IGNORED_PARAMS": [
        "utm_*",
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "_ga",
    ],
    "NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES": [],
    "NEWSROOM_PAGE_CACHE_GENERATION_FILE": None,
    "NEWSROOM_SHARED_CACHE_PURGE": None,
    "NEWSROOM_SHARED_CACHE_SECONDS": None,
    "NEWSROOM_SHARED_CACHE_STALE_WHILE_REVALIDATE": 30,
    "NEWSROOM_SHARED_CACHE_STALE_IF_ERROR": 86400,
    "NEWSROOM_SHARED_CACHE_VARNISH_URLS": [],
    "NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID": "",
    "NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN": "",
    "NEWSROOM_SHARED_CACHE_FASTLY_API_URL": "https://api.fastly.com",
    "NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE": False,
}

#: Purge backends that reach every page by tag, and so may let the shared cache keep pages long.
PURGING_BACKENDS = {"varnish", "fastly"}
SHARED_CACHE_BACKENDS = {None, "nginx", *PURGING_BACKENDS}


def get(name):
    """The current value of ``name``, falling back to its documented default."""
    return getattr(settings, name, DEFAULTS[name])


def shared_cache_seconds():
    """``s-maxage``: the setting, or its default for the purge backend (see above)."""
    seconds = get("NEWSROOM_SHARED_CACHE_SECONDS")
    if seconds is None:
        return 3600 if get("NEWSROOM_SHARED_CACHE_PURGE") in PURGING_BACKENDS else 60
    return seconds
