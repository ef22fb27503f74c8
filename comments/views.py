"""The reader's endpoints: post, form state, "my pending comments", like, report, confirm, statement of reasons.

Pages with comments may be served from a cache, so they carry nothing personal.
What is personal comes from uncached endpoints the comment script calls:
``form_state`` (CSRF token and fresh anti-forgery fields) and ``mine`` (the
reader's own comments awaiting moderation, named by a signed cookie). Every
POST also works without JavaScript, and a failed CSRF check re-renders the
form with the reader's text kept instead of Django's bare 403 page.
"""

import secrets
from functools import partial

from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comments import (
    commenters,
    conf,
    csrf,
    editing,
    links,
    notifications,
    pending,
    posting,
    premoderation,
    reactions,
    statement,
    status,
    targets,
    trust_cookie,
)
from comments.forms import CommentForm
from comments.models import Comment, CommentEvent, CommentReport
from comments.spam.base import Band, CheckResult, Verdict

# Posting -------------------------------------------------------------------------------------


def _resubmit_page(request):
    """A failed CSRF check (no cookie yet on a cached page, or an old one): same text, fresh token."""
    message = _("For your security we need you to submit your comment again. Nothing you typed was lost.")
    try:
        target = posting.target_for(request.POST)
    except posting.Refused as refused:
        return _refused_page(request, refused)
    form = CommentForm(target, data=request.POST, user=request.user).with_fresh_security_data()
    form.is_valid()  # show any other problem at the same time
    return _refused_page(request, posting.Refused(403, message, form=form, target=target))


@require_POST
@csrf.protect_or(_resubmit_page, anonymous_same_origin=True)
def post_comment(request):
    try:
        outcome = posting.submit(request)
    except posting.Refused as refused:
        return _refused_page(request, refused)
    return _after_post(request, outcome)


def _refused_page(request, refused):
    context = {"message": refused.message, "form": refused.form, "text": refused.text}
    context.update(targets.page_context(refused.target))
    response = render(request, "comments/newsroom/refused.html", context, status=refused.status)
    response["Cache-Control"] = "no-store"
    return response


def _after_post(request, outcome):
    comment, target = outcome.comment, outcome.target
    if outcome.awaiting_confirmation:
        return render(request, "comments/newsroom/confirm_sent.html", targets.page_context(target))
    url = targets.get(target).url(target)
    if comment is not None and comment.status == Comment.Status.APPROVED:
        response = HttpResponseRedirect(f"{url}#c{comment.pk}")
        trust_cookie.grant(request, response, comment)
        _remember_for_editing(request, response, comment)
        return response
    response = HttpResponseRedirect(f"{url}#comments")
    if comment is not None:
        # Held or caught as spam: the author sees it as awaiting moderation (spammers learn nothing).
        pending.remember(request, response, comment)
    return response


def _remember_for_editing(request, response, comment):
    """While editing is on, the pending cookie names a published comment too: it proves who wrote it."""
    if editing.window():
        pending.remember(request, response, comment)


# Links in mail: confirm a comment, stop follow-up mail ------------------------------------------
# Both links open a page with a button, and only its POST acts: mail scanners open the links
# in a message, and would otherwise confirm a stranger's comment in the name of the address it
# was sent to, or silence someone's replies. Both keys are JSON signed by comments.links;
# nothing read from a link is ever unpickled.


def _bad_link_page(request, error, *, expired_message):
    """A broken, forged, old-format (400) or expired (410) link: a page that says which, never a 500."""
    if isinstance(error, links.ExpiredLink):
        message, status = expired_message, 410
    else:
        message = _(
            "This link is not valid. It may have been cut short when it was copied, or it comes from an older "
            "e-mail whose links no longer work."
        )
        status = 400
    return render(request, "comments/newsroom/bad_link.html", {"message": message}, status=status)


def _signed_link_page(request, context, *, status=200):
    return render(request, "comments/newsroom/signed_link.html", context, status=status)


def _press_again(request):
    """A failed CSRF check on a link's button: the same page again, with a fresh token."""
    message = _("For your security, please press the button again.")
    view = confirm if request.resolver_match.url_name == "comments-xtd-confirm" else mute
    return view.show(request, request.resolver_match.kwargs["key"], message=message, status=403)


def _link_view(name, *, show, act):
    """The view ``name``: GET answers with ``show(request, key)``, POST with ``act(request, key)``."""

    @never_cache
    @require_http_methods(["GET", "POST"])
    @csrf.protect_or(_press_again)
    def view(request, key):
        return show(request, key) if request.method == "GET" else act(request, key)

    view.show = show
    view.__name__ = view.__qualname__ = name
    view.__doc__ = act.__doc__
    return view


