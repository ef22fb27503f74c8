import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom import env


def test_database_url_defaults_to_sqlite_with_wal(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", default="sqlite:///db.sqlite3", base_dir=tmp_path)
    assert config["ENGINE"] == "newsroom.sqlite"  # Django's, with the planner's statistics kept (newsroom.sqlite)
    assert config["NAME"] == str(tmp_path / "db.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_database_url(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom")
    config = env.env_database("DATABASE_URL", default="sqlite:///db.sqlite3", base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("127.0.0.1", 5432, "newsroom")


@pytest.mark.parametrize("value", ["mysql://x/y", "not a url"])
def test_wrong_database_url_names_the_variable(monkeypatch, tmp_path, value):
    monkeypatch.setenv("DATABASE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", default="sqlite:///db.sqlite3", base_dir=tmp_path)


def test_cache_urls(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    assert env.env_cache("CACHE_URL")["BACKEND"] == "newsroom.cache.RedisCache"
    monkeypatch.delenv("CACHE_URL")
    assert env.env_cache("CACHE_URL")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    monkeypatch.setenv("CACHE_URL", "memcached://x")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        env.env_cache("CACHE_URL")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("no", False), ("TRUE", True)])
def test_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env.env_bool("DEBUG", default=False) is expected


def test_wrong_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        env.env_bool("DEBUG", default=False)


def test_wrong_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env.env_int("EMAIL_PORT", default=25)
