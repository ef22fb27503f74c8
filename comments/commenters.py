"""The commenter's record: what moderators know about one commenter, and the rules they set for them.

A commenter is an account, or an e-mail address (as comments match it,
``Comment.email_key``). Moderators trust them (their first comment is not
held), always hold them, or ban them (their posts are refused with
``NEWSROOM_COMMENTS_BANNED_MESSAGE``, the text kept), by account, e-mail
address, e-mail domain or address range, until a date or until lifted; and
leave notes for each other. Every action is a line of the commenter's history
(``comments.models.CommenterEvent``)::

    from comments import commenters

    ann = commenters.Commenter.for_email("Ann@Example.net")
    rule = commenters.add_rule(ann, kind="ban", match="domain", by=request.user, reason_code="spam", note="spam run")
    commenters.trash_recent(rule, on=ann, by=request.user)   # their last 30 days, each through change_status
    commenters.lift(rule, on=ann, by=request.user)           # ends it now; the row stays for the record
    commenters.note(ann, text="Wrote to apologise.", by=request.user)
    commenters.record(ann)    # counts by status, first and last comment, rejections, rules, notes, history

Trust is bound to what the poster proves, the account or an address their
browser's trust cookie names (``comments.spam.memory.proven_identity_keys``),
never to a typed address; holds and bans match typed addresses, domains and
address ranges too, since an impersonator only shuts themselves out. Rules
past their end are ignored, and signed-in staff are never held or banned by
one. On the posting path the rules cost one indexed query::

    found = commenters.standing_for(submission)
    found.ban                         # posting refuses the post (403)
    found.trusted                     # Submission.moderator_trusted: the first-comment check lets them through
    verdict = commenters.hold(verdict, found)   # a ban or hold rule holds what the filter would publish
"""

from dataclasses import dataclass, replace
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Max, Min, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comments import conf, networks, status
from comments.models import (
    Comment,
    CommenterEvent,
    CommenterRule,
    CommentEvent,
    RejectionReason,
    email_domain,
    email_key,
)
from comments.spam import memory, pipeline
from comments.spam.base import Band, CheckResult

#: How a rule names the commenter.
ACCOUNT, EMAIL, DOMAIN, NETWORK = "account", "email", "domain", "network"
#: What each kind of rule may name: trust only what a poster proves.
MATCHES = {
    CommenterRule.Kind.TRUST: (ACCOUNT, EMAIL),
    CommenterRule.Kind.HOLD: (ACCOUNT, EMAIL, DOMAIN, NETWORK),
    CommenterRule.Kind.BAN: (ACCOUNT, EMAIL, DOMAIN, NETWORK),
}
#: The history line each kind of rule writes.
ACTIONS = {
    CommenterRule.Kind.TRUST: CommenterEvent.Action.TRUSTED,
    CommenterRule.Kind.HOLD: CommenterEvent.Action.HELD,
    CommenterRule.Kind.BAN: CommenterEvent.Action.BANNED,
}
#: The check name a rule's hold carries in the verdict (``spam_reasons``).
CHECK_NAME = "commenter rule"
#: How far back "also move their recent comments to the trash" reaches.
TRASH_DAYS = 30
#: What the record page lists.
RECENT_REJECTIONS = 10
HISTORY_LINES = 200
REMOVED = (Comment.Status.SPAM, Comment.Status.TRASH)


class RuleError(ValueError):
    """The rule cannot be made or lifted as asked; the message says why."""


@dataclass(frozen=True)
class Commenter:
    """Whose record: an account (``user``), or an e-mail address (``email``, as comments match it).

    An account's ``email`` is its own address, so the rules naming that
    address or its domain count for the account's posts too.
    """

    user: object = None
    email: str = ""

    @classmethod
    def for_account(cls, user):
        return cls(user=user, email=email_key(user.email))

    @classmethod
    def for_email(cls, email):
        return cls(email=email_key(email))

    @property
    def is_account(self):
        return self.user is not None

    @property
    def domain(self):
        return email_domain(self.email)

    def __str__(self):
        return self.user.get_username() if self.is_account else self.email

    def comments(self):
        """The comments on this record: the account's, or those written with the address."""
        if self.is_account:
            return Comment.objects.filter(user=self.user)
        return Comment.objects.by_email(self.email)

    def events(self):
        """The lines of this record's history, newest first."""
        if self.is_account:
            return CommenterEvent.objects.filter(user=self.user)
        return CommenterEvent.objects.filter(user__isnull=True, email_key=self.email)

    def rules(self, *, ip_address=None):
        """Rules, in force or not, that name this commenter (or a range holding ``ip_address``), newest first."""
        user_id = self.user.pk if self.is_account else None
        return CommenterRule.objects.matching(user_id=user_id, email=self.email, ip_address=ip_address)


