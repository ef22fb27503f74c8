from datetime import timedelta

import pytest
from django.utils import timezone

from articles import prepared
from articles.models import Article
from tests.articles.conftest import CHROME_QUERIES_AFTER_SECTIONS
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]


@pytest.fixture
def sections():
    news = make_category(slug="news", name="News", position=1)
    world = make_category(slug="world", name="World", parent=news)
    sport = make_category(slug="sport", name="Sport", position=2)
    make_article(headline="Rain in the capital", category=news)
    make_article(headline="Summit ends", category=world)
    make_article(headline="Cup final tonight", category=sport)
    make_article(headline="Unfinished draft", category=sport, status=Article.Status.DRAFT)
    return news, world, sport


def test_home_shows_latest_and_a_block_per_top_level_section(client, sections):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Rain in the capital" in html
    assert "Summit ends" in html
    assert "Unfinished draft" not in html
    # Three stories fit in "Latest": the section blocks, which go on from it, have nothing more to show.
    assert [a.headline for a in response.context["latest"]] == [
        "Cup final tonight",
        "Summit ends",
        "Rain in the capital",
    ]
    assert all(not articles for _section, articles in response.context["blocks"])
    assert html.count("Summit ends") == 1
    assert html.count("<h1") == 1


def test_home_blocks_go_on_from_latest_and_show_each_story_once(client, sections, add_articles, monkeypatch):
    from articles import views

    monkeypatch.setattr(views, "HOME_LATEST", 2)
    news, _world, _sport = sections
    response = client.get("/")
    latest = [a.headline for a in response.context["latest"]]
    blocks = {section.slug: [a.headline for a in articles] for section, articles in response.context["blocks"]}
    assert latest == ["Cup final tonight", "Summit ends"]
    # A subsection's articles belong to its top-level section's block.
    assert blocks == {"news": ["Rain in the capital"], "sport": []}


def test_home_block_holds_at_most_the_newest_few(client, sections, add_articles):
    news, _world, _sport = sections
    add_articles(news, n=16)  # more than "Latest" shows

    response = client.get("/")

    blocks = {s.slug: articles for s, articles in response.context["blocks"]}
    assert len(blocks["news"]) == 4
    assert [a.publish_at for a in blocks["news"]] == sorted((a.publish_at for a in blocks["news"]), reverse=True)


def test_home_with_nothing_published(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Nothing has been published yet." in response.content.decode()


# Home: 1 latest articles, 2 top-level sections for the blocks (which the
# navigation and the teasers' sections reuse), 3 newest per top-level section
# (one query), 4 the bylines of every article on the page; then the site chrome
# (site settings).
HOME_QUERIES = 4 + CHROME_QUERIES_AFTER_SECTIONS


def test_home_query_budget(client, sections, add_articles, django_assert_num_queries):
    add_articles(sections[0], n=12)  # enough for "Latest" and the section blocks
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")


def test_home_query_budget_with_ten_more_articles(client, sections, add_articles, django_assert_num_queries):
    add_articles(make_category())  # a new top-level section too: still one query for all blocks
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")


def test_home_describes_the_site_to_search_engines(client):
    html = client.get("/").content.decode()

    assert '<meta name="description" content="The latest articles from The Daily Ledger.">' in html


def test_the_blocks_read_one_list_of_keys_where_a_union_may_hold_limits(
    sections, add_articles, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import sections as snapshot
    from articles.views import latest_by_top_section

    news, world, sport = sections
    add_articles(sport, n=6)
    top = snapshot.top_level()
    with CaptureQueriesContext(connection) as queries:
        blocks = latest_by_top_section(top, count=2)
    # PostgreSQL: one list of keys (a UNION ALL) looked up by primary key; an OR of subqueries has it read the
    # whole table. SQLite takes no LIMIT inside a UNION, and answers the OR by primary key itself.
    (sql,) = [query["sql"] for query in queries.captured_queries if "newsroom_articles_article" in query["sql"]]
    if connection.features.supports_slicing_ordering_in_compound:
        assert "UNION ALL" in sql
    else:
        assert " OR " in sql
    newest = Article.objects.published().newest_first()
    assert blocks[sport.pk] == list(newest.filter(category=sport)[:2])
    assert blocks[news.pk] == list(newest.filter(category__in=[news, world])[:2])


@pytest.fixture
def compiled_afresh():
    prepared.clear()
    yield prepared.stats
    prepared.clear()


def test_home_compiles_its_lists_once_per_process(client, sections, add_articles, compiled_afresh):
    news, world, sport = sections
    add_articles(sport, n=10)
    client.get("/")
    add_articles(news, n=3)
    html = client.get("/").content.decode()

    # The sections, "Latest" and the section blocks: the SQL kept from the first request, nothing left to the ORM.
    assert compiled_afresh == {"compiled": 3}
    assert html.count('class="teaser"') == 16  # every story: ten in "Latest", the rest in their blocks


def test_home_kept_sql_asks_the_database_clock(client, sections, compiled_afresh):
    news, world, sport = sections
    scheduled = make_article(headline="Kick-off at noon", category=sport, publish_at=timezone.now() + timedelta(days=1))
    assert "Kick-off at noon" not in client.get("/").content.decode()

    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(minutes=1))

    assert "Kick-off at noon" in client.get("/").content.decode()
    # The sections and "Latest" once; the blocks once for each number of stories they leave out (three, then
    # four).
    assert compiled_afresh == {"compiled": 4}
