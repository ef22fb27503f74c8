"""Editors in Chromium with revisions and corrections: compare and restore, then correct a story in public."""

from playwright.sync_api import expect

from articles import revisions
from articles.models import Article, Correction
from tests.browser.conftest import csp_violations


def save_with_headline(page, article, headline):
    page.goto(f"/admin/newsroom_articles/article/{article.pk}/change/")
    page.get_by_label("Headline").fill(headline)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def test_editor_compares_two_revisions_and_restores_one(page, new_page, story, staff, login, shoot):
    article = story["article"]
    # Made by a script, committed row by row: each commit kept a revision ("Saved outside the admin").
    kept = revisions.versions_of(article).count()
    login(page, staff("Editors"))
    save_with_headline(page, article, "Harbour reopens after the storm, cranes back")
    save_with_headline(page, article, "Harbour stays shut")

    page.get_by_role("link", name="History").click()
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(kept + 2)
    expect(rows.first.locator(".changed-fields")).to_have_text("Headline")
    # Newest first: compare the older (second row) with the newer (first row), as the form preselects.
    expect(rows.nth(1).get_by_label("Compare from this revision")).to_be_checked()
    page.get_by_role("button", name="Compare the chosen revisions").click()

    diff = page.locator(".revision-diff tr.changed", has_text="Headline")
    expect(diff.locator("del")).to_have_text("reopens after the storm, cranes back")
    expect(diff.locator("ins")).to_have_text("stays shut")
    shoot(page, "revision-compare")
    page.get_by_role("button", name="Restore the revision of").click()
    expect(page.locator(".messagelist")).to_contain_text("as a new revision")
    expect(page.get_by_label("Headline")).to_have_value("Harbour reopens after the storm, cranes back")
    assert csp_violations(page) == [] and page.page_errors == []

    article.refresh_from_db()
    assert article.headline == "Harbour reopens after the storm, cranes back"
    assert article.status == Article.Status.PUBLISHED
    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator("h1")).to_have_text("Harbour reopens after the storm, cranes back")

    page.get_by_role("link", name="History").click()
    expect(page.locator("#change-history tbody tr")).to_have_count(kept + 3)
    expect(page.locator("#change-history tbody tr").first).to_contain_text("Restored the revision of")


def test_editor_publishes_a_correction_and_a_reader_sees_it(page, new_page, story, staff, login, shoot):
    article = story["article"]
    reader = new_page()
    reader.goto(article.get_absolute_url())  # in the page cache before the correction
    expect(reader.locator(".corrections")).to_have_count(0)
    login(page, staff("Editors"))

    page.goto(f"/admin/newsroom_articles/article/{article.pk}/change/")
    page.get_by_role("button", name="Add another correction or update").click()
    page.locator("#id_corrections-0-kind").select_option("correction")
    page.locator("#id_corrections-0-text").fill("The harbour reopened on Tuesday, not Monday <as first said>.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Correction.objects.get().article == article

    reader.goto(article.get_absolute_url())
    note = reader.locator(".corrections li")
    expect(note.locator(".note-kind")).to_have_text("Correction")
    expect(note.locator(".note-text")).to_have_text("The harbour reopened on Tuesday, not Monday <as first said>.")
    expect(reader.locator(".dates")).to_contain_text("Updated")
    shoot(reader, "article-correction")

    reader.goto("/corrections/")
    entry = reader.locator(".corrections-list li")
    expect(entry).to_contain_text("not Monday <as first said>")
    entry.get_by_role("link", name="Harbour reopens after the storm").click()
    expect(reader.locator(".corrections li .note-kind")).to_have_text("Correction")
    assert csp_violations(reader) == [] and reader.page_errors == []
