"""The article page's text written in Python gives the template's markup (articles.article_rendering)."""

import shutil
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import articles
from articles import article_rendering, teaser_rendering
from articles.models import Article, Correction, RelatedPick
from tests.factories import make_article, make_author, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture
def world():
    return make_category(slug="world", name="World & <Co>", parent=make_category(slug="news", name="News"))


def as_template(client, settings, tmp_path, url):
    """The page with ``article_text.html`` and ``article_meta.html`` copied into a site's templates: rendered by
    the engine, not here."""
    for name in (article_rendering.ARTICLE_TEXT_TEMPLATE, article_rendering.ARTICLE_META_TEMPLATE):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(articles.__file__).parent / "templates" / name, tmp_path / name)
    settings.TEMPLATES = [{**settings.TEMPLATES[0]}]  # the template loaders look again
    with (
        mock.patch.object(article_rendering, "_breadcrumbs") as text_written,
        mock.patch.object(article_rendering, "iso_time") as meta_written,
    ):
        html = client.get(url).content.decode()
    assert not text_written.called
    assert not meta_written.called
    return html


def assert_same(client, settings, tmp_path, article):
    url = article.get_absolute_url()
    written = client.get(url).content.decode()
    assert written == as_template(client, settings, tmp_path, url)
    return written


def test_an_article_with_bylines_tags_and_related_articles(client, settings, app_pages, world):
    article = make_article(
        headline="Talks <resume> & more",
        standfirst='Negotiators "return".',
        category=world,
        authors=[make_author(name="Ada & Co"), make_author(name="Bo"), make_author(name="Cy")],
        tags=["Diplomacy", "Geneva & <Lake>"],
        body="<h2>Background</h2><p>The talks stalled in spring.</p>",
    )
    RelatedPick.objects.create(article=article, picked=make_article(headline="Earlier <round>", category=world))
    html = assert_same(client, settings, app_pages, article)
    assert "Talks &lt;resume&gt; &amp; more" in html
    assert "Earlier &lt;round&gt;" in html


def test_a_bare_article(client, settings, app_pages, world):
    article = make_article(category=world, authors=[], body="")
    assert_same(client, settings, app_pages, article)


def test_an_updated_article_with_a_lead_image_and_corrections(client, settings, app_pages, world):
    article = make_article(
        category=world,
        lead_image=SimpleUploadedFile("harbour.gif", GIF, content_type="image/gif"),
        lead_image_alt="Boats <in> the harbour",
        lead_image_caption="The harbour & this morning.",
        lead_image_credit="A. <Photographer>",
    )
    Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at + timedelta(hours=2))
    Correction.objects.create(article=article, text="It was <Tuesday>.\nNot Monday.")
    Correction.objects.create(article=article, kind=Correction.Kind.UPDATE, text="Talks ended.")
    html = assert_same(client, settings, app_pages, article)
    assert '<figcaption>The harbour &amp; this morning. <span class="credit">' in html
    assert "Updated" in html
    assert "It was &lt;Tuesday&gt;." in html


def test_a_lead_image_with_a_credit_only(client, settings, app_pages, world):
    article = make_article(
        category=world,
        lead_image=SimpleUploadedFile("harbour.gif", GIF, content_type="image/gif"),
        lead_image_credit="A. Photographer",
    )
    assert "<figcaption>" in assert_same(client, settings, app_pages, article)


def test_the_text_and_meta_are_written_in_python_while_the_templates_are_the_apps_own(client, world):
    article = make_article(category=world)
    with (
        mock.patch.object(article_rendering, "_breadcrumbs", wraps=article_rendering._breadcrumbs) as text_written,
        mock.patch.object(article_rendering, "iso_time", wraps=article_rendering.iso_time) as iso_time,
    ):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert text_written.call_count == 1
    # The published and updated times (an hour apart): in the text and in the meta elements, not their templates.
    assert iso_time.call_count == 4


@pytest.mark.parametrize(
    "name",
    [
        article_rendering.ARTICLE_TEXT_TEMPLATE,
        article_rendering.ARTICLE_META_TEMPLATE,
        article_rendering.BREADCRUMBS_TEMPLATE,
        teaser_rendering.BYLINES_TEMPLATE,
    ],
)
def test_a_site_that_overrides_a_template_keeps_its_markup(client, app_pages, world, name):
    article = make_article(category=world, headline="Own")
    (app_pages / name).parent.mkdir(parents=True, exist_ok=True)
    (app_pages / name).write_text("[The site's own {{ article.headline }}]")
    assert "[The site's own Own]" in client.get(article.get_absolute_url()).content.decode()
