"""The readers' pages' own addresses, reversed once: ``reverse()`` remembered.

An article page links to some thirty addresses (its sections, its authors,
related articles, the menu), the same on every request, and Django's
``reverse()`` costs tens of microseconds each: together a sixth of rendering
the page. The answer depends only on the URL name and arguments, the URLconf,
the script prefix and the language (for ``i18n_patterns``), so it is kept under
all of them::

    from articles import addresses

    addresses.reverse("articles:category", kwargs={"path": "news/world"})

Only successful lookups are kept; ``NoReverseMatch`` is raised as by Django.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

# Sections, authors, tags and the newest articles: the addresses of a busy site's pages in a few hundred KB.
MAX_KEPT = 4096


def reverse(viewname, *, args=(), kwargs=None):
    """``django.urls.reverse(viewname, args=args, kwargs=kwargs)``, remembered."""
    try:
        hash((tuple(args), tuple((kwargs or {}).items())))
    except TypeError:  # an argument that cannot be a key (a list, say): reversed afresh
        return django_reverse(viewname, args=args or None, kwargs=kwargs)
    return _reverse(
        viewname,
        tuple(args),
        tuple(sorted((kwargs or {}).items())),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )


@functools.lru_cache(maxsize=MAX_KEPT)
def _reverse(viewname, args, kwargs, urlconf, prefix, language):
    # ``prefix`` and ``language`` are part of the key only: reverse() reads the current ones itself.
    return django_reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


def connect():
    """Forget every address when a setting they depend on changes (tests). Called once, from ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="articles_addresses_setting_changed")


def _setting_changed(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "INSTALLED_APPS", "LANGUAGES", "LANGUAGE_CODE"}:
        _reverse.cache_clear()
