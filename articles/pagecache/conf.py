"""The page cache's settings, with their defaults. Read when used, never at import.

``NEWSROOM_PAGE_CACHE_SECONDS``
    The longest a reader page stays in the page cache (default 300); purges
    and scheduled articles end it sooner. ``0`` turns the page cache off.
``NEWSROOM_PAGE_CACHE_QUERY_PARAMS``
    Query parameters a cached page may carry (default ``["page",
    "comments_page", "comments_view", "sort"]``: listing pages, and a comment
    thread's page, view and order); a URL with any other parameter is never
    cached.
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
"""

from django.conf import settings

DEFAULTS = {
    "NEWSROOM_PAGE_CACHE_SECONDS": 300,
    "NEWSROOM_PAGE_CACHE_QUERY_PARAMS": ["page", "comments_page", "comments_view", "sort"],
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
}


def get(name):
    """The current value of ``name``, falling back to its documented default."""
    return getattr(settings, name, DEFAULTS[name])
