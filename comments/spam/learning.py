"""Teach the filter from people's decisions, in the transaction that records them.

:func:`learn_from_status_change` is called by the comment core when a
status changes (``comments.status.change_status``, inside its transaction,
so a decision and what the filter learned from it are committed together or
not at all; the filter knows nothing of how statuses change) and learns when
a person approved a comment or marked it as spam::

    learn_from_decision(comment, from_status="pending", to_status="spam")

- "approved" teaches ham, "spam" teaches spam; anything else (trash,
  pending) teaches nothing and leaves what was learned before.
- The same decision twice teaches once
  (:class:`comments.spam.models.LearnedLabel` records what was learned).
- A reversed decision (approved, then spam) is unlearned first: the
  classifier takes a step of negative weight on the old label, the memory's
  counts are taken back exactly.
- What is learned: the text, the name and website given and what the checks
  before the classifier found, as stored on the comment (the classifier:
  one step on the comment and one on each of ``REPLAY`` earlier decisions
  drawn at random, so that the weights keep fitting the whole history, not
  only the latest comment; :func:`features_of`), and
  the account, e-mail address, IP address (both as keyed hashes) and linked
  domains (the filter's memory, read by the trusted, first-comment and
  spam-memory checks).
- The score the filter gave the comment is kept, and the spam threshold
  recalibrated (:mod:`comments.spam.calibration`).
- A correction of Akismet is reported to it after commit
  (:func:`comments.spam.akismet_feedback.report_later`).
"""

import logging
import random

from django.db import transaction
from django.db.models import Max, Min

from comments.spam import akismet_feedback, calibration, classifier, memory
from comments.spam.checks.classifier import ClassifierCheck, findings_of
from comments.spam.features import features
from comments.spam.models import LearnedLabel
from comments.spam.pipeline import check_name, get_checks

logger = logging.getLogger(__name__)

LABEL_FOR_STATUS = {"approved": classifier.HAM, "spam": classifier.SPAM}
#: Earlier decisions learned again with each new one: more fit the history better, each costs a step.
REPLAY = 24


def memory_keys(comment):
    """Everything about ``comment`` the filter remembers, as stored (addresses hashed; see :mod:`.memory`)."""
    keys = memory.identity_keys(user_id=comment.user_id, email=comment.user_email)
    keys += memory.content_keys(
        ip_address=comment.ip_address, text=comment.comment, url=comment.user_url, name=comment.user_name
    )
    return memory.columns(keys)


def checks_before_classifier():
    """The names of the configured checks that run before the classifier: the findings it reads."""
    names = [check_name(check) for check in get_checks()]
    return set(names[: names.index(ClassifierCheck.name)] if ClassifierCheck.name in names else names)


def features_of(comment=None, *, text="", name="", url="", reasons=(), before=None):
    """What the classifier learns of a stored comment (or of its columns): as it read the comment when scoring it."""
    if comment is not None:
        text, name, url, reasons = comment.comment, comment.user_name, comment.user_url, comment.spam_reasons
    before = checks_before_classifier() if before is None else before
    return features(text, name=name, url=url, findings=findings_of(reasons or (), before=before))


def learn_from_status_change(*, comment, from_status, to_status, by_person=False):
    """Learn from a person's decision, never the filter's own; called inside the decision's transaction.

    A failure is logged and the decision stands: what the filter did is
    rolled back to a savepoint, the moderator's change is not.
    """
    if not by_person or to_status not in LABEL_FOR_STATUS:
        return
    try:
        with transaction.atomic():
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
        examples = []
        before = checks_before_classifier()
        found = features_of(comment, before=before)
        if previous is not None:
            examples.append((found, previous.label, -1.0))
            memory.remember(previous.memory, label=previous.label, delta=-1)
        examples.append((found, label, 1.0))
        classifier.train(examples, again=replayed(exclude=comment.pk, before=before))
        keys = memory_keys(comment)
        memory.remember(keys, label=label)
        LearnedLabel.objects.update_or_create(
            comment_id=comment.pk, defaults={"label": label, "memory": keys, "score": comment.spam_score}
        )
        calibration.recalibrate()
        if report:
            akismet_feedback.report_later(comment, is_spam=label == classifier.SPAM)
    return label


def replayed(*, exclude=None, size=REPLAY, before=None):
    """``size`` earlier decisions drawn at random, as ``(features, label, 1.0)``: two queries.

    Drawn by guessing ids between the lowest and the highest (gaps left by
    deleted comments only make the draw a little smaller), the same draw for
    the same comment, so a benchmark gives the same figures every run.
    """
    bounds = LearnedLabel.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None or size <= 0:
        return []
    low, high = bounds["low"], bounds["high"]
    draw = random.Random(exclude)
    guesses = {draw.randint(low, high) for _ in range(2 * size)} if high - low + 1 > 2 * size else None
    rows = LearnedLabel.objects.exclude(comment_id=exclude)
    if guesses is not None:
        rows = rows.filter(pk__in=guesses)
    rows = list(
        rows.values_list(
            "comment__comment", "comment__user_name", "comment__user_url", "comment__spam_reasons", "label"
        )[: 2 * size]
    )
    draw.shuffle(rows)
    before = checks_before_classifier() if before is None else before
    return [
        (features_of(text=text, name=name, url=url, reasons=reasons, before=before), label, 1.0)
        for text, name, url, reasons, label in rows[:size]
    ]


def unlearn(learned, *, comment):
    """Take back what one :class:`comments.spam.models.LearnedLabel` taught (the row itself is left to the caller)."""
    classifier.learn(text=features_of(comment), label=learned.label, weight=-1.0)
    memory.remember(learned.memory, label=learned.label, delta=-1)


def forget(comment):
    """Unlearn ``comment`` (before deleting it): a step of negative weight, its memory counts taken back."""
    with transaction.atomic():
        learned = LearnedLabel.objects.select_for_update().filter(comment_id=comment.pk).first()
        if learned is not None:
            unlearn(learned, comment=comment)
            learned.delete()


def reset_learned_from_comments():
    """Take back the memory of every decision learned so far and forget which were learned.

    The classifier's weights stay: ``train_spam_classifier`` trains them further on the whole history.
    """
    for learned in LearnedLabel.objects.iterator(chunk_size=500):
        memory.remember(learned.memory, label=learned.label, delta=-1)
    LearnedLabel.objects.all().delete()
