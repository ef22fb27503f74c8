"""Everything the comment section under an article (or any object that takes comments) shows, as one context.

The template tag ``{% comment_section article %}`` is a thin wrapper over
:func:`section_context`; what the section asks of the object (is it visible,
are comments open, the prompt, its address) its registration answers
(:mod:`comments.targets`). Anonymous readers' pages may be cached, so nothing
personal goes in: no CSRF token (the comment script fetches one), no names.

The thread itself (two queries and the HTML) is the same for every reader, so
it is worked out once per page-cache generation and shared
(:func:`articles.pagecache.shared`): signed-in readers and commenters awaiting
moderation, whom the page cache must not serve, get it without a query.
"""

import dataclasses

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles import pagecache
from comments import conf, pending, rendering, targets, threads
from comments.forms import CommentForm
from comments.spam import pipeline


def spam_filter_name():
    """How the form names the spam filter (:func:`comments.spam.pipeline.describe`)."""
    return pipeline.describe()


def spam_notice():
    """The line under the form about spam filtering (the setting is trusted HTML with placeholders)."""
    return mark_safe(
        conf.get("NEWSROOM_COMMENTS_SPAM_NOTICE").format(
            filter=escape(spam_filter_name()), privacy_url=escape(reverse("comments-privacy"))
        )
    )


def _url_around_id(name):
    """``("/comments/", "/like/")`` for ``/comments/<id>/like/``: one reverse per page, not per comment."""
    start, end = reverse(name, args=[987654321]).split("987654321")
    return start, end


def _find(nodes, pk):
    for node in nodes:
        if node.comment.pk == pk:
            return node
        found = _find(node.children, pk)
        if found is not None:
            return found
    return None


def section_context(target, *, request=None):
    """The context of ``comments/newsroom/section.html`` for ``target``, an object of a registered model."""
    commentable = targets.get(target)
    query = request.GET if request is not None else {}
    user = getattr(request, "user", None)
    published = commentable.is_visible(target)
    number = threads.page_number(query.get("comments_page"))
    open_ = published and commentable.comments_are_open(target)
    reply_to = query.get("reply_to", "")
    reply_to = int(reply_to) if reply_to.isdigit() else 0
    signed_in = bool(user is not None and user.is_authenticated)
    options = rendering.ThreadOptions(
        labels={"like": _("Like"), "report": _("Report"), "reply": _("Reply")},  # once per page, not per comment
        like_url=_url_around_id("comments-like"),
        report_url=_url_around_id("comments-report"),
        # Signed-in readers' pages are never cached, so their own token goes into the slot (below).
        csrf_token=_TOKEN_SLOT if signed_in else "",
        open=open_,
    )
    page, thread_html = (None, None) if reply_to else _shared_thread(target, number=number, options=options)
    replying_to = None
    if page is None:
        # A reply link followed without JavaScript (the form names the comment answered), or a
        # page number out of range (never shared: made-up numbers must not fill the cache).
        page = threads.thread_page(target, number=number)
        thread_html = rendering.render_thread(page.threads, options)
        replying_to = _find(page.threads, reply_to) if reply_to else None
    if request is not None:
        # The page number the thread settled on is the canonical one: the page cache sends
        # ?comments_page=99 (out of range), =01 or =1 there instead of keeping a copy for each.
        pagecache.page_param(request, "comments_page", page.number if page.number > 1 else None)
    if signed_in:
        options = dataclasses.replace(options, csrf_token=get_token(request))
        thread_html = mark_safe(thread_html.replace(_TOKEN_SLOT, escape(options.csrf_token)))
    form = CommentForm(target, user=user, initial={"reply_to": replying_to.comment.pk if replying_to else 0})
    return {
        "thread_html": thread_html,
        **targets.page_context(target),
        "target_label": commentable.label,
        "published": published,
        "open": open_,
        "prompt": commentable.reader_prompt(target),
        "page": page,
        "form": form,
        "replying_to": replying_to,
        "user": user,
        "spam_notice": spam_notice() if open_ else "",
        # (Not named csrf_token: inclusion tags copy the page's lazy token over that name.)
        "form_csrf_token": options.csrf_token,
        "pending_cookie": conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE"),
        # The reader's own held comments, for readers without the script: a page that
        # carries the pending cookie is never served from the page cache.
        "held_comments": pending.held_comments(request, target) if published else [],
        "max_depth": conf.max_depth(),
    }


# Stands for the signed-in reader's CSRF token in the shared thread HTML. Text a
# commenter wrote cannot contain it: forms refuse NUL characters.
_TOKEN_SLOT = "\x00csrf-token\x00"


def _shared_thread(target, *, number, options):
    """``(page, html)`` of the thread, rendered once per page-cache generation and shared by every reader.

    The page's ``threads`` are left out (empty): the HTML is what is shared.
    ``(None, None)`` for a page number out of range, which is not kept.
    """

    def build():
        page = threads.thread_page(target, number=number)
        if page.number != number:
            return None  # out of range: thread_page gave the last page, which has a name of its own
        html = str(rendering.render_thread(page.threads, options))
        return dataclasses.replace(page, threads=[]), html

    name = ":".join(
        str(part)
        for part in (
            "comments:thread",
            target._meta.label_lower,
            target.pk,
            number,
            int(options.open),
            int(bool(options.csrf_token)),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            conf.max_depth(),
            conf.get("NEWSROOM_COMMENTS_PER_PAGE"),
            conf.get("NEWSROOM_COMMENTS_THREAD_RENDERER"),
        )
    )
    shared = pagecache.shared(name, build)
    if shared is None:
        return None, None
    page, html = shared
    return page, mark_safe(html)


def prompt_context(target):
    """The context of ``comments/newsroom/prompt.html``: the prompt, or that comments are closed."""
    commentable = targets.get(target)
    published = commentable.is_visible(target)
    return {
        "target": target,
        "published": published,
        "open": published and commentable.comments_are_open(target),
        "prompt": commentable.reader_prompt(target),
    }
