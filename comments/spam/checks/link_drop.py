"""Link drop: a link with hardly a word of the commenter's own around it, or generic praise that carries one.

"Nice post, very informative! Visit shop.example for the best deals" fits
under any article, which is the point of it. Readers link too, mostly to
sources inside a comment with something to say, so:

- a link to a site's front page (or a bare domain) with fewer than
  ``min_words`` (12) words of text around it: +0.25 (a source is a page of a
  site, and the links check already counts a comment that is mostly links);
- praise that fits any article ("nice post", "thanks for sharing", "very
  informative") together with a link, or in a short comment (under 30
  words) with "visit", "check out", "look up", "download": +0.3;
- an invitation to "visit my site", "check out my blog", "link in my
  profile": +0.15;
- at most +0.45 (never enough to hold a comment by itself), times the
  ``weight`` option. Links to the site itself do not count.
"""

import re
from urllib.parse import urlsplit

from comments.spam import lexicon
from comments.spam.base import CheckResult
from comments.spam.domains import foreign_links
from comments.spam.normalise import find_urls, plain_text

BARE = 0.25
PRAISE = 0.3
INVITATION = 0.15
CAP = 0.45
SHORT = 30

_PRAISE = re.compile(
    r"""\b(?:
      (?:nice|great|good|awesome|amazing|excellent|wonderful|fantastic|superb|informative|useful|helpful|lovely|cool)
        \s+(?:post|posts|article|articles|blog|blogs|read|write[\s-]?up|content|information|info|site|website|work|share)
    | (?:very|really|so|quite|extremely)\s+(?:informative|helpful|useful|nice|interesting)
        (?:\s+(?:post|article|blog|content))?
    | thanks?\s+(?:you\s+)?for\s+(?:sharing|this\s+(?:post|article|information|info)|the\s+(?:post|info|information))
    | keep\s+(?:it\s+up|sharing|posting|up\s+the\s+good\s+work)
    | (?:i\s+)?(?:really\s+)?(?:enjoyed|loved|liked)\s+(?:reading\s+)?(?:this|your)\s+(?:post|article|blog)
    | (?:valuable|useful|helpful|great)\s+(?:information|info|tips|insights?)
    | well\s+(?:written|explained)\s+(?:post|article|blog)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_VISIT = re.compile(
    r"\b(?:visit|check\s+(?:out|it\s+out)|click\s+(?:here|the\s+link|on)|go\s+to|log\s+on\s+to|look\s+up"
    r"|search\s+(?:for\s+)?|google|download|contact\s+(?:us|me)|message\s+me|dm\s+me|whatsapp)\b",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"\b(?:(?:visit|check(?:\s+out)?|see|read|try|join|follow|subscribe\s+to|on|at)\s+(?:my|our)\s+"
    r"(?:website|web\s+site|site|blog|page|shop|store|channel|profile|services?|company|app)"
    r"|link\s+(?:is\s+)?in\s+(?:my\s+)?(?:name|bio|profile))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
# Every word the phrases above can start with (lexicon.find_phrases tries them only there).
_PRAISE_FIRST = frozenset(
    """
    nice great good awesome amazing excellent wonderful fantastic superb informative useful helpful lovely cool
    very really so quite extremely thanks thank keep i enjoyed loved liked valuable well
    """.split()  # noqa: SIM905
)
_VISIT_FIRST = frozenset(
    "visit check click go log look search google download contact message dm whatsapp".split()  # noqa: SIM905
)
_INVITATION_FIRST = frozenset("visit check see read try join follow subscribe on at link".split())  # noqa: SIM905


def _first(pattern, text, first_words):
    return next(lexicon.find_phrases(pattern, text, first_words=first_words), None)


def front_page(url):
    """Whether ``url`` is a site's front page (what a shop drops), not a page of it (what a source is)."""
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return False
    return parts.path.strip("/") == "" and not parts.query


def own_words(text):
    """How many words ``text`` has once its links and bare domains are taken out."""
    plain = plain_text(text)
    for url in find_urls(text):
        plain = plain.replace(url, " ")
    return len(_WORD.findall(plain))


class LinkDropCheck:
    name = "link drop"

    def __init__(self, *, min_words=12, weight=1.0):
        self.min_words = min_words
        self.weight = weight

    def __call__(self, submission):
        links = foreign_links(submission.text)
        plain = " ".join(plain_text(submission.text).split())
        praise = _first(_PRAISE, plain, _PRAISE_FIRST)
        visit = _first(_VISIT, plain, _VISIT_FIRST)
        score, parts = 0.0, []
        words = own_words(submission.text)
        if links and words < self.min_words and all(front_page(url) for url, _ in links):
            score += BARE
            parts.append(f"a link to a front page with {words} {'word' if words == 1 else 'words'} around it")
        if praise and (links or (visit and words < SHORT)):
            score += PRAISE
            parts.append(f"generic praise ('{praise.group(0).lower()}') with {'a link' if links else 'an invitation'}")
        invitation = _first(_INVITATION, plain, _INVITATION_FIRST)
        if invitation:
            score += INVITATION
            parts.append(f"'{invitation.group(0).lower()}'")
        if not score:
            return None
        return CheckResult(round(min(CAP, score) * self.weight, 3), f"link drop: {', '.join(parts)}")
