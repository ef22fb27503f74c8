import glob
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from comments.spam import classifier
from comments.spam.checks.classifier import ClassifierCheck
from comments.spam.corpus import read_labelled_csv
from comments.spam.features import features
from comments.spam.models import SpamLearner, SpamWeight
from tests.comments.spam.builders import NEWS_COMMENT, submission

pytestmark = pytest.mark.django_db

TUBESPAM = Path(settings.BASE_DIR).parent / "shared" / "datasets" / "tubespam"

SPAMMY = [
    "call now for printer support, toll free helpline",
    "printer offline? call now, support number open all night",
    "airline reservations number, call now for cheap flights",
]
HAMMY = [
    "the council vote was close and the budget is still unclear",
    "a fair report on the council budget and the bus lane",
    "the budget vote was fair, whatever the headline says",
]


def teach(times=4, *, weight=1.0):
    examples = [(text, classifier.SPAM, weight) for text in SPAMMY] + [(text, classifier.HAM, weight) for text in HAMMY]
    classifier.train(examples, epochs=times, seed=0)


def weights_of(text):
    return dict(SpamWeight.objects.filter(bucket__in=features(text).vector).values_list("bucket", "weight"))


def test_learning_spam_moves_the_weights_of_its_buckets_towards_spam():
    text = "call now for printer support"
    before = classifier.score_text(text).probability
    assert before == pytest.approx(0.5)
    assert classifier.learn(text=text, label=classifier.SPAM) == pytest.approx(0.5)  # its probability before
    assert set(weights_of(text)) == set(features(text).vector)
    assert classifier.score_text(text).probability > before
    assert classifier.state().spam_learned == 1


def test_learning_ham_moves_them_the_other_way():
    text = "the council vote was close"
    classifier.learn(text=text, label=classifier.HAM)
    assert classifier.score_text(text).probability < 0.5
    assert classifier.state().ham_learned == 1


def test_unlearning_takes_a_step_back():
    teach(times=2)
    text = "call now, printer support number"
    before = classifier.score_text(text).probability
    classifier.learn(text=text, label=classifier.SPAM)
    learned = classifier.score_text(text).probability
    classifier.learn(text=text, label=classifier.SPAM, weight=-1)
    assert learned > before
    assert classifier.score_text(text).probability == pytest.approx(before, abs=0.05)
    assert classifier.state().spam_learned == len(SPAMMY)  # counted once, taken back once


def test_character_ngrams_catch_dressed_up_text_after_learning_the_plain_words():
    teach()
    # Not one of its words was learned ("c", "a", "l", ... "s", "u"): only its letters, run together, were.
    dressed = classifier.score_text("C.A.L.L   N.O.W -- p r i n t e r  s-u-p-p-o-r-t")
    plain = classifier.score_text("call now -- printer support")
    assert dressed.margin > plain.margin / 3 > 0
    assert dressed.probability > 0.6
    assert "c.a.l.l n.o.w" in dressed.spam_words()
    assert classifier.score_text("the c.o.u.n.c.i.l budget vote").probability < 0.4


def test_the_words_that_weighed_most_are_named():
    teach()
    score = classifier.score_text("Need help? Call now, printer support, toll free")
    words = score.spam_words()
    assert 1 <= len(words) <= 3
    assert set(" ".join(words).split()) & {"call", "now", "printer", "support", "toll", "free"}
    assert classifier.score_text("The council budget vote was close").ham_words()


def test_an_imported_example_counts_less_than_a_moderators_decision():
    text = "cheap replica watches, best prices"
    classifier.learn_many([(text, classifier.SPAM)], epochs=1)
    imported = classifier.score_text(text).margin
    classifier.reset()
    classifier.learn(text=text, label=classifier.SPAM)
    decided = classifier.score_text(text).margin
    assert 0 < imported < decided
    assert imported == pytest.approx(classifier.IMPORTED_WEIGHT * decided, rel=0.05)
    assert classifier.state().spam_learned == 1


