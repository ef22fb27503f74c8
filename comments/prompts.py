"""How readers comment on articles: which they may, what the article says to them, and until when.

The prompt and the closing time look at the article first, then its section
and the sections above it (nearest wins), then a site-wide setting::

    reader_prompt_for(article)   # "What will this mean for supply chains? ..."
    comments_are_open(article)   # False once the section's closing time has passed

:class:`ArticleComments` registers articles for comments (``CommentsConfig.ready()``,
see :mod:`comments.targets`) with these rules and ``Article.objects.published()``.

This is the seam to the ``articles`` app: an object with ``reader_prompt``,
``comments_enabled``, ``comments_closed_message`` (what readers are told
once comments are closed), ``comments_premoderated`` (every new comment
held), ``first_published_at`` / ``publish_at`` and a ``category`` whose
``parent`` chain carries ``reader_prompt`` and ``comments_close_after_days``. ``Article.objects.for_detail()`` and
:meth:`ArticleComments.visible` select three levels of sections, so neither
function queries for ordinary articles.
"""

import html
from datetime import timedelta

from django.utils import timezone
from django.utils.html import strip_tags

from articles import conf as articles_conf
from articles import roles
from articles.models import Article, Author
from comments import conf, targets

# Three levels of sections: the prompt, the closing time and the article's address need no query.
SECTIONS = ("category", "category__parent", "category__parent__parent")


def _sections_nearest_first(article):
    return list(reversed(article.category.ancestors_and_self()))


def reader_prompt_for(article):
    """The invitation to comment: the article's own, its nearest section's, or the site default."""
    if article.reader_prompt:
        return article.reader_prompt
    for section in _sections_nearest_first(article):
        if section.reader_prompt:
            return section.reader_prompt
    return articles_conf.get("NEWSROOM_DEFAULT_READER_PROMPT")


def close_after_days_for(article):
    """Days after first publication that comments stay open (``None``: no limit)."""
    for section in _sections_nearest_first(article):
        if section.comments_close_after_days is not None:
            return section.comments_close_after_days
    return conf.get("NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS")


def comments_are_open(article, *, now=None):
    """Whether readers may comment now: enabled on the article and not past the closing time."""
    if not article.comments_enabled:
        return False
    days = close_after_days_for(article)
    if days is None:
        return True
    published = article.first_published_at or article.publish_at
    return (now or timezone.now()) < published + timedelta(days=days)


class ArticleComments(targets.Commentable):
    """Readers comment on published articles, with the prompts and closing times above."""

    def visible(self):
        return Article.objects.published().select_related(*SECTIONS)

    def is_visible(self, article):
        return article.is_published

    def comments_are_open(self, article):
        return comments_are_open(article)

    def closed_message(self, article):
        return article.comments_closed_message

    def premoderated(self, article):
        return article.comments_premoderated

    def reader_prompt(self, article):
        return reader_prompt_for(article)

    def title(self, article):
        return article.headline

    def text(self, article):
        """Headline, standfirst and body as plain text (the body's tags taken out, its blocks kept apart)."""
        body = html.unescape(strip_tags((article.body or "").replace("<", " <")))
        return "\n\n".join(part for part in (article.headline, article.standfirst, " ".join(body.split())) if part)

    def author_users(self, article):
        """The accounts of the article's bylined authors (``Author.user``)."""
        return Author.objects.filter(bylines__article=article, user__isnull=False).values("user")

    def nameable_by(self, user):
        """Published articles, and those the moderator may open in the articles admin."""
        return roles.visible_articles(user, Article.objects.all())
