"""Links in mail (issue 11, items 1 and 6): no pickle, an expiry, no mail bombing.

The confirmation and "stop these e-mails" links are JSON signed with
``django.core.signing``: a link in django-comments-xtd's pickled format is
refused before it is decoded, so a forged one never runs code. Confirmation
mail goes to whatever address a poster typed, so it is rate-limited per
address and per client and carries none of the poster's links.
"""

import json
import os
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings

from comments import links, notifications
from comments import text as text_module
from comments.models import Comment
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.conftest import clear_cache, use_local_memory_cache, use_mail_backend
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


@pytest.fixture
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


@pytest.fixture
def confirm_email(monkeypatch):
    # xtd copies its settings on first use: patch the copy, not Django's settings.
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_CONFIRM_EMAIL", True)


@pytest.fixture
def article():
    return make_article(slug="talks-resume")


@pytest.fixture
def client():
    # A 500 must show up as a status here, not as an exception raised into the test.
    return Client(raise_request_exception=False)


def post(client, article, *, ip="203.0.113.9", **fields):
    return client.post("/comments/post/", form_data(article, **fields), REMOTE_ADDR=ip)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def confirmation_link(message):
    (url,) = (m.group(0) for m in LINK.finditer(message.body) if "/comments/confirm/" in m.group(0))
    return path_of(url)


# Item 1: nothing from a link is ever unpickled -------------------------------------------------


