"""The site's sections, read once per page-cache generation instead of once per page.

Every reader page needs some sections: the navigation, the breadcrumbs, the
section that ``/news/world/<slug>/`` names. They change rarely, and any change
to one purges the page cache, so one snapshot of them all is shared until the
next purge (:func:`articles.pagecache.shared`)::

    from articles import sections

    sections.top_level()                    # the navigation, in menu order
    sections.children(news)                 # the sections just below one, in menu order
    sections.by_path(["news", "news/world"])  # {path: Category} for those that exist

A request reads the snapshot once (``articles.pagecache.once_per_request()``),
and the process keeps the snapshot itself until the next purge (a read-only
shared part): every call gets the same sections, so a page must not change them. Each
section in it comes with its ``parent`` from the snapshot, so a walk up the
tree (breadcrumbs, the reader prompt a section passes on) costs no query, and
:func:`attach` gives an article its section from there instead of a join::

    article = Article.objects.published().for_detail(sections=False).get(slug=slug)
    sections.attach(article)                # article.category.parent.name: no query
    sections.attach(*you_may_also_like(article, sections=False))
"""

from articles import pagecache, prepared
from articles.models import Category


def all_by_path():
    """``{path: Category}`` for every section (one query per generation; one per request with the cache off)."""
    return pagecache.once_per_request(
        "articles:sections", lambda: pagecache.shared("articles:sections", _read, read_only=True)
    )


def _read():
    # Its SQL compiled once per process: with the page cache off this runs on every request.
    found = prepared.objects("articles:sections", _every_section)
    by_pk = {category.pk: category for category in found}
    for category in found:
        if category.parent_id is not None:
            category.parent = by_pk[category.parent_id]
    return {category.path: category for category in found}


def _every_section():
    return Category.objects.all()


def attach(*articles):
    """Give each of ``articles`` its section (and the sections above it) from the snapshot: no query.

    For articles read without their section (``for_detail(sections=False)``,
    ``you_may_also_like(sections=False)``). One whose section is not in the
    snapshot keeps Django's own lookup.
    """
    if not articles:
        return
    found = {category.pk: category for category in all_by_path().values()}
    for article in articles:
        if article.category_id in found:
            article.category = found[article.category_id]


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
    return _in_menu_order(c for c in all_by_path().values() if c.parent_id is None)


def children(category):
    """The sections just below ``category``, in menu order (no query: the snapshot)."""
    return _in_menu_order(c for c in all_by_path().values() if c.parent_id == category.pk)


def _in_menu_order(categories):
    return sorted(categories, key=lambda c: (c.position, c.name))
