"""Background work for the spam filter (django-tasks; ``manage.py db_worker`` runs it).

- :func:`recheck_held_comment`: a comment held because Akismet could not be
  asked is checked again, with growing pauses, until Akismet answers; then
  it is published, filed as spam, or left for a moderator (if something else
  holds it). After ``MAX_ATTEMPTS`` it stays in the queue for a person.
- :func:`report_to_akismet`: a moderator's correction, sent to Akismet.

The posting flow calls :func:`recheck_later_if_unavailable` right after
storing a new comment::

    comment = store(fields, verdict=verdict)
    recheck_later_if_unavailable(comment, verdict)
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_PAUSE = timedelta(minutes=2)


def _pause(attempt):
    return FIRST_PAUSE * 2 ** (attempt - 1)  # 2, 4, 8, 16, 32, 64 minutes


def recheck_later_if_unavailable(comment, verdict):
    """Queue a re-check (after commit) if ``verdict`` held ``comment`` because a service did not answer."""
    if verdict.band == "hold" and verdict.unavailable and comment.pk:
        recheck_later(comment.pk, attempt=1)


def recheck_later(comment_id, *, attempt):
    """Queue :func:`recheck_held_comment` after commit, deferred where the task backend allows it."""
    backend = task_backends[recheck_held_comment.backend]
    if backend.supports_defer:
        queued = recheck_held_comment.using(run_after=timezone.now() + _pause(attempt))
    elif attempt > 1:
        # Without deferred tasks a retry would run at once, again and again: leave it to a moderator.
        return
    else:
        queued = recheck_held_comment
    transaction.on_commit(partial(queued.enqueue, comment_id, attempt), robust=True)


@task()
def recheck_held_comment(comment_id, attempt=1):
    """Check a held comment again; publish or file it as spam if the filter is now sure."""
    from comments.models import Comment
    from comments.spam.pipeline import recheck
    from comments.status import SPAM_FILTER_LABEL, change_status

    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or comment.status != Comment.Status.PENDING:
            return "gone or already decided"
        verdict = recheck(comment, reason="recheck_queue")
        if verdict.unavailable:
            if attempt < MAX_ATTEMPTS:
                recheck_later(comment.pk, attempt=attempt + 1)
            return "still unavailable"
        to_status = {"publish": Comment.Status.APPROVED, "spam": Comment.Status.SPAM}.get(verdict.band)
        if to_status is not None:
            change_status(comment, to_status, by_label=SPAM_FILTER_LABEL, reason=f"checked again: {verdict.summary}")
        return verdict.band


@task()
def report_to_akismet(comment_id, is_spam):
    """Send a moderator's correction to Akismet (see :mod:`comments.spam.akismet_feedback`)."""
    from comments.models import Comment
    from comments.spam.akismet_feedback import report

    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        return False
    return report(comment, is_spam=is_spam)
