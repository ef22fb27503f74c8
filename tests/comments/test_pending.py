"""A commenter whose comment was held sees it, marked as awaiting moderation, with or without the script."""

import pytest
from django.test import Client

from comments import pending
from comments.models import Comment
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db

AWAITING = "Your comment is awaiting moderation."


@pytest.fixture
def article():
    return make_article(slug="talks", category=make_category(slug="world"))


@pytest.fixture
def holding(monkeypatch):
    return install_fake_spam_filter(monkeypatch, band="hold")


def _post(client, article, **fields):
    return client.post("/comments/post/", form_data(article, **fields))


def test_the_page_after_a_held_post_shows_the_comment_to_its_author_only(client, article, holding):
    make_comment(article, text="An approved one.")

    _post(client, article, comment="My held <b>thought</b>.")
    mine = client.get("/world/talks/").content.decode()
    theirs = Client().get("/world/talks/").content.decode()

    assert AWAITING in mine
    assert "My held &lt;b&gt;thought&lt;/b&gt;." in mine  # escaped like every comment
    assert AWAITING not in theirs and "My held" not in theirs
    assert "An approved one." in mine and "An approved one." in theirs


def test_a_held_reply_says_what_it_answers(client, article, holding):
    parent = make_comment(article, text="The first word.")

    _post(client, article, comment="A held answer.", reply_to=str(parent.pk))
    html = client.get("/world/talks/").content.decode()

    assert "A held answer." in html
    assert f'href="#c{parent.pk}"' in html


def test_once_approved_it_shows_once_without_the_notice(client, article, holding):
    _post(client, article, comment="Held, then approved.")
    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED
    comment.save()

    html = client.get("/world/talks/").content.decode()

    assert html.count("Held, then approved.") == 1
    assert AWAITING not in html


def test_held_comments_on_other_articles_or_forged_cookies_show_nothing(client, article, holding):
    other = make_article(category=article.category)
    _post(client, other, comment="On another story.")

    assert AWAITING not in client.get("/world/talks/").content.decode()
    forger = Client()
    forger.cookies["newsroom_pending"] = ",".join(str(c.pk) for c in Comment.objects.all())  # not signed
    assert AWAITING not in forger.get(other.get_absolute_url()).content.decode()
    assert AWAITING in client.get(other.get_absolute_url()).content.decode()


def test_the_author_is_never_served_the_cached_page_and_others_never_get_theirs(
    client, article, holding, local_page_cache
):
    visitor = Client()
    visitor.get("/world/talks/")  # now cached

    _post(client, article, comment="Only for me.")
    mine = client.get("/world/talks/")
    theirs = visitor.get("/world/talks/")

    assert "Only for me." in mine.content.decode()
    assert "Only for me." not in theirs.content.decode()


def test_no_cookie_no_query(rf, article, django_assert_num_queries):
    request = rf.get("/world/talks/")

    with django_assert_num_queries(0):
        assert pending.held_comments(request, article) == []
