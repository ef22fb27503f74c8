"""Purges for the shared HTTP cache in front (``articles.pagecache.backends``), sent to a local HTTP server."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import checks
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import pagecache
from articles.pagecache import backends
from comments import status
from comments.models import Comment
from tests.factories import make_article, make_comment

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued(settings=None):
    """The purge tasks waiting in the database queue, oldest first, as ``(args, run_after)``.

    With ``settings``: switch to that queue first (a queue that keeps what is enqueued and can defer).
    """
    if settings is not None:
        settings.TASKS = DATABASE_TASKS
    rows = DBTaskResult.objects.filter(task_path=backends.send_purge.module_path).order_by("enqueued_at", "pk")
    return [(row.args_kwargs["args"], row.run_after) for row in rows]


class _Recorder(BaseHTTPRequestHandler):
    """Answers every request with the next status in ``server.statuses`` (200 once they run out)."""

    def _answer(self):
        self.server.received.append((self.command, self.path, dict(self.headers)))
        code = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_BAN = do_POST = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.received, server.statuses = [], []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def varnish(settings, cache_server):
    settings.NEWSROOM_SHARED_CACHE_PURGE = "varnish"
    settings.NEWSROOM_SHARED_CACHE_VARNISH_URLS = [f"{cache_server.url}/"]
    return cache_server


@pytest.fixture
def fastly(settings, cache_server):
    settings.NEWSROOM_SHARED_CACHE_PURGE = "fastly"
    settings.NEWSROOM_SHARED_CACHE_FASTLY_API_URL = cache_server.url
    settings.NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID = "SVC123"
    settings.NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN = "secret-token"
    return cache_server


def test_varnish_gets_a_ban_naming_the_tags(varnish, settings):
    settings.NEWSROOM_SHARED_CACHE_VARNISH_URLS = [f"{varnish.url}/", f"{varnish.url}/second/"]
    backends.send(["listing-section-3", "article-7"])
    assert [(method, path, headers["X-Purge-Tags"]) for method, path, headers in varnish.received] == [
        ("BAN", "/", "article-7 listing-section-3"),
        ("BAN", "/second/", "article-7 listing-section-3"),
    ]


def test_fastly_gets_its_batch_purge_by_surrogate_key(fastly):
    backends.send(["listing-section-3", "article-7"])
    [(method, path, headers)] = fastly.received
    assert (method, path) == ("POST", "/service/SVC123/purge")
    assert headers["Fastly-Key"] == "secret-token"
    assert headers["Surrogate-Key"] == "article-7 listing-section-3"


def test_fastly_purges_hard_unless_told_to_purge_soft(fastly, settings):
    backends.send(["article-7", "comments"])
    settings.NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE = True
    backends.send(["article-7", "comments"])
    [hard, soft] = [headers for _m, _p, headers in fastly.received]
    assert "Fastly-Soft-Purge" not in hard
    assert soft["Fastly-Soft-Purge"] == "1" and soft["Surrogate-Key"] == "article-7 comments"


@pytest.mark.parametrize(
    "tags",
    [
        ["article-7", "listing-latest"],  # withdrawn: off the site-wide lists...
        ["article-7", "listing-section-3"],  # ... or any list of its own
        ["article-7", "listing"],  # the one list tag of old, which a site's own code may still purge
        ["site"],
    ],
)
def test_a_withdrawn_story_or_a_site_wide_purge_is_never_soft(fastly, settings, tags):
    settings.NEWSROOM_SHARED_CACHE_FASTLY_SOFT_PURGE = True
    backends.send(tags)
    [(_method, _path, headers)] = fastly.received
    assert "Fastly-Soft-Purge" not in headers


def test_fastly_purges_at_most_256_keys_a_request(fastly):
    backends.send([f"article-{n}" for n in range(300)])
    assert [len(headers["Surrogate-Key"].split(" ")) for _m, _p, headers in fastly.received] == [256, 44]


@pytest.mark.parametrize("backend", [None, "nginx"])
def test_nginx_and_none_send_nothing_and_queue_nothing(db, settings, cache_server, backend):
    settings.NEWSROOM_SHARED_CACHE_PURGE = backend
    _queued(settings)
    backends.queue(["article-7"])
    backends.send(["article-7"])
    assert _queued() == [] and cache_server.received == []


def test_a_refused_purge_is_tried_again(varnish):
    varnish.statuses = [503]
    assert backends.send_purge.enqueue(["article-7"]).return_value == "retrying"  # immediate tasks: at once
    assert [headers["X-Purge-Tags"] for _m, _p, headers in varnish.received] == ["article-7", "article-7"]


def test_where_tasks_can_wait_a_retry_waits_longer_each_time(db, varnish, settings):
    _queued(settings)
    varnish.statuses = [503, 503]
    before = timezone.now()
    assert backends.send_purge.call(["article-7"], 1) == "retrying"
    assert backends.send_purge.call(["article-7"], 2) == "retrying"
    (first, first_at), (second, second_at) = _queued()
    assert (first, second) == ([["article-7"], 2], [["article-7"], 3])
    assert before + timedelta(seconds=10) <= first_at < before + timedelta(seconds=15)
    assert before + timedelta(seconds=20) <= second_at < before + timedelta(seconds=25)


def test_after_the_last_attempt_it_gives_up_and_says_so(varnish, caplog):
    varnish.statuses = [503]
    assert backends.send_purge.call(["article-7"], backends.PURGE_ATTEMPTS) == "gave up"
    assert "Gave up purging" in caplog.text


def test_a_cache_that_does_not_answer_fails_the_purge(settings, cache_server):
    settings.NEWSROOM_SHARED_CACHE_PURGE = "varnish"
    settings.NEWSROOM_SHARED_CACHE_VARNISH_URLS = [cache_server.url]
    cache_server.shutdown()
    cache_server.server_close()
    with pytest.raises(backends.PurgeFailed):
        backends.send(["article-7"])


def test_an_approval_queues_one_purge_after_commit_and_sends_nothing_itself(
    db, varnish, settings, django_capture_on_commit_callbacks
):
    _queued(settings)
    with django_capture_on_commit_callbacks(execute=True):
        comment = make_comment(make_article(), status=Comment.Status.PENDING)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(comment, Comment.Status.APPROVED, by_label="test")
        assert _queued() == []  # nothing before the commit
    [(queued, _at)] = _queued()
    assert queued == [sorted([f"article-{comment.object_pk}", "comments"])]
    assert varnish.received == []  # the worker sends it, not the request
    backends.send_purge.call(*queued)
    assert [headers["X-Purge-Tags"] for _m, _p, headers in varnish.received] == [
        f"article-{comment.object_pk} comments"
    ]


def test_a_site_wide_purge_bans_the_site_tag(db, varnish, settings):
    pagecache.purge()
    assert [headers["X-Purge-Tags"] for _m, _p, headers in varnish.received] == ["site"]


@pytest.mark.parametrize(
    ("overrides", "check_id"),
    [
        ({"NEWSROOM_SHARED_CACHE_PURGE": "akamai"}, "articles.E014"),
        ({"NEWSROOM_SHARED_CACHE_SECONDS": "3600"}, "articles.E015"),
        ({"NEWSROOM_SHARED_CACHE_STALE_IF_ERROR": -1}, "articles.E015"),
        ({"NEWSROOM_SHARED_CACHE_PURGE": "varnish"}, "articles.E016"),
        (
            {"NEWSROOM_SHARED_CACHE_PURGE": "varnish", "NEWSROOM_SHARED_CACHE_VARNISH_URLS": "http://v/"},
            "articles.E016",
        ),
        ({"NEWSROOM_SHARED_CACHE_PURGE": "fastly"}, "articles.E017"),
    ],
)
def test_wrong_shared_cache_settings_fail_the_checks(settings, overrides, check_id):
    for name, value in overrides.items():
        setattr(settings, name, value)
    assert check_id in {message.id for message in checks.run_checks()}


def test_right_shared_cache_settings_pass_the_checks(settings):
    settings.NEWSROOM_SHARED_CACHE_PURGE = "fastly"
    settings.NEWSROOM_SHARED_CACHE_FASTLY_SERVICE_ID = "SVC123"
    settings.NEWSROOM_SHARED_CACHE_FASTLY_API_TOKEN = "secret-token"
    settings.NEWSROOM_SHARED_CACHE_SECONDS = 600
    ids = {message.id for message in checks.run_checks()}
    assert not ids & {"articles.E014", "articles.E015", "articles.E016", "articles.E017"}
