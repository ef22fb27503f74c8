"""System checks: tell a site what it wired wrong before a page is rendered."""

from django.apps import apps
from django.core import checks
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import NoReverseMatch, reverse
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


# --- What a site must wire up to use the app (``articles.E02x``) -----------------------------------------------------


@checks.register(checks.Tags.compatibility)
def check_taggit_installed(app_configs, **kwargs):
    """Articles are tagged with django-taggit (``articles.E020``).

    Without it Django reports only ``fields.E300`` on ``Article.tags``.
    """
    if apps.is_installed("taggit"):
        return []
    return [
        checks.Error(
            "The articles app tags articles with django-taggit, which is not installed.",
            hint='Add "taggit" to INSTALLED_APPS.',
            id="articles.E020",
        )
    ]


_CONTEXT_PROCESSORS = [
    # (dotted path, what goes wrong without it)
    (
        "django.template.context_processors.request",
        "template tags that read the request (comment pages and replies, the ad-blocker notice, CSP nonces) "
        "act as if there were none",
    ),
    ("articles.context_processors.site", "page titles, the home page's heading and og:site_name lose {{ site_name }}"),
]


@checks.register(checks.Tags.templates)
def check_context_processors(app_configs, **kwargs):
    """The first Django template engine, which renders the apps' templates, has what they read (``articles.E021``)."""
    engine = next((engine.engine for engine in engines.all() if isinstance(engine, DjangoTemplates)), None)
    if engine is None:  # no Django templates: rendering fails loudly (and the admin, if installed, says admin.E403)
        return []
    return [
        checks.Error(
            f"{path!r} is not in TEMPLATES' context_processors, so {consequence}.",
            hint=f'Add "{path}" to OPTIONS["context_processors"] of the DjangoTemplates engine in TEMPLATES.',
            id="articles.E021",
        )
        for path, consequence in _CONTEXT_PROCESSORS
        if path not in engine.context_processors
    ]


@checks.register(checks.Tags.urls)
def check_urls(app_configs, **kwargs):
    """The articles' URLs are mounted under their namespace, which templates and feeds reverse (``articles.E022``)."""
    try:
        reverse("articles:home")
    except NoReverseMatch:
        return [
            checks.Error(
                'The articles app\'s URLs are not mounted: reverse("articles:home") fails.',
                hint='Add path("", include("articles.urls")) to the URLconf (its namespace is "articles").',
                id="articles.E022",
            )
        ]
    return []
