"""Background work for the comments app, run by django-tasks (``manage.py db_worker``), and when to queue it.

Each task takes ids, not objects, and looks at the comment again when it
runs: a moderator may have decided in the meantime, and a comment that is no
longer waiting (or no longer published) gets no mail. A mail server that
refuses or is down is logged; it never changes or loses a comment.

When mail is queued: the posting flow calls :func:`mail_about_new_comment`
after a new comment is stored; :func:`mail_about_status_change` receives
``comments.status.comment_status_changed`` (wired in ``CommentsConfig.ready()``),
and queues the statement of reasons to the writer of a comment a moderator
removed (:func:`comments.statement.should_mail` says when). The commenter's
record page calls :func:`mail_about_ban` when a moderator bans someone: one
statement about the ban, none about the comments trashed with it.
A comment held because a service of the spam filter did not answer is
checked again later (:func:`recheck_later_if_unavailable`,
:func:`recheck_held_comment`), with growing pauses, until the filter is sure.

Scheduled work (the moderation digest, trimming personal data) is enqueued
by the management commands of the same names, which cron can run::

    15 3 * * *  manage.py trim_comment_personal_data --enqueue
    0 8 * * *   manage.py send_moderation_digest --enqueue
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from articles import mailing
from comments import commenters, conf, notifications, premoderation, privacy, statement, status
from comments.models import Comment, CommenterRule
from comments.spam.base import Band

RECHECK_ATTEMPTS = 6
FIRST_RECHECK_PAUSE = timedelta(minutes=2)


# When mail is queued ---------------------------------------------------------------------------


def mail_about_new_comment(comment):
    """Queue the mail a new comment calls for; the posting flow calls it after commit."""
    _queue_mail(
        comment,
        to_status=comment.status,
        by_person=False,
        first_approval=comment.status == Comment.Status.APPROVED,
    )


def mail_about_status_change(
    sender, *, comment, from_status, to_status, by_person=False, first_approval=False, by_rule=False, **kwargs
):
    """Receiver of ``comment_status_changed``: the mail a committed change calls for.

    New comments (``from_status == ""``) are the posting flow's to mail
    (:func:`mail_about_new_comment`), once they are stored and checked. A
    person's removal of a visible or queued comment also sends its writer the
    statement of reasons (:func:`send_statement_of_reasons`), unless it was
    trashed with a ban (``by_rule``), whose own statement tells them.
    """
    if from_status:
        _queue_mail(comment, to_status=to_status, by_person=by_person, first_approval=first_approval)
    if statement.should_mail(
        comment=comment, from_status=from_status, to_status=to_status, by_person=by_person, by_rule=by_rule
    ):
        send_statement_of_reasons.enqueue(comment.pk)


def mail_about_ban(rule):
    """Queue, after commit, the statement about ``rule``, a new ban, if it names an address to write to.

    Call it once the ban is made (and its recent comments trashed), in the same transaction.
    """
    if statement.should_mail_ban(rule):
        transaction.on_commit(partial(send_ban_statement.enqueue, rule.pk), robust=True)


def _queue_mail(comment, *, to_status, by_person, first_approval):
    if (
        to_status == Comment.Status.PENDING
        and not by_person
        and conf.get("NEWSROOM_COMMENTS_NOTIFY_MODERATORS")
        and not conf.get("NEWSROOM_COMMENTS_MODERATION_DIGEST")
    ):
        send_held_comment_mail.enqueue(comment.pk)
    if first_approval:
        if conf.get("NEWSROOM_COMMENTS_NOTIFY_AUTHORS"):
            send_author_mail.enqueue(comment.pk)
        if comment.parent_id and comment.parent_id != comment.pk:
            send_reply_mail.enqueue(comment.pk)


# Mail ------------------------------------------------------------------------------------------


@task()
def send_held_comment_mail(comment_id):
    """Tell moderators about one held comment, if it is still waiting."""
    comment = _comment(comment_id, Comment.Status.PENDING)
    return mailing.send_each(notifications.held_comment_messages(comment) if comment else [], what="held comment")


@task()
def send_author_mail(comment_id):
    """Tell the article's authors about a published comment."""
    comment = _comment(comment_id, Comment.Status.APPROVED)
    return mailing.send_each(notifications.author_messages(comment) if comment else [], what="author")


