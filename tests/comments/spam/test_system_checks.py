import pytest

from comments.system_checks import check_spam_settings


def ids():
    return [e.id for e in check_spam_settings(None)]


def test_defaults_pass():
    assert ids() == []


def test_calibration_may_be_turned_off(settings):
    settings.NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = None
    assert ids() == []


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("NEWSROOM_SPAM_CHECKS", "comments.spam.checks.links.LinksCheck", "comments.E101"),
        ("NEWSROOM_SPAM_CHECKS", ["comments.spam.checks.nowhere.Missing"], "comments.E102"),
        ("NEWSROOM_SPAM_CHECKS", [{"OPTIONS": {}}], "comments.E102"),
        ("NEWSROOM_SPAM_HOLD_THRESHOLD", 2.0, "comments.E103"),
        ("NEWSROOM_SPAM_SPAM_THRESHOLD", "1", "comments.E103"),
        ("NEWSROOM_SPAM_MIN_SECONDS_ON_FORM", -1, "comments.E104"),
        ("NEWSROOM_COMMENTS_MAX_LINKS", 1.5, "comments.E105"),
        ("NEWSROOM_COMMENTS_BLOCK_WORDS", "casino", "comments.E106"),
        ("NEWSROOM_AKISMET_TIMEOUT", 5, "comments.E107"),
        ("NEWSROOM_AKISMET_SITE_URL", "news.example", "comments.E108"),
        ("NEWSROOM_RECAPTCHA_PUBLIC_KEY", "only-one", "comments.E109"),
        ("NEWSROOM_RECAPTCHA_VERSION", "v4", "comments.E110"),
        ("NEWSROOM_RECAPTCHA_MIN_SCORE", 2, "comments.E111"),
        ("NEWSROOM_SPAM_TARGET_HAM_TO_SPAM", 1.5, "comments.E113"),
        ("NEWSROOM_SPAM_TARGET_HAM_TO_SPAM", 0, "comments.E113"),
    ],
)
def test_wrong_settings_are_reported_with_a_hint(settings, setting, value, check_id):
    setattr(settings, setting, value)
    errors = check_spam_settings(None)
    assert check_id in [e.id for e in errors]
    assert all(e.hint for e in errors)


def test_googles_test_keys_are_a_warning(settings):
    from django_recaptcha.constants import TEST_PRIVATE_KEY, TEST_PUBLIC_KEY

    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = TEST_PUBLIC_KEY
    settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = TEST_PRIVATE_KEY
    assert ids() == ["comments.W112"]
