"""Akismet, the hosted spam service, asked last; only with ``NEWSROOM_AKISMET_KEY`` (see ``akismet_client``).

- spam: +1.0 (spam band on its own);
- blatant spam ("discard"): spam, and dropped unstored where discarding is on;
- not spam: says nothing more (0), so "first comment" and other holds stand;
- down, refusing or slower than ``NEWSROOM_AKISMET_TIMEOUT`` (at most 2 s):
  "Akismet unavailable": the comment is held and checked again later by
  :func:`comments.spam.tasks.recheck_held_comment`. Never published unchecked.
"""

import logging

import akismet

from comments.spam import akismet_client
from comments.spam.base import CheckResult

logger = logging.getLogger(__name__)

SPAM = 1.0
BLATANT = 1.5
UNAVAILABLE = "Akismet unavailable"


class AkismetCheck:
    name = "akismet"
    uses_request = True

    def __call__(self, submission):
        if not akismet_client.is_configured():
            return None
        payload = submission.extra.get("akismet_payload") or akismet_client.payload_for(submission)
        sent = {"akismet_payload": payload}
        try:
            answer = akismet_client.check(payload, recheck_reason=submission.extra.get("recheck_reason", ""))
        except Exception as error:  # akismet.AkismetError for timeouts, HTTP and protocol errors; anything else too
            logger.warning("Akismet could not be asked: %s", error)
            return CheckResult(0.0, UNAVAILABLE, unavailable=True, details=sent)
        # CheckResponse.SPAM and .DISCARD are both truthy: compare, never test for truth.
        if answer == akismet.CheckResponse.DISCARD:
            return CheckResult(BLATANT, "Akismet: blatant spam", decisive="spam", details={"blatant": True, **sent})
        if answer == akismet.CheckResponse.SPAM:
            return CheckResult(SPAM, "Akismet: spam", details=sent)
        return CheckResult(0.0, "Akismet: not spam", details=sent)
