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

Two queries: the counts (approved comments, top-level threads, featured
comments), then the page's threads with all their approved replies.

Order (``sort``, one of :data:`SORTS`): the top-level threads are oldest
first, newest first, most liked first or with the most replies first (the
replies readers see, counted in the query that picks the page, see
:meth:`~comments.models.CommentQuerySet.with_reply_count`); replies always
follow the conversation, oldest first. The "Featured" view
(``view="featured"``) lists the approved comments a moderator featured,
replies too, each on its own; it is the view a thread opens with when there
are any (``view=None``)::

    page = thread_page(article, sort="newest", view="all")
    page.view, page.featured_total   # "all", 2

Badges come with each comment, in the same query, from the account that wrote
it (never from the name typed with it): ``staff`` for staff accounts,
``author`` for an account of one of the object's authors (see
:meth:`comments.targets.Commentable.author_users`). Linking an author's account
purges cached pages (the articles app watches ``Author``); a change to an
account's staff flag shows once the cached page expires
(``NEWSROOM_PAGE_CACHE_SECONDS``) or the next purge.
"""

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Value
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language, ngettext

from articles import prepared
from comments import conf, targets
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
    featured: bool = False
    staff: bool = False  # written from a staff account
    author: bool = False  # written from the account of one of the object's authors
    edited_at: datetime | None = None  # changed by its writer in the edit window


SHOWN_FIELDS = (
    "pk",
    "parent_id",
    "user_name",
    "user_url",
    "comment",
    "submit_date",
    "like_count",
    "is_featured",
    "by_staff",
    "by_author",
    "edited_at",
)

#: The orders a thread can be read in (``?sort=``): top-level threads by these, then by time.
SORTS = {
    "oldest": ("submit_date", "pk"),
    "newest": ("-submit_date", "-pk"),
    "liked": ("-like_count", "submit_date", "pk"),
    "replies": ("-reply_count", "submit_date", "pk"),  # reply_count: CommentQuerySet.with_reply_count()
}
VIEWS = ("featured", "all")


def sort_key(sort):
    """The Python twin of ``SORTS[sort]``: orders the top-level nodes as the database ordered the page."""
    if sort == "newest":
        return lambda n: (-n.comment.submit_date.timestamp(), -n.comment.pk)
    if sort == "liked":
        return lambda n: (-n.comment.like_count, n.comment.submit_date, n.comment.pk)
    if sort == "replies":
        return lambda n: (-n.reply_count, n.comment.submit_date, n.comment.pk)
    return lambda n: (n.comment.submit_date, n.comment.pk)


@dataclass
class Node:
    """One shown comment, its depth (0 = top level) and its shown replies."""

    comment: Shown
    depth: int
    children: list = field(default_factory=list)
    can_reply: bool = True  # False at the deepest level: a reply there would not nest

    @property
    def reply_count(self):
        """The replies shown under this comment, nested ones too (those beside a parent at the deepest level)."""
        return sum(1 + child.reply_count for child in self.children)

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
    def edited_iso_time(self):
        return iso_time(self.comment.edited_at, timezone.get_current_timezone()) if self.comment.edited_at else ""

    @property
    def edited_time(self):
        if self.comment.edited_at is None:
            return ""
        return shown_time(self.comment.edited_at, timezone.get_current_timezone(), month_names())

    @property
    def like_label(self):
        return like_label(self.comment.like_count)

    @property
    def badge(self):
        """``"author"``, ``"staff"`` or ``""``: what the writer's account makes them here (an author first)."""
        return badge(self.comment)


# The formats a comment is shown with, as functions a renderer can call with per-page values.


def month_names():
    """``(None, "January", ...)`` in the active language, looked up once per language (a name is a lazy
    translation: twelve catalogue lookups each time it is read)."""
    return _month_names(get_language())


@functools.cache
def _month_names(language):
    # (``language`` is the key only: the names are read in the active language.)
    return (None, *(str(MONTHS[n]) for n in range(1, 13)))


