"""The reader's address and scheme behind trusted reverse proxies (``BEHIND_PROXY=1``).

The login lockout, the comment flood limits and the spam checks all key on
``REMOTE_ADDR``. Behind a proxy that is the proxy's own address, so every
reader would share one lockout and one hourly comment allowance. Each proxy
appends the address it saw to ``X-Forwarded-For``, so the list is read from
the right: entries written by our own proxies (``NEWSROOM_TRUSTED_PROXIES``)
are stepped over, and the first address that is not one of them is the
reader. Anything further left is whatever the client claimed, and ignored.

The headers are believed only when the request itself comes from a trusted
proxy. A client that reaches the app directly may send any of them, so for
it they are removed before anything reads them: ``X-Forwarded-For`` (which
would pick the key the lockout and rate limits use) and ``X-Forwarded-Proto``
(which Django's ``SECURE_PROXY_SSL_HEADER`` believes from anyone, making a
plain-HTTP request look secure). This middleware must therefore run first.
gunicorn makes the same decision for ``wsgi.url_scheme`` with
``forwarded_allow_ips``, which ``gunicorn.conf.py`` sets from the same list.

``NEWSROOM_TRUSTED_PROXIES`` (default: loopback, ``127.0.0.1/32`` and
``::1/128``) lists addresses or CIDR networks. A request over a Unix socket
has no peer address (gunicorn sets an empty ``REMOTE_ADDR``); only local
processes the socket's permissions let in can send one, so it counts as a
trusted proxy, as it does for gunicorn.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TRUSTED_PROXIES_DEFAULT = ("127.0.0.1/32", "::1/128")

# What a proxy may tell us about the original request; from anyone else these are forgeries.
FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTOCOL",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def client_ip_from_proxy(get_response):
    trusted_networks()  # a wrong setting stops the site when the middleware loads, not on a request

    def middleware(request):
        resolve_client(request.META, trusted=trusted_networks())
        return get_response(request)

    return middleware


def resolve_client(meta, *, trusted):
    """Set ``REMOTE_ADDR`` to the reader's address if a trusted proxy sent the request, else drop its headers."""
    peer = meta.get("REMOTE_ADDR", "")
    if peer and not _is_trusted(parse_address(peer), trusted):
        for name in {*FORWARDING_HEADERS, _ssl_header()}:
            meta.pop(name, None)
        return
    client = forwarded_client(meta.get("HTTP_X_FORWARDED_FOR", ""), trusted=trusted)
    if client is not None:
        meta["REMOTE_ADDR"] = str(client)


def forwarded_client(header, *, trusted):
    """The first address from the right of ``X-Forwarded-For`` that is not a trusted proxy, or None.

    None (keep the socket's address) when the header is missing or an entry
    the walk reaches is not an address. When every entry is a trusted proxy
    the leftmost one is the client (a request from inside the network).
    """
    client = None
    for entry in reversed(header.split(",")):
        if not entry.strip():  # "a, , b": an empty header joined with a real one
            continue
        client = parse_address(entry)
        if client is None:
            return None
        if not _is_trusted(client, trusted):
            return client
    return client


def parse_address(text):
    """An ``ip_address`` from ``1.2.3.4``, ``1.2.3.4:5678``, ``2001:db8::1`` or ``[2001:db8::1]:443``; else None.

    An IPv4 address written as IPv6 (``::ffff:1.2.3.4``, from a dual-stack
    socket) is returned as IPv4, so it matches IPv4 networks.
    """
    text = text.strip()
    if text.startswith("["):
        host, bracket, port = text[1:].partition("]")
        if not bracket or (port and not (port.startswith(":") and port[1:].isdigit())):
            return None
    elif text.count(":") == 1:
        host, _, port = text.partition(":")
        if not port.isdigit():
            return None
    else:
        host = text
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def trusted_networks():
    """``NEWSROOM_TRUSTED_PROXIES`` as network objects (parsed once per distinct value)."""
    return _networks(tuple(getattr(settings, "NEWSROOM_TRUSTED_PROXIES", TRUSTED_PROXIES_DEFAULT)))


@lru_cache(maxsize=8)
def _networks(values):
    try:
        return tuple(ipaddress.ip_network(value) for value in values)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"NEWSROOM_TRUSTED_PROXIES is {list(values)!r}: {exc}. List your proxies' addresses or "
            f"networks, e.g. ['127.0.0.1/32', '10.0.0.0/8'] (or TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8)."
        ) from None


def _is_trusted(address, trusted):
    return address is not None and any(address in network for network in trusted)


def _ssl_header():
    """The header ``SECURE_PROXY_SSL_HEADER`` names, if a site chose another than X-Forwarded-Proto."""
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    return header[0] if header else "HTTP_X_FORWARDED_PROTO"
