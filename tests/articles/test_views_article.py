from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, RelatedPick
from tests.articles.conftest import CHROME_QUERIES_AFTER_SECTIONS
from tests.factories import make_article, make_author, make_category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]


@pytest.fixture
def world():
    news = make_category(slug="news", name="News")
    return make_category(slug="world", name="World", parent=news)


@pytest.fixture
def article(world):
    return make_article(
        headline="Talks resume in Geneva",
        slug="talks-resume",
        standfirst="Negotiators return after a week away.",
        category=world,
        authors=[
            make_author(name="Ada Byline", slug="ada", job_title="Diplomatic Editor"),
            make_author(name="Bo Second", slug="bo", job_title="Europe Correspondent"),
        ],
        tags=["Diplomacy", "Geneva"],
        body="<h2>Background</h2><p>The talks stalled in spring.</p>",
    )


def test_article_page_shows_the_article(client, article):
    response = client.get("/news/world/talks-resume/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h1>Talks resume in Geneva</h1>" in html
    assert "Negotiators return after a week away." in html
    assert "<h2>Background</h2><p>The talks stalled in spring.</p>" in html  # the stored body, unescaped
    assert '<a href="/tag/diplomacy/" rel="tag">Diplomacy</a>' in html
    assert f'<time datetime="{article.publish_at.isoformat(timespec="seconds")}">' in html
    assert '<link rel="canonical" href="http://testserver/news/world/talks-resume/">' in html
    assert '<meta property="og:title" content="Talks resume in Geneva">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "{% block" not in html


def test_machine_readable_times_stop_at_the_second(client, world):
    # HTML takes at most three digits of a fraction of a second; Django's date:"c" writes six.
    when = datetime(2026, 3, 7, 9, 5, 30, 864735, tzinfo=UTC)
    article = make_article(slug="timed", category=world, publish_at=when)
    Article.objects.filter(pk=article.pk).update(updated_at=when + timedelta(hours=1, microseconds=7))

    html = client.get("/news/world/timed/").content.decode()

    assert '<time datetime="2026-03-07T09:05:30+00:00">' in html
    assert '<time datetime="2026-03-07T10:05:30+00:00">' in html
    assert '<meta property="article:published_time" content="2026-03-07T09:05:30+00:00">' in html
    assert 'datetime="2026-03-07T09:05:30.' not in html


def test_breadcrumbs_lead_from_home_to_the_headline(client, article):
    html = client.get("/news/world/talks-resume/").content.decode()

    assert (
        '<nav class="breadcrumbs" aria-label="Breadcrumb">\n  <ol><li><a href="/">Home</a></li>'
        '<li><a href="/news/">News</a></li><li><a href="/news/world/">World</a></li>'
        '<li><span aria-current="page">Talks resume in Geneva</span></li></ol>'
    ) in html


def test_co_bylines_in_position_order_with_job_titles(client, article):
    # Swap the order: position decides, not creation order.
    article.bylines.filter(author__slug="ada").update(position=5)

    html = client.get("/news/world/talks-resume/").content.decode()

    assert (
        'By <a href="/author/bo/" rel="author">Bo Second</a>, Europe Correspondent and '
        '<a href="/author/ada/" rel="author">Ada Byline</a>, Diplomatic Editor</span>'
    ) in html


def test_three_bylines_read_naturally(client, world):
    make_article(
        slug="three",
        category=world,
        authors=[make_author(name=n, job_title="Reporter") for n in ("Ann", "Ben", "Cat")],
    )

    html = client.get("/news/world/three/").content.decode()

    assert ">Ann</a>, Reporter, <a" in html
    assert ">Ben</a>, Reporter and <a" in html


def test_updated_time_only_when_edited_after_publication(client, article):
    html = client.get("/news/world/talks-resume/").content.decode()
    assert "Updated" in html  # the factory publishes an hour before saving

    type(article).objects.filter(pk=article.pk).update(updated_at=article.publish_at + timedelta(minutes=1))
    assert "Updated" not in client.get("/news/world/talks-resume/").content.decode()


def test_lead_image_with_alt_caption_and_credit(client, world):
    gif = (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
        b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )
    make_article(
        slug="pictured",
        category=world,
        lead_image=SimpleUploadedFile("harbour.gif", gif, content_type="image/gif"),
        lead_image_alt="Boats in the harbour at dawn",
        lead_image_caption="The harbour this morning.",
        lead_image_credit="A. Photographer",
    )

    html = client.get("/news/world/pictured/").content.decode()

    assert 'alt="Boats in the harbour at dawn"' in html
    assert "<figcaption>The harbour this morning. " in html
    assert '<span class="credit">A. Photographer</span>' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    # The 16:9 sharing crop (tests/articles/test_images.py has the renditions).
    assert '<meta property="og:image" content="http://testserver/media/CACHE/images/articles/' in html


def test_you_may_also_like_shows_editor_picks(client, article, world):
    picked = make_article(headline="Earlier round of talks", category=world)
    RelatedPick.objects.create(article=article, picked=picked)

    html = client.get("/news/world/talks-resume/").content.decode()

    assert "You may also like" in html
    assert f'<a href="{picked.get_absolute_url()}">Earlier round of talks</a>' in html


def test_a_host_fills_the_comment_blocks_by_overriding_article_detail(client, article, app_pages):
    (app_pages / "articles" / "article_detail.html").write_text(
        '{% extends "articles/article_page.html" %}'
        "{% block after_body %}<p>PROMPT</p>{% endblock %}{% block comments %}<p>THREAD</p>{% endblock %}"
    )

    html = client.get("/news/world/talks-resume/").content.decode()

    assert html.index("The talks stalled") < html.index("<p>PROMPT</p>") < html.index("<p>THREAD</p>")


def test_unknown_article_is_404(client, article):
    assert client.get("/news/world/no-such-story/").status_code == 404
    assert client.get("/nowhere/talks-resume/").status_code == 404


def test_article_under_the_wrong_section_redirects_to_its_canonical_url(client, article):
    make_category(slug="sport")

    response = client.get("/sport/talks-resume/")

    assert response.status_code == 301
    assert response["Location"] == "/news/world/talks-resume/"
    assert client.get("/news/talks-resume/").status_code == 301


# Article page: 1 the sections along the path (one query, which the navigation,
# the article and its teasers reuse), 2 the article (no join: its sections are
# those of 1), 3 its bylines with authors, 4 its tags, 5 its corrections and updates,
# 6-7 "You may also like" (editor picks, then stored suggestions, their sections those of 1);
# then the site chrome (site settings).
ARTICLE_QUERIES = 7 + CHROME_QUERIES_AFTER_SECTIONS


def test_article_query_budget(client, article, django_assert_num_queries):
    with django_assert_num_queries(ARTICLE_QUERIES):
        client.get("/news/world/talks-resume/")


def test_article_query_budget_with_ten_more_articles(client, article, world, add_articles, django_assert_num_queries):
    for position, other in enumerate(add_articles(world)):
        RelatedPick.objects.create(article=article, picked=other, position=position)
    for author in [make_author() for _ in range(3)]:
        article.bylines.create(author=author, position=9)
    article.tags.add(*[f"extra {i}" for i in range(5)])
    for n in range(10):
        article.corrections.create(kind="update" if n % 2 else "correction", text=f"Note {n}.")

    with django_assert_num_queries(ARTICLE_QUERIES - 1):  # picks fill the list: no suggestions query
        client.get("/news/world/talks-resume/")


def test_other_apps_add_parts_to_the_article_page_in_order(client, article, monkeypatch, app_pages):
    from articles import page_parts

    (app_pages / "articles" / "article_detail.html").write_text('{% extends "articles/article_page.html" %}')
    (app_pages / "part_one.html").write_text("<p>ONE {{ article.headline }}</p>")
    (app_pages / "part_two.html").write_text("<p>TWO</p>")
    monkeypatch.setattr(page_parts, "_parts", {slot: [] for slot in page_parts.SLOTS})
    page_parts.add("comments", "part_two.html")
    page_parts.add("after_body", "part_one.html")
    page_parts.add("after_body", "part_one.html")  # once only

    html = client.get("/news/world/talks-resume/").content.decode()

    assert html.count("<p>ONE Talks resume in Geneva</p>") == 1
    assert html.index("The talks stalled") < html.index("<p>ONE") < html.index("<p>TWO</p>")
    page_parts.remove("comments", "part_two.html")
    assert "<p>TWO</p>" not in client.get("/news/world/talks-resume/").content.decode()


def test_a_part_outside_the_page_s_places_is_refused():
    from articles import page_parts

    with pytest.raises(ValueError, match="no part 'sidebar'"):
        page_parts.add("sidebar", "x.html")
