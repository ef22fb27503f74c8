import pytest

from comments.spam.checks.trusted import TrustedCommenterCheck
from comments.spam.learning import learn_from_decision
from tests.comments.spam.builders import submission
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def decide(to_status, **kwargs):
    comment = make_comment(make_article(), status="pending", **kwargs)
    learn_from_decision(comment, from_status="pending", to_status=to_status, report=False)
    return comment


def test_someone_with_approved_comments_and_no_spam_is_published():
    decide("approved", email="ann@example.org")
    decide("approved", email="ANN@example.org")
    result = TrustedCommenterCheck()(submission(author_email="Ann@Example.org"))
    assert result.decisive == "publish"
    assert result.reason == "trusted: 2 approved comments, none spam"


def test_matched_by_account():
    user = make_user(is_staff=False)
    decide("approved", user=user, email="old@example.org")
    assert TrustedCommenterCheck()(submission(user_id=user.pk, author_email="new@example.org")).decisive == "publish"


def test_anyone_with_spam_on_record_is_not_trusted():
    decide("approved", email="ann@example.org")
    decide("spam", email="ann@example.org")
    assert TrustedCommenterCheck()(submission(author_email="ann@example.org")) is None


def test_strangers_are_not_trusted():
    decide("approved", email="ann@example.org")
    assert TrustedCommenterCheck()(submission(author_email="bob@example.org")) is None


def test_e_mail_matching_can_be_turned_off():
    decide("approved", email="ann@example.org")
    assert TrustedCommenterCheck(match_email=False)(submission(author_email="ann@example.org")) is None


def test_one_query(django_assert_num_queries):
    decide("approved", email="ann@example.org")
    with django_assert_num_queries(1):  # SpamMemory WHERE key IN (...)
        TrustedCommenterCheck()(submission(author_email="ann@example.org"))
