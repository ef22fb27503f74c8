"""The site's public address, for links that leave the request: feeds, sitemaps, robots.txt, mail.

A feed reader, a search engine or an e-mail must be sent to where readers
reach the site, not to whichever host name a request happened to come in
by (a health check, a proxy's internal name, ``localhost`` on the server)::

    public_origin()               # "https://news.example"
    public_url("/news/a-story/")  # "https://news.example/news/a-story/"

It is ``NEWSROOM_PUBLIC_URL`` where set (``"https://news.example"``), else
the current ``Site``'s domain (editors set it in the admin; ``make run``
sets it to the address it serves) with ``https``, or ``http`` when the
domain is a loopback address (``127.0.0.1:8000``, ``localhost``), where a
development server speaks plain HTTP. One query at most, cached by the
sites framework.
"""

import ipaddress
from urllib.parse import urlsplit

from django.contrib.sites.models import Site

from articles import conf


def public_origin():
    """``scheme://host[:port]`` of the site as readers reach it, without a trailing slash."""
    configured = conf.get("NEWSROOM_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    domain = Site.objects.get_current().domain
    return f"{'http' if is_loopback(domain) else 'https'}://{domain}"


def public_url(path):
    """``path`` (``"/news/a-story/"``) on the public origin."""
    return public_origin() + path


def public_parts():
    """``(scheme, host)`` of the public origin: ``("https", "news.example")``."""
    parts = urlsplit(public_origin())
    return parts.scheme, parts.netloc


def is_loopback(domain):
    host = urlsplit(f"//{domain}").hostname or ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