def match_choices(commenter, *, kind, network=""):
    """``[(match, label)]``: what a rule of ``kind`` may name for this commenter."""
    labels = {
        ACCOUNT: _("this account (%(name)s)") % {"name": commenter},
        EMAIL: _("the e-mail address %(email)s") % {"email": commenter.email},
        DOMAIN: _("every address at %(domain)s") % {"domain": commenter.domain},
        NETWORK: _("an address range"),
    }
    available = {ACCOUNT: commenter.is_account, EMAIL: bool(commenter.email), DOMAIN: bool(commenter.domain)}
    return [(match, labels[match]) for match in MATCHES[kind] if available.get(match, True)]


# Acting on a record ------------------------------------------------------------------------


def add_rule(commenter, *, kind, match, by, network="", ends_at=None, note="", reason_code=""):
    """Make a rule of ``kind`` naming ``commenter`` by ``match`` (or the range ``network``); write the history.

    A ban may give a ``reason_code`` (a :class:`~comments.models.RejectionReason`), which its statement
    of reasons explains to the commenter with ``note`` (:func:`comments.statement.for_ban`).
    Raises :class:`RuleError` when ``kind`` may not name what ``match`` says (trust names an account or
    an address only) or the commenter has nothing to name it by, for a range that is not one, and for a
    reason code that is unknown or given with trust or a hold.
    """
    kind = CommenterRule.Kind(kind)
    if reason_code and (kind != CommenterRule.Kind.BAN or reason_code not in RejectionReason.values):
        raise RuleError(_("Only a ban gives a reason, and only one of the list."))
    if match not in dict(match_choices(commenter, kind=kind)):
        raise RuleError(_("A rule of this kind cannot name this commenter that way."))
    if ends_at is not None and ends_at <= timezone.now():
        raise RuleError(_("The end of a rule must be in the future."))
    if match == NETWORK:
        try:
            names = {"network": networks.parse_network(network)}
        except ValueError as error:
            raise RuleError(str(error)) from None
    else:
        names = {ACCOUNT: {"user": commenter.user}, EMAIL: {"email_key": commenter.email}}.get(match) or {
            "email_domain": commenter.domain
        }
    with transaction.atomic():
        rule = CommenterRule.objects.create(
            kind=kind,
            **names,
            note=note[:500],
            reason_code=reason_code,
            created_by=by,
            created_by_label=by.get_username()[:150],
            ends_at=ends_at,
        )
        _write(commenter, ACTIONS[kind], by=by, rule=rule, text=describe(rule, kind=False))
    return rule


def lift(rule, *, on, by):
    """End ``rule`` now (the row stays, for the record) and write the line on ``on``'s history.

    Raises :class:`RuleError` if it has already ended (a stale page, a second click).
    """
    with transaction.atomic():
        rule = CommenterRule.objects.select_for_update(of=("self",)).select_related("user").get(pk=rule.pk)
        now = timezone.now()
        if not rule.in_force(now):
            raise RuleError(_("That rule had already ended."))
        rule.ends_at = rule.lifted_at = now
        rule.lifted_by_label = by.get_username()[:150]
        rule.save(update_fields=["ends_at", "lifted_at", "lifted_by_label"])
        _write(on, CommenterEvent.Action.LIFTED, by=by, rule=rule, text=_("lifted: %(rule)s") % {"rule": _what(rule)})
    return rule


def note(commenter, *, text, by):
    """Leave a note on the commenter's record for the other moderators."""
    return _write(commenter, CommenterEvent.Action.NOTED, by=by, text=text.strip())


