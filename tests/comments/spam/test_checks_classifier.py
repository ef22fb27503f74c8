import pytest

from comments.spam import classifier
from comments.spam.checks.classifier import ClassifierCheck, score_for
from tests.comments.spam.builders import submission

pytestmark = pytest.mark.django_db


def teach():
    for i in range(12):
        classifier.learn(text=f"check out my channel free gift cards {i}", label=classifier.SPAM)
        classifier.learn(text=f"the council budget vote was close {i}", label=classifier.HAM)


@pytest.mark.parametrize(
    ("probability", "score"), [(0.5, 0.0), (0.6, 0.0), (0.75, 0.5), (0.9, 1.0), (0.99, 1.2), (0.4, 0.0), (0.1, -0.3)]
)
def test_probability_maps_to_score(probability, score):
    assert score_for(probability) == pytest.approx(score)


def test_spam_words_push_the_score_and_are_named():
    teach()
    result = ClassifierCheck()(submission("free gift cards on my channel, check out"))
    assert result.score >= 1.0
    assert result.reason.count("'") == 6  # three tokens named


def test_words_of_approved_comments_pull_it_down():
    teach()
    result = ClassifierCheck()(submission("the council budget vote"))
    assert result.score < 0
    assert result.reason.startswith("classifier: reads like approved comments")


def test_nothing_known_nothing_said():
    teach()
    assert ClassifierCheck()(submission("zebra xylophone quartz")) is None


def test_one_query_for_the_tokens(django_assert_num_queries):
    teach()
    classifier.totals()
    with django_assert_num_queries(1):
        ClassifierCheck()(submission("free gift cards"))
