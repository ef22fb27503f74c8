"""The comment thread under an article, built in Python from one query.

Only approved comments are shown, oldest first. A reply whose parent is not
approved (held after reports, say) is hidden with it, so no conversation shows
an answer to something readers cannot see. Replies nest down to
``NEWSROOM_COMMENTS_MAX_DEPTH`` levels; anything deeper is shown at the deepest
level, in time order. Top-level threads are paginated::

    page = thread_page(article, number=2)
    page.threads        # [Node(comment, depth=0, children=[Node(...), ...]), ...]
    page.has_next, page.next_number, page.total
"""

from dataclasses import dataclass, field

from django.utils import dateformat, timezone
from django.utils.translation import ngettext

from comments import conf
from comments.models import Comment
from comments.text import comment_html, safe_url


@dataclass
class Node:
    """One shown comment, its depth (0 = top level) and its shown replies."""

    comment: Comment
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
        return safe_url(self.comment.userinfo["url"])

    @property
    def text_html(self):
        return comment_html(self.comment.comment)

    @property
    def iso_time(self):
        return timezone.localtime(self.comment.submit_date).isoformat()

    @property
    def shown_time(self):
        return dateformat.format(timezone.localtime(self.comment.submit_date), "j F Y, H:i")

    @property
    def like_label(self):
        n = self.comment.like_count
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


def _count(nodes):
    return sum(1 + _count(n.children) for n in nodes)


def thread_page(article, *, number=1, per_page=None):
    """Page ``number`` of the article's thread (out-of-range numbers give the last page)."""
    per_page = per_page or conf.get("NEWSROOM_COMMENTS_PER_PAGE")
    tree = build_tree(list(Comment.objects.for_thread(article)), max_depth=conf.max_depth())
    last = max(1, -(-len(tree) // per_page))
    number = min(max(1, number), last)
    start = (number - 1) * per_page
    return ThreadPage(threads=tree[start : start + per_page], number=number, has_next=number < last, total=_count(tree))


def page_number(value):
    """A ``?comments_page=`` value as a page number; anything malformed is page 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1
