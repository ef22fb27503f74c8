import contextlib
import socket
import uuid

import pytest
from django.contrib.sites.models import Site
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.conftest import clear_cache


@contextlib.contextmanager
def in_request():
    """Code inside runs as within one request (``request_started`` ... ``request_finished``), without the handler
    that closes the database connection at those signals: in a test's transaction it would close the test's own
    connection (PostgreSQL then answers "the connection is closed"), as Django's test client knows."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        try:
            yield
        finally:
            request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def site_cached(db):
    """Feeds and sitemaps read the current Site once per process; warm that cache so budgets are steady-state."""
    Site.objects.clear_cache()
    Site.objects.get_current()
    yield
    Site.objects.clear_cache()


@pytest.fixture
def add_articles(db):
    """``add_articles(category, n=10)``: n more published articles, each with two bylines and two tags.

    The "twin" of every query-budget test adds these and asserts the same count.
    """
    from tests.factories import make_article, make_author

    def add(category, n=10, **kwargs):
        return [
            make_article(category=category, authors=[make_author(), make_author()], tags=[f"t{i}", "shared"], **kwargs)
            for i in range(n)
        ]

    return add


# What base.html costs on every page, on a cold cache (tests start with an
# empty one): 1 top-level sections for the navigation, 2 the site settings row
# for the adblock notice (SiteSettings.load, cached afterwards).
CHROME_QUERIES = 2
# On a page whose view read the sections already (home, a section, an article), the navigation takes
# its sections from the same snapshot (articles.sections, once per request): just the site settings.
CHROME_QUERIES_AFTER_SECTIONS = 1


@pytest.fixture
def app_pages(settings, tmp_path):
    """Render pages as the articles app ships them, without the host's additions.

    The comments app adds its prompt and comment section to the article page
    (``articles.page_parts``) and the host configures list decorators
    (comment counts); those cost queries the comments app's own tests pin.
    Returns a template directory that wins over the apps', holding an
    ``article_detail.html`` with those parts left out.
    """
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "article_detail.html").write_text(
        '{% extends "articles/article_page.html" %}'
        "{% block after_body %}{% endblock %}{% block comments %}{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    settings.NEWSROOM_ARTICLE_LIST_DECORATORS = []
    return tmp_path


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings, db, tmp_path):
    """The page cache switched on, on an empty cache of the given kind: local memory (with the generation
    file) and Redis (skipped when no Redis answers on 127.0.0.1:6379), with a key prefix of its own."""
    from django.core.cache import cache

    prefix = f"pagecache-test-{uuid.uuid4().hex[:8]}"
    if request.param == "redis":
        if not _redis_answers():
            pytest.skip("Redis does not answer on 127.0.0.1:6379 (.ci/run starts it); the Redis variant is skipped")
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": prefix}}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    if request.param == "redis":
        settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = None  # Redis holds the generation itself
    else:  # in the test's own directory, whatever the run's default cache is (none is left in /tmp)
        settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pagecache-generation.json")
    clear_cache(cache)
    yield cache
    clear_cache(cache)
