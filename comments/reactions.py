"""Readers' likes and reports: one each per reader and comment.

A reader is a ``reader_key`` (a hash of their account or of a long-lived
random cookie, see ``views.reader_key``), never an IP address. Counts are
kept on the comment with ``F()`` so concurrent clicks never lose one. Enough
reports (``NEWSROOM_COMMENTS_REPORTS_TO_HOLD``) send a published comment
back to the moderation queue::

    like(comment, reader_key=key)     # True if this reader's like was new
    report(comment, reader_key=key)   # True if new; may hold the comment
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from comments import conf
from comments.models import Comment, CommentReaction, CommentReport


def _once(model, comment, **fields):
    """Create the reader's row unless it exists; True if it was created."""
    try:
        with transaction.atomic():
            _, created = model.objects.get_or_create(
                comment=comment, reader_key=fields.pop("reader_key"), defaults=fields
            )
    except IntegrityError:  # the same reader's other click won the race
        return False
    return created


def like(comment, *, reader_key):
    """Count one like per reader; True if this one was new."""
    with transaction.atomic():
        created = _once(CommentReaction, comment, reader_key=reader_key)
        if created:
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
    return created


def like_count(comment):
    return Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).first() or 0


def report(comment, *, reader_key, reason=""):
    """Count one report per reader; at the threshold, send the comment back to moderation."""
    with transaction.atomic():
        created = _once(CommentReport, comment, reader_key=reader_key, reason=reason[:200])
        if not created:
            return False
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        threshold = conf.get("NEWSROOM_COMMENTS_REPORTS_TO_HOLD")
        if threshold and comment.report_count >= threshold and comment.status == Comment.Status.APPROVED:
            from comments.status import change_status

            change_status(
                comment,
                Comment.Status.PENDING,
                by_label="readers",
                reason=f"reported by {comment.report_count} readers",
            )
    return True
