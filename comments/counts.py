"""Approved-comment counts for lists of articles, for teasers on listing pages.

Plugged into the articles app's listing hook::

    NEWSROOM_ARTICLE_LIST_DECORATORS = ["comments.counts.attach_comment_counts"]

Each article then carries ``comment_count``. Held, spam and trashed comments
never count: readers only ever see approved ones.
"""

from django.db.models import Count

from comments.models import Comment


def comment_counts(article_pks):
    """``{pk: number of approved comments}`` for the given article ids, in one query."""
    if not article_pks:
        return {}
    rows = (
        Comment.objects.approved().on_articles(*article_pks).values_list("object_pk").annotate(n=Count("pk")).order_by()
    )
    return {int(object_pk): n for object_pk, n in rows}


def attach_comment_counts(articles):
    """Set ``comment_count`` on each article (one query for the whole list)."""
    counts = comment_counts([a.pk for a in articles])
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)
