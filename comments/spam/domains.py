"""The site's own domains, and the links in a text that leave the site.

Read by the links check (links to the site itself do not count) and by the
filter's memory (which remembers linked domains, not the site's own)::

    own_domains()                 # {"news.example", ...}: NEWSROOM_SPAM_OWN_DOMAINS and ALLOWED_HOSTS
    foreign_links("see https://shop.example/x")   # [("https://shop.example/x", "shop.example")]
"""

from django.conf import settings

from comments import conf
from comments.spam.normalise import domain_of, find_urls


def own_domains():
    """The site's own domains, from ``NEWSROOM_SPAM_OWN_DOMAINS`` and ``ALLOWED_HOSTS``."""
    hosts = [*conf.get("NEWSROOM_SPAM_OWN_DOMAINS"), *settings.ALLOWED_HOSTS]
    return {h.lower().lstrip(".").removeprefix("www.") for h in hosts if h and h != "*"}


def is_own(domain, *, own=None):
    own = own_domains() if own is None else own
    return any(domain == d or domain.endswith("." + d) for d in own)


def foreign_links(text, *, own=None):
    """``[(url, domain), ...]`` for the links in ``text`` that leave the site."""
    own = own_domains() if own is None else own
    links = []
    for url in find_urls(text):
        domain = domain_of(url)
        if domain and not is_own(domain, own=own):
            links.append((url, domain))
    return links
