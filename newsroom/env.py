"""Read the host site's settings from the environment.

Every reader names the variable it failed on and says how to fix it, so a
wrong value stops the site at start-up instead of surfacing as a strange
error on the first request::

    DEBUG = env_bool("DEBUG", default=True)
    DATABASES = {"default": env_database("DATABASE_URL", default="sqlite:///db.sqlite3")}
"""

import ipaddress
import os
import secrets
from pathlib import Path
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
        config["ENGINE"] = "newsroom.sqlite"  # Django's, keeping the query planner's statistics up to date
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


def env_networks(name, *, default=()):
    """A comma-separated list of IP addresses or CIDR networks, as canonical network strings.

    ``"10.0.0.1, 192.168.0.0/16, ::1"`` → ``["10.0.0.1/32", "192.168.0.0/16", "::1/128"]``. Host bits
    set after the slash (``192.168.1.1/24``) are refused rather than guessed at, as gunicorn refuses them.
    """
    networks = []
    for item in env_list(name, default=default):
        try:
            networks.append(str(ipaddress.ip_network(item)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} holds {item!r}, which is not an IP address or network. List addresses or networks "
                f"separated by commas, e.g. {name}=127.0.0.1,10.0.0.0/8 (a network's address ends in zeros)."
            ) from None
    return networks


def local_secret_key(path):
    """A random ``SECRET_KEY`` for local use, made once per checkout in ``path`` and read back after.

    The file is created readable by its owner only (0600) and never replaced,
    so sessions and signed links survive a restart; when two processes start
    at once (runserver's reloader), the first one's key wins. Nothing about
    the key can be guessed from the checkout, unlike a key built from its path.
    """
    path = Path(path)
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if key:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # tighten a copy made with a looser mask
        return key
    fresh = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
    try:
        os.link(fresh, path)  # atomic, and fails if another process got there first
    except FileExistsError:
        pass
    finally:
        fresh.unlink()
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty. Delete it and a new local SECRET_KEY is made on the next start.")
    return key
