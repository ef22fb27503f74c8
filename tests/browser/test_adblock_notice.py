"""The adblock notice in Chromium: shown when the bait is blocked, closable, remembered, never for staff."""

from axe_playwright_python.sync_playwright import Axe

from articles.models import SiteSettings

NOTICE = "#adblock-notice"
BLOCKING = {"serious", "critical"}


def block_bait(page):
    page.route("**/ads.js", lambda route: route.abort())


def focus_is_inside_the_notice(page):
    return page.evaluate("document.querySelector('#adblock-notice').contains(document.activeElement)")


def test_blocked_bait_shows_the_notice_which_traps_focus_closes_and_stays_closed(page, story):
    SiteSettings(adblock_notice_delay_seconds=1).save()
    block_bait(page)
    page.goto(story["article"].get_absolute_url())
    search = page.get_by_role("searchbox")
    search.focus()  # where the reader was when it opened
    notice = page.locator(NOTICE)
    notice.wait_for(state="visible")
    assert page.get_by_role("dialog", name="Adblock detected").is_visible()
    close = page.get_by_role("button", name="Close and keep reading")
    assert close.evaluate("element => element === document.activeElement")
    violations = Axe().run(page, context=NOTICE).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in BLOCKING]

    page.keyboard.press("Tab")  # its only control: focus stays in the dialog
    assert focus_is_inside_the_notice(page)
    page.keyboard.press("Shift+Tab")
    assert focus_is_inside_the_notice(page)

    page.keyboard.press("Escape")
    notice.wait_for(state="hidden")
    assert search.evaluate("element => element === document.activeElement")

    page.reload()
    page.wait_for_timeout(1500)
    assert not notice.is_visible()
    assert page.outside_requests == []


def test_the_button_closes_it_and_every_n_days_is_remembered_across_sessions(phone_page, story):
    SiteSettings(adblock_notice_delay_seconds=0, adblock_notice_frequency="days", adblock_notice_every_days=3).save()
    page = phone_page
    block_bait(page)
    page.goto("/")
    page.locator(NOTICE).wait_for(state="visible")
    page.get_by_role("button", name="Close and keep reading").click()
    page.locator(NOTICE).wait_for(state="hidden")
    # A new tab is a new session: sessionStorage is empty, localStorage is not.
    second = page.context.new_page()
    block_bait(second)
    second.goto("/")
    second.wait_for_timeout(500)
    assert not second.locator(NOTICE).is_visible()
    # Four days later it may ask again.
    second.evaluate("localStorage.setItem('newsroom:adblock-notice', String(Date.now() - 4 * 86400000))")
    second.reload()
    second.locator(NOTICE).wait_for(state="visible")


def test_no_notice_unblocked_for_staff_when_off_or_without_javascript(browser, site, new_page, story, staff, login):
    SiteSettings(adblock_notice_delay_seconds=0).save()
    url = story["article"].get_absolute_url()

    unblocked = new_page()
    unblocked.goto(url)
    unblocked.wait_for_load_state("load")  # deferred scripts have run
    assert unblocked.evaluate("window.newsroomAdsLoaded") is True
    unblocked.wait_for_timeout(500)
    assert not unblocked.locator(NOTICE).is_visible()

    for_staff = new_page()
    login(for_staff, staff("Editors"))
    block_bait(for_staff)
    for_staff.goto(url)
    assert for_staff.locator(NOTICE).count() == 0

    context = browser.new_context(java_script_enabled=False, base_url=site)
    try:
        no_js = context.new_page()
        no_js.goto(url)
        assert no_js.locator(NOTICE).count() == 1
        assert not no_js.locator(NOTICE).is_visible()
    finally:
        context.close()

    SiteSettings(adblock_notice_enabled=False, adblock_notice_delay_seconds=0).save()
    switched_off = new_page()
    block_bait(switched_off)
    switched_off.goto(url)
    assert switched_off.locator(NOTICE).count() == 0
