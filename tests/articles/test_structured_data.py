import json
import re
from datetime import datetime
from io import BytesIO
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory
from PIL import Image

from articles import structured_data
from tests.factories import make_article, make_author, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def article():
    news = make_category(slug="news", name="News")
    world = make_category(slug="world", name="World", parent=news)
    return make_article(
        headline="Leaders meet </script><script>alert(1)</script> & talk",
        slug="leaders-meet",
        standfirst="A summit.",
        category=world,
        authors=[
            make_author(name="Ada Byline", slug="ada", job_title="Diplomatic Editor"),
            make_author(name="Bo Second", slug="bo", job_title="Correspondent"),
        ],
        tags=["Summits", "Diplomacy"],
        body="<p>One two three.</p><p>Four <strong>five</strong>.</p>",
    )


def page_objects(client):
    html = client.get("/news/world/leaders-meet/").content.decode()
    return html, [json.loads(block) for block in LD_JSON.findall(html)]


def test_news_article_has_the_fields_search_engines_read(client, article):
    _html, (data, _crumbs) = page_objects(client)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert datetime.fromisoformat(data["datePublished"]) == article.publish_at
    assert datetime.fromisoformat(data["datePublished"]).tzinfo is not None
    assert datetime.fromisoformat(data["dateModified"]) >= article.publish_at
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ada Byline",
            "url": "http://testserver/author/ada/",
            "jobTitle": "Diplomatic Editor",
        },
        {"@type": "Person", "name": "Bo Second", "url": "http://testserver/author/bo/", "jobTitle": "Correspondent"},
    ]
    assert data["articleSection"] == "World"
    assert sorted(data["keywords"]) == ["Diplomacy", "Summits"]
    assert data["wordCount"] == 5
    assert data["publisher"]["name"] == "The Daily Ledger"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver/news/world/leaders-meet/"
    assert data["image"] == ["http://testserver/static/articles/site-image.png"]  # no lead image: the site's


def test_image_is_the_lead_image_cropped_to_16_9_4_3_and_1_1(article):
    buffer = BytesIO()
    Image.new("RGB", (1600, 1000), "white").save(buffer, format="JPEG")
    article.lead_image.name = default_storage.save("articles/2026/01/summit.jpg", ContentFile(buffer.getvalue()))
    request = RequestFactory().get("/")

    data = structured_data.news_article(article, request=request)

    assert len(data["image"]) == 3
    for url, size in zip(data["image"], [(1200, 675), (1200, 900), (1200, 1200)], strict=True):
        assert url.startswith("http://testserver/media/CACHE/images/articles/2026/01/summit/")
        with default_storage.open(url.removeprefix("http://testserver/media/")) as file, Image.open(file) as image:
            assert image.size == size


def test_no_image_at_all_when_the_site_has_none(article, settings):
    settings.NEWSROOM_SITE_IMAGE = ""

    assert "image" not in structured_data.news_article(article, request=RequestFactory().get("/"))


def test_breadcrumb_list_is_the_visible_trail_down_to_the_article(client, article):
    _html, (_data, crumbs) = page_objects(client)

    assert crumbs["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "News", "http://testserver/news/"),
        (3, "World", "http://testserver/news/world/"),
        (4, article.headline, "http://testserver/news/world/leaders-meet/"),
    ]


def test_a_headline_cannot_break_out_of_the_script_element(client, article):
    html, objects = page_objects(client)

    assert len(objects) == 2  # both parsed: nothing closed the elements early
    assert "<script>alert(1)</script>" not in html
    assert "\\u003C/script\\u003E" in html


def test_script_tag_escapes_markup_characters():
    tag = structured_data.script_tag({"headline": "<b>&</b>"})

    assert tag == '<script type="application/ld+json">{"headline": "\\u003Cb\\u003E\\u0026\\u003C/b\\u003E"}</script>'


# --- Live coverage ---------------------------------------------------------------------------------------------------


