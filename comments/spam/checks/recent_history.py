"""Recent history: hold the comments of someone whose recent comments were mostly removed (Coral's rule).

Of the commenter's comments from the last ``NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS``
that have been decided (approved, spam or trash; not those still waiting), if
at least ``NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE`` were removed
(spam or trash, by a moderator or the filter) the new comment is held, with
the figures in its reason: "recent history: 4 of 6 comments rejected in the
last 7 days". Commenters with fewer than
``NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS`` decided comments in the
window are not judged. Off unless the rate is set, as in Coral.

The commenter is who the poster has shown they are (the account, or the
address the trust cookie names; ``comments.spam.memory.proven_identity_keys``),
so a stranger typing someone's address neither inherits nor spoils their
history. One query (the window's decided and removed comments counted
together), only when the rule is on.
"""

from datetime import timedelta
from functools import reduce
from operator import or_

import django_comments
from django.db.models import Count, Q
from django.utils import timezone

from comments import conf
from comments.spam import memory
from comments.spam.base import CheckResult


class RecentHistoryCheck:
    name = "recent history"
    uses_identity = True

    def __call__(self, submission):
        rate = conf.get("NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE")
        if not rate:
            return None
        proven = [
            Q(user_id=int(value)) if kind == memory.USER else Q(email_key=value)
            for kind, value in memory.proven_identity_keys(submission)
        ]
        if not proven:
            return None
        days = conf.get("NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS")
        since = (submission.submitted_at or timezone.now()) - timedelta(days=days)
        # The site's comment model (django-contrib-comments' public seam), not the comment core's module.
        model = django_comments.get_model()
        removed = [model.Status.SPAM, model.Status.TRASH]
        window = model.objects.filter(reduce(or_, proven), submit_date__gte=since)
        if submission.extra.get("comment_pk"):  # checked again: the comment itself is not its own history
            window = window.exclude(pk=submission.extra["comment_pk"])
        counts = window.aggregate(
            decided=Count("pk", filter=~Q(status=model.Status.PENDING)),
            rejected=Count("pk", filter=Q(status__in=removed)),
        )
        decided, rejected = counts["decided"], counts["rejected"]
        if decided < max(1, conf.get("NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS")) or rejected / decided < rate:
            return None
        return CheckResult(
            conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD"),
            f"recent history: {rejected} of {decided} comments rejected in the last {days} days",
            details={"rejected": rejected, "decided": decided},
        )
