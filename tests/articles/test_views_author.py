import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.articles.conftest import CHROME_QUERIES
from tests.factories import make_article, make_author, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture
def ada():
    ada = make_author(name="Ada Byline", slug="ada", job_title="Science Editor", bio="Writes about space.")
    section = make_category(slug="science")
    make_article(headline="Comet visible tonight", category=section, authors=[ada])
    make_article(headline="Shared story", category=section, authors=[make_author(), ada])
    make_article(headline="Someone else's", category=section)
    make_article(headline="Her draft", category=section, authors=[ada], status=Article.Status.DRAFT)
    return ada


def test_author_page_shows_profile_and_published_articles(client, ada):
    response = client.get("/author/ada/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ada Byline</h1>" in html
    assert "Science Editor" in html
    assert "Writes about space." in html
    assert "Comet visible tonight" in html
    assert "Shared story" in html
    assert "Someone else&#x27;s" not in html
    assert "Her draft" not in html
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Ada Byline (RSS)" href="/feeds/rss/author/ada/">'
        in (html)
    )


def test_author_photo_has_alt_text(client, ada, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ada.photo = SimpleUploadedFile("ada.gif", GIF, content_type="image/gif")
    ada.save()

    html = client.get("/author/ada/").content.decode()

    assert 'class="author-photo" src="/media/authors/' in html
    assert 'alt="Ada Byline"' in html


def test_unknown_author_and_bad_pages_are_404(client, ada):
    assert client.get("/author/nobody/").status_code == 404
    assert client.get("/author/ada/?page=abc").status_code == 404
    assert client.get("/author/ada/?page=9").status_code == 404


# Author page: 1 the author, 2 count of their published articles, 3 the page
# of articles, 4 their bylines; then the site chrome
# (the sections, for the navigation and the teasers, and site settings).
AUTHOR_QUERIES = 4 + CHROME_QUERIES


def test_author_query_budget(client, ada, django_assert_num_queries):
    with django_assert_num_queries(AUTHOR_QUERIES):
        client.get("/author/ada/")


def test_author_query_budget_with_ten_more_articles(client, ada, django_assert_num_queries):
    section = make_category()
    for i in range(10):
        make_article(category=section, authors=[ada, make_author()], tags=[f"t{i}", "shared"])

    with django_assert_num_queries(AUTHOR_QUERIES):
        client.get("/author/ada/")


def test_author_page_describes_the_author_to_search_engines(client, ada):
    html = client.get("/author/ada/").content.decode()

    assert '<meta name="description" content="Writes about space.">' in html


def test_an_author_without_a_bio_is_described_by_name_and_job(client):
    make_author(name="Bo Second", slug="bo", job_title="Correspondent")

    html = client.get("/author/bo/").content.decode()

    assert '<meta name="description" content="Articles by Bo Second, Correspondent, on The Daily Ledger.">' in html
