"""The one rule of visibility, ``Article.objects.published()``, seen from every reader's door."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User

from articles.models import Article
from tests.factories import make_article, make_category, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def world():
    return make_category(slug="world", name="World")


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_article", "publish_article"]))
    client.force_login(user)
    return user


def test_published_means_status_published_and_time_passed(world):
    make_article(slug="live", category=world)
    make_article(slug="draft", category=world, status=Article.Status.DRAFT)
    make_article(slug="review", category=world, status=Article.Status.REVIEW)
    make_article(slug="later", category=world, publish_at=datetime.now(UTC) + timedelta(days=1))

    assert [a.slug for a in Article.objects.published()] == ["live"]
    assert [a.slug for a in Article.objects.scheduled()] == ["later"]


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(client, world, db_clock):
    with time_machine.travel(NOON, tick=False):
        make_article(
            slug="embargoed", headline="Embargoed report", category=world, publish_at=NOON + timedelta(hours=1)
        )

        assert client.get("/world/embargoed/").status_code == 404
        assert "Embargoed report" not in client.get("/").content.decode()
        assert "Embargoed report" not in client.get("/feeds/rss/").content.decode()

    with time_machine.travel(NOON + timedelta(hours=1, seconds=1), tick=False):
        assert client.get("/world/embargoed/").status_code == 200
        assert "Embargoed report" in client.get("/").content.decode()
        assert "Embargoed report" in client.get("/world/").content.decode()
        assert "Embargoed report" in client.get("/feeds/rss/").content.decode()
        assert Article.objects.get(slug="embargoed").first_published_at == NOON + timedelta(hours=1)


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_unpublished_articles_are_404_for_readers(client, world, status):
    make_article(slug="hidden", headline="Hidden piece", category=world, status=status)

    assert client.get("/world/hidden/").status_code == 404
    assert "Hidden piece" not in client.get("/world/").content.decode()


def test_logged_in_readers_without_permission_get_404(client, world):
    make_article(slug="hidden", category=world, status=Article.Status.DRAFT)
    client.force_login(User.objects.create_user("reader"))
    assert client.get("/world/hidden/").status_code == 404

    client.force_login(User.objects.create_user("staff-without-permission", is_staff=True))
    assert client.get("/world/hidden/").status_code == 404


@pytest.mark.parametrize(
    ("status", "delay", "says"),
    [
        (Article.Status.DRAFT, timedelta(0), "Status: Draft."),
        (Article.Status.REVIEW, timedelta(0), "Status: In review."),
        (Article.Status.PUBLISHED, timedelta(days=2), "Scheduled for"),
    ],
)
def test_staff_preview_unpublished_articles(client, world, editor, status, delay, says):
    make_article(
        slug="preview-me",
        headline="Work in progress",
        category=world,
        status=status,
        publish_at=datetime.now(UTC) + delay - timedelta(hours=1),
    )

    response = client.get("/world/preview-me/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: not published." in html
    assert says in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_published_articles_show_no_preview_banner_even_to_staff(client, world, editor):
    make_article(slug="live", category=world)

    response = client.get("/world/live/")

    assert "Preview" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_preview_under_the_wrong_section_redirects_temporarily(client, world, editor):
    make_category(slug="elsewhere")
    make_article(slug="draft-piece", category=world, status=Article.Status.DRAFT)

    response = client.get("/elsewhere/draft-piece/")

    assert response.status_code == 302
    assert response["Location"] == "/world/draft-piece/"


def test_writers_preview_their_own_drafts_but_not_colleagues(client, world):
    writer = make_user(groups=["Writers"])
    mine = make_article(slug="mine", category=world, status=Article.Status.DRAFT, created_by=writer)
    make_article(slug="theirs", category=world, status=Article.Status.DRAFT)
    client.force_login(writer)

    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get("/world/theirs/").status_code == 404
