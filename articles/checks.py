"""System checks: tell a site what it wired wrong before a page is rendered."""

from django.core import checks

from articles import conf


@checks.register()
def check_settings(app_configs, **kwargs):
    errors = []
    count = conf.get("NEWSROOM_RELATED_COUNT")
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 20:
        errors.append(
            checks.Error(
                f"NEWSROOM_RELATED_COUNT is {count!r}.",
                hint="Set NEWSROOM_RELATED_COUNT to a whole number from 0 to 20.",
                id="articles.E001",
            )
        )
    per_page = conf.get("NEWSROOM_ARTICLES_PER_PAGE")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page < 1:
        errors.append(
            checks.Error(
                f"NEWSROOM_ARTICLES_PER_PAGE is {per_page!r}.",
                hint="Set NEWSROOM_ARTICLES_PER_PAGE to a whole number of 1 or more.",
                id="articles.E002",
            )
        )
    return errors
