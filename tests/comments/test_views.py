import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sites.models import Site
from django.test import Client

from comments.models import Comment
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


@pytest.fixture
def article():
    return make_article(slug="talks", category=make_category(slug="world"), reader_prompt="Will the talks succeed?")


@pytest.fixture
def warm_caches(db):
    """The Site and ContentType caches are per process; warm them so budgets are steady-state."""
    from django.contrib.contenttypes.models import ContentType

    Site.objects.clear_cache()
    ContentType.objects.clear_cache()
    Site.objects.get_current()
    yield
    Site.objects.clear_cache()


# The article page ----------------------------------------------------------------------------


def test_the_article_page_has_prompt_thread_and_form_and_nothing_personal(client, article):
    make_comment(article, text="First!")

    response = client.get("/world/talks/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Will the talks succeed?") == 1  # once, above the comments and the form
    assert 'href="#leave-a-comment"' in html
    assert 'id="leave-a-comment"' in html and "Leave a Comment" in html
    assert "First!" in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="">' in html  # the script fills it in
    assert "csrftoken" not in response.cookies
    assert "comments/comments.js" in html
    assert "<script>" not in html.split('id="comments"')[1]  # no inline code
    assert "Never shown publicly." in html
    assert 'href="/comments/privacy/"' in html


def test_the_remember_me_box_is_unticked_and_the_script_exists(client, article):
    from django.contrib.staticfiles import finders

    html = client.get("/world/talks/").content.decode()

    assert '<input type="checkbox" name="remember" id="id_remember">' in html
    assert "Save my name, e-mail and website in this browser for the next time I comment." in html
    script = Path(finders.find("comments/comments.js")).read_text()
    assert "localStorage" in script and "name=remember" in script


def test_the_honeypot_is_hidden_from_people(client, article):
    html = client.get("/world/talks/").content.decode()

    field = re.search(r'<p class="nr-field nr-hp" aria-hidden="true">.*?</p>', html, re.S).group(0)
    assert 'name="contact_phone"' in field
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


def test_closed_comments_keep_the_thread_but_not_the_form(client):
    article = make_article(slug="closed", category=make_category(slug="sport"), comments_enabled=False)
    make_comment(article, text="Said before closing.")

    html = client.get("/sport/closed/").content.decode()

    assert "Said before closing." in html
    assert html.count("Comments are closed.") == 2
    assert "data-comment-form" not in html
    assert "data-reply-to" not in html


def test_signed_in_readers_see_no_name_or_email_fields(client, article):
    client.force_login(User.objects.create_user("ada", email="ada@example.com"))

    html = client.get("/world/talks/").content.decode()

    assert 'name="email"' not in html and 'name="name"' not in html
    assert "You are commenting as ada." in html


def test_reply_without_script_preselects_the_parent(client, article):
    parent = make_comment(article, name="Bo")

    html = client.get(f"/world/talks/?reply_to={parent.pk}").content.decode()

    assert f'name="reply_to" value="{parent.pk}"' in html
    assert "Replying to Bo." in html


@pytest.mark.parametrize("value", ["abc", "-3", "0", "99999999999999999999", "2.5", ""])
def test_malformed_page_and_reply_parameters_fall_back_quietly(client, article, value):
    make_comment(article)

    # A comment page number that is not canonical goes to the page the thread settles on.
    response = client.get(f"/world/talks/?comments_page={value}")
    assert (response.status_code, response["Location"]) == (302, "/world/talks/")
    assert client.get(f"/world/talks/?reply_to={value}").status_code == 200


def _page_with_comments(article, *, threads, users):
    """``threads`` top-level comments, each with a reply and a reply to that, half by signed-in users."""
    for i in range(threads):
        user = users[i % len(users)] if i % 2 else None
        top = make_comment(article, user=user)
        middle = make_comment(article, parent=top, user=users[(i + 1) % len(users)])
        make_comment(article, parent=middle)


# Queries for the article page (warm caches), 10 today: 1 sections along the path,
# 2 the article with its sections (for_detail), 3 bylines with authors, 4 tags,
# 5 related picks, 6 related suggestions, 7 top-level sections for the navigation,
# then the comment section's three: 8 counts of approved comments and threads,
# 9 the page's threads with their replies (names are stored on the comments),
# 10 the announcements running now (all three shared until the next purge when the page cache is on).
# Compared rather than hard-coded, so the articles app may change its own.
def test_the_article_page_costs_the_same_with_200_comments_as_with_5(client, article, warm_caches):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    users = [User.objects.create_user(f"u{i}", first_name=f"Ann{i}") for i in range(4)]
    make_comment(article)
    _page_with_comments(article, threads=1, users=users)
    make_comment(article)
    assert Comment.objects.count() == 5
    client.get("/world/talks/")  # warm per-process caches (templates, site settings)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/world/talks/").status_code == 200

    _page_with_comments(article, threads=65, users=users)
    assert Comment.objects.approved().count() == 200
    with CaptureQueriesContext(connection) as many:
        response = client.get("/world/talks/")

    assert "200 comments" in response.content.decode()
    assert len(many) == len(few) <= 10
    comment_queries = [q["sql"] for q in many if "django_comments" in q["sql"]]
    assert len(comment_queries) == 2


