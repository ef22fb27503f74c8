"""Teach the filter from people's decisions, in the decision's own transaction.

``comments.status.change_status`` calls :func:`learn_from_decision` when a
person approves a comment or marks it as spam::

    learn_from_decision(comment, from_status="pending", to_status="spam")

- "approved" teaches ham, "spam" teaches spam; anything else (trash,
  pending) teaches nothing and leaves what was learned before.
- A reversed decision (approved, then spam) is unlearned first, exactly:
  :class:`comments.models.LearnedLabel` keeps the tokens and keys learned.
- The same decision twice teaches once.
- What is learned: the text's tokens (the classifier), and the account,
  e-mail address, IP address (both as keyed hashes) and linked domains (the
  filter's memory, read by the trusted, first-comment and spam-memory checks).
- A correction of Akismet is reported to it after commit
  (:func:`comments.spam.akismet_feedback.report_later`).
"""

from django.db import transaction

from comments.spam import akismet_feedback, classifier, memory

LABEL_FOR_STATUS = {"approved": classifier.HAM, "spam": classifier.SPAM}


def memory_keys(comment):
    """Everything about ``comment`` the filter remembers, as stored (addresses hashed; see :mod:`.memory`)."""
    keys = memory.identity_keys(user_id=comment.user_id, email=comment.user_email)
    keys += memory.content_keys(ip_address=comment.ip_address, text=comment.comment, url=comment.user_url)
    return memory.columns(keys)


def learn_from_decision(comment, *, from_status="", to_status, report=True):
    """Learn ``comment`` as ham or spam according to ``to_status``; return the label learned (or ``None``).

    ``report=False`` skips telling Akismet (retraining from history, benchmarks).
    """
    from comments.models import LearnedLabel

    label = LABEL_FOR_STATUS.get(to_status)
    if label is None:
        return None
    with transaction.atomic():
        previous = LearnedLabel.objects.select_for_update().filter(comment_id=comment.pk).first()
        if previous is not None and previous.label == label:
            return label
        if previous is not None:
            unlearn(previous)
        token_set = classifier.learn(text=comment.comment, label=label)
        keys = memory_keys(comment)
        memory.remember(keys, label=label)
        LearnedLabel.objects.update_or_create(
            comment_id=comment.pk, defaults={"label": label, "tokens": token_set, "memory": keys}
        )
        if report:
            akismet_feedback.report_later(comment, is_spam=label == classifier.SPAM)
    return label


def unlearn(learned):
    """Take back what one :class:`comments.models.LearnedLabel` taught (the row itself is left to the caller)."""
    classifier.learn(token_set=learned.tokens, label=learned.label, delta=-1)
    memory.remember(learned.memory, label=learned.label, delta=-1)


def forget(comment):
    """Unlearn ``comment`` entirely (before deleting it, or when retraining)."""
    from comments.models import LearnedLabel

    with transaction.atomic():
        learned = LearnedLabel.objects.select_for_update().filter(comment_id=comment.pk).first()
        if learned is not None:
            unlearn(learned)
            learned.delete()
