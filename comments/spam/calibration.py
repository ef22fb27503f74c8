"""The spam threshold, calibrated on the site's own moderators' decisions.

A fixed threshold is a guess about every site at once. This one is set from
what the filter scored the comments this site's moderators approved::

    NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = 0.005  # at most 0.5 % of approved comments would have been spam
    spam_threshold()                          # 0.84: the threshold the pipeline uses now

How, decided once:

- Each decision learned keeps the score the filter gave the comment before
  anyone decided (``LearnedLabel.score``, the pipeline's total when it was
  posted or checked again). Those are honest scores: the filter had not
  learned the comment when it scored it.
- At each decision, in the moderator's transaction, the threshold is
  recomputed from the latest ``WINDOW`` scored decisions: the lowest score
  from which at most the target share of approved comments like them would
  be marked spam (:func:`threshold_for`). That takes some: 199 approved
  comments for 0.5 %; with fewer, the threshold may only rise above the
  setting, never fall below it. One query of at most ``WINDOW`` rows.
- Until the site has ``MIN_HAM`` approved and ``MIN_SPAM`` spam scored
  decisions, the threshold is the fixed ``NEWSROOM_SPAM_SPAM_THRESHOLD``.
  Imported examples (``import_spam_corpus``, ``load_spam_starter``) have no
  score: they teach the classifier, at a lower weight, but never move the
  threshold.
- The calibrated threshold stays between the hold threshold and the discard
  threshold: at its lowest, what would have been held is filed as spam.
- The hold threshold stays as set: it is also the score of the rules that
  hold a comment by themselves (a first comment, a moderation word), and what
  a person looks at is the site's choice, not a statistic.

Moderators see the comments that were held or filed as spam more than those
published, so the approved comments' scores lean high: the threshold errs on
the side of holding for a person rather than filing as spam.
``NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = None`` turns calibration off.
"""

import math

from comments import conf
from comments.spam import classifier
from comments.spam.models import LearnedLabel, SpamLearner

#: The latest scored decisions the threshold is computed from.
WINDOW = 2000
#: Scored decisions of each kind needed before the threshold moves from the setting.
MIN_HAM = 50
MIN_SPAM = 50


def spam_threshold(learned=None):
    """The score from which a comment is spam: calibrated when the site has enough decisions, else the setting."""
    fixed = conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD")
    calibrated = (learned or classifier.state()).spam_threshold
    if calibrated is None or not conf.get("NEWSROOM_SPAM_TARGET_HAM_TO_SPAM"):
        return fixed
    floor = conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD")
    return min(max(calibrated, floor), max(fixed, conf.get("NEWSROOM_SPAM_DISCARD_THRESHOLD")))


def threshold_for(ham_scores, *, target):
    """The lowest score from which at most ``target`` of the approved comments to come would be marked spam.

    With ``n`` scores, the ``k``-th highest, ``k = floor(target * (n + 1))``:
    a new approved comment scoring like these ones is above it with chance at
    most ``k / (n + 1)``. Just above it, so a tie does not slip through. With
    too few scores to promise the target (``k`` is 0: fewer than 199 for
    0.5 %), ``None``::

        threshold_for([i / 100 for i in range(400)], target=0.005)   # just above 3.98, the second highest
    """
    ordered = sorted(ham_scores, reverse=True)
    allowed = math.floor(target * (len(ordered) + 1) + 1e-9)
    if allowed < 1:
        return None
    return math.nextafter(ordered[allowed - 1], math.inf)


def recalibrate():
    """Recompute the calibrated spam threshold from the latest scored decisions (``None``: too few yet).

    With enough of each kind but too few approved comments to promise the
    target, the threshold may only be stricter than the setting: just above
    the highest score an approved comment had, if that is higher.
    """
    target = conf.get("NEWSROOM_SPAM_TARGET_HAM_TO_SPAM")
    latest = list(
        LearnedLabel.objects.filter(score__isnull=False).order_by("-pk").values_list("label", "score")[:WINDOW]
    )
    ham = [score for label, score in latest if label == classifier.HAM]
    value = None
    if target and len(ham) >= MIN_HAM and len(latest) - len(ham) >= MIN_SPAM:
        value = threshold_for(ham, target=target)
        if value is None:
            value = max(conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD"), math.nextafter(max(ham), math.inf))
    if value is not None and not math.isfinite(value):
        value = None
    SpamLearner.objects.bulk_create([SpamLearner(pk=1)], ignore_conflicts=True)
    SpamLearner.objects.filter(pk=1).update(spam_threshold=value)
    classifier.forget_cached_state(when_committed=True)
    return value
