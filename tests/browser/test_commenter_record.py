"""The commenter's record in Chromium with scripts off: from the queue to a ban, by plain forms (issue 16, item 4)."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, CommenterEvent, CommenterRule
from tests.factories import make_comment

pytestmark = pytest.mark.browser

QUEUE = "/admin/newsroom_comments/comment/"


@pytest.fixture
def page(new_page):
    """A desktop page with JavaScript off: the record works without it."""
    return new_page(viewport="desktop", javascript=False)


def test_moderator_opens_a_writers_record_from_the_queue_and_bans_their_domain(page, story, staff, login, shoot):
    article = story["article"]
    make_comment(article, status=Comment.Status.APPROVED, email="sam@spam.example", name="Sam Seller")
    held = make_comment(article, status=Comment.Status.PENDING, email="sam@spam.example", name="Sam Seller")
    login(page, staff("Moderators"))

    page.goto(QUEUE)
    page.locator(f'[data-nr-comment="{held.pk}"]').locator("xpath=ancestor::tr").get_by_role(
        "link", name="record"
    ).click()
    expect(page.locator("h1")).to_have_text("Commenter: sam@spam.example")

    ban = page.locator("form.nr-rule-form", has=page.locator('input[name="do"][value="ban"]'))
    ban.get_by_label("every address at spam.example").check()
    ban.get_by_label("Reason").select_option("ad")
    ban.get_by_label("Why").fill("selling watches")
    ban.get_by_label("Also move their comments from the last 30 days to the trash").check()
    ban.get_by_role("button", name="Ban").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Banned: e-mail domain spam.example, for advertising (selling watches)."
    )
    expect(page.locator(".messagelist")).to_contain_text("2 comments moved to the trash.")
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.TRASH}
    assert CommenterRule.objects.get().email_domain == "spam.example"
    assert list(CommenterEvent.objects.order_by("pk").values_list("action", flat=True)) == ["banned", "trashed"]
    shoot(page, "commenter-record")
