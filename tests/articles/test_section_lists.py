"""Each section's list of articles (``SectionListing`` rows) stays right whatever changes an article or a section."""

import importlib
from datetime import timedelta

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import section_lists
from articles.models import Article, Category, SectionListing
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def expected_rows():
    """What the rows should be, worked out here from the articles and the sections' parents."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    rows = set()
    for pk, category, status, publish_at in Article.objects.values_list("pk", "category_id", "status", "publish_at"):
        section = category
        while section is not None:
            rows.add((section, pk, status, publish_at))
            section = parents[section]
    return rows


def stored_rows():
    return set(SectionListing.objects.values_list("section_id", "article_id", "status", "publish_at"))


def listed(section):
    """The keys in ``section``'s list that readers see, newest first."""
    return list(SectionListing.objects.published().keys_of(section).values_list("article_id", flat=True))


@pytest.fixture
def news():
    return make_category(slug="news")


@pytest.fixture
def world(news):
    return make_category(slug="world", parent=news)


@pytest.fixture
def europe(world):
    return make_category(slug="europe", parent=world)


def test_a_new_article_is_in_the_list_of_its_section_and_of_every_section_above(news, world, europe):
    article = make_article(category=europe)

    assert stored_rows() == expected_rows()
    assert listed(news) == listed(world) == listed(europe) == [article.pk]
    assert listed(make_category(slug="sport")) == []


def test_an_article_moved_to_another_section_leaves_the_lists_it_left(news, world, europe):
    article = make_article(category=europe)
    sport = make_category(slug="sport")

    article.category = sport
    article.save()

    assert stored_rows() == expected_rows()
    assert listed(news) == listed(world) == listed(europe) == []
    assert listed(sport) == [article.pk]


def test_status_and_publish_time_are_copied_on_every_save_that_changes_them(news, world):
    article = make_article(category=world, status=Article.Status.DRAFT)
    older = make_article(category=world, publish_at=timezone.now() - timedelta(days=2))
    assert listed(news) == [older.pk]

    article.status = Article.Status.PUBLISHED
    article.save()
    assert listed(news) == [article.pk, older.pk]

    article.publish_at = timezone.now() - timedelta(days=3)  # now older than the other
    article.save()
    assert listed(news) == [older.pk, article.pk]

    article.publish_at = timezone.now() + timedelta(days=1)  # scheduled: listed once its time comes
    article.save()
    assert listed(news) == [older.pk]
    assert stored_rows() == expected_rows()


def test_a_save_that_changes_no_list_writes_no_rows(world):
    article = make_article(category=world)
    article.headline = "A better headline"

    with CaptureQueriesContext(connection) as queries:
        article.save()
        Article.objects.get(pk=article.pk).save(update_fields=["headline"])

    assert not [query for query in queries if SectionListing._meta.db_table in query["sql"]]
    assert stored_rows() == expected_rows()


def test_a_raw_save_rewrites_the_rows(news, world):
    """As django-reversion's ``revert()`` and ``loaddata`` save: ``save_base(raw=True)``, no ``save()``."""
    article = make_article(category=world)
    sport = make_category(slug="sport")
    data = serializers.serialize("json", [article]).replace(f'"category": {world.pk}', f'"category": {sport.pk}')

    for deserialized in serializers.deserialize("json", data):
        deserialized.save()

    assert stored_rows() == expected_rows()
    assert listed(sport) == [article.pk] and listed(news) == []


def test_deleted_articles_leave_their_lists(news, world):
    one, two, three = (make_article(category=world) for _ in range(3))

    one.delete()
    Article.objects.filter(pk=two.pk).delete()

    assert listed(news) == [three.pk]
    assert stored_rows() == expected_rows()


def test_a_section_moved_to_another_parent_takes_its_tree_and_their_articles_along(news, world, europe):
    in_world, in_europe = make_article(category=world), make_article(category=europe)
    elsewhere = make_article(category=news)
    international = make_category(slug="international")

    world.parent = international
    world.save()

    assert stored_rows() == expected_rows()
    assert listed(news) == [elsewhere.pk]
    assert set(listed(international)) == {in_world.pk, in_europe.pk}

    europe.refresh_from_db()
    europe.parent = None  # to the top
    europe.save()

    assert stored_rows() == expected_rows()
    assert listed(international) == listed(world) == [in_world.pk]
    assert listed(europe) == [in_europe.pk]


def test_a_renamed_section_keeps_its_lists(news, world):
    article = make_article(category=world)

    world.slug, world.name = "global", "Global"
    world.save()

    assert stored_rows() == expected_rows()
    assert listed(news) == [article.pk]


def test_a_deleted_section_takes_its_rows_along(news, world):
    # An empty section has none; one left behind (by a bulk write, say) must not keep the section from going.
    article = make_article(category=news)
    SectionListing.objects.create(section=world, article=article, status=article.status, publish_at=article.publish_at)

    world.delete()

    assert stored_rows() == expected_rows()


def test_rebuild_writes_what_the_saves_wrote(news, world, europe, monkeypatch):
    monkeypatch.setattr(section_lists, "BATCH", 7)  # several batches
    for n in range(30):
        status = Article.Status.DRAFT if n % 5 == 0 else Article.Status.PUBLISHED
        make_article(category=(news, world, europe, None)[n % 4], status=status, authors=[])
    saved = stored_rows()
    assert saved == expected_rows()

    SectionListing.objects.all().delete()
    section_lists.rebuild()
    assert stored_rows() == saved

    # Some articles only: theirs are rewritten, the others' left as they are (here: missing from News).
    SectionListing.objects.filter(section=news).delete()
    Article.objects.filter(category=europe).update(publish_at=timezone.now() - timedelta(days=9))
    section_lists.rebuild(articles=Article.objects.filter(category__in=[world, europe]))
    in_news = set(Article.objects.filter(category=news).values_list("pk", flat=True))
    assert stored_rows() == {row for row in expected_rows() if not (row[0] == news.pk and row[1] in in_news)}


def test_the_migration_fills_the_lists_of_existing_articles(news, world, europe):
    for category in (news, world, europe):
        make_article(category=category, authors=[])
    SectionListing.objects.all().delete()
    migration = importlib.import_module("articles.migrations.0007_section_listing")
    # The models as that migration sees them, not as they are today (the loader's state: no documented way).
    historical = MigrationLoader(connection).project_state(("newsroom_articles", "0007_section_listing")).apps

    migration.fill(historical, schema_editor=None)

    assert stored_rows() == expected_rows()
    assert len(stored_rows()) == 6