def _confirmation(request, key):
    """``(fields, target, None)`` for a working confirmation link, else ``(None, None, response)``."""
    try:
        fields = posting.confirmed_fields(key, request=request)
    except links.BadLink as error:
        expired = _("This confirmation link has expired. Please post your comment again.")
        return None, None, _bad_link_page(request, error, expired_message=expired)
    try:
        label = ".".join(fields["content_type"].natural_key())  # "app_label.model_name", as a form names it
        target = posting.target_for({"content_type": label, "object_pk": fields["object_pk"]})
    except posting.Refused as refused:
        refused.text = fields["comment"]
        return None, None, _refused_page(request, refused)
    return fields, target, None


def _show_confirmation(request, key, *, message="", status=200):
    fields, target, refusal = _confirmation(request, key)
    if refusal is not None:
        return refusal
    context = {
        "title": _("Publish your comment?"),
        "message": message,
        "excerpt": posting.mail_excerpt(fields["comment"]),
        "button": _("Publish my comment"),
        **targets.page_context(target),
    }
    return _signed_link_page(request, context, status=status)


def _confirm(request, key):
    """The confirmation mail's link, pressed: store the prepared comment, like a post."""
    fields, target, refusal = _confirmation(request, key)
    if refusal is not None:
        return refusal
    if not targets.get(target).comments_are_open(target):
        message = posting.closed_message(target)
        return _refused_page(request, posting.Refused(403, message, target=target, text=fields["comment"]))
    verdict = Verdict(
        band=fields["spam_band"] or Band.HOLD,
        score=fields["spam_score"] or 0.0,
        results=tuple(CheckResult.from_dict(r) for r in fields["spam_reasons"]),
        akismet_payload=fields["akismet_payload"],
    )
    # The commenter banned or held, or pre-moderation switched on, since the mail went.
    standing = commenters.standing(email=fields["user_email"], ip_address=fields["ip_address"])
    if standing.ban is not None:
        refused = posting.Refused(403, commenters.banned_message(), target=target, text=fields["comment"])
        return _refused_page(request, refused)
    held = commenters.hold(premoderation.apply(verdict, target=target), standing)
    if held is not verdict:
        verdict = held
        fields = {**fields, "status": held.band.status, "spam_band": held.band.stored, "spam_reasons": held.reasons}
    with transaction.atomic():
        # In the write transaction, so two quick presses store one comment (see posting.submit).
        existing = Comment.objects.filter(
            user_email=fields["user_email"], submit_date=fields["submit_date"], comment=fields["comment"]
        ).first()
        comment = posting.store(fields, verdict=verdict) if existing is None else None
    if existing is not None:  # a second press, or a second click on the same link
        anchor = f"#c{existing.pk}" if existing.status == Comment.Status.APPROVED else "#comments"
        return HttpResponseRedirect(f"{targets.get(target).url(target)}{anchor}")
    return _after_post(request, posting.Outcome(comment=comment, verdict=verdict, target=target))


confirm = _link_view("confirm", show=_show_confirmation, act=_confirm)


def _muted_comment(request, key):
    """``(comment, None)`` for a working "stop these e-mails" link, else ``(None, response)``."""
    expired = _("This link has expired. The most recent e-mail about replies has one that works.")
    try:
        comment = Comment.objects.filter(pk=links.read_mute(key)).exclude(user_email="").first()
    except links.BadLink as error:
        return None, _bad_link_page(request, error, expired_message=expired)
    if comment is None:  # deleted or erased since the mail was sent
        return None, _bad_link_page(request, links.BadLink("no such comment"), expired_message=expired)
    return comment, None


def _show_mute(request, key, *, message="", status=200):
    comment, refusal = _muted_comment(request, key)
    if refusal is not None:
        return refusal
    context = {
        "title": _("Stop e-mails about replies?"),
        "message": message,
        "button": _("Stop these e-mails"),
        **targets.page_context(targets.visible_object(comment.content_type_id, comment.object_pk)),
    }
    return _signed_link_page(request, context, status=status)


def _mute(request, key):
    """The "stop these e-mails" link of a follow-up mail, pressed: no more follow-up mail on what it is on."""
    comment, refusal = _muted_comment(request, key)
    if refusal is not None:
        return refusal
    notifications.mute_followups(comment)
    target = targets.visible_object(comment.content_type_id, comment.object_pk)
    return render(request, "comments/newsroom/followup_stopped.html", targets.page_context(target))


