"""axe-core (bundled with axe-playwright-python, no network) on the reader pages: no serious or critical issues.

Every violation found is printed (``-s``); only serious and critical ones fail.
"""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_reader_journeys import approved_comment, wait_for_form_state

BLOCKING = {"serious", "critical"}


def audit(page, context=None):
    violations = Axe().run(page, context=context).response["violations"]
    for violation in violations:
        print(f"axe {page.url} [{violation['impact']}] {violation['id']}: {len(violation['nodes'])} node(s)")
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def test_home_article_with_comments_and_the_comment_form(any_page, story, settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    page = any_page
    parent = approved_comment(story["article"])
    reply = approved_comment(story["article"], name="Second Voice", text="Mine were on time.")
    reply.parent_id = parent.pk
    reply.save()

    page.goto("/")
    assert audit(page) == []

    page.goto(story["article"].get_absolute_url())
    page.locator(f"#c{reply.pk}").wait_for()
    assert audit(page) == []

    form = page.locator("[data-comment-form]")
    wait_for_form_state(page)
    form.get_by_label("Comment", exact=True).fill("Checking the form.")
    form.get_by_label("Name", exact=True).fill("Axe Reader")
    form.get_by_label("E-mail", exact=True).fill("axe@example")  # refused by the server: errors shown
    page.get_by_role("button", name="Post Comment").click()
    page.get_by_role("alert").first.wait_for()
    assert audit(page, context="#leave-a-comment") == []


def test_corrections_on_the_article_and_the_corrections_page(page, story):
    article = story["article"]
    article.corrections.create(kind="correction", text="The harbour reopened on Tuesday, not Monday.")
    article.corrections.create(kind="update", text="Ferries are running to the timetable.")

    page.goto(article.get_absolute_url())
    page.locator(".corrections").wait_for()
    assert audit(page, context=".corrections") == []

    page.goto("/corrections/")
    assert audit(page) == []
