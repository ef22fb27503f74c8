"""The site's comment model: django-comments-xtd's threads plus a moderation status.

``status`` is the single source of truth; ``is_public`` and ``is_removed``
(which django-contrib-comments and xtd filter on) are derived from it on save.
Every change of status is written to :class:`CommentEvent`, so moderators can
see who or what decided, when, and why.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from comments import networks
from comments.spam.base import Band
from comments.spam.normalise import text_hash


def email_key(email):
    """The form of an e-mail address comments are matched by: trimmed and lower-cased ("" for none).

    Stored on each comment (``Comment.email_key``, indexed), so "the same
    commenter" is an indexed equality on our own table rather than a
    case-insensitive scan of django-contrib-comments' ``user_email``.
    """
    return (email or "").strip().lower()


class CommentQuerySet(models.QuerySet):
    def by_email(self, email):
        """Comments written with this e-mail address, whatever its case; none for an empty address."""
        key = email_key(email)
        return self.filter(email_key=key) if key else self.none()

    def approved(self):
        """The only comments readers ever see."""
        return self.filter(status=Comment.Status.APPROVED)

    def on(self, target, *pks):
        """Comments on ``target``, an object, or on the objects of the model ``target`` with these keys::

            Comment.objects.on(article)                 # one article's
            Comment.objects.on(Article, *article_pks)   # a listing's

        The seam between comments and what they are on (see :mod:`comments.targets`). The content type
        comes from ContentType's own per-process cache, so the query needs no join to it (and a page pays
        one lookup per process).
        """
        if not isinstance(target, type):
            target, pks = type(target), (target.pk, *pks)
        content_type = ContentType.objects.get_for_model(target)
        return self.filter(content_type=content_type, object_pk__in=[str(pk) for pk in pks])

    def top_level(self):
        """Comments that start a conversation (xtd's level 0), not replies."""
        return self.filter(level=0)

    def for_thread(self, target):
        """The approved comments on ``target`` in the order a thread shows them, oldest first."""
        return self.approved().on(target).order_by("submit_date", "pk")

    def featured(self):
        """Comments a moderator picked ("Editors' picks"); readers see those that are also approved."""
        return self.filter(featured_at__isnull=False)

    def for_feed(self, *, max_depth):
        """The newest comments readers see in their threads, for a feed: approved, and every comment above
        them approved too (a thread hides a reply under a comment it does not show, see :mod:`comments.threads`).

        ``max_depth`` is the deepest level a thread shows (:func:`comments.conf.max_depth`); one query,
        whatever the depth, with an ``EXISTS`` per level. Newest stored first, the order of the
        ``(status, -id)`` index, so a large archive is not sorted to find the last few.
        """
        return self.approved().filter(_ancestors_approved(max_depth)).order_by("-pk")

    def with_reply_count(self, *, max_depth):
        """Each comment with ``reply_count``: the replies under it that a thread shows, direct and nested.

        A reply counts when it is approved and so is every comment between it and this one (a thread
        hides a reply under a comment it does not show, see :meth:`for_feed`); held, spam and trashed
        replies never count, unlike django-comments-xtd's ``nested_count``. ``max_depth`` is the deepest
        level a thread shows (:func:`comments.conf.max_depth`). One correlated subquery in the same
        query, within each comment's own thread (xtd's indexed ``thread_id``), for the "most replies"
        order of :mod:`comments.threads`.
        """
        if max_depth < 2:  # flat comments: there are no replies to count
            return self.annotate(reply_count=Value(0))
        replies = (
            Comment.objects.approved()
            .filter(_reply_under(OuterRef("pk"), max_depth - 1), thread_id=OuterRef("thread_id"))
            .exclude(pk=OuterRef("pk"))  # a thread's first comment is its own parent in xtd
            .order_by()
            .values("thread_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(reply_count=Coalesce(Subquery(replies), 0))

    def reported(self):
        """Published or queued comments with reports no moderator has dealt with yet, with ``open_report_count``.

        The "reported" view of the moderation queue: a comment a moderator kept
        despite reports comes back here (and only here) when readers report it again.
        """
        open_reports = (
            CommentReport.objects.open()
            .filter(comment=OuterRef("pk"))
            .order_by()
            .values("comment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.filter(status__in=[Comment.Status.APPROVED, Comment.Status.PENDING], report_count__gt=0)
            .annotate(open_report_count=Subquery(open_reports))
            .filter(open_report_count__gt=0)
        )


def _ancestors_approved(levels):
    """A condition on comments: it starts a thread, or its parent is approved and meets this one level less."""
    condition = Q(level=0)
    for _level in range(levels - 1):
        parent = Comment.objects.approved().filter(condition, pk=OuterRef("parent_id"))
        condition = Q(level=0) | Exists(parent)
    return condition


def _reply_under(comment, levels):
    """A condition on comments: a reply to ``comment`` (a reference to its key), or to an approved one, ``levels`` deep.

    Built like :func:`_ancestors_approved`, one ``EXISTS`` per level; each level's subquery reaches
    ``comment`` one ``OuterRef`` further out.
    """
    condition = Q(parent_id=comment)
    if levels > 1:
        deeper = _reply_under(OuterRef(comment), levels - 1)
        condition |= Exists(Comment.objects.approved().filter(deeper, pk=OuterRef("parent_id")))
    return condition


# Stored fields computed from another field on every write.
DERIVED = {"comment": "text_hash", "user_email": "email_key"}


class Comment(XtdComment):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    xtdcomment_ptr = models.OneToOneField(
        XtdComment, on_delete=models.CASCADE, parent_link=True, primary_key=True, related_name="moderated"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    previous_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Request data the spam checks and Akismet need; trimmed by the privacy task.
    user_agent = models.CharField(max_length=500, blank=True)
    referrer = models.CharField(max_length=500, blank=True)
    personal_data_trimmed_at = models.DateTimeField(null=True, blank=True)
    # The spam pipeline's verdict, kept so moderators can read why.
    spam_score = models.FloatField(null=True, blank=True)
    spam_band = models.CharField(max_length=10, choices=Band.stored_choices(), blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)
    akismet_payload = models.JSONField(
        default=dict, blank=True, help_text=_("What was sent to Akismet, replayed for submit-spam / submit-ham.")
    )
    # The normalised text's fingerprint: the spam filter finds the same comment posted on other articles.
    text_hash = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    # The commenter's address as comments are matched by it (see email_key()); "" once erased.
    email_key = models.CharField(max_length=254, blank=True, db_index=True, editable=False)
    # The reader prompt shown when the comment was written (for prompt statistics).
    reader_prompt = models.CharField(max_length=300, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    # Set while a moderator features the comment (comments.featured); kept
    # when it is unpublished, so restoring it restores the pick too.
    featured_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When its writer last changed the text in the edit window (comments.editing); readers see "edited".
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Readers' reports hide a published comment at most once (and mail the
    # moderators at most once); after a moderator has kept a reported comment,
    # later reports only put it in the "reported" view of the queue.
    held_by_reports_at = models.DateTimeField(null=True, blank=True, editable=False)
    reports_reviewed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a moderator last kept it despite readers' reports; earlier reports are closed."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["status", "-status_changed_at"], name="comment_status_changed_idx"),
            models.Index(fields=["-xtdcomment_ptr"], name="comment_newest_idx"),
            models.Index(fields=["status", "-xtdcomment_ptr"], name="comment_status_newest_idx"),
            # The few comments readers have reported: the moderators' "reported" view and its count.
            models.Index(fields=["status"], condition=Q(report_count__gt=0), name="comment_reported_idx"),
        ]
        permissions = [("moderate_comment", "Can moderate comments")]

    @classmethod
    def visibility(cls, status):
        """The flags django-contrib-comments and xtd filter on (``is_public``, ``is_removed``), from ``status``."""
        return {
            "is_public": status == cls.Status.APPROVED,
            "is_removed": status in {cls.Status.SPAM, cls.Status.TRASH},
        }

    @staticmethod
    def derived(changes):
        """``changes`` plus the stored fields that follow from them (``text_hash``, ``email_key``).

        For writes that bypass :meth:`save` (``QuerySet.update()``).
        """
        derived = dict(changes)
        if "comment" in changes:
            derived["text_hash"] = text_hash(changes["comment"])
        if "user_email" in changes:
            derived["email_key"] = email_key(changes["user_email"])
        return derived

    def save(self, *args, **kwargs):
        for name, value in self.visibility(self.status).items():
            setattr(self, name, value)
        self.text_hash = text_hash(self.comment)
        self.email_key = email_key(self.user_email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *(DERIVED[n] for n in update_fields if n in DERIVED)}
        super().save(*args, **kwargs)


class RejectionReason(models.TextChoices):
    """Why a moderator (or the filter) removed a comment: Coral's list, so a site can answer "why was mine removed?"."""

    OFFENSIVE = "offensive", _("Offensive")
    ABUSIVE = "abusive", _("Abusive")
    SPAM = "spam", _("Spam")
    BANNED_WORD = "banned_word", _("Banned word")
    AD = "ad", _("Advertising")
    ILLEGAL = "illegal", _("Illegal content")
    HARASSMENT = "harassment", _("Harassment")
    MISINFORMATION = "misinformation", _("Misinformation")
    HATE_SPEECH = "hate_speech", _("Hate speech")
    IRRELEVANT = "irrelevant", _("Irrelevant")
    OTHER = "other", _("Other")


class CommentEvent(models.Model):
    """One line of a comment's history: "held: 3 links", "approved by alice", "featured by bob".

    A line is a change of status, or (``action``) a change that leaves the
    status as it was, such as featuring.
    """

    class Action(models.TextChoices):
        STATUS = "", _("Status change")
        FEATURED = "featured", _("Featured")
        UNFEATURED = "unfeatured", _("Unfeatured")
        EDITED = "edited", _("Edited by its writer")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    actor_label = models.CharField(max_length=150, help_text=_('Who or what acted: "alice", "spam filter".'))
    from_status = models.CharField(max_length=10, choices=Comment.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    reason = models.CharField(max_length=500, blank=True)
    # For a removal (to spam or trash): the code of the rule it broke, for the writer's statement of reasons.
    reason_code = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, blank=True, default=Action.STATUS)
    # A removal carried out with a ban (``comments.commenters.trash_recent``): its writer is told once, of the
    # ban, never of each comment (``comments.statement.should_mail``).
    rule = models.ForeignKey(
        "CommenterRule", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # The text before an edit by its writer (``Action.EDITED``): nothing a reader wrote is lost.
    previous_text = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        if self.action:
            return f"{self.action} by {self.actor_label}"
        return f"{self.from_status or '∅'} → {self.to_status} by {self.actor_label}"


class CommentReaction(models.Model):
    """A reader's "like"; one per reader (account, cookie, or address without a cookie) and comment.

    The keys are keyed hashes (``salted_hmac``), never a raw cookie or address:
    ``address_key`` names the client's IP address, ``network_key`` its network
    (/24, or /48 for IPv6), so likes from one network can be capped.
    """

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    reader_key = models.CharField(max_length=64, help_text=_("A hash identifying the reader; no raw IP."))
    address_key = models.CharField(max_length=64, blank=True, help_text=_("A hash of the address; no raw IP."))
    network_key = models.CharField(max_length=64, blank=True, help_text=_("A hash of the network; no raw IP."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reader_key"], name="reaction_once_per_reader")]
        indexes = [models.Index(fields=["comment", "network_key"], name="reaction_network_idx")]

    def __str__(self):
        return f"like on comment {self.comment_id}"


class CommentReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has dealt with: made after the comment was last kept despite reports."""
        return self.filter(
            Q(comment__reports_reviewed_at__isnull=True) | Q(created_at__gt=F("comment__reports_reviewed_at"))
        )


class CommentReport(models.Model):
    """A reader's report, with a reason; reports from enough networks send a comment back to the queue.

    Every report a reader makes is kept for the moderators, but only reports
    from distinct networks within ``NEWSROOM_COMMENTS_REPORT_WINDOW`` count
    toward hiding (see :mod:`comments.reactions`). The keys are hashes, as on
    :class:`CommentReaction`.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abuse or harassment")
        OFF_TOPIC = "off_topic", _("Off-topic")
        MISINFORMATION = "misinformation", _("Misinformation")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader_key = models.CharField(max_length=64)
    address_key = models.CharField(max_length=64, blank=True)
    network_key = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.OTHER)
    details = models.CharField(max_length=200, blank=True, help_text=_("The reader's own words (required for other)."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reader_key"], name="report_once_per_reader")]
        indexes = [models.Index(fields=["comment", "created_at"], name="report_comment_created_idx")]

    def __str__(self):
        return f"report on comment {self.comment_id}"


class AnnouncementQuerySet(models.QuerySet):
    def current(self):
        """Shown now: started and not yet ended, the earliest start first.

        ``Now()`` lets the database compare, as ``Article.objects.published()`` does: the query holds no
        time of its own, so its SQL can be compiled once (``comments.announcements``).
        """
        return self.filter(starts_at__lte=Now(), ends_at__gt=Now()).order_by("starts_at", "pk")


class Announcement(models.Model):
    """A notice above every comment thread for a set time: "Comments are moderated slowly this weekend."

    Shown from ``starts_at`` until ``ends_at`` (see :mod:`comments.announcements`,
    which also keeps the page cache from showing one outside its window).
    """

    text = models.CharField(
        _("text"), max_length=300, help_text=_("Plain text, shown above every comment thread while it runs.")
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment announcement")
        verbose_name_plural = _("comment announcements")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="announcement_ends_after_it_starts")
        ]

    def __str__(self):
        return Truncator(self.text).chars(60)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An announcement must end after it starts.")})


class CommenterRuleQuerySet(models.QuerySet):
    def in_force(self, now=None):
        """Rules that apply at ``now`` (default: now): not past their end, not lifted."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))

    def matching(self, *, user_id=None, email="", ip_address=None):
        """Rules naming this account, this e-mail address, its domain, or a range holding this IP address.

        One query, each branch an indexed equality (a range through the
        networks enclosing the address, :func:`comments.networks.supernets`);
        none at all when there is nothing to match by.
        """
        key = email_key(email)
        condition = Q(pk__in=[])
        if user_id:
            condition |= Q(user_id=user_id)
        if key:
            condition |= Q(email_key=key)
            if email_domain(key):
                condition |= Q(email_domain=email_domain(key))
        ranges = networks.supernets(ip_address)
        if ranges:
            condition |= Q(network__in=ranges)
        return self.filter(condition)


def email_domain(email):
    """The domain of an e-mail address as rules match it ("example.net"), "" for none."""
    key = email_key(email)
    return key.rpartition("@")[2] if "@" in key else ""


class CommenterRule(models.Model):
    """A moderator's standing decision about a commenter: trust them, always hold, or ban.

    It names exactly one of: an account, an e-mail address (as comments match
    it, :func:`email_key`), every address at a domain, or a range of IP
    addresses (CIDR, :mod:`comments.networks`). Trust is bound to what a
    poster proves (the account, or an address their browser's trust cookie
    names; :func:`comments.spam.memory.proven_identity_keys`), so it names an
    account or an address only; a hold or a ban may name anything a poster
    types, since an impersonator only shuts themselves out. A rule is in force
    until ``ends_at`` (none: until lifted); lifting ends it now and keeps the
    row for the commenter's record. Made and lifted through
    :mod:`comments.commenters`, which writes the history.
    """

    class Kind(models.TextChoices):
        TRUST = "trust", _("Trusted")
        HOLD = "hold", _("Always held")
        BAN = "ban", _("Banned")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email_key = models.CharField(max_length=254, blank=True, db_index=True)
    email_domain = models.CharField(max_length=253, blank=True, db_index=True)
    network = models.CharField(
        max_length=43, blank=True, db_index=True, help_text=_("A range in CIDR form, e.g. 203.0.113.0/24.")
    )
    note = models.CharField(max_length=500, blank=True, help_text=_("Why, for the other moderators."))
    # A ban's reason, which its statement of reasons explains to the commenter (``comments.statement.for_ban``).
    reason_code = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_label = models.CharField(max_length=150)
    ends_at = models.DateTimeField(null=True, blank=True, help_text=_("Empty: until lifted."))
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by_label = models.CharField(max_length=150, blank=True)

    objects = CommenterRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("commenter rule")
        verbose_name_plural = _("commenter rules")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, email_key="", email_domain="", network="")
                    | Q(user__isnull=True, email_domain="", network="") & ~Q(email_key="")
                    | Q(user__isnull=True, email_key="", network="") & ~Q(email_domain="")
                    | Q(user__isnull=True, email_key="", email_domain="") & ~Q(network="")
                ),
                name="commenter_rule_names_one_commenter",
            ),
            models.CheckConstraint(
                condition=~Q(kind="trust") | Q(email_domain="", network=""),
                name="commenter_rule_trusts_an_account_or_address",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.names()}"

    def names(self):
        """Whom it names: "account alice", "e-mail ann@example.net", "e-mail domain example.net", "addresses …"."""
        if self.user_id:
            return _("account %(name)s") % {"name": self.user.get_username()}
        if self.email_key:
            return _("e-mail %(email)s") % {"email": self.email_key}
        if self.email_domain:
            return _("e-mail domain %(domain)s") % {"domain": self.email_domain}
        return _("addresses %(range)s") % {"range": self.network}

    def in_force(self, now=None):
        return self.ends_at is None or self.ends_at > (now or timezone.now())


class CommenterEvent(models.Model):
    """One line of a commenter's record: "banned e-mail domain example.net by alice", "note by bob: …".

    The record is an account's (``user``) or an e-mail address's
    (``email_key``): the page the moderator acted on. ``rule`` is the rule
    the line made or lifted; ``text`` says what happened in words, written
    when it happened, so the line stays true whatever changes later.
    """

    class Action(models.TextChoices):
        TRUSTED = "trusted", _("Trusted")
        HELD = "held", _("Always held")
        BANNED = "banned", _("Banned")
        LIFTED = "lifted", _("Lifted")
        NOTED = "noted", _("Note")
        TRASHED = "trashed", _("Comments moved to the trash")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email_key = models.CharField(max_length=254, blank=True, db_index=True)
    rule = models.ForeignKey(CommenterRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    text = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150)

    class Meta:
        verbose_name = _("commenter history line")
        verbose_name_plural = _("commenter history")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, email_key="") | Q(user__isnull=True) & ~Q(email_key=""),
                name="commenter_event_on_one_record",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_label}"