def trash_recent(rule, *, on, by, days=TRASH_DAYS):
    """Move the published and held comments ``rule`` names from the last ``days`` days to the trash; return how many.

    Each goes through :func:`comments.status.change_status` (its own history
    line, readers' pages purged) with the rule's reason code (``other`` if it
    has none) and its note as the explanation, carrying the rule: its writer
    gets no statement per comment, but one about the ban (sent by whoever
    made it, see ``comments.tasks.mail_about_ban``). One line on ``on``'s
    record says how many. Comments by staff accounts are left alone, as rules
    leave staff alone.
    """
    since = timezone.now() - timedelta(days=days)
    recent = Comment.objects.filter(
        status__in=[Comment.Status.APPROVED, Comment.Status.PENDING], submit_date__gte=since
    ).exclude(user__is_staff=True)
    if rule.user_id:
        recent = recent.filter(user_id=rule.user_id)
    elif rule.email_key:
        recent = recent.filter(email_key=rule.email_key)
    elif rule.email_domain:
        recent = recent.filter(email_key__endswith=f"@{rule.email_domain}")
    else:
        rows = recent.exclude(ip_address=None).values_list("pk", "ip_address")
        recent = recent.filter(pk__in=[pk for pk, ip in rows if networks.contains(rule.network, ip)])
    code = rule.reason_code or RejectionReason.OTHER.value
    trashed = 0
    with transaction.atomic():
        for comment in recent.order_by("pk"):
            try:
                status.change_status(
                    comment, Comment.Status.TRASH, by=by, reason=rule.note, reason_code=code, rule=rule
                )
            except status.InvalidTransition:  # decided meanwhile
                continue
            trashed += 1
        if trashed:
            text = ngettext(
                "moved %(count)d comment from the last %(days)d days to the trash",
                "moved %(count)d comments from the last %(days)d days to the trash",
                trashed,
            ) % {"count": trashed, "days": days}
            _write(on, CommenterEvent.Action.TRASHED, by=by, rule=rule, text=text)
    return trashed


def describe(rule, *, kind=True):
    """What a rule does: "banned: e-mail domain example.net until 03/01/2027 00:00, for spam (spam run)".

    ``kind=False`` leaves out "banned: " (a history line's action says it).
    """
    words = _what(rule) if kind else str(rule.names())
    if rule.ends_at is not None:
        words += " " + _("until %(date)s") % {
            "date": date_format(timezone.localtime(rule.ends_at), "SHORT_DATETIME_FORMAT")
        }
    if rule.reason_code:
        words += ", " + _("for %(reason)s") % {"reason": rule.get_reason_code_display().lower()}
    return f"{words} ({rule.note})" if rule.note else words


def _what(rule):
    return f"{rule.get_kind_display().lower()}: {rule.names()}"


def _write(commenter, action, *, by, rule=None, text=""):
    owner = {"user": commenter.user} if commenter.is_account else {"email_key": commenter.email}
    return CommenterEvent.objects.create(
        **owner, action=action, rule=rule, text=text[:1000], actor=by, actor_label=by.get_username()[:150]
    )


# The record page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """What the record page shows (:func:`record`)."""

    commenter: Commenter
    counts: dict
    first_at: object
    last_at: object
    last_name: str
    last_ip: str
    rejections: list
    rules_in_force: list
    past_rules: list
    notes: list
    history: list

    @property
    def total(self):
        return sum(self.counts.values())


def record(commenter, *, now=None):
    """The commenter's record in five queries, whatever its length.

    1. counts by status with each status's first and last date (one grouped query);
    2. the latest comment (the name and IP address last used);
    3. the last ``RECENT_REJECTIONS`` spam or trashed comments, each with who removed it and why;
    4. the rules naming the commenter, the account's address or domain, or a range holding their last address;
    5. the last ``HISTORY_LINES`` lines of their history (the notes among them).
    """
    now = now or timezone.now()
    comments = commenter.comments()
    counts = dict.fromkeys(Comment.Status.values, 0)
    firsts, lasts = [], []
    rows = (
        comments.order_by()
        .values_list("status")
        .annotate(n=Count("pk"), first=Min("submit_date"), last=Max("submit_date"))
    )
    for state, n, first, last in rows:
        counts[state] = n
        firsts.append(first)
        lasts.append(last)
    latest = comments.order_by("-submit_date", "-pk").values("user_name", "ip_address").first() or {}
    removal = CommentEvent.objects.filter(comment=OuterRef("pk"), to_status=OuterRef("status")).order_by(
        "-created_at", "-pk"
    )
    rejections = list(
        comments.filter(status__in=REMOVED)
        .annotate(
            removed_by=Subquery(removal.values("actor_label")[:1]),
            removed_because=Subquery(removal.values("reason")[:1]),
        )
        .order_by(F("status_changed_at").desc(nulls_last=True), "-pk")[:RECENT_REJECTIONS]
    )
    rules = list(commenter.rules(ip_address=latest.get("ip_address")).select_related("user"))
    history = list(commenter.events()[:HISTORY_LINES])
    return Record(
        commenter=commenter,
        counts=counts,
        first_at=min(filter(None, firsts), default=None),
        last_at=max(filter(None, lasts), default=None),
        last_name=latest.get("user_name", ""),
        last_ip=latest.get("ip_address") or "",
        rejections=rejections,
        rules_in_force=[rule for rule in rules if rule.in_force(now)],
        past_rules=[rule for rule in rules if not rule.in_force(now)],
        notes=[line for line in history if line.action == CommenterEvent.Action.NOTED],
        history=history,
    )


