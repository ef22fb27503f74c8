"""The statement of reasons: what the writer of a removed comment is told, and why.

The EU's Digital Services Act (Article 17) asks a site that removes what
someone wrote to tell them clearly and specifically: what was removed and that
it was removed; the facts relied on; whether automated means detected it or
decided; the ground (the site's rules); and how to ask for a review. Every
removal records a reason code (:class:`~comments.models.RejectionReason`, see
:func:`comments.status.change_status`), so there is always an answer::

    event = statement.removal(comment)        # the history line that removed it, or None
    facts = statement.for_event(event)        # a Statement: for the page, the mail and the admin
    statement.page_url(event)                 # the statement page's path, a signed link (comments.links)

Who is told without asking: :func:`should_mail` says when. A person's removal
(trash, or spam decided by a moderator) of a comment readers could see or
that waited in the queue is mailed to its writer, if they gave an address,
once the decision is committed (``comments.tasks.send_statement_of_reasons``,
off with ``NEWSROOM_COMMENTS_STATEMENT_OF_REASONS``). Spam the filter catches
by itself is not: the Act leaves deceptive high-volume commercial content
out, and telling a spammer which comment the filter caught teaches them to
get round it. Nor is a move between spam and trash (the writer was already
told). A moderator can still open any removed comment's statement from its
page in the admin, to answer "why was my comment removed?" by hand.

A ban is a restriction the Act covers too. When a moderator bans a
commenter by their e-mail address or account (on the commenter's record,
``comments.admin_commenters``), the address gets one statement about the
ban (:func:`for_ban`, ``comments.tasks.send_ban_statement``): from when and
until when their comments are not published, the ban's reason code and the
moderator's explanation, how many of their recent comments went to the trash
with it, and how to ask for a review. Those comments carry the ban
(``CommentEvent.rule``) and are not mailed one by one; each keeps its own
statement page, with the ban's code. A ban of a domain or an address range
names nobody to write to, so it is not mailed::

    statement.should_mail_ban(rule)   # a ban naming an address, and statements switched on
    facts = statement.for_ban(rule)   # a BanStatement, for the mail

The page behind the link shows the writer's words escaped, is never cached
and carries ``noindex``. The link works for
``NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE`` seconds; if the decision has
been changed since, the page says so.
"""

from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from comments import commenters, conf, links, reactions, status, targets
from comments.models import Comment, CommenterRule, CommentEvent, RejectionReason
from comments.text import mail_excerpt

#: What each reason code means, for the writer (the codes' labels are for moderators).
EXPLANATIONS = {
    RejectionReason.OFFENSIVE: _("It was offensive: vulgar, obscene or crude beyond what the conversation allows."),
    RejectionReason.ABUSIVE: _(
        "It was abusive: it insulted or attacked other readers, people in the story or our journalists instead "
        "of discussing the subject."
    ),
    RejectionReason.SPAM: _(
        "It was spam: promotion, or the same text posted again and again, written to reach readers rather than "
        "to take part in the conversation."
    ),
    RejectionReason.BANNED_WORD: _("It contained a word or phrase that our rules do not allow in comments."),
    RejectionReason.AD: _("It was advertising for a product, a service or a website."),
    RejectionReason.ILLEGAL: _(
        "We believe it was against the law, for example defamatory, threatening, or an infringement of "
        "someone's rights."
    ),
    RejectionReason.HARASSMENT: _(
        "It harassed someone: it singled out a person to threaten, intimidate or humiliate them, or shared "
        "their private details."
    ),
    RejectionReason.MISINFORMATION: _(
        "It presented false or misleading claims as facts, in a way that could mislead other readers."
    ),
    RejectionReason.HATE_SPEECH: _(
        "It attacked or demeaned people for who they are, such as their ethnic origin, religion, nationality, "
        "sex, sexual orientation, gender identity or disability."
    ),
    RejectionReason.IRRELEVANT: _("It was off-topic: it had nothing to do with the article or the conversation."),
    RejectionReason.OTHER: _(
        "It broke our rules for comments in a way none of our usual reasons describes; the moderator's own "
        "words, where given, say how."
    ),
}

