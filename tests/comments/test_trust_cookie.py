from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory

from comments import trust_cookie
from comments.spam import memory
from comments.system_checks import check_reader_settings
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
NAME = "newsroom_trusted"


def granted(comment, *, secure=False):
    """The trust cookie the response for ``comment`` sets, or ``None``."""
    request = RequestFactory().get("/", secure=secure)
    response = HttpResponse()
    trust_cookie.grant(request, response, comment)
    return response.cookies.get(NAME)


def request_with(value):
    request = RequestFactory().get("/")
    request.COOKIES[NAME] = value
    return request


def test_an_approved_comment_earns_a_cookie_naming_its_address_by_hash_only():
    cookie = granted(make_comment(make_article(), email="Ann@Example.org"))

    assert "ann@example.org" not in cookie.value.lower()
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 180 * 24 * 3600
    assert trust_cookie.proof(request_with(cookie.value)) == memory.email_proof("ann@example.org")


def test_it_is_secure_on_https():
    assert granted(make_comment(make_article()), secure=True)["secure"]


@pytest.mark.parametrize("status", ["pending", "spam", "trash"])
def test_a_comment_not_published_earns_nothing(status):
    assert granted(make_comment(make_article(), status=status)) is None


def test_missing_forged_or_tampered_cookies_prove_nothing():
    value = granted(make_comment(make_article(), email="ann@example.org")).value
    assert trust_cookie.proof(RequestFactory().get("/")) == ""
    assert trust_cookie.proof(request_with("f" * 40)) == ""
    assert trust_cookie.proof(request_with(value.replace(value[0], "x" if value[0] != "x" else "y", 1))) == ""


def test_the_cookie_expires(settings):
    settings.NEWSROOM_COMMENTS_TRUST_COOKIE_AGE = 3600
    with time_machine.travel(NOW, tick=False):
        value = granted(make_comment(make_article(), email="ann@example.org")).value
    with time_machine.travel(NOW + timedelta(minutes=59), tick=False):
        assert trust_cookie.proof(request_with(value)) != ""
    with time_machine.travel(NOW + timedelta(minutes=61), tick=False):
        assert trust_cookie.proof(request_with(value)) == ""


def test_a_pending_cookie_naming_a_now_approved_comment_earns_it(django_assert_num_queries):
    article = make_article()
    held = make_comment(article, status="pending", email="held@example.org")
    approved = make_comment(article, status="approved", email="ann@example.org")
    response = HttpResponse()
    with django_assert_num_queries(1):  # the newest approved comment among the named ones
        trust_cookie.grant_for_approved(RequestFactory().get("/"), response, [held.pk, approved.pk])
    assert trust_cookie.proof(request_with(response.cookies[NAME].value)) == memory.email_proof("ann@example.org")


def test_no_pending_cookie_no_query(django_assert_num_queries):
    response = HttpResponse()
    with django_assert_num_queries(0):
        trust_cookie.grant_for_approved(RequestFactory().get("/"), response, [])
    assert NAME not in response.cookies


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("NEWSROOM_COMMENTS_TRUST_COOKIE", "bad cookie;", "comments.E011"),
        ("NEWSROOM_COMMENTS_TRUST_COOKIE_AGE", 10, "comments.E020"),
        ("NEWSROOM_COMMENTS_TRUST_COOKIE_AGE", "180 days", "comments.E020"),
    ],
)
def test_bad_settings_are_reported_with_a_hint(settings, name, value, check_id):
    setattr(settings, name, value)

    errors = check_reader_settings(None)

    assert [e.id for e in errors] == [check_id]
    assert errors[0].hint
