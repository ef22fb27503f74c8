"""The shapes every spam check shares.

A check is a callable ``check(submission) -> CheckResult | None`` (a class
with ``__call__`` or a function), listed by dotted path in
``NEWSROOM_SPAM_CHECKS``. It never sees the comment library's temporary
objects, only the frozen :class:`Submission` built once per post::

    def check(submission):
        if "casino" in submission.text.lower():
            return CheckResult(score=0.8, reason="mentions a casino")
        return None  # nothing to say
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Submission:
    """Everything the pipeline may look at, captured once from the request."""

    text: str
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    referrer: str = ""
    permalink: str = ""
    user_id: int | None = None
    user_is_staff: bool = False
    content_type_id: int | None = None
    object_pk: str = ""
    seconds_on_form: float | None = None
    honeypot_value: str = ""
    submitted_at: datetime | None = None
    language: str = ""
    extra: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class CheckResult:
    """One check's contribution: a score (positive = spammy) and a reason a moderator can read.

    ``decisive`` ends the pipeline with this band (e.g. a trusted commenter
    publishes, a filled honeypot is spam). ``unavailable`` marks a service
    that could not answer, which holds the comment for review.
    """

    score: float
    reason: str
    check: str = ""
    decisive: str | None = None
    unavailable: bool = False
    details: dict = field(default_factory=dict, hash=False, compare=False)

    def as_dict(self):
        return {"check": self.check, "score": round(self.score, 3), "reason": self.reason}


@dataclass(frozen=True)
class Verdict:
    """The pipeline's answer: a band (publish, hold, spam, discard), the total score and every reason."""

    band: str
    score: float
    results: tuple[CheckResult, ...] = ()

    @property
    def reasons(self):
        return [r.as_dict() for r in self.results]
