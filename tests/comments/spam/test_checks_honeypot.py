from comments.spam.checks.honeypot import HoneypotCheck
from tests.comments.spam.builders import submission


def test_a_filled_honeypot_is_spam():
    result = HoneypotCheck()(submission(honeypot_value="+44 20 7946 0000"))
    assert result.decisive == "spam"
    assert result.label == "honeypot: the hidden field was filled in (spam)"


def test_an_empty_or_blank_honeypot_says_nothing():
    assert HoneypotCheck()(submission()) is None
    assert HoneypotCheck()(submission(honeypot_value="   ")) is None


def test_it_judges_the_request_so_it_is_neither_replayed_nor_benchmarked():
    assert HoneypotCheck.uses_request
    assert not HoneypotCheck.replayable