#: What each reason code means when a ban gives it: about the commenter's comments, not one of them.
BAN_EXPLANATIONS = {
    RejectionReason.OFFENSIVE: _(
        "Your comments were offensive: vulgar, obscene or crude beyond what a conversation allows."
    ),
    RejectionReason.ABUSIVE: _(
        "Your comments were abusive: they insulted or attacked other readers, people in the stories or our "
        "journalists instead of discussing the subject."
    ),
    RejectionReason.SPAM: _(
        "Your comments were spam: promotion, or the same text posted again and again, written to reach readers "
        "rather than to take part in the conversation."
    ),
    RejectionReason.BANNED_WORD: _("Your comments contained words or phrases that our rules do not allow in comments."),
    RejectionReason.AD: _("Your comments advertised products, services or websites."),
    RejectionReason.ILLEGAL: _(
        "We believe your comments were against the law, for example defamatory, threatening, or an infringement "
        "of someone's rights."
    ),
    RejectionReason.HARASSMENT: _(
        "Your comments harassed someone: they singled out a person to threaten, intimidate or humiliate them, or "
        "shared their private details."
    ),
    RejectionReason.MISINFORMATION: _(
        "Your comments presented false or misleading claims as facts, in a way that could mislead other readers."
    ),
    RejectionReason.HATE_SPEECH: _(
        "Your comments attacked or demeaned people for who they are, such as their ethnic origin, religion, "
        "nationality, sex, sexual orientation, gender identity or disability."
    ),
    RejectionReason.IRRELEVANT: _(
        "Your comments were off-topic: they had nothing to do with the articles they were on."
    ),
    RejectionReason.OTHER: _(
        "Your comments broke our rules for comments in a way none of our usual reasons describes; the moderator's "
        "own words, where given, say how."
    ),
}

# Who is not a person in the history: the spam filter, readers' reports, the system.
_AUTOMATIC_LABELS = {status.SPAM_FILTER_LABEL, reactions.READERS_LABEL, "system"}
EXCERPT_LENGTH = 300


@dataclass(frozen=True)
class Statement:
    """What the writer of a removed comment is told: what, why, by what means, on what ground, what next.

    ``excerpt`` is plain text (escape it in HTML); ``target_url`` a path (``""`` when the object is gone
    or no longer public). ``detected_by`` lists who noticed it, in the history's order: ``"filter"`` (the
    spam filter held or removed it), ``"readers"`` (readers reported it), ``"moderator"`` (neither: a
    moderator found it). ``in_force`` is false when the decision has been changed since;
    ``removed_with_ban``: it went to the trash when a moderator banned its writer.
    """

    comment: Comment
    event: CommentEvent
    excerpt: str
    submitted_at: datetime
    decided_at: datetime
    removed_as: str  # the status: "spam" or "trash"
    reason_code: str
    reason_label: str
    reason_explanation: str
    moderator_explanation: str
    decided_by_person: bool
    detected_by: tuple
    target_title: str
    target_url: str
    target_name: str
    guidelines_url: str
    review_email: str
    in_force: bool
    removed_with_ban: bool = False

    @property
    def detected_automatically(self):
        return "filter" in self.detected_by

    @property
    def decided_automatically(self):
        return not self.decided_by_person


def removal(comment):
    """The history line that took ``comment`` off the site (its latest move to spam or trash), or ``None``."""
    if comment.status not in status.REMOVALS:
        return None
    return _status_lines(comment).filter(to_status=comment.status).order_by("-pk").first()


def by_person(event):
    """Whether a person decided (a moderator), not the spam filter, readers' reports or the system."""
    return event.actor_id is not None or event.actor_label not in _AUTOMATIC_LABELS


def should_mail(*, comment, from_status, to_status, by_person, by_rule=False):
    """Whether a committed change calls for a statement mail: a person removed a visible or queued comment.

    Only with ``NEWSROOM_COMMENTS_STATEMENT_OF_REASONS`` on, only to a writer who gave an address, and not
    for a removal carried out with a ban (``by_rule``: the writer is told of the ban, :func:`for_ban`).
    """
    return bool(
        by_person
        and not by_rule
        and to_status in status.REMOVALS
        and from_status
        and from_status not in status.REMOVALS
        and comment.email_key
        and conf.get("NEWSROOM_COMMENTS_STATEMENT_OF_REASONS")
    )


