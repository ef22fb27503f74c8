"""``{% review_queue %}`` (articles.templatetags.articles_review): the review's block on the admin index."""

import pytest
from django.template import Context, Template

from articles import review
from articles.models import Article
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    user = make_user(username="wanda", groups=["Writers"])
    make_author(name="Wanda Writer", user=user)
    return user


@pytest.fixture
def editor():
    user = make_user(username="ed", groups=["Editors"])
    make_author(name="Edith Desk", user=user)
    return user


def render(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return Template("{% load articles_review %}{% review_queue %}").render(Context({"request": request}))


def _with_permissions_loaded(user):
    user.has_perm("newsroom_articles.view_article")  # as the admin index has by the time the block renders
    return user


@pytest.mark.parametrize("more", [0, 10], ids=["one article", "ten more"])
def test_desk_block_query_count(rf, writer, editor, django_assert_num_queries, more):
    for n in range(1 + more):
        review.submit(make_article(headline=f"Waiting {n}", status=Article.Status.DRAFT, created_by=writer), by=writer)
    _with_permissions_loaded(editor)
    # 1. how many articles are in review  2. the five waiting longest, each with when it was submitted
    with django_assert_num_queries(2):
        html = render(rf, editor)
    assert f"{1 + more} article" in html
    assert html.count("<li>") == min(1 + more, 5)
    if more:
        assert html.index("Waiting 0") < html.index("Waiting 1")  # the longest waiting first


def test_an_empty_queue_costs_one_query(rf, editor, django_assert_num_queries):
    _with_permissions_loaded(editor)
    with django_assert_num_queries(1):
        html = render(rf, editor)
    assert "0 articles in review" in html


@pytest.mark.parametrize("more", [0, 10], ids=["one decision", "ten more"])
def test_writer_block_query_count(rf, writer, editor, django_assert_num_queries, more):
    for n in range(1 + more):
        article = make_article(headline=f"Story {n}", status=Article.Status.DRAFT, created_by=writer)
        review.submit(article, by=writer)
        review.send_back(article, by=editor, text=f"Fix {n}")
    review.submit(make_article(status=Article.Status.DRAFT, created_by=writer), by=writer)
    _with_permissions_loaded(writer)
    # 1. the desk's decisions on the writer's articles not opened since, with article, author and byline name
    # 2. how many of the writer's articles are in review
    with django_assert_num_queries(2):
        html = render(rf, writer)
    assert "1 of your articles in review" in html
    assert html.count("sent back by Edith Desk") == min(1 + more, review.DECISIONS_SHOWN)


def test_someone_without_articles_sees_nothing_at_no_cost(rf, django_assert_num_queries):
    moderator = _with_permissions_loaded(make_user(groups=["Moderators"]))
    with django_assert_num_queries(0):
        assert render(rf, moderator).strip() == ""
