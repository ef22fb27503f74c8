"""The comment feeds: what threads show and nothing else, as RSS and Atom, cached, in a fixed number of queries."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib.sites.models import Site

from articles.models import Article
from comments.models import Comment
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_FEEDS = ["/comments/feeds/rss/", "/comments/feeds/atom/"]


@pytest.fixture(autouse=True)
def site_cached(db):
    """The current Site is read once per process; warm it so budgets are steady-state."""
    from django.contrib.contenttypes.models import ContentType

    Site.objects.clear_cache()
    ContentType.objects.clear_cache()
    Site.objects.get_current()
    yield
    Site.objects.clear_cache()


@pytest.fixture
def story():
    article = make_article(headline="Talks resume", slug="talks", category=make_category(slug="world"))
    top = make_comment(article, text="Shown at the top.", name="Ann", email="ann@mail.example")
    make_comment(article, text="Shown reply.", parent=top)
    held = make_comment(article, text="Held comment.", status="pending")
    make_comment(article, text="Spam comment.", status="spam")
    make_comment(article, text="Trashed comment.", status="trash")
    # Approved, but under a comment readers cannot see: the thread hides it, so does the feed.
    reply_to_held = make_comment(article, text="Reply under a held one.", parent=held)
    Comment.objects.filter(pk=reply_to_held.pk).update(status="approved", is_public=True)
    draft = make_article(headline="Draft story", status=Article.Status.DRAFT)
    make_comment(draft, text="On a draft.")
    return article


def texts(response):
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return {entry.summary for entry in feed.entries}


def target_feeds(article):
    return [f"/comments/feeds/{kind}/newsroom_articles.article/{article.pk}/" for kind in ("rss", "atom")]


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_the_site_feed_shows_only_what_threads_show(client, story, url):
    response = client.get(url)

    assert response.status_code == 200
    assert texts(response) == {"<p>Shown at the top.</p>", "<p>Shown reply.</p>"}


def test_the_articles_feeds_show_its_comments_only(client, story):
    other = make_article()
    make_comment(other, text="Elsewhere.")

    for url in target_feeds(story):
        assert texts(client.get(url)) == {"<p>Shown at the top.</p>", "<p>Shown reply.</p>"}, url
    assert "<p>Elsewhere.</p>" in texts(client.get(SITE_FEEDS[0]))


def test_entries_are_titled_dated_linked_on_the_public_origin_and_by_name_only(client, story, settings):
    settings.NEWSROOM_PUBLIC_URL = "https://news.example"
    top = Comment.objects.get(comment="Shown at the top.")

    for url in [*SITE_FEEDS, *target_feeds(story)]:
        response = client.get(url, HTTP_HOST="testserver")
        feed = feedparser.parse(response.content)
        entry = next(e for e in feed.entries if e.summary == "<p>Shown at the top.</p>")
        assert entry.title == "Ann on Talks resume"
        assert entry.link == f"https://news.example/world/talks/#c{top.pk}"
        assert entry.author == "Ann"
        assert entry.published_parsed is not None
        assert feed.feed.link.startswith("https://news.example/")
        assert b"mail.example" not in response.content and b"@" not in response.content, url


def test_commenters_text_is_escaped(client):
    article = make_article()
    make_comment(article, name="<script>alert(1)</script>", text="<img src=x onerror=alert(2)> see https://e.example/")

    rss = ET.fromstring(client.get(SITE_FEEDS[0]).content).find("channel").find("item")

    assert rss.findtext("description") == (
        '<p>&lt;img src=x onerror=alert(2)&gt; see <a href="https://e.example/" rel="nofollow ugc">'
        "https://e.example/</a></p>"
    )
    assert rss.findtext("title").startswith("<script>alert(1)</script> on ")  # plain text, XML-escaped on the wire


@pytest.mark.parametrize(
    "path",
    [
        "newsroom_articles.article/999999",
        "newsroom_articles.article/abc",
        "newsroom_articles.article/1e3",
        "newsroom_articles.author/1",
        "nothing/1",
        "newsroom_articles.article/%00",
    ],
)
def test_unknown_targets_are_404(client, story, path):
    assert client.get(f"/comments/feeds/rss/{path}/").status_code == 404


def test_unpublished_and_scheduled_articles_are_404(client):
    from datetime import timedelta

    from django.utils import timezone

    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=1))
    for article in (draft, scheduled):
        make_comment(article)
        for url in target_feeds(article):
            assert client.get(url).status_code == 404


def test_the_article_page_advertises_its_comment_feeds(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]

    rss, atom = target_feeds(story)
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Comments on Talks resume (RSS)" href="{rss}">' in head
    )
    assert f'type="application/atom+xml" title="Comments on Talks resume (Atom)" href="{atom}">' in head


# Queries (warm Site and content type caches): the site's feeds 1 the newest comments shown on visible
# objects, 2 those objects (one query per model that takes comments); an article's feeds 1 the article,
# 2 its newest comments shown. The same with ten more comments.
@pytest.mark.parametrize(("which", "queries"), [("site", 2), ("article", 2)])
def test_feed_query_budgets(client, story, django_assert_num_queries, which, queries):
    urls = SITE_FEEDS if which == "site" else target_feeds(story)
    more = make_article()
    client.get(urls[0])  # warm the content types of every model that takes comments (one per process)
    for url in urls:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
    for _ in range(5):
        make_comment(story, parent=make_comment(story))
        make_comment(more)

    for url in urls:
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert len(feedparser.parse(response.content).entries) >= 12


def test_feeds_are_cached_and_purged_when_a_comment_is_published(client, story, local_page_cache, decide, moderator):
    url = SITE_FEEDS[0]
    assert [client.get(url)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]

    decide(Comment.objects.get(comment="Held comment."), "approved", by=moderator)

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "<p>Held comment.</p>" in texts(response)
    assert "<p>Reply under a held one.</p>" in texts(response)  # its parent is shown now


def test_the_site_feed_is_purged_when_an_article_it_names_changes(
    client, story, local_page_cache, django_capture_on_commit_callbacks
):
    url = SITE_FEEDS[0]
    first = client.get(url)
    assert f"article-{story.pk}" in first["Surrogate-Key"].split()
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Talks resume in Geneva"
        story.save()

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "on Talks resume in Geneva" in response.content.decode()


# Any model that takes comments (the tests' recipes, tests/plugin/recipes) ------------------------


@pytest.mark.urls("tests.plugin.recipes.urls")
def test_a_recipes_comments_have_feeds_and_hidden_recipes_none(client, django_assert_num_queries):
    from django.template import Context, Template

    from tests.plugin.recipes.models import Recipe

    recipe = Recipe.objects.create(title="Plum cake", slug="plum-cake")
    hidden = Recipe.objects.create(title="Secret sauce", slug="secret-sauce", is_published=False)
    make_comment(recipe, text="Lovely cake.")
    make_comment(hidden, text="Tastes secret.")

    feed = f"/comments/feeds/atom/recipes.recipe/{recipe.pk}/"
    assert texts(client.get(feed)) == {"<p>Lovely cake.</p>"}
    assert client.get(f"/comments/feeds/rss/recipes.recipe/{hidden.pk}/").status_code == 404
    assert texts(client.get(SITE_FEEDS[0])) == {"<p>Lovely cake.</p>"}

    tag = Template("{% load newsroom_comments %}{% comment_feed_links recipe %}")
    with django_assert_num_queries(0):
        links = tag.render(Context({"recipe": recipe}))
        assert not tag.render(Context({"recipe": hidden})).strip()
    assert f'type="application/atom+xml" title="Comments on Plum cake (Atom)" href="{feed}"' in links
