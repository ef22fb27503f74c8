"""The feeds through feedparser, as feed readers take them: well-formed, titled, linked, dated, and bylined."""

import feedparser
import pytest

FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/rss/section/news/",
    "/feeds/atom/section/news/",
    "/feeds/rss/author/ada/",
    "/feeds/atom/author/ada/",
]
BYLINES = {
    "Talks resume after a night of calls": ["Ada Byline", "Bo Second"],
    "Cup final goes to penalties": ["Bo Second"],
    "Ministers meet again": ["Ada Byline"],
}

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return feedparser.parse(response.content)


@pytest.mark.parametrize("url", FEEDS)
def test_the_feed_is_well_formed_titled_and_linked(client, newsroom, url):
    feed = parsed(client, url)

    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    assert feed.version in {"rss20", "atom10"}
    assert feed.feed.title
    assert feed.feed.link.startswith("http")
    assert feed.entries, f"{url} has no entries"
    for entry in feed.entries:
        assert entry.title in BYLINES
        assert entry.link.startswith("http") and entry.link.endswith("/")
        assert entry.published_parsed is not None, f"{url}: {entry.title} has no publication date"
        if feed.version == "atom10":
            assert entry.updated_parsed is not None, f"{url}: {entry.title} has no update date"


@pytest.mark.parametrize("url", FEEDS)
def test_each_byline_person_is_an_author_of_their_own(client, newsroom, url):
    feed = parsed(client, url)

    for entry in feed.entries:
        assert [author.get("name") for author in entry.authors] == BYLINES[entry.title], f"{url}: {entry.title}"


@pytest.mark.parametrize("url", ["/feeds/rss/corrections/", "/feeds/atom/corrections/"])
def test_the_corrections_feed_is_well_formed_titled_linked_and_dated(client, newsroom, url):
    update, correction = newsroom.corrections.order_by("-published_at")

    feed = parsed(client, url)

    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    assert feed.feed.title and feed.feed.link.endswith("/corrections/")
    assert [entry.title for entry in feed.entries] == [
        f"Update: {newsroom.headline}",
        f"Correction: {newsroom.headline}",
    ]
    for entry, note in zip(feed.entries, (update, correction), strict=True):
        assert entry.link.endswith(f"{newsroom.get_absolute_url()}#correction-{note.pk}")
        assert entry.published_parsed is not None
