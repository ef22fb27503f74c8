"""First comment: hold the comments of anyone a moderator has not approved before.

WordPress's "comment author must have a previously approved comment", but
the author is who the poster has shown they are (the signed-in account, or
the e-mail address the browser's trust cookie names), never a typed address
anyone could copy (:func:`comments.spam.memory.proven_identity_keys`).
Turn it off with ``NEWSROOM_SPAM_HOLD_FIRST_COMMENT = False``. Listed after
the content checks, so the moderator sees everything else that was found too.

A commenter a moderator trusts (``Submission.moderator_trusted``, a rule of
:mod:`comments.commenters` bound to the same proven identity) passes, and the
verdict says so.
"""

from comments import conf
from comments.spam import memory
from comments.spam.base import CheckResult

#: The reason a trusted commenter's verdict carries (and a second look reads back, see
#: :func:`comments.spam.pipeline.submission_for`).
TRUSTED_BY_MODERATOR = "first comment: not held, a moderator trusts this commenter"


class FirstCommentCheck:
    name = "first comment"
    uses_identity = True

    def __init__(self, *, enabled=None):
        self.enabled = enabled

    def __call__(self, submission):
        enabled = conf.get("NEWSROOM_SPAM_HOLD_FIRST_COMMENT") if self.enabled is None else self.enabled
        if not enabled:
            return None
        if submission.moderator_trusted:
            return CheckResult(0.0, TRUSTED_BY_MODERATOR)
        known = memory.lookup_submission(submission)
        wanted = memory.proven_identity_keys(submission)
        if any(known[key][1] for key in wanted if key in known):
            return None
        return CheckResult(
            conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD"), "first comment: nothing approved from this commenter yet"
        )
