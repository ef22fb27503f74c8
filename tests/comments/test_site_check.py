"""``comments.W205``: with DEBUG off, the current Site's domain is a real host the site answers to.

Mail links and comment redirects are built from it, so ``example.com`` (what
``migrate`` creates) or a host outside ``ALLOWED_HOSTS`` sends readers elsewhere.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core import checks

ROOT = Path(__file__).resolve().parents[2]


def site_warnings(databases=("default",)):
    found = checks.run_checks(databases=list(databases) if databases is not None else None)
    return [message for message in found if message.id == "comments.W205"]


@pytest.fixture
def production(settings, db):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["news.example", ".news.example"]
    Site.objects.clear_cache()
    yield settings
    Site.objects.clear_cache()


def set_domain(domain):
    Site.objects.filter(pk=1).update(domain=domain)


def test_the_placeholder_domain_is_reported(production):
    set_domain("example.com")

    [warning] = site_warnings()

    assert isinstance(warning, checks.Warning)
    assert "example.com" in warning.msg
    assert "ALLOWED_HOSTS" in warning.hint


def test_example_com_is_reported_even_when_every_host_is_allowed(production):
    production.ALLOWED_HOSTS = ["*"]
    set_domain("EXAMPLE.COM:443")
    assert len(site_warnings()) == 1


@pytest.mark.parametrize("domain", ["elsewhere.example", "127.0.0.1:8000", "", "news.example.evil.test"])
def test_a_domain_allowed_hosts_refuses_is_reported(production, domain):
    set_domain(domain)
    assert len(site_warnings()) == 1


@pytest.mark.parametrize("domain", ["news.example", "www.news.example", "news.example:8443", "NEWS.example"])
def test_a_domain_allowed_hosts_accepts_is_fine(production, domain):
    set_domain(domain)
    assert site_warnings() == []


def test_a_missing_site_is_reported(production):
    Site.objects.all().delete()
    assert "no Site" in site_warnings()[0].msg


def test_local_development_is_left_alone(production):
    production.DEBUG = True
    set_domain("example.com")
    assert site_warnings() == []


def test_without_a_database_to_check_nothing_is_read(production, django_assert_num_queries):
    """Like Django's own database checks: plain ``check`` reads nothing; ``--database`` or ``migrate`` do."""
    set_domain("example.com")
    with django_assert_num_queries(0):
        assert site_warnings(databases=None) == []


def test_without_site_id_the_request_picks_the_site(production):
    del production.SITE_ID
    set_domain("example.com")
    assert site_warnings() == []


# The commands an operator runs, in a fresh interpreter with a server's environment -------------------


def _manage(*args, env):
    ignored = {"DATABASE_URL", "CACHE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS"}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_migrate_then_check_deploy_until_the_site_is_configured(tmp_path):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example",
        "CSRF_TRUSTED_ORIGINS": "https://news.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    migrated = _manage("migrate", "--no-input", env=env)  # runs the checks before the Site table exists
    assert migrated.returncode == 0, migrated.stderr

    unconfigured = _manage("check", "--deploy", "--database", "default", "--fail-level", "WARNING", env=env)
    assert unconfigured.returncode != 0
    assert "comments.W205" in unconfigured.stderr

    configure = "from django.contrib.sites.models import Site; Site.objects.filter(pk=1).update(domain='news.example')"
    assert _manage("shell", "-c", configure, env=env).returncode == 0
    configured = _manage("check", "--deploy", "--database", "default", "--fail-level", "WARNING", env=env)
    assert configured.returncode == 0, configured.stdout + configured.stderr
    assert "System check identified no issues" in configured.stdout
