"""System checks: tell a site what it wired wrong before a page is rendered."""

from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.staticfiles import finders
from django.core import checks
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from articles import conf
from articles.pagecache import conf as pagecache_conf


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
    public = conf.get("NEWSROOM_PUBLIC_URL")
    if public is not None and not _is_origin(public):
        errors.append(
            checks.Error(
                f"NEWSROOM_PUBLIC_URL is {public!r}.",
                hint='Set NEWSROOM_PUBLIC_URL to the scheme and host readers use, e.g. "https://news.example" '
                "(no path), or None to use the current Site's domain.",
                id="articles.E005",
            )
        )
    return errors


def _is_origin(value):
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.path in ("", "/") and not parts.query


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


@checks.register(checks.Tags.compatibility)
def check_reversion_installed(app_configs, **kwargs):
    """Articles keep their revisions with django-reversion (``articles.E023``).

    Without it the admin's history, compare and restore pages, and every save, fail on a missing table.
    """
    if apps.is_installed("reversion"):
        return []
    return [
        checks.Error(
            "The articles app keeps articles' revisions with django-reversion, which is not installed.",
            hint='Add "reversion" to INSTALLED_APPS and run migrate.',
            id="articles.E023",
        )
    ]


_CONTEXT_PROCESSORS = [
    # (dotted path, what goes wrong without it)
    (
        "django.template.context_processors.request",
        "template tags that read the request (comment pages and replies, the ad-blocker notice, CSP nonces) "
        "act as if there were none",
    ),
    (
        "articles.context_processors.site",
        "page titles, the home page's heading and og:site_name lose {{ site_name }}, and pages without a lead "
        "image lose the site's sharing image",
    ),
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


@checks.register(checks.Tags.staticfiles)
def check_site_image(app_configs, **kwargs):
    """``NEWSROOM_SITE_IMAGE`` is a URL or a static file that exists (``articles.E006``, ``articles.W006``)."""
    image = conf.get("NEWSROOM_SITE_IMAGE")
    if image is None or image == "" or (isinstance(image, str) and "//" in image):
        return []
    if not isinstance(image, str):
        return [
            checks.Error(
                f"NEWSROOM_SITE_IMAGE is {image!r}.",
                hint='Set NEWSROOM_SITE_IMAGE to a static file\'s path ("images/share.png"), an absolute URL, '
                'or "" for no site image.',
                id="articles.E006",
            )
        ]
    if apps.is_installed("django.contrib.staticfiles") and finders.find(image) is None:
        return [
            checks.Warning(
                f"NEWSROOM_SITE_IMAGE names {image!r}, which no static files finder finds.",
                hint="Put the image in a static directory, or correct the path (relative to STATIC_URL).",
                id="articles.W006",
            )
        ]
    return []


@checks.register()
def check_live_settings(app_configs, **kwargs):
    """The live coverage's poll interval and page size (``articles.live``)."""
    errors = []
    poll = conf.get("NEWSROOM_LIVE_POLL_SECONDS")
    if not _whole_number(poll) or not 2 <= poll <= 3600:
        errors.append(
            checks.Error(
                f"NEWSROOM_LIVE_POLL_SECONDS is {poll!r}.",
                hint="Set NEWSROOM_LIVE_POLL_SECONDS to a whole number of seconds from 2 to 3600 (default 15).",
                id="articles.E040",
            )
        )
    per_page = conf.get("NEWSROOM_LIVE_ENTRIES_PER_PAGE")
    if not _whole_number(per_page) or not 1 <= per_page <= 500:
        errors.append(
            checks.Error(
                f"NEWSROOM_LIVE_ENTRIES_PER_PAGE is {per_page!r}.",
                hint="Set NEWSROOM_LIVE_ENTRIES_PER_PAGE to a whole number from 1 to 500 (default 50).",
                id="articles.E041",
            )
        )
    params = pagecache_conf.get("NEWSROOM_PAGE_CACHE_QUERY_PARAMS")
    if isinstance(params, list | tuple | set | frozenset) and "after" not in params:
        errors.append(
            checks.Warning(
                'NEWSROOM_PAGE_CACHE_QUERY_PARAMS leaves out "after": no poll for new live entries is cached, '
                "and under a spike every one reaches the database.",
                hint='Add "after" to NEWSROOM_PAGE_CACHE_QUERY_PARAMS.',
                id="articles.W042",
            )
        )
    return errors


def _whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool)


@checks.register()
def check_review_notify(app_configs, **kwargs):
    """``NEWSROOM_REVIEW_NOTIFY`` is ``None`` or a list of addresses (``articles.E030``)."""
    notify = conf.get("NEWSROOM_REVIEW_NOTIFY")
    if notify is None or (
        isinstance(notify, list | tuple) and all(isinstance(a, str) and "@" in a.strip("@") for a in notify)
    ):
        return []
    return [
        checks.Error(
            f"NEWSROOM_REVIEW_NOTIFY is {notify!r}.",
            hint='Set NEWSROOM_REVIEW_NOTIFY to a list of addresses (["desk@news.example"]), [] to mail nobody, '
            "or None to mail everyone who may publish articles.",
            id="articles.E030",
        )
    ]
