"""Time on form: people take a while to write a comment; scripts post at once.

The seconds come from the form's signed timestamp. Forms older than
``NEWSROOM_COMMENTS_FORM_MAX_AGE`` are refused by the form itself, not here.
"""

from comments import conf
from comments.spam.base import CheckResult

SCORE = 0.8


class TimeOnFormCheck:
    name = "time on form"
    uses_request = True
    replayable = False

    def __init__(self, *, min_seconds=None):
        self.min_seconds = min_seconds

    def __call__(self, submission):
        seconds = submission.seconds_on_form
        if seconds is None:
            return None
        minimum = conf.get("NEWSROOM_SPAM_MIN_SECONDS_ON_FORM") if self.min_seconds is None else self.min_seconds
        if seconds < minimum:
            return CheckResult(SCORE, f"time on form: {seconds:.1f} s", details={"seconds": seconds})
        return None
