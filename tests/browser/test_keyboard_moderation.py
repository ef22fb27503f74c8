"""Keyboard moderation in the queue, in Chromium (issue 16, item 6)."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, CommentEvent
from tests.browser.conftest import csp_violations
from tests.factories import make_comment

pytestmark = pytest.mark.browser

QUEUE = "/admin/newsroom_comments/comment/"


def row(page, comment):
    return page.locator("#result_list tbody tr", has=page.locator(f'[data-nr-comment="{comment.pk}"]'))


def test_moderator_moves_approves_and_marks_spam_with_the_keyboard(page, story, staff, login, shoot):
    article = story["article"]
    held = [
        make_comment(article, status=Comment.Status.PENDING, name=name, text=text)
        for name, text in [
            ("Olive Oldest", "The oldest remark in the queue."),
            ("Tom Third", "A third thought on the harbour."),
            ("Sid Second", "Buy cheap watches here."),
            ("Nell Newest", "The ferry timetable is wrong."),
        ]
    ]
    oldest, third, second, newest = held  # the queue lists them newest first
    moderator = login(page, staff("Moderators"))
    page.goto(QUEUE)
    announcer = page.locator("[data-nr-announcer]")

    page.keyboard.press("j")
    expect(row(page, newest)).to_be_focused()
    page.keyboard.press("j")
    expect(row(page, second)).to_be_focused()
    expect(row(page, second)).to_have_class("nr-key-focus")
    page.keyboard.press("k")
    expect(row(page, newest)).to_be_focused()
    expect(announcer).to_have_text("Comment 1 of 4 by Nell Newest: The ferry timetable is wrong.")
    shoot(page, "keyboard-moderation-focus")

    page.keyboard.press("a")
    expect(page.locator(".messagelist")).to_contain_text(f"Comment #{newest.pk} approved.")
    assert Comment.objects.get(pk=newest.pk).status == Comment.Status.APPROVED
    event = CommentEvent.objects.get(comment=newest)
    assert (event.actor, event.to_status) == (moderator, Comment.Status.APPROVED)
    # Back at the same place: the approved comment left the queue, so the next one there.
    expect(row(page, second)).to_be_focused()
    expect(announcer).to_have_text("Comment 1 of 3 by Sid Second: Buy cheap watches here.")

    page.keyboard.press("s")
    expect(page.locator(".messagelist")).to_contain_text(f"Comment #{second.pk} marked as spam. Reason: Spam.")
    assert Comment.objects.get(pk=second.pk).status == Comment.Status.SPAM
    event = CommentEvent.objects.get(comment=second)
    assert (event.actor, event.reason_code) == (moderator, "spam")  # the row's reason menu, left at its default
    expect(row(page, third)).to_be_focused()

    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Previous comment")
    shoot(page, "keyboard-moderation-help")
    page.keyboard.press("j")  # the help is open: no move
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    expect(row(page, third)).to_be_focused()

    search = page.locator("#searchbar")
    search.click()
    search.press_sequentially("a")
    search.press("s")
    expect(search).to_have_value("as")
    page.keyboard.press("Control+a")  # a shortcut of the browser's, not ours
    assert Comment.objects.get(pk=third.pk).status == Comment.Status.PENDING
    assert Comment.objects.get(pk=oldest.pk).status == Comment.Status.PENDING
    assert page.url.endswith(QUEUE)
    assert csp_violations(page) == [] and page.page_errors == []


def test_a_key_for_a_button_the_row_lacks_does_nothing(page, story, staff, login):
    comment = make_comment(story["article"], status=Comment.Status.PENDING, name="Pat Pending")
    login(page, staff("Moderators"))
    page.goto(QUEUE)

    page.keyboard.press("j")
    page.keyboard.press("f")  # held comments cannot be featured: there is no Feature button
    expect(page.locator("[data-nr-announcer]")).to_have_text("That action is not offered for this comment.")
    assert Comment.objects.get(pk=comment.pk).featured_at is None
    assert page.page_errors == []


def test_without_javascript_the_queue_is_unchanged(new_page, story, staff, login):
    comment = make_comment(story["article"], status=Comment.Status.PENDING)
    page = new_page(javascript=False)
    login(page, staff("Moderators"))
    page.goto(QUEUE)

    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.get_by_role("dialog")).to_have_count(0)  # the help stays inert inside its <template>
    expect(row(page, comment).get_by_role("button", name="Approve")).to_be_visible()
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


def test_r_trashes_with_the_rows_reason_and_other_when_none_is_chosen(page, story, staff, login):
    article = story["article"]
    chosen, kept, default = (
        make_comment(article, status=Comment.Status.PENDING, name=name, text=text)
        for name, text in [
            ("Hal Harass", "You again? I know where you live."),
            ("Kay Kept", "A fair point about the ferry."),
            ("Dee Default", "Off to the beach instead."),
        ]
    )  # the queue lists them newest first: default, kept, chosen
    moderator = login(page, staff("Moderators"))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(QUEUE)

    page.keyboard.press("j")
    expect(row(page, default)).to_be_focused()
    page.keyboard.press("r")  # the row's menu left at its default
    expect(page.locator(".messagelist")).to_contain_text(f"Comment #{default.pk} moved to the trash. Reason: Other.")
    event = CommentEvent.objects.get(comment=default)
    assert (event.actor, event.to_status, event.reason_code) == (moderator, Comment.Status.TRASH, "other")
    expect(row(page, kept)).to_be_focused()  # back at the same place: the next comment

    # A reason chosen in the row goes with the button the key presses. While the menu has the focus the
    # keys are the menu's, so the moderator leaves it first.
    row(page, chosen).locator(f'select[name="reason_code_{chosen.pk}"]').select_option("harassment")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    expect(row(page, chosen)).to_be_focused()
    page.keyboard.press("r")
    expect(page.locator(".messagelist")).to_contain_text(
        f"Comment #{chosen.pk} moved to the trash. Reason: Harassment."
    )
    assert CommentEvent.objects.get(comment=chosen).reason_code == "harassment"

    # Choosing a reason is no unsaved edit: a bulk action afterwards runs without Django's warning.
    row(page, kept).locator("select[data-nr-reason]").select_option("ad")
    row(page, kept).locator("input.action-select").check()
    page.locator('select[name="action"]').select_option("approve_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment approved.")
    assert dialogs == []
    assert page.page_errors == []
