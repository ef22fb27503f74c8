import pytest

from comments.spam import classifier
from comments.spam.checks.classifier import CAP, FLOOR, ClassifierCheck, score_for
from comments.spam.features import features
from tests.comments.spam.builders import submission

pytestmark = pytest.mark.django_db


def teach():
    examples = []
    for i in range(12):
        examples.append((f"check out my channel free gift cards {i}", classifier.SPAM, 1.0))
        examples.append((f"the council budget vote was close {i}", classifier.HAM, 1.0))
    classifier.train(examples, epochs=3)


@pytest.mark.parametrize(
    ("probability", "score"),
    [
        (0.5, 0.0),
        (0.45, 0.0),
        (0.4, 0.0),
        (0.51, 0.5),
        (0.6, 0.592),
        (0.9, 1.0),
        (0.999, CAP),
        (0.01, FLOOR),
        (0.3, -0.193),
    ],
)
def test_log_odds_map_to_score(probability, score):
    assert score_for(probability) == pytest.approx(score, abs=0.01)


def test_spam_words_push_the_score_and_are_named():
    teach()
    result = ClassifierCheck()(submission("Free gift cards on my channel, check out"))
    assert result.score >= 1.0
    assert result.reason.startswith('classifier: "')
    assert 1 <= result.reason.count('"') // 2 <= 3  # the words that weighed most, at most three
    assert 0.9 < result.details["probability"] <= 1


def test_words_of_approved_comments_pull_it_down():
    teach()
    result = ClassifierCheck()(submission("the council budget vote"))
    assert result.score < 0
    assert result.reason.startswith('classifier: reads like approved comments ("')


def test_nothing_to_go_on_nothing_said():
    teach()
    assert ClassifierCheck()(submission("!!! ???")) is None
    result = ClassifierCheck()(submission("zebra xylophone quartz"))
    assert result is None or result.score < 0.5  # words never learned: no reason to hold it


def test_one_query_for_the_weights(django_assert_num_queries):
    teach()
    classifier.state()  # cached, as between requests
    with django_assert_num_queries(1):
        ClassifierCheck()(submission("free gift cards"))


# What the classifier reads besides the text ------------------------------------------------------------------


def test_findings_of_keeps_scored_results_of_other_checks():
    from comments.spam.base import CheckResult
    from comments.spam.checks.classifier import findings_of

    results = [
        CheckResult(0.3, "phone numbers: 1", check="phone numbers"),
        CheckResult(0.0, "nothing", check="links"),
        CheckResult(0.0, "staff", check="staff", decisive="publish"),
        CheckResult(0.0, "down", check="akismet", unavailable=True),
        CheckResult(1.2, "classifier", check="classifier"),
        CheckResult(-0.1, "relevance: on topic", check="relevance"),
    ]
    assert findings_of(results) == {"phone numbers": 0.3, "relevance": -0.1}
    stored = [r.as_dict() for r in results]
    assert findings_of(stored, before={"relevance"}) == {"relevance": -0.1}


def test_a_finding_weighs_what_this_site_learned_it_means():
    """The same text scores higher with a finding the site's spam always had, and the reason names it."""
    examples = []
    for i in range(15):
        found = features(f"thanks for the update {i}", findings={"name and website": 0.3})
        examples.append((found, classifier.SPAM, 1.0))
        examples.append((f"thanks for the update {i}", classifier.HAM, 1.0))
    classifier.train(examples, epochs=4)
    check = ClassifierCheck()
    plain = check(submission("thanks for the update"))
    with_finding = check(submission("thanks for the update"), findings=_finding("name and website", 0.3))
    assert plain is None or plain.score < 0.5
    assert with_finding.score >= 0.5
    assert "[name and website]" in with_finding.reason


def test_the_name_and_website_given_are_read():
    examples = []
    for i in range(15):
        examples.append((features(f"great read {i}", name="Printer Help Desk"), classifier.SPAM, 1.0))
        examples.append((features(f"great read {i}", name=f"Reader {i}"), classifier.HAM, 1.0))
    classifier.train(examples, epochs=4)
    check = ClassifierCheck()
    by_desk = check(submission("great read", author_name="Printer Help Desk"))
    by_reader = check(submission("great read", author_name="Ann Reader"))
    assert by_desk.score >= 0.5 and "printer" in by_desk.reason
    assert by_reader is None or by_reader.score < 0.5


def test_the_pipeline_passes_the_findings_before_the_classifier():
    from comments.spam.base import CheckResult
    from comments.spam.pipeline import evaluate

    seen = {}

    class Spy:
        name = "spy"
        reads_findings = True

        def __call__(self, submission, findings=()):
            seen["findings"] = [r.check for r in findings]

    def phones(submission):
        return CheckResult(0.3, "phone numbers: 1", check="phone numbers")

    def later(submission):
        return CheckResult(0.1, "later", check="later")

    evaluate(submission("call us"), checks=[phones, Spy(), later])
    assert seen["findings"] == ["phone numbers"]


def _finding(check, score):
    from comments.spam.base import CheckResult

    return (CheckResult(score, check, check=check),)
