"""The article page's schema.org data as extruct reads it: a full NewsArticle, and breadcrumbs as shown."""

import extruct
import lxml.html
import pytest
from PIL import Image

from tests.validators.conftest import ARTICLE_URL, LIVE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_lead_image(newsroom, settings, tmp_path):
    """The discussed article with a lead image, as an editor uploads one."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "articles").mkdir()
    Image.new("RGB", (1200, 675), "steelblue").save(tmp_path / "articles" / "talks.png")
    newsroom.lead_image.name = "articles/talks.png"
    newsroom.lead_image_alt = "The negotiating table at dawn"
    newsroom.save()
    return newsroom


def objects(client, url):
    html = client.get(url).content.decode()
    data = extruct.extract(html, base_url=f"http://testserver{url}", syntaxes=["json-ld"], uniform=True)
    return html, {item["@type"]: item for item in data["json-ld"]}


def test_news_article_has_headline_dates_image_and_authors_with_job_titles(client, with_lead_image):
    _html, found = objects(client, ARTICLE_URL)

    article = found["NewsArticle"]
    assert article["headline"] == "Talks resume after a night of calls"
    assert article["datePublished"] and article["dateModified"]
    # The lead image, or crops of it (Google asks for several aspect ratios), as absolute URLs.
    assert article["image"]
    assert all(url.startswith("http://testserver/media/") and "talks" in url for url in article["image"])
    assert [(a["@type"], a["name"], a["jobTitle"]) for a in article["author"]] == [
        ("Person", "Ada Byline", "Diplomatic Editor"),
        ("Person", "Bo Second", "Correspondent"),
    ]


def test_news_article_without_a_lead_image_has_the_site_image(client, newsroom):
    _html, found = objects(client, "/sport/cup-final/")

    assert found["NewsArticle"].get("image"), "no image for an article without a lead image"


def test_breadcrumbs_match_the_visible_trail_to_the_article_itself(client, newsroom):
    html, found = objects(client, ARTICLE_URL)

    shown = [
        (li.text_content().strip(), li.xpath("string(a/@href)") or None)
        for li in lxml.html.fromstring(html).xpath('//nav[contains(@class, "breadcrumbs")]//li')
    ]
    listed = [(item["name"], item.get("item")) for item in found["BreadcrumbList"]["itemListElement"]]
    assert [name for name, _url in shown] == ["Home", "News", "World", "Talks resume after a night of calls"]
    assert [name for name, _url in listed] == [name for name, _url in shown]
    assert [item["position"] for item in found["BreadcrumbList"]["itemListElement"]] == [1, 2, 3, 4]
    for (_name, href), (_listed_name, url) in zip(shown[:-1], listed[:-1], strict=True):
        assert url == f"http://testserver{href}"
    assert listed[-1][1] == f"http://testserver{ARTICLE_URL}"


def test_a_live_article_is_a_live_blog_posting_with_its_updates(client, live_story):
    _html, found = objects(client, LIVE_URL)

    live = found["LiveBlogPosting"]
    assert live["headline"] == "Storm reaches the coast: live"
    assert live["coverageStartTime"] and "coverageEndTime" not in live
    assert live["image"] and live["author"][0]["name"] == "Bo Second"
    updates = live["liveBlogUpdate"]
    assert [(u["@type"], u["headline"]) for u in updates] == [
        ("BlogPosting", "Gusts of 90 km/h at the harbour."),
        ("BlogPosting", "Ferries cancelled"),
    ]
    assert updates[1]["articleBody"] == "All crossings are off until noon."
    assert all(u["datePublished"] and u["url"].startswith(f"http://testserver{LIVE_URL}#entry-") for u in updates)
    assert updates[0]["author"]["name"] == "Bo Second"
    assert "NewsArticle" not in found


def test_a_corrected_article_carries_its_corrections_as_correction_comments(client, newsroom):
    _html, found = objects(client, ARTICLE_URL)

    [correction] = found["NewsArticle"]["correction"]  # the update is no correction
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "The talks resumed at dawn, not at noon."
    assert correction["datePublished"]
