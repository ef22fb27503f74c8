"""The site's sections, read once per page-cache generation instead of once per page.

Every reader page needs some sections: the navigation, the breadcrumbs, the
section that ``/news/world/<slug>/`` names. They change rarely, and any change
to one purges the page cache, so one snapshot of them all is shared until the
next purge (:func:`articles.pagecache.shared`)::

    from articles import sections

    sections.top_level()                    # the navigation, in menu order
    sections.by_path(["news", "news/world"])  # {path: Category} for those that exist

Each call hands out its own copies, so a page may change what it was given.
"""

from articles import pagecache
from articles.models import Category


def all_by_path():
    """``{path: Category}`` for every section (one query per generation; one per call with the cache off)."""
    return pagecache.shared("articles:sections", lambda: {c.path: c for c in Category.objects.all()})


def by_path(paths):
    """The sections among ``paths`` that exist, as ``{path: Category}``."""
    everything = all_by_path()
    return {path: everything[path] for path in paths if path in everything}


def top_level():
    """The top-level sections in menu order (``position``, then name)."""
    return sorted((c for c in all_by_path().values() if c.parent_id is None), key=lambda c: (c.position, c.name))
