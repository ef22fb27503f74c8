"""The site's sections, read once per page-cache generation instead of once per page.

Every reader page needs some sections: the navigation, the breadcrumbs, the
section that ``/news/world/<slug>/`` names. They change rarely, and any change
to one purges the page cache, so one snapshot of them all is shared until the
next purge (:func:`articles.pagecache.shared`)::

    from articles import sections

    sections.top_level()                    # the navigation, in menu order
    sections.by_path(["news", "news/world"])  # {path: Category} for those that exist

A request reads the snapshot once (:func:`articles.pagecache.once_per_request`):
every call in it gets the same sections, so a page must not change them.
"""

from articles import pagecache
from articles.models import Category


def all_by_path():
    """``{path: Category}`` for every section (one query per generation; one per request with the cache off)."""
    return pagecache.once_per_request(
        "articles:sections",
        lambda: pagecache.shared("articles:sections", lambda: {c.path: c for c in Category.objects.all()}),
    )


def by_path(paths):
    """The sections among ``paths`` that exist, as ``{path: Category}``."""
    everything = all_by_path()
    return {path: everything[path] for path in paths if path in everything}


def tree(category):
    """``category`` and every section below it (no query: the snapshot)."""
    below = category.path + "/"
    return [c for c in all_by_path().values() if c.path == category.path or c.path.startswith(below)]


def top_level():
    """The top-level sections in menu order (``position``, then name)."""
    return sorted((c for c in all_by_path().values() if c.parent_id is None), key=lambda c: (c.position, c.name))
