"""Lead images: renditions (articles.images), the article page's <picture>, teasers, sharing and the site image."""

import json
import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory
from PIL import Image

from articles import images
from tests.articles.conftest import CHROME_QUERIES_AFTER_SECTIONS
from tests.factories import make_article, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]


def stored_png(name="articles/2026/01/harbour.png", size=(1600, 900)):
    """A PNG in the (temporary) media storage; its name."""
    buffer = BytesIO()
    Image.new("RGB", size, (10, 75, 140)).save(buffer, format="PNG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


@pytest.fixture
def world():
    return make_category(slug="world", name="World", parent=make_category(slug="news", name="News"))


@pytest.fixture
def pictured(world):
    return make_article(
        slug="pictured",
        category=world,
        lead_image=stored_png(),
        lead_image_alt="Boats in the harbour at dawn",
        lead_image_caption="The harbour this morning.",
        lead_image_credit="Photograph: A. Photographer",
    )


def size_of(url):
    with default_storage.open(url.removeprefix("/media/")) as file, Image.open(file) as image:
        return image.format, image.size


def srcset_urls(srcset):
    return [entry.rsplit(" ", 1)[0] for entry in srcset.split(", ")]


# Renditions ---------------------------------------------------------------------------------------------


def test_the_lead_picture_comes_at_four_widths_in_webp_and_the_original_format(pictured):
    picture = images.lead_picture(pictured)

    assert (picture.width, picture.height, picture.alt) == (1600, 900, "Boats in the harbour at dawn")
    assert [size_of(url) for url in srcset_urls(picture.webp_srcset)] == [
        ("WEBP", (480, 270)),
        ("WEBP", (800, 450)),
        ("WEBP", (1200, 675)),
        ("WEBP", (1600, 900)),
    ]
    assert [entry.rsplit(" ", 1)[1] for entry in picture.srcset.split(", ")] == ["480w", "800w", "1200w", "1600w"]
    assert {size_of(url)[0] for url in srcset_urls(picture.srcset)} == {"PNG"}
    assert size_of(picture.src) == ("PNG", (800, 450))


def test_a_small_original_is_never_enlarged(world):
    article = make_article(category=world, lead_image=stored_png(size=(1000, 500)))

    picture = images.lead_picture(article)

    assert picture.srcset.endswith(" 1000w") and ", " in picture.srcset
    assert [size_of(url)[1] for url in srcset_urls(picture.webp_srcset)] == [(480, 240), (800, 400), (1000, 500)]


def test_share_images_are_the_three_crops_google_asks_for(pictured):
    shared = images.share_images(pictured, request=RequestFactory().get("/"))

    assert [(image.width, image.height) for image in shared] == [(1200, 675), (1200, 900), (1200, 1200)]
    assert all(image.url.startswith("http://testserver/media/CACHE/images/articles/") for image in shared)
    assert [size_of(image.url.removeprefix("http://testserver"))[1] for image in shared] == [
        (1200, 675),
        (1200, 900),
        (1200, 1200),
    ]


def test_renditions_are_made_once(pictured):
    first = images.teaser_picture(pictured)
    made = default_storage.listdir("CACHE/images/articles/2026/01/harbour")[1]

    assert images.teaser_picture(pictured) == first
    assert default_storage.listdir("CACHE/images/articles/2026/01/harbour")[1] == made
    assert len(made) == 4  # 1x and 2x, WebP and PNG


def test_a_missing_file_is_no_picture_not_an_error(pictured, caplog):
    default_storage.delete(pictured.lead_image.name)

    assert images.lead_picture(pictured) is None
    assert images.teaser_picture(pictured) is None
    assert images.share_images(pictured, request=RequestFactory().get("/")) == []
    assert "cannot be read" in caplog.text


def test_no_lead_image_is_no_picture(world):
    article = make_article(category=world)

    assert images.lead_picture(article) is None
    assert images.teaser_picture(article) is None
    assert images.share_images(article, request=RequestFactory().get("/")) == []


def test_the_site_image_is_a_static_file_or_a_url(settings):
    request = RequestFactory().get("/")

    assert images.site_image_url(request) == "http://testserver/static/articles/site-image.png"
    settings.NEWSROOM_SITE_IMAGE = "https://cdn.example/share.png"
    assert images.site_image_url(request) == "https://cdn.example/share.png"
    settings.NEWSROOM_SITE_IMAGE = ""
    assert images.site_image_url(request) == ""


def test_the_default_site_image_ships_with_the_app():
    from django.contrib.staticfiles import finders

    with Image.open(finders.find("articles/site-image.png")) as image:
        assert image.size == (1200, 630)


# The article page ---------------------------------------------------------------------------------------


def test_the_article_page_shows_a_responsive_picture_with_caption_and_credit(client, pictured):
    html = client.get("/news/world/pictured/").content.decode()

    [figure] = re.findall(r'<figure class="lead-image">.*?</figure>', html, re.DOTALL)
    assert '<source type="image/webp" srcset="/media/CACHE/images/articles/2026/01/harbour/' in figure
    assert re.search(r'<img src="/media/\S+\.png" srcset="\S+ 480w, \S+ 800w, \S+ 1200w, \S+ 1600w"', figure)
    assert 'sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)"' in figure
    assert 'width="1600" height="900" alt="Boats in the harbour at dawn"' in figure
    assert "<figcaption>The harbour this morning. " in figure
    assert '<span class="credit">Photograph: A. Photographer</span>' in figure


def test_the_article_page_shares_the_16_9_crop(client, pictured):
    html = client.get("/news/world/pictured/").content.decode()

    [og_image] = re.findall(r'<meta property="og:image" content="([^"]+)">', html)
    assert og_image.startswith("http://testserver/media/CACHE/images/articles/2026/01/harbour/")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="675">' in html
    assert '<meta property="og:image:alt" content="Boats in the harbour at dawn">' in html
    assert f'<meta name="twitter:image" content="{og_image}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "site-image.png" not in html  # the article's own image stands in for the site's


def test_an_article_without_a_picture_shares_the_site_image(client, world):
    make_article(slug="plain", category=world)

    html = client.get("/news/world/plain/").content.decode()

    assert '<figure class="lead-image">' not in html
    assert '<meta property="og:image" content="http://testserver/static/articles/site-image.png">' in html
    assert '<meta name="twitter:image" content="http://testserver/static/articles/site-image.png">' in html
    assert html.count('property="og:image"') == 1


def test_the_article_page_survives_a_missing_file(client, pictured):
    default_storage.delete(pictured.lead_image.name)

    response = client.get("/news/world/pictured/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<figure class="lead-image">' not in html
    assert '<meta property="og:image" content="http://testserver/static/articles/site-image.png">' in html
    [data] = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)[:1]]
    assert data["image"] == ["http://testserver/static/articles/site-image.png"]


