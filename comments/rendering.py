"""The comment list as HTML, written in Python.

A busy article shows a page of 50 threads with their replies. Rendered
through a template include per comment, that page spends most of its time
looking up template variables; written here, the same markup costs a few
string joins per comment. Everything a commenter wrote is escaped here or in
:func:`comments.text.comment_html`; their website only ever appears as an
http(s) address marked ``rel="nofollow ugc"``.

The markup is the one ``comments/newsroom/comment.html`` describes. A site
that wants to change it overrides that template and points
``NEWSROOM_COMMENTS_THREAD_RENDERER`` at :func:`render_with_template`, which
renders the template once per comment (slower, but any markup)::

    NEWSROOM_COMMENTS_THREAD_RENDERER = "comments.rendering.render_with_template"

A renderer is any callable ``renderer(nodes, options) -> SafeString``, where
``nodes`` are :class:`comments.threads.Node` and ``options`` a
:class:`ThreadOptions`.
"""

from dataclasses import dataclass
from functools import cache
from html import escape

from django.template.loader import get_template
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from comments import conf, threads
from comments.text import comment_markup, safe_url

TEMPLATE = "comments/newsroom/comment.html"


@dataclass(frozen=True)
class ThreadOptions:
    """What every comment on the page shares, worked out once per page."""

    labels: dict  # {"like", "report", "reply", "featured", "author", "staff"}: translated
    like_url: tuple  # ("/comments/", "/like/") around the comment's id
    report_url: tuple
    csrf_token: str = ""  # only on pages that are never cached (signed-in readers)
    open: bool = True  # replies may be posted


def render_thread(nodes, options):
    """The ``<li>`` elements of ``nodes`` and their replies, with the configured renderer."""
    return _renderer(conf.get("NEWSROOM_COMMENTS_THREAD_RENDERER"))(nodes, options)


@cache
def _renderer(path):
    return import_string(path)


def render_in_python(nodes, options):
    """The default renderer: the markup of ``comment.html``, without a template per comment."""
    parts = []
    texts = _Texts(options)
    stack = [(node, False) for node in reversed(nodes)]
    while stack:  # iterative: a long reply chain cannot exhaust the recursion limit
        node, closing = stack.pop()
        if closing:
            parts.append("</ol>\n</li>\n" if node.children else "</li>\n")
            continue
        parts.append(_comment(node, texts))
        stack.append((node, True))
        if node.children:
            parts.append('<ol class="nr-comment-replies">')
            stack.extend((child, False) for child in reversed(node.children))
    return mark_safe("".join(parts))


class _Texts:
    """The per-page pieces of markup, escaped once."""

    def __init__(self, options):
        token = escape(options.csrf_token)
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        self.like_url = tuple(escape(part) for part in options.like_url)
        self.report_url = tuple(escape(part) for part in options.report_url)
        self.like = escape(options.labels["like"])
        self.report = escape(options.labels["report"])
        self.reply = escape(options.labels["reply"])
        self.edited = escape(options.labels.get("edited", "edited"))
        self.featured = f'<span class="nr-featured-mark">{escape(options.labels["featured"])}</span>\n'
        self.badges = {
            kind: f'<span class="nr-badge nr-badge-{kind}">{escape(options.labels[kind])}</span>\n'
            for kind in ("author", "staff")
        }
        self.badges[""] = ""
        self.open = options.open
        self.tz = timezone.get_current_timezone()
        self.months = threads.month_names()
        self.like_labels = {}  # like count -> its label, escaped: looked up once per count and page

    def like_label(self, n):
        label = self.like_labels[n] = escape(threads.like_label(n))
        return label


def _comment(node, texts):
    # One unpacking rather than a dozen attribute reads: this runs for every comment on the page.
    pk, _, name, url, text, submit_date, like_count, featured, staff, author, edited_at = node.comment
    key = str(pk)
    name = escape(name)
    url = safe_url(url)
    iso, when = threads.local_times(submit_date, texts.tz, texts.months)
    author_html = f'<a href="{escape(url)}" rel="nofollow ugc">{name}</a>' if url else name
    reply = ""
    if texts.open and node.can_reply:
        reply = (
            f'<a class="nr-reply" href="?reply_to={key}#leave-a-comment" data-reply-to="{key}"'
            f' data-reply-name="{name}">{texts.reply}</a>'
        )
    likes = texts.like_labels.get(like_count)
    if likes is None:
        likes = texts.like_label(like_count)
    return (
        f'<li class="nr-comment nr-depth-{node.depth}{" nr-featured" if featured else ""}" id="c{key}">\n'
        f'<article class="nr-comment-body" aria-labelledby="c{key}-author">\n'
        f'<header class="nr-comment-meta">\n'
        f'<span class="nr-comment-author" id="c{key}-author">{author_html}</span>\n'
        f"{texts.badges['author' if author else 'staff' if staff else '']}"
        f"{texts.featured if featured else ''}"
        f'<a class="nr-comment-time" href="#c{key}"><time datetime="{iso}">{when}</time></a>\n'
        f"{'' if edited_at is None else _edited(edited_at, texts)}"
        f"</header>\n"
        f'<div class="nr-comment-text">{comment_markup(text)}</div>\n'
        f'<footer class="nr-comment-actions">\n'
        f'<form method="post" action="{texts.like_url[0]}{key}{texts.like_url[1]}" data-comment-action="like">\n'
        f"{texts.csrf}\n"
        f'<button type="submit">{texts.like}</button>\n'
        f'<span class="nr-like-count" data-like-count>{likes}</span>\n'
        f"</form>\n"
        f'<a class="nr-report" href="{texts.report_url[0]}{key}{texts.report_url[1]}" rel="nofollow">'
        f"{texts.report}</a>\n"
        f"{reply}\n"
        f"</footer>\n"
        f"</article>\n"
    )


def _edited(edited_at, texts):
    iso, when = threads.local_times(edited_at, texts.tz, texts.months)
    return f'<span class="nr-edited">{texts.edited} <time datetime="{iso}">{when}</time></span>\n'


def render_with_template(nodes, options):
    """Render ``comment.html`` once per top-level comment (it includes itself for replies)."""
    template = get_template(TEMPLATE)
    context = {
        "labels": options.labels,
        "like_url_start": options.like_url[0],
        "like_url_end": options.like_url[1],
        "report_url_start": options.report_url[0],
        "report_url_end": options.report_url[1],
        "form_csrf_token": options.csrf_token,
        "open": options.open,
    }
    return mark_safe("".join(template.render({**context, "node": node}) for node in nodes))
