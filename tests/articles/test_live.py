"""Live coverage (``articles.live``): the entries on the article page, the endpoint the script polls, and their cost."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, LiveEntry
from tests.articles.conftest import CHROME_QUERIES_AFTER_SECTIONS
from tests.factories import make_article, make_author, make_category, make_live_entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("app_pages")]

URL = "/news/floods/"


@pytest.fixture
def story():
    """A live article whose coverage started an hour ago and runs on, with two entries."""
    news = make_category(slug="news", name="News")
    article = make_article(
        headline="Floods: live", slug="floods", category=news, coverage_start=timezone.now() - timedelta(hours=1)
    )
    make_live_entry(article, headline="Rain stops", text="<p>The rain has stopped.</p>")
    make_live_entry(article, text="<p>The river is rising.</p>", author=make_author(name="Ann Reporter"))
    return article


def _endpoint(article, after):
    return f"/live/{article.pk}/entries/?after={after}"


def _entry_ids(html):
    return [int(pk) for pk in re.findall(r'data-entry="(\d+)"', html)]


# --- The model -----------------------------------------------------------------------------------------------------


def test_an_article_is_live_once_its_coverage_has_a_start(story):
    assert story.is_live
    assert not make_article().is_live


@pytest.mark.parametrize(
    ("start", "end", "running"),
    [(-60, None, True), (-60, 30, True), (-60, -1, False), (10, None, False), (None, None, False)],
)
def test_coverage_runs_from_its_start_until_its_end(start, end, running):
    now = timezone.now()
    article = Article(
        coverage_start=None if start is None else now + timedelta(minutes=start),
        coverage_end=None if end is None else now + timedelta(minutes=end),
    )
    assert article.coverage_running(now) is running


def test_the_coverage_changes_by_itself_at_its_next_start_or_end():
    now = timezone.now()
    start, end = now + timedelta(minutes=5), now + timedelta(hours=2)
    assert Article(coverage_start=start, coverage_end=end).coverage_changes_at(now) == start
    assert Article(coverage_start=now - timedelta(hours=1), coverage_end=end).coverage_changes_at(now) == end
    assert Article(coverage_start=now - timedelta(hours=1)).coverage_changes_at(now) is None


@pytest.mark.parametrize(("start", "end"), [(None, 1), (0, 0), (0, -1)])
def test_the_coverage_must_start_before_it_ends(start, end):
    now = timezone.now()
    article = make_article()
    article.coverage_start = None if start is None else now + timedelta(hours=start)
    article.coverage_end = now + timedelta(hours=end)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "coverage_end" in error.value.message_dict


def test_an_entry_s_text_is_cleaned_with_the_body_s_allow_list(story):
    entry = make_live_entry(story, text='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a></p>')
    entry.refresh_from_db()
    assert "script" not in entry.text and "onclick" not in entry.text and "javascript" not in entry.text
    assert entry.text.startswith("<p>Hi ")


def test_an_entry_with_a_picture_needs_its_description(story):
    entry = LiveEntry(article=story, text="<p>Look.</p>", image=SimpleUploadedFile("a.png", b"x"))
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "image_alt" in error.value.message_dict


def test_an_entry_cannot_be_scheduled(story):
    entry = LiveEntry(article=story, text="<p>Soon.</p>", published_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "published_at" in error.value.message_dict
    LiveEntry(article=story, text="<p>Now.</p>", published_at=timezone.now() + timedelta(seconds=30)).full_clean()


# --- The article page --------------------------------------------------------------------------------------------


def test_the_page_shows_every_entry_newest_first_with_a_live_badge(client, story):
    html = client.get(URL).content.decode()
    assert _entry_ids(html) == list(LiveEntry.objects.filter(article=story).values_list("pk", flat=True))
    section = html[html.index('id="live"') :]
    assert section.index("The river is rising.") < section.index("The rain has stopped.")
    assert '<h3 class="live-entry-headline">Rain stops</h3>' in html
    assert "Ann Reporter, Reporter" in html
    assert 'class="live-badge"' in html
    # The script polls from the newest entry, at the configured interval.
    newest = LiveEntry.objects.filter(article=story).first()
    assert f'data-latest="{newest.pk}"' in html
    assert f'data-poll-url="/live/{story.pk}/entries/"' in html
    assert 'data-poll-seconds="15"' in html
    assert "articles/live.js" in html


def test_the_poll_interval_follows_the_setting(client, story, settings):
    settings.NEWSROOM_LIVE_POLL_SECONDS = 3
    assert 'data-poll-seconds="3"' in client.get(URL).content.decode()


def test_an_ended_coverage_keeps_its_entries_without_badge_or_script(client, story):
    story.coverage_end = timezone.now() - timedelta(minutes=1)
    story.save()
    html = client.get(URL).content.decode()
    assert len(_entry_ids(html)) == 2
    assert 'class="live-badge"' not in html
    assert "data-poll-url" not in html and "live.js" not in html


def test_a_coverage_not_started_yet_shows_no_badge(client, story):
    story.coverage_start = timezone.now() + timedelta(hours=1)
    story.save()
    html = client.get(URL).content.decode()
    assert 'class="live-badge"' not in html and "data-poll-url" not in html


def test_an_article_that_is_not_live_has_no_live_section(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="live"' not in html and "live.js" not in html


def test_entries_set_for_later_wait_for_their_time(client, story):
    later = make_live_entry(story, text="<p>Not yet.</p>")
    LiveEntry.objects.filter(pk=later.pk).update(published_at=timezone.now() + timedelta(hours=1))
    assert "Not yet." not in client.get(URL).content.decode()


def test_reader_text_is_escaped(client, story):
    make_live_entry(story, headline="<b>Bold</b> claim", author=make_author(name="<i>Eve</i>"))
    html = client.get(URL).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; claim" in html
    assert "&lt;i&gt;Eve&lt;/i&gt;" in html


def test_older_entries_are_a_link_away(client, story, settings):
    settings.NEWSROOM_LIVE_ENTRIES_PER_PAGE = 2
    oldest = make_live_entry(story, published_at=timezone.now() - timedelta(hours=2), text="<p>First of all.</p>")
    first = client.get(URL).content.decode()
    assert len(_entry_ids(first)) == 2 and "First of all." not in first
    assert 'href="?page=2#live" rel="next"' in first
    second = client.get(f"{URL}?page=2").content.decode()
    assert _entry_ids(second) == [oldest.pk]
    assert f'href="{URL}#live" rel="prev"' in second
    # Only the newest page follows the coverage.
    assert "data-poll-url" not in second
    assert 'rel="next"' not in second


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "1.5", "9999999999"])
def test_a_page_of_entries_that_is_not_there_is_404(client, story, page):
    assert client.get(f"{URL}?page={page}").status_code == 404


def test_page_one_of_entries_is_the_article_s_own_url(client, story):
    response = client.get(f"{URL}?page=1")
    assert (response.status_code, response["Location"]) == (302, URL)


# Article page of a live article: the article page's queries (tests/articles/test_views_article.py: 1 the sections
# along the path, 2 the article, 3 its bylines, 4 its tags, 5 its corrections and updates, 6-7 "You may also like"),
# 8 a page of its entries with their authors (one more than the page, to know of older ones); then the site chrome.
LIVE_ARTICLE_QUERIES = 8 + CHROME_QUERIES_AFTER_SECTIONS


def test_live_article_query_budget(client, story, django_assert_num_queries):
    with django_assert_num_queries(LIVE_ARTICLE_QUERIES):
        assert client.get(URL).status_code == 200


def test_live_article_query_budget_with_ten_more_entries(client, story, django_assert_num_queries):
    for i in range(10):
        make_live_entry(story, headline=f"Update {i}", author=make_author())
    with django_assert_num_queries(LIVE_ARTICLE_QUERIES):
        response = client.get(URL)
    assert len(_entry_ids(response.content.decode())) == 12


# --- The endpoint the script polls ---------------------------------------------------------------------------------


def test_the_endpoint_answers_the_entries_after_the_one_the_reader_has(client, story):
    older, newer = LiveEntry.objects.filter(article=story).order_by("pk")
    html = client.get(_endpoint(story, older.pk)).content.decode()
    assert _entry_ids(html) == [newer.pk]
    assert f'data-latest="{newer.pk}"' in html and 'data-running="true"' in html and 'data-complete="true"' in html
    assert _entry_ids(client.get(_endpoint(story, 0)).content.decode()) == [newer.pk, older.pk]
    nothing = client.get(_endpoint(story, newer.pk)).content.decode()
    assert _entry_ids(nothing) == [] and f'data-latest="{newer.pk}"' in nothing


def test_the_endpoint_says_when_the_coverage_has_ended(client, story):
    story.coverage_end = timezone.now() - timedelta(seconds=1)
    story.save()
    assert 'data-running="false"' in client.get(_endpoint(story, 0)).content.decode()


def test_the_endpoint_answers_at_most_a_page_and_says_so(client, story, settings):
    settings.NEWSROOM_LIVE_ENTRIES_PER_PAGE = 1
    html = client.get(_endpoint(story, 0)).content.decode()
    assert len(_entry_ids(html)) == 1 and 'data-complete="false"' in html


def test_the_endpoint_is_kept_out_of_search_engines(client, story):
    assert client.get(_endpoint(story, 0))["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    "query", ["", "?after=", "?after=abc", "?after=-1", "?after=1.5", "?after=1e3", "?after=" + "9" * 19]
)
def test_a_bad_after_is_400(client, story, query):
    assert client.get(f"/live/{story.pk}/entries/{query}").status_code == 400


@pytest.mark.parametrize("which", ["unknown", "huge", "not live", "draft", "scheduled"])
def test_only_a_published_live_article_has_entries(client, story, which):
    pk = {
        "unknown": story.pk + 1000,
        "huge": 2**64,
        "not live": make_article().pk,
        "draft": make_article(coverage_start=timezone.now(), status=Article.Status.DRAFT).pk,
        "scheduled": make_article(coverage_start=timezone.now(), publish_at=timezone.now() + timedelta(hours=1)).pk,
    }[which]
    assert client.get(f"/live/{pk}/entries/?after=0").status_code == 404


# The endpoint: 1 the article (published and live), 2 the entries after the reader's, with their authors.
ENDPOINT_QUERIES = 2


def test_endpoint_query_budget(client, story, django_assert_num_queries):
    with django_assert_num_queries(ENDPOINT_QUERIES):
        assert client.get(_endpoint(story, 0)).status_code == 200


def test_endpoint_query_budget_with_ten_more_entries(client, story, django_assert_num_queries):
    for i in range(10):
        make_live_entry(story, headline=f"Update {i}", author=make_author())
    with django_assert_num_queries(ENDPOINT_QUERIES):
        response = client.get(_endpoint(story, 0))
    assert len(_entry_ids(response.content.decode())) == 12


# --- Caching and purging -------------------------------------------------------------------------------------------


def _state(response):
    return response["X-Page-Cache"]


def test_the_endpoint_is_cached_for_every_reader_under_the_article_s_tag(client, story, page_cache):
    url = _endpoint(story, 0)
    first, second = client.get(url), client.get(url)
    assert (_state(first), _state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Cache-Control"].startswith("public, max-age=0, s-maxage=60, ")
    assert f"article-{story.pk}" in second["Surrogate-Key"].split(" ")


def test_an_after_is_cached_under_its_plain_spelling(client, story, page_cache):
    response = client.get(f"/live/{story.pk}/entries/?after=007")
    assert (response.status_code, response["Location"]) == (302, f"/live/{story.pk}/entries/?after=7")


@pytest.mark.parametrize("change", ["add", "edit", "delete"])
def test_an_entry_purges_the_page_and_the_endpoint(client, story, page_cache, commit, change):
    newest = LiveEntry.objects.filter(article=story).first()
    urls = [URL, _endpoint(story, 0), _endpoint(story, newest.pk)]
    for url in urls:
        client.get(url)
        assert _state(client.get(url)) == "hit", url
    with commit():
        if change == "add":
            make_live_entry(story, text="<p>Bridge closed.</p>")
        elif change == "edit":
            newest.text = "<p>Bridge closed.</p>"
            newest.save()
        else:
            newest.delete()
    for url in urls:
        assert _state(client.get(url)) == "miss", url
    page = client.get(URL).content.decode()
    assert ("Bridge closed." in page) is (change != "delete")
    if change == "add":
        assert "Bridge closed." in client.get(_endpoint(story, newest.pk)).content.decode()


def test_an_entry_of_another_article_leaves_this_one_cached(client, story, page_cache, commit):
    with commit():
        other = make_article(coverage_start=timezone.now(), category=story.category)
    client.get(URL)
    with commit():
        make_live_entry(other)
    assert _state(client.get(URL)) == "hit"


def test_nothing_cached_outlives_the_end_of_the_coverage(client, story, page_cache):
    story.coverage_end = timezone.now() + timedelta(seconds=40)
    story.save()
    for url in (URL, _endpoint(story, 0)):
        response = client.get(url)
        assert int(re.search(r"s-maxage=(\d+)", response["Cache-Control"])[1]) <= 40, url
    with time_machine.travel(timezone.now() + timedelta(seconds=41)):
        assert _state(client.get(URL)) == "miss"
        page = client.get(URL).content.decode()
        assert 'class="live-badge"' not in page
        assert 'data-running="false"' in client.get(_endpoint(story, 0)).content.decode()


def test_a_signed_in_reader_gets_the_shared_entries_and_each_new_one(client, story, page_cache, commit):
    from tests.factories import make_user

    client.get(URL)  # an anonymous reader's visit builds the shared parts
    client.force_login(make_user(is_staff=False))
    response = client.get(URL)
    assert _state(response) == "bypass"
    assert "The river is rising." in response.content.decode()
    with commit():
        make_live_entry(story, text="<p>Bridge closed.</p>")
    assert "Bridge closed." in client.get(URL).content.decode()
