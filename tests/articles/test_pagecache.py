"""The readers' page cache: what it stores, whom it serves, and when it forgets.

Every test runs twice, on local memory and on Redis (skipped when no Redis
answers on 127.0.0.1:6379), with a key prefix of its own.
"""

import itertools
import pickle
import re
import time
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from articles import pagecache
from articles.models import Article, Byline, RelatedPick
from comments import conf as comments_conf
from comments import status
from comments.models import Comment
from tests.articles.conftest import in_request
from tests.conftest import clear_cache
from tests.factories import make_article, make_author, make_category

# --- Views under test (for the rules that no reader page exercises) ------------------------------------------------

_renders = itertools.count(1)


def _declare_known_params(request):
    """Take the known parameters as they come: these views have no values of their own to redirect to."""
    for name in ("page", "comments_page"):
        pagecache.page_param(request, name, request.GET.get(name))


@pagecache.cache_for_readers
def plain(request):
    _declare_known_params(request)
    return HttpResponse(f"render {next(_renders)}")


@pagecache.cache_for_readers
def counts_articles(request):
    _declare_known_params(request)
    return HttpResponse(f"{Article.objects.published().count()} articles")


@pagecache.cache_for_readers
def greets(request):
    name = request.user.get_username() if request.user.is_authenticated else "reader"
    return HttpResponse(f"Hello {name}")


@pagecache.cache_for_readers
def sets_cookie(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("seen", "1")
    return response


@pagecache.cache_for_readers
def uses_csrf_token(request):
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


@pagecache.cache_for_readers
def uses_csp_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}" src="/static/x.js"></script>')


@pagecache.cache_for_readers
def writes_session(request):
    request.session["visited"] = True
    return HttpResponse("noted")


@pagecache.cache_for_readers
def never_cache(request):
    response = HttpResponse("preview")
    add_never_cache_headers(response)
    return response


@pagecache.cache_for_readers
def missing(request):
    return HttpResponseNotFound("no such page")


urlpatterns = [
    path("plain/", plain),
    path("counts/", counts_articles),
    path("greets/", greets),
    path("sets-cookie/", sets_cookie),
    path("csrf/", uses_csrf_token),
    path("nonce/", uses_csp_nonce),
    path("session/", writes_session),
    path("never-cache/", never_cache),
    path("missing/", missing),
]
own_urls = pytest.mark.urls(__name__)


# --- Fixtures ------------------------------------------------------------------------------------------------------


def _get(client, url, **headers):
    return client.get(url, headers=headers)


def _state(response):
    return response["X-Page-Cache"]


# --- Storing and serving -------------------------------------------------------------------------------------------


