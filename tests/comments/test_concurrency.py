"""Many readers posting at once, through the real endpoint, to a real multi-process server.

gunicorn runs several worker processes against one database: a SQLite file
(WAL, immediate transactions and a busy timeout, see ``newsroom/env.py``) or,
when the suite runs with ``DATABASE_URL=postgres://...``, PostgreSQL. Each
client thread fetches the form state (CSRF token, signed timestamp) as the
page's script does, then posts its comments one after another. Every post
must be stored exactly once, whatever the spam filter decides about it, and
no request may fail with a 5xx or "database is locked".
"""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
COMMENTS_EACH = 10
WORKERS = 4

# Transactional: on PostgreSQL the server reads what the test commits to the test database.
# Serialized rollback: the flush after this test must not leave later tests without the migrations' data.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


PREPARE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from articles.models import Article, Category
section = Category.objects.create(name="News", slug="news")
article = Article.objects.create(headline="Busy thread", slug="busy-thread", category=section, status="published")
print(article.pk)
"""


@pytest.fixture
def database(tmp_path):
    """``(environment for the server, article pk, count(texts) -> {text: rows})`` on a prepared database."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        {"DEBUG": "1", "COMMENTS_FLOOD_SECONDS": "0", "COMMENTS_MAX_PER_HOUR_PER_IP": "0", "LOG_LEVEL": "WARNING"}
    )
    if connection.vendor == "postgresql":
        from articles.models import Article, Category
        from comments.models import Comment

        section = Category.objects.create(name="News", slug="news")
        article = Article.objects.create(
            headline="Busy thread", slug="busy-thread", category=section, status="published"
        )
        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

        def count(texts):
            rows = Comment.objects.filter(object_pk=str(article.pk), comment__in=texts).values_list(
                "comment", flat=True
            )
            return _tally(rows)

        yield env, article.pk, count
        return
    path = tmp_path / "concurrency.sqlite3"
    env["DATABASE_URL"] = f"sqlite:///{path}"
    article_pk = int(_manage("shell", "-c", PREPARE, env=env).split()[-1])

    def count(texts):
        # closing(): sqlite3's own context manager only ends the transaction (Python 3.13 warns of the open file).
        with closing(sqlite3.connect(path)) as db:
            rows = db.execute(
                "SELECT c.comment FROM django_comments c "
                "JOIN newsroom_comments_comment m ON m.xtdcomment_ptr_id = c.id "
                "WHERE c.object_pk = ?",
                [str(article_pk)],
            ).fetchall()
        return _tally(text for (text,) in rows if text in texts)

    yield env, article_pk, count


def _tally(texts):
    counts = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    return counts


@pytest.fixture
def server(database, tmp_path):
    env, article_pk, count = database
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w+")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "newsroom.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status = _request(port, "GET", "/")[0]
                if status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, "gunicorn stopped while starting; see its log"
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.2)
        yield port, article_pk, count, log
    finally:
        process.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
        process.wait(timeout=30)
        log.close()


def _request(port, method, path, *, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _csrf_cookie(headers):
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("csrftoken="):
            return value.split(";", 1)[0]
    raise AssertionError("form-state set no CSRF cookie")


def _post_comments(port, article_pk, client_number, outcomes):
    status, headers, body = _request(port, "GET", f"/comments/form-state/?ct=newsroom_articles.article&pk={article_pk}")
    assert status == 200, body[:500]
    state = json.loads(body)
    cookie = _csrf_cookie(headers)
    for n in range(COMMENTS_EACH):
        fields = {
            "content_type": state["content_type"],
            "object_pk": state["object_pk"],
            "timestamp": state["timestamp"],
            "security_hash": state["security_hash"],
            "csrfmiddlewaretoken": state["csrf_token"],
            "name": f"Reader {client_number}",
            "email": f"reader{client_number}@example.com",
            "comment": f"Client {client_number} says thing number {n} about the busy thread.",
            "reply_to": "0",
        }
        status, _headers, body = _request(
            port,
            "POST",
            "/comments/post/",
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        outcomes.append((client_number, n, status, body[:300]))
        assert b"database is locked" not in body


def test_concurrent_posts_are_each_stored_once(server):
    port, article_pk, count, log = server
    outcomes = []
    threads = [
        threading.Thread(target=_post_comments, args=(port, article_pk, i, outcomes), daemon=True)
        for i in range(CLIENTS)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started
    log.seek(0)
    server_log = log.read()

    assert len(outcomes) == CLIENTS * COMMENTS_EACH, f"only {len(outcomes)} posts finished in {elapsed:.1f} s"
    failures = [outcome for outcome in outcomes if outcome[2] != 302]
    assert failures == [], failures[:5]
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log, server_log[-3000:]
    expected = {
        f"Client {c} says thing number {n} about the busy thread." for c in range(CLIENTS) for n in range(COMMENTS_EACH)
    }
    assert count(expected) == dict.fromkeys(expected, 1)
