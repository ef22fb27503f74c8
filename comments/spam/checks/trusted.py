"""Trusted commenter: someone with approved comments and none marked spam is published straight away.

Matched by account, or by e-mail address for signed-out readers (as
WordPress does; an e-mail address can be typed by anyone, so the checks
before this one, honeypot and word lists, still apply). Counts come from
moderators' decisions (:mod:`comments.spam.memory`): one indexed query.
"""

from comments.spam import memory
from comments.spam.base import CheckResult


class TrustedCommenterCheck:
    name = "trusted"
    uses_identity = True

    def __init__(self, *, match_email=True):
        self.match_email = match_email

    def __call__(self, submission):
        wanted = memory.identity_keys(
            user_id=submission.user_id, email=submission.author_email if self.match_email else ""
        )
        known = memory.lookup_submission(submission)
        counts = [known[key] for key in wanted if key in known]
        spam = sum(s for s, _ in counts)
        ham = sum(h for _, h in counts)
        if ham and not spam:
            noun = "comment" if ham == 1 else "comments"
            return CheckResult(0.0, f"trusted: {ham} approved {noun}, none spam", decisive="publish")
        return None
