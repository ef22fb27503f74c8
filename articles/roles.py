"""Who may do what with articles, in permission terms the admin asks about.

Three groups are created by a data migration (``0003_roles``):

**Editors**
    Everything on articles, authors, sections and tags, including
    ``articles.publish_article``.
**Writers**
    Add, change and view articles; view authors, sections and tags. They
    see only their own articles and edit them while they are drafts or in
    review, moving them between the two. Whether and when readers see an
    article is the desk's decision: a writer can neither publish nor set the
    publish time, and once an article is approved (published, or scheduled
    for later) it is read-only for them, bylines and picks included. Pickers
    offer them their own articles and what readers can already see, nothing
    of a colleague's unpublished work.
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


def visible_articles(user, queryset):
    """The part of ``queryset`` whose headlines ``user`` may read: what pickers and filters may offer or name.

    A desk editor sees every article; anyone else their own plus what readers
    can already see, so a typed-in id cannot turn a colleague's draft or a
    scheduled scoop into a label.
    """
    if can_publish(user):
        return queryset
    return queryset.filter(own_articles(user)) | queryset.published()


def is_own(user, article):
    """Whether ``user`` created ``article`` or is bylined on it."""
    return article.created_by_id == user.pk or Byline.objects.filter(article=article, author__user=user).exists()


def may_view(user, article):
    """Whether ``user`` may open ``article`` in the admin (the model permission is checked separately)."""
    return can_publish(user) or is_own(user, article)


def may_edit(user, article):
    """Whether ``user`` may change ``article`` (the model permission is checked separately).

    A writer's own article is theirs to change until the desk approves it:
    once published or scheduled, a new headline or time would reach readers
    (or pull the article) without an editor, so it is read-only for them.
    """
    if can_publish(user):
        return True
    return article.status in UNPUBLISHED_STATUSES and is_own(user, article)
