"""Featured comments and the thread's order in Chromium (issue 16, items 1 and 2)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.conftest import csp_violations
from tests.factories import make_comment

pytestmark = pytest.mark.browser


def _three_comments(article):
    start = timezone.now() - timedelta(hours=3)
    texts = ["The first word on the harbour.", "Ferries were late again.", "Cranes look busy today."]
    return [
        make_comment(article, text=text, submit_date=start + timedelta(minutes=10 * i), like_count=[2, 9, 0][i])
        for i, text in enumerate(texts)
    ]


def test_moderator_features_a_comment_and_readers_see_it_first_and_marked(page, new_page, story, staff, login):
    article = story["article"]
    first, second, third = _three_comments(article)
    login(page, staff("Moderators"))

    page.goto("/admin/newsroom_comments/comment/?status=approved")
    page.locator("#result_list tr", has_text="Cranes look busy").get_by_role("button", name="Feature").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Comment #{third.pk} featured.")

    page.goto(f"/admin/newsroom_comments/comment/{third.pk}/change/")
    expect(page.locator(".nr-mod-actions-page").get_by_role("button", name="Unfeature")).to_be_visible()
    expect(page.locator("#events-group, .inline-group").first).to_contain_text("featured")
    assert Comment.objects.get(pk=third.pk).featured_at is not None
    assert csp_violations(page) == [] and page.page_errors == []

    reader = new_page(viewport=page.viewport_name)
    reader.goto(article.get_absolute_url())
    featured_tab = reader.get_by_role("link", name="Featured (1)")
    expect(featured_tab).to_have_attribute("aria-current", "page")
    items = reader.locator("#comment-list > li.nr-comment")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Cranes look busy today.")
    expect(items.first.locator(".nr-featured-mark")).to_have_text("Featured")

    reader.get_by_role("link", name="All comments (3)").click()
    expect(reader).to_have_url(f"{page.url.split('/admin/')[0]}{article.get_absolute_url()}?comments_view=all#comments")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text("The first word")
    expect(reader.locator(f"#c{third.pk} .nr-featured-mark")).to_have_text("Featured")
    expect(reader.locator(f"#c{first.pk} .nr-featured-mark")).to_have_count(0)
    assert reader.page_errors == []


def test_reader_switches_the_order_and_show_more_keeps_it(page, story, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    article = story["article"]
    _first, second, third = _three_comments(article)
    make_comment(article, text="Cranes carry the new bridge.", parent=third)
    make_comment(article, text="Held until a moderator looks.", parent=second, status="pending")
    make_comment(article, text="Cheap ferry tickets here.", parent=second, status="spam")

    page.goto(article.get_absolute_url())
    items = page.locator("#comment-list > li.nr-comment")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("The first word")

    page.locator(".nr-comment-sort").get_by_role("link", name="Newest").click()
    expect(page).to_have_url(f"{page.url.split('?')[0].split('#')[0]}?sort=newest#comments")
    expect(page.locator(".nr-comment-sort").get_by_role("link", name="Newest")).to_have_attribute(
        "aria-current", "true"
    )
    expect(items.nth(0)).to_contain_text("Cranes look busy")
    expect(items.nth(1)).to_contain_text("Ferries were late")

    page.get_by_role("link", name="Show more comments").click()  # the script appends the next page
    expect(items).to_have_count(3)
    expect(items.nth(2)).to_contain_text("The first word")
    assert "sort=newest" in page.url

    page.locator(".nr-comment-sort").get_by_role("link", name="Most liked").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?sort=liked#comments")
    expect(items.nth(0)).to_contain_text("Ferries were late")

    # Most replies: only the replies readers see count (the held and spam ones under "Ferries" do not).
    page.locator(".nr-comment-sort").get_by_role("link", name="Most replies").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?sort=replies#comments")
    expect(items.nth(0)).to_contain_text("Cranes look busy")
    expect(items.nth(0)).to_contain_text("Cranes carry the new bridge.")
    expect(items.nth(1)).to_contain_text("The first word")
    page.get_by_role("link", name="Show more comments").click()
    expect(items).to_have_count(3)
    expect(items.nth(2)).to_contain_text("Ferries were late")
    assert "sort=replies" in page.url
    assert page.page_errors == []
