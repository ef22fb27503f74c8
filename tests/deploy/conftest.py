"""Real proxies from Debian's packages in front of a real gunicorn serving the demo site (``-m proxy``).

nginx runs ``deploy/nginx.conf`` and varnishd ``deploy/varnish.vcl``, with only what ties them to one
machine swapped (``benchmarks/proxy.py``). gunicorn runs the host site with production settings
(``tests/deploy/site_settings.py``: ``DEBUG=0``, manifest static files) on a throwaway SQLite database
holding the demo (``migrate``, ``load_demo``, ``collectstatic``, made once per run and copied for each
proxy). What changes the database while a test runs (a comment approved, a reader signed in) is done by
``manage.py shell`` on the same file, as a moderator or the task worker would: pytest-django's own
database is one gunicorn cannot see. Skipped, saying why, where nginx or varnishd is not installed
(``.ci/run`` installs both; ``apt-get install nginx-light varnish``).
"""

import http.client
import json
import os
import secrets
import shutil
import ssl
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from benchmarks import proxy

ROOT = Path(__file__).resolve().parents[2]
#: The query of the comment form's per-visitor state for an article (the comment section's data attributes).
FORM_STATE = "ct=newsroom_articles.article&pk={pk}"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.proxy)


def site_env(db, *, static_root, media_root, settings=None):
    """The environment gunicorn and ``manage.py`` run with: production settings on SQLite ``db``."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The PostgreSQL run's database and cache are not for these processes, nor pytest-cov's.
        if key not in {"DATABASE_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"} and not key.startswith("COV_CORE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.deploy.site_settings",
            "NEWSROOM_TEST_STATIC_ROOT": str(static_root),
            "NEWSROOM_TEST_SETTINGS": json.dumps(settings or {}),
            "DEBUG": "0",
            "SECRET_KEY": "proxy-tests-" + "k" * 50,
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "BEHIND_PROXY": "1",
            "DATABASE_URL": f"sqlite:///{db}",
            "CACHE_URL": "locmem://",
            "MEDIA_ROOT": str(media_root),
            "COMMENTS_FLOOD_SECONDS": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"
    return result.stdout


@dataclass
class Demo:
    db: Path
    static_root: Path
    media_root: Path


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo site's database, static files and media, made once per run."""
    tmp = tmp_path_factory.mktemp("proxy-demo")
    made = Demo(db=tmp / "demo.sqlite3", static_root=tmp / "static", media_root=tmp / "media")
    env = site_env(made.db, static_root=made.static_root, media_root=made.media_root)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("load_demo", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    return made


@dataclass
class Site:
    """gunicorn serving a copy of the demo on 127.0.0.1:``port``."""

    env: dict
    port: int
    process: subprocess.Popen = field(repr=False)

    def shell(self, code):
        """Run ``code`` in ``manage.py shell`` on the site's database; returns the last line it printed."""
        printed = manage("shell", "-v", "0", "-c", textwrap.dedent(code), env=self.env).strip().splitlines()
        return printed[-1] if printed else ""

    def article(self, *, skip=0):
        """``(pk, url)`` of a published article with comments open, a different one for each ``skip``."""
        printed = self.shell(f"""
            from articles.models import Article
            article = Article.objects.published().order_by("pk")[{skip}]
            print(article.pk, article.get_absolute_url())
        """)
        pk, url = printed.split()
        return int(pk), url


def start_site(tmp, demo, *, settings):
    db = tmp / "site.sqlite3"
    shutil.copy(demo.db, db)
    env = site_env(db, static_root=demo.static_root, media_root=demo.media_root, settings=settings)
    port = proxy.free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-c", "gunicorn.conf.py", "newsroom.wsgi", "--workers", "2"]
    log = tmp / "gunicorn.log"
    command += ["--bind", f"127.0.0.1:{port}", "--error-logfile", str(log)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proxy.wait_for_port(port, process=process, timeout=60, log=log)
    return Site(env=env, port=port, process=process)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def header(self, name):
        return self.headers.get(name)

    def cookies(self):
        """``{name: value}`` of the cookies the response sets."""
        pairs = (value.split(";", 1)[0].split("=", 1) for value in self.headers.get_all("Set-Cookie") or [])
        return {name.strip(): value for name, value in pairs}


_UNVERIFIED = ssl.create_default_context()
_UNVERIFIED.check_hostname = False
_UNVERIFIED.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate


def fetch(port, path, *, method="GET", https=False, headers=None, body=None, cookies=None):
    """One request to 127.0.0.1:``port`` as host ``localhost`` (over TLS with ``https``); redirects not followed."""
    if https:
        conn = http.client.HTTPSConnection("localhost", port, timeout=30, context=_UNVERIFIED)
    else:
        conn = http.client.HTTPConnection("localhost", port, timeout=30)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read().decode("utf-8", "replace"))
    finally:
        conn.close()


def post_comment(send, article_pk, text, *, name="Pat Reader", email=None):
    """Post ``text`` through the real form as a new reader (held: a first comment); returns the 302's cookies.

    ``send(path, **kwargs)`` is :func:`fetch` bound to the proxy under test.
    """
    state_response = send(f"/comments/form-state/?{FORM_STATE.format(pk=article_pk)}")
    assert state_response.status == 200, state_response.status
    state = json.loads(state_response.text)
    csrf = state_response.cookies()["csrftoken"]
    fields = {key: state[key] for key in ("content_type", "object_pk", "timestamp", "security_hash")}
    fields.update(
        csrfmiddlewaretoken=state["csrf_token"],
        name=name,
        email=email or f"{secrets.token_hex(6)}@example.com",
        comment=text,
        reply_to="0",
    )
    posted = send(
        "/comments/post/",
        method="POST",
        body=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": "https://localhost/"},
        cookies={"csrftoken": csrf},
    )
    assert posted.status == 302, (posted.status, posted.text[:2000])
    return {"csrftoken": csrf, **posted.cookies()}


def approve(site, text):
    """A moderator approves the comment that says ``text``, committed as in the admin."""
    site.shell(f"""
        from django.contrib.auth import get_user_model
        from comments import status
        from comments.models import Comment
        moderator, _ = get_user_model().objects.get_or_create(username="proxy-moderator", is_staff=True)
        status.change_status(Comment.objects.get(comment={text!r}), "approved", by=moderator)
    """)


def signed_in(site, username, full_name):
    """The session cookie of a reader signed in as ``username`` (made if missing): ``{"sessionid": ...}``."""
    printed = site.shell(f"""
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.test import Client
        first, last = {full_name!r}.split()
        user, _ = get_user_model().objects.get_or_create(
            username={username!r}, defaults={{"first_name": first, "last_name": last}}
        )
        client = Client()
        client.force_login(user)
        print(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    """)
    name, value = printed.split()
    return {name: value}


def poll(check, *, within):
    """Call ``check()`` every 50 ms until it is true; returns the seconds it took, or ``None`` after ``within``."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if check():
            return time.monotonic() - started
        time.sleep(0.05)
    return None