# Listing pages ------------------------------------------------------------------------------------------


def test_teasers_show_a_small_lazy_picture(client, pictured, world):
    html = client.get("/news/world/").content.decode()

    [teaser] = re.findall(r'<picture class="teaser-image">.*?</picture>', html, re.DOTALL)
    assert re.search(r'<source type="image/webp" srcset="\S+\.webp 1x, \S+\.webp 2x">', teaser)
    assert 'width="240" height="135" alt="Boats in the harbour at dawn" loading="lazy"' in teaser


def test_teasers_without_a_lead_image_have_no_picture(client, world):
    make_article(category=world)

    assert "teaser-image" not in client.get("/news/world/").content.decode()


@pytest.mark.parametrize("url", ["/", "/news/", "/news/world/", "/search/?q=headline"])
def test_every_page_shares_the_site_image(client, world, url):
    make_article(category=world)

    html = client.get(url).content.decode()

    assert '<meta property="og:image" content="http://testserver/static/articles/site-image.png">' in html
    assert '<meta name="twitter:image" content="http://testserver/static/articles/site-image.png">' in html


def test_no_site_image_when_the_setting_is_empty(client, world, settings):
    settings.NEWSROOM_SITE_IMAGE = ""

    assert "og:image" not in client.get("/news/world/").content.decode()


# Query budgets: pictures cost no query. Section page: 1 the sections (path, subsections, teasers' sections),
# 2 count of its tree's articles, 3 the page of articles, 4 their bylines; then the site chrome (the
# navigation reuses the sections). Home: 1 latest articles, 2 the sections, 3 newest per top-level section,
# 4 the bylines of them all; then the chrome (likewise). The same as without pictures (test_views_section,
# test_views_home).
SECTION_QUERIES = 4 + CHROME_QUERIES_AFTER_SECTIONS
HOME_QUERIES = 4 + CHROME_QUERIES_AFTER_SECTIONS


def test_section_query_budget_with_pictures(client, pictured, world, django_assert_num_queries):
    with django_assert_num_queries(SECTION_QUERIES):
        html = client.get("/news/world/").content.decode()
    assert html.count('class="teaser-image"') == 1


def test_section_query_budget_with_ten_more_pictured_articles(
    client, pictured, world, add_articles, django_assert_num_queries
):
    add_articles(world, lead_image=pictured.lead_image.name, lead_image_alt="Boats")
    with django_assert_num_queries(SECTION_QUERIES):
        html = client.get("/news/world/").content.decode()
    assert html.count('class="teaser-image"') == 11


def test_home_query_budget_with_ten_more_pictured_articles(
    client, pictured, world, add_articles, django_assert_num_queries
):
    add_articles(world, lead_image=pictured.lead_image.name, lead_image_alt="Boats")
    with django_assert_num_queries(HOME_QUERIES):
        html = client.get("/").content.decode()
    assert html.count('class="teaser-image"') >= 11


def test_article_query_budget_with_a_picture(client, pictured, django_assert_num_queries):
    from tests.articles.test_views_article import ARTICLE_QUERIES

    with django_assert_num_queries(ARTICLE_QUERIES):
        html = client.get("/news/world/pictured/").content.decode()
    assert '<figure class="lead-image">' in html


def test_a_file_that_is_not_an_image_is_no_picture(client, world):
    name = default_storage.save("articles/2026/01/notes.png", ContentFile(b"not a picture"))
    make_article(slug="broken", category=world, lead_image=name)

    response = client.get("/news/world/broken/")

    assert response.status_code == 200
    assert '<figure class="lead-image">' not in response.content.decode()
    assert "teaser-image" not in client.get("/news/world/").content.decode()