@task()
def send_reply_mail(comment_id):
    """Tell the conversation's followers about a published reply."""
    comment = _comment(comment_id, Comment.Status.APPROVED)
    return mailing.send_each(notifications.reply_messages(comment) if comment else [], what="reply")


@task()
def send_statement_of_reasons(comment_id):
    """Tell the writer of a comment a moderator removed what was removed and why, if it is still removed."""
    comment = Comment.objects.filter(pk=comment_id).first()
    event = statement.removal(comment) if comment is not None else None
    if event is None or not statement.by_person(event) or event.rule_id is not None:
        return 0
    return mailing.send_each(notifications.statement_messages(event), what="statement of reasons")


@task()
def send_ban_statement(rule_id):
    """Tell a banned commenter that their comments are no longer published, and why, if the ban is still in force."""
    rule = CommenterRule.objects.select_related("user").filter(pk=rule_id).first()
    if rule is None or not rule.in_force() or not statement.should_mail_ban(rule):
        return 0
    return mailing.send_each(notifications.ban_statement_messages(rule), what="ban statement")


@task()
def send_moderation_digest():
    """One mail per moderator listing the comments waiting for review (none if the queue is empty)."""
    return mailing.send_each(notifications.digest_messages(), what="moderation digest")


# Privacy and re-checks -------------------------------------------------------------------------


@task()
def trim_comment_personal_data():
    """Truncate IPs and drop user agents and referrers of comments decided long enough ago."""
    return privacy.trim_personal_data()


def recheck_later_if_unavailable(comment, verdict):
    """Queue a re-check (after commit) if ``verdict`` held ``comment`` because a service did not answer."""
    if verdict.band == Band.HOLD and verdict.unavailable and comment.pk:
        recheck_later(comment.pk, attempt=1)


def recheck_later(comment_id, *, attempt):
    """Queue :func:`recheck_held_comment` after commit, deferred where the task backend allows it."""
    backend = task_backends[recheck_held_comment.backend]
    if backend.supports_defer:
        pause = FIRST_RECHECK_PAUSE * 2 ** (attempt - 1)  # 2, 4, 8, 16, 32, 64 minutes
        queued = recheck_held_comment.using(run_after=timezone.now() + pause)
    elif attempt > 1:
        # Without deferred tasks a retry would run at once, again and again: leave it to a moderator.
        return
    else:
        queued = recheck_held_comment
    transaction.on_commit(partial(queued.enqueue, comment_id, attempt), robust=True)


@task()
def recheck_held_comment(comment_id, attempt=1):
    """Check a held comment again; publish it or file it as spam if the filter is now sure.

    After ``RECHECK_ATTEMPTS`` without an answer it stays in the queue for a person.
    """
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or comment.status != Comment.Status.PENDING:
            return "gone or already decided"
        verdict = premoderation.apply_to_stored(commenters.recheck(comment, reason="recheck_queue"), comment=comment)
        if verdict.unavailable:
            if attempt < RECHECK_ATTEMPTS:
                recheck_later(comment.pk, attempt=attempt + 1)
            return "still unavailable"
        if verdict.band in {Band.PUBLISH, Band.SPAM}:
            status.change_status(
                comment,
                verdict.band.status,
                by_label=status.SPAM_FILTER_LABEL,
                reason=f"checked again: {verdict.summary}",
                reason_code=status.reason_code_for(verdict),
            )
        return verdict.band.value


def _comment(comment_id, wanted_status):
    return Comment.objects.filter(pk=comment_id, status=wanted_status).first()
