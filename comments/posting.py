"""Posting a comment, one explicit step after another (no signals in the main flow)::

    outcome = submit(request)        # raises Refused with a status and a message
    outcome.comment                  # the stored comment (None if discarded or awaiting e-mail confirmation)

The steps: find the object commented on and check it takes comments →
validate the form → build the frozen :class:`Submission` → refuse a
commenter the moderators banned (:mod:`comments.commenters`) → refuse floods
and duplicates → ask the spam filter (before anything is stored or mailed),
holding what it would publish on a pre-moderated object
(:mod:`comments.premoderation`) or from a commenter the moderators hold → store the comment with the status its band
maps to → write the first history line → notify.

Every refusal keeps the reader's text: :class:`Refused` carries the form (or
the raw text when there is no object to attach a form to).

What readers comment on is a registration (:mod:`comments.targets`): the
form's ``content_type`` names a registered model, and its ``object_pk`` one
of the objects its :meth:`~comments.targets.Commentable.visible` returns.
"""

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django_comments_xtd.conf import settings as xtd_settings

from articles.origin import public_origin
from comments import commenters, conf, links, notifications, premoderation, status, targets, tasks, trust_cookie
from comments.forms import CommentForm
from comments.models import Comment, email_key
from comments.spam import pipeline, recaptcha
from comments.spam.base import REPLIED_TO_LENGTH, Band, CheckResult, Submission, Verdict, target_text
from comments.spam.normalise import text_hash
from comments.text import mail_excerpt

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The post was not accepted; ``status`` is the HTTP status, ``message`` what to tell the reader."""

    def __init__(self, status, message, *, form=None, target=None, text=""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.form = form
        self.target = target
        self.text = form.data.get("comment", "") if form is not None else text


@dataclass(frozen=True)
class Outcome:
    """What happened to an accepted post."""

    comment: Comment | None
    verdict: Verdict
    target: object  # what the comment is on
    awaiting_confirmation: bool = False


def submit(request):
    """Run the whole posting flow for ``request.POST``; return an :class:`Outcome` or raise :class:`Refused`."""
    target = target_for(request.POST)
    if not targets.get(target).comments_are_open(target):
        raise Refused(403, closed_message(target), target=target, text=request.POST.get("comment", ""))
    form = CommentForm(target, data=request.POST, user=request.user)
    if not form.is_valid():
        raise _invalid(form, target)
    parent = parent_for(reply_to=form.cleaned_data["reply_to"], target=target, form=form)
    submission = build_submission(request, form=form, target=target, parent=parent)
    # The moderators' rules for this commenter (one indexed query): a ban refuses before anything else.
    standing = commenters.standing_for(submission)
    if standing.ban is not None:
        raise Refused(403, commenters.banned_message(), form=form, target=target)
    submission = replace(submission, moderator_trusted=standing.trusted)
    refuse_repeats(
        target=target,
        text=submission.text,
        email=submission.author_email,
        ip_address=submission.ip_address,
        form=form,
    )
    # Before anything is mailed or stored: a pre-moderated story, or a rule to hold this commenter,
    # holds what the filter would publish.
    verdict = commenters.hold(premoderation.apply(evaluate(submission), target=target), standing)
    if verdict.band == Band.DISCARD and _drops_discarded():
        return Outcome(comment=None, verdict=verdict, target=target)
    fields = comment_fields(submission, verdict=verdict, target=target, parent=parent, form=form, request=request)
    if _needs_email_confirmation(fields):
        _send_email_confirmation(request, fields, target, form=form)
        return Outcome(comment=None, verdict=verdict, target=target, awaiting_confirmation=True)
    with transaction.atomic():
        # Again inside the write transaction: a double click's second request waits for the
        # first (SQLite takes the write lock at BEGIN) and then finds its comment.
        refuse_repeats(
            target=target,
            text=submission.text,
            email=submission.author_email,
            ip_address=submission.ip_address,
            form=form,
        )
        comment = store(fields, verdict=verdict)
    return Outcome(comment=comment, verdict=verdict, target=target)


def build_submission(request, *, form, target, parent):
    """The frozen :class:`Submission` the spam filter judges, built once from the request and the valid form."""
    cleaned = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    if user is None:
        name, email, url = cleaned["name"], cleaned["email"], cleaned.get("url", "")
    else:
        # Every reader sees this name, so never the login name (half of what signing in takes): the name
        # the person writes under (their author profile), else their full name, else what they are.
        profile = getattr(user, "author_profile", None)  # None when the account has no articles.Author
        role = _("Staff") if user.is_staff else _("Reader")
        name = (profile.name if profile else "") or user.get_full_name() or role
        name, email, url = name[:100], user.email, ""
    return Submission(
        text=cleaned["comment"],
        author_name=name,
        author_email=email,
        author_url=url,
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
        referrer=request.META.get("HTTP_REFERER", "")[:500],
        permalink=request.build_absolute_uri(targets.get(target).url(target)),
        user_id=user.pk if user else None,
        user_is_staff=bool(user and user.is_staff),
        content_type_id=targets.get(target).content_type.pk,
        object_pk=str(target.pk),
        seconds_on_form=form.seconds_on_form(),
        honeypot_value=cleaned.get(form.honeypot_name, ""),
        submitted_at=timezone.now(),
        language=getattr(request, "LANGUAGE_CODE", ""),
        # What proves the typed address belongs to this browser (a typed address alone proves nothing).
        trust_email_hash=trust_cookie.proof(request),
        # Loaded already (the object and the comment replied to): the relevance check costs no query.
        target_text=target_text(parent.comment[:REPLIED_TO_LENGTH] if parent else "", targets.get(target).text(target)),
        extra={"reply_to": parent.pk if parent else None, **_captcha_token(form)},
    )


def comment_fields(submission, *, verdict, target, parent, form, request):
    """The new comment's field values: the submission plus the verdict and the status its band maps to."""
    commentable = targets.get(target)
    return {
        "content_type": commentable.content_type,
        "object_pk": submission.object_pk,
        "site_id": get_current_site(request).pk,
        "user": request.user if submission.user_id else None,
        "user_name": submission.author_name,
        "user_email": submission.author_email,
        "user_url": submission.author_url,
        "comment": submission.text,
        "submit_date": submission.submitted_at,
        "ip_address": submission.ip_address,
        "status": verdict.band.status,
        "status_changed_at": submission.submitted_at,
        "user_agent": submission.user_agent,
        "referrer": submission.referrer,
        "spam_score": verdict.score,
        "spam_band": verdict.band.stored,
        "spam_reasons": verdict.reasons,
        "akismet_payload": getattr(verdict, "akismet_payload", None) or {},
        "reader_prompt": commentable.reader_prompt(target)[:300],
        "followup": form.cleaned_data["followup"],
        "parent_id": parent.pk if parent else 0,
    }


