import smtplib

import pytest
from django.core import mail
from django.test import override_settings

from comments import notifications, status, tasks
from comments.models import Comment
from tests.conftest import use_mail_backend
from tests.factories import make_article, make_author, make_comment, make_user

pytestmark = pytest.mark.django_db

PENDING, APPROVED, TRASH = Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.TRASH


@pytest.fixture(autouse=True)
def _site_name(settings):
    settings.NEWSROOM_SITE_NAME = "The Daily Ledger"


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_moderators_hear_about_a_comment_held_by_reports(article, moderator, commit):
    make_user(username="writer", email="writer@news.example", groups=["Writers"])
    make_user(username="nomail", email="", groups=["Moderators"])
    comment = make_comment(article, status=APPROVED, name="Sam O'Neil", text="Ships & boats <b>ahoy</b>")

    with commit():
        status.change_status(comment, PENDING, by_label="reader reports", reason="3 reports")

    assert recipients() == ["mia@news.example"]
    message = mail.outbox[0]
    assert message.subject == "[The Daily Ledger] A comment by Sam O'Neil awaits review"
    assert "Ships & boats <b>ahoy</b>" in message.body  # plain text: not HTML-escaped
    assert "Harbour reopens" in message.body
    assert f"/admin/newsroom_comments/comment/{comment.pk}/change/" in message.body


def test_a_new_held_comment_is_announced_by_the_posting_flow(article, moderator, commit):
    comment = make_comment(article, status=PENDING)
    with commit():
        tasks.mail_about_new_comment(comment)
    assert recipients() == ["mia@news.example"]


def test_a_moderator_putting_a_comment_back_in_the_queue_mails_nobody(article, moderator, commit):
    comment = make_comment(article, status=APPROVED)
    with commit():
        status.change_status(comment, PENDING, by=moderator)
    assert mail.outbox == []


@override_settings(NEWSROOM_COMMENTS_MODERATOR_EMAILS=["desk@news.example", "night@news.example"])
def test_configured_addresses_replace_the_moderators(article, moderator, commit):
    comment = make_comment(article, status=PENDING)
    with commit():
        tasks.mail_about_new_comment(comment)
    assert recipients() == ["desk@news.example", "night@news.example"]
    assert all(len(m.to) == 1 for m in mail.outbox)


@override_settings(NEWSROOM_COMMENTS_NOTIFY_MODERATORS=False)
def test_moderator_mail_can_be_turned_off(article, moderator, commit):
    with commit():
        tasks.mail_about_new_comment(make_comment(article, status=PENDING))
    assert mail.outbox == []


@override_settings(NEWSROOM_COMMENTS_MODERATION_DIGEST=True)
def test_digest_mode_sends_nothing_per_comment(article, moderator, commit):
    with commit():
        tasks.mail_about_new_comment(make_comment(article, status=PENDING))
    assert mail.outbox == []


def test_digest_lists_the_queue_newest_first(article, moderator):
    older = make_comment(article, status=PENDING, name="First Reader")
    newer = make_comment(article, status=PENDING, name="Second Reader")
    make_comment(article, status=APPROVED, name="Published Reader")

    messages = notifications.digest_messages()

    assert [m.to for m in messages] == [["mia@news.example"]]
    body = messages[0].body
    assert messages[0].subject == "[The Daily Ledger] 2 comments await review"
    assert body.index("Second Reader") < body.index("First Reader")
    assert "Published Reader" not in body
    assert f"/admin/newsroom_comments/comment/{older.pk}/change/" in body
    assert f"/admin/newsroom_comments/comment/{newer.pk}/change/" in body


def test_digest_says_how_many_more_wait(article, moderator):
    for _ in range(3):
        make_comment(article, status=PENDING)
    (message,) = notifications.digest_messages(limit=2)
    assert "…and 1 more." in message.body


def test_an_empty_queue_sends_no_digest(article, moderator):
    make_comment(article, status=APPROVED)
    assert notifications.digest_messages() == []


@override_settings(NEWSROOM_COMMENTS_NOTIFY_AUTHORS=True)
def test_authors_hear_about_published_comments_once(moderator, commit):
    reporter = make_author(user=make_user(email="reporter@news.example", is_staff=True))
    no_account = make_author()
    article = make_article(authors=[reporter, no_account])
    comment = make_comment(article, status=PENDING)

    with commit():
        status.change_status(comment, APPROVED, by=moderator)
        status.change_status(comment, TRASH, by=moderator)
        status.restore(comment, by=moderator)

    assert recipients() == ["reporter@news.example"]
    assert "commented on your article" in mail.outbox[0].body