mute = _link_view("mute", show=_show_mute, act=_mute)


@never_cache
@require_GET
def statement_of_reasons(request, key):
    """The statement of reasons for a removed comment (:mod:`comments.statement`), from its signed link.

    Private to whoever holds the link: never cached, never indexed. A broken or forged link is a 400, an
    expired one a 410 (as for the other links in mail), a decision whose comment is gone a 404; never a 500.
    """
    try:
        comment_pk, event_pk = links.read_statement(key)
    except links.BadLink as error:
        expired = _(
            "This link has expired. To ask why your comment was removed, write to %(email)s, saying which "
            "comment you mean."
        ) % {"email": statement.review_email()}
        response = _bad_link_page(request, error, expired_message=expired)
    else:
        event = (
            CommentEvent.objects.select_related("comment")
            .filter(pk=event_pk, comment_id=comment_pk, to_status__in=list(status.REMOVALS))
            .first()
        )
        if event is None:
            message = _("This comment no longer exists on the site, so there is nothing more to say about it.")
            response = render(request, "comments/newsroom/bad_link.html", {"message": message}, status=404)
        else:
            context = {"statement": statement.for_event(event)}
            response = render(request, "comments/newsroom/statement_of_reasons.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


# What the cached page asks for ---------------------------------------------------------------


def _target_from_query(request):
    """The visible object ``?ct=<app_label.model_name>&pk=<id>`` names (the section's data attributes), or 404."""
    try:
        return posting.target_for({"content_type": request.GET.get("ct"), "object_pk": request.GET.get("pk")})
    except posting.Refused:
        raise Http404 from None


@never_cache
@require_GET
def form_state(request):
    """The per-visitor parts of the comment form: CSRF token (and cookie), timestamp, security hash."""
    target = _target_from_query(request)
    security = CommentForm(target).generate_security_data()
    return JsonResponse({"csrf_token": get_token(request), **security})


@never_cache
@require_GET
def mine(request):
    """The reader's own comments on one object that await moderation, named by the pending cookie."""
    target = _target_from_query(request)
    comments = pending.held_comments(request, target)
    items = [
        {
            "id": c.pk,
            "parent_id": c.parent_id if c.parent_id != c.pk else None,
            "html": render_to_string("comments/newsroom/pending_comment.html", {"comment": c}, request=request),
        }
        for c in comments
    ]
    editable = [{"id": pk, "url": reverse("comments-edit", args=[pk])} for pk in editing.editable_ids(request, target)]
    response = JsonResponse({"comments": items, "editable": editable})
    trust_cookie.grant_for_approved(request, response, pending.ids(request))
    return response


# Likes and reports ---------------------------------------------------------------------------


def reader_of(request):
    """The reader behind a like or report (``reactions.Reader``): account or cookie, address and network, hashed."""
    cookie = request.COOKIES.get(conf.get("NEWSROOM_COMMENTS_READER_COOKIE"))
    if request.user.is_authenticated:
        identity = f"user:{request.user.pk}"
    else:
        identity = f"cookie:{cookie or request.reader_token}"
    return reactions.Reader.from_parts(
        identity=identity,
        address=request.META.get("REMOTE_ADDR", ""),
        by_address_only=not request.user.is_authenticated and not cookie,
    )


def _ensure_reader_cookie(request, response):
    name = conf.get("NEWSROOM_COMMENTS_READER_COOKIE")
    if not request.user.is_authenticated and not request.COOKIES.get(name):
        response.set_cookie(
            name,
            request.reader_token,
            max_age=2 * 365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )


def _confirm_action_page(request, *, status=200, error=""):
    """ "Like this comment?" / "Report this comment?" with a form (and CSRF token): never cached, never shared."""
    comment = _shown_comment(request.resolver_match.kwargs["comment_id"])
    context = {
        "comment": comment,
        "action": request.resolver_match.url_name,
        "reasons": CommentReport.Reason.choices,
        "chosen_reason": request.POST.get("reason", ""),
        "details": request.POST.get("details", "")[: reactions.DETAILS_MAX_LENGTH],
        "details_max_length": reactions.DETAILS_MAX_LENGTH,
        "error": error,
    }
    response = render(request, "comments/newsroom/confirm_action.html", context, status=status)
    add_never_cache_headers(response)  # "private, no-store" among others
    return response


def _shown_comment(comment_id):
    """An approved comment on an object readers can see, or 404."""
    if comment_id >= 2**63:
        raise Http404
    comment = get_object_or_404(Comment.objects.approved(), pk=comment_id)
    if targets.visible_object(comment.content_type_id, comment.object_pk) is None:
        raise Http404
    return comment


@require_GET
def commented_object(request, content_type_id, object_pk):
    """Where a comment's permalink leads (``Comment.get_absolute_url()`` is this URL plus ``#c<id>``).

    It answers only for an object readers can see, of a model that takes
    comments, that has approved comments; anything else (a draft, an embargoed
    story, an unregistered model, an article with only held comments) is the
    same 404, so the link tells nobody more than the object's page would.
    """
    target = targets.visible_object(content_type_id, object_pk)
    if target is None or not Comment.objects.approved().on(target).exists():
        raise Http404
    return HttpResponseRedirect(targets.get(target).url(target))


def _reaction_view(act):
    @never_cache
    @require_http_methods(["GET", "POST"])
    @csrf.protect_or(lambda request: _confirm_action_page(request, status=403))
    def view(request, comment_id):
        if request.method == "GET":
            return _confirm_action_page(request)
        comment = _shown_comment(comment_id)
        request.reader_token = secrets.token_urlsafe(24)
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            result = act(request, comment)
        except reactions.InvalidReport as invalid:
            if wants_json:
                return JsonResponse({"error": str(invalid)}, status=400)
            return _confirm_action_page(request, status=400, error=str(invalid))
        response = JsonResponse(result) if wants_json else HttpResponseRedirect(comment.get_absolute_url())
        _ensure_reader_cookie(request, response)
        return response

    view.__name__ = act.__name__
    return view


def _like(request, comment):
    counted = reactions.like(comment, reader=reader_of(request))
    return {"liked": True, "counted": counted, "like_count": reactions.like_count(comment)}


def _report(request, comment):
    reason, details = reactions.clean_reason(request.POST.get("reason", ""), request.POST.get("details", ""))
    counted = reactions.report(comment, reader=reader_of(request), reason=reason, details=details)
    return {"reported": True, "counted": counted}


like = _reaction_view(_like)
report = _reaction_view(_report)


# The edit window -----------------------------------------------------------------------------


def _edit_page(request, *, comment=None, target=None, status=200, error="", text=None):
    """The form that edits one's own comment: personal, so never cached (``private, no-store``)."""
    if comment is None:
        comment, target = _own_comment(request.resolver_match.kwargs["comment_id"])
    context = {
        "comment": comment,
        "text": comment.comment if text is None else text,
        "error": error,
        "max_length": editing.max_length(),
        **targets.page_context(target),
    }
    response = render(request, "comments/newsroom/edit_comment.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _own_comment(comment_id):
    """``(comment, target)``: a comment on an object readers can see, or 404 (editing is decided after)."""
    if comment_id >= 2**63:
        raise Http404
    comment = get_object_or_404(Comment, pk=comment_id)
    target = targets.visible_object(comment.content_type_id, comment.object_pk)
    if target is None:
        raise Http404
    return comment, target


@never_cache
@require_http_methods(["GET", "POST"])
@csrf.protect_or(
    lambda request: _edit_page(
        request,
        status=403,
        error=_("For your security, please submit your edit again. Nothing you typed was lost."),
        text=request.POST.get("comment"),
    )
)
def edit_comment(request, comment_id):
    """Edit one's own comment within ``NEWSROOM_COMMENTS_EDIT_SECONDS`` of posting it (see :mod:`comments.editing`)."""
    comment, target = _own_comment(comment_id)
    text = request.POST.get("comment") if request.method == "POST" else None
    page = partial(_edit_page, request, comment=comment, target=target, text=text)
    refused = editing.refusal(request, comment)
    if refused:
        return page(status=403, error=refused)
    if request.method == "GET":
        return page()
    problem = editing.invalid_text(text)
    if problem:
        return page(status=400, error=problem)
    editing.edit(comment, text=text.strip(), by=request.user)
    anchor = f"#c{comment.pk}" if comment.status == Comment.Status.APPROVED else "#comments"
    response = HttpResponseRedirect(f"{targets.get(target).url(target)}{anchor}")
    if comment.status != Comment.Status.APPROVED and comment.pk not in pending.ids(request):
        pending.remember(request, response, comment)  # signed in elsewhere: shown held, as to any writer
    return response
