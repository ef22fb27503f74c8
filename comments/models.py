"""The site's comment model: django-comments-xtd's threads plus a moderation status.

``status`` is the single source of truth; ``is_public`` and ``is_removed``
(which django-contrib-comments and xtd filter on) are derived from it on save.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment


class Comment(XtdComment):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    xtdcomment_ptr = models.OneToOneField(
        XtdComment, on_delete=models.CASCADE, parent_link=True, primary_key=True, related_name="moderated"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    previous_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    referrer = models.CharField(max_length=500, blank=True)
    spam_score = models.FloatField(null=True, blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def save(self, *args, **kwargs):
        self.is_public = self.status == self.Status.APPROVED
        self.is_removed = self.status in {self.Status.SPAM, self.Status.TRASH}
        super().save(*args, **kwargs)
