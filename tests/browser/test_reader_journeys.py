"""Readers and commenters in Chromium, on a desktop and a phone screen."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment

AWAITING = "Your comment is awaiting moderation."


@pytest.fixture(autouse=True)
def _posting_without_waits(settings):
    # The live server runs in this process, so these reach it. A reader in a
    # test types faster than a person and posts twice within seconds.
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_SPAM_MIN_SECONDS_ON_FORM = 0


def approved_comment(article, *, name="Early Reader", text="The ferries were late all week."):
    from django.contrib.contenttypes.models import ContentType

    comment = Comment(
        content_type=ContentType.objects.get_for_model(article),
        object_pk=str(article.pk),
        site_id=1,
        user_name=name,
        user_email="early@example.com",
        comment=text,
        status=Comment.Status.APPROVED,
    )
    comment.save()
    return comment


def fill_comment_form(page, *, text, name="Pat Reader", email="pat@example.com", remember=False):
    form = page.locator("[data-comment-form]")
    wait_for_form_state(page)
    form.get_by_label("Comment", exact=True).fill(text)
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("E-mail", exact=True).fill(email)
    if remember:
        form.get_by_label(re.compile("Save my name")).check()
    return form


def wait_for_form_state(page):
    """The page may come from a cache: the comment script fetches the CSRF token. A person is never this quick."""
    # A locator, not wait_for_function: its polling evaluates strings, which our CSP (rightly) refuses.
    expect(page.locator("[data-comment-form] [name=csrfmiddlewaretoken]")).not_to_have_value("")


def test_reader_reads_then_comments_and_finds_their_details_saved(any_page, story, shoot):
    page = any_page
    page.goto("/")
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="News").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("News")
    page.get_by_role("link", name="World").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("World")
    page.get_by_role("link", name="Harbour reopens after the storm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour reopens after the storm")
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("link")).to_have_text(["Home", "News", "World"])
    byline = page.locator("article.article .byline")
    expect(byline).to_contain_text("Ada Reporter, Senior News Editor")
    expect(byline).to_contain_text("Ben Second, Data Reporter")
    expect(page.locator(".article-body")).to_contain_text("The harbour reopened on Tuesday morning.")
    related = page.get_by_role("complementary", name="You may also like")
    expect(related.get_by_role("link", name="Ports brace for a busy winter")).to_be_visible()
    expect(page.get_by_text("Were you affected by the closure? Tell us in the comments.").first).to_be_visible()
    shoot(page, "article")

    page.get_by_role("link", name="Leave a comment").click()
    assert page.url.endswith("#leave-a-comment")
    form = page.locator("[data-comment-form]")
    expect(form.get_by_label("Comment", exact=True)).to_be_in_viewport()
    fill_comment_form(page, text="The east quay cranes were loud at dawn.", remember=True)
    shoot(page, "comment-form")
    page.get_by_role("button", name="Post Comment").click()

    expect(page.get_by_text(AWAITING)).to_be_visible()
    expect(page.locator(".nr-comment-pending")).to_contain_text("The east quay cranes were loud at dawn.")
    stored = Comment.objects.get()
    assert stored.status in {Comment.Status.PENDING, Comment.Status.SPAM}
    assert stored.user_name == "Pat Reader"

    page.goto(story["other"].get_absolute_url())
    expect(form.get_by_label("Name", exact=True)).to_have_value("Pat Reader")
    expect(form.get_by_label("E-mail", exact=True)).to_have_value("pat@example.com")
    expect(form.get_by_label(re.compile("Save my name"))).to_be_checked()
    expect(form.get_by_label("Comment", exact=True)).to_have_value("")
    assert page.page_errors == [] and page.outside_requests == []


def test_reply_with_a_mistake_keeps_the_text_and_says_what_is_wrong(any_page, story):
    page = any_page
    article = story["article"]
    parent = approved_comment(article)
    page.goto(article.get_absolute_url())
    page.locator(f"#c{parent.pk}").get_by_role("link", name="Reply").click()
    expect(page.get_by_text("Replying to Early Reader.")).to_be_visible()
    # "pat@example" passes the browser's check but not the server's.
    text = "They were late on Monday too.\n\nAnd on Tuesday."
    fill_comment_form(page, text=text, email="pat@example")
    page.get_by_role("button", name="Post Comment").click()

    expect(page.get_by_role("alert")).to_contain_text("correct the marked fields")
    form = page.locator("[data-comment-form]")
    expect(form.get_by_label("Comment", exact=True)).to_have_value(text)
    expect(form.locator(".nr-field-email .nr-error")).to_be_visible()
    expect(form.get_by_label("Name", exact=True)).to_have_value("Pat Reader")
    assert Comment.objects.count() == 1

    form.get_by_label("E-mail", exact=True).fill("pat@example.com")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_text(AWAITING)).to_be_visible()
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert reply.parent_id == parent.pk
    # Browsers send a textarea's line breaks as CRLF.
    assert reply.comment.replace("\r\n", "\n") == text
    expect(page.locator(f"#c{parent.pk} .nr-comment-replies #c{reply.pk}")).to_contain_text("late on Monday")


def test_posting_with_the_keyboard_only(page, story):
    page.goto(story["article"].get_absolute_url())
    wait_for_form_state(page)
    prompt_link = page.get_by_role("link", name="Leave a comment")
    tab_until(page, prompt_link)
    page.keyboard.press("Enter")
    textarea = page.locator("[data-comment-form]").get_by_label("Comment", exact=True)
    tab_until(page, textarea)
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")
    page.keyboard.type("Kim Keys")
    page.keyboard.press("Tab")
    page.keyboard.type("kim@example.com")
    tab_until(page, page.get_by_role("button", name="Post Comment"))
    page.keyboard.press("Space")
    expect(page.get_by_text(AWAITING)).to_be_visible()
    comment = Comment.objects.get()
    assert (comment.comment, comment.user_name, comment.user_email) == (
        "Typed without a mouse.",
        "Kim Keys",
        "kim@example.com",
    )


def tab_until(page, locator, *, limit=80):
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never got the focus in {limit} presses of Tab")


def test_a_reader_without_javascript_posts_once_and_sees_the_comment_held(new_page, story):
    # The page carries no CSRF token (it may come from a cache and no script fetches one):
    # the browser's same-origin word is enough for an anonymous post (comments/csrf.py).
    page = new_page(javascript=False)
    page.goto(story["article"].get_absolute_url())
    form = page.locator("[data-comment-form]")
    expect(form.locator("[name=csrfmiddlewaretoken]")).to_have_value("")
    form.get_by_label("Comment", exact=True).fill("Posted without any script at all.")
    form.get_by_label("Name", exact=True).fill("Noor Plain")
    form.get_by_label("E-mail", exact=True).fill("noor@example.com")
    form.get_by_role("button", name="Post Comment").click()

    held = page.locator(".nr-comment-pending")
    expect(held).to_contain_text("Posted without any script at all.")
    expect(held).to_contain_text(AWAITING)
    assert Comment.objects.filter(user_name="Noor Plain").count() == 1
    assert page.page_errors == []
