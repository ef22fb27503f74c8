"""Everything the comment section under an article (or any object that takes comments) shows, as one context.

The template tag ``{% comment_section article %}`` is a thin wrapper over
:func:`section_context`; what the section asks of the object (is it visible,
are comments open, the prompt, its address) its registration answers
(:mod:`comments.targets`). Anonymous readers' pages may be cached, so nothing
personal goes in: no CSRF token (the comment script fetches one), no names.

The address names the page of threads (``?comments_page=``), the view
(``?comments_view=all``; "Featured" is the default when there are featured
comments) and the order (``?sort=``, :data:`comments.threads.SORTS`). Each is
declared to the page cache with ``pagecache.page_param()`` only when it differs
from the default, so a made-up or default value is redirected to the canonical
address, never stored: a page has at most one cached copy per real page, view
and order. The links above the thread (:func:`thread_links`) are built from
those values, never from the request's query string.

The thread itself (two queries and the HTML) is the same for every reader, so
it is worked out once per page-cache generation and shared
(:func:`articles.pagecache.shared`): signed-in readers and commenters awaiting
moderation, whom the page cache must not serve, get it without a query.

For a reader with nothing of their own in it (not signed in, no comment
awaiting moderation, no reply form), the whole section is the same HTML but
for the form's anti-forgery fields, so :func:`section_html` renders it once
per generation and fills those in per request: such a reader is one whom only
an unknown query parameter keeps out of the page cache.
"""

import dataclasses
from urllib.parse import urlencode

from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, empty
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import addresses, pagecache
from comments import announcements, conf, editing, pending, rendering, section_rendering, targets, threads
from comments.forms import CommentForm, security_data
from comments.spam import pipeline, recaptcha


def spam_filter_name():
    """How the form names the spam filter (:func:`comments.spam.pipeline.describe`)."""
    return pipeline.describe()


def spam_notice():
    """The line under the form about spam filtering (the setting is trusted HTML with placeholders)."""
    return mark_safe(
        conf.get("NEWSROOM_COMMENTS_SPAM_NOTICE").format(
            filter=escape(spam_filter_name()), privacy_url=escape(addresses.reverse("comments-privacy"))
        )
    )


def _url_around_id(name):
    """``("/comments/", "/like/")`` for ``/comments/<id>/like/``: one reverse per page, not per comment."""
    start, end = addresses.reverse(name, args=[987654321]).split("987654321")
    return start, end


def _find(nodes, pk):
    for node in nodes:
        if node.comment.pk == pk:
            return node
        found = _find(node.children, pk)
        if found is not None:
            return found
    return None


SECTION_TEMPLATE = section_rendering.SECTION_TEMPLATE

# Stand for the form's anti-forgery fields in a shared comment section, filled in per request. Like
# _TOKEN_SLOT (below), text a commenter wrote cannot contain them.
_SECURITY_SLOTS = {"timestamp": "\x00timestamp\x00", "security_hash": "\x00security-hash\x00"}


def section_html(target, *, request=None):
    """``comments/newsroom/section.html`` rendered for ``target`` (what ``{% comment_section %}`` shows).

    Shared until the next purge of ``target`` for readers with nothing of their own in it: the
    rendered section, with this request's anti-forgery fields put into the form.
    """
    if not _same_for_every_reader(request) or not pagecache.shares():
        # Nothing to share (a reader's own section, or no page cache): rendered for this request alone.
        return section_rendering.section_html(section_context(target, request=request))
    state = _State.of(target, request)
    name = ":".join(str(part) for part in ("comments:section", _thread_name(target, state), int(state.published)))

    unshared = []

    def build():
        context = section_context(target, request=request, security_slots=True)
        html = section_rendering.section_html(context)
        if not context["thread_shared"]:  # a page out of range, or a view the thread lacks: not kept
            unshared.append(html)
            return None
        return dataclasses.replace(context["page"], threads=[]), html

    shared = pagecache.shared(name, build, tags=[pagecache.key(target)], read_only=True)
    page, html = shared if shared is not None else (None, unshared[0])
    if page is not None:
        _declare_page(request, page)  # (section_context declared it while rendering the section afresh)
    for field, value in security_data(target).items():
        if field in _SECURITY_SLOTS:
            html = html.replace(_SECURITY_SLOTS[field], escape(value))
    return mark_safe(html)


def _same_for_every_reader(request):
    """Whether the section ``request`` gets is everyone's: no account, no held comments, no reply form."""
    if request is None:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not request.GET.get("reply_to", "") and not pending.ids(request)


@dataclasses.dataclass(frozen=True)
class _State:
    """What the request asks of the section, and what ``target`` allows, read once."""

    commentable: object
    published: bool
    open: bool
    number: int
    sort: str
    view: str | None
    reply_to: int
    signed_in: bool

    @classmethod
    def of(cls, target, request):
        commentable = targets.get(target)
        query = request.GET if request is not None else {}
        user = getattr(request, "user", None)
        published = commentable.is_visible(target)
        reply_to = query.get("reply_to", "")
        return cls(
            commentable=commentable,
            published=published,
            open=published and commentable.comments_are_open(target),
            number=threads.page_number(query.get("comments_page")),
            # Anything but a known order or view is the default (and redirected there by the page cache).
            sort=query.get("sort") if query.get("sort") in threads.SORTS else threads.default_sort(),
            view=query.get("comments_view") if query.get("comments_view") in threads.VIEWS else None,
            reply_to=int(reply_to) if reply_to.isdigit() else 0,
            signed_in=bool(user is not None and user.is_authenticated),
        )


