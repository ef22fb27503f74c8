"""Spam memory: an IP address, e-mail address or domain seen on comments marked spam before.

The domains are those linked from the text, given as the website, or given
as the name ("cheapdeals.com"), so a shop's domain seen in spam counts
wherever it turns up next.

One indexed query (:mod:`comments.spam.memory`). A key counts when it has
been on more spam than approved comments, so a domain everyone links to
(or a busy mobile network's address) is not condemned by one spammer.
"""

from comments.spam import memory
from comments.spam.base import CheckResult

WEIGHTS = {memory.EMAIL: 0.8, memory.DOMAIN: 0.6, memory.IP: 0.4}
CAP = 1.2
LABELS = {memory.EMAIL: "e-mail", memory.DOMAIN: "domain", memory.IP: "IP"}


class SpamMemoryCheck:
    name = "spam memory"

    def __call__(self, submission):
        found = [
            (kind, value, spam)
            for (kind, value), (spam, ham) in sorted(memory.lookup_submission(submission).items())
            if spam > ham and kind in WEIGHTS
        ]
        if not found:
            return None
        score = min(CAP, sum(WEIGHTS[kind] for kind, _, _ in found))
        parts = ", ".join(f"{LABELS[kind]} {value} ({spam} spam)" for kind, value, spam in found[:3])
        return CheckResult(score, f"spam memory: {parts}")
