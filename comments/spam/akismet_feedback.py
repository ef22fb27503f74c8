"""Tell Akismet when a moderator corrects it (submit-spam / submit-ham).

Akismet asks for corrections only: submit-spam for spam it did not call spam,
submit-ham for a comment it called spam that a person approved. The request
replays the payload stored on the comment when it was checked
(``Comment.akismet_payload``), so Akismet sees exactly what it judged.

:func:`comments.spam.learning.learn_from_decision` calls :func:`report_later`
for every person's decision, so callers need nothing else::

    report(comment, is_spam=True)        # now, in this process; False if nothing was sent
    report_later(comment, is_spam=True)  # after commit, in the task worker
"""

import logging
from functools import partial

import django_comments
from django.db import transaction
from django_tasks import task

from comments.spam import akismet_client

logger = logging.getLogger(__name__)


def akismet_answer(comment):
    """What Akismet said about the comment when it was checked: "spam", "ham" or "" (not asked, or no answer)."""
    for result in comment.spam_reasons or []:
        if result.get("check") == "akismet" and not result.get("unavailable"):
            return "spam" if result.get("score", 0) > 0 else "ham"
    return ""


def needs_report(comment, *, is_spam):
    """Whether the decision corrects Akismet (only corrections are reported)."""
    if not akismet_client.is_configured() or not comment.akismet_payload:
        return False
    answer = akismet_answer(comment)
    return answer != "spam" if is_spam else answer == "spam"


def report(comment, *, is_spam, client=None):
    """Send the correction now; ``True`` if Akismet took it. Failures are logged, never raised."""
    if not needs_report(comment, is_spam=is_spam):
        return False
    try:
        return bool(akismet_client.submit(comment.akismet_payload, is_spam=is_spam, client=client))
    except Exception:
        logger.warning("Could not report comment %s to Akismet as %s.", comment.pk, "spam" if is_spam else "ham")
        return False


def report_later(comment, *, is_spam):
    """Queue :func:`report` for after the surrounding transaction commits (nothing queued if not needed)."""
    if not needs_report(comment, is_spam=is_spam):
        return
    transaction.on_commit(partial(report_to_akismet.enqueue, comment.pk, is_spam), robust=True)


@task()
def report_to_akismet(comment_id, is_spam):
    """Send a moderator's correction to Akismet, in the task worker (django-tasks)."""
    comment = django_comments.get_model().objects.filter(pk=comment_id).first()
    if comment is None:
        return False
    return report(comment, is_spam=is_spam)
