"""The reader prompt is shown once on an article page, above the comments it invites."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db

PROMPT = "What will this mean for supply chains? Share your predictions in the comments below!"


def test_the_prompt_is_shown_once_above_the_comments_and_the_form(client):
    article = make_article(headline="Ports reopen", category=make_category(slug="news"), reader_prompt=PROMPT)
    make_comment(article, text="The backlog will take months to clear.")
    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count("Share your predictions") == 1
    prompt, section, form = (html.index(marker) for marker in (PROMPT, 'id="comments"', 'id="leave-a-comment"'))
    assert prompt < section < form  # "in the comments below": they are below it
    assert 'href="#leave-a-comment"' in html[prompt:section]  # and it leads to the form


def test_a_closed_article_says_so_instead_of_inviting(client):
    section = make_category(slug="news", comments_close_after_days=1)
    old = datetime.now(UTC) - timedelta(days=10)
    article = make_article(headline="Old news", category=section, reader_prompt=PROMPT, publish_at=old)
    html = client.get(article.get_absolute_url()).content.decode()
    assert PROMPT not in html
    assert "Comments are closed." in html
