"""Duplicate text: the same comment (after normalising) posted before, here or under other articles.

Spammers paste one text everywhere; readers rarely do, except short phrases,
so texts shorter than ``min_length`` characters are not compared. (A reader
posting the same text twice on one article is refused by the form before
the filter runs.) One indexed query on ``Comment.text_hash``.
"""

import django_comments

from comments.spam.base import Band, CheckResult
from comments.spam.fastread import select_in
from comments.spam.normalise import normalise, text_hash

ELSEWHERE = 0.5
MARKED_SPAM = 1.0
LOOK_AT = 50


class DuplicateTextCheck:
    name = "duplicate"

    def __init__(self, *, min_length=30):
        self.min_length = min_length

    def __call__(self, submission):
        # The site's comment model (django-contrib-comments' public seam), not the comment core's module.
        comment_model = django_comments.get_model()
        if len(normalise(submission.text)) < self.min_length:
            return None
        itself = submission.extra.get("comment_pk")
        rows = select_in(
            comment_model, ["pk", "status"], key="text_hash", values=[text_hash(submission.text)], limit=LOOK_AT + 1
        )
        statuses = [status for pk, status in rows if pk != itself][:LOOK_AT]
        if not statuses:
            return None
        spam = statuses.count(Band.SPAM.status)
        count = f"{len(statuses)}{'+' if len(statuses) == LOOK_AT else ''}"
        noun = "comment" if len(statuses) == 1 else "comments"
        if spam:
            return CheckResult(MARKED_SPAM, f"duplicate: same text as {count} other {noun}, {spam} marked spam")
        return CheckResult(ELSEWHERE, f"duplicate: same text as {count} other {noun}")