def _declare_page(request, page):
    """Declare the page, order and view of the thread to the page cache (see the module docstring)."""
    if request is not None:
        # The page number the thread settled on is the canonical one: the page cache sends
        # ?comments_page=99 (out of range), =01 or =1 there instead of keeping a copy for each.
        pagecache.page_param(request, "comments_page", page.number if page.number > 1 else None)
        # Likewise the order and the view: only those that differ from the defaults are in the URL.
        pagecache.page_param(request, "sort", page.sort if page.sort != threads.default_sort() else None)
        pagecache.page_param(request, "comments_view", page.view if page.view != _default_view(page) else None)


def section_context(target, *, request=None, security_slots=False):
    """The context of ``comments/newsroom/section.html`` for ``target``, an object of a registered model.

    ``security_slots``: the form's anti-forgery fields hold placeholders (for :func:`section_html`).
    """
    state = _State.of(target, request)
    commentable = state.commentable
    user = getattr(request, "user", None)
    published, number, sort, view = state.published, state.number, state.sort, state.view
    open_, reply_to, signed_in = state.open, state.reply_to, state.signed_in
    said = section_rendering.words()
    options = rendering.ThreadOptions(
        labels={name: said[name] for name in ("like", "report", "reply", "featured", "edited", "author", "staff")},
        like_url=_url_around_id("comments-like"),
        report_url=_url_around_id("comments-report"),
        # Signed-in readers' pages are never cached, so their own token goes into the slot (below).
        csrf_token=_TOKEN_SLOT if signed_in else "",
        open=open_,
    )
    page, thread_html = (
        (None, None) if reply_to else _shared_thread(target, number=number, sort=sort, view=view, options=options)
    )
    replying_to = None
    thread_shared = page is not None
    if page is None:
        # A reply link followed without JavaScript (the form names the comment answered), or a
        # page number out of range (never shared: made-up numbers must not fill the cache).
        page = threads.thread_page(target, number=number, sort=sort, view=view)
        thread_html = rendering.render_thread(page.threads, options)
        replying_to = _find(page.threads, reply_to) if reply_to else None
    _declare_page(request, page)
    if signed_in:
        options = dataclasses.replace(options, csrf_token=get_token(request))
        thread_html = mark_safe(thread_html.replace(_TOKEN_SLOT, escape(options.csrf_token)))
    # This page's anti-forgery fields (their slots, for a section to be shared), the form's and the blank
    # form's alike.
    security = security_data(target)
    if security_slots:
        security.update(_SECURITY_SLOTS)
    reply_pk = replying_to.comment.pk if replying_to else 0

    def make_form():
        form = CommentForm(target, user=user, initial={"reply_to": reply_pk})
        form.initial.update(security)
        return form

    # The blank form of a reader without an account is written from a copy kept per language
    # (comments.section_rendering.form_html): the form itself is made only if a template asks for it.
    blank = not signed_in and not replying_to and not recaptcha.is_configured()
    form = _FormIfAskedFor(make_form) if blank else make_form()
    target_url = commentable.url(target)
    return {
        "thread_html": thread_html,
        **targets.page_context(target),
        "thread_links": thread_links(target_url, page),
        "target_label": commentable.label,
        "published": published,
        "open": open_,
        "closed_message": "" if open_ else commentable.closed_message(target),
        "announcements": announcements.current(),
        "prompt": commentable.reader_prompt(target),
        "page": page,
        "form": form,
        "form_security": security,
        "blank_form": form if blank else None,
        "replying_to": replying_to,
        "user": user,
        "spam_notice": spam_notice() if open_ else "",
        # (Not named csrf_token: inclusion tags copy the page's lazy token over that name.)
        "form_csrf_token": options.csrf_token,
        "pending_cookie": conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE"),
        # The reader's own held comments, for readers without the script: a page that
        # carries the pending cookie is never served from the page cache.
        "held_comments": pending.held_comments(request, target) if published else [],
        # And the comments it may still edit (the script puts "Edit" on each; no query without the cookie).
        "editable_ids": editing.editable_ids(request, target, by_cookie_only=True) if published else [],
        "max_depth": conf.max_depth(),
        "thread_shared": thread_shared,  # the thread is the one every reader shares (for section_html)
    }


class _FormIfAskedFor(SimpleLazyObject):
    """The section's form, made the first time anything asks for it (a site's template, a caller changing it)."""

    def is_made(self):
        return self._wrapped is not empty


def _default_view(page):
    """The view a thread opens with: "Featured" when there are featured comments (as Coral does)."""
    return "featured" if page.featured_total else "all"


