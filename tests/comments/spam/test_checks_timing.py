import pytest

from comments.spam.checks.timing import TimeOnFormCheck
from tests.comments.spam.builders import submission


def test_a_comment_sent_within_seconds_scores_as_a_bots():
    result = TimeOnFormCheck()(submission(seconds_on_form=1.24))
    assert result.score >= 0.5
    assert result.label == "time on form: 1.2 s (+0.8)"


def test_a_comment_that_took_a_while_says_nothing():
    assert TimeOnFormCheck()(submission(seconds_on_form=3.0)) is None
    assert TimeOnFormCheck()(submission(seconds_on_form=600)) is None


def test_without_a_timestamp_it_says_nothing():
    assert TimeOnFormCheck()(submission(seconds_on_form=None)) is None


@pytest.mark.parametrize(("setting", "option", "flagged"), [(10, None, True), (3, 1, False)])
def test_the_minimum_comes_from_settings_or_options(settings, setting, option, flagged):
    settings.NEWSROOM_SPAM_MIN_SECONDS_ON_FORM = setting
    result = TimeOnFormCheck(min_seconds=option)(submission(seconds_on_form=2))
    assert (result is not None) == flagged
