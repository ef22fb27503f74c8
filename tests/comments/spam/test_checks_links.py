import pytest

from comments.spam.checks.links import LinksCheck
from comments.spam.domains import foreign_links, own_domains
from tests.comments.spam.builders import submission

REPORT = "The full inspection report is at https://reports.example.gov/2026/school.pdf and worth reading in full."


def test_no_links_no_result():
    assert LinksCheck()(submission("Nothing to link here, just an opinion on the budget.")) is None


def test_one_link_adds_a_little():
    result = LinksCheck()(submission(REPORT))
    assert result.label == "links: 1 (+0.1)"


def test_max_links_or_more_hold(settings):
    text = "Sources: https://a.example.org/1 and https://b.example.org/2, with some words of my own about them."
    assert LinksCheck()(submission(text)).score == 0.5
    settings.NEWSROOM_COMMENTS_MAX_LINKS = 3
    assert LinksCheck()(submission(text)).score == pytest.approx(0.2)
    settings.NEWSROOM_COMMENTS_MAX_LINKS = 0  # off: only the per-link score
    assert LinksCheck()(submission(text)).score == pytest.approx(0.2)


def test_a_comment_that_is_mostly_links_scores_more():
    result = LinksCheck()(submission("see https://cheap-pills.example.com/buy-now-today"))
    assert "mostly links" in result.reason
    assert result.score == pytest.approx(0.4)


def test_link_shorteners_hide_where_a_link_goes():
    text = "Read what they do not want you to know at bit.ly/3xyzabc before it is taken down by the censors."
    result = LinksCheck()(submission(text))
    assert result.reason == "links: 1, shortened (bit.ly)"
    assert result.score == pytest.approx(0.5)


def test_html_links_count_too():
    result = LinksCheck()(
        submission('<a href="https://x.example.net">cheap</a> <a href="https://y.example.net">deals</a>')
    )
    assert result.reason.startswith("links: 2")


def test_the_sites_own_links_do_not_count(settings):
    settings.ALLOWED_HOSTS = ["news.example", ".ledger.example", "*"]
    settings.NEWSROOM_SPAM_OWN_DOMAINS = ["archive.example"]
    assert own_domains() == {"news.example", "ledger.example", "archive.example"}
    text = "See https://news.example/a, https://www.ledger.example/b and https://old.archive.example/c for context."
    assert foreign_links(text) == []
    assert LinksCheck()(submission(text)) is None
