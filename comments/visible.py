"""What readers see of comments: the one way to change it, and the purge that follows every change.

Readers see approved comments: their text, the writer's name and website,
when they were posted and where they sit in the thread. Those appear on
cached pages and in the shared comment thread (:mod:`articles.pagecache`),
so a change to them that does not purge stays on readers' screens until the
cache's max age. Every such change goes through here::

    from comments import visible

    visible.update(comment, comment="Redacted.")  # a moderator's edit: written, then pages purged after commit
    visible.update(comment, user_name="Anonymous", user_email="")  # erasing personal data

Status moves go through :func:`comments.status.change_status`, whose
``comment_status_changed`` signal reaches :func:`status_changed`; deleted
comments reach :func:`deleted` (both connected by :func:`connect`).

``articles.pagecache`` is the seam, and purges by tag: a comment shows on
the pages of the object it is on, which carry that object's tag
(``article-7``: its page, its comment feed, the lists that show its comment
count), and in the site's comment feed (tag ``comments``, :data:`FEED_TAG`),
so those are what a change purges (:func:`page_tags`); articles knows
nothing about comments.

A change purges only when readers could see the comment before it or can
after it (approved then or now): editing a held comment or trimming the IP
addresses of old ones leaves every reader's page in the cache. Likes are the
one visible thing that does not purge: any reader may like, so purging on a
like would let anyone empty the cache for everyone; the count on a cached
page may lag by up to ``NEWSROOM_PAGE_CACHE_SECONDS`` (the like button shows
the new count at once).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete

from articles import pagecache
from comments import status
from comments.models import Comment

# What a reader page shows of a comment (the like count aside, see above) ...
SHOWN_FIELDS = frozenset(
    {"comment", "user_name", "user_url", "user", "user_id", "submit_date", "parent_id", "featured_at"}
)
# ... and what decides whether it is shown.
READER_FIELDS = SHOWN_FIELDS | {"status", "is_public", "is_removed"}
#: The page cache tag of the site's comment feeds, which show the newest comments on everything.
FEED_TAG = "comments"


def shown(comment_status):
    """Whether readers see a comment with this status."""
    return comment_status == Comment.Status.APPROVED


def page_tags(comment):
    """The page cache tags of the pages that show ``comment``: its object's, and the site's comment feed."""
    model = ContentType.objects.get_for_id(comment.content_type_id).model_class()
    if model is None:  # a model gone from the code: whatever showed it, purge everything
        return [pagecache.SITE]
    return [pagecache.key(model, comment.object_pk), FEED_TAG]


def changed(*, before, after, comment):
    """``comment`` had status ``before`` (``""`` if new) and now has ``after``, and something readers see may differ.

    Purges the pages showing it once the transaction commits if readers saw
    the comment before or see it now.
    """
    if shown(before) or shown(after):
        pagecache.purge_on_commit(*page_tags(comment))


def update(comment, /, **changes):
    """Write ``changes`` to ``comment``'s row (and onto ``comment``), purging readers' pages if they see a difference.

    ``comment`` is positional only: ``comment=`` is the text. Its ``status``
    must be the stored one (a row just read, or locked).
    Written with ``update()``, not ``save()``: django-comments-xtd's
    ``pre_save`` handler would copy this comment's visibility onto its replies
    (see :mod:`comments.status`).
    """
    before = comment.status
    changes = Comment.derived(changes)
    Comment.objects.filter(pk=comment.pk).update(**changes)
    for name, value in changes.items():
        setattr(comment, name, value)
    if READER_FIELDS.intersection(changes):
        changed(before=before, after=comment.status, comment=comment)
    return comment


def status_changed(sender, *, comment, from_status, to_status, **kwargs):
    """Receiver of ``comments.status.comment_status_changed`` (sent after commit)."""
    changed(before=from_status, after=to_status, comment=comment)


def deleted(sender, *, instance, **kwargs):
    """Receiver of ``post_delete`` for comments: a deleted approved comment leaves readers' pages."""
    changed(before=instance.status, after="", comment=instance)


def connect():
    """Wire the receivers above. Called from ``CommentsConfig.ready()``."""
    status.comment_status_changed.connect(status_changed, dispatch_uid="comments_purge_reader_pages")
    post_delete.connect(deleted, sender=Comment, dispatch_uid="comments_purge_reader_pages_on_delete")
