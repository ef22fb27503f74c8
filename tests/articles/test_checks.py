import pytest

from articles.system_checks import check_settings


def error_ids():
    return [error.id for error in check_settings(None)]


@pytest.mark.parametrize("value", [0, 4, 20])
def test_related_count_within_range_passes(settings, value):
    settings.NEWSROOM_RELATED_COUNT = value
    assert "articles.E001" not in error_ids()


@pytest.mark.parametrize("value", [-1, 21, "4", 4.0, True, None])
def test_related_count_out_of_range_or_not_a_whole_number_fails(settings, value):
    settings.NEWSROOM_RELATED_COUNT = value
    errors = [e for e in check_settings(None) if e.id == "articles.E001"]
    assert len(errors) == 1
    assert repr(value) in errors[0].msg
    assert "whole number from 0 to 20" in errors[0].hint


def test_related_count_default_passes(settings):
    del settings.NEWSROOM_RELATED_COUNT
    assert check_settings(None) == []


@pytest.mark.parametrize("value", [0, -3, "20", False, 2.5])
def test_articles_per_page_must_be_a_positive_whole_number(settings, value):
    settings.NEWSROOM_ARTICLES_PER_PAGE = value
    assert error_ids() == ["articles.E002"]


def test_the_checks_are_registered(settings):
    from django.core import checks

    settings.NEWSROOM_RELATED_COUNT = 99
    assert "articles.E001" in [e.id for e in checks.run_checks()]
