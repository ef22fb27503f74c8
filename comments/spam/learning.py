"""Teach the filter from people's decisions.

:func:`learn_from_status_change` receives the comment core's
``comment_status_changed`` signal (sent once a decision is committed; the
core wires it in ``CommentsConfig.ready()``, so the filter knows nothing of
how statuses change) and learns when a person approved a comment or marked
it as spam::

    learn_from_decision(comment, from_status="pending", to_status="spam")

- "approved" teaches ham, "spam" teaches spam; anything else (trash,
  pending) teaches nothing and leaves what was learned before.
- A reversed decision (approved, then spam) is unlearned first, exactly:
  :class:`comments.spam.models.LearnedLabel` keeps the tokens and keys learned.
- The same decision twice teaches once.
- What is learned: the text's tokens (the classifier), and the account,
  e-mail address, IP address (both as keyed hashes) and linked domains (the
  filter's memory, read by the trusted, first-comment and spam-memory checks).
- A correction of Akismet is reported to it after commit
  (:func:`comments.spam.akismet_feedback.report_later`).
"""

import logging

from django.db import transaction

from comments.spam import akismet_feedback, classifier, memory
from comments.spam.models import LearnedLabel

logger = logging.getLogger(__name__)

LABEL_FOR_STATUS = {"approved": classifier.HAM, "spam": classifier.SPAM}


def memory_keys(comment):
    """Everything about ``comment`` the filter remembers, as stored (addresses hashed; see :mod:`.memory`)."""
    keys = memory.identity_keys(user_id=comment.user_id, email=comment.user_email)
    keys += memory.content_keys(ip_address=comment.ip_address, text=comment.comment, url=comment.user_url)
    return memory.columns(keys)


def learn_from_status_change(sender, *, comment, from_status, to_status, by_person=False, **kwargs):
    """Receiver of ``comment_status_changed``: learn from a person's decision, never the filter's own.

    A failure is logged and the decision stands: it was committed before this runs.
    """
    if not by_person or to_status not in LABEL_FOR_STATUS:
        return
    try:
        learn_from_decision(comment, from_status=from_status, to_status=to_status)
    except Exception:
        logger.exception("The spam filter could not learn from the decision on comment %s.", comment.pk)


def learn_from_decision(comment, *, from_status="", to_status, report=True):
    """Learn ``comment`` as ham or spam according to ``to_status``; return the label learned (or ``None``).

    ``report=False`` skips telling Akismet (retraining from history, benchmarks).
    """
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
    """Take back what one :class:`comments.spam.models.LearnedLabel` taught (the row itself is left to the caller)."""
    classifier.learn(token_set=learned.tokens, label=learned.label, delta=-1)
    memory.remember(learned.memory, label=learned.label, delta=-1)


def forget(comment):
    """Unlearn ``comment`` entirely (before deleting it, or when retraining)."""
    with transaction.atomic():
        learned = LearnedLabel.objects.select_for_update().filter(comment_id=comment.pk).first()
        if learned is not None:
            unlearn(learned)
            learned.delete()


def reset_learned_from_comments():
    """Unlearn every comment learned so far, keeping what was imported from a corpus."""
    for learned in LearnedLabel.objects.iterator(chunk_size=500):
        unlearn(learned)
    LearnedLabel.objects.all().delete()
