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

from django.db import models
from django.utils.translation import gettext_lazy as _

#: How much of what a comment is on :attr:`Submission.target_text` keeps: enough to tell what an article
#: is about, little enough to compare with every comment in a fraction of a millisecond.
TARGET_TEXT_LENGTH = 5000
#: How much of the comment a reply answers leads its :attr:`Submission.target_text`.
REPLIED_TO_LENGTH = 1000


def target_text(*parts):
    """The texts of what a comment is on (non-empty ones), joined and cut for :attr:`Submission.target_text`."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())[:TARGET_TEXT_LENGTH]


class Band(models.TextChoices):
    """The spam filter's verdict on a comment, and the one place that says what each verdict does.

    ``band.status`` is the moderation status a new comment gets (the values of
    ``comments.models.Comment.Status``), ``band.stored`` what the comment
    records as its band, ``band.word`` how its history line says it::

        Band("discard").status   # "spam": kept in the spam folder unless discarding is on
        Band.HOLD.word           # "held"
    """

    PUBLISH = "publish", _("Publish")
    HOLD = "hold", _("Hold for review")
    SPAM = "spam", _("Spam")
    #: Blatant spam, dropped unstored where ``NEWSROOM_SPAM_DISCARD`` is on (else kept as spam).
    DISCARD = "discard", _("Discard")

    @property
    def status(self):
        return _STATUS_FOR_BAND[self]

    @property
    def stored(self):
        return Band.SPAM if self is Band.DISCARD else self

    @property
    def word(self):
        return _WORD_FOR_BAND[self]

    @classmethod
    def stored_choices(cls):
        """The choices of a stored comment's band (a discarded comment is never stored as "discard")."""
        return [(band.value, band.label) for band in cls if band is not cls.DISCARD]


_STATUS_FOR_BAND = {Band.PUBLISH: "approved", Band.HOLD: "pending", Band.SPAM: "spam", Band.DISCARD: "spam"}
_WORD_FOR_BAND = {Band.PUBLISH: "published", Band.HOLD: "held", Band.SPAM: "spam", Band.DISCARD: "discarded"}


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
    #: The keyed hash of an e-mail address named by the browser's signed trust cookie
    #: (:mod:`comments.trust_cookie`); empty without one. A typed address proves nothing,
    #: this does: :func:`comments.spam.memory.proven_identity_keys`.
    trust_email_hash: str = ""
    #: A moderator trusts the poster (a rule of :mod:`comments.commenters`, matched by the account or by
    #: the address the trust cookie proves, never by a typed one): the first-comment check lets them through.
    moderator_trusted: bool = False
    #: What the comment is on, as plain text: the comment it replies to, then its registration's
    #: :meth:`~comments.targets.Commentable.text` (an article's headline, standfirst and body), cut at
    #: ``TARGET_TEXT_LENGTH`` characters; empty when unknown. Read by the relevance check.
    target_text: str = field(default="", repr=False)
    extra: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class CheckResult:
    """One check's contribution: a score (positive = spammy) and a reason a moderator can read.

    ``decisive`` ends the pipeline with this band (e.g. staff publish, a
    filled honeypot is spam). ``unavailable`` marks a service that could not
    answer, which holds the comment for review. ``discount`` marks a bonus for
    a good record (a trusted commenter's negative score): it offsets small
    findings but never one that holds the comment on its own (see
    :func:`comments.spam.pipeline.total_score`).
    """

    score: float
    reason: str
    check: str = ""
    decisive: str | None = None
    unavailable: bool = False
    discount: bool = False
    details: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self):
        """The reason with its effect, for people: "links: 3 (+0.5)", "honeypot: filled in (spam)"."""
        if self.decisive:
            return f"{self.reason} ({self.decisive})"
        if self.unavailable:
            return f"{self.reason} (hold)"
        return f"{self.reason} ({self.score:+.1f})" if self.score else self.reason

    def as_dict(self):
        data = {"check": self.check, "score": round(self.score, 3), "reason": self.reason, "label": self.label}
        if self.decisive:
            data["decisive"] = self.decisive
        if self.unavailable:
            data["unavailable"] = True
        if self.discount:
            data["discount"] = True
        return data

    @classmethod
    def from_dict(cls, data):
        """A stored result back (see :attr:`Verdict.reasons`)."""
        return cls(
            score=float(data.get("score") or 0.0),
            reason=str(data.get("reason", "")),
            check=str(data.get("check", "")),
            decisive=data.get("decisive"),
            unavailable=bool(data.get("unavailable", False)),
            discount=bool(data.get("discount", False)),
        )


@dataclass(frozen=True)
class Verdict:
    """The pipeline's answer: a band (publish, hold, spam, discard), the total score and every reason.

    Store ``score``, ``band`` and ``reasons`` on the comment (``spam_score``,
    ``spam_band``, ``spam_reasons``) and ``akismet_payload`` too, so a
    moderator's later "spam" / "not spam" can be reported to Akismet.
    """

    band: Band
    score: float
    results: tuple[CheckResult, ...] = ()
    akismet_payload: dict = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "band", Band(self.band))  # "hold" given, Band.HOLD kept

    @property
    def reasons(self):
        """``[{"check", "score", "reason", "label"}, ...]``; ``label`` reads "links: 3 (+0.5)"."""
        return [r.as_dict() for r in self.results]

    @property
    def summary(self):
        """Every reason in one line, for a history entry: "links: 3 (+0.5); Akismet: spam (+1.0)"."""
        return "; ".join(r.label for r in self.results if r.reason)

    @property
    def unavailable(self):
        """Whether a service could not answer (the comment is held and checked again later)."""
        return any(r.unavailable for r in self.results)