def for_event(event):
    """The :class:`Statement` about ``event``, a removal (its ``comment`` is read from it).

    Two queries: the comment's history and what it is on (``comment`` comes with ``event`` when
    selected with it).
    """
    comment = event.comment
    history = list(_status_lines(comment).order_by("pk"))
    current = next((e for e in reversed(history) if e.to_status == comment.status), None)
    person = by_person(event)
    target = targets.visible_object(comment.content_type_id, comment.object_pk)
    context = targets.page_context(target)
    code = event.reason_code or status.REMOVALS[event.to_status].value
    return Statement(
        comment=comment,
        event=event,
        excerpt=mail_excerpt(comment.comment, length=EXCERPT_LENGTH),
        submitted_at=comment.submit_date,
        decided_at=event.created_at,
        removed_as=event.to_status,
        reason_code=code,
        reason_label=RejectionReason(code).label,
        reason_explanation=EXPLANATIONS[RejectionReason(code)],
        moderator_explanation=event.reason if person and event.reason != status.RESTORED_REASON else "",
        decided_by_person=person,
        detected_by=_detected_by(comment, [e for e in history if e.pk < event.pk], event, person=person),
        target_title=context["target_title"],
        target_url=context["target_url"],
        target_name=str(context["target_name"]),
        guidelines_url=guidelines_url(),
        review_email=review_email(),
        in_force=comment.status in status.REMOVALS and current is not None and current.pk == event.pk,
        removed_with_ban=event.rule_id is not None,
    )


def page_url(event):
    """The path of the statement page about ``event``, with a signed key (see ``comments.links``)."""
    return reverse("comments-statement", args=[links.statement_key(event)])


def guidelines_url():
    """``NEWSROOM_COMMENTS_GUIDELINES_URL``, else the comments' privacy page (``""`` if neither exists)."""
    configured = conf.get("NEWSROOM_COMMENTS_GUIDELINES_URL")
    if configured:
        return configured
    try:
        return reverse("comments-privacy")
    except NoReverseMatch:
        return ""


def review_email():
    """Where to ask for a review: ``NEWSROOM_COMMENTS_REVIEW_EMAIL``, the first moderators' address, or the sender's."""
    configured = conf.get("NEWSROOM_COMMENTS_REVIEW_EMAIL") or next(
        iter(conf.get("NEWSROOM_COMMENTS_MODERATOR_EMAILS") or []), ""
    )
    return parseaddr(configured or settings.DEFAULT_FROM_EMAIL)[1]


def _status_lines(comment):
    return comment.events.filter(action=CommentEvent.Action.STATUS)


def _detected_by(comment, earlier, event, *, person):
    found = []
    held_by_filter = any(
        e.actor_label == status.SPAM_FILTER_LABEL and e.to_status != Comment.Status.APPROVED for e in earlier
    )
    if held_by_filter or not person:
        found.append("filter")
    if comment.report_count or any(e.actor_label == reactions.READERS_LABEL for e in earlier):
        found.append("readers")
    return tuple(found) or ("moderator",)


# Bans ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BanStatement:
    """What a banned commenter is told: that their comments are not published, until when, why, what next.

    ``ends_at`` is ``None`` for a ban until lifted; ``removed`` counts the comments moved to the trash
    with the ban (from the last ``removed_days`` days). A person always decides a ban.
    """

    rule: CommenterRule
    email: str
    decided_at: datetime
    ends_at: datetime | None
    reason_code: str
    reason_label: str
    reason_explanation: str
    moderator_explanation: str
    removed: int
    removed_days: int
    guidelines_url: str
    review_email: str


def ban_address(rule):
    """Where a ban's statement goes: the banned address, or the banned account's; ``""`` for a domain or a range."""
    if rule.kind != CommenterRule.Kind.BAN:
        return ""
    if rule.user_id:
        return rule.user.email.strip()
    return rule.email_key


def should_mail_ban(rule):
    """Whether ``rule`` calls for a statement: a ban naming an address, statements being on.

    ``NEWSROOM_COMMENTS_STATEMENT_OF_REASONS`` switches them off, for bans as for removals.
    """
    return bool(ban_address(rule) and conf.get("NEWSROOM_COMMENTS_STATEMENT_OF_REASONS"))


def for_ban(rule):
    """The :class:`BanStatement` about ``rule``, a ban; one query (the comments removed with it)."""
    code = RejectionReason(rule.reason_code or RejectionReason.OTHER)
    removed = CommentEvent.objects.filter(rule=rule, action=CommentEvent.Action.STATUS).count()
    return BanStatement(
        rule=rule,
        email=ban_address(rule),
        decided_at=rule.created_at,
        ends_at=rule.ends_at,
        reason_code=code.value,
        reason_label=code.label,
        reason_explanation=BAN_EXPLANATIONS[code],
        moderator_explanation=rule.note,
        removed=removed,
        removed_days=commenters.TRASH_DAYS,
        guidelines_url=guidelines_url(),
        review_email=review_email(),
    )
