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

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

# Sections, authors, tags and the newest articles: the addresses of a busy site's pages in a few hundred KB.
MAX_KEPT = 4096

# A plain dict rather than functools.lru_cache: a page asks some forty times, and the key (six parts, three of
# them the request's state) built once here is most of what a remembered address costs.
_kept = {}


def reverse(viewname, *, args=(), kwargs=None):
    """``django.urls.reverse(viewname, args=args, kwargs=kwargs)``, remembered."""
    args = tuple(args)
    key = (viewname, args, tuple(kwargs.items()) if kwargs else (), get_urlconf(), get_script_prefix(), get_language())
    try:
        return _kept[key]
    except KeyError:
        pass
    except TypeError:  # an argument that cannot be a key (a list, say): reversed afresh
        return django_reverse(viewname, args=args or None, kwargs=kwargs)
    # The URLconf, script prefix and language are part of the key only: reverse() reads the current ones itself.
    url = django_reverse(viewname, args=args or None, kwargs=kwargs or None)
    if len(_kept) >= MAX_KEPT:
        _kept.clear()  # a site with more addresses than that works them out again, a few at a time
    _kept[key] = url
    return url


def forget():
    """Forget every address kept (the URLconf or the languages changed)."""
    _kept.clear()


def connect():
    """Forget every address when a setting they depend on changes (tests). Called once, from ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="articles_addresses_setting_changed")


def _setting_changed(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "INSTALLED_APPS", "LANGUAGES", "LANGUAGE_CODE"}:
        forget()
