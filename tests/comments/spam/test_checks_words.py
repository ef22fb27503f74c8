import pytest

from comments.spam.checks.words import WordListCheck
from tests.comments.spam.builders import submission


@pytest.fixture
def lists(settings):
    settings.NEWSROOM_COMMENTS_MODERATION_WORDS = ["refund", "192.0.2."]
    settings.NEWSROOM_COMMENTS_BLOCK_WORDS = ["casino", "@spam.example"]


def test_moderation_words_hold(lists):
    result = WordListCheck()(submission("Where is my REFUND?"))
    assert result.label == "moderation word: 'refund' in text (+0.5)"
    assert result.decisive is None


def test_block_words_are_spam(lists):
    result = WordListCheck()(submission("Best Casino bonuses"))
    assert result.decisive == "spam"
    assert result.reason == "blocked word: 'casino' in text"


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("author_name", "Casino Royale", "name"),
        ("author_email", "bob@spam.example", "e-mail"),
        ("author_url", "https://casino.example", "website"),
    ],
)
def test_every_field_is_searched(lists, field, value, where):
    assert WordListCheck()(submission("An ordinary comment.", **{field: value})).reason.endswith(f"in {where}")


def test_ip_address_fragments_match(lists):
    result = WordListCheck()(submission("Hello", ip_address="192.0.2.55"))
    assert result.reason == "moderation word: '192.0.2.' in IP address"


def test_words_match_whole_words_only(lists):
    assert WordListCheck()(submission("Occasional refunds are fine, said the occasino.")) is None


def test_disguised_words_are_found_after_normalising(lists):
    assert WordListCheck()(submission("Try our ｃａｓｉｎｏ")).decisive == "spam"
    assert WordListCheck()(submission("Try our cas\u200bino")).decisive == "spam"


def test_empty_lists_say_nothing():
    assert WordListCheck()(submission("casino refund")) is None


def test_options_override_settings(lists):
    check = WordListCheck(moderation_words=[], block_words=["budget"])
    assert check(submission("The budget is wrong")).decisive == "spam"
    assert check(submission("casino refund")) is None
