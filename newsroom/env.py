"""Read the host site's settings from the environment.

Every reader names the variable it failed on and says how to fix it, so a
wrong value stops the site at start-up instead of surfacing as a strange
error on the first request::

    DEBUG = env_bool("DEBUG", default=True)
    DATABASES = {"default": env_database("DATABASE_URL", default="sqlite:///db.sqlite3")}
"""

import os
from urllib.parse import parse_qs, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, *, default=""):
    return os.environ.get(name, default)


def env_bool(name, *, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value. Set {name} to 1 or 0 (true/false also work).")


def env_int(name, *, default, minimum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number. Set {name} to e.g. {default}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is too small. Set {name} to {minimum} or more.")
    return value


def env_list(name, *, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name, *, default, base_dir):
    """A ``DATABASES`` entry from a URL: ``sqlite:///path`` or ``postgres://user@host:port/name``."""
    raw = os.environ.get(name) or default
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a database URL this site supports. Use sqlite:///db.sqlite3 "
            f"or postgres://USER:PASSWORD@HOST:5432/NAME."
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} could not be read ({exc}). Check the URL's form.") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        path = config["NAME"]
        if path and path != ":memory:" and not os.path.isabs(path):
            config["NAME"] = str(base_dir / path)
        # WAL lets readers carry on while one writer commits; "immediate"
        # takes the write lock at BEGIN so concurrent posters queue behind
        # the busy timeout instead of failing with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def env_cache(name, *, default="locmem://"):
    """A ``CACHES`` entry from a URL: ``locmem://``, ``redis://host:6379/0`` or ``dummy://``."""
    raw = os.environ.get(name) or default
    parts = urlsplit(raw)
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc or "newsroom"}
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme in {"redis", "rediss"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return {
            "BACKEND": "newsroom.cache.RedisCache",  # Django's, reusing its client objects
            "LOCATION": raw.split("?", 1)[0],
            "KEY_PREFIX": options.get("prefix", "newsroom"),
        }
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a cache URL this site supports. Use locmem:// (the default) "
        f"or redis://127.0.0.1:6379/0."
    )