def target_for(data):
    """The object readers may see that the form posts to, or :class:`Refused` (400) naming no more than necessary.

    ``data["content_type"]`` names a registered model (``"newsroom_articles.article"``), ``data["object_pk"]``
    one of its visible objects.
    """
    text = data.get("comment", "")
    commentable = targets.by_label(data.get("content_type"))
    if commentable is None:
        raise Refused(400, _("This form cannot post comments here."), text=text)
    target = commentable.visible_object(data.get("object_pk"))
    if target is None:
        # Drafts and missing objects get the same answer, so drafts stay secret.
        message = _("This %(name)s is not open for comments.") % {"name": commentable.model._meta.verbose_name}
        raise Refused(400, message, text=text)
    return target


def closed_message(target):
    """What a reader is told who posts where comments have closed: the editor's message, if they wrote one."""
    message = targets.get(target).closed_message(target)
    return message or _("Comments are closed on this %(name)s.") % {"name": target._meta.verbose_name}


def parent_for(*, reply_to, target, form):
    """The comment being replied to: approved, on the same object, re-parented at the deepest level."""
    if not reply_to:
        return None
    parent = Comment.objects.approved().on(target).filter(pk=reply_to).first()
    if parent is None:
        message = _("You can only reply to a published comment on this %(name)s.") % {"name": target._meta.verbose_name}
        raise Refused(400, message, form=form)
    deepest = conf.max_depth() - 1
    if deepest == 0:  # flat comments: a reply is simply a new comment
        return None
    while parent.level >= deepest and parent.parent_id != parent.pk:
        # Replies to the deepest level join the same conversation one level up.
        parent = Comment.objects.get(pk=parent.parent_id)
    return parent


