import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments import privacy, status
from comments.models import Comment, CommentEvent, CommentReaction, CommentReport
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

APPROVED, PENDING, SPAM, TRASH = (
    Comment.Status.APPROVED,
    Comment.Status.PENDING,
    Comment.Status.SPAM,
    Comment.Status.TRASH,
)


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


def personal(article, **overrides):
    """A comment carrying every kind of personal data."""
    fields = {
        "name": "Ann Example",
        "email": "ann@example.com",
        "user_url": "https://ann.example",
        "ip_address": "203.0.113.77",
        "user_agent": "Mozilla/5.0 (X11; Linux)",
        "referrer": "https://search.example/?q=harbour",
        "akismet_payload": {"user_ip": "203.0.113.77"},
        "followup": True,
    }
    return make_comment(article, **(fields | overrides))


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
        ("", ""),
        (None, None),
        ("not an address", None),
    ],
)
def test_truncate_ip(address, expected):
    assert privacy.truncate_ip(address) == expected


def test_export_gathers_everything_for_an_address_in_any_case(article):
    comment = personal(article)
    status.change_status(comment, SPAM, by=make_user(username="mia"))
    CommentReaction.objects.create(comment=comment, reader_key="k1")
    CommentReport.objects.create(comment=comment, reader_key="k2", reason="rude")
    account = make_user(email="ann@example.com")
    by_account = make_comment(article, user=account, email="other@example.com")
    make_comment(article, email="someone.else@example.com")

    data = privacy.export_for_email("ANN@example.com")

    json.dumps(data)  # serialisable as it is
    assert [c["id"] for c in data["comments"]] == [comment.pk, by_account.pk]
    first = data["comments"][0]
    assert first["on"]["title"] == "Harbour reopens"
    assert first["on"]["url"] == article.get_absolute_url()
    assert (first["email"], first["ip_address"], first["user_agent"]) == (
        "ann@example.com",
        "203.0.113.77",
        "Mozilla/5.0 (X11; Linux)",
    )
    assert [(h["by"], h["to"]) for h in first["history"]] == [("mia", SPAM)]
    assert len(first["likes"]) == 1
    assert first["reports"][0]["reason"] == "rude"
    assert "k1" not in json.dumps(data) and "k2" not in json.dumps(data)  # other readers' identifiers
    assert data["comments"][1]["account"] == account.username


def test_export_of_an_unknown_or_empty_address_is_empty(article):
    make_comment(article, email="")
    assert privacy.export_for_email("nobody@example.com")["comments"] == []
    assert privacy.export_for_email("  ")["comments"] == []


def test_anonymise_keeps_the_text_and_removes_the_person(article):
    comment = personal(article, text="The harbour was never closed.", user=make_user(email="ann@example.com"))
    reply = make_comment(article, parent=comment, email="bo@example.com")

    counts = privacy.erase_for_email("ann@example.com", mode="anonymise")

    assert counts == {"anonymised": 1, "deleted": 0}
    comment.refresh_from_db()
    assert comment.comment == "The harbour was never closed."
    assert (comment.user_name, comment.user_email, comment.user_url, comment.user) == ("Anonymous", "", "", None)
    assert (comment.ip_address, comment.user_agent, comment.referrer) == ("203.0.113.0", "", "")
    assert comment.akismet_payload == {} and comment.followup is False
    assert comment.personal_data_trimmed_at is not None
    assert comment.status == APPROVED and comment.is_public
    assert comment.events.get().reason == "personal data erased on request"
    reply.refresh_from_db()
    assert reply.user_email == "bo@example.com"


def test_delete_removes_comments_nobody_replied_to(article):
    lonely = personal(article)
    own_reply_parent = personal(article)
    own_reply = personal(article, parent=own_reply_parent)

    counts = privacy.erase_for_email("ann@example.com", mode="delete")

    assert counts == {"anonymised": 0, "deleted": 3}
    assert not Comment.objects.filter(pk__in=[lonely.pk, own_reply_parent.pk, own_reply.pk]).exists()
    assert not CommentEvent.objects.exists()


def test_delete_keeps_an_empty_trashed_comment_where_others_replied(article):
    parent = personal(article, text="Something people answered.")
    reply = make_comment(article, parent=parent, email="bo@example.com", text="I disagree.")

    counts = privacy.erase_for_email("ann@example.com", mode="delete")

    assert counts == {"anonymised": 1, "deleted": 0}
    parent.refresh_from_db()
    assert (parent.comment, parent.user_name, parent.user_email, parent.ip_address) == (
        "",
        "Anonymous",
        "",
        "203.0.113.0",
    )
    assert (parent.status, parent.previous_status, parent.is_public) == (TRASH, APPROVED, False)
    event = parent.events.get()
    assert (event.from_status, event.to_status) == (APPROVED, TRASH)
    reply.refresh_from_db()
    assert (reply.comment, reply.status, reply.is_public, reply.parent_id) == ("I disagree.", APPROVED, True, parent.pk)


