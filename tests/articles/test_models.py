from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from articles import sections
from articles.models import RESERVED_SECTION_SLUGS, Article, Category, prefetch_bylines
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", sorted(RESERVED_SECTION_SLUGS))
def test_top_level_sections_cannot_take_a_route_prefix(slug):
    with pytest.raises(ValidationError) as excinfo:
        Category(name="X", slug=slug).full_clean()

    assert "slug" in excinfo.value.message_dict


def test_the_reserved_slugs_cover_the_routes():
    assert {"admin", "author", "tag", "search", "feeds", "sitemap", "comments", "static", "media"} <= (
        RESERVED_SECTION_SLUGS
    )


def test_a_subsection_may_use_a_reserved_word():
    news = make_category(slug="news")

    Category(name="Search", slug="search", parent=news).full_clean()


def test_paths_and_depth_follow_the_tree():
    news = make_category(slug="news")
    world = make_category(slug="world", parent=news)
    europe = make_category(slug="europe", parent=world)

    assert (europe.path, europe.depth) == ("news/world/europe", 2)
    assert europe.ancestor_paths() == ["news", "news/world", "news/world/europe"]
    assert europe.get_absolute_url() == "/news/world/europe/"

    news.slug = "latest"
    news.save()
    europe.refresh_from_db()
    assert europe.path == "latest/world/europe"


def test_a_section_cannot_sit_inside_itself():
    news = make_category(slug="news")
    world = make_category(slug="world", parent=news)
    news.parent = world

    with pytest.raises(ValidationError):
        news.clean()


def test_article_url_and_breadcrumbs():
    world = make_category(slug="world", name="World", parent=make_category(slug="news", name="News"))
    article = make_article(slug="story", category=world)

    assert article.get_absolute_url() == "/news/world/story/"
    assert [str(name) for name, _url in article.breadcrumbs()] == ["Home", "News", "World"]


def test_in_category_tree_does_not_match_a_mere_prefix():
    news = make_category(slug="news")
    inside = make_article(category=make_category(slug="world", parent=news))
    neighbour = make_article(category=make_category(slug="newsletters"))

    found = set(Article.objects.in_category_tree(news))

    assert inside in found
    assert neighbour not in found


def test_first_publication_is_remembered():
    when = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    article = make_article(status=Article.Status.DRAFT, publish_at=when)
    assert article.first_published_at is None

    article.status = Article.Status.PUBLISHED
    article.save()
    first = article.first_published_at
    article.publish_at = when + timedelta(days=1)
    article.save()

    assert first == when
    assert article.first_published_at == when


def test_is_published_matches_the_queryset():
    now = make_article()
    later = make_article(publish_at=datetime.now(UTC) + timedelta(hours=1))

    assert now.is_published
    assert not later.is_published
    assert set(Article.objects.published()) == {now}


@pytest.mark.parametrize("extra", [0, 10])
def test_for_detail_reads_an_article_in_four_queries(django_assert_num_queries, extra):
    news = make_category(name="News", slug="news")
    authors = [make_author() for _ in range(1 + extra)]
    tags = [f"tag {i}" for i in range(1 + extra)]
    article = make_article(category=make_category(name="World", slug="world", parent=news), authors=authors, tags=tags)
    # 1. the article with three levels of sections  2. its bylines with their authors  3. its tags
    # 4. its corrections and updates
    with django_assert_num_queries(4):
        found = Article.objects.for_detail().get(pk=article.pk)
        assert [c.name for c in found.category.ancestors_and_self()] == ["News", "World"]
        assert len([b.author.name for b in found.ordered_bylines]) == 1 + extra
        assert len(list(found.tags.all())) == 1 + extra


@pytest.mark.parametrize("extra", [0, 10])
def test_lists_without_sections_or_bylines_share_one_bylines_query(django_assert_num_queries, extra):
    world = make_category(name="World", slug="world", parent=make_category(name="News"))
    for _ in range(2 + extra):
        make_article(category=world, authors=[make_author(), make_author()])
    listing = Article.objects.published().for_listing(sections=False, bylines=False).newest_first()
    # 1. the first list  2. the second (neither joins the sections)  3. the bylines of both with their authors
    # 4. every section (attach)
    with django_assert_num_queries(4):
        found = list(listing[:1]) + list(listing[1:])
        prefetch_bylines(found)
        assert all(len([b.author.name for b in article.ordered_bylines]) == 2 for article in found)
        sections.attach(*found)
        assert {article.category.parent.name for article in found} == {"News"}


@pytest.mark.parametrize("extra", [0, 10])
def test_for_detail_without_sections_leaves_them_to_the_snapshot(django_assert_num_queries, extra):
    authors = [make_author() for _ in range(1 + extra)]
    tags = [f"tag {i}" for i in range(1 + extra)]
    world = make_category(name="World", slug="world", parent=make_category(name="News"))
    article = make_article(category=world, authors=authors, tags=tags)
    # 1. the article alone  2. its bylines with their authors  3. its tags  4. its corrections and updates;
    # 5. every section (attach)
    with django_assert_num_queries(5):
        found = Article.objects.for_detail(sections=False).get(pk=article.pk)
        assert len([b.author.name for b in found.ordered_bylines]) == 1 + extra
        assert len(list(found.tags.all())) == 1 + extra
        sections.attach(found)
        assert [c.name for c in found.category.ancestors_and_self()] == ["News", "World"]
