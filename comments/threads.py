"""The comment thread under an article (or any object that takes comments): a page of top-level threads.

Only approved comments are shown, oldest first. A reply whose parent is not
approved (held after reports, say) is hidden with it, so no conversation shows
an answer to something readers cannot see. Replies nest down to
``NEWSROOM_COMMENTS_MAX_DEPTH`` levels; anything deeper is shown at the deepest
level, in time order. Top-level threads are paginated in the database, so an
article with 20,000 comments loads one page of threads, not all of them::

    page = thread_page(article, number=2)
    page.threads        # [Node(comment, depth=0, children=[Node(...), ...]), ...]
    page.has_next, page.next_number, page.total

Two queries: the counts (approved comments, top-level threads), then the
page's threads with all their approved replies.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import ngettext

from comments import conf
from comments.models import Comment
from comments.text import comment_html, safe_url


class Shown(NamedTuple):
    """What a thread shows of one comment: read as plain rows, not model instances (a page has hundreds).

    ``name`` is the name stored with the comment; for signed-in commenters
    that is their account's name when they posted, as in the admin and in
    notification mails.
    """

    pk: int
    parent_id: int
    name: str
    url: str
    comment: str
    submit_date: datetime
    like_count: int


SHOWN_FIELDS = ("pk", "parent_id", "user_name", "user_url", "comment", "submit_date", "like_count")


@dataclass
class Node:
    """One shown comment, its depth (0 = top level) and its shown replies."""

    comment: Shown
    depth: int
    children: list = field(default_factory=list)
    can_reply: bool = True  # False at the deepest level: a reply there would not nest

    @property
    def key(self):
        """The comment's id as text (rendering an int in a template goes through number formatting)."""
        return str(self.comment.pk)

    # Worked out here rather than with template filters: a page shows hundreds of these.
    @property
    def author_name(self):
        return self.comment.name

    @property
    def author_url(self):
        """The commenter's website, only if it is an http(s) address."""
        return safe_url(self.comment.url)

    @property
    def text_html(self):
        return comment_html(self.comment.comment)

    @property
    def iso_time(self):
        return iso_time(self.comment.submit_date, timezone.get_current_timezone())

    @property
    def shown_time(self):
        return shown_time(self.comment.submit_date, timezone.get_current_timezone(), month_names())

    @property
    def like_label(self):
        return like_label(self.comment.like_count)


# The formats a comment is shown with, as functions a renderer can call with per-page values.


def month_names():
    """``[None, "January", ...]`` in the active language, looked up once per page."""
    return [None, *(str(MONTHS[n]) for n in range(1, 13))]


def iso_time(when, tz):
    """``when`` in ``tz`` for ``<time datetime>``: to the second (HTML takes at most three digits of a fraction)."""
    return when.astimezone(tz).isoformat(timespec="seconds")


def shown_time(when, tz, months):
    """``when`` as "7 March 2026, 09:05" (Django's ``j F Y, H:i``) in ``tz``."""
    local = when.astimezone(tz)
    return f"{local.day} {months[local.month]} {local.year}, {local.hour:02d}:{local.minute:02d}"


def like_label(n):
    return ngettext("%(n)d like", "%(n)d likes", n) % {"n": n}


@dataclass(frozen=True)
class ThreadPage:
    threads: list
    number: int
    has_next: bool
    total: int

    @property
    def next_number(self):
        return self.number + 1 if self.has_next else None


def build_tree(comments, *, max_depth):
    """Top-level :class:`Node` list from comments in time order (parents need not come first)."""
    by_pk = {c.pk: c for c in comments}
    replies = {}
    roots = []
    for c in comments:
        if c.parent_id in (0, c.pk):
            roots.append(c)
        elif c.parent_id in by_pk:
            replies.setdefault(c.parent_id, []).append(c)
        # else: the parent is not shown, so neither is the reply.

    order = {c.pk: i for i, c in enumerate(comments)}
    top = [Node(c, 0, can_reply=max_depth > 1) for c in roots]
    stack = [(node, top) for node in top]
    while stack:  # iterative, so a long reply chain cannot exhaust the recursion limit
        node, siblings = stack.pop()
        for reply in replies.get(node.comment.pk, ()):
            if node.depth + 1 < max_depth:
                child = Node(reply, node.depth + 1, can_reply=node.depth + 2 < max_depth)
                node.children.append(child)
                stack.append((child, node.children))
            else:
                # Too deep to nest further: shown beside its parent.
                child = Node(reply, node.depth, can_reply=node.can_reply)
                siblings.append(child)
                stack.append((child, siblings))
    _sort(top, order)
    return top


def _sort(nodes, order):
    nodes.sort(key=lambda n: order[n.comment.pk])
    for node in nodes:
        _sort(node.children, order)


def thread_page(target, *, number=1, per_page=None):
    """Page ``number`` of the thread on ``target`` (out-of-range numbers give the last page).

    ``total`` counts the object's approved comments, as listings do; a reply
    under a comment that was held later counts but is not shown until its
    parent is back.
    """
    per_page = per_page or conf.get("NEWSROOM_COMMENTS_PER_PAGE")
    thread = Comment.objects.for_thread(target)
    counts = thread.aggregate(total=Count("pk"), threads=Count("pk", filter=Q(level=0)))
    last = max(1, -(-counts["threads"] // per_page))
    number = min(max(1, number), last)
    start = (number - 1) * per_page
    comments = []
    if counts["threads"]:
        roots = thread.top_level().values("pk")[start : start + per_page]
        rows = thread.filter(thread_id__in=roots).values_list(*SHOWN_FIELDS)
        comments = [Shown._make(row) for row in rows]
    return ThreadPage(
        threads=build_tree(comments, max_depth=conf.max_depth()),
        number=number,
        has_next=number < last,
        total=counts["total"],
    )


def page_number(value):
    """A ``?comments_page=`` value as a page number; anything malformed is page 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1
