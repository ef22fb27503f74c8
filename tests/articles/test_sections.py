import pytest

from articles import pagecache, prepared, sections
from articles.models import Article
from tests.articles.conftest import in_request
from tests.factories import make_article, make_category


@pytest.fixture
def tree(db):
    news = make_category(name="News", slug="news", position=1)
    world = make_category(name="World", slug="world", parent=news)
    sport = make_category(name="Sport", slug="sport", position=0)
    arts = make_category(name="Arts", slug="arts", position=1)
    return news, world, sport, arts


def test_top_level_is_in_menu_order(tree):
    assert [c.name for c in sections.top_level()] == ["Sport", "Arts", "News"]


def test_children_are_the_sections_just_below_in_menu_order(tree, django_assert_num_queries):
    news, world, _sport, _arts = tree
    make_category(name="Europe", slug="europe", parent=world)
    make_category(name="Politics", slug="politics", parent=news)
    make_category(name="Business", slug="business", parent=news, position=5)
    # 1. every section, the snapshot the page reads anyway
    with django_assert_num_queries(1):
        assert [c.name for c in sections.children(news)] == ["Politics", "World", "Business"]


def test_by_path_gives_the_sections_that_exist(tree):
    found = sections.by_path(["news", "news/world", "news/world/missing", "nowhere"])
    assert {path: c.name for path, c in found.items()} == {"news": "News", "news/world": "World"}


def test_every_caller_reads_the_same_snapshot_until_a_purge(tree, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    # Read only: this process keeps the snapshot itself, not a copy for each caller.
    first = sections.all_by_path()
    assert sections.all_by_path() is first
    pagecache.purge()
    assert sections.all_by_path() is not first


@pytest.mark.parametrize("extra", [0, 10])
def test_with_the_page_cache_off_one_query_a_call(tree, django_assert_num_queries, extra):
    for _ in range(extra):
        make_category()
    # 1. every section
    with django_assert_num_queries(1):
        sections.top_level()
    with django_assert_num_queries(1):
        sections.by_path(["news"])


@pytest.mark.parametrize("extra", [0, 10])
def test_with_the_page_cache_on_one_query_a_generation(tree, settings, django_assert_num_queries, extra):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    for _ in range(extra):
        make_category()
    # 1. every section, then for how long to keep them: 2. the next scheduled publication and
    # 3. the next start or end of a comment announcement (the comments app's changes_at source)
    with django_assert_num_queries(3):
        sections.top_level()
        sections.by_path(["news", "news/world"])
        sections.top_level()
    news = tree[0]
    news.name = "Latest"
    news.save()
    pagecache.purge()
    # After a purge, all three again
    with django_assert_num_queries(3):
        names = [c.name for c in sections.top_level()]
    assert "Latest" in names


def test_a_tree_is_the_section_and_everything_below_it_not_a_mere_prefix(tree):
    news, world, _sport, _arts = tree
    make_category(name="Newsletters", slug="newsletters")
    europe = make_category(name="Europe", slug="europe", parent=world)

    assert sorted(c.name for c in sections.tree(news)) == ["Europe", "News", "World"]
    assert [c.pk for c in sections.tree(europe)] == [europe.pk]


def test_each_section_comes_with_the_sections_above_it(tree, django_assert_num_queries):
    deep = make_category(name="Europe", slug="europe", parent=tree[1])
    # 1. every section; then no query to walk up from any of them
    with django_assert_num_queries(1):
        found = sections.by_path([deep.path])[deep.path]
        assert [c.name for c in found.ancestors_and_self()] == ["News", "World", "Europe"]


@pytest.mark.parametrize("extra", [0, 10])
def test_attach_gives_articles_their_sections_in_one_query(tree, django_assert_num_queries, extra):
    news, world, sport, _arts = tree
    read = [make_article(category=world), make_article(category=sport)]
    read += [make_article(category=make_category(parent=news)) for _ in range(extra)]
    read = list(Article.objects.filter(pk__in=[a.pk for a in read]).order_by("pk"))
    # 1. every section (once for all the articles); then nothing to show their sections and those above
    with django_assert_num_queries(1):
        sections.attach(*read)
        assert [a.category.ancestors_and_self()[0].name for a in read[:2]] == ["News", "Sport"]
        assert {a.category.parent.name for a in read[2:]} <= {"News"}


def test_attach_with_no_articles_reads_nothing(tree, django_assert_num_queries):
    with django_assert_num_queries(0):
        sections.attach()


def test_within_a_request_attach_reads_the_snapshot_the_page_already_has(tree, django_assert_num_queries):
    article = Article.objects.get(pk=make_article(category=tree[1]).pk)
    with in_request(), django_assert_num_queries(1):  # 1. every section, once for the whole request
        world = sections.by_path(["news/world"])["news/world"]
        sections.attach(article)
        assert article.category is world


def test_the_snapshot_s_query_is_compiled_once(tree, settings, django_assert_num_queries):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # every read is a query
    prepared.clear()
    # 1. every section, each time
    with django_assert_num_queries(1):
        first = sections.by_path(["news/world"])["news/world"]
    with django_assert_num_queries(1):
        second = sections.by_path(["news/world"])["news/world"]
    assert prepared.stats == {"compiled": 1}
    assert first.parent.name == second.parent.name == "News"
    assert first is not second
