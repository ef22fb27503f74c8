"""Readers' likes and reports, counted so that one person cannot pass for many.

A reader is a :class:`Reader`: keyed hashes (``salted_hmac``) of who they are
(their account, else their long-lived cookie), of their IP address and of its
network (/24 for IPv4, /48 for IPv6). No raw address or cookie is stored. A
cookie is free to make up, so it never counts for more than the network
behind it:

- a like counts once per reader, once per address for a reader without a
  cookie, and at most ``NEWSROOM_COMMENTS_LIKES_PER_NETWORK`` times per network;
- a report is kept once per reader and per address (with its reason, for the
  moderators), but a published comment goes back to the moderation queue only
  when reports from ``NEWSROOM_COMMENTS_REPORTS_TO_HOLD`` distinct networks
  arrive within ``NEWSROOM_COMMENTS_REPORT_WINDOW`` seconds;
- reports hide a comment at most once, and never once a moderator has kept it
  despite reports (approved it, or :func:`keep` in the queue): later reports
  put it in the queue's "reported" view and leave it published.

Counts are kept on the comment with ``F()`` so concurrent clicks never lose one::

    reader = Reader.from_parts(identity="cookie:…", address="203.0.113.7", by_address_only=False)
    like(comment, reader=reader)                      # True if this like counted
    report(comment, reader=reader, reason="spam")     # True if it counted toward hiding
    keep(comment, by=moderator)                       # close the open reports
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from comments import conf, networks, status
from comments.models import Comment, CommentEvent, CommentReaction, CommentReport

READERS_LABEL = "readers"
DETAILS_MAX_LENGTH = 200


@dataclass(frozen=True)
class Reader:
    """Who likes or reports, as hashes: ``key`` (account or cookie), ``address_key``, ``network_key``.

    ``by_address_only`` is true for a signed-out reader who sent no cookie:
    for them the address is the only thing that tells one request from another.
    """

    key: str
    address_key: str
    network_key: str
    by_address_only: bool

    @classmethod
    def from_parts(cls, *, identity, address, by_address_only):
        return cls(
            key=_hashed("reader", identity),
            address_key=_hashed("address", _address(address) or "unknown"),
            network_key=_hashed("network", network_of(address) or "unknown"),
            by_address_only=by_address_only,
        )


def network_of(address):
    """The network ``address`` belongs to, "203.0.113.0/24" or "2001:db8:1::/48"; "" if it is not an address.

    A household, an office or one customer of a provider: the unit a person can
    easily change addresses within, so the unit that counts as one voice
    (:func:`comments.networks.suggested_network`).
    """
    return networks.suggested_network(address)


def _address(address):
    ip = networks.address(address)
    return str(int(ip)) + f"/v{ip.version}" if ip is not None else ""


def _hashed(kind, value):
    return salted_hmac(f"comments.reactions.{kind}", value, algorithm="sha256").hexdigest()


def _same_reader(model, comment, reader, *, by_address):
    """Whether this reader (or, with ``by_address``, their address) already has a row on ``comment``."""
    rows = model.objects.filter(comment=comment)
    if rows.filter(reader_key=reader.key).exists():
        return True
    return by_address and rows.filter(address_key=reader.address_key).exists()


def _create(model, **fields):
    """Insert the row; ``None`` if a concurrent click of the same reader won the race."""
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        return None


def _locked(comment):
    # Serialises the reactions to one comment, so "is this new?" and the
    # insert cannot interleave with another request's.
    return Comment.objects.select_for_update().get(pk=comment.pk)


# Likes ---------------------------------------------------------------------------------------


def like(comment, *, reader):
    """Count one like per reader (per address without a cookie), a few per network; True if it counted."""
    with transaction.atomic():
        comment = _locked(comment)
        if _same_reader(CommentReaction, comment, reader, by_address=reader.by_address_only):
            return False
        same_network = CommentReaction.objects.filter(comment=comment, network_key=reader.network_key).count()
        if same_network >= conf.get("NEWSROOM_COMMENTS_LIKES_PER_NETWORK"):
            return False
        fields = {"reader_key": reader.key, "address_key": reader.address_key, "network_key": reader.network_key}
        if _create(CommentReaction, comment=comment, **fields) is None:
            return False
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
    return True


def like_count(comment):
    return Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).first() or 0


# Reports -------------------------------------------------------------------------------------


class InvalidReport(ValueError):
    """The reason is missing or unknown, or "other" came without words; the message is for the reader."""


def clean_reason(reason, details=""):
    """``(reason, details)`` as stored, or :class:`InvalidReport` saying what to fix."""
    details = " ".join((details or "").split())
    if reason not in CommentReport.Reason.values:
        raise InvalidReport(_("Please choose why you are reporting this comment."))
    if reason == CommentReport.Reason.OTHER and not details:
        raise InvalidReport(_("Please say in a few words what is wrong with this comment."))
    if len(details) > DETAILS_MAX_LENGTH:
        raise InvalidReport(
            _("Please describe the problem in at most %(max)d characters.") % {"max": DETAILS_MAX_LENGTH}
        )
    return reason, details


def report(comment, *, reader, reason, details=""):
    """Keep one report per reader and address; True if it counts toward hiding (a network new in the window).

    ``reason`` and ``details`` must have passed :func:`clean_reason`. At the
    threshold a published comment goes back to the moderation queue, once.
    """
    reason, details = clean_reason(reason, details)
    with transaction.atomic():
        comment = _locked(comment)
        if _same_reader(CommentReport, comment, reader, by_address=True):
            return False
        now = timezone.now()
        in_window = CommentReport.objects.open().filter(
            comment=comment, created_at__gte=now - timedelta(seconds=conf.get("NEWSROOM_COMMENTS_REPORT_WINDOW"))
        )
        counted = not in_window.filter(network_key=reader.network_key).exists()
        fields = {"reader_key": reader.key, "address_key": reader.address_key, "network_key": reader.network_key}
        if _create(CommentReport, comment=comment, reason=reason, details=details, **fields) is None:
            return False
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        if counted and _may_hide(comment):
            reporting = in_window.values("network_key").distinct().count()
            if reporting >= conf.get("NEWSROOM_COMMENTS_REPORTS_TO_HOLD"):
                _hold(comment, networks=reporting, now=now)
    return counted


def _may_hide(comment):
    """Only a published comment reports have never hidden and no moderator has kept despite reports."""
    return (
        comment.status == Comment.Status.APPROVED
        and comment.held_by_reports_at is None
        and comment.reports_reviewed_at is None
    )


def _hold(comment, *, networks, now):
    Comment.objects.filter(pk=comment.pk).update(held_by_reports_at=now)
    comment.held_by_reports_at = now
    status.change_status(
        comment,
        Comment.Status.PENDING,
        by_label=READERS_LABEL,
        reason=f"reported from {networks} networks: {describe_reasons(open_reasons(comment))}",
    )


def open_reasons(comment):
    """``[(reason label, count)]`` of the comment's open reports, most frequent first."""
    return summarise(CommentReport.objects.open().filter(comment=comment).only("reason"))


