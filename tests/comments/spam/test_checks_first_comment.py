import pytest

from comments.spam import memory
from comments.spam.checks.first_comment import TRUSTED_BY_MODERATOR, FirstCommentCheck
from comments.spam.learning import learn_from_decision
from tests.comments.spam.builders import submission
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def test_an_unknown_commenter_is_held():
    result = FirstCommentCheck()(submission(author_email="new@example.org"))
    assert result.label == "first comment: nothing approved from this commenter yet (+0.5)"


def test_someone_with_an_approved_comment_is_not():
    comment = make_comment(make_article(), status="pending", email="ann@example.org")
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    proof = memory.email_proof("ann@example.org")
    assert FirstCommentCheck()(submission(author_email="ann@example.org", trust_email_hash=proof)) is None


def test_a_signed_in_reader_with_an_approved_comment_is_not():
    user = make_user(is_staff=False)
    comment = make_comment(make_article(), status="pending", user=user)
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    assert FirstCommentCheck()(submission(user_id=user.pk, author_email="ann@example.org")) is None


def test_typing_the_address_of_someone_with_an_approved_comment_proves_nothing():
    comment = make_comment(make_article(), status="pending", email="ann@example.org")
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    assert FirstCommentCheck()(submission(author_email="ann@example.org")) is not None
    forged = submission(author_email="ann@example.org", trust_email_hash="f" * 40)
    assert FirstCommentCheck()(forged) is not None


def test_an_unapproved_comment_does_not_count():
    make_comment(make_article(), status="approved", email="ann@example.org")  # published by the filter, not a person
    assert FirstCommentCheck()(submission(author_email="ann@example.org")) is not None


def test_it_can_be_turned_off(settings):
    settings.NEWSROOM_SPAM_HOLD_FIRST_COMMENT = False
    assert FirstCommentCheck()(submission()) is None
    assert FirstCommentCheck(enabled=True)(submission()) is not None


def test_the_score_follows_the_hold_threshold(settings):
    settings.NEWSROOM_SPAM_HOLD_THRESHOLD = 0.7
    assert FirstCommentCheck()(submission()).score == 0.7


def test_a_commenter_a_moderator_trusts_passes_and_the_verdict_says_so():
    result = FirstCommentCheck()(submission(author_email="new@example.org", moderator_trusted=True))
    assert (result.score, result.label) == (0.0, "first comment: not held, a moderator trusts this commenter")


def test_a_second_look_keeps_the_trust_a_commenter_had_when_posting():
    from comments.spam import pipeline

    reasons = [{"check": "first comment", "score": 0.0, "reason": TRUSTED_BY_MODERATOR}]
    trusted = make_comment(make_article(), status="pending", spam_reasons=reasons)
    assert pipeline.submission_for(trusted).moderator_trusted
    assert not pipeline.submission_for(make_comment(make_article(), status="pending")).moderator_trusted
    assert pipeline.submission_for(make_comment(make_article()), moderator_trusted=True).moderator_trusted
