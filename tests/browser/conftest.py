"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's ``live_server``.

Never downloads a browser: ``/usr/bin/chromium`` (``.ci/run`` installs it) or
the tests are skipped, saying why. Every page blocks requests to any host
but the live server and records them, so a test can assert "no third-party
request". Screenshots go to ``test-artifacts/screenshots/``; the path is
printed at the end of the run.

Fixtures: ``browser`` (session), ``page`` (desktop 1280×800), ``phone_page``
(390×844), ``new_page(viewport=...)`` for more, ``login(page, user)``,
``staff(role)`` users in the real groups, ``shoot(page, name)``.
"""

import os
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery staple"

_screenshots_taken = []


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium (CI does)"))


def pytest_terminal_summary(terminalreporter):
    if _screenshots_taken:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(_screenshots_taken)} screenshots in {SCREENSHOTS}")


def serialized_snapshot(connection):
    """The migrated database's snapshot that serialized rollback restores, or ``None`` if none was taken.

    Django keeps it in the private ``connection._test_serialized_contents`` (written by the test database
    setup, read by ``TransactionTestCase``): there is no public way. tests/browser/test_conftest.py fails,
    naming it, when Django changes that.
    """
    return getattr(connection, "_test_serialized_contents", None)


def keep_serialized_snapshot(connection, contents):
    """Put ``contents`` where serialized rollback reads it: Django's private ``_test_serialized_contents``."""
    connection._test_serialized_contents = contents


@pytest.fixture(scope="session")
def _migrated_contents(django_db_setup, django_db_blocker):
    """The database as the migrations left it (groups, permissions, site), serialized once.

    pytest-django keeps this snapshot on the connection object for serialized
    rollback. Django's connections are context-local, and once Playwright's
    greenlets run, the tests see a different connection object without it:
    so it is read here, before the browser starts, and handed over per test.
    """
    from django.db import connection

    contents = serialized_snapshot(connection)
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    return contents


@pytest.fixture(autouse=True)
def _serialized_rollback_after_playwright(request, _migrated_contents):
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django.db import connection

    keep_serialized_snapshot(connection, _migrated_contents)
    # pytest-django's live-server helper (an autouse fixture of the plugin, so it runs first) set the
    # database up before the snapshot was on this connection. After a flush by a serialized test
    # elsewhere, which leaves the tables empty for the next one to refill, nothing refilled them.
    if "live_server" in request.fixturenames and not Site.objects.exists():
        connection.creation.deserialize_db_from_string(_migrated_contents)
        ContentType.objects.clear_cache()  # it may remember ids from before the flush


@pytest.fixture(scope="session")
def browser(_migrated_contents):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread
    # while the browser is open, so Django would refuse every ORM call in
    # the tests (and their database set-up) as coming from "async context".
    # No connection is ever shared with that loop, so lift the guard while
    # the browser is open, and only then.
    old = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        # launch() gives the browser a fresh temporary profile (user-data-dir) and deletes it on close.
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if old is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = old


@pytest.fixture
def site(live_server, django_db_serialized_rollback):
    """The live server's base URL. Serialized rollback keeps the migrations' groups and permissions."""
    from django.db import connection

    # With Playwright running, the test sees its own connection object for the
    # shared in-memory SQLite database (connections are context-local), and now
    # and then a server thread picks that one up instead of the live server's.
    # Allow it to be shared, as Django does for the live server's own.
    shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if shared:
        connection.inc_thread_sharing()
    yield live_server.url
    if shared:
        # The pages are closed by now, but a request thread may still be closing its
        # connections; stop sharing only after it has finished, or it fails doing so.
        _wait_for_request_threads()
        connection.dec_thread_sharing()


def _wait_for_request_threads(timeout=10):
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name.endswith("(process_request_thread)"):
            thread.join(max(0, deadline - time.monotonic()))


@pytest.fixture
def new_page(browser, site):
    """``new_page(viewport="phone", javascript=False)``: a page in a fresh context.

    Its console, errors and requests to other hosts are recorded.
    """
    contexts = []

    def make(*, viewport="desktop", javascript=True):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], base_url=site, service_workers="block", java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.console_messages = []
        page.page_errors = []
        page.outside_requests = []
        page.dialogs = []
        page.viewport_name = viewport
        page.on("console", lambda message: page.console_messages.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: page.page_errors.append(str(error)))
        host = urlsplit(site).netloc

        def only_our_server(route):
            if urlsplit(route.request.url).netloc == host:
                route.continue_()
            else:
                page.outside_requests.append(route.request.url)
                route.abort()

        context.route(re.compile(r"^https?://"), only_our_server)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(viewport="desktop")


@pytest.fixture
def phone_page(new_page):
    return new_page(viewport="phone")


@pytest.fixture(params=sorted(VIEWPORTS))
def any_page(request, new_page):
    """The test runs twice: desktop and phone."""
    return new_page(viewport=request.param)


def csp_violations(page):
    return [m for m in page.console_messages if "Content Security Policy" in m or "Refused to" in m]


@pytest.fixture
def shoot():
    """``shoot(page, "article")`` saves ``test-artifacts/screenshots/article-desktop.png``."""

    def take(page, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{page.viewport_name}.png"
        page.screenshot(path=str(path), full_page=True)
        _screenshots_taken.append(path)
        return path

    return take


@pytest.fixture
def staff(db):
    """``staff("Editors")``: a staff user in that group (as ``setup_roles`` made it); ``staff(None)``: superuser."""

    def make(role, *, username=None):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        username = username or (role or "admin").lower().rstrip("s")
        if role is None:
            return User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
        user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, is_staff=True)
        user.groups.add(factories.role_group(role))
        return user

    return make


@pytest.fixture
def login(site):
    """``login(page, user)``: give the page's browser context a session for ``user`` (no form, no lockout)."""

    def log_in(page, user):
        from django.conf import settings

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])
        return user

    return log_in


@pytest.fixture
def story(db):
    """A small site: News » World with two published articles, one hand-picked as related to the other."""
    news = factories.make_category(name="News", slug="news")
    world = factories.make_category(name="World", slug="world", parent=news)
    reporter = factories.make_author(name="Ada Reporter", job_title="Senior News Editor")
    second = factories.make_author(name="Ben Second", job_title="Data Reporter")
    other = factories.make_article(
        headline="Ports brace for a busy winter",
        slug="ports-brace",
        category=world,
        authors=[second],
        body="<p>Shipping lines expect record volumes.</p>",
    )
    article = factories.make_article(
        headline="Harbour reopens after the storm",
        slug="harbour-reopens",
        category=world,
        authors=[reporter, second],
        standfirst="Cranes are moving again at the east quay.",
        reader_prompt="Were you affected by the closure? Tell us in the comments.",
        body="<p>The harbour reopened on Tuesday morning.</p><p>Ferries resume at noon.</p>",
    )
    from articles.models import RelatedPick

    RelatedPick.objects.create(article=article, picked=other, position=0)
    return {"news": news, "world": world, "article": article, "other": other, "authors": [reporter, second]}
