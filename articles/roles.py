"""Who may do what with articles, in permission terms the admin asks about.

Three groups are created by a data migration (``0003_roles``):

**Editors**
    Everything on articles, authors, sections and tags, including
    ``articles.publish_article``.
**Writers**
    Add, change and view articles; view authors, sections and tags. They
    see and edit only their own articles and can set the status to draft or
    in review, never publish nor change a published article's status.
**Moderators**
    No article permissions at all; the comments app grants theirs.

The rules below go by permission, not by group name, so a site can build
its own groups: whoever holds ``articles.publish_article`` is a desk editor
who sees every article; anyone else sees only their own.
"""

from django.db.models import Q

from articles.models import Article, Byline

EDITORS = "Editors"
WRITERS = "Writers"
MODERATORS = "Moderators"

#: Statuses someone who may not publish can choose.
UNPUBLISHED_STATUSES = [Article.Status.DRAFT, Article.Status.REVIEW]


def can_publish(user):
    """May publish, unpublish and edit everyone's articles."""
    return user.has_perm("articles.publish_article")


def own_articles(user):
    """A filter for the articles ``user`` created or is bylined on."""
    bylined = Byline.objects.filter(author__user=user).values("article_id")
    return Q(created_by=user) | Q(pk__in=bylined)


def articles_for(user, queryset):
    """The part of ``queryset`` that ``user`` may work on."""
    if can_publish(user):
        return queryset
    return queryset.filter(own_articles(user))


def may_edit(user, article):
    """Whether ``user`` may change ``article`` (the model permission is checked separately)."""
    if can_publish(user):
        return True
    return article.created_by_id == user.pk or Byline.objects.filter(article=article, author__user=user).exists()
