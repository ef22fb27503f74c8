"""The sitemaps against sitemaps.org's schema, and the news sitemap by Google News' rules.

Google publishes no schema for its ``news:`` elements in a registry package, and sitemaps.org's schema
insists on one for every element of another namespace (``processContents="strict"``): so those elements
are checked here in Python, by the rules Google documents, and left out before the schema sees the rest.
"""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
import xmlschema
from django.utils import timezone

from tests.validators import tools

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# W3C Datetime, as the sitemap protocols take it: a date, or a date and time with a time zone.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")
# ISO 639 language codes; Google takes zh-cn and zh-tw as they are.
NEWS_LANGUAGE = re.compile(r"^([a-z]{2,3}|zh-cn|zh-tw)$")

pytestmark = pytest.mark.django_db


def schema_errors(xml):
    schema = xmlschema.XMLSchema(str(tools.sitemap_xsd()))
    return [f"{error.path}: {error.reason}" for error in schema.iter_errors(xml)]


def without_news_elements(root):
    for url in root.iter(f"{SITEMAP}url"):
        for child in list(url):
            if child.tag.startswith(NEWS):
                url.remove(child)
    return ET.tostring(root, encoding="unicode")


def test_the_sitemap_index_follows_the_sitemaps_org_protocol(client, newsroom):
    """``sitemap.xml`` is an index: no schema for one ships in the registry package, so the protocol's rules here."""
    root = ET.fromstring(client.get("/sitemap.xml").content)

    assert root.tag == f"{SITEMAP}sitemapindex"
    entries = root.findall(f"{SITEMAP}sitemap")
    assert entries and len(entries) <= 50_000
    assert [child.tag for child in root] == [f"{SITEMAP}sitemap"] * len(entries)
    for entry in entries:
        assert {child.tag for child in entry} <= {f"{SITEMAP}loc", f"{SITEMAP}lastmod"}
        loc = entry.findtext(f"{SITEMAP}loc")
        assert loc.startswith(("http://", "https://")) and len(loc) < 2048, loc
        lastmod = entry.findtext(f"{SITEMAP}lastmod")
        assert lastmod is None or W3C_DATETIME.match(lastmod), lastmod


@pytest.mark.parametrize(
    "url", ["/sitemap-articles.xml", "/sitemap-sections.xml", "/sitemap-authors.xml", "/sitemap-news.xml"]
)
def test_the_sitemap_follows_the_sitemaps_org_schema(client, newsroom, url):
    response = client.get(url)
    root = ET.fromstring(response.content)

    assert response.status_code == 200
    assert root.findall(f"{SITEMAP}url"), f"{url} lists nothing"
    errors = schema_errors(without_news_elements(root))
    assert not errors, f"{url}:\n  " + "\n  ".join(errors)
    for loc in root.iter(f"{SITEMAP}loc"):
        assert loc.text.startswith(("http://", "https://")), loc.text


def test_the_news_sitemap_follows_google_news_rules(client, newsroom, settings):
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    now = timezone.now()

    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == 3
    for url in urls:
        loc = url.findtext(f"{SITEMAP}loc")
        (news,) = url.findall(f"{NEWS}news")
        (publication,) = news.findall(f"{NEWS}publication")
        assert publication.findtext(f"{NEWS}name") == settings.NEWSROOM_SITE_NAME, loc
        assert NEWS_LANGUAGE.match(publication.findtext(f"{NEWS}language") or ""), loc
        published = news.findtext(f"{NEWS}publication_date") or ""
        assert W3C_DATETIME.match(published), f"{loc}: {published!r} is not a W3C datetime"
        assert now - timedelta(days=2) <= datetime.fromisoformat(published) <= now, f"{loc}: {published}"
        assert (news.findtext(f"{NEWS}title") or "").strip(), f"{loc} has no title"
