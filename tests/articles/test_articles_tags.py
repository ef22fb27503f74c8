from datetime import UTC, datetime

from django.template import Context, Template

from articles.templatetags.articles_tags import iso_datetime


def test_iso_datetime_is_to_the_second_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"

    assert iso_datetime(datetime(2026, 3, 7, 9, 5, 30, 864735, tzinfo=UTC)) == "2026-03-07T14:35:30+05:30"


def test_iso_datetime_of_nothing_is_empty():
    assert iso_datetime(None) == ""
    assert Template("{% load articles_tags %}[{{ missing|iso_datetime }}]").render(Context()) == "[]"
