"""Pages a shared cache can keep, and purges by tag (``articles.pagecache``: ``tag``, ``key``, ``purge``).

Like ``test_pagecache``, every test runs on local memory (with the generation file) and on Redis.
"""

import json
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone

from articles import pagecache, prepared
from articles.models import Article
from comments import conf as comments_conf
from comments import status
from comments.models import Comment
from tests.factories import make_article, make_author, make_category

APPROVED, PENDING = Comment.Status.APPROVED, Comment.Status.PENDING


def _keys(response):
    return set(response["Surrogate-Key"].split(" "))


def _state(response):
    return response["X-Page-Cache"]


@pytest.fixture
def story(db):
    """A published article with one author and one tag, in a section of its own."""
    return make_article(headline="River report", authors=[make_author(name="Ann")], tags=["floods"])


def _tags_of(article):
    author = article.bylines.get().author
    tag = article.tags.get()
    return {
        "article": f"article-{article.pk}",
        "author": f"author-{author.pk}",
        "section": f"section-{article.category_id}",
        "tag": f"tag-{tag.pk}",
        "author_url": author.get_absolute_url(),
        "tag_url": f"/tag/{tag.slug}/",
    }


# --- What each page says ---------------------------------------------------------------------------------------


def test_an_article_page_names_the_article_its_section_authors_and_tags(client, page_cache, story):
    names = _tags_of(story)
    for response in (client.get(story.get_absolute_url()), client.get(story.get_absolute_url())):
        related = f"related-{names['article']}"  # its "You may also like", purged when its suggestions change
        assert _keys(response) == {"site", names["article"], names["section"], names["author"], names["tag"], related}
        assert response["Cache-Tag"] == ",".join(sorted(_keys(response)))
    assert _state(response) == "hit"


def test_listing_pages_name_themselves_and_every_teaser(client, page_cache, story):
    names = _tags_of(story)
    teaser = {"site", names["article"], names["author"]}
    assert _keys(client.get("/")) == teaser | {"home", "listing-latest"}
    section = client.get(story.category.get_absolute_url())
    assert _keys(section) == teaser | {names["section"], f"listing-{names['section']}"}
    assert _keys(client.get(names["author_url"])) == teaser | {f"listing-{names['author']}"}
    assert _keys(client.get(names["tag_url"])) == teaser | {names["tag"], f"listing-{names['tag']}"}


def test_article_feeds_name_their_list_and_what_their_items_show(client, page_cache, story):
    names = _tags_of(story)
    items = {"site", names["article"], names["author"], names["tag"]}  # bylines and categories
    author_slug = names["author_url"].strip("/").split("/")[-1]
    for kind in ("rss", "atom"):
        assert _keys(client.get(f"/feeds/{kind}/")) == items | {"listing-latest"}
        section = client.get(f"/feeds/{kind}/section/{story.category.path}/")
        assert _keys(section) == items | {names["section"], f"listing-{names['section']}"}
        author = client.get(f"/feeds/{kind}/author/{author_slug}/")
        assert _keys(author) == items | {f"listing-{names['author']}"}
        assert _state(author) == "miss" and _state(client.get(f"/feeds/{kind}/author/{author_slug}/")) == "hit"


def test_a_lists_tag_names_an_object_or_a_word(db):
    section = make_category()
    assert pagecache.listing(section) == f"listing-section-{section.pk}" == pagecache.listing(type(section), section.pk)
    assert pagecache.listing("latest") == pagecache.LATEST == "listing-latest"
    assert pagecache.listing("a b,c") == "listing-a_b_c"


def test_a_related_story_is_named_on_the_page_that_suggests_it(client, page_cache, story):
    picked = make_article(headline="Earlier flood story")
    story.picks.create(picked=picked)
    assert f"article-{picked.pk}" in _keys(client.get(story.get_absolute_url()))


def test_comment_feeds_name_the_site_feed_or_their_object(client, page_cache, story):
    assert _keys(client.get("/comments/feeds/rss/")) == {"site", "comments"}
    feed = client.get(f"/comments/feeds/atom/newsroom_articles.article/{story.pk}/")
    assert _keys(feed) == {"site", f"article-{story.pk}"}