class RunsCode:
    """Unpickling this creates a directory: the stand-in for an attacker's code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def forged_xtd_key(marker):
    """A key in django-comments-xtd's pickled format, signed with this site's SECRET_KEY and salt.

    That is what anyone who guessed the old path-derived local key could make.
    """
    return signed.dumps(RunsCode(str(marker)), compress=True, extra_key=xtd_settings.COMMENTS_XTD_SALT).decode()


@pytest.mark.parametrize("kind", ["confirm", "mute"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_pickle_link_is_refused_without_unpickling(client, tmp_path, kind, method):
    marker = tmp_path / "code-ran"
    key = forged_xtd_key(marker)

    response = getattr(client, method)(f"/comments/{kind}/{key}/")

    assert not marker.exists(), "the link's pickle was loaded"
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


@pytest.mark.parametrize("kind", ["confirm", "mute"])
@pytest.mark.parametrize("key", ["not-a-real-key", "e30:1tXxXx:abc", ".eJzLSM3JyQcABiwCFQ:1tXxXx:abc", "a" * 3000])
def test_a_broken_link_is_a_clear_400(client, kind, key):
    response = client.get(f"/comments/{kind}/{key}/")

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def test_a_mute_key_does_not_open_the_confirmation_and_back(client, article):
    """Each link has its own salt: one kind of key is no use for the other."""
    comment = make_comment(article, followup=True)
    mute_key = links.mute_key(comment)

    assert client.get(f"/comments/confirm/{mute_key}/").status_code == 400
    assert client.post(f"/comments/confirm/{mute_key}/").status_code == 400


# Item 1: a genuine confirmation link ----------------------------------------------------------


def test_a_valid_confirmation_link_stores_the_comment_once(client, article, spam_filter, confirm_email):
    post(client, article, email="new@example.com", comment="A real opinion.")
    path = confirmation_link(mail.outbox[0])

    shown = client.get(path)  # what a mail scanner does: nothing is stored
    assert shown.status_code == 200 and "Publish my comment" in shown.content.decode()
    assert shown["Cache-Control"].startswith("max-age=0") and "no-store" in shown["Cache-Control"]
    assert not Comment.objects.exists()

    confirmed = client.post(path)
    again = client.post(path)

    comment = Comment.objects.get()
    assert (comment.comment, comment.user_email, comment.status) == ("A real opinion.", "new@example.com", "approved")
    assert comment.ip_address == "203.0.113.9" and comment.spam_band == "publish"
    assert confirmed.status_code == 302 and confirmed["Location"] == f"{article.get_absolute_url()}#c{comment.pk}"
    assert again.status_code == 302 and Comment.objects.count() == 1


def test_the_confirmation_link_carries_no_request_data_of_the_posters(client, article, spam_filter, confirm_email):
    from django.core import signing

    post(client, article, email="new@example.com", comment="A real opinion.", HTTP_USER_AGENT="Poster/1.0")
    key = confirmation_link(mail.outbox[0]).split("/")[-2]

    carried = json.dumps(signing.loads(key, salt="comments.links.confirm"))  # readable by anyone holding it
    assert "203.0.113.9" not in carried and "Poster/1.0" not in carried and "akismet" not in carried


def test_a_confirmation_whose_request_data_was_lost_takes_the_confirmers(client, article, spam_filter, confirm_email):
    post(client, article, email="new@example.com", comment="A real opinion.")
    path = confirmation_link(mail.outbox[0])
    clear_cache(cache)  # a restart, or another server's local memory

    client.post(path, REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Reader/2.0")

    comment = Comment.objects.get()
    assert (comment.ip_address, comment.user_agent) == ("198.51.100.7", "Reader/2.0")


def test_a_tampered_confirmation_link_is_refused(client, article, spam_filter, confirm_email):
    post(client, article, email="new@example.com")
    path = confirmation_link(mail.outbox[0])
    key = path.split("/")[-2]
    value, timestamp, signature = key.rsplit(":", 2)
    tampered = f"{value[:-2]}{'A' if value[-2] != 'A' else 'B'}{value[-1]}:{timestamp}:{signature}"

    response = client.post(f"/comments/confirm/{tampered}/")

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_an_expired_confirmation_link_says_so(client, article, spam_filter, confirm_email, settings):
    settings.NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE = 3600
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        post(client, article, email="new@example.com")
        path = confirmation_link(mail.outbox[0])
        assert "works for 1 hour" in mail.outbox[0].body
        traveller.shift(timedelta(seconds=3601))

        shown, pressed = client.get(path), client.post(path)

    for response in (shown, pressed):
        assert response.status_code == 410
        assert "This confirmation link has expired" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_confirmation_link_expires_by_default_within_days(client, article, spam_filter, confirm_email):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        post(client, article, email="new@example.com")
        path = confirmation_link(mail.outbox[0])
        traveller.shift(timedelta(days=3))

        assert client.post(path).status_code == 410


# Item 1: the "stop these e-mails" link -----------------------------------------------------------


def test_the_mute_link_carries_only_an_id_and_stops_follow_up_mail(client, article):
    top = make_comment(article, email="ann@example.com", followup=True)
    other = make_comment(article, email="ANN@example.com", followup=True, status="pending")
    elsewhere = make_comment(make_article(slug="another"), email="ann@example.com", followup=True)
    path = notifications.mute_url(top)
    key = path.split("/")[-2]

    assert links.read_mute(key) == top.pk
    shown = client.get(path)
    assert shown.status_code == 200 and "Stop these e-mails" in shown.content.decode()
    top.refresh_from_db()
    assert top.followup is True  # opening the link changes nothing

    response = client.post(path)

    assert response.status_code == 200
    assert "No more e-mails about replies" in response.content.decode()
    for comment, followup in ((top, False), (other, False), (elsewhere, True)):
        comment.refresh_from_db()
        assert comment.followup is followup


def test_an_expired_mute_link_says_where_a_working_one_is(client, article, settings):
    settings.NEWSROOM_COMMENTS_MUTE_LINK_MAX_AGE = 3600
    top = make_comment(article, followup=True)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        path = notifications.mute_url(top)
        traveller.shift(timedelta(hours=2))

        response = client.post(path)

    assert response.status_code == 410
    assert "most recent e-mail about replies" in response.content.decode()
    top.refresh_from_db()
    assert top.followup is True


def test_a_mute_link_for_a_deleted_comment_is_a_clear_4xx(client, article):
    top = make_comment(article, followup=True)
    path = notifications.mute_url(top)
    Comment.objects.filter(pk=top.pk).delete()

    response = client.post(path)

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


# Item 6: mail bombing through confirmation -------------------------------------------------------


def test_four_posts_naming_one_address_send_one_mail(client, article, spam_filter, confirm_email):
    responses = [
        post(client, article, ip=f"198.51.100.{n}", email="victim@example.com", comment=f"Spam number {n}.")
        for n in range(1, 5)
    ]

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["victim@example.com"]
    assert responses[0].status_code == 200
    for n, response in enumerate(responses[1:], start=2):
        html = response.content.decode()
        assert response.status_code == 429
        assert "A confirmation e-mail was sent to this address a few minutes ago" in html
        assert f"Spam number {n}." in html  # the text is kept
    assert not Comment.objects.exists()


def test_the_address_limit_ignores_case_and_ends_after_the_interval(
    client, article, spam_filter, confirm_email, settings, tmp_path
):
    # Local memory reads the (travelling) clock; Redis expires keys by its own.
    use_local_memory_cache(settings, tmp_path, prefix="confirm-interval")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        post(client, article, ip="198.51.100.1", email="victim@example.com")
        assert post(client, article, ip="198.51.100.2", email="Victim@Example.com ").status_code == 429
        traveller.shift(timedelta(seconds=601))
        assert post(client, article, ip="198.51.100.3", email="victim@example.com").status_code == 200

    assert len(mail.outbox) == 2


def test_one_client_gets_a_few_confirmation_mails_an_hour(client, article, spam_filter, confirm_email, settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    responses = [post(client, article, email=f"person{n}@example.com", comment=f"Note {n}.") for n in range(6)]

    assert [r.status_code for r in responses] == [200] * 5 + [429]
    assert "Too many confirmation e-mails" in responses[-1].content.decode()
    assert len(mail.outbox) == 5


def test_the_confirmation_mail_carries_no_link_of_the_posters(client, article, spam_filter, confirm_email):
    text = (
        "Great <a href='https://spam.example/a'>read</a>! Visit https://spam.example/b, www.spam-shop.com, "
        "cheap-pills.pw/buy and mail me at me@spam-mail.example or see 192.0.2.7/x. " + "Filler words. " * 40
    )

    response = post(
        client,
        article,
        email="victim@example.com",
        name="See scam.example",
        url="https://poster.example/",
        comment=text,
    )

    assert response.status_code == 200
    (message,) = mail.outbox
    body = message.subject + message.body
    assert [m.group(0) for m in LINK.finditer(body)] == [f"https://example.com{confirmation_link(message)}"]
    for leaked in (
        "spam.example",
        "spam-shop",
        "cheap-pills",
        "spam-mail",
        "192.0.2.7",
        "poster",
        "scam",
        "<a",
    ):
        assert leaked not in body, leaked
    assert "Great [link removed] read ! Visit [link removed]" in body
    assert "Filler words. " * 20 not in body  # a short excerpt, not the whole text


def test_flood_duplicate_and_spam_checks_run_before_any_mail(client, article, spam_filter, confirm_email):
    make_comment(article, text="Already said this.", email="jo@example.com", ip_address="192.0.2.1")
    duplicate = post(client, article, ip="192.0.2.1", comment="Already said this.", email="jo@example.com")
    spam_filter.band = "spam"
    spam = post(client, article, ip="198.51.100.20", email="victim@example.com")

    assert duplicate.status_code in {400, 429}
    assert spam.status_code == 302  # stored as spam, looks held to its author; nobody is mailed
    assert mail.outbox == []


class DownBackend:
    """A mail server that refuses connections."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_when_mail_cannot_be_sent_the_reader_is_told_and_may_retry(
    client, article, spam_filter, confirm_email, settings, tmp_path
):
    use_mail_backend(settings, f"{__name__}.DownBackend")
    failed = post(client, article, email="new@example.com", comment="Kept text.")
    use_mail_backend(settings, "django.core.mail.backends.locmem.EmailBackend")
    retried = post(client, article, ip="198.51.100.30", email="new@example.com", comment="Kept text.")

    assert failed.status_code == 503 and "Kept text." in failed.content.decode()
    assert retried.status_code == 200 and len(mail.outbox) == 1


