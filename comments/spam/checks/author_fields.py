"""Name and website: a name that is a string of keywords, a website on a domain made of them.

"Best SEO Services", "Cheap Flights Booking" and "Delta Reservations
Number" are not what people are called, and ``cheap-flight-deals.example``
is not a personal site. The words come from :mod:`comments.spam.lexicon`:
a weak word (``best``, ``online``, ``services``) counts one, a strong one
(``seo``, ``casino``, ``loans``) two.

- The name: two points (two weak words, one strong) +0.3, four or more
  +0.4. A domain, a link or a phone number in the name counts two points.
- The website: two points in its domain name and path (words run
  together count: ``bestseoservices``) +0.2, four or more +0.3; a
  top-level domain mostly bought for throwaway sites (``.xyz``, ``.top``,
  ``.loan``, …) +0.1.
- At most +0.45 (never enough to hold a comment by itself), times the
  ``weight`` option.

A comment by a signed-in reader carries the name of their account, which
this check reads all the same: a keyword account is no better.
"""

import re
from urllib.parse import urlsplit

from comments.spam import lexicon
from comments.spam.base import CheckResult
from comments.spam.checks.phones import phone_numbers
from comments.spam.normalise import BARE_DOMAIN, URL, domain_of

NAME = 0.3
NAME_MANY = 0.4
SITE = 0.2
SITE_MANY = 0.3
THROWAWAY_TLD = 0.1
CAP = 0.45

THROWAWAY_TLDS = frozenset(
    "xyz top loan loans bid win click link icu buzz monster cyou rest cfd sbs club shop online site".split()  # noqa: SIM905
)


def _points(words):
    return sum(2 if lexicon.is_strong(word) else 1 for word in words)


def name_points(name):
    """``(points, words)`` for the commercial words in a commenter's name (see the module docstring)."""
    words = lexicon.commercial_words(name)
    points = _points(words)
    if URL.search(name) or BARE_DOMAIN.search(name):
        points += 2
        words.append("a web address")
    if phone_numbers(name):
        points += 2
        words.append("a phone number")
    return points, words


def website_points(url):
    """``(points, words, throwaway_tld)`` for a commenter's website address."""
    domain = domain_of(url)
    if not domain:
        return 0, [], False
    labels = domain.split(".")
    try:
        path = urlsplit(url.strip() if "://" in url else "http://" + url.strip()).path
    except ValueError:
        path = ""
    words = lexicon.commercial_words(" ".join([*re.split(r"[-_]", ".".join(labels[:-1])), path]), inside=True)
    return _points(words), words, labels[-1] in THROWAWAY_TLDS


class AuthorFieldsCheck:
    name = "name and website"

    def __init__(self, *, weight=1.0):
        self.weight = weight

    def __call__(self, submission):
        score, parts = 0.0, []
        points, words = name_points(submission.author_name or "")
        if points >= 2:
            score += NAME_MANY if points >= 4 else NAME
            parts.append(f"name '{submission.author_name.strip()[:60]}' ({', '.join(words)})")
        points, words, throwaway = website_points(submission.author_url or "")
        if points >= 2:
            score += SITE_MANY if points >= 4 else SITE
            parts.append(f"website {domain_of(submission.author_url)} ({', '.join(words)})")
        if throwaway:
            score += THROWAWAY_TLD
            if points < 2:
                parts.append(f"website {domain_of(submission.author_url)}")
        if not score:
            return None
        return CheckResult(round(min(CAP, score) * self.weight, 3), f"name and website: {'; '.join(parts)}")
