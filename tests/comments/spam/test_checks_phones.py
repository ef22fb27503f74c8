import pytest

from comments.spam.checks.phones import PhoneNumbersCheck, is_toll_free, phone_numbers
from tests.comments.spam.builders import AIRLINE_ARTICLE, NEWS_COMMENT, ON_TOPIC_COMMENTS, submission


@pytest.mark.parametrize(
    "written",
    [
        "1-888-555-0199",
        "+1 (800) 555-0199",
        "1.877.555.0199",
        "1 8 8 8 5 5 5 0 1 9 9",
        "1-8OO-555-O199",
        "１-８８８-５５５-０１９９",  # full-width digits
        "1-888-555-\u200b0199",  # a zero-width space inside
        "(866) 555 0199",
        "0800 555 0199",
        "➊-➑➑➑-➎➎➎-⓿➊➒➒",  # circled digits, which NFKC leaves alone
        "1‑800‑555‑0199",  # non-breaking hyphens
        "one eight eight eight, five five five, zero one nine nine",
        "one-eight-hundred 555 01 99",
    ],
)
def test_toll_free_numbers_however_they_are_written(written):
    assert phone_numbers(f"call {written} today") == [(phone_numbers(written)[0][0], True)]


@pytest.mark.parametrize(
    "text",
    [
        "The bypass was approved in 2017 and funded in 2019 2020 2021 by the growth fund.",
        "It cost £1,250,000,000 in the end.",
        "Reference 24/0931/FUL on the planning portal.",
        "Ring the Samaritans on 116 123.",
        "How can there be 2.124.821.694 views already?",
        "1000000000 views.",
        "See https://news.example/2026/03/01/12345678901/story for the background.",
    ],
)
def test_years_money_references_short_numbers_and_links_are_not_phone_numbers(text):
    assert phone_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Call now 1-888-555-0199", "call now"),
        ("c.a.l.l n.o.w for refunds 1 8 0 0 5 5 5 0 1 9 9", "call now"),
        ("help? c a l l 1 8 3 3 5 5 5 0 1 5 6", "call"),
        ("toll-free 1-888-555-0199", "toll-free"),
    ],
)
def test_calls_to_action_however_they_are_written(text, words):
    assert PhoneNumbersCheck()(submission(text)).reason.endswith(f"'{words}')")


def test_asking_readers_to_call_someone_is_not_a_call_to_action():
    text = "My electricity company says to call them on 0808 157 0114 if you have a medical fridge."
    assert PhoneNumbersCheck()(submission(text)).reason == "phone numbers: 1 (toll-free)"


def test_which_numbers_are_toll_free():
    assert is_toll_free("18885550199") and is_toll_free("8335550199") and is_toll_free("08085550199")
    assert not is_toll_free("01614960000") and not is_toll_free("12125550199")


def test_one_ordinary_number_adds_little():
    result = PhoneNumbersCheck()(submission(NEWS_COMMENT + " The planning office is on 0161 496 0000."))
    assert result.label == "phone numbers: 1 (+0.1)"
    assert result.score == pytest.approx(0.15)


def test_helpline_spam_with_several_toll_free_numbers_and_a_call_to_action():
    text = (
        "Delta Airlines Reservations Number +1-888-555-0199 call now. Delta Airlines customer service number "
        "1 (888) 555-0199, flight changes 1-877-555-0142."
    )
    result = PhoneNumbersCheck()(submission(text))
    assert result.reason == "phone numbers: 3 (toll-free, repeated, 'call now')"
    assert result.score == pytest.approx(0.45)  # the cap: below the hold threshold, so it needs company


def test_one_toll_free_number_adds_more_than_an_ordinary_one():
    result = PhoneNumbersCheck()(submission("HP printer offline? Our helpline: 1-800-555-0109."))
    assert result.reason == "phone numbers: 1 (toll-free)"
    assert result.score == pytest.approx(0.35)


def test_a_reader_listing_two_free_helplines_is_not_held_for_it():
    text = "If this story affected you, call the helpline on 0808 157 0192 or the night line on 0800 157 0193."
    result = PhoneNumbersCheck()(submission(text))
    assert result.reason == "phone numbers: 2 (toll-free, 'call the helpline')"
    assert result.score < 0.5


def test_the_weight_option_scales_the_score():
    assert PhoneNumbersCheck(weight=0.5)(submission("our line 1-888-555-0199")).score == pytest.approx(0.175)


def test_a_reader_giving_a_free_helpline_is_not_held():
    assert PhoneNumbersCheck()(submission(ON_TOPIC_COMMENTS[2], target_text=AIRLINE_ARTICLE)).score < 0.5


def test_no_number_nothing_said():
    assert PhoneNumbersCheck()(submission(NEWS_COMMENT)) is None
