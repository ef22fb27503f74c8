"""Production settings: with the documented environment, Django's deployment checks find nothing.

Settings are read once per process, so each case runs ``manage.py`` in a
fresh interpreter with exactly the environment a server would have.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example,www.news.example",
    "CSRF_TRUSTED_ORIGINS": "https://news.example",
}


def _manage(*args, env):
    # The browser tests lift Django's async guard for the session; a deployed site never has it.
    ignored = {"DATABASE_URL", "CACHE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "services",
    [
        {},
        {"DATABASE_URL": "postgres://newsroom@db.internal:5432/newsroom", "CACHE_URL": "redis://cache.internal:6379/0"},
    ],
    ids=["sqlite-locmem", "postgres-redis"],
)
def test_deploy_checks_are_clean(services):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, **services})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is empty" in result.stderr


def test_production_hardening_is_on():
    script = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0)"
    )
    result = _manage("shell", "-c", script, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "True", "True", "True", "True"]


def test_the_shared_cache_in_front_is_configured_from_the_environment():
    shared = {
        "SHARED_CACHE_PURGE": "varnish",
        "SHARED_CACHE_SECONDS": "600",
        "SHARED_CACHE_VARNISH_URLS": "http://10.0.0.5:6081/, http://10.0.0.6:6081/",
    }
    script = (
        "from django.conf import settings as s; "
        "print(s.NEWSROOM_SHARED_CACHE_PURGE, s.NEWSROOM_SHARED_CACHE_SECONDS, *s.NEWSROOM_SHARED_CACHE_VARNISH_URLS)"
    )
    result = _manage("shell", "-c", script, env={**PRODUCTION, **shared})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "varnish",
        "600",
        "http://10.0.0.5:6081/",
        "http://10.0.0.6:6081/",
    ]
    checked = _manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, **shared})
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_without_the_environment_nothing_in_front_is_purged():
    script = (
        "from django.conf import settings as s; print(s.NEWSROOM_SHARED_CACHE_PURGE, s.NEWSROOM_SHARED_CACHE_SECONDS)"
    )
    result = _manage("shell", "-c", script, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["None", "None"]
