from datetime import timedelta

import pytest
from django.utils import timezone

from articles import sections
from articles.models import Article
from tests.articles.conftest import CHROME_QUERIES_AFTER_SECTIONS
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]


@pytest.fixture
def news():
    news = make_category(slug="news", name="News", description="What happened today.")
    world = make_category(slug="world", name="World", parent=news)
    make_category(slug="europe", name="Europe", parent=world)
    make_category(slug="politics", name="Politics", parent=news)
    make_article(headline="Local story", category=news)
    make_article(headline="Far away story", category=world)
    make_article(headline="Sport story", category=make_category(slug="sport"))
    make_article(headline="Not ready yet", category=news, status=Article.Status.REVIEW)
    return news


def test_section_lists_its_articles_and_its_subsections_articles(client, news):
    response = client.get("/news/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Local story" in html
    assert "Far away story" in html
    assert "Sport story" not in html
    assert "Not ready yet" not in html
    assert [s.name for s in response.context["subsections"]] == ["Politics", "World"]
    assert '<a href="/news/world/">World</a>' in html
    assert "What happened today." in html


def test_subsection_page_has_breadcrumbs_and_only_its_tree(client, news):
    response = client.get("/news/world/")

    html = response.content.decode()
    assert "Far away story" in html
    assert "Local story" not in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<li><a href="/">Home</a></li><li><a href="/news/">News</a></li>' in html
    assert '<span aria-current="page">World</span>' in html


def test_section_paginates(client, news, add_articles, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 5
    add_articles(news, n=8)  # 10 published in the tree

    first = client.get("/news/")
    second = client.get("/news/?page=2")

    assert len(first.context["page_obj"].object_list) == 5
    assert len(second.context["page_obj"].object_list) == 5
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert 'rel="prev" href="/news/"' in second.content.decode()  # page 1's canonical URL has no ?page=
    assert client.get("/news/?page=3").status_code == 404


def test_a_deep_page_lists_the_right_articles_newest_first_for_the_same_queries(
    client, news, add_articles, settings, django_assert_num_queries
):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 3
    add_articles(news, n=8)  # 10 published in the tree
    newest_first = [a.headline for a in Article.objects.published().in_categories(sections.tree(news)).newest_first()]

    with django_assert_num_queries(SECTION_QUERIES):
        deep = client.get("/news/?page=4")
    assert [a.headline for a in deep.context["page_obj"].object_list] == newest_first[9:]
    assert [a.headline for a in client.get("/news/?page=2").context["page_obj"].object_list] == newest_first[3:6]


def test_every_page_of_a_nested_section_lists_what_the_articles_themselves_say(client, settings):
    """Its own list (``SectionListing``) against the articles read directly, as the page read them before:
    a few hundred articles over three levels, many published at the same second (then newest key first),
    with drafts, scheduled ones and others' among them."""
    settings.NEWSROOM_ARTICLES_PER_PAGE = 7
    news = make_category(slug="news")
    world = make_category(slug="world", parent=news)
    tree = [news, world, make_category(slug="europe", parent=world), make_category(slug="politics", parent=news)]
    sport = make_category(slug="sport")
    now = timezone.now()
    for n in range(240):
        make_article(
            category=(*tree, sport)[n % 5],
            status=Article.Status.DRAFT if n % 11 == 0 else Article.Status.PUBLISHED,
            publish_at=now + timedelta(hours=n % 13 - 10),  # a few scheduled, most published at one of ten times
            authors=[],
        )
    for section in (news, world):
        direct = Article.objects.published().in_categories(sections.tree(section)).newest_first()
        expected = list(direct.values_list("headline", flat=True))
        assert len(expected) > 70
        shown = []
        for number in range(1, -(-len(expected) // 7) + 1):
            page = client.get(f"{section.get_absolute_url()}?page={number}").context["page_obj"]
            shown += [article.headline for article in page.object_list]
        assert shown == expected


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1.5", "", "%00"])
def test_bad_page_numbers_are_404_never_500(client, news, page):
    response = client.get(f"/news/?page={page}")

    assert response.status_code == (302 if page == "" else 404)  # "?page=" goes to the canonical "/news/"


@pytest.mark.parametrize(
    "path",
    [
        "/nowhere/",
        "/news/nowhere/",
        "/nowhere/deeper/still/",
        "/news//world/",
        "/a/b/c/d/e/f/g/h/i/j/",
        "/news%00/",
        "/news/wor%00ld/",
        "/news/../news/",
        "/n%C3%A9ws/",
    ],
)
def test_unknown_paths_are_404(client, news, path):
    assert client.get(path).status_code == 404


# Section page: 1 the sections along the path (one query, which the navigation,
# the subsections and the teasers' sections reuse), 2 count of its list's
# articles (SectionListing), 3 the page of articles (by the keys of that page
# in its list), 4 their bylines; then the site chrome (site settings).
SECTION_QUERIES = 4 + CHROME_QUERIES_AFTER_SECTIONS


def test_section_query_budget(client, news, django_assert_num_queries):
    with django_assert_num_queries(SECTION_QUERIES):
        client.get("/news/world/")


def test_section_query_budget_with_ten_more_articles(client, news, add_articles, django_assert_num_queries):
    add_articles(news.children.get(slug="world").children.get())
    with django_assert_num_queries(SECTION_QUERIES):
        client.get("/news/world/")