def refuse_repeats(*, target, text, email, ip_address, form):
    """Refuse the same text twice on one object (400) and a second post too soon after the last (429).

    "The same text" is compared normalised (``text_hash``: case, spacing,
    markup and punctuation ignored), so "Great article." then "Great
    article!" is a repeat; the exact text too, for comments stored before
    ``text_hash`` ignored punctuation.
    """
    same_author = Q(email_key=email_key(email)) if email_key(email) else Q(pk__in=[])
    if ip_address:
        same_author |= Q(ip_address=ip_address)
    same_text = Q(text_hash=text_hash(text)) | Q(comment=text)
    duplicate = Comment.objects.on(target).filter(same_author, same_text)
    if duplicate.exists():
        raise Refused(400, _("You have already posted this comment."), form=form)
    seconds = conf.get("NEWSROOM_COMMENTS_FLOOD_SECONDS")
    if seconds and Comment.objects.filter(same_author, submit_date__gt=_seconds_ago(seconds)).exists():
        raise Refused(
            429,
            _("You are posting comments too quickly. Please wait a few seconds and submit again."),
            form=form,
        )
    per_hour = conf.get("NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP")
    if per_hour and ip_address:
        recent = Comment.objects.filter(ip_address=ip_address, submit_date__gt=_seconds_ago(3600))
        if recent.count() >= per_hour:
            raise Refused(
                429,
                _("Too many comments have come from your network in the last hour. Please try again later."),
                form=form,
            )


def evaluate(submission):
    """Ask the spam pipeline for a verdict; if it is missing or fails, hold the comment for a person."""
    try:
        return pipeline.evaluate(submission)
    except Exception:
        logger.exception("The spam filter failed; holding the comment for review.")
        return _hold("The spam filter failed on this comment, so a person reviews it.")


def store(fields, *, verdict):
    """Save the comment, write its first history line and queue notifications, in one transaction."""
    with transaction.atomic():
        comment = Comment(**fields)
        comment.save()
        status.record_creation(comment, verdict)
        tasks.recheck_later_if_unavailable(comment, verdict)
        transaction.on_commit(partial(tasks.mail_about_new_comment, comment), robust=True)
    return comment


def _invalid(form, target):
    if form.security_errors():
        form.with_fresh_security_data()
        if form.is_expired():
            message = _("This form is too old. Please copy your comment, reload the page and post it again.")
        else:
            message = _("We could not verify this form. Please check your comment and submit it again.")
    else:
        message = _("Please correct the marked fields; your comment is kept below.")
    return Refused(400, message, form=form, target=target)


def _captcha_token(form):
    if recaptcha.FIELD_NAME not in form.fields:
        return {}
    return {recaptcha.TOKEN_KEY: form.cleaned_data.get(recaptcha.FIELD_NAME) or ""}


def _seconds_ago(seconds):
    return timezone.now() - timedelta(seconds=seconds)


def _hold(reason):
    return Verdict(band=Band.HOLD, score=0.0, results=(CheckResult(score=0.0, reason=reason, check="posting"),))


def _drops_discarded():
    """Whether the "discard" band means nothing is stored (``NEWSROOM_SPAM_DISCARD``); else it is kept as spam."""
    return bool(conf.get("NEWSROOM_SPAM_DISCARD"))


# The optional e-mail confirmation (COMMENTS_XTD_CONFIRM_EMAIL): only after the flood and
# duplicate checks and the spam filter have spoken, and only for comments it would publish
# or hold. Nothing is stored until the link is followed: the signed link (comments.links,
# JSON, never pickle) carries the prepared fields, and confirming stores them through
# store() like any other post. Anyone can type anyone's address, so the mail is
# rate-limited per address and per client and carries none of the stranger's links
# (comments.text.mail_excerpt).


def _needs_email_confirmation(fields):
    return (
        xtd_settings.COMMENTS_XTD_CONFIRM_EMAIL
        and fields["user"] is None
        and fields["status"] in {Comment.Status.APPROVED, Comment.Status.PENDING}
    )


def _send_email_confirmation(request, fields, target, *, form):
    """Mail the confirmation link to the typed address, or :class:`Refused` (429 rate limit, 503 mail down)."""
    address_key = _claim_confirmation_mail(email=fields["user_email"], ip_address=fields["ip_address"], form=form)
    token = secrets.token_urlsafe(18)
    # What the request said about the poster stays here, not in the readable link (links.py).
    cache.set(
        _request_data_key(token),
        {name: fields[name] for name in REQUEST_FIELDS},
        timeout=conf.get("NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE"),
    )
    link_data = {
        name: fields[name] for name in links.CONFIRM_FIELDS if name not in {"content_type", "submit_date", "token"}
    }
    link_data.update(content_type=targets.get(target).label, submit_date=fields["submit_date"].isoformat(), token=token)
    key = links.confirmation_key(link_data)
    message = confirmation_message(fields, target=target, key=key, site=get_current_site(request))
    try:
        message.send()
    except OSError:  # smtplib's errors and refused connections
        logger.exception("Could not send a comment confirmation mail.")
        if address_key:
            cache.delete(address_key)  # nothing was sent: the reader may try again at once
        raise Refused(
            503, _("We could not send the confirmation e-mail just now. Please try again later."), form=form
        ) from None