def forget_month_names():
    """Look the month names up again (translations changed: ``comments.section_rendering.connect()``)."""
    _month_names.cache_clear()


def iso_time(when, tz):
    """``when`` in ``tz`` for ``<time datetime>``: to the second (HTML takes at most three digits of a fraction)."""
    return when.astimezone(tz).isoformat(timespec="seconds")


def shown_time(when, tz, months):
    """``when`` as "7 March 2026, 09:05" (Django's ``j F Y, H:i``) in ``tz``."""
    local = when.astimezone(tz)
    return f"{local.day} {months[local.month]} {local.year}, {local.hour:02d}:{local.minute:02d}"


def local_times(when, tz, months):
    """``(iso_time(when, tz), shown_time(when, tz, months))``, converting ``when`` to ``tz`` once.

    Written field by field: ``isoformat()`` costs more than the rest of a comment's times together, and a
    page has a hundred. Only the offset is left to it, once per offset the process meets.
    """
    local = when.astimezone(tz)
    offset = local.utcoffset()
    suffix = _offset_texts.get(offset)
    if suffix is None:
        suffix = _offset_texts[offset] = local.isoformat(timespec="seconds")[19:]  # after "YYYY-MM-DDTHH:MM:SS"
    year, month, day, hour, minute = local.year, local.month, local.day, local.hour, local.minute
    # (%-formatting: quicker than an f-string with format specs.)
    return (
        "%04d-%02d-%02dT%02d:%02d:%02d%s" % (year, month, day, hour, minute, local.second, suffix),  # noqa: UP031
        "%d %s %d, %02d:%02d" % (day, months[month], year, hour, minute),  # noqa: UP031
    )


_offset_texts = {}  # UTC offset -> how isoformat() writes it ("+01:00"): a few per time zone


def badge(shown):
    """``"author"``, ``"staff"`` or ``""`` for a :class:`Shown` comment."""
    return "author" if shown.author else "staff" if shown.staff else ""


def like_label(n):
    return ngettext("%(n)d like", "%(n)d likes", n) % {"n": n}


@dataclass(frozen=True)
class ThreadPage:
    threads: list
    number: int
    has_next: bool
    total: int
    featured_total: int = 0
    view: str = "all"  # "featured" or "all"
    sort: str = "oldest"

    @property
    def next_number(self):
        return self.number + 1 if self.has_next else None


def build_tree(comments, *, max_depth, root_key=None):
    """Top-level :class:`Node` list from comments in time order (parents need not come first).

    ``root_key`` orders the top-level nodes (default: as given); replies keep the given order.
    """
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
    if root_key is not None:
        top.sort(key=root_key)
    return top


def _sort(nodes, order):
    nodes.sort(key=lambda n: order[n.comment.pk])
    for node in nodes:
        _sort(node.children, order)


