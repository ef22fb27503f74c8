import pytest

from comments.spam import memory
from comments.spam.checks.trusted import TrustedCommenterCheck
from comments.spam.learning import learn_from_decision
from tests.comments.spam.builders import submission
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def decide(to_status, **kwargs):
    comment = make_comment(make_article(), status="pending", **kwargs)
    learn_from_decision(comment, from_status="pending", to_status=to_status, report=False)
    return comment


def with_cookie(email, **kwargs):
    """A submission from the browser that holds the trust cookie for ``email``."""
    return submission(author_email=email, trust_email_hash=memory.email_proof(email), **kwargs)


def test_a_typed_address_with_approved_comments_earns_nothing():
    decide("approved", email="ann@example.org")
    assert TrustedCommenterCheck()(submission(author_email="ann@example.org")) is None


def test_the_trust_cookie_for_the_address_earns_a_discount_not_a_verdict():
    decide("approved", email="ann@example.org")
    decide("approved", email="ANN@example.org")
    result = TrustedCommenterCheck()(with_cookie("Ann@Example.org"))
    assert result.decisive is None
    assert result.discount
    assert result.score == -0.2
    assert result.reason == "trusted: 2 approved comments by this address (trust cookie), none spam"


def test_a_cookie_for_another_address_or_a_made_up_hash_earns_nothing():
    decide("approved", email="ann@example.org")
    bob_cookie = memory.email_proof("bob@example.org")
    assert TrustedCommenterCheck()(submission(author_email="ann@example.org", trust_email_hash=bob_cookie)) is None
    forged = submission(author_email="ann@example.org", trust_email_hash="0" * 40)
    assert TrustedCommenterCheck()(forged) is None


def test_matched_by_account():
    user = make_user(is_staff=False)
    decide("approved", user=user, email="old@example.org")
    result = TrustedCommenterCheck()(submission(user_id=user.pk, author_email="new@example.org"))
    assert (result.score, result.reason) == (-0.2, "trusted: 1 approved comment by this account, none spam")


def test_anyone_with_spam_on_record_is_not_trusted():
    decide("approved", email="ann@example.org")
    decide("spam", email="ann@example.org")
    assert TrustedCommenterCheck()(with_cookie("ann@example.org")) is None


def test_strangers_are_not_trusted():
    decide("approved", email="ann@example.org")
    assert TrustedCommenterCheck()(with_cookie("bob@example.org")) is None


def test_e_mail_matching_can_be_turned_off():
    decide("approved", email="ann@example.org")
    assert TrustedCommenterCheck(match_email=False)(with_cookie("ann@example.org")) is None


def test_the_discount_is_an_option_and_bounded():
    decide("approved", email="ann@example.org")
    assert TrustedCommenterCheck(discount=0.1)(with_cookie("ann@example.org")).score == -0.1
    assert TrustedCommenterCheck(discount=5)(with_cookie("ann@example.org")).score == -0.3


def test_one_query(django_assert_num_queries):
    decide("approved", email="ann@example.org")
    with django_assert_num_queries(1):  # SpamMemory WHERE key IN (...)
        TrustedCommenterCheck()(with_cookie("ann@example.org"))


def test_no_query_without_anything_to_prove(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert TrustedCommenterCheck()(submission(author_email="ann@example.org")) is None
