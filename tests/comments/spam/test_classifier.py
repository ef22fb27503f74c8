import glob
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from comments.spam import classifier
from comments.spam.checks.classifier import ClassifierCheck
from comments.spam.corpus import read_labelled_csv
from comments.spam.models import SpamClassifierTotals, SpamToken
from tests.comments.spam.builders import NEWS_COMMENT, submission

TUBESPAM = Path(settings.BASE_DIR).parent / "shared" / "datasets" / "tubespam"

SPAMMY = ["check out my channel for free gift cards", "subscribe to my channel for free money", "free gift cards here"]
HAMMY = ["the council vote was close", "a fair report on the council budget", "the budget vote was fair"]


def teach(times=5):
    for _ in range(times):
        for text in SPAMMY:
            classifier.learn(text=text, label=classifier.SPAM)
        for text in HAMMY:
            classifier.learn(text=text, label=classifier.HAM)


def test_tokens_are_words_domains_and_pairs_without_filler_or_artefacts():
    tokens = classifier.tokens("Check out MY channel\ufeff: https://www.Example.com/x")
    assert {"check", "channel", "example.com", "check out", "my channel"} <= tokens
    assert "my" not in tokens  # a filler word alone only says how long a comment is
    assert not any("\ufeff" in t for t in tokens)
    assert classifier.tokens("Great song\ufeff") == classifier.tokens("great song")


def test_token_probability_is_pulled_towards_even_for_rare_tokens():
    rare = classifier.token_probability(spam_docs=1, ham_docs=0, spam_tokens=100, ham_tokens=100)
    common = classifier.token_probability(spam_docs=40, ham_docs=0, spam_tokens=100, ham_tokens=100)
    assert 0.5 < rare < common < 1
    even = classifier.token_probability(spam_docs=10, ham_docs=10, spam_tokens=100, ham_tokens=100)
    assert even == pytest.approx(0.5)


def test_rates_are_per_token_so_the_wordier_class_does_not_own_common_words():
    # Spam learned 3x as many tokens; a word in 3x as many spam comments is no evidence.
    p = classifier.token_probability(spam_docs=30, ham_docs=10, spam_tokens=3000, ham_tokens=1000)
    assert p == pytest.approx(0.5)


def test_more_words_are_not_more_evidence():
    totals = classifier.Totals(spam_docs=50, ham_docs=50, spam_tokens=500, ham_tokens=500)
    short = {"free": (20, 1), "channel": (20, 1), "subscribe": (20, 1)}
    long = {**short, **{f"word{i}": (5, 5) for i in range(20)}}
    p_short = classifier.combine(short, totals=totals, token_count=3).probability
    p_long = classifier.combine(long, totals=totals, token_count=23).probability
    assert p_short > 0.9
    assert p_long < p_short
    # Words never seen dampen the verdict instead of being ignored.
    p_unknown = classifier.combine(short, totals=totals, token_count=30).probability
    assert 0.5 < p_unknown < p_short


@pytest.mark.django_db
def test_learning_counts_documents_and_tokens():
    classifier.learn(text="free money free money", label=classifier.SPAM)
    classifier.learn(text="free speech matters", label=classifier.HAM)
    assert SpamToken.objects.get(token="free").spam_count == 1  # once per comment, however often it appears
    assert SpamToken.objects.get(token="free").ham_count == 1
    totals = SpamClassifierTotals.objects.get()
    assert (totals.spam_count, totals.ham_count) == (1, 1)
    assert totals.spam_tokens == len(classifier.tokens("free money free money"))


@pytest.mark.django_db
def test_unlearning_takes_back_exactly_and_never_goes_below_zero():
    learned = classifier.learn(text="free money", label=classifier.SPAM)
    classifier.learn(token_set=learned, label=classifier.SPAM, delta=-1)
    classifier.learn(token_set=learned, label=classifier.SPAM, delta=-1)
    assert set(SpamToken.objects.values_list("spam_count", flat=True)) == {0}
    totals = SpamClassifierTotals.objects.get()
    assert (totals.spam_count, totals.spam_tokens) == (0, 0)


@pytest.mark.django_db
def test_learn_refuses_unknown_labels():
    with pytest.raises(ValueError, match="label"):
        classifier.learn(text="x", label="maybe")


@pytest.mark.django_db
def test_scoring_says_which_tokens_pushed_it(django_assert_num_queries):
    teach()
    learned = classifier.totals()
    with django_assert_num_queries(1):  # the token rows; the totals come from the cache
        score = classifier.score_text("free gift cards on my channel", learned=learned)
    assert score.probability > 0.8
    assert set(score.spam_tokens) <= {"free", "gift", "cards", "channel", "gift cards", "my channel", "free gift"}
    assert len(score.spam_tokens) == 3
    assert classifier.score_text("the council budget vote").probability < 0.3


@pytest.mark.django_db
def test_totals_are_cached_and_the_cache_is_cleared_when_learning(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    teach(times=1)
    classifier.totals()
    with django_assert_num_queries(0):
        before = classifier.totals()
    with django_capture_on_commit_callbacks(execute=True):
        classifier.learn(text="more spam", label=classifier.SPAM)
    assert classifier.totals().spam_docs == before.spam_docs + 1


@pytest.mark.django_db
def test_isolated_state_never_reaches_the_shared_cache():
    teach(times=1)
    with classifier.isolated():
        classifier.totals()
    assert cache.get("newsroom:spam-classifier-totals") is None


@pytest.mark.django_db
def test_learning_many_at_once_counts_as_learning_each():
    classifier.learn(text="free money now", label=classifier.SPAM)
    classifier.learn_many([("free money now", classifier.SPAM), ("free speech", classifier.HAM)])
    assert SpamToken.objects.get(token="free").spam_count == 2
    assert SpamToken.objects.get(token="free").ham_count == 1
    assert classifier.totals().spam_docs == 2
    with pytest.raises(ValueError, match="label"):
        classifier.learn_many([("x", "maybe")])


@pytest.mark.django_db
def test_reset_forgets_everything():
    teach(times=1)
    classifier.reset()
    assert not SpamToken.objects.exists()
    assert classifier.totals() == classifier.Totals()


@pytest.mark.django_db
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


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_after_training_on_tubespam_channel_spam_is_flagged_with_its_words():
    _train_on_tubespam()
    result = ClassifierCheck()(submission("Hey guys, please check out my channel and subscribe! Free gift cards"))
    assert result.score >= 1.0
    assert result.reason.startswith("classifier: '")
