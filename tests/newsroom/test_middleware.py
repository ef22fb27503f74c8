"""``client_ip_from_proxy``: behind one proxy, the reader's address is the last X-Forwarded-For entry."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.middleware import client_ip_from_proxy
from tests.security.test_headers import load_settings


def remote_addr(forwarded=None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **headers)
    client_ip_from_proxy(lambda request: HttpResponse())(request)
    return request.META["REMOTE_ADDR"]


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the first entry is the client's claim
        ("2001:db8::1", "2001:db8::1"),
        (None, "10.0.0.2"),
        ("", "10.0.0.2"),
        ("not-an-address", "10.0.0.2"),
        ("203.0.113.7, <script>", "10.0.0.2"),
    ],
)
def test_the_last_forwarded_address_is_the_reader(forwarded, expected):
    assert remote_addr(forwarded) == expected


def test_only_behind_a_proxy():
    assert "newsroom.middleware.client_ip_from_proxy" not in load_settings()["MIDDLEWARE"]
    assert load_settings(BEHIND_PROXY="1")["MIDDLEWARE"][0] == "newsroom.middleware.client_ip_from_proxy"
