import pytest

from articles.models import Article
from tests.articles.conftest import CHROME_QUERIES
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]


@pytest.fixture
def tagged():
    section = make_category(slug="business")
    make_article(headline="Rates held", category=section, tags=["Interest rates", "Banks"])
    make_article(headline="Untagged", category=section)
    make_article(headline="Held back", category=section, tags=["Interest rates"], status=Article.Status.REVIEW)
    return section


def test_tag_page_lists_published_articles_with_the_tag(client, tagged):
    response = client.get("/tag/interest-rates/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tagged “Interest rates”" in html
    assert "Rates held" in html
    assert "Untagged" not in html
    assert "Held back" not in html


def test_unknown_tag_and_bad_pages_are_404(client, tagged):
    assert client.get("/tag/nothing-here/").status_code == 404
    assert client.get("/tag/banks/?page=abc").status_code == 404
    assert client.get("/tag/banks/?page=-1").status_code == 404


# Tag page: 1 the tag, 2 count of its published articles, 3 the page of
# articles, 4 their bylines; then the site chrome (the sections, for the
# navigation and the teasers, and site settings).
TAG_QUERIES = 4 + CHROME_QUERIES


def test_tag_query_budget(client, tagged, django_assert_num_queries):
    with django_assert_num_queries(TAG_QUERIES):
        client.get("/tag/banks/")


def test_tag_query_budget_with_ten_more_articles(client, tagged, add_articles, django_assert_num_queries):
    add_articles(tagged)  # every one is tagged "shared"
    with django_assert_num_queries(TAG_QUERIES):
        client.get("/tag/shared/")


def test_tag_page_describes_itself_to_search_engines(client, tagged):
    html = client.get("/tag/interest-rates/").content.decode()

    assert '<meta name="description" content="Articles tagged “Interest rates” on The Daily Ledger.">' in html