def _claim_confirmation_mail(*, email, ip_address, form):
    """Count one confirmation mail against the address and the client, or refuse (429, the text kept).

    At most one mail per address per ``NEWSROOM_COMMENTS_CONFIRM_MAIL_INTERVAL``
    and ``NEWSROOM_COMMENTS_CONFIRM_MAILS_PER_HOUR_PER_IP`` per client address.
    The flood and duplicate checks cannot see unconfirmed comments (they are
    not stored), so these limits are what stop one person mailing another
    over and over. Counters live in the cache under keyed hashes, never the
    raw address. Returns the address's cache key (``None`` when unlimited).
    """
    interval = conf.get("NEWSROOM_COMMENTS_CONFIRM_MAIL_INTERVAL")
    per_hour = conf.get("NEWSROOM_COMMENTS_CONFIRM_MAILS_PER_HOUR_PER_IP")
    client_key = _confirmation_rate_key("client", ip_address) if per_hour and ip_address else None
    if client_key and (cache.get(client_key) or 0) >= per_hour:
        raise Refused(
            429,
            _("Too many confirmation e-mails were requested from your network. Please try again in an hour."),
            form=form,
        )
    address_key = _confirmation_rate_key("address", email.strip().lower()) if interval else None
    if address_key and not cache.add(address_key, 1, timeout=interval):
        raise Refused(
            429,
            _(
                "A confirmation e-mail was sent to this address a few minutes ago. Please follow the link in it, "
                "or try again later. Your comment is kept below."
            ),
            form=form,
        )
    if client_key and not cache.add(client_key, 1, timeout=3600):
        try:
            cache.incr(client_key)
        except ValueError:  # expired between add() and incr()
            cache.set(client_key, 1, timeout=3600)
    return address_key


def _confirmation_rate_key(kind, value):
    digest = salted_hmac("comments.confirmation-mail", f"{kind}:{value}", algorithm="sha256").hexdigest()
    return f"comments:confirmation-mail:{kind}:{digest}"


def confirmation_message(fields, *, target, key, site):
    """The confirmation mail: the title of what was commented on, a short excerpt without links, and our link.

    It goes to an address anyone may have typed, so it repeats as little of the
    stranger's post as it can: no name, no website, no link from the text.
    """
    base = conf.get("NEWSROOM_COMMENTS_SITE_URL") or public_origin()
    context = {
        "site_name": getattr(settings, "NEWSROOM_SITE_NAME", "") or site.name,
        "target_title": targets.get(target).title(target),
        "excerpt": mail_excerpt(fields["comment"]),
        "confirm_url": base.rstrip("/") + reverse("comments-xtd-confirm", args=[key]),
        "hours": max(1, conf.get("NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE") // 3600),
    }
    subject = render_to_string(f"{notifications.MAIL_TEMPLATES}confirmation_request_subject.txt", context)
    body = render_to_string(f"{notifications.MAIL_TEMPLATES}confirmation_request.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[fields["user_email"]])


#: The poster's request data: kept in the cache for the life of a confirmation link, never in it.
REQUEST_FIELDS = ("ip_address", "user_agent", "referrer", "akismet_payload")


def _request_data_key(token):
    return f"comments:confirm-request:{token}"


def confirmed_fields(key, *, request):
    """The prepared comment's fields from a confirmation link, pressed in ``request``.

    The poster's address and browser come from the cache; where the cache has
    lost them (a restart, another server's local memory), from ``request``:
    whoever holds the mailed link is the person who wrote the comment.
    Raises :class:`comments.links.BadLink` (or its :class:`~comments.links.ExpiredLink`)
    when the link is broken, forged, expired or of an old format.
    """
    data = links.read_confirmation(key)
    kept = cache.get(_request_data_key(data.pop("token"))) or {
        "ip_address": request.META.get("REMOTE_ADDR") or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:500],
        "referrer": "",
        "akismet_payload": {},
    }
    data.update({name: kept.get(name) for name in REQUEST_FIELDS})
    try:
        submitted = parse_datetime(data["submit_date"])
    except ValueError:
        submitted = None
    if submitted is None or timezone.is_naive(submitted):
        raise links.BadLink("the link's submit_date is not a date and time")
    if data["status"] not in {Comment.Status.APPROVED, Comment.Status.PENDING}:
        raise links.BadLink("the link's status is not one a confirmation stores")
    commentable = targets.by_label(data["content_type"])
    if commentable is None:  # a model the site no longer takes comments on
        raise links.BadLink("the link's content_type takes no comments")
    return {
        **data,
        "content_type": commentable.content_type,
        "user": None,
        "submit_date": submitted,
        "status_changed_at": submitted,
    }
