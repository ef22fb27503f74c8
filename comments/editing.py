"""The edit window: a commenter changes their own comment for a few minutes after posting.

Who may edit: the account that wrote it, or the browser that posted it (its
signed pending cookie names the comment, :mod:`comments.pending`); never
someone who types the same name or address. For how long:
``NEWSROOM_COMMENTS_EDIT_SECONDS`` after posting (0 turns editing off).
Spam and trashed comments cannot be edited::

    refusal(request, comment)            # "" when the reader may edit it, else what to tell them
    edit(comment, text="New text", by=request.user)

An edit goes through the spam filter again (:func:`comments.spam.pipeline.recheck`
on the new text, the checks that judged the original request carried over,
under the moderators' rules for its writer: :func:`comments.commenters.recheck`).
A verdict that holds or spams the comment moves it there through
:func:`comments.status.change_status`; a better verdict never publishes a held
comment (a moderator decides that). The old text is kept in the history (a
:class:`~comments.models.CommentEvent` with ``previous_text``), readers see
"edited", and readers' pages are purged through :mod:`comments.visible`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import commenters, conf, pending, premoderation, status, visible
from comments.models import Comment, CommentEvent
from comments.spam.base import Band, CheckResult, Verdict

logger = logging.getLogger(__name__)

#: How bad a status is for readers: an edit may only move a comment to a worse one.
_SEVERITY = {Comment.Status.APPROVED: 0, Comment.Status.PENDING: 1, Comment.Status.SPAM: 2, Comment.Status.TRASH: 2}
EDITABLE_STATUSES = (Comment.Status.APPROVED, Comment.Status.PENDING)


def window():
    """The edit window as a ``timedelta`` (zero when editing is off)."""
    return timedelta(seconds=conf.get("NEWSROOM_COMMENTS_EDIT_SECONDS"))


def is_owner(request, comment):
    """Whether ``request`` comes from the account or the browser (signed pending cookie) that wrote ``comment``."""
    user = getattr(request, "user", None)
    if comment.user_id and user is not None and user.is_authenticated and user.pk == comment.user_id:
        return True
    return comment.pk in pending.ids(request)


def refusal(request, comment, *, now=None):
    """Why ``request`` may not edit ``comment`` (a message for the reader), or ``""`` when it may."""
    if not is_owner(request, comment):
        return _("Only the person who wrote this comment can edit it, from the browser or account they wrote it with.")
    if comment.status not in EDITABLE_STATUSES:
        return _("This comment can no longer be edited.")
    if not window() or (now or timezone.now()) > comment.submit_date + window():
        return _("The time for editing this comment is over. You can post a new comment instead.")
    return ""


def editable_ids(request, target, *, by_cookie_only=False):
    """Ids of the comments on ``target`` this reader may still edit (one query; none without cookie or account).

    ``by_cookie_only``: only those the pending cookie names (no query without it), for pages whose
    query budget must not grow for signed-in readers.
    """
    if not window() or request is None:
        return []
    named = pending.ids(request)
    user = None if by_cookie_only else getattr(request, "user", None)
    if not named and not (user is not None and user.is_authenticated):
        return []
    mine = Comment.objects.filter(pk__in=named)
    if user is not None and user.is_authenticated:
        mine = Comment.objects.filter(pk__in=named) | Comment.objects.filter(user=user)
    recent = mine.filter(status__in=EDITABLE_STATUSES, submit_date__gte=timezone.now() - window())
    return list(recent.on(target).order_by("pk").values_list("pk", flat=True))


def max_length():
    """The longest comment allowed (django-contrib-comments' ``COMMENT_MAX_LENGTH``)."""
    return getattr(settings, "COMMENT_MAX_LENGTH", 3000)


def invalid_text(text):
    """What is wrong with an edited text (a message), or ``""``."""
    if not (text or "").strip():
        return _("Please write your comment; an empty comment cannot be saved.")
    if len(text) > max_length():
        return _("Your comment is too long: at most %(n)d characters.") % {"n": max_length()}
    return ""


def edit(comment, *, text, by=None):
    """Replace the text of ``comment``, check it again and keep the old text in the history; return the verdict."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        previous_text = locked.comment
        locked.comment = text
        verdict = premoderation.apply_to_stored(_recheck(locked), comment=locked)
        now = timezone.now()
        CommentEvent.objects.create(
            comment=locked,
            actor=by if by is not None and by.is_authenticated else None,
            actor_label="writer",
            from_status=locked.status,
            to_status=locked.status,
            action=CommentEvent.Action.EDITED,
            reason=status.describe_verdict(verdict)[:500],
            previous_text=previous_text,
        )
        locked.comment = previous_text  # what readers saw, so visible.update() knows whether to purge
        visible.update(
            locked,
            comment=text,
            edited_at=now,
            spam_score=verdict.score,
            spam_band=verdict.band.stored,
            spam_reasons=verdict.reasons,
        )
        worse = verdict.band.status
        if _SEVERITY[worse] > _SEVERITY[locked.status]:
            status.change_status(
                locked,
                worse,
                by_label=status.SPAM_FILTER_LABEL,
                reason=status.describe_verdict(verdict)[:500],
                reason_code=status.reason_code_for(verdict),
            )
    for name in ("comment", "edited_at", "status", "spam_score", "spam_band", "spam_reasons"):
        setattr(comment, name, getattr(locked, name))
    return verdict


def _recheck(comment):
    try:
        return commenters.recheck(comment, reason="edit", save=False)
    except Exception:
        logger.exception("The spam filter failed on an edited comment; holding it for review.")
        reason = "The spam filter failed on this edit, so a person reviews it."
        return Verdict(band=Band.HOLD, score=0.0, results=(CheckResult(score=0.0, reason=reason, check="editing"),))
