from comments.spam.checks.staff import StaffCheck
from tests.comments.spam.builders import submission


def test_staff_publish_without_further_checks():
    result = StaffCheck()(submission(user_id=3, user_is_staff=True))
    assert result.decisive == "publish"
    assert result.reason == "staff: written by a member of staff"


def test_readers_and_signed_out_staff_flags_are_not_trusted():
    assert StaffCheck()(submission(user_id=3)) is None
    assert StaffCheck()(submission(user_is_staff=True)) is None  # no account: a forged flag means nothing
