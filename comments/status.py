"""Moving a comment between statuses: the one place that does it.

``change_status`` writes the history line and keeps ``previous_status`` for
an exact "restore", in the caller's transaction, and teaches the spam filter
there too: a decision and what the filter learned from it are committed
together or not at all. Everything else that follows from a change (mail,
purging cached pages) listens to :data:`comment_status_changed`, sent once
the transaction has committed, and is wired in ``CommentsConfig.ready()``;
this module knows none of it::

    from comments import status

    status.change_status(comment, Comment.Status.APPROVED, by=request.user)
    # history: "pending → approved by alice"; followers are mailed after commit

    status.change_status(comment, Comment.Status.PENDING, by_label="reader reports", reason="3 reports")
    status.change_status(comment, Comment.Status.TRASH, by=request.user, reason_code="harassment", reason="…")
    status.restore(comment, by=request.user)  # back to what it was before

Removals (to spam or trash) always record a reason code
(:class:`~comments.models.RejectionReason`, Coral's list), which the writer's
statement of reasons explains (:mod:`comments.statement`): the one given, or
``spam`` for spam and ``other`` for trash. The spam filter's removals say
``banned_word`` when a block word decided (:func:`reason_code_for`).

Who teaches the spam filter: only people (``by``). A moderator's
"approve" / "not spam" is a ham example, "spam" a spam example; "trash" says
nothing about spam (off-topic, rude, duplicate) and the filter's own
verdicts would only teach it what it already thinks (see
:func:`comments.spam.learning.learn_from_status_change`). If the filter
cannot learn, the decision stands and the failure is logged.

Replies: a comment's status never changes its replies' statuses. Trashing
or marking a parent as spam leaves the replies as they were; the thread shows
only approved comments whose parents are shown, so replies under a removed
comment disappear with it and come back when it is restored.

:data:`comment_status_changed` receives ``comment``, ``from_status`` (``""``
for a new comment), ``to_status``, ``by_person`` (a person decided, not the
filter or readers' reports), ``first_approval`` (readers see the comment
for the first time) and ``by_rule`` (a removal carried out with a ban, whose
writer is told of the ban instead). Its receivers: :mod:`comments.visible` (purges readers'
pages) and :func:`comments.tasks.mail_about_status_change`. Changes to what readers see other than the status (an
edited text, an erased name) go through ``visible.update()``.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from comments.models import Comment, CommentEvent, CommentReport, RejectionReason
from comments.spam import learning
from comments.spam.checks.words import WordListCheck

comment_status_changed = Signal()

SPAM_FILTER_LABEL = "spam filter"
#: The history's reason for a :func:`restore`.
RESTORED_REASON = "restored"

# Every status may move to every other: a moderator can always correct a
# decision. What is refused is a "change" to the same status (a stale page
# or a double click), which would write a misleading history line.
TRANSITIONS = {status: frozenset(Comment.Status) - {status} for status in Comment.Status}


# The statuses that take a comment off the site, and the reason code each records when none is given.
REMOVALS = {Comment.Status.SPAM: RejectionReason.SPAM, Comment.Status.TRASH: RejectionReason.OTHER}


class InvalidTransition(ValueError):
    """The comment cannot move to that status (unknown, or already there)."""


class InvalidReasonCode(InvalidTransition):
    """The reason code is not one of :class:`~comments.models.RejectionReason`, or the change is no removal.

    A kind of :class:`InvalidTransition`, so whoever refuses a stale change politely refuses this too.
    """


def check_reason_code(to_status, reason_code):
    """Raise :class:`InvalidReasonCode` unless ``reason_code`` may go with a move to ``to_status``.

    No code is always fine; a code only with a removal (spam or trash), and only one of Coral's list.
    """
    if not reason_code:
        return
    if reason_code not in RejectionReason.values:
        raise InvalidReasonCode(f"{reason_code!r} is not a reason for removing a comment; nothing was changed.")
    if to_status not in REMOVALS:
        raise InvalidReasonCode("A reason code goes only with a removal (spam or trash); nothing was changed.")


def reason_code_for(verdict):
    """The reason code of the spam filter's own removal: ``banned_word`` when a block word decided, else ``""``.

    ``""`` lets :func:`change_status` record its default (``spam``).
    """
    if verdict.band.status not in REMOVALS:
        return ""
    words = any(r.check == WordListCheck.name and r.decisive == "spam" for r in verdict.results)
    return RejectionReason.BANNED_WORD.value if words else ""


def change_status(comment, to_status, *, by=None, by_label="", reason="", reason_code="", rule=None):
    """Move ``comment`` to ``to_status`` and write the history line.

    ``by`` is the user who decided (``None`` for automatic decisions, which
    then need ``by_label``, e.g. ``"reader reports"``). A person approving a
    comment with open readers' reports closes them (``reports_reviewed_at``).
    A removal records ``reason_code`` (a :class:`~comments.models.RejectionReason`;
    ``spam`` for spam and ``other`` for trash when none is given) and
    ``reason``, for a person's removal the short explanation their writer reads.
    ``rule`` is the ban (a ``CommenterRule``) a removal
    carries out: the history line names it, and the writer gets no statement
    about this comment (the ban's own statement tells them, see
    :func:`comments.commenters.trash_recent`).
    Raises :class:`InvalidTransition` for an unknown status or no change, and
    :class:`InvalidReasonCode` for a code that is unknown or goes with no removal,
    before anything is changed.
    """
    if to_status not in Comment.Status.values:
        raise InvalidTransition(f"{to_status!r} is not a comment status.")
    check_reason_code(to_status, reason_code)
    if rule is not None and to_status not in REMOVALS:
        raise InvalidTransition("Only a removal carries out a ban; nothing was changed.")
    if to_status in REMOVALS:
        reason_code = reason_code or REMOVALS[to_status].value
    actor_label = by.get_username() if by is not None else (by_label or "system")
    with transaction.atomic():
        # The stored status, locked: two moderators deciding at once must not
        # both start from the same status (previous_status would be wrong).
        from_status = Comment.objects.select_for_update().filter(pk=comment.pk).values_list("status", flat=True).get()
        if to_status not in TRANSITIONS[from_status]:
            comment.status = from_status
            raise InvalidTransition(f"The comment is already {Comment.Status(to_status).label.lower()}.")
        first_approval = (
            to_status == Comment.Status.APPROVED
            and not comment.events.filter(to_status=Comment.Status.APPROVED).exists()
        )
        changes = {
            "previous_status": from_status,
            "status": to_status,
            "status_changed_at": timezone.now(),
            **Comment.visibility(to_status),
        }
        if by is not None and to_status == Comment.Status.APPROVED and _has_open_reports(comment):
            # A person read the readers' reports and published it anyway: from
            # now on reports only queue it for review (see comments.reactions).
            changes["reports_reviewed_at"] = changes["status_changed_at"]
        # update(), not save(): django-comments-xtd's pre_save handler would
        # copy this comment's visibility onto all its replies (publishing a
        # held reply when its parent is approved).
        Comment.objects.filter(pk=comment.pk).update(**changes)
        for name, value in changes.items():
            setattr(comment, name, value)
        CommentEvent.objects.create(
            comment=comment,
            actor=by,
            actor_label=actor_label[:150],
            from_status=from_status,
            to_status=to_status,
            reason=reason[:500],
            reason_code=reason_code,
            rule=rule,
        )
        learning.learn_from_status_change(
            comment=comment, from_status=from_status, to_status=to_status, by_person=by is not None
        )
        _after_commit(
            comment,
            from_status=from_status,
            to_status=to_status,
            by_person=by is not None,
            first_approval=first_approval,
            by_rule=rule is not None,
        )
    return comment


def _has_open_reports(comment):
    return CommentReport.objects.open().filter(comment=comment).exists()


def restore(comment, *, by):
    """Undo the last change: back to ``previous_status`` exactly (trash → whatever it was).

    A comment the spam filter put straight into spam has no previous status;
    restoring it puts it in the moderation queue.
    """
    to_status = comment.previous_status or Comment.Status.PENDING
    return change_status(comment, to_status, by=by, reason=RESTORED_REASON, reason_code=_last_code(comment, to_status))


def _last_code(comment, to_status):
    """Back to spam or trash: the reason code it was removed for before, not a default."""
    if to_status not in REMOVALS:
        return ""
    last = comment.events.filter(to_status=to_status).exclude(reason_code="").order_by("-pk").first()
    return last.reason_code if last is not None else ""


def record_creation(comment, verdict=None):
    """Write a new comment's first history line from the spam pipeline's verdict.

    Call it right after saving the comment, in the same transaction. It also
    stamps ``status_changed_at`` and copies the verdict onto the comment if the
    caller has not, and sends :data:`comment_status_changed` after commit. Mail
    is the posting flow's next explicit step: ``notifications.comment_posted``.
    """
    with transaction.atomic():
        update_fields = []
        if comment.status_changed_at is None:
            comment.status_changed_at = timezone.now()
            update_fields.append("status_changed_at")
        if verdict is not None and not comment.spam_band:
            comment.spam_band = verdict.band.stored
            comment.spam_score = verdict.score
            comment.spam_reasons = verdict.reasons
            update_fields += ["spam_band", "spam_score", "spam_reasons"]
        if update_fields:
            Comment.objects.filter(pk=comment.pk).update(**{name: getattr(comment, name) for name in update_fields})
        CommentEvent.objects.create(
            comment=comment,
            actor_label=SPAM_FILTER_LABEL if verdict is not None else "system",
            from_status="",
            to_status=comment.status,
            reason=describe_verdict(verdict)[:500] if verdict is not None else "",
            reason_code=_creation_code(comment.status, verdict),
        )
        _after_commit(
            comment,
            from_status="",
            to_status=comment.status,
            by_person=False,
            first_approval=comment.status == Comment.Status.APPROVED,
        )
    return comment


def _creation_code(to_status, verdict):
    if to_status not in REMOVALS:
        return ""
    return (reason_code_for(verdict) if verdict is not None else "") or REMOVALS[to_status].value


def describe_verdict(verdict):
    """ "held: 3 links (+0.4); classifier says spam (+0.3)": the band, then each reason with its score."""
    word = verdict.band.word
    parts = [getattr(r, "label", None) or f"{r.reason} ({r.score:+.1f})" for r in verdict.results if r.reason]
    return f"{word}: {'; '.join(parts)}" if parts else word


def _after_commit(comment, *, from_status, to_status, by_person, first_approval, by_rule=False):
    transaction.on_commit(
        partial(
            comment_status_changed.send_robust,
            sender=Comment,
            comment=comment,
            from_status=from_status,
            to_status=to_status,
            by_person=by_person,
            first_approval=first_approval,
            by_rule=by_rule,
        ),
        robust=True,
    )
