"""The reader's endpoints: post, form state, "my pending comments", like, report, confirm.

Article pages may be served from a cache, so they carry nothing personal.
What is personal comes from uncached endpoints the comment script calls:
``form_state`` (CSRF token and fresh anti-forgery fields) and ``mine`` (the
reader's own comments awaiting moderation, named by a signed cookie). Every
POST also works without JavaScript, and a failed CSRF check re-renders the
form with the reader's text kept instead of Django's bare 403 page.
"""

import secrets

from django.core import signing
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comments import conf, posting, reactions
from comments.forms import CommentForm
from comments.models import Comment
from comments.prompts import comments_are_open
from comments.spam.base import CheckResult, Verdict

PENDING_SALT = "comments.pending"
SHOWN_TO_AUTHOR = {Comment.Status.PENDING, Comment.Status.SPAM}


def _csrf_protect_or(on_failure):
    """Like ``csrf_protect``, but a failed check calls ``on_failure(request)`` instead of the 403 page."""

    class KeepInputCsrf(CsrfViewMiddleware):
        def _reject(self, request, reason):
            return on_failure(request)

    def decorator(view):
        # Exempt from the site-wide middleware because this decorator does the same check.
        return csrf_exempt(decorator_from_middleware(KeepInputCsrf)(view))

    return decorator


# Posting -------------------------------------------------------------------------------------


def _resubmit_page(request):
    """A failed CSRF check (no cookie yet on a cached page, or an old one): same text, fresh token."""
    message = _("For your security we need you to submit your comment again. Nothing you typed was lost.")
    try:
        article = posting.article_for(request.POST)
    except posting.Refused as refused:
        return _refused_page(request, refused)
    form = CommentForm(article, data=request.POST, user=request.user).with_fresh_security_data()
    form.is_valid()  # show any other problem at the same time
    return _refused_page(request, posting.Refused(403, message, form=form, article=article))


@require_POST
@_csrf_protect_or(_resubmit_page)
def post_comment(request):
    try:
        outcome = posting.submit(request)
    except posting.Refused as refused:
        return _refused_page(request, refused)
    return _after_post(request, outcome)


def _refused_page(request, refused):
    context = {"message": refused.message, "form": refused.form, "article": refused.article, "text": refused.text}
    response = render(request, "comments/newsroom/refused.html", context, status=refused.status)
    response["Cache-Control"] = "no-store"
    return response


def _after_post(request, outcome):
    comment, article = outcome.comment, outcome.article
    if outcome.awaiting_confirmation:
        return render(request, "comments/newsroom/confirm_sent.html", {"article": article})
    if comment is not None and comment.status == Comment.Status.APPROVED:
        return HttpResponseRedirect(f"{article.get_absolute_url()}#c{comment.pk}")
    response = HttpResponseRedirect(f"{article.get_absolute_url()}#comments")
    if comment is not None:
        # Held or caught as spam: the author sees it as awaiting moderation (spammers learn nothing).
        remember_pending(request, response, comment)
    return response


def pending_ids(request):
    """Ids of the comments the signed pending cookie names (empty if missing, forged or expired)."""
    try:
        value = request.get_signed_cookie(
            conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE"),
            salt=PENDING_SALT,
            max_age=conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE_AGE"),
        )
    except (KeyError, signing.BadSignature):
        return []
    return [int(part) for part in value.split(",") if part.isdigit() and len(part) < 18][-20:]


def remember_pending(request, response, comment):
    ids = [*pending_ids(request), comment.pk]
    response.set_signed_cookie(
        conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE"),
        ",".join(str(pk) for pk in ids[-20:]),
        salt=PENDING_SALT,
        max_age=conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE_AGE"),
        samesite="Lax",
        secure=request.is_secure(),
        httponly=False,  # the comment script looks for it before asking /comments/mine/
    )


