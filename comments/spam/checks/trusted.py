"""Trusted commenter: someone with approved comments and none marked spam gets a small discount.

Trust is not a password. It lowers the score a little (``discount``, 0.2 by
default, at most 0.3) so a regular's link or two does not hold their
comment, but every content check still runs, and a finding that holds a
comment on its own (too many links, a moderation word) still holds it
(:func:`comments.spam.pipeline.total_score`).

Trust is bound to something the poster holds, never to a typed e-mail
address: the signed-in account, or the signed trust cookie given to the
browser whose comment was approved (:func:`comments.spam.memory.proven_identity_keys`).
``match_email=False`` trusts accounts only. Counts come from moderators'
decisions (:mod:`comments.spam.memory`): one indexed query, shared with the
other checks.
"""

from comments.spam import memory
from comments.spam.base import CheckResult

DISCOUNT = 0.2
MAX_DISCOUNT = 0.3


class TrustedCommenterCheck:
    name = "trusted"
    uses_identity = True

    def __init__(self, *, match_email=True, discount=DISCOUNT):
        self.match_email = match_email
        self.discount = min(MAX_DISCOUNT, max(0.0, float(discount)))

    def __call__(self, submission):
        wanted = memory.proven_identity_keys(submission, match_email=self.match_email)
        if not wanted:
            return None
        known = memory.lookup_submission(submission)
        counts = [known[key] for key in wanted if key in known]
        spam = sum(s for s, _ in counts)
        ham = sum(h for _, h in counts)
        if not ham or spam:
            return None
        noun = "comment" if ham == 1 else "comments"
        by = "this account" if wanted[0][0] == memory.USER else "this address (trust cookie)"
        return CheckResult(-self.discount, f"trusted: {ham} approved {noun} by {by}, none spam", discount=True)