@override_settings(NEWSROOM_COMMENTS_NOTIFY_AUTHORS=True)
def test_authors_are_not_mailed_about_their_own_comments(moderator, commit):
    reporter = make_author(user=make_user(email="reporter@news.example"))
    article = make_article(authors=[reporter])
    comment = make_comment(article, status=PENDING, email="Reporter@news.example")
    with commit():
        status.change_status(comment, APPROVED, by=moderator)
    assert mail.outbox == []


def test_authors_are_not_mailed_by_default(moderator, commit):
    reporter = make_author(user=make_user(email="reporter@news.example"))
    comment = make_comment(make_article(authors=[reporter]), status=PENDING)
    with commit():
        status.change_status(comment, APPROVED, by=moderator)
    assert mail.outbox == []


def test_followers_of_the_conversation_get_one_mail_each_about_an_approved_reply(article, moderator, commit):
    top = make_comment(article, email="ann@example.com", name="Ann", followup=True)
    make_comment(article, parent=top, email="ANN@example.com", name="Ann", followup=True)  # Ann again
    make_comment(article, parent=top, email="quiet@example.com", followup=False)
    make_comment(article, parent=top, email="held@example.com", followup=True, status=PENDING)
    make_comment(article, email="elsewhere@example.com", followup=True)  # another conversation
    reply = make_comment(article, parent=top, email="bo@example.com", name="Bo", followup=True, status=PENDING)

    with commit():
        status.change_status(reply, APPROVED, by=moderator)

    assert recipients() == ["ANN@example.com"]
    message = mail.outbox[0]
    assert message.subject == "[The Daily Ledger] Bo replied in your conversation"
    assert "Hello Ann," in message.body
    assert "/comments/mute/" in message.body


def test_the_reply_author_is_never_mailed_about_their_own_reply(article, commit):
    top = make_comment(article, email="bo@example.com", followup=True)
    reply = make_comment(article, parent=top, email="bo@example.com", status=PENDING)
    with commit():
        status.change_status(reply, APPROVED, by=make_user())
    assert mail.outbox == []


def test_a_reply_published_by_the_filter_notifies_followers(article, commit):
    top = make_comment(article, email="ann@example.com", followup=True)
    reply = make_comment(article, parent=top, status=APPROVED)
    with commit():
        tasks.mail_about_new_comment(reply)
    assert recipients() == ["ann@example.com"]


def test_the_mute_link_stops_follow_up_mail(article, client, commit):
    top = make_comment(article, email="ann@example.com", followup=True)
    reply = make_comment(article, parent=top, status=APPROVED)
    (message,) = notifications.reply_messages(reply)
    path = notifications.mute_url(top)
    assert path in message.body
    assert "ann@example.com" not in path  # signed and compressed, not spelled out

    assert client.get(path).status_code == 200  # a page with a button: mail scanners open links
    response = client.post(path)

    assert response.status_code == 200
    top.refresh_from_db()
    assert top.followup is False
    assert notifications.reply_messages(reply) == []


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def open(self):
        pass

    def close(self):
        pass


def test_a_failing_mail_server_is_logged_and_the_comment_stays_published(article, moderator, commit, settings, caplog):
    use_mail_backend(settings, f"{__name__}.RefusingBackend")
    top = make_comment(article, email="ann@example.com", followup=True)
    reply = make_comment(article, parent=top, status=PENDING)

    with commit():
        status.change_status(reply, APPROVED, by=moderator)

    reply.refresh_from_db()
    assert reply.status == APPROVED and reply.is_public
    assert "Could not send the reply mail to ann@example.com" in caplog.text


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("NEWSROOM_COMMENTS_MODERATOR_EMAILS", "desk@news.example", "comments.E202"),
        ("NEWSROOM_COMMENTS_MODERATOR_EMAILS", ["desk"], "comments.E202"),
        ("NEWSROOM_COMMENTS_MODERATION_DIGEST", "yes", "comments.E203"),
        ("NEWSROOM_COMMENTS_NOTIFY_AUTHORS", 1, "comments.E203"),
        ("NEWSROOM_COMMENTS_SITE_URL", "news.example", "comments.E204"),
    ],
)
def test_system_checks_catch_bad_mail_settings(settings, setting, value, check_id):
    from comments.system_checks import check_moderation_settings

    assert check_moderation_settings(None) == []
    setattr(settings, setting, value)
    assert [e.id for e in check_moderation_settings(None)] == [check_id]
