"""Small factories for tests: build data in code, no JSON fixtures.

Each function takes keyword arguments for what a test cares about and
fills in the rest. Unique fields come from a counter so calls never clash.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Author, Byline, Category

_seq = itertools.count(1)


def _n():
    return next(_seq)


def make_author(*, name=None, slug=None, job_title="Reporter", **kwargs):
    n = _n()
    name = name or f"Author {n}"
    return Author.objects.create(name=name, slug=slug or f"author-{n}", job_title=job_title, **kwargs)


def make_category(*, name=None, slug=None, parent=None, **kwargs):
    n = _n()
    slug = slug or f"section-{n}"
    return Category.objects.create(name=name or slug.replace("-", " ").title(), slug=slug, parent=parent, **kwargs)


def make_article(
    *,
    headline=None,
    slug=None,
    category=None,
    authors=None,
    tags=(),
    status=Article.Status.PUBLISHED,
    publish_at=None,
    body="<p>Some words about the news.</p>",
    **kwargs,
):
    """A published article (by default) with one byline, published an hour ago.

    ``authors``: a list of Author objects, bylined in that order; ``None``
    creates one author, ``[]`` none. ``tags``: names to add.
    """
    n = _n()
    article = Article.objects.create(
        headline=headline or f"Headline number {n}",
        slug=slug or f"headline-{n}",
        category=category or make_category(),
        status=status,
        publish_at=publish_at or timezone.now() - timedelta(hours=1),
        body=body,
        **kwargs,
    )
    if authors is None:
        authors = [make_author()]
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def make_user(*, username=None, groups=(), is_staff=True, **kwargs):
    """A staff user (by default) in the named groups (``"Editors"``, ``"Writers"``, ``"Moderators"``)."""
    from django.contrib.auth.models import User

    user = User.objects.create_user(username=username or f"user{_n()}", is_staff=is_staff, **kwargs)
    user.groups.add(*(role_group(name) for name in groups))
    return user


def role_group(name):
    """The group ``manage.py setup_roles`` makes, set up again if a flushed database lost it."""
    from django.contrib.auth.models import Group

    from articles.roles import setup_roles

    if not Group.objects.filter(name=name).exists():
        setup_roles()
    return Group.objects.get(name=name)


def make_comment(article, *, text=None, status="approved", parent=None, user=None, name=None, email=None, **kwargs):
    """A comment on ``article`` (approved by default); ``parent`` makes it a reply (xtd threads it on save)."""
    from django.contrib.contenttypes.models import ContentType

    from comments.models import Comment

    n = _n()
    comment = Comment(
        content_type=ContentType.objects.get_for_model(article),
        object_pk=str(article.pk),
        site_id=1,
        user=user,
        # As posting does: a signed-in commenter's account name is stored with the comment.
        user_name=name or (user and (user.get_full_name() or user.get_username())) or f"Reader {n}",
        user_email=email or f"reader{n}@example.com",
        comment=text or f"Comment number {n}, with a thought or two.",
        status=status,
        parent_id=parent.pk if parent is not None else 0,
        **kwargs,
    )
    comment.save()
    return comment


def make_live_entry(article, *, text=None, published_at=None, **kwargs):
    """An entry of live article ``article``, published now (by default): each one newer than the last."""
    from articles.models import LiveEntry

    n = _n()
    return LiveEntry.objects.create(
        article=article,
        text=text or f"<p>Update number {n}.</p>",
        published_at=published_at or timezone.now(),
        **kwargs,
    )


def make_review_note(article, *, author=None, kind="note", text=None, **kwargs):
    """A step of ``article``'s review (a plain note by default) by ``author``, without the mail a real step queues."""
    from articles.models import ReviewNote

    return ReviewNote.objects.create(
        article=article, author=author, kind=kind, text=f"Note {_n()}" if text is None else text, **kwargs
    )
