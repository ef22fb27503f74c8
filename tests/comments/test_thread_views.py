"""The thread's views and orders as readers reach them: links, canonical URLs, the page cache (issue 16, items 1-2)."""

import re

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Author
from comments import threads
from comments.models import Comment
from tests.factories import make_article, make_category, make_comment, make_user

pytestmark = pytest.mark.django_db

URL = "/world/talks/"


@pytest.fixture
def article():
    return make_article(slug="talks", category=make_category(slug="world"))


@pytest.fixture
def comments(article):
    first = make_comment(article, text="Thread one", like_count=2)
    second = make_comment(article, text="Thread two", like_count=9)
    third = make_comment(article, text="Thread three")
    return first, second, third


def _order(html):
    return re.findall(r"Thread (one|two|three)", html)


def _links(html, css_class):
    nav = html.split(f'class="{css_class}"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]*)"( aria-current="[a-z]+")?>([^<]*)</a>', nav)


def test_sort_links_work_without_javascript_and_keep_the_chosen_order(client, comments):
    html = client.get(URL).content.decode()
    assert _order(html) == ["one", "two", "three"]
    assert _links(html, "nr-comment-sort") == [
        ("/world/talks/#comments", ' aria-current="true"', "Oldest"),
        ("/world/talks/?sort=newest#comments", "", "Newest"),
        ("/world/talks/?sort=liked#comments", "", "Most liked"),
        ("/world/talks/?sort=replies#comments", "", "Most replies"),
    ]

    assert _order(client.get("/world/talks/?sort=newest").content.decode()) == ["three", "two", "one"]
    liked = client.get("/world/talks/?sort=liked").content.decode()
    assert _order(liked) == ["two", "one", "three"]
    assert ("/world/talks/?sort=liked#comments", ' aria-current="true"', "Most liked") in _links(
        liked, "nr-comment-sort"
    )


