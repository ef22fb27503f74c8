"""The reader's own comments awaiting moderation, named by a signed cookie.

A held comment is shown to the one browser that wrote it, and to nobody
else: the post's response sets a short-lived signed cookie listing its id.
Pages that carry the cookie are never served from a cache, so they can show
the held comments in place (for readers without JavaScript), and the comment
script asks ``/comments/mine/`` for them on a cached page::

    ids(request)                        # [12, 15]: forged or expired cookies give []
    remember(request, response, comment)
    held_comments(request, article)     # the reader's held comments on this article (or any object)
"""

from comments.cookies import PENDING
from comments.models import Comment

#: Spam is shown to its author as "awaiting moderation" too: spammers learn nothing.
SHOWN_TO_AUTHOR = {Comment.Status.PENDING, Comment.Status.SPAM}
KEPT = 20


def ids(request):
    """Ids of the comments the signed pending cookie names (empty if missing, forged or expired)."""
    value = PENDING.read(request)
    return [int(part) for part in value.split(",") if part.isdigit() and len(part) < 18][-KEPT:]


def remember(request, response, comment):
    """Add ``comment`` to the cookie on ``response``, keeping the newest few."""
    kept = [*ids(request), comment.pk]
    PENDING.write(request, response, ",".join(str(pk) for pk in kept[-KEPT:]))


def held_comments(request, target):
    """This reader's comments on ``target`` that still await moderation, oldest first (no query without a cookie)."""
    named = ids(request) if request is not None else []
    if not named:
        return []
    return list(Comment.objects.on(target).filter(pk__in=named, status__in=SHOWN_TO_AUTHOR).order_by("pk"))
