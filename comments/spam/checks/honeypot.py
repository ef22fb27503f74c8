"""Honeypot: a field people never see (``NEWSROOM_SPAM_HONEYPOT_FIELD``); whatever fills it in is a bot."""

from comments.spam.base import CheckResult

SCORE = 1.0


class HoneypotCheck:
    name = "honeypot"
    uses_request = True
    replayable = False

    def __call__(self, submission):
        if submission.honeypot_value.strip():
            return CheckResult(SCORE, "honeypot: the hidden field was filled in", decisive="spam")
        return None
