import pytest

from comments.spam.checks.helpline import HelplineCheck
from tests.comments.spam.builders import AIRLINE_ARTICLE, NEWS_COMMENT, ON_TOPIC_COMMENTS, submission


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Delta Airlines reservations number 1-888-555-0101", "helpline: 'reservations number' near 'Delta Airlines'"),
        ("HP printer offline? We fix it fast.", "helpline: 'printer offline' near 'HP'"),
        ("Call the QuickBooks support number today", "helpline: 'support number' near 'QuickBooks'"),
        ("coinbase customer service number for a locked wallet", "helpline: 'customer service number' near 'wallet'"),
    ],
)
def test_helpline_phrases_next_to_a_brand(text, reason):
    result = HelplineCheck()(submission(text))
    assert result.reason == reason
    assert result.score == pytest.approx(0.3)


def test_several_phrases_add_up_to_a_cap_below_the_hold_threshold():
    text = (
        "Delta Airlines reservations number, Delta Airlines customer service number, flight booking and "
        "flight cancellation by phone, speak to a live person at Delta Airlines."
    )
    result = HelplineCheck()(submission(text))
    assert result.reason == "helpline: 'reservations number' near 'Delta Airlines' and 4 more"
    assert result.score == pytest.approx(0.45)


def test_a_phrase_alone_adds_little():
    result = HelplineCheck()(submission("I rang the helpline three times and nobody answered."))
    assert result.label == "helpline: 'helpline' (+0.1)"


def test_a_capitalised_word_starting_a_sentence_is_not_a_brand():
    result = HelplineCheck()(submission("Tried again. Customer service number was engaged all day."))
    assert result.reason == "helpline: 'customer service number'"


def test_readers_complaining_about_a_company_are_not_held():
    scores = [HelplineCheck()(submission(text, target_text=AIRLINE_ARTICLE)) for text in ON_TOPIC_COMMENTS]
    assert all(result is None or result.score < 0.5 for result in scores)


def test_the_weight_option_scales_the_score():
    assert HelplineCheck(weight=2)(submission("HP printer offline")).score == pytest.approx(0.6)


def test_no_phrase_nothing_said():
    assert HelplineCheck()(submission(NEWS_COMMENT)) is None
