"""RSS and Atom feeds of comments: the newest across the site, and the newest on one object (an article).

Django's syndication ``Feed`` over ``Comment.objects.for_feed()``:
only what a reader sees in the thread, so nothing held, filed as spam,
trashed or under a comment that is hidden ever appears, and only on objects
readers can see (:meth:`comments.targets.Commentable.visible`). Each entry
is written by the commenter's name (never their e-mail address: RSS's
``<author>`` would carry it, so the feeds write ``<dc:creator>`` / Atom's
``<name>`` only); its description is the comment as the thread shows it,
escaped (:func:`comments.text.comment_html`). Links name the site's public
origin (``articles.origin``), like the articles' feeds.

The feeds are cached like readers' pages (:func:`articles.pagecache.cache_for_readers`):
the site's carry the tag ``comments`` and the tags of the objects its
entries name (an edited headline reaches it at once), an object's feed its
object's (``article-7``), which a comment published or removed there purges
(``comments.visible.page_tags()``). Their queries
do not grow with the number of comments: the comments, then the objects
they are on (one query per model that takes comments).
"""

from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles import addresses, pagecache
from articles import conf as articles_conf
from articles.feeds import PublicFeed
from articles.origin import public_url
from comments import conf, section_rendering, targets, visible
from comments.models import Comment
from comments.text import comment_html

FEED_LENGTH = 30


class LatestCommentsFeed(PublicFeed):
    """The newest comments readers see anywhere on the site."""

    def get_object(self, request, *args, **kwargs):
        pagecache.tag(request, visible.FEED_TAG)
        return None

    def title(self, obj=None):
        return _("Comments on %(site)s") % {"site": articles_conf.get("NEWSROOM_SITE_NAME")}

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return _("The latest comments readers wrote on %(site)s.") % {"site": articles_conf.get("NEWSROOM_SITE_NAME")}

    def subtitle(self, obj=None):
        return self.description(obj)

    def comments(self, obj):
        """Comments on every object readers can see, of every model that takes comments."""
        on_visible = None
        for commentable in targets.registered():
            keys = commentable.visible().order_by().annotate(key=Cast("pk", CharField())).values("key")
            mine = Comment.objects.filter(content_type=commentable.content_type, object_pk__in=keys)
            on_visible = mine if on_visible is None else on_visible | mine
        return Comment.objects.none() if on_visible is None else on_visible

    def items(self, obj=None):
        shown = self.comments(obj).for_feed(max_depth=conf.max_depth())
        # What an entry shows, and nothing else (the commenter's e-mail address stays in the database).
        shown = shown.only("user_name", "comment", "submit_date", "content_type", "object_pk")
        return _with_targets(list(shown[:FEED_LENGTH]), obj)

    def item_title(self, item):
        return _("%(name)s on %(title)s") % {"name": item.user_name, "title": item.feed_target_title}

    def item_description(self, item):
        return comment_html(item.comment)

    def item_link(self, item):
        return public_url(f"{item.feed_target_url}#c{item.pk}")

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.submit_date

    def item_author_name(self, item):
        return item.user_name


class LatestCommentsAtomFeed(LatestCommentsFeed):
    feed_type = Atom1Feed


class TargetCommentsFeed(LatestCommentsFeed):
    """The newest comments on one object readers can see (``/comments/feeds/rss/newsroom_articles.article/7/``)."""

    def get_object(self, request, label, object_pk):
        commentable = targets.by_label(label)
        target = commentable.visible_object(object_pk) if commentable is not None else None
        if target is None:  # unknown, unpublished and nonsense alike
            raise Http404("No such object takes comments.")
        pagecache.tag(request, pagecache.key(target))
        return target

    def title(self, obj=None):
        return _("Comments on %(title)s") % {"title": targets.get(obj).title(obj)}

    def link(self, obj=None):
        return f"{targets.get(obj).url(obj)}#comments"

    def description(self, obj=None):
        return _("The latest comments readers wrote on %(title)s.") % {"title": targets.get(obj).title(obj)}

    def comments(self, obj):
        return Comment.objects.on(obj)


class TargetCommentsAtomFeed(TargetCommentsFeed):
    feed_type = Atom1Feed


def _with_targets(comments, target):
    """``comments``, each given ``feed_target_title`` and ``feed_target_url``: ``target``'s, else one query per
    model (a comment whose object readers can no longer see is left out)."""
    by_model = {}
    for comment in comments:
        by_model.setdefault(comment.content_type_id, set()).add(comment.object_pk)
    found = {}
    for content_type_id, keys in by_model.items():
        commentable = targets.by_content_type_id(content_type_id)
        if commentable is None:
            continue
        if target is not None:
            objects = {str(target.pk): target}
        else:
            pks = [pk for pk in map(commentable.parse_pk, keys) if pk is not None]
            objects = {str(pk): obj for pk, obj in commentable.visible().in_bulk(pks).items()}
        for key, obj in objects.items():
            found[content_type_id, key] = (commentable.title(obj), commentable.url(obj))
            pagecache.tag_current(pagecache.key(obj))  # the entries show its title and address
    shown = []
    for comment in comments:
        if (comment.content_type_id, comment.object_pk) in found:
            comment.feed_target_title, comment.feed_target_url = found[comment.content_type_id, comment.object_pk]
            shown.append(comment)
    return shown


LINKS_TEMPLATE = "comments/newsroom/feed_links.html"


def links_html(target, *, request=None):
    """``comments/newsroom/feed_links.html`` for ``target`` (what ``{% comment_feed_links %}`` shows).

    The same for every reader: rendered once per page-cache generation and language, and again when
    ``target`` is purged (a new title) or is published or withdrawn (which its name says).
    """
    context = links_context(target)
    name = ("comments:feed-links", int(context["published"]))
    return section_rendering.alike_for_every_reader(target, LINKS_TEMPLATE, context, name=name, request=request)


def links_context(target):
    """The context of ``comments/newsroom/feed_links.html``: the addresses of the feeds of comments on ``target``.

    No query; nothing for an object readers cannot see (a preview), whose feeds would be 404.
    """
    commentable = targets.get(target)
    args = [commentable.label, target.pk]
    return {
        "published": commentable.is_visible(target),
        "target_title": commentable.title(target),
        "rss_url": addresses.reverse("comments-feed-target-rss", args=args),
        "atom_url": addresses.reverse("comments-feed-target-atom", args=args),
    }
