"""Corrections and updates for readers (articles.correction_pages, the article page): marked, escaped, dated, fed."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from tests.articles.conftest import CHROME_QUERIES_AFTER_SECTIONS
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_cached")]

ATOM = "{http://www.w3.org/2005/Atom}"


def note(article, text, *, kind="correction", ago=timedelta(minutes=30)):
    return article.corrections.create(kind=kind, text=text, published_at=timezone.now() - ago)


@pytest.fixture
def story():
    return make_article(headline="Harbour closes", slug="harbour-closes", category=make_category(slug="local"))


def test_the_article_shows_its_corrections_marked_and_its_updates(client, story):
    correction = note(story, "The harbour closed on Monday, not Tuesday.", ago=timedelta(minutes=40))
    update = note(story, "Boats are back.", kind="update", ago=timedelta(minutes=10))

    html = client.get(story.get_absolute_url()).text

    assert f'<li id="correction-{correction.pk}" class="note note-correction">' in html
    assert f'<li id="correction-{update.pk}" class="note note-update">' in html
    assert '<strong class="note-kind">Correction</strong>' in html
    assert '<strong class="note-kind">Update</strong>' in html
    assert html.index("not Tuesday") < html.index("Boats are back")  # in the order they were made
    # The page says it was updated, at the newest note's time.
    assert "Updated <time" in html


def test_a_notes_text_is_escaped_with_its_line_breaks_kept(client, story):
    note(story, 'First line <script>alert("x")</script>\nsecond line & more')

    html = client.get(story.get_absolute_url()).text

    assert "<script>alert" not in html
    assert "First line &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>second line &amp; more" in html


def test_an_article_without_notes_has_no_corrections_box(client, story):
    assert 'class="corrections"' not in client.get(story.get_absolute_url()).text


def test_the_corrections_page_lists_notes_on_published_articles_newest_first(client, story):
    older = note(story, "Older note.", ago=timedelta(hours=2))
    newer = note(make_article(headline="Council budget"), "Newer note.", kind="update", ago=timedelta(hours=1))
    note(make_article(status=Article.Status.DRAFT, headline="Secret draft"), "Not for readers.")
    note(make_article(publish_at=timezone.now() + timedelta(days=1), headline="Embargoed"), "Not yet.")

    response = client.get("/corrections/")

    assert response.status_code == 200
    html = response.text
    assert html.index("Newer note.") < html.index("Older note.")
    assert f'href="{story.get_absolute_url()}#correction-{older.pk}">Harbour closes</a>' in html
    assert f"#correction-{newer.pk}" in html
    assert "Not for readers." not in html and "Secret draft" not in html
    assert "Not yet." not in html and "Embargoed" not in html
    assert 'type="application/rss+xml"' in html and "/feeds/rss/corrections/" in html


def test_the_corrections_page_is_paginated(client, story, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 2
    for n in range(5):
        note(story, f"Note {n}.", ago=timedelta(minutes=n + 1))

    first, third = client.get("/corrections/").text, client.get("/corrections/?page=3").text

    assert "Note 0." in first and "Note 1." in first and "Note 2." not in first
    assert 'href="?page=2"' in first
    assert "Note 4." in third
    assert client.get("/corrections/?page=4").status_code == 404
    assert client.get("/corrections/?page=x").status_code == 404


def test_corrections_is_a_reserved_section_slug():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_category(slug="corrections").full_clean()


def test_the_corrections_feeds_list_each_note_with_its_article(client, story):
    correction = note(story, "It closed on Monday.")
    note(make_article(status=Article.Status.DRAFT), "Not for readers.")

    rss = ET.fromstring(client.get("/feeds/rss/corrections/").content).find("channel")
    atom = ET.fromstring(client.get("/feeds/atom/corrections/").content)

    [item] = rss.findall("item")
    assert item.findtext("title") == "Correction: Harbour closes"
    assert item.findtext("description") == "It closed on Monday."
    assert item.findtext("link") == f"https://example.com/local/harbour-closes/#correction-{correction.pk}"
    [entry] = atom.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Correction: Harbour closes"


# --- The page cache ----------------------------------------------------------------------------------------


def _state(response):
    return response["X-Page-Cache"]


@pytest.mark.parametrize("url", ["/corrections/", "/feeds/rss/corrections/", "/feeds/atom/corrections/"])
def test_a_new_note_purges_the_corrections_page_feeds_and_its_article(
    client, page_cache, django_capture_on_commit_callbacks, url
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(headline="Harbour closes", exclude_from_related=True)
        other = make_article(category=make_category(), exclude_from_related=True)
    for page in (url, story.get_absolute_url(), other.get_absolute_url()):
        client.get(page)
        assert _state(client.get(page)) == "hit", page
    assert "corrections" in client.get(url)["Surrogate-Key"].split(" ")

    with django_capture_on_commit_callbacks(execute=True):
        note(story, "It closed on Monday.")

    assert "It closed on Monday." in client.get(url).text
    assert "It closed on Monday." in client.get(story.get_absolute_url()).text
    assert _state(client.get(other.get_absolute_url())) == "hit"


def test_withdrawing_an_article_takes_its_notes_off_the_corrections_page(
    client, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(headline="Harbour closes")
        note(story, "It closed on Monday.")
    assert "It closed on Monday." in client.get("/corrections/").text

    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.DRAFT
        story.save()

    assert "It closed on Monday." not in client.get("/corrections/").text


# --- Query budgets -----------------------------------------------------------------------------------------

# Corrections page: 1 how many notes on published articles 2 the page of them with their articles and
# sections (no body) 3 the sections for the navigation; then the site chrome (site settings).
CORRECTIONS_QUERIES = 3 + CHROME_QUERIES_AFTER_SECTIONS


def test_corrections_page_query_budget(client, story, django_assert_num_queries):
    note(story, "It closed on Monday.")
    with django_assert_num_queries(CORRECTIONS_QUERIES):
        client.get("/corrections/")


def test_corrections_page_query_budget_twin_with_ten_more_notes(client, story, django_assert_num_queries):
    note(story, "It closed on Monday.")
    for n in range(10):
        note(make_article(category=make_category()), f"Note {n}.", kind="update" if n % 2 else "correction")
    with django_assert_num_queries(CORRECTIONS_QUERIES):
        response = client.get("/corrections/")
    assert response.text.count('class="note note-') == 11


# Feed: 1 the newest notes on published articles with their articles and sections; nothing more.
FEED_QUERIES = 1


@pytest.mark.parametrize("url", ["/feeds/rss/corrections/", "/feeds/atom/corrections/"])
def test_corrections_feed_query_budget(client, story, django_assert_num_queries, url):
    note(story, "It closed on Monday.")
    with django_assert_num_queries(FEED_QUERIES):
        client.get(url)


@pytest.mark.parametrize("url", ["/feeds/rss/corrections/", "/feeds/atom/corrections/"])
def test_corrections_feed_query_budget_twin_with_ten_more_notes(client, story, django_assert_num_queries, url):
    note(story, "It closed on Monday.")
    for n in range(10):
        note(make_article(category=make_category()), f"Note {n}.")
    with django_assert_num_queries(FEED_QUERIES):
        response = client.get(url)
    assert response.text.count("Note ") == 10


def test_a_note_cannot_be_dated_in_the_future(story):
    from django.core.exceptions import ValidationError

    later = Correction(article=story, text="Soon.", published_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError):
        later.full_clean()
    Correction(article=story, text="Now.").full_clean()
