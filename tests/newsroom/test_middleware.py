"""``client_ip_from_proxy``: X-Forwarded-For and X-Forwarded-Proto count only when a trusted proxy sent them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.middleware import client_ip_from_proxy
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_user
from tests.security.test_headers import load_settings

PROXY = "10.0.0.2"  # where the site's own proxy connects from, in the tests that configure one
STRANGER = "203.0.113.66"  # a client that reaches the app directly, sending whatever headers it likes


def through_middleware(*, peer, **headers):
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **headers)
    client_ip_from_proxy(lambda request: HttpResponse())(request)
    return request


def remote_addr(forwarded=None, *, peer="127.0.0.1"):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return through_middleware(peer=peer, **headers).META["REMOTE_ADDR"]


# From the default trusted proxy (loopback) -------------------------------------------------------


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the first entry is the client's claim
        ("198.51.100.1,203.0.113.7", "203.0.113.7"),  # two headers, joined by the server
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("203.0.113.7:51234", "203.0.113.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7, ", "203.0.113.7"),
        (None, "127.0.0.1"),
        ("", "127.0.0.1"),
        ("not-an-address", "127.0.0.1"),
        ("unknown", "127.0.0.1"),
        ("203.0.113.7, <script>", "127.0.0.1"),
        ("203.0.113.7:port", "127.0.0.1"),
        ("[2001:db8::1]443", "127.0.0.1"),
        ("[2001:db8::1", "127.0.0.1"),
        ("203.0.113.7:80:80", "127.0.0.1"),
    ],
)
def test_the_last_forwarded_address_is_the_reader(forwarded, expected):
    assert remote_addr(forwarded) == expected


def test_loopback_over_ipv6_is_trusted_by_default():
    assert remote_addr("203.0.113.7", peer="::1") == "203.0.113.7"


def test_a_unix_socket_peer_is_the_proxy():
    """gunicorn on a Unix socket sets an empty REMOTE_ADDR; only local processes can connect to it."""
    assert remote_addr("203.0.113.7", peer="") == "203.0.113.7"


# A client that is not a trusted proxy ------------------------------------------------------------


@pytest.mark.parametrize("forwarded", ["198.51.100.1", "198.51.100.1, 127.0.0.1", "[2001:db8::1]:443"])
def test_a_direct_client_cannot_choose_its_address(forwarded):
    request = through_middleware(peer=STRANGER, HTTP_X_FORWARDED_FOR=forwarded)
    assert request.META["REMOTE_ADDR"] == STRANGER
    assert "HTTP_X_FORWARDED_FOR" not in request.META  # nothing later reads the forgery


def test_a_direct_client_cannot_pass_for_https(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    forged = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_HOST": "evil.example", "HTTP_FORWARDED": "for=1"}

    request = through_middleware(peer=STRANGER, **forged)

    assert not request.is_secure()
    assert not {"HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_FORWARDED"} & set(request.META)
    assert through_middleware(peer="127.0.0.1", **forged).is_secure()  # the proxy's word still counts


def test_an_ipv4_peer_on_a_dual_stack_socket_is_matched_as_ipv4():
    assert remote_addr("203.0.113.7", peer="::ffff:127.0.0.1") == "203.0.113.7"
    assert remote_addr("203.0.113.7", peer="::ffff:198.51.100.1") == "::ffff:198.51.100.1"


# Configured proxies --------------------------------------------------------------------------------


@pytest.fixture
def proxies(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8:ffff::/48"]


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),  # the edge proxy, then the inner one
        ("198.51.100.1, 203.0.113.7, [2001:db8:ffff::3]:80, 10.1.2.3:8080", "203.0.113.7"),
        ("10.9.9.9, 10.0.0.9", "10.9.9.9"),  # every hop ours: a reader inside the network
        ("garbage, 10.0.0.9", PROXY),  # our proxy never writes that: believe the socket
        ("203.0.113.7, garbage, 10.0.0.9", PROXY),
    ],
)
def test_the_walk_from_the_right_skips_our_own_proxies(proxies, forwarded, expected):
    assert remote_addr(forwarded, peer=PROXY) == expected


def test_loopback_is_not_trusted_once_other_proxies_are_configured(proxies):
    assert remote_addr("203.0.113.7", peer="127.0.0.1") == "127.0.0.1"


def test_a_wrong_proxy_list_stops_the_site(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.1/8"]
    with pytest.raises(ImproperlyConfigured, match="NEWSROOM_TRUSTED_PROXIES"):
        client_ip_from_proxy(lambda request: HttpResponse())


# End to end: the keys the lockout and the flood limit use ----------------------------------------


@pytest.fixture
def behind_proxy(settings):
    settings.MIDDLEWARE = ["newsroom.middleware.client_ip_from_proxy", *settings.MIDDLEWARE]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_a_spoofed_address_does_not_escape_the_login_lockout(client, settings, behind_proxy):
    settings.AXES_ENABLED = True
    make_user(username="eddie", password="the right one, long enough", groups=["Editors"])

    def attempt(n, password="wrong"):
        data = {"username": "eddie", "password": password}
        return client.post("/admin/login/", data, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    for n in range(5):
        attempt(n)
    assert attempt(99, password="the right one, long enough").status_code == 429


@pytest.mark.django_db
def test_a_spoofed_address_does_not_escape_the_flood_limit(client, monkeypatch, behind_proxy):
    install_fake_spam_filter(monkeypatch)
    article = make_article()

    def post(n):
        data = form_data(article, email=f"r{n}@example.com", comment=f"Thought number {n}.")
        return client.post("/comments/post/", data, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert post(1).status_code == 302
    assert post(2).status_code == 429


@pytest.mark.django_db
def test_a_direct_client_gets_no_https_page_over_http(client, settings, behind_proxy):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/", REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in response


# Settings ------------------------------------------------------------------------------------------


def test_only_behind_a_proxy():
    assert "newsroom.middleware.client_ip_from_proxy" not in load_settings()["MIDDLEWARE"]
    behind = load_settings(BEHIND_PROXY="1")
    assert behind["MIDDLEWARE"][0] == "newsroom.middleware.client_ip_from_proxy"  # before SecurityMiddleware
    assert behind["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_trusted_proxies_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert load_settings()["NEWSROOM_TRUSTED_PROXIES"] == ["127.0.0.1/32", "::1/128"]
    configured = load_settings(BEHIND_PROXY="1", TRUSTED_PROXIES="10.0.0.0/8, 192.168.1.7 ,2001:db8::/32")
    assert configured["NEWSROOM_TRUSTED_PROXIES"] == ["10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32"]


@pytest.mark.parametrize("value", ["10.0.0.1/8", "proxy.internal", "10.0.0.0/33", "*"])
def test_a_wrong_trusted_proxies_value_names_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        load_settings(BEHIND_PROXY="1", TRUSTED_PROXIES=value)
