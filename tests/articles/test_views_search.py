import pytest

from articles.models import Article
from tests.articles.conftest import CHROME_QUERIES
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]


@pytest.fixture
def archive():
    section = make_category(slug="news")
    make_article(headline="Harbour reopens", category=section)
    make_article(headline="Quiet week", standfirst="The harbour was calm.", category=section)
    make_article(headline="Council meets", body="<p>Talk turned to the harbour wall.</p>", category=section)
    make_article(headline="Harbour secret", category=section, status=Article.Status.DRAFT)
    make_article(headline="Unrelated", category=section)
    return section


def test_search_finds_headline_standfirst_and_body_matches(client, archive):
    response = client.get("/search/", {"q": "harbour"})

    assert response.status_code == 200
    found = {a.headline for a in response.context["page_obj"]}
    assert found == {"Harbour reopens", "Quiet week", "Council meets"}
    html = response.content.decode()
    assert "3 results for “harbour”" in html
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    "query",
    ["", "q=", "q=%20%20", "q=%00", "q=harb%00our", "q=%22%27%5C!%26|", "q=harbour&page=abc", "q=harbour&page=99"],
)
def test_empty_or_odd_searches_never_error(client, archive, query):
    response = client.get(f"/search/?{query}")

    assert response.status_code == (404 if "page=" in query else 200)


def test_empty_query_shows_just_the_form(client, archive):
    response = client.get("/search/?q=")

    assert response.context["page_obj"] is None
    assert "results for" not in response.content.decode()


def test_search_escapes_the_query(client, archive):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


# Search with a query: 1 count of matches, 2 the page of articles, 3 their
# bylines; then the site chrome (the sections, for the navigation and the
# teasers, and site settings).
SEARCH_QUERIES = 3 + CHROME_QUERIES


def test_search_query_budget(client, archive, django_assert_num_queries):
    with django_assert_num_queries(SEARCH_QUERIES):
        client.get("/search/", {"q": "harbour"})


def test_search_query_budget_with_ten_more_articles(client, archive, add_articles, django_assert_num_queries):
    add_articles(archive, headline=None, standfirst="More on the harbour.")
    with django_assert_num_queries(SEARCH_QUERIES):
        client.get("/search/", {"q": "harbour"})


def test_empty_search_costs_only_the_chrome(client, archive, django_assert_num_queries):
    with django_assert_num_queries(CHROME_QUERIES):
        client.get("/search/")
