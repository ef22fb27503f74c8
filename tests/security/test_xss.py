"""Every field a commenter or writer controls, fed the XSS corpus, renders as inert text.

Comments go through the real POST endpoint, then the article page is read
back; article fields go through the model's save (and its sanitiser), then
the article, home and section pages are read back. Each page is parsed and
must contain no script but ours, no event handler, no javascript:/data:
URL, and JSON-LD that still parses and still says what the writer wrote.
"""

from urllib.parse import quote

import pytest
from taggit.models import Tag

from comments.forms import CommentForm
from comments.models import Comment
from tests.factories import make_article, make_author, make_category
from tests.security.html_safety import active_content, dangerous_url, inspect
from tests.security.xss_vectors import STORABLE_VECTORS, URL_VECTORS, VECTORS

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"


@pytest.fixture(autouse=True)
def _no_flood_limit(settings):
    # One poster sends ~70 comments here; the limits are tested in test_posting_rate_limit.py.
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP = 0
    settings.NEWSROOM_COMMENTS_PER_PAGE = 200


def comment_data(article, **fields):
    data = CommentForm(article).generate_security_data()
    data.update({"name": "Reader", "email": "reader@example.com", "url": "", "comment": "Hello."})
    data.update(fields)
    return data


def assert_inert(html, where):
    problems = active_content(html)
    assert not problems, f"{where}:\n" + "\n".join(problems)


def approve_all():
    for comment in Comment.objects.all():
        comment.status = Comment.Status.APPROVED
        comment.save()


def test_vectors_in_comment_name_and_text_render_inert(client):
    article = make_article(reader_prompt="Tell us.")
    for i, (name, payload) in enumerate(VECTORS):
        response = client.post(
            POST_URL,
            comment_data(
                article,
                name=payload[:50],
                email=f"x{i}@example.com",
                comment=f"{payload} #{i} {name}",
            ),
        )
        assert response.status_code in {302, 400}, (name, response.status_code)
        if response.status_code == 400:  # the form comes back with the reader's input in it
            assert_inert(response.content.decode(), f"refused page for {name}")
    stored = Comment.objects.count()
    assert stored >= len(VECTORS) - 5, "most vectors are plain text and must be stored, not refused"
    approve_all()
    html = client.get(article.get_absolute_url()).content.decode()
    assert_inert(html, "article page with the corpus in comments")
    for i, (name, _payload) in enumerate(VECTORS):
        if Comment.objects.filter(comment__endswith=f" #{i} {name}").exists():
            assert f"#{i} {name}" in html, f"comment {name} is missing from the page"


def test_commenters_links_are_http_only_and_marked_ugc(client):
    article = make_article()
    for i, (name, url) in enumerate(URL_VECTORS):
        response = client.post(
            POST_URL, comment_data(article, url=url, email=f"u{i}@example.com", comment=f"link {name}")
        )
        if response.status_code == 400:
            assert_inert(response.content.decode(), f"refused page for {name}")
    client.post(
        POST_URL,
        comment_data(article, url="https://reader.example/blog?a=1&b=<2>", email="ok@example.com", comment="ok"),
    )
    approve_all()
    assert Comment.objects.filter(comment="ok").exists()
    for comment in Comment.objects.all():
        assert not dangerous_url(comment.user_url), comment.user_url
    page = inspect(client.get(article.get_absolute_url()).content.decode())
    assert not page.problems, page.problems
    assert any(href.startswith("https://reader.example/blog") for href, _rel in page.links)
    # Every link off the site on this page is a commenter's (the article has none).
    external = [(href, rel) for href, rel in page.links if href.startswith(("http:", "https:", "//"))]
    for href, rel in external:
        if "testserver" not in href:
            assert {"nofollow", "ugc"} <= set(rel.split()), (href, rel)


def test_a_reply_form_prefilled_from_a_hostile_name_stays_inert(client):
    article = make_article()
    client.post(POST_URL, comment_data(article, name='"><img src=x onerror=alert(1)>', comment="first"))
    approve_all()
    parent = Comment.objects.get()
    html = client.get(f"{article.get_absolute_url()}?reply_to={parent.pk}").content.decode()
    assert_inert(html, "article page replying to a hostile name")


def make_hostile_article(payload, *, n, section):
    author = make_author(name=payload[:120], job_title=payload[:120])
    return make_article(
        headline=payload[:200],
        slug=f"hostile-{n}",
        category=section,
        authors=[author],
        standfirst=payload,
        reader_prompt=payload[:300],
        seo_description=payload[:300],
        body=f"<p>Intro</p>{payload}<p>Outro</p>",
        lead_image_alt=payload[:250],
        tags=[f"{payload[:90]} {n}"],
    )


@pytest.mark.parametrize(("name", "payload"), STORABLE_VECTORS, ids=[name for name, _ in STORABLE_VECTORS])
def test_vectors_in_article_fields_render_inert(client, name, payload):
    article = make_hostile_article(payload, n=1, section=make_category(name=payload[:80], slug="section"))
    article.refresh_from_db()
    assert "<script" not in article.body.lower() and "onerror" not in article.body.lower()

    page = inspect(client.get(article.get_absolute_url()).content.decode())
    assert not page.problems, "\n".join(page.problems)
    news = next(item for item in page.json_ld if item.get("@type") == "NewsArticle")
    assert news["headline"] == article.headline
    assert news["description"] == article.seo_description
    assert news["author"][0]["name"] == article.bylines.get().author.name


def test_vectors_in_article_fields_render_inert_on_listing_pages(client, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 100
    section = make_category(name=VECTORS[0][1][:80], slug="section")
    articles = [
        make_hostile_article(payload, n=n, section=section) for n, (_name, payload) in enumerate(STORABLE_VECTORS)
    ]
    for url in ("/", section.get_absolute_url(), "/search/?q=alert", f"/search/?q={quote(VECTORS[0][1])}"):
        assert_inert(client.get(url).content.decode(), url)
    for article in articles:
        author = article.bylines.get().author
        assert_inert(client.get(author.get_absolute_url()).content.decode(), f"author page of {author.name!r}")
    for tag in Tag.objects.all():
        assert_inert(client.get(f"/tag/{tag.slug}/").content.decode(), f"tag page of {tag.name!r}")


def test_the_body_sanitiser_keeps_ordinary_formatting():
    article = make_article(body='<h2>Sub</h2><p><strong>a</strong> <a href="https://example.com/">b</a></p>')
    article.refresh_from_db()
    assert "<h2>Sub</h2>" in article.body
    assert '<a href="https://example.com/"' in article.body
