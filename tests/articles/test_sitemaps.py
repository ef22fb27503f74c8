import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from articles import sitemaps
from articles.models import Article
from tests.factories import make_article, make_author, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_cached")]

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def locations(response):
    return [url.findtext(f"{SM}loc") for url in ET.fromstring(response.content).findall(f"{SM}url")]


@pytest.fixture
def archive():
    news = make_category(slug="news", name="News")
    make_category(slug="world", parent=news)
    ada = make_author(slug="ada")
    make_author(slug="idle")  # no published articles
    shy = make_author(slug="shy")
    make_article(slug="live", category=news, authors=[ada])
    make_article(slug="draft", category=news, authors=[shy], status=Article.Status.DRAFT)
    make_article(slug="later", category=news, authors=[shy], publish_at=datetime.now(UTC) + timedelta(days=1))
    return news


def test_sitemap_lists_published_articles_sections_and_authors_with_articles(client, archive):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert set(locations(response)) == {
        "https://example.com/news/live/",
        "https://example.com/news/",
        "https://example.com/news/world/",
        "https://example.com/author/ada/",
    }
    lastmods = [url.findtext(f"{SM}lastmod") for url in ET.fromstring(response.content).findall(f"{SM}url")]
    assert lastmods[0]  # articles carry their last change


def test_news_sitemap_has_the_last_48_hours_with_news_data(client, db_clock):
    section = make_category(slug="news")
    with time_machine.travel(NOW - timedelta(hours=49), tick=False):
        make_article(slug="old", category=section, publish_at=NOW - timedelta(hours=49))
    with time_machine.travel(NOW - timedelta(hours=47), tick=False):
        make_article(slug="fresh", headline="Fresh & new", category=section, publish_at=NOW - timedelta(hours=47))
    make_article(slug="draft", category=section, status=Article.Status.DRAFT, publish_at=NOW - timedelta(hours=1))
    make_article(slug="scheduled", category=section, publish_at=NOW + timedelta(hours=1))

    with time_machine.travel(NOW, tick=False):
        response = client.get("/sitemap-news.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = root.findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == ["https://example.com/news/fresh/"]
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Daily Ledger"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == NOW - timedelta(hours=47)
    assert published.tzinfo is not None


def test_news_sitemap_is_capped_newest_first(client, archive, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_SITEMAP_LIMIT", 3)
    for hours in range(5):
        make_article(slug=f"n{hours}", category=archive, publish_at=datetime.now(UTC) - timedelta(hours=hours + 2))

    response = client.get("/sitemap-news.xml")

    assert locations(response) == [
        "https://example.com/news/live/",  # an hour old
        "https://example.com/news/n0/",
        "https://example.com/news/n1/",
    ]


def test_the_real_cap_is_googles_thousand():
    assert sitemaps.NEWS_SITEMAP_LIMIT == 1000


@pytest.mark.parametrize(("code", "expected"), [("en-gb", "en"), ("de", "de"), ("zh-cn", "zh-cn"), ("pt-br", "pt")])
def test_news_language(code, expected):
    assert sitemaps.news_language(code) == expected


# sitemap.xml: for each of articles, sections and authors, 1 count for the
# paginator and 1 page of items: 6. (The current Site is cached after first use.)
SITEMAP_QUERIES = 6
# sitemap-news.xml: 1 count of the capped recent articles, 2 the articles with section.
NEWS_SITEMAP_QUERIES = 2


def test_sitemap_query_budget(client, archive, django_assert_num_queries):
    with django_assert_num_queries(SITEMAP_QUERIES):
        client.get("/sitemap.xml")


def test_sitemap_query_budget_with_ten_more_articles(client, archive, add_articles, django_assert_num_queries):
    add_articles(make_category(parent=archive))
    with django_assert_num_queries(SITEMAP_QUERIES):
        response = client.get("/sitemap.xml")
    assert len(locations(response)) > 20


def test_news_sitemap_query_budget(client, archive, django_assert_num_queries):
    with django_assert_num_queries(NEWS_SITEMAP_QUERIES):
        client.get("/sitemap-news.xml")


def test_news_sitemap_query_budget_with_ten_more_articles(client, archive, add_articles, django_assert_num_queries):
    add_articles(archive)
    with django_assert_num_queries(NEWS_SITEMAP_QUERIES):
        response = client.get("/sitemap-news.xml")
    assert len(locations(response)) == 11