def test_show_more_keeps_the_order(client, comments, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2

    first = client.get("/world/talks/?sort=newest").content.decode()
    assert _order(first) == ["three", "two"]
    assert 'href="/world/talks/?comments_page=2&amp;sort=newest#comments" data-show-more' in first
    assert _order(client.get("/world/talks/?comments_page=2&sort=newest").content.decode()) == ["one"]


def test_the_default_order_is_a_setting(client, comments, settings):
    settings.NEWSROOM_COMMENTS_SORT = "liked"

    html = client.get(URL).content.decode()
    assert _order(html) == ["two", "one", "three"]
    assert ("/world/talks/?sort=oldest#comments", "", "Oldest") in _links(html, "nr-comment-sort")
    assert client.get("/world/talks/?sort=liked")["Location"] == URL


def _reply(parent, n):
    for i in range(n):
        make_comment(parent.content_object, text=f"Reply {i} to comment {parent.pk}", parent=parent)


def test_most_replies_counts_the_replies_readers_see_and_show_more_keeps_it(client, comments, settings):
    first, second, third = comments
    _reply(third, 2)
    _reply(first, 1)
    for status in ("pending", "spam", "trash"):  # hidden: never counted
        make_comment(first.content_object, parent=second, status=status)
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2

    html = client.get(f"{URL}?sort=replies").content.decode()

    assert _order(html) == ["three", "one"]
    assert (f"{URL}?sort=replies#comments", ' aria-current="true"', "Most replies") in _links(html, "nr-comment-sort")
    assert f'href="{URL}?comments_page=2&amp;sort=replies#comments" data-show-more' in html
    assert _order(client.get(f"{URL}?comments_page=2&sort=replies").content.decode()) == ["two"]


def test_most_replies_can_be_the_default(client, comments, settings):
    _reply(comments[2], 1)
    settings.NEWSROOM_COMMENTS_SORT = "replies"

    html = client.get(URL).content.decode()
    assert _order(html) == ["three", "one", "two"]
    assert client.get(f"{URL}?sort=replies")["Location"] == URL


@pytest.mark.parametrize(
    "query",
    ["sort=bogus", "sort=", "sort=oldest", "sort=NEWEST", "sort=REPLIES", "sort=reply", "comments_view=featured"],
)
def test_unknown_and_default_values_go_to_the_canonical_page(client, comments, query):
    response = client.get(f"{URL}?{query}")
    assert (response.status_code, response["Location"]) == (302, URL)


def test_parameters_are_redirected_to_their_canonical_order(client, comments, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    response = client.get(f"{URL}?sort=newest&comments_page=2")
    assert response["Location"] == f"{URL}?comments_page=2&sort=newest"


def test_the_featured_view_opens_first_with_tabs(client, comments, article):
    first, _second, third = comments
    mia = make_user(username="mia", groups=["Moderators"])
    from comments import featured

    featured.feature(third, by=mia)

    html = client.get(URL).content.decode()
    assert _order(html) == ["three"]
    assert _links(html, "nr-comment-views") == [
        ("/world/talks/#comments", ' aria-current="page"', "Featured (1)"),
        ("/world/talks/?comments_view=all#comments", "", "All comments (3)"),
    ]
    assert f'class="nr-comment nr-depth-0 nr-featured" id="c{third.pk}"' in html
    assert '<span class="nr-featured-mark">Featured</span>' in html

    everything = client.get("/world/talks/?comments_view=all").content.decode()
    assert _order(everything) == ["one", "two", "three"]
    assert everything.count('<span class="nr-featured-mark">') == 1  # still marked among all the others
    assert ("/world/talks/?comments_view=all&amp;sort=newest#comments", "", "Newest") in _links(
        everything, "nr-comment-sort"
    )
    assert client.get("/world/talks/?comments_view=featured")["Location"] == URL


def test_the_badges_are_shown_by_account(client, article):
    writer = make_user(username="writer", is_staff=False)
    Author.objects.filter(bylines__article=article).update(user=writer)
    make_comment(article, text="From the desk", user=writer)
    make_comment(article, text="From the office", user=make_user(username="ed"))
    make_comment(article, text="<b>Sneaky</b>", name="Staff")

    html = client.get(URL).content.decode()

    assert html.count('<span class="nr-badge nr-badge-author">Author</span>') == 1
    assert html.count('<span class="nr-badge nr-badge-staff">Staff</span>') == 1
    sneaky = html.split("&lt;b&gt;Sneaky&lt;/b&gt;")[0].rsplit('<li class="nr-comment', 1)[1]
    assert "nr-badge" not in sneaky


# Page cache: one entry per order and view the page really has, nothing for made-up values.


def test_each_order_is_cached_once_and_invalid_values_make_no_entry(client, local_page_cache, comments, monkeypatch):
    for url in (URL, f"{URL}?sort=newest", f"{URL}?sort=liked", f"{URL}?sort=replies"):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    stored = []
    real_set = LocMemCache.set

    def spy(cache, key, *args, **kwargs):
        stored.append(key)
        return real_set(cache, key, *args, **kwargs)

    monkeypatch.setattr(LocMemCache, "set", spy)  # the tests' page cache is local memory (local_page_cache)

    for query in ("sort=bogus", "sort=oldest", "sort=", "sort=Replies", "comments_view=all", "comments_view=featured"):
        response = client.get(f"{URL}?{query}")
        assert (response.status_code, response["Location"]) == (302, URL)
    assert client.get(f"{URL}?sort=newest&x=1")["X-Page-Cache"] == "bypass"  # an unknown parameter

    assert stored == []  # neither a page nor a shared thread


# Queries for the article page in any order or view: the comment section's queries stay two
# (1 counts of approved, top-level and featured comments, 2 the page's threads with replies and
# badges), however many comments, badges and picks.
@pytest.mark.parametrize(
    "query", ["", "?sort=newest", "?comments_view=all&sort=liked", "?sort=replies", "?comments_view=all&sort=replies"]
)
def test_orders_views_and_badges_cost_the_same_with_more_comments(client, article, query):
    writer = make_user(username="writer", is_staff=False)
    Author.objects.filter(bylines__article=article).update(user=writer)

    def add(n):
        for i in range(n):
            top = make_comment(article, user=writer if i % 2 else make_user(), featured_at=article.publish_at)
            make_comment(article, parent=top, user=make_user(is_staff=False))

    add(2)
    client.get(URL + query)  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL + query).status_code == 200
    add(10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL + query).status_code == 200

    assert len(many) == len(few)
    assert len([q for q in many if "django_comments" in q["sql"]]) == 2
    assert Comment.objects.featured().count() == 12


# The article page costs the same in every order: 1 the site's sections, 2 the article, 3 its bylines,
# 4 its tags, 5 and 6 related picks and suggestions, 7 the sections again (the related block), 8 the
# comment counts, 9 the page's threads with replies and badges ("most replies" counts in a subquery of
# it, not a query of its own), 10 the announcements.
def test_every_order_costs_the_same_queries_with_more_comments(client, article):
    def add(n):
        for _ in range(n):
            top = make_comment(article)
            make_comment(article, parent=make_comment(article, parent=top))
            make_comment(article, parent=top, status="pending")

    def cost():
        queries = {}
        for sort in threads.SORTS:
            url = URL if sort == threads.default_sort() else f"{URL}?sort={sort}"
            client.get(url)  # warm per-process caches
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            queries[sort] = len(captured)
        return queries

    add(2)
    few = cost()
    add(10)
    many = cost()

    assert set(few) == {"oldest", "newest", "liked", "replies"}
    assert len(set(few.values())) == 1, few
    assert many == few


def test_linking_an_authors_account_purges_cached_pages(
    client, local_page_cache, article, django_capture_on_commit_callbacks
):
    writer = make_user(username="writer", is_staff=False)
    make_comment(article, text="From the desk", user=writer)
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"

    author = Author.objects.get(bylines__article=article)
    author.user = writer
    with django_capture_on_commit_callbacks(execute=True):
        author.save()

    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert '<span class="nr-badge nr-badge-author">Author</span>' in response.content.decode()
