"""System checks: tell a site what it wired wrong before a page is rendered."""

from django.core import checks
from django.utils.module_loading import import_string

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


@checks.register()
def check_list_decorators(app_configs, **kwargs):
    errors = []
    paths = conf.get("NEWSROOM_ARTICLE_LIST_DECORATORS")
    if isinstance(paths, str) or not isinstance(paths, list | tuple):
        return [
            checks.Error(
                f"NEWSROOM_ARTICLE_LIST_DECORATORS is {paths!r}.",
                hint='Set NEWSROOM_ARTICLE_LIST_DECORATORS to a list of dotted paths, e.g. ["myapp.listing.add_x"].',
                id="articles.E003",
            )
        ]
    for dotted_path in paths:
        try:
            decorator = import_string(dotted_path)
        except (ImportError, AttributeError, TypeError, ValueError):
            decorator = None
        if not callable(decorator):
            errors.append(
                checks.Error(
                    f"NEWSROOM_ARTICLE_LIST_DECORATORS names {dotted_path!r}, which is not an importable callable.",
                    hint="Fix the dotted path or remove it from NEWSROOM_ARTICLE_LIST_DECORATORS.",
                    id="articles.E004",
                )
            )
    return errors
