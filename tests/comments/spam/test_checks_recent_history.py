from datetime import timedelta

import pytest
from django.test import override_settings

from comments import conf
from comments.spam import memory
from comments.spam.checks.recent_history import RecentHistoryCheck
from tests.comments.spam.builders import submission
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

ANN = "ann@example.org"
ON = override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE=0.5)


def proven(**kwargs):
    """Ann's submission from the browser whose trust cookie names her address."""
    return submission(author_email=ANN, trust_email_hash=memory.email_proof(ANN), **kwargs)


def history(statuses, *, days_ago=1, **kwargs):
    """Comments of Ann's decided ``days_ago`` days before the builders' submission time."""
    article = make_article()
    when = submission().submitted_at - timedelta(days=days_ago)
    fields = {"email": ANN, **kwargs}
    return [make_comment(article, status=s, submit_date=when, **fields) for s in statuses]


def test_it_is_off_by_default_and_costs_nothing(django_assert_num_queries):
    history(["spam", "spam", "trash", "trash"])
    assert conf.get("NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE") is None
    with django_assert_num_queries(0):
        assert RecentHistoryCheck()(proven()) is None


@ON
def test_it_holds_a_commenter_whose_recent_comments_were_mostly_removed(django_assert_num_queries):
    history(["spam", "trash", "trash", "spam", "approved", "approved", "pending"])

    with django_assert_num_queries(1):
        result = RecentHistoryCheck()(proven())

    assert result.label == "recent history: 4 of 6 comments rejected in the last 7 days (+0.5)"
    assert result.score == conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD")


@ON
def test_at_the_rate_exactly_it_holds_below_it_not():
    history(["trash", "approved"])
    history(["approved"], email="other@example.org")
    with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS=2):
        assert RecentHistoryCheck()(proven()) is not None
        history(["approved"])
        assert RecentHistoryCheck()(proven()) is None  # 1 of 3


@ON
def test_too_few_decided_comments_are_no_history():
    history(["trash", "spam", "pending", "pending"])  # two decided, the default minimum is 3
    assert RecentHistoryCheck()(proven()) is None
    with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS=2):
        assert RecentHistoryCheck()(proven()) is not None


@ON
def test_only_the_window_counts():
    history(["trash", "trash", "trash"], days_ago=8)
    history(["approved"], days_ago=1)
    assert RecentHistoryCheck()(proven()) is None
    with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS=10):
        assert RecentHistoryCheck()(proven()).reason == "recent history: 3 of 4 comments rejected in the last 10 days"


@ON
def test_a_typed_address_neither_inherits_nor_spoils_a_history():
    history(["spam", "spam", "spam"])
    assert RecentHistoryCheck()(submission(author_email=ANN)) is None
    assert RecentHistoryCheck()(submission(author_email=ANN, trust_email_hash="f" * 40)) is None
    assert RecentHistoryCheck()(proven()) is not None


@ON
def test_an_account_is_judged_by_its_own_comments():
    reader = make_user(is_staff=False, email="reader@example.org")
    history(["trash", "trash", "spam"], email="reader@example.org", user=reader)
    history(["trash", "trash", "trash"], email="someone@example.org")

    assert RecentHistoryCheck()(submission(user_id=reader.pk, author_email="reader@example.org")) is not None
    other = make_user(is_staff=False)
    assert RecentHistoryCheck()(submission(user_id=other.pk, author_email="someone@example.org")) is None


@ON
def test_a_second_look_does_not_count_the_comment_itself():
    (itself,) = history(["trash"])
    history(["approved", "approved"])
    with override_settings(
        NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS=2, NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE=0.3
    ):
        assert RecentHistoryCheck()(proven()) is not None  # 1 of 3
        assert RecentHistoryCheck()(proven(extra={"comment_pk": itself.pk})) is None  # 0 of 2


def test_it_runs_after_the_first_comment_check_in_the_default_list():
    paths = [entry if isinstance(entry, str) else entry["NAME"] for entry in conf.DEFAULTS["NEWSROOM_SPAM_CHECKS"]]
    first = paths.index("comments.spam.checks.first_comment.FirstCommentCheck")
    assert paths[first + 1] == "comments.spam.checks.recent_history.RecentHistoryCheck"
    assert RecentHistoryCheck.uses_identity
