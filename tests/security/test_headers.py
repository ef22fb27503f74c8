"""Security headers on every reader page, and what production settings switch on."""

import runpy
from pathlib import Path

import pytest

from tests.factories import make_article, make_author, make_category

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "newsroom" / "settings.py"
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='",
    "img-src": "'self' data:",
    "frame-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


@pytest.fixture
def reader_urls(db):
    section = make_category(name="News", slug="news")
    author = make_author(slug="ada")
    article = make_article(category=section, authors=[author], tags=["harbour"])
    return [
        "/",
        section.get_absolute_url(),
        article.get_absolute_url(),
        author.get_absolute_url(),
        "/tag/harbour/",
        "/search/?q=harbour",
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/robots.txt",
        "/comments/privacy/",
        "/no-such-section/",  # the 404 page is a reader page too
    ]


def test_every_reader_page_sends_the_security_headers(client, reader_urls):
    for url in reader_urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP, url


def test_pages_without_a_nonce_allow_no_inline_script(client, reader_urls):
    policy = parse_csp(client.get(reader_urls[2])["Content-Security-Policy"])
    assert "unsafe-inline" not in policy["script-src"]
    assert "nonce-" not in policy["script-src"]
    assert "unsafe-inline" not in policy["style-src"]


def test_https_requests_get_hsts_with_production_settings(client, settings, reader_urls):
    production = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"):
        setattr(settings, name, production[name])
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def load_settings(**environ):
    """The settings module's values as it would load with ``environ``."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DEBUG", "SECRET_KEY", "RECAPTCHA_PUBLIC_KEY", "COMMENTS_MAX_PER_HOUR_PER_IP", "BEHIND_PROXY"):
            patch.delenv(name, raising=False)
        for name, value in environ.items():
            patch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))


def test_production_settings_turn_on_https_only_cookies_and_hsts():
    production = load_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="news.example")
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP"] == 30
    assert production["AXES_FAILURE_LIMIT"] == 5


def test_local_settings_leave_cookies_usable_over_http():
    local = load_settings(DEBUG="1")
    assert "SESSION_COOKIE_SECURE" not in local
    assert "SECURE_HSTS_SECONDS" not in local
    assert local["NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP"] == 0  # one machine plays every reader
