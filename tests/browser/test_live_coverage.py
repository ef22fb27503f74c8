"""A reader follows live coverage in Chromium: new entries arrive without a reload; without JavaScript, a reload."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import csp_violations
from tests.browser.test_accessibility import audit


@pytest.fixture(autouse=True)
def _quick_polls_and_the_page_cache_on(settings, local_page_cache):
    # The live server runs in this process, so these reach it. The page cache is on, as on a site: the
    # entries below must reach readers through its purges, not around them.
    settings.NEWSROOM_LIVE_POLL_SECONDS = 2


@pytest.fixture
def live(db):
    news = factories.make_category(name="News", slug="news")
    article = factories.make_article(
        headline="Storm reaches the coast",
        slug="storm-live",
        category=news,
        body="<p>The storm came ashore before dawn.</p>",
        coverage_start=timezone.now() - timedelta(hours=1),
    )
    factories.make_live_entry(article, headline="Ferries cancelled", text="<p>All crossings are off.</p>")
    return article


def test_a_reader_sees_a_new_entry_arrive_and_the_coverage_end(page, live, shoot):
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    page.goto(live.get_absolute_url())
    entries = page.locator(".live-entry")
    expect(entries).to_have_count(1)
    expect(page.locator(".live-badge")).to_have_text("Live")
    assert page.evaluate("document.querySelector('.live-coverage').dataset.pollUrl").startswith("/live/")

    factories.make_live_entry(
        live, headline="Bridge closed", text="<p>Police shut the <strong>old bridge</strong>.</p>", author=None
    )

    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("Bridge closed")
    expect(entries.first.locator("strong")).to_have_text("old bridge")
    expect(entries.nth(1)).to_contain_text("Ferries cancelled")
    # Announced to screen readers, once.
    status = page.get_by_role("status")
    expect(status).to_have_text("1 new update")
    shoot(page, "live-entry-arrived")
    assert audit(page) == []

    two = [
        factories.make_live_entry(live, text="<p>Power is out in the old town.</p>"),
        factories.make_live_entry(live, text="<p>Schools close early.</p>"),
    ]
    expect(entries).to_have_count(4)
    expect(entries.first).to_contain_text("Schools close early.")
    expect(status).to_have_text("2 new updates")
    assert [int(pk) for pk in entries.evaluate_all("els => els.map(e => e.dataset.entry)")][:2] == [
        two[1].pk,
        two[0].pk,
    ]

    live.coverage_end = timezone.now()
    live.save()
    expect(status).to_have_text("The live coverage has ended.")
    expect(page.locator(".live-badge")).to_have_count(0)

    assert navigations == [page.url], "the page reloaded"
    assert not page.page_errors, page.page_errors
    assert not csp_violations(page), csp_violations(page)


def test_without_javascript_a_reload_shows_every_entry(new_page, live):
    page = new_page(javascript=False)
    page.goto(live.get_absolute_url())
    expect(page.locator(".live-entry")).to_have_count(1)

    factories.make_live_entry(live, headline="Bridge closed", text="<p>Police shut the old bridge.</p>")
    factories.make_live_entry(live, text="<p>Power is out in the old town.</p>")
    page.reload()

    entries = page.locator(".live-entry")
    expect(entries).to_have_count(3)
    expect(entries.first).to_contain_text("Power is out in the old town.")
    expect(entries.nth(1)).to_contain_text("Bridge closed")
    expect(entries.nth(2)).to_contain_text("Ferries cancelled")
    expect(page.locator(".live-badge")).to_have_text("Live")
