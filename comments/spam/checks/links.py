"""Links: how many, how much of the comment they are, and whether they hide where they go.

- ``NEWSROOM_COMMENTS_MAX_LINKS`` links or more hold the comment (+0.5);
  fewer add a little each (+0.1), since readers do cite sources.
- A comment that is mostly links (more than half its characters) adds +0.3.
- Each link shortener (``NEWSROOM_SPAM_LINK_SHORTENERS``) adds +0.4, at most +0.8.

Links to the site itself (``NEWSROOM_SPAM_OWN_DOMAINS`` and ``ALLOWED_HOSTS``)
do not count.
"""

from comments import conf
from comments.spam.base import CheckResult
from comments.spam.domains import foreign_links
from comments.spam.normalise import plain_text

PER_LINK = 0.1
TOO_MANY = 0.5
MOSTLY_LINKS = 0.3
SHORTENER = 0.4
SHORTENERS_CAP = 0.8


class LinksCheck:
    name = "links"

    def __init__(self, *, max_links=None, shorteners=None):
        self.max_links = max_links
        self.shorteners = shorteners

    def __call__(self, submission):
        links = foreign_links(submission.text)
        if not links:
            return None
        max_links = conf.get("NEWSROOM_COMMENTS_MAX_LINKS") if self.max_links is None else self.max_links
        shorteners = set(conf.get("NEWSROOM_SPAM_LINK_SHORTENERS") if self.shorteners is None else self.shorteners)
        count = len(links)
        score = TOO_MANY if max_links and count >= max_links else PER_LINK * count
        parts = [f"links: {count}"]
        plain = " ".join(plain_text(submission.text).split())
        link_chars = sum(len(url) for url, _ in links)
        if plain and link_chars / len(plain) > 0.5:
            score += MOSTLY_LINKS
            parts.append("mostly links")
        short = sorted({domain for _, domain in links if domain in shorteners})
        if short:
            score += min(SHORTENERS_CAP, SHORTENER * len(short))
            parts.append(f"shortened ({', '.join(short)})")
        return CheckResult(score, ", ".join(parts), details={"count": count})
