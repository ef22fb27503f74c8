"""The learned classifier's state, in the database so every worker shares it.

The tables keep the names the comments app gave them before the spam filter
became an app of its own (``newsroom_spam``); only Django's record of which
app they belong to moved.

Nothing here is written while a comment is checked: moderators' decisions
teach the filter (:mod:`comments.spam.learning`) in the transaction that
records them, and the checks only read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LearnedLabel", "SpamLearner", "SpamMemory", "SpamWeight"]


class SpamWeight(models.Model):
    """One bucket of the classifier's hashed features: its weight, and how much it has been moved (AdaGrad).

    Only buckets some learned text has touched have a row; the others weigh 0
    (see :mod:`comments.spam.features` and :mod:`comments.spam.classifier`).
    """

    bucket = models.IntegerField(primary_key=True)
    weight = models.FloatField(default=0.0)
    squared_gradients = models.FloatField(default=0.0, help_text=_("Sum of squared gradients (AdaGrad's step size)."))

    class Meta:
        verbose_name = _("spam classifier weight")

    def __str__(self):
        return f"bucket {self.bucket}: {self.weight:+.4f}"


class SpamLearner(models.Model):
    """The one row of the classifier's state beside its weights, and the spam threshold calibrated for the site."""

    bias = models.FloatField(default=0.0)
    bias_squared_gradients = models.FloatField(default=0.0)
    spam_learned = models.FloatField(
        default=0.0, help_text=_("Spam examples learned, weighted (imported ones count less).")
    )
    ham_learned = models.FloatField(
        default=0.0, help_text=_("Ham examples learned, weighted (imported ones count less).")
    )
    spam_threshold = models.FloatField(
        null=True,
        blank=True,
        help_text=_("The spam threshold calibrated on moderators' decisions; empty: the setting's."),
    )

    class Meta:
        verbose_name = _("spam classifier state")
        verbose_name_plural = _("spam classifier state")

    def __str__(self):
        return f"{self.spam_learned:g} spam and {self.ham_learned:g} ham examples learned"


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
    """A person's decision the filter learned: so it is learned once, can be unlearned, replayed and calibrated on."""

    comment = models.OneToOneField("newsroom_comments.Comment", on_delete=models.CASCADE, related_name="learned_label")
    label = models.CharField(max_length=4, choices=[("spam", _("spam")), ("ham", _("ham"))])
    score = models.FloatField(
        null=True,
        blank=True,
        help_text=_("The filter's score of the comment before the decision, for calibrating the spam threshold."),
    )
    memory = models.JSONField(default=list, help_text=_("SpamMemory keys counted for this comment."))
    learned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learned spam decision")

    def __str__(self):
        return f"comment {self.comment_id} learned as {self.label}"
