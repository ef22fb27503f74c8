import pytest
from django.core import checks

from articles.listing import decorate
from articles.system_checks import check_list_decorators
from tests.factories import make_article, make_category

CALLS = []


def attach_numbers(articles):
    """A test decorator: one call per page, whatever the number of articles."""
    CALLS.append(len(articles))
    for n, article in enumerate(articles):
        article.comment_count = n


def test_decorate_without_decorators_returns_the_list(settings):
    settings.NEWSROOM_ARTICLE_LIST_DECORATORS = []

    assert decorate(iter([1, 2])) == [1, 2]


def test_each_decorator_sees_the_whole_list_once(settings):
    settings.NEWSROOM_ARTICLE_LIST_DECORATORS = ["tests.articles.test_listing.attach_numbers"]
    CALLS.clear()

    class Item:
        pass

    items = decorate([Item(), Item(), Item()])

    assert CALLS == [3]
    assert [i.comment_count for i in items] == [0, 1, 2]


def test_an_empty_page_calls_nothing(settings):
    settings.NEWSROOM_ARTICLE_LIST_DECORATORS = ["tests.articles.test_listing.attach_numbers"]
    CALLS.clear()

    assert decorate([]) == []
    assert CALLS == []


@pytest.mark.django_db
@pytest.mark.usefixtures("app_pages")
@pytest.mark.parametrize("url", ["/", "/news/", "/search/?q=Story", "/tag/t/"])
def test_listing_pages_show_what_decorators_attach(client, settings, url):
    settings.NEWSROOM_ARTICLE_LIST_DECORATORS = ["tests.articles.test_listing.attach_numbers"]
    section = make_category(slug="news")
    make_article(headline="Story one", category=section, tags=["t"])
    make_article(headline="Story two", category=section, tags=["t"])
    CALLS.clear()

    html = client.get(url).content.decode()

    assert len(CALLS) == 1  # the home page decorates its latest list and section blocks together
    assert "0 comments" in html
    assert "1 comment<" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("app_pages")
def test_teasers_say_nothing_about_comments_without_a_decorator(client):
    make_article(category=make_category(slug="news"))

    main = client.get("/news/").content.decode().lower().split("<main", 1)[1].split("</main>", 1)[0]

    assert "comment" not in main


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ([], []),
        (["tests.articles.test_listing.attach_numbers"], []),
        ("tests.articles.test_listing.attach_numbers", ["articles.E003"]),
        (["tests.articles.test_listing.nothing_here"], ["articles.E004"]),
        (["no_dots"], ["articles.E004"]),
        (["tests.articles.test_listing.CALLS"], ["articles.E004"]),
    ],
)
def test_the_setting_is_checked(settings, value, ids):
    settings.NEWSROOM_ARTICLE_LIST_DECORATORS = value

    errors = check_list_decorators(None)

    assert [e.id for e in errors] == ids
    assert all(isinstance(e, checks.Error) and e.hint for e in errors)
