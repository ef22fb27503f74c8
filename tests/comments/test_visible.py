"""A moderator's change to what readers see reaches cached pages and the shared thread at once (issue 11, item 9)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from comments import visible
from comments.models import Comment
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_comments_comment_changelist")


@pytest.fixture
def page_cache(local_page_cache):
    return local_page_cache


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


@pytest.fixture
def moderator_client():
    client = Client()
    client.force_login(make_user(username="mia", groups=["Moderators"]))
    return client


def _cached(client, url):
    """The page, served from the page cache (after a first request stored it)."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def _shared_thread(client, url):
    """The page for a reader the page cache may not serve: its comment thread is the shared part."""
    response = client.get(f"{url}?unknown=1")
    assert response["X-Page-Cache"] == "bypass"
    return response.content.decode()


def _edit(moderator_client, comment, text):
    data = {
        "comment": text,
        "user_url": "",
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
    }
    response = moderator_client.post(reverse("admin:newsroom_comments_comment_change", args=[comment.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response


def _erase(admin_client, comment, mode):
    response = admin_client.post(
        f"{CHANGELIST}?status=all",
        {"action": "erase_personal_data", "_selected_action": [comment.pk], "confirmed": "yes", "mode": mode},
    )
    assert response.status_code == 302


def test_an_edited_text_reaches_cached_pages_and_the_shared_thread_at_once(
    client, page_cache, article, moderator_client, django_capture_on_commit_callbacks
):
    comment = make_comment(article, text="Original rude words")
    url = article.get_absolute_url()
    assert "Original rude words" in _cached(client, url)
    assert "Original rude words" in _shared_thread(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        _edit(moderator_client, comment, "Redacted by a moderator")

    for html in (client.get(url).content.decode(), _shared_thread(client, url)):
        assert "Original rude words" not in html
        assert "Redacted by a moderator" in html


def test_editing_a_held_comment_leaves_readers_pages_in_the_cache(
    client, page_cache, article, moderator_client, django_capture_on_commit_callbacks
):
    comment = make_comment(article, status=Comment.Status.PENDING)
    _cached(client, "/")
    with django_capture_on_commit_callbacks(execute=True):
        _edit(moderator_client, comment, "Tidied while it waits")
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_erasing_a_commenters_data_takes_their_name_off_cached_pages(
    client, page_cache, article, moderator_client, django_capture_on_commit_callbacks
):
    make_comment(article, name="Annabel Example", email="ann@example.com", text="Kept, but no longer signed")
    url = article.get_absolute_url()
    assert "Annabel Example" in _cached(client, url)
    assert "Annabel Example" in _shared_thread(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        _erase(moderator_client, Comment.objects.get(), "anonymise")

    for html in (client.get(url).content.decode(), _shared_thread(client, url)):
        assert "Annabel Example" not in html
        assert "Kept, but no longer signed" in html


@pytest.mark.parametrize("replied_to", [False, True])
def test_erasing_by_deleting_takes_the_comment_off_cached_pages(
    client, page_cache, article, django_capture_on_commit_callbacks, replied_to
):
    admin_client = Client()
    admin_client.force_login(User.objects.create_superuser("root", "root@news.example", "pw"))
    comment = make_comment(article, name="Annabel Example", email="ann@example.com", text="Words to be erased")
    if replied_to:
        make_comment(article, parent=comment, text="A reply by someone else")
    url = article.get_absolute_url()
    assert "Words to be erased" in _cached(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        _erase(admin_client, comment, "delete")

    for html in (client.get(url).content.decode(), _shared_thread(client, url)):
        assert "Words to be erased" not in html
        assert "Annabel Example" not in html


@pytest.mark.parametrize(
    ("status", "changes", "purged"),
    [
        (Comment.Status.APPROVED, {"comment": "New text"}, True),
        (Comment.Status.APPROVED, {"user_name": "Anonymous"}, True),
        (Comment.Status.APPROVED, {"user_agent": ""}, False),  # readers never see it
        (Comment.Status.PENDING, {"comment": "New text"}, False),
        (Comment.Status.APPROVED, {"status": Comment.Status.TRASH, "is_public": False}, True),
        (Comment.Status.TRASH, {"status": Comment.Status.APPROVED, "is_public": True}, True),
    ],
)
def test_update_purges_only_what_readers_see(article, django_capture_on_commit_callbacks, status, changes, purged):
    comment = make_comment(article, status=status)
    with django_capture_on_commit_callbacks() as callbacks:
        visible.update(comment, **changes)
    assert bool(callbacks) is purged
    stored = Comment.objects.get(pk=comment.pk)
    assert all(getattr(stored, name) == value for name, value in changes.items())