def test_learning_many_counts_them_at_their_weight():
    assert classifier.learn_many([("free money now", classifier.SPAM), ("free speech", classifier.HAM)]) == (1, 1)
    learned = classifier.state()
    assert (learned.spam_learned, learned.ham_learned) == (pytest.approx(0.3), pytest.approx(0.3))
    with pytest.raises(ValueError, match="label"):
        classifier.learn_many([("x", "maybe")])


def test_learn_refuses_unknown_labels():
    with pytest.raises(ValueError, match="label"):
        classifier.learn(text="x", label="maybe")


def test_replayed_examples_step_but_are_not_counted_again():
    classifier.train([("spam words", classifier.SPAM, 1.0)], again=[("ham words", classifier.HAM, 1.0)] * 3)
    learned = classifier.state()
    assert (learned.spam_learned, learned.ham_learned) == (1, 0)
    assert classifier.score_text("ham words").probability < 0.5


def test_scoring_is_one_query_for_the_texts_buckets(django_assert_num_queries):
    teach()
    learned = classifier.state()
    long_text = NEWS_COMMENT * 3  # some 2,000 buckets: still one query
    with django_assert_num_queries(1):
        classifier.score_text("call now for printer support", learned=learned)
    with django_assert_num_queries(1):
        classifier.score_text(long_text, learned=learned)
    with django_assert_num_queries(0):
        classifier.score_text("", learned=learned)


def test_the_state_is_cached_and_forgotten_when_learning_commits(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    teach(times=1)
    classifier.state()
    with django_assert_num_queries(0):
        before = classifier.state()
    with django_capture_on_commit_callbacks(execute=True):
        classifier.learn(text="more spam", label=classifier.SPAM)
    assert classifier.state().spam_learned == before.spam_learned + 1


def test_isolated_state_never_reaches_the_shared_cache():
    teach(times=1)
    with classifier.isolated():
        classifier.state()
    assert cache.get("newsroom:spam-classifier-state") is None


def test_reset_forgets_everything():
    teach(times=1)
    classifier.reset()
    assert not SpamWeight.objects.exists()
    assert not SpamLearner.objects.exists()
    assert classifier.state() == classifier.State()


def test_untrained_classifier_stays_silent():
    classifier.learn(text="free money", label=classifier.SPAM)
    assert ClassifierCheck()(submission("free money")) is None


def _train_on_tubespam():
    paths = sorted(glob.glob(str(TUBESPAM / "*.csv")))
    if not paths:
        pytest.skip(f"The TubeSpam collection is not at {TUBESPAM}; this test trains on it.")
    classifier.learn_many(
        (text, classifier.SPAM if is_spam else classifier.HAM)
        for path in paths
        for text, is_spam in read_labelled_csv(path)
    )


def test_after_training_on_tubespam_a_long_news_comment_is_not_flagged():
    """The corpus's ham is short; a long, legitimate comment must not look like spam for its length."""
    _train_on_tubespam()
    check = ClassifierCheck()
    for text in [
        NEWS_COMMENT,
        "Good piece, but the headline overstates it. The inflation figure quoted is the annual rate for food only; "
        "the overall rate fell for the third month in a row. Worth correcting, because readers will share the "
        "headline without reading down to the tenth paragraph where the distinction is made.",
        "My father worked at that plant for thirty years. When it closed the whole town changed: the shops on the "
        "high street went one by one, and the bus route was cut the following spring. I'm glad someone is finally "
        "writing about what happened to the pensions; please keep following this story.",
    ]:
        result = check(submission(text))
        assert result is None or result.score < 0.5, result


def test_after_training_on_tubespam_channel_spam_is_flagged_with_its_words():
    _train_on_tubespam()
    result = ClassifierCheck()(submission("Hey guys, please check out my channel and subscribe! Free gift cards"))
    assert result.score >= 1.0
    assert result.reason.startswith('classifier: "')
