import uuid

import django
import pytest
from django.db import connection
from django.db.models import DateTimeField, Value
from django.db.models.functions import Now
from django.utils import timezone

from articles import prepared


def pytest_configure(config):
    """Give this run its own cache key prefix: runs may share one Redis database (CI, several checkouts)."""
    from django.conf import settings

    for alias in settings.CACHES.values():
        alias["KEY_PREFIX"] = f"{alias.get('KEY_PREFIX', '')}-test-{uuid.uuid4().hex[:8]}"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Run tests that flush the database (live server, ``transaction=True``) after all the others.

    pytest-randomly shuffles the order after pytest-django has put them last,
    and a flushed database has lost what the migrations wrote (groups,
    permissions): the tests that need it would then fail by chance. The
    shuffle is kept within each of the two groups.
    """
    result = yield
    items.sort(key=_flushes_the_database)
    return result


def _flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    return bool(transactional) or "live_server" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as a site's after ``migrate`` and ``setup_roles``: the three groups exist."""
    from articles.roles import setup_roles

    with django_db_blocker.unblock():
        setup_roles()


def clear_cache(cache):
    """Empty ``cache`` of this run's keys only: ``clear()`` on Redis would flush other runs' keys too."""
    from django.core.cache import DEFAULT_CACHE_ALIAS, caches
    from django.core.cache.backends.redis import RedisCache
    from django.utils.connection import ConnectionProxy

    from newsroom.cache import redis_client

    if isinstance(cache, ConnectionProxy):  # django.core.cache.cache, which stands for the default cache
        cache = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        client = redis_client(cache, write=True)  # no public API deletes by prefix
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Cheap password hashing, mail kept in memory, media in a temporary directory, an empty cache for every test."""
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    use_mail_backend(settings, "django.core.mail.backends.locmem.EmailBackend")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # django-axes refuses authenticate() without a request, which is how
    # client.login() calls it; tests of the lockout switch it back on.
    settings.AXES_ENABLED = False
    # Pages are served fresh in tests of what they show; tests/articles/test_pagecache.py turns the page cache on.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    # Uploads, the demo's drawn lead images and their renditions go to the test's own directory.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # With local memory, the page cache's generation file in the test's own directory, which pytest
    # cleans up: by default each cache key prefix would leave one in the system's temporary directory.
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pagecache-generation.json")
    clear_cache(cache)
    yield
    clear_cache(cache)


def use_mail_backend(settings, backend):
    """Send mail through ``backend``: the default mailer in MAILERS from Django 6.1, EMAIL_BACKEND before it."""
    if django.VERSION >= (6, 1):
        settings.MAILERS = {"default": {"BACKEND": backend}}
    else:
        settings.EMAIL_BACKEND = backend


def use_local_memory_cache(settings, tmp_path, *, prefix, max_entries=None):
    """Make the default cache an empty local-memory one of its own (it reads the clock time-machine moves).

    The page cache's generation file goes to the test's own directory, as for the suite's default cache.
    """
    from django.core.cache import cache

    settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pagecache-generation.json")
    backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix, "KEY_PREFIX": prefix}
    if max_entries is not None:
        backend["OPTIONS"] = {"MAX_ENTRIES": max_entries}
    settings.CACHES = {"default": backend}
    clear_cache(cache)
    return cache


def switch_on_page_cache(settings, tmp_path, *, prefix, max_entries=None):
    """Turn the page cache on, on an empty local-memory cache of its own; returns the cache.

    ``max_entries`` bounds the cache (Django's default is 300), for tests of eviction.
    """
    cache = use_local_memory_cache(settings, tmp_path, prefix=prefix, max_entries=max_entries)
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    return cache


@pytest.fixture
def local_page_cache(settings, tmp_path, db):
    """The page cache switched on, on an empty local-memory cache (``indirect`` params set its size)."""
    from django.core.cache import cache

    switch_on_page_cache(settings, tmp_path, prefix=f"pagecache-{uuid.uuid4().hex[:8]}")
    yield cache
    clear_cache(cache)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs what the code defers to after commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def moderator(db):
    """A member of the Moderators group, with an address for the mail moderators get."""
    from tests.factories import make_user

    return make_user(username="mia", email="mia@news.example", groups=["Moderators"])


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """``decide(comment, "approved", by=user)``: a person's decision, committed.

    What follows a committed change (mail, purges) runs as it does in
    production, before the test goes on; the spam filter learns inside the
    change's transaction.
    """
    from comments import status

    def decide(comment, to_status, *, by):
        with django_capture_on_commit_callbacks(execute=True):
            return status.change_status(comment, to_status, by=by)

    return decide


@pytest.fixture
def db_clock(db, monkeypatch):
    """Make the database's ``Now()`` follow the Python clock, so time_machine moves it.

    ``Article.objects.published()`` compares with the database's clock, which
    time_machine cannot reach. For the duration of the test ``Now()`` is
    compiled to the Python time of the query, as a parameter.
    """

    def python_now(self, compiler, conn, **extra):
        return compiler.compile(Value(timezone.now(), output_field=DateTimeField()))

    monkeypatch.setattr(Now, "as_sql", python_now)
    monkeypatch.setattr(Now, f"as_{connection.vendor}", python_now, raising=False)
    # SQL compiled before (articles.prepared) holds the database's clock: compile afresh. What is compiled
    # now holds a time, which articles.prepared never keeps.
    prepared.clear()
    yield
    prepared.clear()