def thread_page(target, *, number=1, per_page=None, sort=None, view=None):
    """Page ``number`` of the thread on ``target`` (out-of-range numbers give the last page).

    ``sort`` is one of :data:`SORTS` (anything else: ``NEWSROOM_COMMENTS_SORT``); ``view`` is
    ``"featured"``, ``"all"`` or ``None`` (featured if there are any featured comments, else all); the
    page says which it settled on. ``total`` counts the object's approved comments, as listings do; a
    reply under a comment that was held later counts but is not shown until its parent is back.
    """
    per_page = per_page or conf.get("NEWSROOM_COMMENTS_PER_PAGE")
    sort = sort if sort in SORTS else default_sort()
    # Both queries are compiled once per process for each shape (see articles.prepared); what shapes
    # their SQL besides the object's key is in the key they are kept under.
    model = type(target)
    shape = (model._meta.label_lower, ContentType.objects.get_for_model(model).pk)
    counts = prepared.values(("thread-counts", *shape), lambda pk: _counts(_stand_in(model, pk)), pk=target.pk)[0]
    if view not in VIEWS:
        view = "featured" if counts["featured"] else "all"
    featured_view = view == "featured" and counts["featured"] > 0
    n_roots = counts["featured"] if featured_view else counts["threads"]
    last = max(1, -(-n_roots // per_page))
    number = min(max(1, number), last)
    start = (number - 1) * per_page
    comments = []
    if n_roots:
        # Every conversation on this page (whole): read the approved comments without the subquery that picks
        # the page's. A reply in a conversation whose first comment is not shown is read too, and left out by
        # build_tree() as any reply under a comment it does not show.
        page = (featured_view, sort, conf.max_depth(), start, per_page, n_roots <= per_page)
        if start:
            # A later page runs through the ORM: its offset is written into the SQL, so keeping each one
            # would let the pages of long threads, one number at a time, fill what the process keeps.
            rows = _shown(target, *page)
        else:
            rows = prepared.values_list(
                ("thread-page", *shape, *page), lambda pk: _shown(_stand_in(model, pk), *page), pk=target.pk
            )
        comments = [Shown._make(row) for row in rows]
    if featured_view:
        # Each featured comment on its own, replies too: the pick, not its conversation.
        nodes = [Node(c, 0, can_reply=conf.max_depth() > 1) for c in comments]
    else:
        nodes = build_tree(comments, max_depth=conf.max_depth(), root_key=sort_key(sort))
    return ThreadPage(
        threads=nodes,
        number=number,
        has_next=number < last,
        total=counts["total"],
        featured_total=counts["featured"],
        view="featured" if featured_view else "all",
        sort=sort,
    )


def _stand_in(model, pk):
    """An object of ``model`` holding only its key ``pk``: what the thread's queries are built from.

    So that :mod:`articles.prepared` can compile them with a marker for the key;
    :meth:`~comments.targets.Commentable.author_users` gets the stand-in too, and reads only its ``pk``.
    """
    return model(pk=pk)


def _counts(target):
    """The thread's counts, one row: approved comments, top-level threads and featured comments.

    What ``aggregate()`` would give, as a ``values()`` query (grouped by a constant: no ``GROUP BY``).
    """
    return (
        Comment.objects.for_thread(target)
        .order_by()
        .annotate(whole=Value(1))
        .values("whole")
        .annotate(
            total=Count("pk"),
            threads=Count("pk", filter=Q(level=0)),
            featured=Count("pk", filter=Q(featured_at__isnull=False)),
        )
    )


def _shown(target, featured_view, sort, max_depth, start, per_page, whole):
    """The page's comments as ``SHOWN_FIELDS`` rows: the picks, or every comment of the page's conversations."""
    thread = Comment.objects.for_thread(target)
    roots = thread.featured() if featured_view else thread.top_level()
    if sort == "replies":
        roots = roots.with_reply_count(max_depth=max_depth)
    roots = roots.order_by(*SORTS[sort])
    if featured_view:
        # The page's picks themselves, in the database's order (a pick's replies are not read).
        return _with_badges(roots, target).values_list(*SHOWN_FIELDS)[start : start + per_page]
    on_page = thread if whole else thread.filter(thread_id__in=roots.values("pk")[start : start + per_page])
    return _with_badges(on_page, target).values_list(*SHOWN_FIELDS)


def _with_badges(comments, target):
    """``comments`` annotated with what :class:`Shown` reads beyond plain fields, in the same query."""
    authors = targets.get(target).author_users(target)
    return comments.annotate(
        is_featured=ExpressionWrapper(Q(featured_at__isnull=False), output_field=BooleanField()),
        by_staff=ExpressionWrapper(Q(user__is_staff=True), output_field=BooleanField()),
        by_author=Value(False)
        if authors is None
        else ExpressionWrapper(Q(user__in=authors), output_field=BooleanField()),
    )


def default_sort():
    """``NEWSROOM_COMMENTS_SORT``: the order a thread is read in when the URL names none."""
    return conf.get("NEWSROOM_COMMENTS_SORT")


def page_number(value):
    """A ``?comments_page=`` value as a page number; anything malformed is page 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1
