"""Featured comments ("Editors' picks"): who may be featured, the history line, the purge (issue 16, item 1)."""

import pytest
from django.test import Client
from django.urls import reverse

from comments import featured, status
from comments.models import Comment, CommentEvent
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_comments_comment_changelist")


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


@pytest.fixture
def moderator():
    return make_user(username="mia", groups=["Moderators"])


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def _moderate(client, comment, verb):
    return client.post(reverse("admin:newsroom_comments_comment_moderate", args=[comment.pk, verb]))


def test_featuring_marks_the_comment_and_the_history_says_who(article, moderator):
    comment = make_comment(article)

    featured.feature(comment, by=moderator)

    comment.refresh_from_db()
    assert comment.featured_at is not None
    assert comment.status == Comment.Status.APPROVED  # a pick, not a status
    event = comment.events.last()
    assert (event.action, event.actor, event.actor_label) == (CommentEvent.Action.FEATURED, moderator, "mia")
    assert str(event) == "featured by mia"

    featured.unfeature(comment, by=moderator)

    comment.refresh_from_db()
    assert comment.featured_at is None
    assert str(comment.events.last()) == "unfeatured by mia"


@pytest.mark.parametrize("comment_status", [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.TRASH])
def test_only_approved_comments_can_be_featured(article, moderator, comment_status):
    comment = make_comment(article, status=comment_status)

    with pytest.raises(status.InvalidTransition, match="Only approved"):
        featured.feature(comment, by=moderator)

    comment.refresh_from_db()
    assert comment.featured_at is None
    assert not comment.events.filter(action=CommentEvent.Action.FEATURED).exists()


def test_featuring_twice_or_unfeaturing_an_ordinary_comment_is_refused(article, moderator):
    comment = make_comment(article)
    with pytest.raises(status.InvalidTransition):
        featured.unfeature(comment, by=moderator)
    featured.feature(comment, by=moderator)
    with pytest.raises(status.InvalidTransition):
        featured.feature(comment, by=moderator)
    assert comment.events.filter(action=CommentEvent.Action.FEATURED).count() == 1


def test_unpublishing_keeps_the_pick_out_of_sight_and_restoring_brings_it_back(client, article, moderator):
    comment = make_comment(article, text="A thoughtful answer")
    featured.feature(comment, by=moderator)
    url = article.get_absolute_url()
    assert "Featured (1)" in client.get(url).content.decode()

    status.change_status(comment, Comment.Status.TRASH, by=moderator)

    html = client.get(url).content.decode()
    assert "A thoughtful answer" not in html and "Featured (" not in html
    comment.refresh_from_db()
    assert comment.featured_at is not None  # kept: the moderator's pick stands
    featured.unfeature(comment, by=moderator)  # and can still be withdrawn while it is unpublished
    status.restore(comment, by=moderator)
    assert "Featured (" not in client.get(url).content.decode()


def test_a_restored_comment_is_featured_again(client, article, moderator):
    comment = make_comment(article, text="A thoughtful answer")
    featured.feature(comment, by=moderator)
    status.change_status(comment, Comment.Status.PENDING, by_label="reader reports")
    status.restore(comment, by=moderator)

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Featured (1)" in html and "A thoughtful answer" in html


def test_featuring_purges_cached_pages_and_the_shared_thread(
    client, local_page_cache, article, moderator_client, django_capture_on_commit_callbacks
):
    comment = make_comment(article, text="Worth reading")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        assert _moderate(moderator_client, comment, "feature").status_code == 302

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert "Featured (1)" in html and 'class="nr-featured-mark">Featured<' in html

    with django_capture_on_commit_callbacks(execute=True):
        _moderate(moderator_client, comment, "unfeature")
    assert "Featured (" not in client.get(url).content.decode()


def test_featuring_a_held_comment_purges_nothing(
    client, local_page_cache, article, moderator, django_capture_on_commit_callbacks
):
    held = make_comment(article, status=Comment.Status.PENDING)
    featured_one = make_comment(article)
    featured.feature(featured_one, by=moderator)
    status.change_status(featured_one, Comment.Status.TRASH, by=moderator)
    url = article.get_absolute_url()
    client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        featured.unfeature(featured_one, by=moderator)  # readers could not see it
        with pytest.raises(status.InvalidTransition):
            featured.feature(held, by=moderator)

    assert client.get(url)["X-Page-Cache"] == "hit"
