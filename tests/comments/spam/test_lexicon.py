import re

from comments.spam import lexicon


def test_commercial_words_in_order_each_once():
    assert lexicon.commercial_words("Best SEO Services, best prices") == ["best", "seo", "services", "prices"]
    assert lexicon.commercial_words("Ann Reader") == []


def test_words_run_together_are_found_inside_only_when_asked():
    assert lexicon.commercial_words("cheapflightdeals") == []
    assert lexicon.commercial_words("cheapflightdeals", inside=True) == ["cheap", "flight", "deals"]
    # The longer word wins, and short words are never looked for inside others ("seo" in "seoul").
    assert lexicon.commercial_words("skyairlines", inside=True) == ["airlines"]
    assert lexicon.commercial_words("seouldiary", inside=True) == []


def test_strong_words():
    assert lexicon.is_strong("casino") and not lexicon.is_strong("best")


def test_phrases_are_found_where_their_first_word_is():
    pattern = re.compile(r"nice\s+post|thanks\s+for\s+sharing", re.IGNORECASE)
    text = "Nice post. Thanks for sharing, and thanks again; a nice day."
    found = [m.group(0) for m in lexicon.find_phrases(pattern, text, first_words=frozenset({"nice", "thanks"}))]
    assert found == ["Nice post", "Thanks for sharing"]


def test_phrases_keep_their_place_when_lower_case_changes_the_length():
    pattern = re.compile(r"call\s+now", re.IGNORECASE)
    text = "İstanbul office: call now"  # "İ" is two characters in lower case
    (match,) = lexicon.find_phrases(pattern, text, first_words=frozenset({"call"}))
    assert text[match.start() : match.end()] == "call now"
