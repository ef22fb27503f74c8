"""System checks for the page cache's settings (registered when the module is imported: see ``connect()``)."""

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
