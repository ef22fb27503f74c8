"""System checks for the page cache's settings and where its middleware sits.

Registered when the module is imported: see ``connect()``.
"""

from django.conf import settings
from django.core import checks

from articles.pagecache import conf


@checks.register()
def check_page_cache(app_configs, **kwargs):
    errors = []
    seconds = conf.get("NEWSROOM_PAGE_CACHE_SECONDS")
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
        errors.append(
            checks.Error(
                f"NEWSROOM_PAGE_CACHE_SECONDS is {seconds!r}.",
                hint="Set NEWSROOM_PAGE_CACHE_SECONDS to a whole number of seconds (0 turns the page cache off).",
                id="articles.E010",
            )
        )
    for name in (
        "NEWSROOM_PAGE_CACHE_QUERY_PARAMS",
        "NEWSROOM_PAGE_CACHE_IGNORED_PARAMS",
        "NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES",
    ):
        value = conf.get(name)
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            errors.append(
                checks.Error(
                    f"{name} is {value!r}.",
                    hint=f'Set {name} to a list of names, e.g. ["page"].',
                    id="articles.E011",
                )
            )
    return errors


@checks.register()
def check_shared_cache(app_configs, **kwargs):
    """The shared HTTP cache's settings (``articles.E014`` to ``articles.E017``)."""
    errors = []
    backend = conf.get("NEWSROOM_SHARED_CACHE_PURGE")
    if backend not in conf.SHARED_CACHE_BACKENDS:
        errors.append(
            checks.Error(
                f"NEWSROOM_SHARED_CACHE_PURGE is {backend!r}.",
                hint='Set NEWSROOM_SHARED_CACHE_PURGE to None, "nginx", "varnish" or "fastly".',
                id="articles.E014",
            )
        )
    for name in (
        "NEWSROOM_SHARED_CACHE_SECONDS",
        "NEWSROOM_SHARED_CACHE_STALE_WHILE_REVALIDATE",
        "NEWSROOM_SHARED_CACHE_STALE_IF_ERROR",
    ):
        value = conf.get(name)
        if name == "NEWSROOM_SHARED_CACHE_SECONDS" and value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.append(
                checks.Error(
                    f"{name} is {value!r}.",
                    hint=f"Set {name} to a whole number of seconds.",
                    id="articles.E015",
                )
            )
    urls = conf.get("NEWSROOM_SHARED_CACHE_VARNISH_URLS")
    if backend == "varnish" and (
        isinstance(urls, str)
        or not isinstance(urls, list | tuple)
        or not urls
        or not all(isinstance(url, str) and url.startswith(("http://", "https://")) for url in urls)
    ):
        errors.append(
            checks.Error(
                f'NEWSROOM_SHARED_CACHE_PURGE is "varnish" but NEWSROOM_SHARED_CACHE_VARNISH_URLS is {urls!r}.',
                hint='List the Varnish servers to send BAN requests to, e.g. ["http://127.0.0.1:6081/"].',
                id="articles.E016",
            )
        )
    if backend == "fastly":
        missing = [
            name
            for name in ("NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID", "NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN")
            if not conf.get(name)
        ]
        if missing:
            errors.append(
                checks.Error(
                    f'NEWSROOM_SHARED_CACHE_PURGE is "fastly" but {" and ".join(missing)} is empty.',
                    hint="Set the Fastly service id and an API token with the purge_select scope.",
                    id="articles.E017",
                )
            )
    return errors


PAGE_CACHE_MIDDLEWARE = "articles.pagecache.PageCacheMiddleware"
# Hits are answered where the middleware sits: the middleware listed before it still runs for them, the rest never.
_RUN_FOR_HITS = ["django.middleware.security.SecurityMiddleware"]
_SKIPPED_BY_HITS = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
# Static files are answered here, before any page cache lookup.
_SERVED_FIRST = ["whitenoise.middleware.WhiteNoiseMiddleware"]
_PLACE = (
    f'Put "{PAGE_CACHE_MIDDLEWARE}" right after SecurityMiddleware (and WhiteNoise), before SessionMiddleware, '
    "CsrfViewMiddleware and AuthenticationMiddleware."
)


@checks.register(checks.Tags.security)
def check_middleware_order(app_configs, **kwargs):
    """Where ``PageCacheMiddleware`` sits, if a site uses it (``articles.E012``, ``articles.W013``).

    Before ``SecurityMiddleware``, cached pages would be served without its
    HTTPS redirect and security headers. After the session, CSRF or
    authentication middleware, or before WhiteNoise, it still works but pays
    for them on every hit (or a cache read for every static file), which is
    what it exists to avoid.
    """
    middleware = list(settings.MIDDLEWARE)
    if PAGE_CACHE_MIDDLEWARE not in middleware:
        return []
    position = middleware.index(PAGE_CACHE_MIDDLEWARE)
    before, after = middleware[:position], middleware[position + 1 :]
    messages = [
        checks.Error(
            f"{PAGE_CACHE_MIDDLEWARE} comes before {name}, so cached pages are served without it "
            "(no HTTPS redirect, no security headers).",
            hint=_PLACE,
            id="articles.E012",
        )
        for name in _RUN_FOR_HITS
        if name in after
    ]
    late = [f"after {name}" for name in _SKIPPED_BY_HITS if name in before]
    late += [f"before {name}" for name in _SERVED_FIRST if name in after]
    if late:
        messages.append(
            checks.Warning(
                f"{PAGE_CACHE_MIDDLEWARE} sits {' and '.join(late)}: it still works, but does not save "
                "the work it is there to save.",
                hint=_PLACE,
                id="articles.W013",
            )
        )
    return messages
