"""The review queue: writers submit, editors send back with a note or approve, anyone on the article leaves notes.

Like WordPress's "Pending Review" and Wagtail's moderation workflow, on the
article's own status (``Article.Status.REVIEW`` is "In review")::

    review.submit(article, by=writer, text="Ready; the figures are checked.")
    review.send_back(article, by=editor, text="Please name the second source.")
    review.approve(article, by=editor)  # published now, or scheduled if publish_at is ahead
    review.add_note(article, by=editor, text="Legal has read it.")

Each step is an ``articles.models.ReviewNote`` (who, when, what they
said), the article's history in the admin. Notes are for staff: who may read
them is who may open the article in the admin (:mod:`articles.roles`).
Who may take which step is checked here too, whatever door the request
came by: only a desk editor sends back or approves.

Mail goes out through the task queue once the step is committed
(:mod:`articles.review_mail`): a submission to the desk
(``NEWSROOM_REVIEW_NOTIFY``), a decision to the article's writers. In the
admin, a writer sees the decisions on their articles they have not opened
since (:func:`unseen_decisions`).
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import review_mail, roles
from articles.models import Article, ReviewNote

Kind = ReviewNote.Kind

#: How many unseen decisions :func:`unseen_decisions` returns: the admin index lists them.
DECISIONS_SHOWN = 10


def submit(article, *, by, text=""):
    """Put ``article`` in the review queue; an editor's own submission is allowed too."""
    _require(roles.may_edit(by, article))
    if article.status != Article.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    article.status = Article.Status.REVIEW
    article.save()
    return record(article, by=by, kind=Kind.SUBMITTED, text=text)


def withdraw(article, *, by, text=""):
    """Take ``article`` out of the queue, back to draft, before an editor has decided."""
    _require(roles.may_edit(by, article))
    if article.status != Article.Status.REVIEW:
        raise ValidationError(_("Only an article in review can be moved back to draft."))
    article.status = Article.Status.DRAFT
    article.save()
    return record(article, by=by, kind=Kind.WITHDRAWN, text=text)


def send_back(article, *, by, text):
    """Return ``article`` to its writers as a draft with a note saying what to change (editors only)."""
    _require(roles.can_publish(by))
    if not text.strip():
        raise ValidationError(_("Say what should change: a note is required to send an article back."))
    if article.status != Article.Status.REVIEW:
        raise ValidationError(_("Only an article in review can be sent back."))
    article.status = Article.Status.DRAFT
    article.save()
    return record(article, by=by, kind=Kind.SENT_BACK, text=text)


def approve(article, *, by, text="", now=None):
    """Publish ``article`` (editors only): now, or at its publish time if that is still ahead (scheduled)."""
    _require(roles.can_publish(by))
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError(_("The article is already approved."))
    publish(article, now=now)
    return record(article, by=by, kind=Kind.APPROVED, text=text)


def publish(article, *, now=None):
    """Set ``article`` published, the way the admin's publish action does, and save it (which purges its pages).

    A draft written last week goes out as today's news, not back-dated; a
    publish time ahead is kept, which schedules the article.
    """
    now = now or timezone.now()
    if article.first_published_at is None and article.publish_at < now:
        article.publish_at = now
    article.status = Article.Status.PUBLISHED
    article.save()


def add_note(article, *, by, text):
    """Leave a note on ``article`` for whoever works on it; for those who may edit it (or publish)."""
    _require(roles.may_edit(by, article))
    if not text.strip():
        raise ValidationError(_("A note needs some text."))
    return record(article, by=by, kind=Kind.NOTE, text=text)


def record(article, *, by, kind, text=""):
    """Store one step of ``article``'s review and queue, after commit, the mail it calls for."""
    note = ReviewNote.objects.create(article=article, author=by, kind=kind, text=text.strip())
    if kind in (Kind.SUBMITTED, *ReviewNote.DECISIONS):
        transaction.on_commit(partial(review_mail.send_review_mail.enqueue, note.pk), robust=True)
    return note


def record_status_change(article, *, by, before, text=""):
    """Record what a save that moved ``article`` from status ``before`` to its status means for its review.

    For the admin's form and actions, which change the status themselves: into
    review is a submission; out of review back to draft is a send-back by an
    editor (``text`` is then required by the form) and a withdrawal by a writer;
    out of review to published is an approval.
    """
    after = article.status
    if before == after:
        return None
    if after == Article.Status.REVIEW:
        return record(article, by=by, kind=Kind.SUBMITTED, text=text)
    if before == Article.Status.REVIEW and after == Article.Status.DRAFT:
        kind = Kind.SENT_BACK if roles.can_publish(by) and not roles.is_own(by, article) else Kind.WITHDRAWN
        return record(article, by=by, kind=kind, text=text)
    if before == Article.Status.REVIEW and after == Article.Status.PUBLISHED:
        return record(article, by=by, kind=Kind.APPROVED, text=text)
    return None


def notes_for(article):
    """``article``'s notes and steps, oldest first, with their authors: one query.

    The caller has checked that the user may open the article (the admin
    does, through :mod:`articles.roles`).
    """
    return list(article.review_notes.select_related("author__author_profile"))


def unseen_decisions(user, *, limit=DECISIONS_SHOWN):
    """Decisions on ``user``'s own articles (sent back, approved) that they have not opened since; one query."""
    return list(
        ReviewNote.objects.filter(kind__in=ReviewNote.DECISIONS, seen_at__isnull=True)
        .filter(article__in=Article.objects.filter(roles.own_articles(user)).values("pk"))
        .exclude(author=user)
        .select_related("article", "author__author_profile")
        .order_by("-created", "-pk")[:limit]
    )


def mark_seen(user, article, *, now=None):
    """``user`` (one of ``article``'s writers) has opened it: its decisions are no longer news. One query."""
    return (
        ReviewNote.objects.filter(article=article, kind__in=ReviewNote.DECISIONS, seen_at__isnull=True)
        .exclude(author=user)
        .update(seen_at=now or timezone.now())
    )


def _require(allowed):
    if not allowed:
        raise PermissionDenied
