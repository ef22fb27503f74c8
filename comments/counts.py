"""Approved-comment counts for lists of articles (or of any model's objects), for teasers on listing pages.

Plugged into the articles app's listing hook::

    NEWSROOM_ARTICLE_LIST_DECORATORS = ["comments.counts.attach_comment_counts"]

Each article then carries ``comment_count``. Held, spam and trashed comments
never count: readers only ever see approved ones.
"""

from django.db.models import Count

from comments.models import Comment


def comment_counts(objects):
    """``{pk: number of approved comments}`` for the given objects of one model (articles), in one query."""
    if not objects:
        return {}
    model = type(objects[0])
    pks = {str(obj.pk): obj.pk for obj in objects}
    rows = Comment.objects.approved().on(model, *pks).values_list("object_pk").annotate(n=Count("pk")).order_by()
    return {pks[object_pk]: n for object_pk, n in rows}


def attach_comment_counts(objects):
    """Set ``comment_count`` on each object of the list, articles on a listing page (one query for the whole list)."""
    counts = comment_counts(objects)
    for obj in objects:
        obj.comment_count = counts.get(obj.pk, 0)
