import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_cached")]

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def archive():
    news = make_category(slug="news", name="News")
    world = make_category(slug="world", name="World", parent=news)
    sport = make_category(slug="sport", name="Sport")
    ada = make_author(name="Ada Byline", slug="ada")
    make_article(
        headline="Home story",
        slug="home-story",
        category=news,
        authors=[ada],
        tags=["Town"],
        standfirst="Short summary.",
    )
    make_article(headline="World story", category=world)
    make_article(headline="Sport story", category=sport, authors=[ada])
    make_article(headline="Draft story", category=news, authors=[ada], status=Article.Status.DRAFT)
    make_article(headline="Review story", category=news, status=Article.Status.REVIEW)
    make_article(headline="Future story", category=news, publish_at=datetime.now(UTC) + timedelta(hours=2))
    return news


def rss_titles(response):
    channel = ET.fromstring(response.content).find("channel")
    return {item.findtext("title") for item in channel.findall("item")}


def atom_titles(response):
    return {entry.findtext(f"{ATOM}title") for entry in ET.fromstring(response.content).findall(f"{ATOM}entry")}


def test_site_rss_lists_only_published_articles(client, archive):
    response = client.get("/feeds/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(response) == {"Home story", "World story", "Sport story"}
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "The Daily Ledger"
    item = next(i for i in channel.findall("item") if i.findtext("title") == "Home story")
    # Feeds take their domain from the sites framework.
    assert item.findtext("link") == "https://example.com/news/home-story/"
    assert item.findtext("description") == "Short summary."
    assert item.findtext("category") == "Town"
    assert "Ada Byline" in item.findtext("{http://purl.org/dc/elements/1.1/}creator")


def test_each_person_on_a_byline_is_an_author_of_their_own(client, archive):
    make_article(
        headline="Co-written story",
        category=archive,
        authors=[make_author(name="Ada Two"), make_author(name="Bo Three, Jr.")],
    )

    rss = ET.fromstring(client.get("/feeds/rss/").content).find("channel")
    atom = ET.fromstring(client.get("/feeds/atom/").content)

    item = next(i for i in rss.findall("item") if i.findtext("title") == "Co-written story")
    assert [c.text for c in item.findall("{http://purl.org/dc/elements/1.1/}creator")] == ["Ada Two", "Bo Three, Jr."]
    entry = next(e for e in atom.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Co-written story")
    assert [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")] == ["Ada Two", "Bo Three, Jr."]


def test_site_atom_parses_and_matches(client, archive):
    response = client.get("/feeds/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(response) == {"Home story", "World story", "Sport story"}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feed_includes_subsections(client, archive, kind):
    response = client.get(f"/feeds/{kind}/section/news/")

    titles = rss_titles(response) if kind == "rss" else atom_titles(response)
    assert titles == {"Home story", "World story"}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_author_feed(client, archive, kind):
    response = client.get(f"/feeds/{kind}/author/ada/")

    titles = rss_titles(response) if kind == "rss" else atom_titles(response)
    assert titles == {"Home story", "Sport story"}


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/section/nowhere/",
        "/feeds/atom/author/nobody/",
        "/feeds/rss/section/news/x/",
        "/feeds/rss/section/n%00/",
    ],
)
def test_unknown_feed_objects_are_404(client, archive, url):
    assert client.get(url).status_code == 404


# Site feed: 1 newest published articles (with section), 2 their bylines,
# 3 their tags. (The current Site is cached after its first use.)
# Section and author feeds add 1 query for the section or author.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/feeds/rss/", 3),
        ("/feeds/atom/", 3),
        ("/feeds/rss/section/news/", 4),
        ("/feeds/atom/section/news/", 4),
        ("/feeds/rss/author/ada/", 4),
        ("/feeds/atom/author/ada/", 4),
    ],
)
def test_feed_query_budgets(client, archive, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        client.get(url)


@pytest.mark.parametrize(
    ("url", "queries"),
    [("/feeds/rss/", 3), ("/feeds/atom/section/news/", 4), ("/feeds/rss/author/ada/", 4)],
)
def test_feed_query_budgets_with_ten_more_articles(
    client, archive, add_articles, django_assert_num_queries, url, queries
):
    ada = archive.articles.get(headline="Home story").bylines.get().author
    for article in add_articles(archive.children.get()):
        article.bylines.create(author=ada, position=5)

    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(rss_titles(response) if "rss" in url else atom_titles(response)) >= 11