def test_mail_excerpt_removes_everything_a_mail_client_would_link():
    text = (
        "See HTTPS://A.example/x, ftp://b.example, www.c.example, d.com/e, mailto:f@g.example, h.online and i.xn--p1ai"
    )
    excerpt = text_module.mail_excerpt(text)
    assert excerpt.startswith("See [link removed]")
    for fragment in ("example", "d.com", "h.online", "xn--", "mailto"):
        assert fragment not in excerpt, fragment
    assert text_module.mail_excerpt("Hello e.g. world. Version 2.0 is out.") == "Hello e.g. world. Version 2.0 is out."
    assert len(text_module.mail_excerpt("word " * 200)) <= text_module.MAIL_EXCERPT_LENGTH


def test_the_link_settings_are_checked(settings):
    settings.NEWSROOM_COMMENTS_CONFIRM_LINK_MAX_AGE = "two days"
    settings.NEWSROOM_COMMENTS_CONFIRM_MAILS_PER_HOUR_PER_IP = -1

    with pytest.raises(Exception, match=r"comments\.E301") as raised:
        call_command("check")

    assert "comments.E304" in str(raised.value)


def test_a_press_without_a_csrf_token_shows_the_button_again(article, spam_filter, confirm_email):
    browser = Client(enforce_csrf_checks=True)
    data = form_data(article, email="new@example.com")
    # The comment script's CSRF cookie and token.
    browser.get("/comments/form-state/", {"ct": "newsroom_articles.article", "pk": article.pk})
    data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"].value
    assert browser.post("/comments/post/", data, REMOTE_ADDR="203.0.113.9").status_code == 200
    path = confirmation_link(mail.outbox[0])

    forged = Client(enforce_csrf_checks=True).post(path)

    assert forged.status_code == 403 and "please press the button again" in forged.content.decode()
    assert not Comment.objects.exists()