def test_a_live_article_is_a_live_blog_posting_with_its_entries_as_updates(client, article):
    from django.utils import timezone

    from tests.factories import make_live_entry

    start = timezone.now().replace(microsecond=0) - timezone.timedelta(hours=2)
    article.coverage_start = start
    article.save()
    reporter = make_author(name="Ann Reporter", slug="ann")
    first = make_live_entry(article, headline="Delegates arrive", text="<p>The <b>first</b> cars pull up.</p>")
    long_text = "<p>" + "A long sentence without a headline. " * 10 + "</p>"
    second = make_live_entry(article, text=long_text, author=reporter)

    _html, (data, _crumbs) = page_objects(client)

    assert data["@type"] == "LiveBlogPosting"
    assert datetime.fromisoformat(data["coverageStartTime"]) == start
    assert "coverageEndTime" not in data
    assert data["headline"].startswith("Leaders meet")
    updates = data["liveBlogUpdate"]
    assert [update["@type"] for update in updates] == ["BlogPosting", "BlogPosting"]
    newest, oldest = updates
    assert oldest["headline"] == "Delegates arrive"
    assert oldest["articleBody"] == "The first cars pull up."
    assert oldest["url"] == f"http://testserver/news/world/leaders-meet/#entry-{first.pk}"
    assert datetime.fromisoformat(oldest["datePublished"]) == first.published_at
    assert "author" not in oldest
    # No headline of its own: its opening words, short enough for search engines.
    assert newest["headline"].startswith("A long sentence without a headline.") and len(newest["headline"]) <= 110
    assert newest["author"] == {"@type": "Person", "name": "Ann Reporter", "url": "http://testserver/author/ann/"}
    assert datetime.fromisoformat(data["dateModified"]) >= second.updated_at.replace(microsecond=0)


def test_a_finished_coverage_says_when_it_ended(client, article):
    from django.utils import timezone

    end = timezone.now().replace(microsecond=0) - timezone.timedelta(minutes=5)
    article.coverage_start = end - timezone.timedelta(hours=3)
    article.coverage_end = end
    article.save()

    _html, (data, _crumbs) = page_objects(client)

    assert data["@type"] == "LiveBlogPosting"
    assert datetime.fromisoformat(data["coverageEndTime"]) == end
    assert data["liveBlogUpdate"] == []


def test_an_entry_cannot_break_out_of_the_script_element(client, article):
    from django.utils import timezone

    from tests.factories import make_live_entry

    article.coverage_start = timezone.now()
    article.save()
    make_live_entry(article, headline="</script><script>alert(1)</script>", text="<p>&lt;/script&gt;</p>")
    html, (data, _crumbs) = page_objects(client)
    assert data["liveBlogUpdate"][0]["headline"] == "</script><script>alert(1)</script>"
    assert data["liveBlogUpdate"][0]["articleBody"] == "</script>"
    assert "<script>alert(1)" not in html


def test_corrections_are_listed_and_notes_set_date_modified(client, article):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    type(article).objects.filter(pk=article.pk).update(updated_at=now - timedelta(hours=1))
    article.corrections.create(
        kind="correction", text="The summit is on Friday </script>.", published_at=now - timedelta(minutes=20)
    )
    article.corrections.create(kind="update", text="Talks began.", published_at=now - timedelta(minutes=5))

    html, (data, _crumbs) = page_objects(client)

    assert "</script>." not in html
    # Only corrections are schema.org corrections; an update still makes the article newer.
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The summit is on Friday </script>.",
            "datePublished": timezone.localtime(now - timedelta(minutes=20)).isoformat(),
        }
    ]
    assert datetime.fromisoformat(data["dateModified"]) == now - timedelta(minutes=5)


def test_without_corrections_there_is_no_correction_property(client, article):
    _html, (data, _crumbs) = page_objects(client)

    assert "correction" not in data


def test_a_body_s_words_are_counted_once():
    body = "<p>Counted once, <em>and</em> remembered.</p><p>Five words here.</p>"
    with mock.patch.object(structured_data, "strip_tags", wraps=structured_data.strip_tags) as stripped:
        assert structured_data.word_count(body) == structured_data.word_count(body) == 7
    assert stripped.call_count == 1