def test_show_more_pages_through_top_level_threads(client, article, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    for text in ("one", "two", "three"):
        make_comment(article, text=f"Thread {text}")

    first = client.get("/world/talks/").content.decode()
    second = client.get("/world/talks/?comments_page=2").content.decode()

    assert "Thread one" in first and "Thread two" in first and "Thread three" not in first
    assert 'href="/world/talks/?comments_page=2#comments" data-show-more' in first
    assert "Thread three" in second and "data-show-more" not in second


# The endpoints the cached page calls ---------------------------------------------------------


def test_form_state_hands_out_a_token_and_fresh_security_fields(article):
    client = Client(enforce_csrf_checks=True)

    response = client.get(f"/comments/form-state/?ct=newsroom_articles.article&pk={article.pk}")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    state = json.loads(response.content)
    assert set(state) == {"csrf_token", "content_type", "object_pk", "timestamp", "security_hash"}
    assert "csrftoken" in response.cookies


def test_form_state_token_lets_a_post_through(article, spam_filter):
    client = Client(enforce_csrf_checks=True)
    state = client.get(f"/comments/form-state/?ct=newsroom_articles.article&pk={article.pk}").json()

    data = {**form_data(article), **state, "csrfmiddlewaretoken": state["csrf_token"]}
    response = client.post("/comments/post/", data)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?ct=newsroom_articles.article&pk=abc",
        "?ct=newsroom_articles.article&pk=999999",
        "?ct=newsroom_articles.article&pk=99999999999999999999",
        "?pk=1",
        "?pk=1&ct=auth.user",
    ],
)
def test_form_state_for_nothing_commentable_is_404(client, article, query):
    assert client.get(f"/comments/form-state/{query}").status_code == 404


def test_form_state_for_a_draft_is_404(client):
    draft = make_article(status="draft")

    assert client.get(f"/comments/form-state/?ct=newsroom_articles.article&pk={draft.pk}").status_code == 404


def test_the_author_of_a_held_comment_sees_it_and_nobody_else_does(article, spam_filter):
    spam_filter.band = "hold"
    author, stranger = Client(), Client()
    author.post("/comments/post/", form_data(article, comment="Waiting <b>patiently</b>."))
    held = Comment.objects.get()

    mine = author.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}")
    theirs = stranger.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}")
    page = stranger.get("/world/talks/").content.decode()

    assert "no-store" in mine["Cache-Control"]
    [item] = mine.json()["comments"]
    assert item["id"] == held.pk
    assert "Your comment is awaiting moderation." in item["html"]
    assert "Waiting &lt;b&gt;patiently&lt;/b&gt;." in item["html"]
    assert theirs.json() == {"comments": [], "editable": []}
    assert "Waiting" not in page


def test_a_forged_pending_cookie_shows_nothing(client, article):
    held = make_comment(article, status="pending")
    client.cookies["newsroom_pending"] = f"{held.pk}:forged"

    assert client.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}").json() == {
        "comments": [],
        "editable": [],
    }


def test_the_pending_cookie_stops_showing_a_comment_once_it_is_approved(article, spam_filter):
    spam_filter.band = "hold"
    author = Client()
    author.post("/comments/post/", form_data(article))
    Comment.objects.update(status="approved")

    assert author.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}").json()["comments"] == []


def test_the_privacy_page_exists(client):
    assert client.get("/comments/privacy/").status_code == 200


def test_librarys_own_posting_and_api_urls_are_not_mounted(client):
    assert client.get("/comments/api/comment/").status_code == 404
    assert client.post("/comments/like/1/").status_code == 404
    assert client.post("/comments/flag/1/").status_code == 404


def test_article_pages_with_comments_stay_cacheable_and_the_pending_cookie_bypasses(
    client, article, spam_filter, settings
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    make_comment(article)
    client.cookies["newsroom_reader"] = "somebody"  # likes change nothing on the page

    assert client.get("/world/talks/")["X-Page-Cache"] == "miss"
    assert client.get("/world/talks/")["X-Page-Cache"] == "hit"
    assert client.get("/world/talks/?comments_page=1")["Location"] == "/world/talks/"  # never a copy of its own

    spam_filter.band = "hold"
    client.post("/comments/post/", form_data(article))
    assert client.get("/world/talks/")["X-Page-Cache"] == "bypass"


def test_the_real_spam_filter_runs_on_a_post(client, article):
    response = client.post("/comments/post/", form_data(article), REMOTE_ADDR="192.0.2.7")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert comment.spam_band in {"publish", "hold", "spam"}
    assert comment.spam_reasons
    assert comment.events.count() == 1


# The comment permalink and the mute link's page ----------------------------------------------


# 1 the published article the permalink names, 2 whether it has an approved comment.
def test_the_comment_permalink_costs_two_queries_however_many_comments(
    client, article, warm_caches, django_assert_num_queries
):
    comment = make_comment(article)
    with django_assert_num_queries(2):
        assert client.get(comment.get_absolute_url()).status_code == 302

    for _ in range(10):
        make_comment(article)
    with django_assert_num_queries(2):
        assert client.get(comment.get_absolute_url()).status_code == 302


# 1 the comment the link names, 2 its article with its section (only if readers can see it),
# 3 the top-level sections for the navigation (the site chrome every page has).
def test_the_mute_page_costs_three_queries_however_many_comments(
    client, article, warm_caches, django_assert_num_queries
):
    from comments import links

    comment = make_comment(article, followup=True)
    url = f"/comments/mute/{links.mute_key(comment)}/"
    client.get(url)  # warm per-process caches (the sections, the site settings)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200

    for _ in range(10):
        make_comment(article, followup=True)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