@pytest.mark.parametrize("mode", ["anonymise", "delete"])
def test_erasing_takes_back_what_the_spam_filter_learned(article, mode, decide):
    from comments.spam.memory import column
    from comments.spam.models import LearnedLabel, SpamMemory

    ann = column(("email", "ann@example.com"))

    comment = personal(article, status=PENDING)
    decide(comment, APPROVED, by=make_user())
    assert SpamMemory.objects.filter(key=ann).exists()

    privacy.erase_for_email("ann@example.com", mode=mode)

    assert not SpamMemory.objects.filter(key=ann).exists()
    assert not LearnedLabel.objects.exists()


def test_erase_refuses_an_unknown_mode(article):
    with pytest.raises(ValueError, match="anonymise, delete"):
        privacy.erase_for_email("ann@example.com", mode="shred")


def decided(article, *, days_ago, status=APPROVED, **kwargs):
    return personal(article, status=status, status_changed_at=timezone.now() - timedelta(days=days_ago), **kwargs)


@time_machine.travel("2026-06-01 12:00 +0000", tick=False)
def test_trim_shortens_ips_of_comments_decided_long_ago(article):
    old = decided(article, days_ago=61)
    old_v6 = decided(article, days_ago=200, status=SPAM, ip_address="2001:db8:85a3:8d3:1319:8a2e:370:7348")
    recent = decided(article, days_ago=59)
    waiting = decided(article, days_ago=300, status=PENDING)

    assert privacy.trim_personal_data() == 2

    old.refresh_from_db()
    assert (old.ip_address, old.user_agent, old.referrer, old.akismet_payload) == ("203.0.113.0", "", "", {})
    assert old.personal_data_trimmed_at == timezone.now()
    assert old.user_email == "ann@example.com"  # what they typed stays
    old_v6.refresh_from_db()
    assert old_v6.ip_address == "2001:db8:85a3::"
    for untouched in (recent, waiting):
        untouched.refresh_from_db()
        assert (untouched.ip_address, untouched.personal_data_trimmed_at) == ("203.0.113.77", None)


@time_machine.travel("2026-06-01 12:00 +0000", tick=False)
def test_trim_runs_once_per_comment_and_follows_the_setting(article, settings):
    settings.NEWSROOM_COMMENTS_KEEP_IP_DAYS = 7
    decided(article, days_ago=8)
    assert privacy.trim_personal_data() == 1
    assert privacy.trim_personal_data() == 0


@time_machine.travel("2026-06-01 12:00 +0000", tick=False)
def test_trim_falls_back_to_the_submit_date_when_no_decision_time_was_recorded(article):
    comment = personal(article, submit_date=timezone.now() - timedelta(days=100))
    Comment.objects.filter(pk=comment.pk).update(status_changed_at=None)
    assert privacy.trim_personal_data() == 1


@time_machine.travel("2026-06-01 12:00 +0000", tick=False)
def test_trim_works_in_batches(article, monkeypatch):
    monkeypatch.setattr(privacy, "TRIM_BATCH", 2)
    for _ in range(5):
        decided(article, days_ago=90)
    assert privacy.trim_personal_data() == 5


def test_export_command_prints_json(article):
    personal(article)
    out, err = StringIO(), StringIO()
    call_command("export_comments", "--email", "ann@example.com", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["comments"][0]["name"] == "Ann Example"
    assert "1 comment(s)" in err.getvalue()


@pytest.mark.parametrize(("mode", "remaining"), [("anonymise", 1), ("delete", 0)])
def test_erase_command(article, mode, remaining):
    personal(article)
    out = StringIO()
    call_command("erase_commenter", "--email", "ann@example.com", "--mode", mode, stdout=out)
    assert Comment.objects.count() == remaining
    assert out.getvalue().startswith("ann@example.com: ")


def test_privacy_page_reads_the_settings(client, settings):
    settings.NEWSROOM_COMMENTS_KEEP_IP_DAYS = 30
    settings.NEWSROOM_AKISMET_KEY = ""
    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = ""
    response = client.get(reverse("comments-privacy"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "for 30 more days" in text
    assert "Nothing. Spam is filtered on our own servers" in text
    assert "reCAPTCHA" not in text


def test_privacy_page_names_the_outside_services_in_use(client, settings):
    settings.NEWSROOM_AKISMET_KEY = "a-key"
    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = "public"
    settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = "private"
    settings.NEWSROOM_COMMENTS_NOTIFY_AUTHORS = True
    text = client.get(reverse("comments-privacy")).content.decode()
    assert "are sent to Akismet" in text
    assert "Google reCAPTCHA" in text
    assert "journalists who wrote the article receive" in text


@pytest.mark.parametrize("days", [0, -1, 1.5, "60", None])
def test_system_check_catches_a_bad_retention(settings, days):
    from comments.system_checks import check_moderation_settings

    settings.NEWSROOM_COMMENTS_KEEP_IP_DAYS = days
    assert [e.id for e in check_moderation_settings(None)] == ["comments.E201"]


def test_privacy_page_describes_itself_to_search_engines(client):
    text = client.get(reverse("comments-privacy")).content.decode()

    assert (
        '<meta name="description" content="What we keep when you comment, for how long, who sees it'
        ' and what leaves this site.">'
    ) in text