def test_the_shared_cache_keeps_a_page_only_until_the_next_scheduled_article(client, page_cache, story, settings):
    settings.NEWSROOM_SHARED_CACHE_SECONDS = 3600
    make_article(publish_at=timezone.now() + timedelta(seconds=100))
    cache_control = client.get("/")["Cache-Control"]
    seconds = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 90 <= seconds <= 100


@pytest.mark.parametrize(("backend", "seconds"), [(None, 60), ("nginx", 60), ("varnish", 3600), ("fastly", 3600)])
def test_shared_cache_seconds_are_long_only_where_purges_reach_it(settings, backend, seconds):
    settings.NEWSROOM_SHARED_CACHE_PURGE = backend
    assert pagecache.conf.shared_cache_seconds() == seconds
    settings.NEWSROOM_SHARED_CACHE_SECONDS = 5
    assert pagecache.conf.shared_cache_seconds() == 5


# --- Nothing personal ------------------------------------------------------------------------------------------


def _assert_personal(response):
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert "Surrogate-Key" not in response and "Cache-Tag" not in response


def test_signed_in_readers_get_private_pages_without_tags(client, page_cache, story, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader"))
    _assert_personal(client.get(story.get_absolute_url()))
    _assert_personal(client.get("/"))


def test_a_commenter_with_a_pending_comment_gets_private_pages_without_tags(client, page_cache, story):
    client.cookies[comments_conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE")] = "abc"
    _assert_personal(client.get(story.get_absolute_url()))


def test_a_request_with_authorization_gets_a_private_page_without_tags(client, page_cache, story):
    _assert_personal(client.get(story.get_absolute_url(), headers={"Authorization": "Basic cmVhZGVyOnNlY3JldA=="}))


@pagecache.cache_for_readers
def _tags_and_sets_a_cookie(request):
    pagecache.tag(request, "article-1")
    response = HttpResponse("yours")
    response.set_cookie("seen", "1")
    return response


@pagecache.cache_for_readers
def _tagged(request):
    pagecache.tag(request, "article-1")
    return HttpResponse("everyone's")


class _SetsACookieOnTheWayOut:
    """A middleware after the page cache's that sets a cookie once the view has answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("later", "1")
        return response


urlpatterns = [
    path("sets-cookie/", _tags_and_sets_a_cookie),
    path("tagged/", _tagged),
    path("", include("newsroom.urls")),
]


@pytest.mark.urls(__name__)
def test_a_response_setting_a_cookie_is_private_and_untagged(client, page_cache):
    response = client.get("/sets-cookie/")
    _assert_personal(response)
    assert _state(response) == "bypass"


@pytest.mark.urls(__name__)
def test_a_cookie_set_after_the_view_makes_the_page_private_and_unstored(client, page_cache, settings):
    position = settings.MIDDLEWARE.index("articles.pagecache.PageCacheMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: position + 1],
        f"{__name__}._SetsACookieOnTheWayOut",
        *settings.MIDDLEWARE[position + 1 :],
    ]
    _assert_personal(client.get("/tagged/"))
    client.cookies.clear()
    assert _state(client.get("/tagged/")) == "miss"  # never stored


# --- Purging by tag --------------------------------------------------------------------------------------------


def _comment(article, *, status_):
    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Article),
        object_pk=str(article.pk),
        site_id=1,
        user_name="Reader",
        user_email="reader@example.com",
        comment="Well said.",
        status=status_,
    )


def _warm(client, *urls):
    for url in urls:
        client.get(url)
        assert _state(client.get(url)) == "hit", url


def test_approving_a_comment_purges_only_the_pages_showing_its_article(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # committed, as a site's articles are
        section = make_category()
        # Out of "You may also like", so no other article's page shows it.
        story = make_article(category=section, exclude_from_related=True)
        other = make_article(category=make_category())
        comment = _comment(story, status_=PENDING)
    feed = f"/comments/feeds/rss/newsroom_articles.article/{story.pk}/"
    _warm(client, story.get_absolute_url(), other.get_absolute_url(), "/", section.get_absolute_url(), feed)
    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(comment, APPROVED, by_label="test")
    assert _state(client.get(other.get_absolute_url())) == "hit"
    assert b"Well said." in client.get(story.get_absolute_url()).content
    for url in ("/", section.get_absolute_url(), feed):  # the lists showing its comment count, its feed
        assert _state(client.get(url)) == "miss", url


def test_a_purge_by_tag_leaves_other_pages_cached(client, page_cache):
    story, other = make_article(), make_article(category=make_category())
    _warm(client, story.get_absolute_url(), other.get_absolute_url())
    pagecache.purge(f"article-{story.pk}")
    assert _state(client.get(story.get_absolute_url())) == "miss"
    assert _state(client.get(other.get_absolute_url())) == "hit"


def test_a_site_wide_purge_still_empties_every_page(client, page_cache):
    story, other = make_article(), make_article(category=make_category())
    urls = [story.get_absolute_url(), other.get_absolute_url(), "/"]
    _warm(client, *urls)
    pagecache.purge()
    assert [_state(client.get(url)) for url in urls] == ["miss"] * 3


def test_the_site_tag_purges_every_page(client, page_cache):
    story = make_article()
    _warm(client, story.get_absolute_url(), "/")
    pagecache.purge(pagecache.SITE)
    assert [_state(client.get(url)) for url in (story.get_absolute_url(), "/")] == ["miss", "miss"]


def test_editing_a_story_purges_it_and_the_lists_showing_it_only(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(headline="River report", exclude_from_related=True)  # no other page shows it
        other = make_article(headline="Council budget", category=make_category())
    _warm(client, story.get_absolute_url(), other.get_absolute_url(), "/", other.category.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "River report, corrected"
        story.save()
    assert b"River report, corrected" in client.get("/").content
    assert b"River report, corrected" in client.get(story.get_absolute_url()).content
    assert _state(client.get(other.get_absolute_url())) == "hit"
    assert _state(client.get(other.category.get_absolute_url())) == "hit"  # a list not showing it


def test_moving_a_story_purges_the_lists_it_left_and_joined_only(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(headline="River report", exclude_from_related=True)  # no other page shows it
        other = make_article(headline="Council budget", category=make_category())
        elsewhere = make_article(headline="Cup final", category=make_category(), exclude_from_related=True)
    left = story.category.get_absolute_url()
    lists = [left, other.category.get_absolute_url(), elsewhere.category.get_absolute_url()]
    _warm(client, other.get_absolute_url(), *lists)
    with django_capture_on_commit_callbacks(execute=True):
        story.category = other.category
        story.save()
    assert story.headline.encode() in client.get(other.category.get_absolute_url()).content
    assert story.headline.encode() not in client.get(left).content
    assert _state(client.get(other.get_absolute_url())) == "hit"  # an article page not showing it
    assert _state(client.get(elsewhere.category.get_absolute_url())) == "hit"  # a list it never was in


def test_publishing_in_one_section_leaves_other_sections_lists_cached(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sport, business = make_category(name="Sport"), make_category(name="Business")
        football = make_category(name="Football", parent=sport)
        ann, bob = make_author(name="Ann"), make_author(name="Bob")
        # Out of "You may also like", so no other article's page changes when it is published.
        match = make_article(
            headline="Late goal",
            category=football,
            authors=[ann],
            status=Article.Status.DRAFT,
            exclude_from_related=True,
        )
        budget = make_article(headline="Council budget", category=business, authors=[bob], tags=["markets"])
        make_article(headline="Ann's earlier story", category=sport, authors=[ann], exclude_from_related=True)
    joined = [sport.get_absolute_url(), football.get_absolute_url(), ann.get_absolute_url(), "/"]
    joined += ["/feeds/rss/", f"/feeds/rss/section/{sport.path}/", f"/feeds/atom/author/{ann.slug}/"]
    untouched = [business.get_absolute_url(), bob.get_absolute_url(), "/tag/markets/", budget.get_absolute_url()]
    untouched += [f"/feeds/rss/section/{business.path}/", f"/feeds/atom/author/{bob.slug}/"]
    _warm(client, *joined, *untouched)
    with django_capture_on_commit_callbacks(execute=True):
        match.status = Article.Status.PUBLISHED
        match.save()
    for url in untouched:
        assert _state(client.get(url)) == "hit", url
    # Its section, the section above (which lists its subsections' articles), its author, home, and their feeds.
    for url in joined:
        response = client.get(url)
        assert _state(response) == "miss" and b"Late goal" in response.content, url


def test_withdrawing_a_story_takes_it_off_every_list_that_showed_it(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        parent = make_category()
        story = make_article(headline="River report", category=make_category(parent=parent), tags=["floods"])
        author = story.bylines.get().author
    lists = ["/", parent.get_absolute_url(), story.category.get_absolute_url(), author.get_absolute_url()]
    lists.append("/tag/floods/")
    _warm(client, *lists)
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.DRAFT
        story.save()
    for url in lists:
        assert b"River report" not in client.get(url).content, url


def test_a_page_rendered_while_its_tag_was_purged_is_not_kept(client, page_cache, monkeypatch):
    story = make_article()
    url = story.get_absolute_url()
    original = Article.objects.published

    def purge_while_rendering(manager):
        pagecache.purge(f"article-{story.pk}")  # as another process would, mid-render
        return original()

    monkeypatch.setattr(type(Article.objects), "published", purge_while_rendering, raising=False)
    prepared.clear()  # the page's article query is then built, published() called, in this render
    client.get(url)
    monkeypatch.undo()
    assert _state(client.get(url)) == "miss"
    assert _state(client.get(url)) == "hit"


def test_a_shared_part_is_rebuilt_when_its_tag_is_purged(page_cache):
    builds = iter(range(1, 100))
    assert pagecache.shared("part", lambda: next(builds), tags=["article-1"]) == 1
    assert pagecache.shared("part", lambda: next(builds), tags=["article-1"]) == 1
    pagecache.purge("article-2")
    assert pagecache.shared("part", lambda: next(builds), tags=["article-1"]) == 1
    pagecache.purge("article-1")
    assert pagecache.shared("part", lambda: next(builds), tags=["article-1"]) == 2


def test_a_transactions_purges_go_out_as_one(db, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(pagecache.backends, "queue", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.purge_on_commit("article-1")
        pagecache.purge_on_commit("article-2", "listing-latest")
    assert sent == [["article-1", "article-2", "listing-latest"]]


def test_a_rolled_back_savepoint_drops_only_its_own_purge(db, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(pagecache.backends, "queue", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                pagecache.purge_on_commit("article-1")
                raise RuntimeError
        except RuntimeError:
            pass
        pagecache.purge_on_commit("article-2")
    assert sent == [["article-2"]]


def test_the_purge_log_forgets_old_purges_without_dropping_pages(client, page_cache, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    story = make_article()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        pagecache.purge(f"article-{story.pk}")
    with time_machine.travel(start + timedelta(seconds=200), tick=False):
        _warm(client, story.get_absolute_url())  # stored having seen that purge, kept until 500 s
    with time_machine.travel(start + timedelta(seconds=400), tick=False):
        pagecache.purge("article-0")
        assert list(pagecache._generation()["purged"]) == ["article-0"]  # the old purge is gone from the log
    with time_machine.travel(start + timedelta(seconds=450), tick=False):
        assert _state(client.get(story.get_absolute_url())) == "hit"  # ... and the page that saw it still counts


def test_a_tag_purge_reaches_other_processes_through_the_generation_file(client, page_cache):
    path = pagecache.generation_file()
    if path is None:
        pytest.skip("a shared cache holds the purge log itself")
    before = pagecache._generation()
    pagecache.purge("article-7")
    after = json.loads(Path(path).read_text())
    assert after["token"] == before["token"] and list(after["purged"]) == ["article-7"]


def test_key_names_objects_by_model_or_their_page_cache_tag(db):
    story = make_article()
    assert pagecache.key(story) == f"article-{story.pk}" == pagecache.key(Article, story.pk)
    assert pagecache.key(story.category) == f"section-{story.category_id}"


def test_a_key_of_another_kind_becomes_one_word(db):
    assert pagecache.key(Article, "a b,c.d") == "article-a_b_c_d"
