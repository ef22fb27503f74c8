"""The strict Content Security Policy in a real browser: nothing on our pages or in the admin is refused."""

import base64
import hashlib

from django.conf import settings

from articles.models import SiteSettings
from tests.browser.conftest import csp_violations

EDITOR = ".prose-editor .ProseMirror[contenteditable=true]"


def test_reader_pages_run_under_the_policy(page, story):
    SiteSettings(adblock_notice_delay_seconds=0).save()
    page.route("**/ads.js", lambda route: route.abort())
    page.goto(story["article"].get_absolute_url())
    page.locator("#adblock-notice").wait_for(state="visible")  # our scripts ran
    page.keyboard.press("Escape")
    for url in ("/", story["world"].get_absolute_url(), "/search/?q=harbour", story["authors"][0].get_absolute_url()):
        page.goto(url)
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
    assert page.page_errors == []
    assert page.outside_requests == []


def test_the_admin_its_prose_editor_and_the_queue_run_under_the_policy(page, new_page, story, staff, login):
    login(page, staff("Editors"))
    page.goto(f"/admin/newsroom_articles/article/{story['article'].pk}/change/")
    editor = page.locator(EDITOR)
    editor.wait_for()
    assert "The harbour reopened" in editor.inner_text()
    page.goto("/admin/newsroom_articles/article/add/")
    page.locator(EDITOR).wait_for()
    # The one inline <style> the editor injects is allowed by its hash; recompute it.
    css = page.locator("style[data-tiptap-style]").first.text_content()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in policy, f"update style-src in settings to 'sha256-{digest}'"
    page.goto("/admin/newsroom_articles/article/")
    page.goto("/admin/newsroom_articles/sitesettings/1/change/")
    page.wait_for_load_state("networkidle")

    moderator = new_page()
    login(moderator, staff("Moderators"))
    moderator.goto("/admin/newsroom_comments/comment/")
    moderator.wait_for_load_state("networkidle")
    for each in (page, moderator):
        assert csp_violations(each) == []
        assert each.page_errors == []
