"""The reader's IP address behind one trusted reverse proxy (``BEHIND_PROXY=1``).

The login lockout, the comment flood limits and the spam checks all key on
``REMOTE_ADDR``. Behind a proxy that is the proxy's own address, so every
reader would share one lockout and one hourly comment allowance. The proxy
appends the address it saw to ``X-Forwarded-For``; that last entry is the
reader. Earlier entries are whatever the client sent, so they are ignored.
"""

import ipaddress
from contextlib import suppress


def client_ip_from_proxy(get_response):
    def middleware(request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        with suppress(ValueError):  # missing or garbled: keep the socket's address
            request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(last))
        return get_response(request)

    return middleware
