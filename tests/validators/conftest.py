"""A small newsroom to run the validators over: sections, co-written and tagged articles, a threaded discussion.

Everything is published within the last day, so the Google News sitemap lists it too.
"""

from datetime import timedelta

import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from comments import statement, status
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_author, make_category, make_comment, make_live_entry, make_user

ARTICLE_URL = "/news/world/talks-resume/"
LIVE_URL = "/news/storm-live/"
#: Every kind of page a reader meets, by name; the refused comment is a POST (``refused_comment_page``).
PAGES = {
    "home": "/",
    "section": "/news/",
    "article with comments": ARTICLE_URL,
    "author": "/author/ada/",
    "tag": "/tag/diplomacy/",
    "search results": "/search/?q=talks",
    "privacy": "/comments/privacy/",
    "corrections": "/corrections/",
}


@pytest.fixture
def newsroom(db):
    """The site's content; returns the article that has the discussion."""
    Site.objects.clear_cache()
    news = make_category(slug="news", name="News", description="What happened, as it happens.")
    world = make_category(slug="world", name="World", parent=news)
    sport = make_category(slug="sport", name="Sport")
    ada = make_author(
        name="Ada Byline",
        slug="ada",
        job_title="Diplomatic Editor",
        bio="Ada covers diplomacy and the talks that make or break it.",
    )
    bo = make_author(name="Bo Second", slug="bo", job_title="Correspondent")
    now = timezone.now()
    article = make_article(
        headline="Talks resume after a night of calls",
        slug="talks-resume",
        standfirst="Both sides are back at the table.",
        category=world,
        authors=[ada, bo],
        tags=["Diplomacy", "Summits"],
        publish_at=now - timedelta(hours=2, microseconds=123456),
        body="<p>The talks resumed at dawn.</p><h2>What next</h2><p>A deal may follow within the week.</p>",
    )
    make_article(
        headline="Cup final goes to penalties",
        slug="cup-final",
        category=sport,
        authors=[bo],
        tags=["Football"],
        publish_at=now - timedelta(hours=5, microseconds=654321),
    )
    make_article(
        headline="Ministers meet again", slug="ministers-meet", category=news, authors=[ada], tags=["Diplomacy"]
    )
    article.corrections.create(
        kind="correction", text="The talks resumed at dawn, not at noon.", published_at=now - timedelta(hours=1)
    )
    article.corrections.create(kind="update", text="Both sides have issued statements.", published_at=now)
    first = make_comment(article, name="Cam Reader", text="Good to see them talking.")
    reply = make_comment(article, name="Dee Reader", text="Let us hope it lasts.", parent=first)
    make_comment(article, name="Cam Reader", text="It might, this time.", parent=reply)
    make_comment(article, name="Eve Reader", text="A second thread, with https://example.org/ in it.")
    make_comment(article, name="Fay Reader", text="Changed in the edit window.", edited_at=now)
    yield article
    Site.objects.clear_cache()


@pytest.fixture
def refused_comment_page(client, newsroom, monkeypatch):
    """The page a reader gets when the comment form is refused: an address that is not one, with the form again."""
    install_fake_spam_filter(monkeypatch)
    response = client.post(
        "/comments/post/",
        form_data(newsroom, email="not-an-address", comment="My carefully written point."),
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Browser/1.0",
    )
    assert response.status_code == 400
    return response.content.decode()


@pytest.fixture
def edit_comment_page(newsroom):
    """The writer's edit page, refused: an empty text, with the message the textarea is described by."""
    from django.test import Client

    from tests.factories import make_user

    writer = make_user(username="gil")
    comment = make_comment(newsroom, user=writer, text="Before the edit.")
    client = Client()
    client.force_login(writer)
    response = client.post(f"/comments/{comment.pk}/edit/", {"comment": " "})
    assert response.status_code == 400
    return response.content.decode()


@pytest.fixture
def statement_page(client, newsroom):
    """The statement of reasons of a comment a moderator removed, with their words, from its signed link."""
    comment = make_comment(newsroom, name="Hal Reader", text="You again? <b>I know</b> where you live.")
    status.change_status(
        comment, "trash", by=make_user(username="mia"), reason_code="harassment", reason="Threatens a reader."
    )
    response = client.get(statement.page_url(statement.removal(comment)))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pages(client, newsroom, refused_comment_page, edit_comment_page, statement_page):
    """``{name: HTML}`` of every kind of reader's page."""
    html = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        html[name] = response.content.decode()
    html["refused comment"] = refused_comment_page
    html["edit comment"] = edit_comment_page
    html["statement of reasons"] = statement_page
    return html


@pytest.fixture
def live_story(newsroom):
    """A live article in the newsroom (``LIVE_URL``), running, with two entries: one with a headline, one by Bo."""
    bo = newsroom.bylines.get(author__slug="bo").author
    storm = make_article(
        headline="Storm reaches the coast: live",
        slug="storm-live",
        category=newsroom.category.parent,
        authors=[bo],
        standfirst="Updates as the storm comes ashore.",
        coverage_start=timezone.now() - timedelta(hours=1),
    )
    make_live_entry(storm, headline="Ferries cancelled", text="<p>All crossings are off <em>until noon</em>.</p>")
    make_live_entry(storm, text="<p>Gusts of 90 km/h at the harbour.</p>", author=bo)
    return storm
