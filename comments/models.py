"""The site's comment model: django-comments-xtd's threads plus a moderation status.

``status`` is the single source of truth; ``is_public`` and ``is_removed``
(which django-contrib-comments and xtd filter on) are derived from it on save.
Every change of status is written to :class:`CommentEvent`, so moderators can
see who or what decided, when, and why.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from comments.spam.normalise import text_hash


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """The only comments readers ever see."""
        return self.filter(status=Comment.Status.APPROVED)

    def on_articles(self, *article_pks):
        """Comments on these articles: the seam between comments and the ``articles`` app.

        The content type comes from ContentType's own per-process cache, so
        the query needs no join to it (and a page pays one lookup per process).
        """
        article_type = ContentType.objects.get_by_natural_key("articles", "article")
        return self.filter(content_type=article_type, object_pk__in=[str(pk) for pk in article_pks])

    def top_level(self):
        """Comments that start a conversation (xtd's level 0), not replies."""
        return self.filter(level=0)

    def for_thread(self, article):
        """An article's approved comments in the order a thread shows them, oldest first."""
        return self.approved().on_articles(article.pk).order_by("submit_date", "pk")


class Comment(XtdComment):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    class Band(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        HOLD = "hold", _("Hold for review")
        SPAM = "spam", _("Spam")

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
    spam_band = models.CharField(max_length=10, choices=Band.choices, blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)
    akismet_payload = models.JSONField(
        default=dict, blank=True, help_text=_("What was sent to Akismet, replayed for submit-spam / submit-ham.")
    )
    # The normalised text's fingerprint: the spam filter finds the same comment posted on other articles.
    text_hash = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    # The reader prompt shown when the comment was written (for prompt statistics).
    reader_prompt = models.CharField(max_length=300, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["status", "-status_changed_at"], name="comment_status_changed_idx"),
            models.Index(fields=["-xtdcomment_ptr"], name="comment_newest_idx"),
            models.Index(fields=["status", "-xtdcomment_ptr"], name="comment_status_newest_idx"),
        ]
        permissions = [("moderate_comment", "Can moderate comments")]

    def save(self, *args, **kwargs):
        self.is_public = self.status == self.Status.APPROVED
        self.is_removed = self.status in {self.Status.SPAM, self.Status.TRASH}
        self.text_hash = text_hash(self.comment)
        if kwargs.get("update_fields") is not None and "comment" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_hash"}
        super().save(*args, **kwargs)


class CommentEvent(models.Model):
    """One line of a comment's history: "held: 3 links", "approved by alice"."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    actor_label = models.CharField(max_length=150, help_text=_('Who or what acted: "alice", "spam filter".'))
    from_status = models.CharField(max_length=10, choices=Comment.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status} by {self.actor_label}"


class CommentReaction(models.Model):
    """A reader's "like"; one per reader (cookie or account) and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    reader_key = models.CharField(max_length=64, help_text=_("A hash identifying the reader; no raw IP."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reader_key"], name="reaction_once_per_reader")]

    def __str__(self):
        return f"like on comment {self.comment_id}"


class CommentReport(models.Model):
    """A reader's report; enough of them send a comment back to the moderation queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader_key = models.CharField(max_length=64)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reader_key"], name="report_once_per_reader")]

    def __str__(self):
        return f"report on comment {self.comment_id}"


from comments.spam.models import *  # noqa: E402, F403  (the spam filter's tables belong to this app)
