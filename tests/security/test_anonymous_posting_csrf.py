"""A reader without JavaScript posts once from a cached page (no CSRF token on it), and nobody else can.

See ``comments/csrf.py`` for why a same-origin check is enough for anonymous
posts and why signed-in readers keep Django's full token check.
"""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_category, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


@pytest.fixture
def article():
    return make_article(slug="talks", category=make_category(slug="world"))


@pytest.fixture
def browser():
    """A client that checks CSRF as the site does, with no CSRF cookie yet (a cached page handed out none)."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},  # an older browser without Fetch metadata
    ],
    ids=["fetch-metadata-and-origin", "fetch-metadata", "origin-only"],
)
def test_an_anonymous_same_origin_post_is_stored_on_the_first_try(browser, article, spam_filter, headers, caplog):
    response = browser.post("/comments/post/", form_data(article, comment="First try, no script."), headers=headers)

    assert response.status_code == 302
    assert Comment.objects.filter(comment="First try, no script.").exists()
    # An accepted post is not logged as a refused one ("Forbidden (CSRF cookie not set.)").
    assert not [r for r in caplog.records if r.name == "django.security.csrf"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://blog.testserver"},
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null"},  # sandboxed frames and some redirects
        {"Sec-Fetch-Site": "none"},  # typed into the address bar: no form of ours
        {},  # no word from the browser at all
    ],
    ids=["cross-site", "same-site", "foreign-origin", "null-origin", "no-site", "no-headers"],
)
def test_other_anonymous_posts_without_a_token_are_refused_with_the_text_kept(browser, article, spam_filter, headers):
    response = browser.post("/comments/post/", form_data(article, comment="Forged elsewhere."), headers=headers)

    assert response.status_code == 403
    assert "submit your comment again" in response.content.decode()
    assert "Forged elsewhere." in response.content.decode()  # nothing the reader typed is lost
    assert not Comment.objects.exists()
    assert spam_filter.seen == []


def test_a_signed_in_reader_still_needs_the_token(browser, article, spam_filter):
    browser.force_login(make_user(is_staff=False, email="sam@example.com"))

    response = browser.post(
        "/comments/post/",
        form_data(article, comment="Signed in, no token."),
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_leftover_session_cookie_means_the_token_check_applies(browser, article, spam_filter):
    browser.cookies["sessionid"] = "expired-or-forged"

    response = browser.post("/comments/post/", form_data(article), headers={"Sec-Fetch-Site": "same-origin"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_with_the_token_any_reader_posts_as_before(browser, article, spam_filter):
    token = browser.get("/comments/form-state/", {"ct": "newsroom_articles.article", "pk": article.pk}).json()[
        "csrf_token"
    ]

    response = browser.post("/comments/post/", {**form_data(article), "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("action", ["like", "report"])
def test_likes_and_reports_keep_the_token_check(browser, article, action):
    from tests.factories import make_comment

    comment = make_comment(article)

    response = browser.post(f"/comments/{comment.pk}/{action}/", headers={"Sec-Fetch-Site": "same-origin"})

    assert response.status_code == 403