@own_urls
def test_second_request_is_a_hit_with_the_same_page(client, page_cache, django_assert_num_queries):
    first = client.get("/plain/")
    with django_assert_num_queries(0):
        second = client.get("/plain/")
    assert (_state(first), _state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@own_urls
@pytest.mark.parametrize("scheduled", [0, 10])
def test_a_miss_costs_one_query_more_than_the_view(client, db, page_cache, django_assert_num_queries, scheduled):
    for _ in range(scheduled):
        make_article(publish_at=timezone.now() + timedelta(days=1))
    # 1. the view's own count of published articles
    # 2. the soonest scheduled publish time, 3. the comments app's next announcement start or end
    # (the sources registered with changes_at(), once per generation)
    with django_assert_num_queries(3):
        assert _state(client.get("/counts/")) == "miss"
    # Another page in the same generation already knows the next publish time.
    with django_assert_num_queries(1):
        assert _state(client.get("/counts/?page=2")) == "miss"


def test_listing_pages_are_cached(client, db, page_cache):
    article = make_article(tags=["floods"])
    author = article.bylines.get().author
    for url in ["/", article.category.get_absolute_url(), author.get_absolute_url(), "/tag/floods/"]:
        assert _state(client.get(url)) == "miss", url
        assert _state(client.get(url)) == "hit", url


def test_article_pages_are_cached(client, db, page_cache):
    article = make_article()
    assert _state(client.get(article.get_absolute_url())) == "miss"
    assert _state(client.get(article.get_absolute_url())) == "hit"


def test_cached_article_page_holds_nothing_personal(client, db, page_cache):
    article = make_article()
    client.get(article.get_absolute_url())
    response = client.get(article.get_absolute_url())
    assert _state(response) == "hit"
    # The comment form's token is fetched by script; the page carries an empty field at most.
    assert not re.search(rb'name="csrfmiddlewaretoken" value="[^"]', response.content)
    assert not response.cookies
    assert "Set-Cookie" not in response


@own_urls
def test_headers_let_browsers_revalidate(client, page_cache):
    for response in (client.get("/plain/"), client.get("/plain/")):
        # Browsers revalidate every time; a shared cache in front keeps it (60 s: no purge reaches it).
        assert response["Cache-Control"] == (
            "public, max-age=0, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400"
        )
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert response["Vary"] == "Cookie, Authorization"


@own_urls
def test_conditional_get_answers_304_on_hits_and_misses(client, page_cache):
    first = client.get("/plain/")
    hit = _get(client, "/plain/", if_none_match=first["ETag"])
    assert (hit.status_code, _state(hit), hit.content) == (304, "hit", b"")
    assert _get(client, "/plain/", if_none_match='"something else"').status_code == 200
    assert _get(client, "/plain/", if_modified_since=first["Last-Modified"]).status_code == 304


def test_conditional_get_on_a_fresh_render_of_an_unchanged_page(client, db, page_cache):
    section = make_article().category
    first = client.get(section.get_absolute_url())
    pagecache.purge()
    again = _get(client, section.get_absolute_url(), if_none_match=first["ETag"])
    assert (again.status_code, _state(again)) == (304, "miss")


@own_urls
def test_head_requests_use_the_cache(client, page_cache):
    client.get("/plain/")
    response = client.head("/plain/")
    assert (response.status_code, _state(response)) == (200, "hit")


@own_urls
def test_allowed_query_parameters_are_separate_pages(client, page_cache):
    one, two = client.get("/plain/?page=1"), client.get("/plain/?page=2")
    assert one.content != two.content
    assert client.get("/plain/?page=2").content == two.content
    assert _state(client.get("/plain/?comments_page=3")) == "miss"
    assert _state(client.get("/plain/?comments_page=3")) == "hit"


@pytest.fixture
def decorator_only(settings):
    """The page cache without PageCacheMiddleware: the decorator serves and stores on its own."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "articles.pagecache.PageCacheMiddleware"]


@own_urls
def test_the_decorator_works_without_the_middleware(client, db, page_cache, decorator_only):
    first = client.get("/plain/")
    second = client.get("/plain/")
    assert (_state(first), _state(second), second.content) == ("miss", "hit", first.content)
    client.force_login(User.objects.create_user("carol", password="x"))
    assert _state(client.get("/plain/")) == "bypass"


def test_the_decorator_alone_purges_and_revalidates(client, db, page_cache, decorator_only):
    article = make_article()
    first = client.get(article.get_absolute_url())
    assert _get(client, article.get_absolute_url(), if_none_match=first["ETag"]).status_code == 304
    pagecache.purge()
    assert _state(client.get(article.get_absolute_url())) == "miss"


def test_a_middleware_hit_skips_the_stack_but_keeps_its_headers(client, db, page_cache, django_assert_num_queries):
    article = make_article()
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        hit = client.get(article.get_absolute_url())
    assert _state(hit) == "hit"
    assert hit.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "Vary", "ETag", "Cache-Control"):
        assert hit[header] == first[header], header
    assert not hit.cookies


# --- Who is never served from the cache ----------------------------------------------------------------------------


@own_urls
def test_logged_in_readers_bypass_the_cache_and_leak_nothing(client, db, page_cache):
    alice = User.objects.create_user("alice", password="x")
    client.get("/greets/")  # an anonymous copy is in the cache
    client.force_login(alice)
    mine = client.get("/greets/")
    assert (_state(mine), mine.content) == ("bypass", b"Hello alice")
    assert mine["Cache-Control"] == "private, no-cache"
    client.logout()
    theirs = client.get("/greets/")
    assert (_state(theirs), theirs.content) == ("hit", b"Hello reader")


@own_urls
def test_a_logged_in_page_is_never_stored(client, db, page_cache):
    client.force_login(User.objects.create_user("bob", password="x"))
    client.get("/greets/")
    client.logout()
    response = client.get("/greets/")
    assert (_state(response), response.content) == ("miss", b"Hello reader")


def test_no_cached_article_page_shows_a_signed_in_readers_name(client, db, page_cache):
    article = make_article()
    client.get(article.get_absolute_url())  # an anonymous copy is cached
    client.force_login(User.objects.create_user("alice", first_name="Alice", last_name="Quill", password="x"))
    mine = client.get(article.get_absolute_url())
    assert _state(mine) == "bypass"
    assert b"Alice Quill" in mine.content
    client.logout()
    for _ in range(2):
        theirs = client.get(article.get_absolute_url())
        assert _state(theirs) in {"hit", "miss"}
        assert b"Alice Quill" not in theirs.content


def test_no_cached_article_page_shows_a_pending_comment(client, db, page_cache):
    article = make_article()
    _comment(article, status=Comment.Status.PENDING, text="Words awaiting moderation")
    client.cookies[comments_conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE")] = "signed-ids"
    assert _state(client.get(article.get_absolute_url())) == "bypass"
    del client.cookies[comments_conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE")]
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert _state(response) in {"hit", "miss"}
        assert b"Words awaiting moderation" not in response.content


@own_urls
def test_pending_comment_cookie_bypasses_the_cache(client, page_cache):
    client.get("/plain/")
    client.cookies[comments_conf.get("NEWSROOM_COMMENTS_PENDING_COOKIE")] = "signed-ids"
    assert _state(client.get("/plain/")) == "bypass"


@own_urls
def test_only_the_csrf_cookie_and_allowed_cookies_keep_the_cache(client, page_cache, settings):
    client.get("/plain/")
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert _state(client.get("/plain/")) == "hit"
    client.cookies["analytics"] = "1"
    assert _state(client.get("/plain/")) == "bypass"
    settings.NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES = ["analytics"]
    assert _state(client.get("/plain/")) == "hit"


@own_urls
def test_an_app_declares_the_cookies_that_change_nothing_on_a_page(client, page_cache, monkeypatch):
    monkeypatch.setattr(pagecache, "_cookie_sources", [])
    client.get("/plain/")
    client.cookies["poll_voter"] = "1"
    assert _state(client.get("/plain/")) == "bypass"
    pagecache.allow_cookies(lambda: ["poll_voter"])
    assert _state(client.get("/plain/")) == "hit"


@own_urls
@pytest.mark.parametrize("query", ["?ref=mail", "?page=2&preview=1", "?q=floods", "?utm_source=x&sort=old"])
def test_unknown_query_parameters_bypass_the_cache(client, page_cache, query):
    assert _state(client.get(f"/plain/{query}")) == "bypass"
    assert _state(client.get(f"/plain/{query}")) == "bypass"


@own_urls
def test_tracking_parameters_share_the_plain_page(client, page_cache):
    plain = client.get("/plain/")
    for query in ("?utm_source=news&utm_medium=social", "?fbclid=AbC123", "?utm_campaign=spike&gclid=x"):
        shared = client.get(f"/plain/{query}")
        assert _state(shared) == "hit", query
        assert shared.content == plain.content
    # Kept parameters still make pages of their own, trackers or not.
    assert _state(client.get("/plain/?page=2&utm_source=news")) == "miss"
    assert _state(client.get("/plain/?page=2")) == "hit"


@own_urls
def test_a_page_is_stored_only_under_the_url_its_view_declares(client, page_cache):
    # /greets/ declares no parameters: a known one is dropped by a redirect (trackers stay), never stored.
    response = client.get("/greets/?page=2&utm_source=news")
    assert (response.status_code, response["Location"], _state(response)) == (302, "/greets/?utm_source=news", "bypass")
    # With a parameter the cache does not know, the page is never stored anyway: shown as the view made it.
    assert _state(client.get("/greets/?page=2&ref=mail")) == "bypass"
    assert client.get("/greets/?page=2&ref=mail").status_code == 200


def test_tracking_parameters_follow_the_setting(client, page_cache, settings):
    settings.NEWSROOM_PAGE_CACHE_IGNORED_PARAMS = ["campaign_*"]
    client.get("/")
    assert _state(client.get("/?campaign_id=7")) == "hit"
    assert _state(client.get("/?utm_source=x")) == "bypass"


@own_urls
def test_posts_bypass_the_cache(client, page_cache):
    client.get("/plain/")
    assert _state(client.post("/plain/")) == "bypass"


@own_urls
@pytest.mark.parametrize("url", ["/missing/", "/sets-cookie/", "/csrf/", "/nonce/", "/never-cache/", "/session/"])
def test_personal_or_failed_responses_are_never_stored(client, db, page_cache, url):
    first = client.get(url)
    again = client.get(url)
    assert (_state(first), _state(again)) == ("bypass", "bypass")
    if url == "/csrf/":
        assert first.content != again.content or "csrftoken" in first.cookies


@own_urls
def test_zero_seconds_turns_the_cache_off(client, page_cache, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    client.get("/plain/")
    assert _state(client.get("/plain/")) == "bypass"


@own_urls
def test_a_page_expires_after_the_max_age(client, db, page_cache, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get("/plain/")
        traveller.shift(timedelta(seconds=59))
        assert _state(client.get("/plain/")) == "hit"
        traveller.shift(timedelta(seconds=2))
        assert _state(client.get("/plain/")) == "miss"


# --- Purges --------------------------------------------------------------------------------------------------------


def _cached_home(client):
    client.get("/")
    assert _state(client.get("/")) == "hit"


def _edit_headline(article):
    article.headline = "Changed headline"
    article.save()


def _add_byline(article):
    Byline.objects.create(article=article, author=make_author(), position=1)


def _pick_related(article):
    RelatedPick.objects.create(article=article, picked=make_article())


def _rename_section(article):
    article.category.name = "Renamed"
    article.category.save()


def _rename_author(article):
    author = article.bylines.get().author
    author.name = "New Name"
    author.save()


def _tag(article):
    article.tags.add("elections")


def _unpublish(article):
    article.status = Article.Status.DRAFT
    article.save()


def _delete(article):
    article.delete()


@pytest.mark.parametrize(
    "change",
    [_edit_headline, _add_byline, _pick_related, _rename_section, _rename_author, _tag, _unpublish, _delete],
)
def test_changes_readers_see_purge_every_page(client, db, page_cache, django_capture_on_commit_callbacks, change):
    article = make_article()
    _cached_home(client)
    with django_capture_on_commit_callbacks(execute=True):
        change(article)
    assert _state(client.get("/")) == "miss"


def test_publishing_a_new_article_shows_it_at_once(client, db, page_cache, django_capture_on_commit_callbacks):
    make_article(headline="Old news")
    _cached_home(client)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(headline="Breaking: river bursts its banks")
    assert b"Breaking: river bursts its banks" in client.get("/").content


def test_the_purge_waits_for_the_commit(client, db, page_cache, django_capture_on_commit_callbacks):
    article = make_article()
    _cached_home(client)
    with django_capture_on_commit_callbacks() as callbacks:
        _edit_headline(article)
        assert _state(client.get("/")) == "hit"
    assert any(isinstance(callback, pagecache.PendingPurge) for callback in callbacks)


def _comment(article, *, status, text="A thoughtful comment."):
    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Article),
        object_pk=str(article.pk),
        site_id=1,
        user_name="Reader",
        user_email="reader@example.com",
        comment=text,
        status=status,
    )


@pytest.mark.parametrize(
    ("from_status", "to_status", "purged"),
    [
        (Comment.Status.PENDING, Comment.Status.APPROVED, True),
        (Comment.Status.APPROVED, Comment.Status.TRASH, True),
        (Comment.Status.APPROVED, Comment.Status.SPAM, True),
        (Comment.Status.PENDING, Comment.Status.SPAM, False),
    ],
)
def test_comment_moderation_purges_when_readers_see_a_difference(
    client, db, page_cache, django_capture_on_commit_callbacks, from_status, to_status, purged
):
    # comments.status sends comment_status_changed after commit; the comments
    # app's ready() connects it to the page cache.
    comment = _comment(make_article(), status=to_status)
    _cached_home(client)
    with django_capture_on_commit_callbacks(execute=True):
        status.comment_status_changed.send(
            sender=Comment, comment=comment, from_status=from_status, to_status=to_status
        )
    assert _state(client.get("/")) == ("miss" if purged else "hit")


def test_a_held_new_comment_leaves_the_cache_alone(client, db, page_cache, django_capture_on_commit_callbacks):
    comment = _comment(make_article(), status=Comment.Status.PENDING)
    _cached_home(client)
    with django_capture_on_commit_callbacks(execute=True):
        status.comment_status_changed.send(sender=Comment, comment=comment, from_status="", to_status="pending")
    assert _state(client.get("/")) == "hit"


def test_a_comment_published_at_once_purges(client, db, page_cache, django_capture_on_commit_callbacks):
    comment = _comment(make_article(), status=Comment.Status.APPROVED)
    _cached_home(client)
    with django_capture_on_commit_callbacks(execute=True):
        status.comment_status_changed.send(sender=Comment, comment=comment, from_status="", to_status="approved")
    assert _state(client.get("/")) == "miss"


def test_one_purge_empties_every_page(client, db, page_cache):
    article = make_article(tags=["floods"])
    urls = ["/", article.category.get_absolute_url(), "/tag/floods/", article.get_absolute_url()]
    for url in urls:
        client.get(url)
    pagecache.purge()
    assert [_state(client.get(url)) for url in urls] == ["miss"] * len(urls)


# --- Scheduled articles --------------------------------------------------------------------------------------------


@own_urls
def test_a_cached_page_expires_when_the_next_scheduled_article_is_due(client, db, page_cache):
    due = timezone.now() + timedelta(minutes=2)
    make_article(publish_at=due)
    with time_machine.travel(due - timedelta(minutes=1), tick=False) as traveller:
        client.get("/plain/")
        assert _state(client.get("/plain/")) == "hit"
        traveller.move_to(due - timedelta(seconds=1))
        assert _state(client.get("/plain/")) == "hit"
        traveller.move_to(due + timedelta(seconds=1))
        assert _state(client.get("/plain/")) == "miss"


def test_a_scheduled_article_appears_on_the_cached_home_page_at_its_time(client, page_cache, db_clock):
    due = timezone.now() + timedelta(hours=1)
    make_article(headline="Embargoed report", publish_at=due)
    with time_machine.travel(due - timedelta(minutes=5), tick=False) as traveller:
        assert b"Embargoed report" not in client.get("/").content
        assert _state(client.get("/")) == "hit"
        traveller.move_to(due)
        response = client.get("/")
        assert (_state(response), b"Embargoed report" in response.content) == ("miss", True)


def test_a_scheduled_article_appears_in_real_time(client, db, page_cache):
    # Real time, not time_machine: "published" is decided by the database's
    # clock (publish_at <= NOW()), which time_machine cannot move.
    # The two requests before the publication time must both finish before it: on a busy machine a
    # request can take a second, so the lead grows until they do.
    for lead in (1, 4, 16):
        due = timezone.now() + timedelta(seconds=lead)
        article = make_article(headline="Embargoed report", publish_at=due)
        before = client.get("/").content, _state(client.get("/"))
        if timezone.now() < due:
            break
        article.delete()
    assert before == (before[0], "hit")
    assert b"Embargoed report" not in before[0]
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.2)
    response = client.get("/")
    assert (_state(response), b"Embargoed report" in response.content) == ("miss", True)


# --- Settings ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("NEWSROOM_PAGE_CACHE_SECONDS", -1, "articles.E010"),
        ("NEWSROOM_PAGE_CACHE_SECONDS", "300", "articles.E010"),
        ("NEWSROOM_PAGE_CACHE_QUERY_PARAMS", "page", "articles.E011"),
        ("NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES", None, "articles.E011"),
        ("NEWSROOM_PAGE_CACHE_IGNORED_PARAMS", "utm_*", "articles.E011"),
    ],
)
def test_wrong_settings_fail_the_checks(settings, name, value, check_id):
    from articles.pagecache.system_checks import check_page_cache

    setattr(settings, name, value)
    assert [error.id for error in check_page_cache(None)] == [check_id]


# --- Several processes, each with its own local-memory cache ------------------------------------------------------


@pytest.fixture
def locmem_page_cache(settings, db, tmp_path):
    """The page cache on local memory, with its shared generation file in ``tmp_path``."""
    prefix = f"pagecache-test-{uuid.uuid4().hex[:8]}"
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {"default": {"BACKEND": locmem, "LOCATION": prefix, "KEY_PREFIX": prefix}}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation.json")
    clear_cache(cache)
    yield tmp_path / "generation.json"
    clear_cache(cache)


def _purge_in_another_process(path):
    """What a purge in another gunicorn worker does to this one: it writes the file; our cache keeps its copy."""
    assert pagecache._write_generation_file(str(path), {"token": uuid.uuid4().hex, "since": int(time.time())})


@own_urls
def test_a_purge_in_another_process_empties_this_ones_cached_pages(client, locmem_page_cache):
    client.get("/plain/")
    assert _state(client.get("/plain/")) == "hit"

    _purge_in_another_process(locmem_page_cache)

    assert [_state(client.get("/plain/")) for _ in range(2)] == ["miss", "hit"]


@own_urls
def test_this_processs_purge_is_written_for_the_others(client, locmem_page_cache):
    client.get("/plain/")
    before = locmem_page_cache.read_text()

    pagecache.purge()

    assert locmem_page_cache.read_text() != before
    assert _state(client.get("/plain/")) == "miss"


@own_urls
def test_the_next_scheduled_time_is_looked_up_again_after_another_processs_purge(
    client, locmem_page_cache, django_assert_num_queries
):
    client.get("/counts/")
    client.get("/plain/")  # the soonest scheduled time is known for this generation
    _purge_in_another_process(locmem_page_cache)  # ...after which an editor may have scheduled a sooner one
    # 1. the view's count, 2. the soonest scheduled publish time and 3. the next announcement start or end,
    # looked up again for the new generation
    with django_assert_num_queries(3):
        assert _state(client.get("/counts/")) == "miss"


@own_urls
def test_a_damaged_or_missing_generation_file_is_replaced_not_fatal(client, locmem_page_cache):
    client.get("/plain/")
    locmem_page_cache.write_text("{not json")
    assert _state(client.get("/plain/")) == "miss"  # unreadable: the page is not trusted
    locmem_page_cache.unlink()
    assert _state(client.get("/plain/")) == "miss"
    assert "token" in locmem_page_cache.read_text()  # a new generation was started
    assert _state(client.get("/plain/")) == "hit"


@own_urls
def test_an_unwritable_generation_file_is_logged_and_pages_still_served(client, locmem_page_cache, settings, caplog):
    settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = str(locmem_page_cache.parent / "missing-dir" / "generation.json")
    # This process still caches and purges its own pages, as it would without the file.
    assert [_state(client.get("/plain/")) for _ in range(2)] == ["miss", "hit"]
    pagecache.purge()
    assert [_state(client.get("/plain/")) for _ in range(2)] == ["miss", "hit"]
    assert caplog.text.count("Could not write the page cache's generation file") == 1


def test_the_generation_file_is_named_after_the_site_and_only_used_for_local_memory(settings):
    settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = None  # the default
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "a"}}
    first = pagecache.generation_file()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "b"}}
    assert pagecache.generation_file() != first and "newsroom-pagecache-" in first
    # Any other cache is shared by the processes (Redis) or keeps nothing: no file.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert pagecache.generation_file() is None


# --- Shared parts: what every reader sees alike, worked out once per generation --------------------------------------


def test_a_shared_part_is_built_once_per_generation(page_cache):
    builds = itertools.count(1)
    assert [pagecache.shared("part", lambda: next(builds)) for _ in range(3)] == [1, 1, 1]
    assert pagecache.shared("other part", lambda: next(builds)) == 2
    pagecache.purge()
    assert pagecache.shared("part", lambda: next(builds)) == 3


def test_a_read_only_part_is_the_same_object_for_every_caller_until_a_purge(page_cache):
    first = pagecache.shared("part", lambda: ["built first"], read_only=True)
    # Kept here as the object itself: nothing unpickled, with local memory as with Redis.
    assert pagecache.shared("part", lambda: ["built again"], read_only=True) is first
    # A part its callers may change is still a copy for each.
    copied = pagecache.shared("copied", lambda: ["built first"])
    again = pagecache.shared("copied", lambda: ["built again"])
    assert again == copied and again is not copied
    tagged = pagecache.shared("tagged", lambda: ["tagged"], tags=["article-7"], read_only=True)
    pagecache.purge("article-7")
    assert pagecache.shared("tagged", lambda: ["rebuilt"], tags=["article-7"], read_only=True) == ["rebuilt"]
    assert tagged == ["tagged"]
    assert pagecache.shared("part", lambda: ["built again"], read_only=True) is first  # not tagged: kept
    pagecache.purge()
    assert pagecache.shared("part", lambda: ["after the purge"], read_only=True) == ["after the purge"]


def test_a_read_only_part_is_kept_no_longer_than_its_time(page_cache):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        pagecache.shared("part", lambda: ["before"], read_only=True)
        traveller.shift(timedelta(seconds=301))  # the page cache's 300 s
        assert pagecache.shared("part", lambda: ["after"], read_only=True) == ["after"]


def test_the_article_page_changes_none_of_the_parts_it_shares(client, db, page_cache):
    """The parts the article page reads as read-only (the article, the sections, "You may also like", the
    comment section, the article's text) are handed to every request as the same objects: the page must
    leave them as it found them, for anonymous and signed-in readers alike."""
    article = _busy_article()
    url = article.get_absolute_url() + "?unknown=1"  # a parameter the page cache does not know: bypass
    reader = User.objects.create_user("reader", password="x")

    def kept():
        return {key: pickle.dumps(value) for key, (_size, value) in pagecache._near.items.items()}

    def unchanged(before):
        after = kept()  # (plus, once, the signed-in readers' own thread)
        return {key: after.get(key) for key in before} == before

    with time_machine.travel(timezone.now(), tick=False):
        first = client.get(url)
        before = kept()
        assert client.get(url).content == first.content
        assert unchanged(before)
        client.force_login(reader)
        assert b"First thoughts" in client.get(url).content
        assert unchanged(before)
        client.logout()
        assert client.get(url).content == first.content
        assert unchanged(before)
    read_only = [value for _size, value in pagecache._near.items.values() if isinstance(value, tuple)]
    assert any(isinstance(value, Article) for _expires, value, _tags in read_only)


ALIKE_FOR_EVERY_READER = {
    "comments/newsroom/prompt.html",
    "comments/newsroom/feed_links.html",
    "articles/adblock_notice.html",
}


def test_the_prompt_feed_links_and_adblock_notice_are_rendered_once_per_generation(
    client, db, page_cache, django_capture_on_commit_callbacks
):
    article = _busy_article()
    url = article.get_absolute_url() + "?unknown=1"  # bypass: the page itself is rendered every time
    first = client.get(url)
    assert {template.name for template in first.templates} >= ALIKE_FOR_EVERY_READER
    second = client.get(url)
    assert not ALIKE_FOR_EVERY_READER & {template.name for template in second.templates}
    for part in (b'class="nr-prompt"', b'title="Comments on River report (RSS)"', b'id="adblock-notice"'):
        assert first.content.count(part) == second.content.count(part) == 1
    # A new prompt (an edit of the article purges its tag) shows at once.
    with django_capture_on_commit_callbacks(execute=True):
        article.reader_prompt = "Did the river reach your street?"
        article.save()
    assert b"Did the river reach your street?" in client.get(url).content
    # Staff never get the notice, though everyone else's is kept.
    client.force_login(User.objects.create_user("editor", password="x", is_staff=True))
    assert b'id="adblock-notice"' not in client.get(url).content


def test_a_shared_prompt_closes_when_its_article_stops_taking_comments(client, db, page_cache):
    article = make_article(category=make_category(comments_close_after_days=1), reader_prompt="Tell us more.")
    url = article.get_absolute_url() + "?unknown=1"
    assert b"Tell us more." in client.get(url).content
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        html = client.get(url).content
    assert b"Tell us more." not in html
    assert b"Comments are closed." in html


def test_with_the_page_cache_off_a_shared_part_is_built_every_time(db, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    builds = itertools.count(1)
    assert [pagecache.shared("part", lambda: next(builds)) for _ in range(2)] == [1, 2]


def _busy_article():
    article = make_article(tags=["floods"], headline="River report")
    RelatedPick.objects.create(article=article, picked=make_article(headline="Earlier flood story"))
    first = _comment(article, status=Comment.Status.APPROVED, text="First thoughts")
    reply = _comment(article, status=Comment.Status.APPROVED, text="A reply")
    reply.parent_id = first.pk
    reply.save()
    return article


def test_a_page_the_cache_may_not_serve_reuses_the_shared_parts(client, db, page_cache, django_assert_num_queries):
    article = _busy_article()
    url = article.get_absolute_url() + "?unknown=1"  # a parameter the page cache does not know: bypass
    # Both renders at one instant: compared byte for byte, so no date on the page may tick over between them.
    with time_machine.travel(timezone.now(), tick=False):
        first = client.get(url)
        # None: the first request worked out the article (with its bylines and tags), the sections,
        # "You may also like" and the comment thread, and they hold until the next purge.
        with django_assert_num_queries(0):
            second = client.get(url)
    assert _state(second) == "bypass"
    assert second.content == first.content
    for text in (b"First thoughts", b"A reply", b"Earlier flood story", b"River report"):
        assert text in second.content


def test_a_preview_is_never_shared(client, db, page_cache):
    draft = make_article(status=Article.Status.DRAFT, headline="Not out yet")
    client.force_login(User.objects.create_superuser("editor", password="x"))
    assert b"Not out yet" in client.get(draft.get_absolute_url()).content
    client.logout()
    for _ in range(2):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_signed_in_reader_gets_the_shared_thread_with_their_own_token(client, db, page_cache):
    article = _busy_article()
    client.get(article.get_absolute_url())  # an anonymous reader shares the thread first
    tokens = []
    for name in ("alice", "bob"):
        client.force_login(User.objects.create_user(name, password="x"))
        response = client.get(article.get_absolute_url())
        in_page = set(re.findall(rb'name="csrfmiddlewaretoken" value="([^"]*)"', response.content))
        assert len(in_page) == 1, name  # like/report forms and the comment form carry the same token
        token = in_page.pop().decode()
        # It is this reader's token: unmasked, it is the secret in their CSRF cookie.
        assert _unmask_cipher_token(token) == response.wsgi_request.META["CSRF_COOKIE"]
        assert b"\x00" not in response.content
        tokens.append(token)
        client.logout()
    assert tokens[0] != tokens[1]
    anonymous = client.get(article.get_absolute_url())
    assert not re.search(rb'name="csrfmiddlewaretoken" value="[^"]', anonymous.content)


def test_an_approved_comment_reaches_pages_the_cache_may_not_serve(
    client, db, page_cache, django_capture_on_commit_callbacks
):
    article = _busy_article()
    url = article.get_absolute_url() + "?unknown=1"
    client.get(url)
    held = _comment(article, status=Comment.Status.PENDING, text="Held for a moderator")
    assert b"Held for a moderator" not in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(held, Comment.Status.APPROVED, by_label="test")
    assert b"Held for a moderator" in client.get(url).content


def test_a_renamed_section_shows_in_the_navigation_at_once(client, db, page_cache, django_capture_on_commit_callbacks):
    article = make_article()
    section = article.category
    client.get("/?unknown=1")
    with django_capture_on_commit_callbacks(execute=True):
        section.name = "Renamed desk"
        section.save()
    assert b"Renamed desk" in client.get("/?unknown=1").content
    assert client.get(section.get_absolute_url()).status_code == 200


def test_new_suggestions_reach_the_shared_related_list(client, db, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        older = make_article(tags=["floods", "rivers"], headline="Floods close the river road")
    with django_capture_on_commit_callbacks() as after_commit:
        make_article(tags=["floods", "rivers"], headline="Follow-up on the river road")
    purges = [callback for callback in after_commit if isinstance(callback, pagecache.PendingPurge)]
    rest = [callback for callback in after_commit if not isinstance(callback, pagecache.PendingPurge)]
    assert purges and rest
    # The save's purges run, and a reader looks, before the suggestions are computed.
    for purge in purges:
        purge()
    url = older.get_absolute_url() + "?unknown=1"
    assert b"Follow-up on the river road" not in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        for callback in rest:
            callback()
    assert b"Follow-up on the river road" in client.get(url).content


class _Counting:
    """The cache, noting every key read through ``get`` / ``get_many``."""

    def __init__(self, cache):
        self.cache, self.asked = cache, []

    def get(self, key, *args, **kwargs):
        self.asked.append(key)
        return self.cache.get(key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        self.asked.extend(keys)
        return self.cache.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_page_the_cache_may_not_serve_asks_the_cache_for_the_generation_once(client, db, page_cache, monkeypatch):
    article = _busy_article()
    url = article.get_absolute_url() + "?unknown=1"
    client.get(url)
    counting = _Counting(page_cache)
    monkeypatch.setattr(pagecache, "cache", counting)
    client.get(url)
    asked = [key for key in counting.asked if key.startswith("articles:pagecache:")]
    # The shared parts the page reads (the article, the sections, related, the site's header and the article's
    # text, the comment section and the announcements) are read-only: this process's own copies, with local
    # memory as with a cache on another machine. One read of the cache in all.
    assert asked == [pagecache.GENERATION_KEY]


def test_a_purge_by_another_server_reaches_this_ones_copies(client, db, page_cache):
    article = _busy_article()
    url = article.get_absolute_url() + "?unknown=1"
    assert b"River report" in client.get(url).content
    Article.objects.filter(pk=article.pk).update(headline="River report, corrected")  # no signal, no purge here
    assert b"River report, corrected" not in client.get(url).content
    # Another app server purges: it writes a new generation to the shared cache (or the generation file).
    path = pagecache.generation_file()
    generation = {"token": uuid.uuid4().hex, "since": int(time.time())}
    if path is not None:
        pagecache._write_generation_file(path, generation)
    page_cache.set(pagecache.GENERATION_KEY, generation, None)
    assert b"River report, corrected" in client.get(url).content


def test_outside_requests_the_generation_is_read_afresh(db, page_cache):
    builds = itertools.count(1)
    assert pagecache.shared("part", lambda: next(builds)) == 1
    page_cache.set(pagecache.GENERATION_KEY, {"token": "from-elsewhere", "since": 0}, None)
    path = pagecache.generation_file()
    if path is not None:
        pagecache._write_generation_file(path, {"token": "from-elsewhere", "since": 0})
    assert pagecache.shared("part", lambda: next(builds)) == 2


@own_urls
def test_a_hit_asks_a_shared_cache_for_the_generation_only(client, page_cache, monkeypatch):
    client.get("/plain/")
    counting = _Counting(page_cache)
    monkeypatch.setattr(pagecache, "cache", counting)
    assert _state(client.get("/plain/")) == "hit"
    asked = [key for key in counting.asked if key.startswith("articles:pagecache:")]
    if pagecache.generation_file() is None:
        assert asked == [pagecache.GENERATION_KEY]  # the page itself is this process's copy
    else:
        assert len(asked) == 2 and asked[0] == pagecache.GENERATION_KEY  # one get_many: generation and page


def test_near_copies_keep_to_their_budget_and_generation():
    near = pagecache._NearCopies(max_bytes=100)
    for n in range(5):
        near.put(f"k{n}", n, size=30, token="a")
    assert [near.get(f"k{n}", token="a") for n in range(5)] == [None, None, 2, 3, 4]  # oldest dropped first
    near.get("k2", token="a")  # used: now the newest
    near.put("k5", 5, size=30, token="a")
    assert near.get("k2", token="a") == 2 and near.get("k3", token="a") is None
    near.put("huge", "x", size=101, token="a")
    assert near.get("huge", token="a") is None
    assert near.get("k5", token="b") is None  # another generation sees nothing
    near.put("k6", 6, size=30, token="b")
    assert near.get("k5", token="b") is None and near.size == 30


# --- Where the middleware sits (articles.E012, articles.W013) -------------------------------------------------------

SECURITY = "django.middleware.security.SecurityMiddleware"
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
PAGE_CACHE = "articles.pagecache.PageCacheMiddleware"
SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
CSRF = "django.middleware.csrf.CsrfViewMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"


@pytest.mark.parametrize(
    ("middleware", "expected"),
    [
        ([SECURITY, WHITENOISE, PAGE_CACHE, SESSION, CSRF, AUTH], []),
        ([SESSION, CSRF, AUTH], []),  # the decorator alone is enough
        ([PAGE_CACHE, SECURITY, WHITENOISE, SESSION], [("articles.E012", "Error"), ("articles.W013", "Warning")]),
        ([SECURITY, WHITENOISE, SESSION, PAGE_CACHE, CSRF], [("articles.W013", "Warning")]),
        ([SECURITY, PAGE_CACHE, WHITENOISE, SESSION], [("articles.W013", "Warning")]),
        ([PAGE_CACHE, SECURITY, AUTH], [("articles.E012", "Error")]),
    ],
)
def test_the_middleware_must_sit_after_security_and_before_sessions(settings, middleware, expected):
    from django.core import checks

    settings.MIDDLEWARE = middleware

    found = [m for m in checks.run_checks(tags=[checks.Tags.security]) if m.id in ("articles.E012", "articles.W013")]

    assert [(message.id, type(message).__name__) for message in found] == expected
    assert all("right after SecurityMiddleware" in message.hint for message in found)


def test_once_per_request_builds_once_in_a_request_and_every_time_outside_one(db):
    built = []

    def build():
        built.append(1)
        return object()

    assert pagecache.once_per_request("part", build) is not pagecache.once_per_request("part", build)
    with in_request():
        first = pagecache.once_per_request("part", build)
        assert pagecache.once_per_request("part", build) is first
        assert len(built) == 3
    with in_request():
        assert pagecache.once_per_request("part", build) is not first  # the next request builds its own


def test_shared_parts_are_kept_only_with_the_page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    assert not pagecache.shares()
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    assert pagecache.shares()
