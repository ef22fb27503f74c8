from datetime import UTC, datetime
from unittest import mock

import pytest
from django.template import Context, Template

from articles import addresses
from articles.templatetags.articles_tags import iso_datetime
from tests.articles.conftest import in_request


def test_iso_datetime_is_to_the_second_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"

    assert iso_datetime(datetime(2026, 3, 7, 9, 5, 30, 864735, tzinfo=UTC)) == "2026-03-07T14:35:30+05:30"


def test_iso_datetime_of_nothing_is_empty():
    assert iso_datetime(None) == ""
    assert Template("{% load articles_tags %}[{{ missing|iso_datetime }}]").render(Context()) == "[]"


# {% shared_fragment %} ---------------------------------------------------------------------------------------

FRAGMENT = Template(
    '{% load articles_tags %}{% shared_fragment name "x" tagged %}<p>{{ text }}</p>{% endshared_fragment %}'
    '{% shared_fragment "site-header" %}<h1>{{ text }}</h1>{% endshared_fragment %}'
)


def _render(text, *, name="article-1", tags=()):
    from django.test import RequestFactory

    from articles import pagecache

    request = RequestFactory().get("/")
    with in_request():
        pagecache.tag(request, *tags)
        return FRAGMENT.render(Context({"request": request, "name": name, "text": text}))


def test_a_fragment_is_rendered_once_until_a_purge_of_what_the_page_shows(db, local_page_cache):
    from articles import pagecache

    assert _render("first", tags=["article-1"]) == "<p>first</p><h1>first</h1>"
    assert _render("second", tags=["article-1"]) == "<p>first</p><h1>first</h1>"
    pagecache.purge("article-1")  # the tagged fragment showed it; the header did not
    assert _render("third", tags=["article-1"]) == "<p>third</p><h1>first</h1>"
    pagecache.purge()
    assert _render("fourth", tags=["article-1"]) == "<p>fourth</p><h1>fourth</h1>"


def test_a_fragment_without_a_name_or_without_the_page_cache_is_rendered_every_time(db, local_page_cache, settings):
    assert _render("first", name=None) == "<p>first</p><h1>first</h1>"
    assert _render("second", name=None) == "<p>second</p><h1>first</h1>"  # a preview's text is its own
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    assert _render("third") == "<p>third</p><h1>third</h1>"


@pytest.mark.parametrize(
    "tag",
    [
        "{% NAME 'articles:home' %}",
        "{% NAME 'articles:tag' slug=slug %}",
        "{% NAME 'articles:tag' slug=slug as there %}[{{ there }}]",
        "{% NAME 'articles:author' slug %}",
    ],
)
def test_address_is_what_url_gives(tag):
    def rendered(name):
        source = "{% load articles_tags %}" + tag.replace("NAME", name)
        return Template(source).render(Context({"slug": "rock-and-roll"}))

    assert rendered("address") == rendered("url")


def test_address_is_looked_up_once():
    template = Template("{% load articles_tags %}{% address 'articles:home' %}")
    with mock.patch("articles.addresses.django_reverse", wraps=addresses.django_reverse) as reverse:
        addresses.forget()
        assert template.render(Context()) == template.render(Context()) == "/"
    assert reverse.call_count == 1
