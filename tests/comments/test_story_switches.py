"""The per-story switches editors set in the article admin: pre-moderate, and close with a message of their own."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.articles.test_admin import article_form_data, change_url
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_category, make_comment, make_user

pytestmark = pytest.mark.django_db

MESSAGE = "Comments are closed while the inquiry sits. <b>Thank you</b> for understanding."


@pytest.fixture
def editor():
    editor = Client()
    editor.force_login(make_user(groups=["Editors"]))
    return editor


def _state(response):
    return response["X-Page-Cache"]


# Closing with a message ----------------------------------------------------------------------


def test_the_editors_message_replaces_comments_are_closed_and_the_form(client):
    article = make_article(comments_enabled=False, comments_closed_message=MESSAGE)
    make_comment(article, text="Said before closing.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Said before closing." in html
    assert "Comments are closed." not in html
    # Under the body and in place of the form, escaped: it is text, not markup.
    assert html.count("Comments are closed while the inquiry sits. &lt;b&gt;Thank you&lt;/b&gt;") == 2
    assert "data-comment-form" not in html


def test_the_message_waits_while_comments_are_open(client):
    article = make_article(comments_closed_message=MESSAGE)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "inquiry" not in html and "data-comment-form" in html


def test_the_message_also_follows_closing_by_the_sections_days(client):
    section = make_category(comments_close_after_days=0)
    article = make_article(category=section, comments_closed_message="Closed after a day, as always.")

    assert "Closed after a day, as always." in client.get(article.get_absolute_url()).content.decode()


def test_a_post_to_a_closed_story_is_refused_politely_with_the_message_and_the_text(client, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    article = make_article(comments_enabled=False, comments_closed_message=MESSAGE)

    response = client.post("/comments/post/", form_data(article, comment="My point, kept for later."))

    html = response.content.decode()
    assert response.status_code == 403
    assert "Comments are closed while the inquiry sits." in html
    assert "My point, kept for later." in html
    assert not Comment.objects.exists()


# Queries for the article page with comments closed by a message: the same as open, the message came
# with the article (for_detail) and the section asks nothing more.
def test_a_closing_message_costs_no_query(client):
    article = make_article(slug="open-story")
    closed = make_article(slug="closed-story", comments_enabled=False, comments_closed_message=MESSAGE)
    for story in (article, closed):
        make_comment(story)
        client.get(story.get_absolute_url())  # warm per-process caches

    with CaptureQueriesContext(connection) as open_page:
        client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as closed_page:
        client.get(closed.get_absolute_url())

    assert len(closed_page) == len(open_page)


# In the article admin, and the page cache ----------------------------------------------------


def test_editors_find_both_switches_in_the_article_admin(editor):
    article = make_article()

    html = editor.get(change_url(article)).content.decode()

    assert 'name="comments_premoderated"' in html and 'name="comments_closed_message"' in html


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ({"comments_enabled": None, "comments_closed_message": MESSAGE}, "Comments are closed while the inquiry"),
        ({"comments_premoderated": "on"}, "data-comment-form"),
    ],
)
def test_changing_a_switch_in_the_admin_purges_the_storys_cached_pages(
    client, editor, local_page_cache, commit, change, shown
):
    article = make_article()
    url = article.get_absolute_url()
    assert [_state(client.get(url)) for _ in range(2)] == ["miss", "hit"]

    with commit():
        response = editor.post(change_url(article), article_form_data(article, **change))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.comments_premoderated == ("comments_premoderated" in change)
    page = client.get(url)
    assert _state(page) == "miss"
    assert shown in page.content.decode()


def test_posting_to_a_story_closed_in_the_admin_keeps_the_text(client, editor, monkeypatch, commit):
    install_fake_spam_filter(monkeypatch)
    article = make_article()
    with commit():
        editor.post(
            change_url(article), article_form_data(article, comments_enabled=None, comments_closed_message=MESSAGE)
        )

    response = client.post("/comments/post/", form_data(article, comment="Just in time?"))

    assert response.status_code == 403
    assert "Just in time?" in response.content.decode()
