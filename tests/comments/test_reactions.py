import pytest
from django.contrib.auth.models import User
from django.test import Client

from comments import reactions
from comments.models import Comment, CommentEvent, CommentReaction, CommentReport
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def reader(name, *, address="203.0.113.7"):
    return reactions.Reader.from_parts(identity=f"cookie:{name}", address=address, by_address_only=False)


@pytest.fixture
def comment():
    return make_comment(make_article(slug="talks"))


def test_a_like_counts_once_per_reader(client, comment):
    first = client.post(f"/comments/{comment.pk}/like/", **JSON)
    again = client.post(f"/comments/{comment.pk}/like/", **JSON)
    other = Client(REMOTE_ADDR="198.51.100.7").post(f"/comments/{comment.pk}/like/", **JSON)

    assert first.json() == {"liked": True, "counted": True, "like_count": 1}
    assert again.json()["counted"] is False
    assert other.json()["like_count"] == 2
    comment.refresh_from_db()
    assert comment.like_count == 2


def test_the_reader_cookie_is_long_lived_and_the_key_is_a_hash(client, comment):
    response = client.post(f"/comments/{comment.pk}/like/", **JSON)

    cookie = response.cookies["newsroom_reader"]
    assert cookie["httponly"] and int(cookie["max-age"]) > 365 * 24 * 3600
    key = CommentReaction.objects.get().reader_key
    assert len(key) == 64 and cookie.value not in key and "127.0.0.1" not in key


def test_a_signed_in_reader_likes_once_across_browsers(comment):
    user = User.objects.create_user("ada")
    for _ in range(2):
        browser = Client()
        browser.force_login(user)
        browser.post(f"/comments/{comment.pk}/like/", **JSON)

    comment.refresh_from_db()
    assert comment.like_count == 1


def test_without_script_a_like_redirects_back_to_the_comment(client, comment):
    response = client.post(f"/comments/{comment.pk}/like/")

    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{comment.pk}")


def test_without_a_csrf_token_the_reader_is_asked_to_confirm(comment):
    browser = Client(enforce_csrf_checks=True)

    refused = browser.post(f"/comments/{comment.pk}/report/")

    assert refused.status_code == 403
    assert "Report this comment?" in refused.content.decode()
    token = refused.context["csrf_token"]
    confirmed = browser.post(f"/comments/{comment.pk}/report/", {"csrfmiddlewaretoken": str(token), "reason": "spam"})
    assert confirmed.status_code == 302
    assert CommentReport.objects.count() == 1


def test_get_shows_a_confirmation_form(client, comment):
    response = client.get(f"/comments/{comment.pk}/like/")

    assert response.status_code == 200
    assert "Like this comment?" in response.content.decode()


@pytest.mark.parametrize("status", ["pending", "spam", "trash"])
def test_only_published_comments_can_be_liked_or_reported(client, status):
    hidden = make_comment(make_article(), status=status)

    assert client.post(f"/comments/{hidden.pk}/like/").status_code == 404
    assert client.post(f"/comments/{hidden.pk}/report/").status_code == 404
    assert client.get(f"/comments/{hidden.pk}/report/").status_code == 404


def test_missing_and_absurd_ids_are_404(client):
    assert client.post("/comments/999999/like/").status_code == 404
    assert client.post("/comments/99999999999999999999999/like/").status_code == 404


def test_readers_on_three_networks_send_a_comment_back_to_moderation(comment):
    for n, reason in enumerate(["abuse", "abuse", "off_topic"]):
        browser = Client(REMOTE_ADDR=f"198.51.{100 + n}.7")
        response = browser.post(f"/comments/{comment.pk}/report/", {"reason": reason}, **JSON)
        assert response.json() == {"reported": True, "counted": True}

    comment.refresh_from_db()
    assert comment.report_count == 3
    assert comment.status == Comment.Status.PENDING and not comment.is_public
    event = CommentEvent.objects.filter(comment=comment).latest("pk")
    assert (event.from_status, event.to_status, event.actor_label) == ("approved", "pending", "readers")
    assert event.reason == "reported from 3 networks: Abuse or harassment ×2, Off-topic ×1"


def test_two_reports_leave_it_published_and_repeats_do_not_count(client, comment):
    client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, **JSON)
    client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, **JSON)
    Client(REMOTE_ADDR="198.51.100.7").post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, **JSON)

    comment.refresh_from_db()
    assert comment.report_count == 2
    assert comment.status == Comment.Status.APPROVED


def test_the_threshold_is_a_setting(comment, settings):
    settings.NEWSROOM_COMMENTS_REPORTS_TO_HOLD = 1

    reactions.report(comment, reader=reader("a"), reason="spam")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_like_is_recorded_with_f_expressions_not_a_stale_copy(comment):
    stale = Comment.objects.get(pk=comment.pk)
    reactions.like(comment, reader=reader("a"))
    reactions.like(stale, reader=reader("b", address="198.51.100.7"))

    assert reactions.like_count(comment) == 2