@require_GET
def confirm(request, key):
    """The link in the optional confirmation mail: store the prepared comment, like a post."""
    fields = posting.confirmed_fields(key)
    if fields is None:
        raise Http404
    existing = Comment.objects.filter(
        user_email=fields["user_email"], submit_date=fields["submit_date"], comment=fields["comment"]
    ).first()
    if existing is not None:  # a second click on the same link
        return HttpResponseRedirect(f"{existing.get_absolute_url()}")
    try:
        article = posting.article_for({"content_type": posting.TARGET_CONTENT_TYPE, "object_pk": fields["object_pk"]})
    except posting.Refused as refused:
        refused.text = fields["comment"]
        return _refused_page(request, refused)
    if not comments_are_open(article):
        message = _("Comments are closed on this article.")
        return _refused_page(request, posting.Refused(403, message, article=article, text=fields["comment"]))
    verdict = Verdict(
        band=fields["spam_band"] or "hold",
        score=fields["spam_score"] or 0.0,
        results=tuple(CheckResult.from_dict(r) for r in fields["spam_reasons"]),
        akismet_payload=fields["akismet_payload"],
    )
    comment = posting.store(fields, verdict=verdict)
    return _after_post(request, posting.Outcome(comment=comment, verdict=verdict, article=article))


# What the cached page asks for ---------------------------------------------------------------


def _article_from_query(request):
    try:
        return posting.article_for(
            {"content_type": request.GET.get("ct", posting.TARGET_CONTENT_TYPE), "object_pk": request.GET.get("pk")}
        )
    except posting.Refused:
        raise Http404 from None


@never_cache
@require_GET
def form_state(request):
    """The per-visitor parts of the comment form: CSRF token (and cookie), timestamp, security hash."""
    article = _article_from_query(request)
    security = CommentForm(article).generate_security_data()
    return JsonResponse({"csrf_token": get_token(request), **security})


@never_cache
@require_GET
def mine(request):
    """The reader's own comments on one article that await moderation, named by the pending cookie."""
    article = _article_from_query(request)
    ids = pending_ids(request)
    comments = (
        Comment.objects.on_articles(article.pk).filter(pk__in=ids, status__in=SHOWN_TO_AUTHOR).order_by("pk")
        if ids
        else []
    )
    items = [
        {
            "id": c.pk,
            "parent_id": c.parent_id if c.parent_id != c.pk else None,
            "html": render_to_string("comments/newsroom/pending_comment.html", {"comment": c}, request=request),
        }
        for c in comments
    ]
    return JsonResponse({"comments": items})


# Likes and reports ---------------------------------------------------------------------------


def reader_key(request):
    """A hash naming this reader (account or long-lived cookie): never the raw IP, never the cookie itself."""
    if request.user.is_authenticated:
        source = f"user:{request.user.pk}"
    else:
        source = f"cookie:{request.COOKIES.get(conf.get('NEWSROOM_COMMENTS_READER_COOKIE')) or request.reader_token}"
    return salted_hmac("comments.reader", source, algorithm="sha256").hexdigest()


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


def _confirm_action_page(request, *, status=200):
    comment = _shown_comment(request.resolver_match.kwargs["comment_id"])
    action = request.resolver_match.url_name
    return render(
        request, "comments/newsroom/confirm_action.html", {"comment": comment, "action": action}, status=status
    )


def _shown_comment(comment_id):
    if comment_id >= 2**63:
        raise Http404
    return get_object_or_404(Comment.objects.approved(), pk=comment_id)


def _reaction_view(act):
    @require_http_methods(["GET", "POST"])
    @_csrf_protect_or(lambda request: _confirm_action_page(request, status=403))
    def view(request, comment_id):
        if request.method == "GET":
            return _confirm_action_page(request)
        comment = _shown_comment(comment_id)
        request.reader_token = secrets.token_urlsafe(24)
        result = act(request, comment)
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse(result)
        else:
            response = HttpResponseRedirect(f"{comment.get_absolute_url()}")
        _ensure_reader_cookie(request, response)
        return response

    view.__name__ = act.__name__
    return view


def _like(request, comment):
    counted = reactions.like(comment, reader_key=reader_key(request))
    return {"liked": True, "counted": counted, "like_count": reactions.like_count(comment)}


def _report(request, comment):
    counted = reactions.report(comment, reader_key=reader_key(request), reason=request.POST.get("reason", ""))
    return {"reported": True, "counted": counted}


like = _reaction_view(_like)
report = _reaction_view(_report)
