"""A commenter fixes their comment in the edit window, in Chromium."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.test_reader_journeys import fill_comment_form


@pytest.fixture(autouse=True)
def _published_at_once(settings):
    # The live server runs in this process, so these reach it: the reader's first comment is
    # published at once (no first-comment hold) and they may post again within seconds.
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_SPAM_MIN_SECONDS_ON_FORM = 0
    settings.NEWSROOM_SPAM_HOLD_FIRST_COMMENT = False


def test_a_reader_posts_sees_edit_fixes_the_comment_and_readers_see_edited(page, new_page, story):
    page.goto(story["article"].get_absolute_url())
    fill_comment_form(page, text="The east quay cranes were loud at dawn on Tuseday.")
    page.get_by_role("button", name="Post Comment").click()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    shown = page.locator(f"#c{comment.pk}")
    expect(shown).to_contain_text("loud at dawn on Tuseday.")

    shown.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your comment")
    page.get_by_label("Comment").fill("The east quay cranes were loud at dawn on Tuesday.")
    page.get_by_role("button", name="Save my edit").click()

    expect(shown).to_contain_text("loud at dawn on Tuesday.")
    expect(shown.locator(".nr-edited")).to_contain_text("edited")
    other = new_page()
    other.goto(story["article"].get_absolute_url())
    theirs = other.locator(f"#c{comment.pk}")
    expect(theirs).to_contain_text("on Tuesday.")
    expect(theirs.locator(".nr-edited")).to_be_visible()
    expect(theirs.get_by_role("link", name="Edit")).to_have_count(0)
    assert page.page_errors == [] and other.page_errors == []
