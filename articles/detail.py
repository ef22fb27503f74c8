"""What the article page shows with its article, read through queries compiled once per process.

:meth:`~articles.models.ArticleQuerySet.for_detail` prefetches an article's bylines with their authors,
its tags and its corrections. The article page reads its article through :mod:`articles.prepared`, and
:func:`prefetch` reads those three the same way: the same three queries, in the same order, their SQL
compiled once, their rows put where ``prefetch_related()`` puts them. ``article.bylines.all()``,
``article.tags.all()`` and ``article.corrections.all()`` then read them without a query, as after a
prefetch::

    article = prepared.objects("articles:article", published, slug=slug)[0]
    detail.prefetch(article)
    article.ordered_bylines  # no query
"""

from django.db import router

from articles import prepared
from articles.models import Article, Author, Byline, Correction

# The rows of the bylines query: the byline's own columns, then its author's.
_BYLINE_FIELDS = tuple(Byline._meta.concrete_fields)
_AUTHOR_FIELDS = tuple(Author._meta.concrete_fields)


def prefetch(article):
    """Read ``article``'s bylines with their authors, tags and corrections, as ``for_detail()`` prefetches them."""
    bylines = [
        _byline(row, article) for row in prepared.values_list("articles:detail:bylines", _bylines, article=article.pk)
    ]
    tags = prepared.objects("articles:detail:tags", _tags, article=article.pk)
    corrections = prepared.objects("articles:detail:corrections", _corrections, article=article.pk)
    for correction in corrections:
        correction.article = article
    keep_prefetched(article, "bylines", bylines)
    keep_prefetched(article, "tags", tags, queryset=_tags_relation(article))
    keep_prefetched(article, "corrections", corrections)


def keep_prefetched(instance, relation, objects, *, queryset=None):
    """Make ``instance.<relation>.all()`` the ``objects`` read for it, as ``prefetch_related_objects()`` does.

    Django offers no public way to hand a relation the objects read for it elsewhere. This is what its
    ``prefetch_one_level()`` does (and django-taggit's manager reads back): the relation's own QuerySet,
    unevaluated, holding the objects as its results, kept in the instance's ``_prefetched_objects_cache``
    under the relation's name. The one place this module writes ORM internals; tests/articles/test_detail.py
    compares it with a real prefetch. ``queryset``: that QuerySet, made by the caller (unevaluated, as
    ``getattr(instance, relation).all()`` would make it).
    """
    if queryset is None:
        queryset = getattr(instance, relation).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


def _tags_relation(instance):
    """``instance.tags.all()`` (django-taggit's query for one object), its filter deferred until a caller narrows it.

    django-taggit writes its filter at once: three joins resolved on every page for a QuerySet that is only
    ever iterated. Django's own related managers defer theirs (``_defer_next_filter``); this does the same with
    django-taggit's filter, ``tags_for()``'s, in the manager's order. tests/articles/test_detail.py compares its
    SQL with django-taggit's.
    """
    manager = instance.tags
    through = manager.through
    items = through.tag_relname()
    model = type(instance)._meta.concrete_model
    queryset = through.tag_model().objects.distinct().order_by(*manager.ordering)
    queryset._defer_next_filter = True
    return queryset.filter(
        **{
            f"{items}__content_type__app_label": model._meta.app_label,
            f"{items}__content_type__model": model._meta.model_name,
            f"{items}__object_id": instance.pk,
        }
    )


def _byline(row, article):
    alias = router.db_for_read(Byline)
    split = len(_BYLINE_FIELDS)
    byline = Byline.from_db(alias, [field.attname for field in _BYLINE_FIELDS], row[:split])
    byline.author = Author.from_db(alias, [field.attname for field in _AUTHOR_FIELDS], row[split:])
    byline.article = article
    return byline


def _bylines(article):
    names = [field.name for field in _BYLINE_FIELDS] + [f"author__{field.name}" for field in _AUTHOR_FIELDS]
    return Byline.objects.filter(article=article).values_list(*names)  # in the model's order, as the prefetch


def _tags(article):
    # What article.tags.all() reads: django-taggit's query for one object, in the order the tags were added.
    through = Article.tags.through
    items = through.tag_relname()
    return through.tags_for(Article, **{f"{items}__object_id": article}).order_by(f"{items}__pk")


def _corrections(article):
    return Correction.objects.filter(article=article)  # in the model's order, as the prefetch
