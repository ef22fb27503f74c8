"""Moderators, editors and writers in Chromium: the admin as they use it."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.browser.conftest import PASSWORD, csp_violations


def held_comment(article, *, text, name):
    comment = Comment(
        content_type=ContentType.objects.get_for_model(article),
        object_pk=str(article.pk),
        site_id=1,
        user_name=name,
        user_email=f"{name.split()[0].lower()}@example.com",
        comment=text,
        status=Comment.Status.PENDING,
    )
    comment.save()
    return comment


def log_in_with_the_form(page, user):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_attached()


def test_moderator_approves_one_and_marks_one_as_spam(any_page, new_page, story, staff, shoot, settings):
    settings.AXES_ENABLED = True  # the real login form, with brute-force protection on
    page = any_page
    article = story["article"]
    good = held_comment(article, text="The night ferry is back, thank you for the update.", name="Gail Good")
    bad = held_comment(article, text="Cheap watches at my shop, click now.", name="Sam Spam")
    log_in_with_the_form(page, staff("Moderators"))

    page.goto("/admin/newsroom_comments/comment/")
    good_row = page.locator("#result_list tr", has_text="The night ferry is back")
    bad_row = page.locator("#result_list tr", has_text="Cheap watches")
    expect(good_row).to_be_visible()
    expect(bad_row).to_be_visible()
    shoot(page, "moderation-queue")

    good_row.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Comment #{good.pk} approved.")
    page.locator("#result_list tr", has_text="Cheap watches").get_by_role("button", name="Spam").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Comment #{bad.pk} marked as spam.")
    assert Comment.objects.get(pk=good.pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(pk=bad.pk).status == Comment.Status.SPAM
    assert csp_violations(page) == [] and page.page_errors == []

    reader = new_page(viewport=page.viewport_name)
    reader.goto(article.get_absolute_url())
    expect(reader.locator(f"#c{good.pk}")).to_contain_text("The night ferry is back")
    expect(reader.get_by_text("Cheap watches")).to_have_count(0)


def pick(page, select_id, typed, option):
    """Choose ``option`` in the admin's autocomplete (select2) widget for ``select_id``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def date_and_time(value):
    with translation.override("en-gb"):
        local = timezone.localtime(value)
        return (
            local.strftime(formats.get_format("DATE_INPUT_FORMATS")[0]),
            local.strftime(formats.get_format("TIME_INPUT_FORMATS")[0]),
        )


def test_editor_writes_schedules_and_publishes_with_two_bylines_and_a_pick(page, new_page, story, staff, login):
    login(page, staff("Editors"))
    page.goto("/admin/newsroom_articles/article/add/")
    page.get_by_label("Headline").press_sequentially("Tide tables change for the new year")
    expect(page.get_by_label("Slug")).to_have_value("tide-tables-change-for-the-new-year")
    page.get_by_label("Standfirst").fill("High water comes an hour later from January.")
    body = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("The harbour master published the new tables on Friday.")
    pick(page, "id_category", "World", "World")
    page.locator("#id_tags").fill("harbour, tides")
    page.get_by_label("Status").select_option("published")
    day, time = date_and_time(timezone.now() + timedelta(days=1))
    page.locator("#id_publish_at_0").fill(day)
    page.locator("#id_publish_at_1").fill(time)

    page.get_by_role("button", name="Add another byline").click()
    pick(page, "id_bylines-0-author", "Ada", "Ada Reporter")
    page.locator("#id_bylines-0-position").fill("0")
    page.get_by_role("button", name="Add another byline").click()
    pick(page, "id_bylines-1-author", "Ben", "Ben Second")
    page.locator("#id_bylines-1-position").fill("1")
    page.get_by_role("button", name="Add another editor's pick").click()
    pick(page, "id_picks-0-picked", "Ports", "Ports brace for a busy winter")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="tide-tables-change-for-the-new-year")
    assert article.status == Article.Status.PUBLISHED and article.publish_at > timezone.now()
    assert [b.author.name for b in article.ordered_bylines] == ["Ada Reporter", "Ben Second"]
    assert [p.picked.slug for p in article.picks.all()] == ["ports-brace"]
    assert sorted(article.tags.names()) == ["harbour", "tides"]
    assert "harbour master" in article.body

    reader = new_page()
    assert reader.goto(article.get_absolute_url()).status == 404  # scheduled: not yet

    day, time = date_and_time(timezone.now() - timedelta(minutes=1))
    page.locator("#id_publish_at_0").fill(day)
    page.locator("#id_publish_at_1").fill(time)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    assert reader.goto(article.get_absolute_url()).status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text("Tide tables change for the new year")
    expect(reader.locator("article.article .byline")).to_contain_text("Ada Reporter, Senior News Editor")
    expect(reader.locator("article.article .byline")).to_contain_text("Ben Second, Data Reporter")
    related = reader.get_by_role("complementary", name="You may also like")
    expect(related.get_by_role("link", name="Ports brace for a busy winter")).to_be_visible()
    assert csp_violations(page) == [] and page.page_errors == []


@pytest.fixture
def writer(staff):
    from tests.factories import make_author

    user = staff("Writers")
    make_author(name="Wendy Writer", slug="wendy", user=user)
    return user


def test_a_writer_cannot_publish(page, story, writer, login):
    login(page, writer)
    page.goto("/admin/newsroom_articles/article/add/")
    options = page.get_by_label("Status").locator("option").all_inner_texts()
    assert "Published" not in options and "Draft" in options

    own = Article.objects.create(headline="My draft", slug="my-draft", category=story["world"], created_by=writer)
    page.goto("/admin/newsroom_articles/article/")
    expect(page.get_by_role("link", name="My draft")).to_be_visible()
    expect(page.get_by_role("link", name="Harbour reopens after the storm")).to_have_count(0)
    actions = page.locator("select[name=action] option").all_inner_texts()
    assert not any("Publish" in action for action in actions)

    page.goto(f"/admin/newsroom_articles/article/{own.pk}/change/")
    options = page.get_by_label("Status").locator("option").all_inner_texts()
    assert "Published" not in options
    assert Article.objects.get(pk=own.pk).status == Article.Status.DRAFT
