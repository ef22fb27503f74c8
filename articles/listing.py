"""Let other apps add data to the articles on a listing page, one query per page.

A listing view paginates, then calls :func:`decorate` on the page's articles.
Each callable named in ``NEWSROOM_ARTICLE_LIST_DECORATORS`` receives the whole
list and sets attributes on the articles; the templates show what they find.
A decorator that attaches comment counts::

    def attach_comment_counts(articles):
        counts = dict(
            Comment.objects.approved()
            .on_articles(*(a.pk for a in articles))
            .values_list("object_pk")
            .annotate(n=Count("pk"))
        )
        for article in articles:
            article.comment_count = counts.get(str(article.pk), 0)

The teaser template shows ``article.comment_count`` whenever it is set.
"""

from django.utils.module_loading import import_string

from articles import conf


def decorate(articles):
    """Run every configured decorator over ``articles``; return them as a list."""
    articles = list(articles)
    if articles:
        for dotted_path in conf.get("NEWSROOM_ARTICLE_LIST_DECORATORS"):
            import_string(dotted_path)(articles)
    return articles
