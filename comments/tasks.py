"""Background work for the comments app, run by django-tasks (``manage.py db_worker``).

Each task takes ids, not objects, and looks at the comment again when it
runs: a moderator may have decided in the meantime, and a comment that is no
longer waiting (or no longer published) gets no mail. A mail server that
refuses or is down is logged; it never changes or loses a comment.

Scheduled work (the moderation digest, trimming personal data) is enqueued
by the management commands of the same names, which cron can run::

    15 3 * * *  manage.py trim_comment_personal_data --enqueue
    0 8 * * *   manage.py send_moderation_digest --enqueue
"""

import logging
import smtplib

from django.core.mail import get_connection
from django_tasks import task

from comments import notifications, privacy
from comments.models import Comment

logger = logging.getLogger(__name__)


@task()
def send_held_comment_mail(comment_id):
    """Tell moderators about one held comment, if it is still waiting."""
    comment = _comment(comment_id, Comment.Status.PENDING)
    return _send_each(notifications.held_comment_messages(comment) if comment else [], what="held comment")


@task()
def send_author_mail(comment_id):
    """Tell the article's authors about a published comment."""
    comment = _comment(comment_id, Comment.Status.APPROVED)
    return _send_each(notifications.author_messages(comment) if comment else [], what="author")


@task()
def send_reply_mail(comment_id):
    """Tell the conversation's followers about a published reply."""
    comment = _comment(comment_id, Comment.Status.APPROVED)
    return _send_each(notifications.reply_messages(comment) if comment else [], what="reply")


@task()
def send_moderation_digest():
    """One mail per moderator listing the comments waiting for review (none if the queue is empty)."""
    return _send_each(notifications.digest_messages(), what="moderation digest")


@task()
def trim_comment_personal_data():
    """Truncate IPs and drop user agents and referrers of comments decided long enough ago."""
    return privacy.trim_personal_data()


def _comment(comment_id, status):
    return Comment.objects.filter(pk=comment_id, status=status).first()


def _send_each(messages, *, what):
    """Send each message on one connection; log and skip the ones the server refuses. Returns how many went."""
    if not messages:
        return 0
    sent = 0
    connection = get_connection()
    for message in messages:
        message.connection = connection
        try:
            sent += message.send()
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not send the %s mail to %s.", what, ", ".join(message.to))
    return sent
