"""``{% review_queue %}``: the review queue's block for the admin's index page.

A desk editor sees how many articles are in review and the ones waiting
longest; a writer sees the desk's decisions on their articles that they have
not opened since, and how many of theirs are in review. Anyone else (no
permission to view articles) sees nothing, at no query. The host site puts it
on its admin index (``templates/admin/index.html``)::

    {% load articles_review %}{% review_queue %}
"""

from django import template

from articles import review, roles
from articles.models import Article

register = template.Library()

#: How many of the longest-waiting articles the desk's block names.
OLDEST_SHOWN = 5


@register.inclusion_tag("articles/review_queue.html", takes_context=True)
def review_queue(context):
    return queue_summary(context["request"].user)


def queue_summary(user):
    """What the block shows ``user``: at most two queries."""
    if not user.has_perm("newsroom_articles.view_article"):
        return {"shown": False}
    if roles.can_publish(user):
        queue = Article.objects.review_queue().defer("body")
        count = queue.count()
        return {"shown": True, "desk": True, "count": count, "oldest": list(queue[:OLDEST_SHOWN]) if count else []}
    for note in (decisions := review.unseen_decisions(user)):
        note.by_name = roles.staff_name(note.author)
    count = Article.objects.filter(roles.own_articles(user)).in_review().count()
    return {"shown": True, "desk": False, "count": count, "decisions": decisions}
