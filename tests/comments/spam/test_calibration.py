import math

import pytest

from comments import conf
from comments.spam import calibration, classifier, pipeline
from comments.spam.learning import learn_from_decision
from comments.spam.models import LearnedLabel, SpamLearner
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def decided(scores, *, label, article=None):
    """Comments the filter scored ``scores`` and a moderator then decided on (as ``label``), learned."""
    article = article or make_article()
    status = "approved" if label == "ham" else "spam"
    for score in scores:
        comment = make_comment(article, text=f"comment scored {score}", status="pending", spam_score=score)
        learn_from_decision(comment, from_status="pending", to_status=status, report=False)
    return article


def test_threshold_for_a_known_distribution():
    ham = [i / 100 for i in range(200)]  # 0.00 to 1.99
    # 0.5 % of 201: one comment; above the highest, a new one like these is with a chance of 1 in 201.
    assert calibration.threshold_for(ham, target=0.005) == math.nextafter(1.99, math.inf)
    assert calibration.threshold_for(ham, target=0.05) == math.nextafter(1.90, math.inf)  # the 10th highest
    assert calibration.threshold_for(ham[:198], target=0.005) is None  # too few to promise 0.5 %
    assert calibration.threshold_for([0.1, 0.2, 0.9], target=0.0) is None


def test_the_threshold_moves_to_the_target_once_there_are_enough_decisions(settings):
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = 0.02
    ham = [0.3 + i / 100 for i in range(100)]  # 0.30 to 1.29
    article = decided(ham, label="ham")
    decided([2.0] * 50, label="spam", article=article)
    expected = math.nextafter(1.28, math.inf)  # floor(0.02 * 101) = 2: the second highest
    assert SpamLearner.objects.get().spam_threshold == pytest.approx(expected)
    assert calibration.spam_threshold() == pytest.approx(expected)
    assert sum(score >= calibration.spam_threshold() for score in ham) / len(ham) <= 0.02
    assert pipeline.band_for(score=1.29) == "spam"
    assert pipeline.band_for(score=1.2) == "hold"  # below the calibrated threshold, above the hold threshold


def test_it_can_be_lower_than_the_setting_but_never_below_the_hold_threshold(settings):
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = 0.05
    article = decided([0.1] * 60, label="ham")
    decided([1.5] * 60, label="spam", article=article)
    assert calibration.spam_threshold() == conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD") == 0.5
    LearnedLabel.objects.filter(label="ham").update(score=0.7)
    calibration.recalibrate()
    assert calibration.spam_threshold() == pytest.approx(math.nextafter(0.7, math.inf))


def test_too_few_approved_comments_can_only_make_it_stricter():
    article = decided([0.1] * 60, label="ham")
    decided([1.5] * 60, label="spam", article=article)
    assert calibration.spam_threshold() == conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD")  # not 0.5: 60 are too few
    LearnedLabel.objects.filter(label="ham").update(score=1.4)
    calibration.recalibrate()
    assert calibration.spam_threshold() == pytest.approx(math.nextafter(1.4, math.inf))


def test_it_stays_the_setting_until_the_site_has_enough_decisions_of_each_kind(settings):
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = 0.05
    article = decided([0.1] * 60, label="ham")
    decided([1.5] * 49, label="spam", article=article)
    assert SpamLearner.objects.get().spam_threshold is None
    assert calibration.spam_threshold() == conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD")
    decided([1.5], label="spam", article=article)
    assert calibration.spam_threshold() == 0.5


def test_imported_examples_and_unscored_decisions_never_count():
    classifier.learn_many(
        [(f"imported ham {i}", "ham") for i in range(100)] + [(f"spam {i}", "spam") for i in range(100)]
    )
    article = decided([None] * 60, label="ham")
    decided([1.5] * 60, label="spam", article=article)
    assert calibration.recalibrate() is None
    assert calibration.spam_threshold() == conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD")


def test_the_threshold_stays_below_the_discard_threshold():
    article = decided([3.0] * 60, label="ham")
    decided([4.0] * 60, label="spam", article=article)
    assert calibration.spam_threshold() == conf.get("NEWSROOM_SPAM_DISCARD_THRESHOLD")


def test_calibration_can_be_turned_off(settings):
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = 0.05
    article = decided([0.1] * 60, label="ham")
    decided([1.5] * 60, label="spam", article=article)
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = None
    assert calibration.spam_threshold() == conf.get("NEWSROOM_SPAM_SPAM_THRESHOLD")
    assert calibration.recalibrate() is None


def test_only_the_latest_decisions_count(settings, monkeypatch):
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = 0.05
    monkeypatch.setattr(calibration, "WINDOW", 120)
    article = decided([2.0] * 60, label="ham")  # long ago: the filter scored approved comments high
    decided([0.6] * 60, label="ham", article=article)
    decided([1.5] * 60, label="spam", article=article)
    assert calibration.spam_threshold() == pytest.approx(math.nextafter(0.6, math.inf))
