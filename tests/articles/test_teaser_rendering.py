"""Teasers and bylines written in Python give the templates' markup (articles.teaser_rendering, {% teaser %})."""

from datetime import UTC, datetime
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone, translation
from PIL import Image

from articles import teaser_rendering
from articles.models import Article
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db

# The include the {% teaser %} tag stands for, as the listing templates had it.
INCLUDED = '{% for article in articles %}{% include "articles/includes/teaser.html" with level=level %}{% endfor %}'
TAGGED = "{% load articles_tags %}{% for article in articles %}{% teaser article level=level %}{% endfor %}"


def render(source, context):
    """``source`` through the engine the settings configure, as a page's template is."""
    return engines["django"].from_string(source).render(context)


def stored_png():
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), (10, 75, 140)).save(buffer, format="PNG")
    return default_storage.save("articles/2026/01/teaser.png", ContentFile(buffer.getvalue()))


@pytest.fixture
def world():
    return make_category(slug="world", name="World & <Co>", parent=make_category(slug="news", name="News"))


def listed(*articles, counts=None):
    """The articles as a listing page reads them, with comment counts set as a list decorator would."""
    found = {a.pk: a for a in Article.objects.for_listing().filter(pk__in=[a.pk for a in articles])}
    ordered = [found[a.pk] for a in articles]
    for article, count in zip(ordered, counts or [], strict=False):
        article.comment_count = count
    return ordered


def assert_same(articles, *, level=2):
    """Each teaser written here is the template's own, and so is a list of them through the tag."""
    for article in articles:
        template = render_to_string(teaser_rendering.TEASER_TEMPLATE, {"article": article, "level": level})
        assert teaser_rendering.teaser_html(article, level=level) == template
    context = {"articles": articles, "level": level}
    written = render(TAGGED, context)
    assert written == render(INCLUDED, context)
    return written


def test_bylines_none_one_and_three_with_text_to_escape(world):
    authors = [
        make_author(name="O'Brien & <Sons>", job_title='"Chief" <Editor>'),
        make_author(name="Zoë Ångström", job_title=""),
        make_author(name="Third", job_title="Reporter"),
    ]
    articles = listed(
        make_article(category=world, authors=[], headline="Rivers & <roads>", standfirst=""),
        make_article(category=world, authors=authors[:1], standfirst='It\'s <b>bold</b> & "quoted"'),
        make_article(category=world, authors=authors, headline='Three "names"'),
    )
    html = assert_same(articles)
    assert "Rivers &amp; &lt;roads&gt;" in html
    first = "O&#x27;Brien &amp; &lt;Sons&gt;, &quot;Chief&quot; &lt;Editor&gt;"
    assert f"By {first}</span>" in html
    assert f"By {first}, Zoë Ångström,  and Third, Reporter</span>" in html
    assert 'class="standfirst"' in html


@pytest.mark.parametrize("level", [None, 2, 3])
def test_heading_levels(world, level):
    html = assert_same(listed(make_article(category=world)), level=level)
    assert f"<h{level or 2} " in html


def test_comment_counts_none_zero_one_and_many(world):
    articles = listed(*(make_article(category=world) for _ in range(4)), counts=[None, 0, 1, 1234])
    html = assert_same(articles)
    assert html.count('class="comment-count"') == 3
    assert ">0 comments<" in html
    assert ">1 comment<" in html
    assert ">1234 comments<" in html


def test_with_and_without_a_picture(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    pictured = make_article(category=world, lead_image=stored_png(), lead_image_alt='Boats & "nets"')
    html = assert_same(listed(pictured, make_article(category=world)))
    assert html.count('<picture class="teaser-image">') == 1
    assert 'alt="Boats &amp; &quot;nets&quot;"' in html


def test_times_in_the_current_time_zone_and_language(world):
    articles = listed(
        make_article(category=world, publish_at=datetime(2026, 1, 5, 23, 7, tzinfo=UTC)),
        make_article(category=world, publish_at=datetime(2026, 7, 31, 9, 30, tzinfo=UTC)),
    )
    with timezone.override("Pacific/Auckland"), translation.override("fr"):
        for article in articles:
            article.comment_count = 2
        html = assert_same(articles)
    assert "6 janvier 2026, 12:07" in html
    assert 'datetime="2026-01-06T12:07:00+13:00"' in html


def test_bylines_on_the_article_page_linked(world):
    authors = [make_author(name="A & B"), make_author(name="C"), make_author(name="D")]
    (article,) = listed(make_article(category=world, authors=authors))
    for bylines in ([], article.ordered_bylines[:1], article.ordered_bylines):
        for link_authors in (True, False):
            template = render_to_string(
                teaser_rendering.BYLINES_TEMPLATE, {"bylines": bylines, "link_authors": link_authors}
            )
            assert teaser_rendering.bylines_html(bylines, link_authors=link_authors) == template


def test_the_apps_own_templates_are_recognised():
    assert teaser_rendering.is_own_template(teaser_rendering.TEASER_TEMPLATE)
    assert teaser_rendering.is_own_template(teaser_rendering.BYLINES_TEMPLATE)


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        (
            teaser_rendering.TEASER_TEMPLATE,
            "[{{ article.headline }} at h{{ level }} on {{ site }}]",
            "[One at h3 on Ours]",
        ),
        (
            teaser_rendering.BYLINES_TEMPLATE,
            "[{{ bylines|length }} by {{ article.headline }} on {{ site }}]\n",
            '<p class="meta">[1 by One on Ours]\n',
        ),
    ],
)
def test_a_site_that_overrides_a_template_keeps_its_markup(settings, tmp_path, world, name, text, shown):
    override = tmp_path / name
    override.parent.mkdir(parents=True)
    override.write_text(text)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert not teaser_rendering.is_own_template(name)
    articles = listed(make_article(category=world, headline="One"), make_article(category=world, headline="Two"))
    # The override sees the page's own context (``site``) besides the article, as the include had it.
    context = {"articles": articles, "level": 3, "site": "Ours"}
    html = render(TAGGED, context)
    assert html == render(INCLUDED, context)
    assert shown in html
    assert "Two" in html
