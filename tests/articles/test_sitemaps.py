import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from articles import pagecache, sitemaps
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


def index_entries(response):
    root = ET.fromstring(response.content)
    assert root.tag == f"{SM}sitemapindex"
    return [(entry.findtext(f"{SM}loc"), entry.findtext(f"{SM}lastmod")) for entry in root.findall(f"{SM}sitemap")]


def test_sitemap_xml_is_an_index_of_the_articles_sections_and_authors_sitemaps(client, archive):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    entries = index_entries(response)
    assert [loc for loc, _lastmod in entries] == [
        "https://example.com/sitemap-articles.xml",
        "https://example.com/sitemap-sections.xml",
        "https://example.com/sitemap-authors.xml",
    ]
    # No <lastmod> for a sitemap: the newest change of the whole archive would tell a crawler nothing of a page.
    assert [lastmod for _loc, lastmod in entries] == [None, None, None]


def test_the_sitemaps_list_published_articles_sections_and_authors_with_articles(client, archive):
    found = {name: locations(client.get(f"/sitemap-{name}.xml")) for name in ("articles", "sections", "authors")}

    assert found == {
        "articles": ["https://example.com/news/live/"],
        "sections": ["https://example.com/news/", "https://example.com/news/world/"],
        "authors": ["https://example.com/author/ada/"],
    }
    response = client.get("/sitemap-articles.xml")
    lastmods = [url.findtext(f"{SM}lastmod") for url in ET.fromstring(response.content).findall(f"{SM}url")]
    assert lastmods[0]  # articles carry their last change


def test_a_large_archive_is_listed_whole_in_pages_oldest_first(client, archive, monkeypatch):
    """Past one page the index names the next pages: no article is left out (one sitemap stops at its limit)."""
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for day in range(4):
        make_article(slug=f"day{day}", category=archive, publish_at=NOW - timedelta(days=10 - day))

    entries = [loc for loc, _lastmod in index_entries(client.get("/sitemap.xml"))]
    pages = [locations(client.get(loc.removeprefix("https://example.com"))) for loc in entries[:3]]

    assert entries[:3] == [
        "https://example.com/sitemap-articles.xml",
        "https://example.com/sitemap-articles.xml?p=2",
        "https://example.com/sitemap-articles.xml?p=3",
    ]
    assert [loc.split("/")[-2] for page in pages for loc in page] == ["day0", "day1", "day2", "day3", "live"]


@pytest.mark.parametrize("query", ["?p=4", "?p=0", "?p=x", "?p=1.5", "?p=99999999999999999999"])
def test_a_sitemap_page_that_is_not_there_is_a_404(client, archive, monkeypatch, query):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for day in range(4):
        make_article(slug=f"day{day}", category=archive, publish_at=NOW - timedelta(days=10 - day))

    assert client.get(f"/sitemap-articles.xml{query}").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_index_counts_the_pages_without_reading_them(client, archive, add_articles, django_assert_num_queries):
    add_articles(archive)
    with django_assert_num_queries(3):  # one count per sitemap
        client.get("/sitemap.xml")


@pytest.mark.usefixtures("local_page_cache")
def test_sitemaps_are_cached_and_a_new_article_purges_them(client, archive, django_capture_on_commit_callbacks):
    for url in ("/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"):
        first, again = client.get(url), client.get(url)
        assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit"), url
        assert "s-maxage=" in again["Cache-Control"] and "public" in again["Cache-Control"], url
        assert pagecache.LATEST in again["Surrogate-Key"].split(), url

    with django_capture_on_commit_callbacks(execute=True):
        make_article(slug="breaking", category=archive)

    assert "https://example.com/news/breaking/" in locations(client.get("/sitemap-articles.xml"))
    assert "https://example.com/news/breaking/" in locations(client.get("/sitemap-news.xml"))


@pytest.mark.usefixtures("local_page_cache")
def test_a_sitemap_page_has_one_address(client, archive, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for day in range(4):
        make_article(slug=f"day{day}", category=archive, publish_at=NOW - timedelta(days=10 - day))

    assert client.get("/sitemap-articles.xml?p=1")["Location"] == "/sitemap-articles.xml"
    assert client.get("/sitemap-articles.xml?p=02")["Location"] == "/sitemap-articles.xml?p=2"
    assert client.get("/sitemap-articles.xml?p=2").status_code == 200


@pytest.mark.usefixtures("local_page_cache")
def test_the_news_sitemap_is_kept_no_longer_than_its_oldest_article_stays_in_it(client, db_clock, settings):
    settings.NEWSROOM_SHARED_CACHE_SECONDS = 86400
    section = make_category(slug="news")
    with time_machine.travel(NOW - timedelta(hours=47), tick=False):
        make_article(slug="older", category=section, publish_at=NOW - timedelta(hours=47))
    with time_machine.travel(NOW - timedelta(hours=10), tick=False):
        make_article(slug="newer", category=section, publish_at=NOW - timedelta(hours=10))

    with time_machine.travel(NOW, tick=False):
        response = client.get("/sitemap-news.xml")
        assert [loc.split("/")[-2] for loc in locations(response)] == ["newer", "older"]
        assert "s-maxage=3600," in response["Cache-Control"]  # an hour until "older" turns 48 hours old
        assert client.get("/sitemap-news.xml")["X-Page-Cache"] == "hit"
    with time_machine.travel(NOW + timedelta(hours=1, seconds=1), tick=False):
        response = client.get("/sitemap-news.xml")
        assert response["X-Page-Cache"] == "miss"
        assert [loc.split("/")[-2] for loc in locations(response)] == ["newer"]


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


# A page of a sitemap: 1 count for the paginator and 1 page of items. (The current Site is cached after first use.)
SITEMAP_QUERIES = 2
# sitemap-news.xml: 1 count of the capped recent articles, 2 the articles with section.
NEWS_SITEMAP_QUERIES = 2


@pytest.mark.parametrize("name", ["articles", "sections", "authors"])
def test_sitemap_query_budget(client, archive, django_assert_num_queries, name):
    with django_assert_num_queries(SITEMAP_QUERIES):
        client.get(f"/sitemap-{name}.xml")


def test_sitemap_query_budget_with_ten_more_articles(client, archive, add_articles, django_assert_num_queries):
    add_articles(make_category(parent=archive))
    with django_assert_num_queries(SITEMAP_QUERIES):
        response = client.get("/sitemap-articles.xml")
    assert len(locations(response)) > 10


def test_news_sitemap_query_budget(client, archive, django_assert_num_queries):
    with django_assert_num_queries(NEWS_SITEMAP_QUERIES):
        client.get("/sitemap-news.xml")


def test_news_sitemap_query_budget_with_ten_more_articles(client, archive, add_articles, django_assert_num_queries):
    add_articles(archive)
    with django_assert_num_queries(NEWS_SITEMAP_QUERIES):
        response = client.get("/sitemap-news.xml")
    assert len(locations(response)) == 11


def test_the_news_sitemap_reads_the_recent_first_publications_from_their_index(client, archive):
    """Not a walk through the whole archive: it is rendered again after every publication."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's query plan; PostgreSQL picks plans by the table's size, tiny in a test")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap-news.xml")

    for query in queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plan = [row[-1] for row in cursor.fetchall()]
        articles = [step for step in plan if "newsroom_articles_article " in f"{step} "]
        assert articles and all("first_published_at>?" in step for step in articles), plan