def thread_url(target_url, *, sort, view, number=1, default_view="all"):
    """The canonical address of one page of one view of a thread, in one order, at the thread.

    Built from the page's own values, never from the request's query string: a cached page is
    served to every address that shares its key. The parameters are in the order the page cache
    compares them in (by name); defaults are left out.
    """
    params = {
        "comments_page": number if number > 1 else None,
        "comments_view": view if view != default_view else None,
        "sort": sort if sort != threads.default_sort() else None,
    }
    query = urlencode(sorted((name, value) for name, value in params.items() if value is not None))
    return f"{target_url}{'?' + query if query else ''}#comments"


@dataclasses.dataclass(frozen=True)
class ThreadLink:
    """A link above the thread: a view ("Featured (2)") or an order ("Newest"), ``current`` if shown now."""

    label: str
    url: str
    current: bool


def thread_links(target_url, page):
    """``{"views": [...], "sorts": [...], "more": url}``: the links around a thread, each a :class:`ThreadLink`.

    No views without featured comments; no orders with fewer than two comments.
    """
    default_view = _default_view(page)
    said = section_rendering.words()
    views = []
    if page.featured_total:
        views = [
            ThreadLink(
                said["featured_n"] % {"n": page.featured_total},
                thread_url(target_url, sort=page.sort, view="featured", default_view=default_view),
                page.view == "featured",
            ),
            ThreadLink(
                said["all_n"] % {"n": page.total},
                thread_url(target_url, sort=page.sort, view="all", default_view=default_view),
                page.view == "all",
            ),
        ]
    sorts = []
    if page.total > 1:
        sorts = [
            ThreadLink(
                said[sort],
                thread_url(target_url, sort=sort, view=page.view, default_view=default_view),
                sort == page.sort,
            )
            for sort in threads.SORTS
        ]
    more = ""
    if page.has_next:
        more = thread_url(
            target_url, sort=page.sort, view=page.view, number=page.next_number, default_view=default_view
        )
    return {"views": views, "sorts": sorts, "more": more}


# Stands for the signed-in reader's CSRF token in the shared thread HTML. Text a
# commenter wrote cannot contain it: forms refuse NUL characters.
_TOKEN_SLOT = "\x00csrf-token\x00"


def _shared_thread(target, *, number, sort, view, options):
    """``(page, html)`` of the thread, rendered once per page-cache generation and shared by every reader.

    The page's ``threads`` are left out (empty): the HTML is what is shared.
    ``(None, None)`` for a page number out of range, which is not kept.
    """

    def build():
        page = threads.thread_page(target, number=number, sort=sort, view=view)
        if page.number != number:
            return None  # out of range: thread_page gave the last page, which has a name of its own
        if (view is not None and view == _default_view(page)) or view not in (None, page.view):
            return None  # the default view named in the URL, or a view the thread lacks: not canonical
        html = str(rendering.render_thread(page.threads, options))
        return dataclasses.replace(page, threads=[]), html

    name = _thread_name(
        target, number=number, sort=sort, view=view, open_=options.open, signed_in=bool(options.csrf_token)
    )
    # Purged with the object's pages (its tag, ``article-7``), which every comment change on it purges.
    shared = pagecache.shared(name, build, tags=[pagecache.key(target)], read_only=True)
    if shared is None:
        return None, None
    page, html = shared
    return page, mark_safe(html)


def _thread_name(target, state=None, *, number=None, sort=None, view=None, open_=None, signed_in=None):
    """The name of the shared thread: everything its HTML depends on besides the comments."""
    if state is not None:
        number, sort, view, open_, signed_in = state.number, state.sort, state.view, state.open, state.signed_in
    return ":".join(
        str(part)
        for part in (
            "comments:thread",
            target._meta.label_lower,
            target.pk,
            number,
            sort,  # one of threads.SORTS
            view or "",  # one of threads.VIEWS, or "" for the default
            int(open_),
            int(signed_in),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            conf.max_depth(),
            conf.get("NEWSROOM_COMMENTS_PER_PAGE"),
            conf.get("NEWSROOM_COMMENTS_THREAD_RENDERER"),
        )
    )


PROMPT_TEMPLATE = "comments/newsroom/prompt.html"


def prompt_html(target, *, request=None):
    """``comments/newsroom/prompt.html`` for ``target`` (what ``{% reader_prompt %}`` shows).

    The same for every reader: rendered once per page-cache generation and language, and again when
    ``target`` is purged or its comments open or close (which its name says).
    """
    context = prompt_context(target)
    name = ("comments:prompt", int(context["published"]), int(context["open"]))
    return section_rendering.alike_for_every_reader(target, PROMPT_TEMPLATE, context, name=name, request=request)


def prompt_context(target):
    """The context of ``comments/newsroom/prompt.html``: the prompt, or that comments are closed."""
    commentable = targets.get(target)
    published = commentable.is_visible(target)
    open_ = published and commentable.comments_are_open(target)
    return {
        "target": target,
        "published": published,
        "open": open_,
        "closed_message": "" if open_ else commentable.closed_message(target),
        "prompt": commentable.reader_prompt(target),
    }