# On the posting path -------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What the rules in force say about one poster: the rule that bans, holds or trusts them (or ``None``)."""

    ban: CommenterRule | None = None
    hold: CommenterRule | None = None
    trust: CommenterRule | None = None

    @property
    def trusted(self):
        return self.trust is not None


def standing(*, user_id=None, email="", ip_address=None, proven_email=False, is_staff=False, now=None):
    """The :class:`Standing` of a poster, from the rules in force; one indexed query (none for staff).

    ``proven_email``: the poster proved ``email`` is theirs (the trust cookie);
    only then does a rule trusting the address trust them.
    """
    if user_id and is_staff:
        return Standing()
    found = CommenterRule.objects.in_force(now).matching(user_id=user_id, email=email, ip_address=ip_address)
    rules = list(found.select_related("user"))

    def first(kind, applies=lambda rule: True):
        return next((rule for rule in rules if rule.kind == kind and applies(rule)), None)

    def proven(rule):
        return (rule.user_id is not None and rule.user_id == user_id) or (bool(rule.email_key) and proven_email)

    return Standing(
        ban=first(CommenterRule.Kind.BAN),
        hold=first(CommenterRule.Kind.HOLD),
        trust=first(CommenterRule.Kind.TRUST, proven),
    )


def standing_for(submission):
    """The :class:`Standing` of the poster of a :class:`~comments.spam.base.Submission`."""
    proven = {kind for kind, _value in memory.proven_identity_keys(submission)}
    return standing(
        user_id=submission.user_id,
        email=submission.author_email,
        ip_address=submission.ip_address,
        proven_email=memory.EMAIL in proven,
        is_staff=submission.user_is_staff,
    )


def standing_of(comment):
    """The :class:`Standing` of a stored comment's writer now (an address is trusted only through an account)."""
    return standing(
        user_id=comment.user_id,
        email=comment.user_email,
        ip_address=comment.ip_address,
        is_staff=bool(comment.user_id and comment.user.is_staff),
    )


def banned_message():
    """What a banned poster is told (``NEWSROOM_COMMENTS_BANNED_MESSAGE``)."""
    return conf.get("NEWSROOM_COMMENTS_BANNED_MESSAGE")


def hold(verdict, found):
    """``verdict``, held if a ban or hold rule names the poster and the filter would publish or hold it.

    The rule is one more reason in the verdict ("always held: e-mail domain
    example.net, a moderator's rule (alice)"), so the history says why. Spam stays spam.
    """
    rule = found.ban or found.hold
    if rule is None or verdict.band not in {Band.PUBLISH, Band.HOLD}:
        return verdict
    reason = _("%(kind)s: %(names)s, a moderator's rule (%(by)s)") % {
        "kind": rule.get_kind_display().lower(),
        "names": rule.names(),
        "by": rule.created_by_label,
    }
    held = CheckResult(score=0.0, reason=reason, check=CHECK_NAME, decisive=Band.HOLD.value)
    return replace(verdict, band=Band.HOLD, results=(*verdict.results, held))


def recheck(comment, *, reason, save=True):
    """:func:`comments.spam.pipeline.recheck` under the writer's rules now: trusted by account, held by a rule."""
    found = standing_of(comment)
    verdict = pipeline.recheck(comment, reason=reason, save=save, moderator_trusted=found.trusted)
    return hold(verdict, found)