def summarise(reports):
    """``[(reason label, count)]`` of already-fetched reports, most frequent first."""
    counts = {}
    for item in reports:
        counts[item.reason] = counts.get(item.reason, 0) + 1
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [(CommentReport.Reason(reason).label, n) for reason, n in ordered]


def describe_reasons(summary):
    """ "Spam or advertising ×2, Off-topic ×1" """
    return ", ".join(f"{label} ×{n}" for label, n in summary)


def keep(comment, *, by):
    """A moderator read the open reports and keeps the comment published: close them, for good.

    Writes a history line. Raises :class:`status.InvalidTransition` when the
    comment is not published or has no open reports (a stale page).
    """
    with transaction.atomic():
        comment = _locked(comment)
        open_count = CommentReport.objects.open().filter(comment=comment).count()
        if comment.status != Comment.Status.APPROVED or not open_count:
            raise status.InvalidTransition(_("The comment is not published with open reports."))
        now = timezone.now()
        Comment.objects.filter(pk=comment.pk).update(reports_reviewed_at=now)
        comment.reports_reviewed_at = now
        CommentEvent.objects.create(
            comment=comment,
            actor=by,
            actor_label=by.get_username()[:150],
            from_status=comment.status,
            to_status=comment.status,
            reason=f"kept despite {open_count} report(s)",
        )
    return comment
