import smtplib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from comments import tasks
from comments.models import Comment
from tests.conftest import use_mail_backend
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

PENDING, APPROVED, SPAM = Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.SPAM


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def moderator():
    return make_user(email="mia@news.example", groups=["Moderators"])


def test_held_comment_mail_goes_out_while_the_comment_waits(article, moderator):
    comment = make_comment(article, status=PENDING)
    result = tasks.send_held_comment_mail.enqueue(comment.pk)
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_held_comment_mail_is_dropped_once_a_moderator_decided(article, moderator):
    comment = make_comment(article, status=APPROVED)
    assert tasks.send_held_comment_mail.enqueue(comment.pk).return_value == 0
    assert mail.outbox == []


def test_mail_for_a_deleted_comment_is_dropped(article, moderator):
    comment = make_comment(article, status=APPROVED)
    pk = comment.pk
    comment.delete()
    assert tasks.send_reply_mail.enqueue(pk).return_value == 0
    assert tasks.send_author_mail.enqueue(pk).return_value == 0


def test_reply_mail_is_dropped_if_the_reply_was_removed_meanwhile(article):
    top = make_comment(article, followup=True)
    reply = make_comment(article, parent=top, status=SPAM)
    assert tasks.send_reply_mail.enqueue(reply.pk).return_value == 0


def test_one_refused_message_does_not_stop_the_others(article, settings, caplog):
    settings.NEWSROOM_COMMENTS_MODERATOR_EMAILS = ["refused@news.example", "ok@news.example"]
    use_mail_backend(settings, f"{__name__}.PickyBackend")
    PickyBackend.sent = []
    comment = make_comment(article, status=PENDING)

    assert tasks.send_held_comment_mail.enqueue(comment.pk).return_value == 1

    assert PickyBackend.sent == [["ok@news.example"]]
    assert "Could not send the held comment mail to refused@news.example" in caplog.text


class PickyBackend:
    """Refuses one address, like a server that rejects a recipient."""

    sent = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        for message in messages:
            if "refused@news.example" in message.to:
                raise smtplib.SMTPRecipientsRefused({"refused@news.example": (550, b"no such user")})
            PickyBackend.sent.append(message.to)
        return len(messages)


def test_digest_task_and_command(article, moderator):
    make_comment(article, status=PENDING)
    assert tasks.send_moderation_digest.enqueue().return_value == 1
    out = StringIO()
    call_command("send_moderation_digest", stdout=out)
    assert out.getvalue().strip() == "1 digest(s) sent."
    out = StringIO()
    call_command("send_moderation_digest", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Enqueued as task ")
    assert len(mail.outbox) == 3


@time_machine.travel("2026-06-01 12:00 +0000", tick=False)
def test_trim_task_and_command(article):
    old = make_comment(
        article,
        status=APPROVED,
        ip_address="203.0.113.77",
        status_changed_at=timezone.now() - timedelta(days=90),
    )
    assert tasks.trim_comment_personal_data.enqueue().return_value == 1
    old.refresh_from_db()
    assert old.ip_address == "203.0.113.0"

    out = StringIO()
    call_command("trim_comment_personal_data", stdout=out)
    assert out.getvalue().strip() == "0 comment(s) trimmed."
    out = StringIO()
    call_command("trim_comment_personal_data", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Enqueued as task ")
