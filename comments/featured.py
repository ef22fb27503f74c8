"""Featured comments ("Editors' picks"): a moderator's choice of what readers see first.

Featuring is not a status: a featured comment is an approved comment that a
moderator picked. Only approved comments can be featured. Unpublishing a
featured comment (held after reports, trashed) keeps the pick: readers only
ever see approved comments, so it leaves the "Featured" view with the
comment and comes back with it when the comment is restored, as a restore
brings back everything else. Unfeaturing is always allowed::

    from comments import featured

    featured.feature(comment, by=request.user)    # history: "featured by alice"; readers' pages purged
    featured.unfeature(comment, by=request.user)  # history: "unfeatured by alice"

Both write a line of the comment's history and go through
``comments.visible.update()``, which purges readers' pages after commit
when readers can see the comment.
"""

from django.db import transaction
from django.utils import timezone

from comments import visible
from comments.models import Comment, CommentEvent
from comments.status import InvalidTransition


def feature(comment, *, by):
    """Feature ``comment`` (approved only) for readers; raises ``comments.status.InvalidTransition`` otherwise."""
    return _set(comment, featured=True, by=by)


def unfeature(comment, *, by):
    """Stop featuring ``comment``; raises ``comments.status.InvalidTransition`` if it is not featured."""
    return _set(comment, featured=False, by=by)


def _set(comment, *, featured, by):
    with transaction.atomic():
        # Locked and read again: the page the moderator acted on may be stale.
        current = Comment.objects.select_for_update().filter(pk=comment.pk).values("status", "featured_at").get()
        comment.status = current["status"]
        if featured and current["status"] != Comment.Status.APPROVED:
            raise InvalidTransition("Only approved comments can be featured.")
        if featured == (current["featured_at"] is not None):
            comment.featured_at = current["featured_at"]
            raise InvalidTransition("The comment is featured already." if featured else "The comment is not featured.")
        visible.update(comment, featured_at=timezone.now() if featured else None)
        CommentEvent.objects.create(
            comment=comment,
            actor=by,
            actor_label=by.get_username()[:150],
            from_status=comment.status,
            to_status=comment.status,
            action=CommentEvent.Action.FEATURED if featured else CommentEvent.Action.UNFEATURED,
        )
    return comment
