"""Issue 11, item 5: trust by typed e-mail.

Typing the address of someone with an approved comment published a comment
with four links at once, past the link, timing and classifier checks. Trust
is now bound to what the poster holds (the account, or the signed trust
cookie given to the browser whose comment was approved), and even then it is
a small discount: every check still runs. These tests post through the real
spam pipeline (default checks; Akismet and reCAPTCHA are off without keys).
"""

import pytest
from django.core import signing
from django.http import HttpResponse
from django.test import Client

from comments import conf, cookies
from comments.models import Comment
from comments.spam import memory
from tests.comments.reader_helpers import form_data, security_data
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"
REGULAR = "regular@example.org"
FOUR_LINKS = (
    "Worth reading on this: https://shop1.example.net/a https://shop2.example.net/b "
    "https://shop3.example.net/c and https://shop4.example.net/d for the full figures."
)
CLEAN = "The council should publish the full survey before the vote, as the article says."


@pytest.fixture(autouse=True)
def _no_flood_limit(settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def moderator():
    return make_user(groups=["Moderators"])


@pytest.fixture
def regular(article, moderator, decide):
    """Someone with one comment a moderator approved (the filter learned it)."""
    comment = make_comment(article, status="pending", email=REGULAR, name="Rita Regular")
    decide(comment, "approved", by=moderator)
    return comment


def post(client, article, *, email=REGULAR, text=CLEAN, ip="198.51.100.20"):
    data = form_data(article, name="Rita Regular", email=email, comment=text)
    return client.post(POST_URL, data, REMOTE_ADDR=ip)


def newest():
    return Comment.objects.order_by("-pk").first()


def checks_that_spoke(comment):
    return [reason["check"] for reason in comment.spam_reasons]


def trust_cookie_for(email):
    """The cookie value the site would give a browser trusted for ``email``, signed as a response signs it.

    (Django 6.1 changed how a signed cookie's name and salt make the signer's salt: signing through the
    response keeps this in step with Django.)
    """
    name = conf.get("NEWSROOM_COMMENTS_TRUST_COOKIE")
    response = HttpResponse()
    response.set_signed_cookie(name, memory.email_proof(email), salt=cookies.TRUST.salt)
    return name, response.cookies[name].value


def test_a_typed_regulars_address_with_four_links_is_not_published(client, article, regular):
    response = post(client, article, text=FOUR_LINKS)

    comment = newest()
    assert response.status_code == 302
    assert comment.status != Comment.Status.APPROVED
    assert "links" in checks_that_spoke(comment)
    assert "trusted" not in checks_that_spoke(comment)
    assert "newsroom_trusted" not in response.cookies


def test_a_typed_regulars_address_is_treated_as_a_first_comment(client, article, regular):
    post(client, article)

    comment = newest()
    assert comment.status == Comment.Status.PENDING
    assert checks_that_spoke(comment) == ["first comment"]


def test_a_forged_or_foreign_trust_cookie_is_ignored(article, regular):
    forged = Client()
    forged.cookies["newsroom_trusted"] = signing.get_cookie_signer(salt="other").sign(memory.email_proof(REGULAR))
    post(forged, article)
    assert newest().status == Comment.Status.PENDING

    someone_else = Client()
    name, value = trust_cookie_for("someone.else@example.org")
    someone_else.cookies[name] = value
    post(someone_else, article, ip="198.51.100.21")
    assert newest().status == Comment.Status.PENDING
    assert "trusted" not in checks_that_spoke(newest())


def test_the_regulars_own_browser_earns_the_cookie_once_approved_and_still_meets_every_check(
    client, article, moderator, decide
):
    # A first comment is held; the browser keeps the pending cookie.
    post(client, article)
    first = newest()
    assert first.status == Comment.Status.PENDING
    mine = client.get("/comments/mine/", {"ct": "newsroom_articles.article", "pk": article.pk})
    assert mine.cookies.get("newsroom_trusted") is None

    # A moderator approves it; the browser's next look at its pending comments brings the trust cookie.
    decide(first, "approved", by=moderator)
    mine = client.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}")
    cookie = mine.cookies["newsroom_trusted"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert REGULAR not in cookie.value

    # Four links from the trusted browser: the link check still runs and still holds it.
    post(client, article, text=FOUR_LINKS)
    held = newest()
    assert held.status == Comment.Status.PENDING
    assert {"links", "trusted"} <= set(checks_that_spoke(held))
    trusted = next(r for r in held.spam_reasons if r["check"] == "trusted")
    assert trusted["score"] < 0

    # A clean comment from it is published at once, and the cookie renewed.
    response = post(client, article, text=CLEAN + " Also, the timetable.")
    published = newest()
    assert published.status == Comment.Status.APPROVED
    assert "newsroom_trusted" in response.cookies


def test_a_trusted_browser_posting_at_bot_speed_is_still_held(client, article, regular):
    name, value = trust_cookie_for(REGULAR)
    client.cookies[name] = value
    data = {**form_data(article, name="Rita Regular", email=REGULAR, comment=CLEAN), **security_data(article, age=0)}
    client.post(POST_URL, data, REMOTE_ADDR="198.51.100.20")

    comment = newest()
    assert comment.status == Comment.Status.PENDING
    assert {"time on form", "trusted"} <= set(checks_that_spoke(comment))


def test_a_signed_in_regular_posting_a_clean_comment_is_published(client, article, moderator, decide):
    reader = make_user(is_staff=False, email="ada@example.org")
    earlier = make_comment(article, status="pending", user=reader)
    decide(earlier, "approved", by=moderator)
    client.force_login(reader)
    data = form_data(article, comment=CLEAN)
    del data["name"], data["email"]

    response = client.post(POST_URL, data, REMOTE_ADDR="198.51.100.30")

    comment = newest()
    assert response.status_code == 302
    assert comment.status == Comment.Status.APPROVED
    assert "trusted" in checks_that_spoke(comment)


def test_a_signed_in_regulars_four_links_are_held(client, article, moderator, decide):
    reader = make_user(is_staff=False, email="ada@example.org")
    earlier = make_comment(article, status="pending", user=reader)
    decide(earlier, "approved", by=moderator)
    client.force_login(reader)
    data = form_data(article, comment=FOUR_LINKS)
    del data["name"], data["email"]

    client.post(POST_URL, data, REMOTE_ADDR="198.51.100.30")

    assert newest().status == Comment.Status.PENDING
    assert {"links", "trusted"} <= set(checks_that_spoke(newest()))
