"""The review queue in Chromium: a writer submits, the desk sends back with a note, the writer fixes and
resubmits, the desk approves and readers see the story."""

from django.core import mail
from playwright.sync_api import expect

from articles.models import Article, ReviewNote
from tests.browser.conftest import csp_violations
from tests.factories import make_author


def test_a_story_goes_through_review_and_out(page, new_page, story, staff, login, shoot):
    writer = staff("Writers")
    make_author(name="Wendy Writer", slug="wendy", user=writer)
    editor = staff("Editors")
    make_author(name="Eddie Desk", slug="eddie", user=editor)
    draft = Article.objects.create(
        headline="Lighthouse keeper retires",
        slug="lighthouse-keeper-retires",
        category=story["world"],
        created_by=writer,
        body="<p>After forty years on the rock.</p>",
    )
    change = f"/admin/newsroom_articles/article/{draft.pk}/change/"

    # The writer submits with a note for the desk.
    login(page, writer)
    page.goto(change)
    page.get_by_label("Note").fill("Ready; the photo <b>is</b> on its way.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
    assert [m.to for m in mail.outbox] == [["editor@example.com"]]

    # The desk finds it in the queue and sends it back; a send-back without a note is refused.
    desk = new_page()
    login(desk, editor)
    desk.goto("/admin/")
    desk.get_by_role("link", name="1 article in review").click()
    expect(desk.locator("#changelist-filter")).to_contain_text("In review (1)")
    desk.get_by_role("link", name="Lighthouse keeper retires").click()
    expect(desk.locator("#review")).to_contain_text("Ready; the photo <b>is</b> on its way.")
    desk.get_by_role("button", name="Send back with the note").click()
    expect(desk.locator(".errorlist")).to_contain_text("a note is required")
    shoot(desk, "review-send-back-needs-a-note")
    desk.get_by_label("Note").fill("Say which rock, please.")
    desk.get_by_role("button", name="Send back with the note").click()
    expect(desk.locator(".messagelist")).to_contain_text("Sent back")
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    assert mail.outbox[-1].to == ["writer@example.com"] and "Say which rock" in mail.outbox[-1].body

    # The writer sees it on the admin index and on the article, fixes and resubmits.
    page.goto("/admin/")
    expect(page.locator("#review-queue")).to_contain_text("sent back by Eddie Desk")
    shoot(page, "review-writer-admin-index")
    page.locator("#review-queue").get_by_role("link", name="Lighthouse keeper retires").click()
    expect(page.locator("#review")).to_contain_text("Say which rock, please.")
    page.get_by_label("Standfirst").fill("Forty years on Black Rock.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    page.goto("/admin/")
    expect(page.locator("#review-queue")).not_to_contain_text("sent back")

    # The desk approves; the story is live and the writer is told.
    reader = new_page()
    assert reader.goto(draft.get_absolute_url()).status == 404
    desk.goto(change)
    desk.get_by_role("button", name="Approve and publish").click()
    expect(desk.locator(".messagelist")).to_contain_text("Approved")
    assert reader.goto(draft.get_absolute_url()).status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text("Lighthouse keeper retires")
    expect(reader.get_by_text("Say which rock")).to_have_count(0)
    assert "Approved" in mail.outbox[-1].subject and mail.outbox[-1].to == ["writer@example.com"]
    assert list(ReviewNote.objects.filter(article=draft).values_list("kind", flat=True)) == [
        "submitted",
        "sent_back",
        "submitted",
        "approved",
    ]
    for staff_page in (page, desk):
        assert csp_violations(staff_page) == [] and staff_page.page_errors == []
