"""The learned classifier's state, in the database so every worker shares it.

The tables keep the names the comments app gave them before the spam filter
became an app of its own (``newsroom_spam``); only Django's record of which
app they belong to moved.

Nothing here is written while a comment is checked: moderators' decisions
teach the filter (:mod:`comments.spam.learning`) once they are committed, and
the checks only read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LearnedLabel", "SpamClassifierTotals", "SpamMemory", "SpamToken"]


class SpamToken(models.Model):
    """How many spam and ham comments learned so far contained ``token``."""

    token = models.CharField(max_length=100, unique=True)
    spam_count = models.PositiveIntegerField(default=0)
    ham_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("spam filter token")

    def __str__(self):
        return f"{self.token}: {self.spam_count} spam, {self.ham_count} ham"


class SpamClassifierTotals(models.Model):
    """The one row of totals: comments learned of each kind and the tokens they held."""

    spam_count = models.PositiveIntegerField(default=0)
    ham_count = models.PositiveIntegerField(default=0)
    spam_tokens = models.PositiveBigIntegerField(default=0)
    ham_tokens = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("spam filter totals")
        verbose_name_plural = _("spam filter totals")

    def __str__(self):
        return f"{self.spam_count} spam and {self.ham_count} ham comments learned"


class SpamMemory(models.Model):
    """What the filter remembers about who and what posted: accounts, e-mail addresses, IPs, linked domains.

    ``key`` is ``"<kind>:<value>"`` (``"domain:example.net"``; e-mail and IP
    addresses only as keyed hashes, see :mod:`comments.spam.memory`), one
    indexed column so that a check reads
    every key it needs with a single ``key IN (...)`` query. ``ham_count``
    counts comments a moderator approved, ``spam_count`` those marked spam.
    Derived data: ``manage.py train_spam_classifier`` rebuilds it.
    """

    key = models.CharField(max_length=270, unique=True)
    spam_count = models.PositiveIntegerField(default=0)
    ham_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("spam filter memory")
        verbose_name_plural = _("spam filter memory")

    def __str__(self):
        return f"{self.key}: {self.spam_count} spam, {self.ham_count} ham"


class LearnedLabel(models.Model):
    """What the filter learned from one comment, so a reversed decision can be unlearned exactly."""

    comment = models.OneToOneField("newsroom_comments.Comment", on_delete=models.CASCADE, related_name="learned_label")
    label = models.CharField(max_length=4, choices=[("spam", _("spam")), ("ham", _("ham"))])
    tokens = models.JSONField(default=list)
    memory = models.JSONField(default=list, help_text=_("SpamMemory keys counted for this comment."))
    learned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learned spam decision")

    def __str__(self):
        return f"comment {self.comment_id} learned as {self.label}"
