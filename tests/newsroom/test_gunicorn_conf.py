"""``gunicorn.conf.py``: gunicorn believes ``X-Forwarded-Proto`` from exactly the peers the site believes.

gunicorn sets ``wsgi.url_scheme`` itself, and Django's ``request.is_secure()``
falls back to it: if gunicorn trusts a peer the site does not, that peer can
still pass for HTTPS. The last tests start a real gunicorn on loopback with a
tiny app that answers with the scheme gunicorn chose.
"""

import http.client
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "gunicorn.conf.py"


def load_conf(monkeypatch, **environ):
    """The settings gunicorn takes from the file with ``environ``, through gunicorn's own validators."""
    for name in ("BEHIND_PROXY", "TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(CONF)).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_without_a_proxy_gunicorn_believes_no_one(monkeypatch):
    config = load_conf(monkeypatch)
    assert config.forwarded_allow_ips == []
    assert config.secure_scheme_headers == {}


def test_behind_a_proxy_gunicorn_believes_the_sites_trusted_proxies(monkeypatch):
    assert load_conf(monkeypatch, BEHIND_PROXY="1").forwarded_allow_ips == ["127.0.0.1/32", "::1/128"]
    config = load_conf(monkeypatch, BEHIND_PROXY="1", TRUSTED_PROXIES="10.0.0.0/8,2001:db8::7")
    assert config.forwarded_allow_ips == ["10.0.0.0/8", "2001:db8::7/128"]
    assert config.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}  # what SECURE_PROXY_SSL_HEADER names


def test_a_wrong_proxy_list_stops_gunicorn(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        load_conf(monkeypatch, BEHIND_PROXY="1", TRUSTED_PROXIES="10.0.0.1/8")


# A real gunicorn ------------------------------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/", headers=headers)
        return conn.getresponse().read().decode()
    finally:
        conn.close()


@pytest.fixture
def gunicorn(tmp_path):
    """Start gunicorn from the project's root with ``args`` and ``environ``; yield a function that GETs ``/``."""
    processes = []

    def start(args, **environ):
        port = _free_port()
        clean = {k: v for k, v in os.environ.items() if k not in {"BEHIND_PROXY", "TRUSTED_PROXIES"}}
        command = [str(Path(sys.executable).parent / "gunicorn"), *args, "tests.newsroom.scheme_echo:app"]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
        log = (tmp_path / f"gunicorn-{port}.log").open("w+")
        process = subprocess.Popen(command, cwd=ROOT, env={**clean, **environ}, stdout=log, stderr=subprocess.STDOUT)
        processes.append((process, log))
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(port, {})
                break
            except OSError:
                log.seek(0)
                assert process.poll() is None, f"gunicorn stopped: {log.read()[-2000:]}"
                assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                time.sleep(0.1)
        return lambda **headers: _get(port, headers)

    yield start
    for process, log in processes:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


@pytest.mark.parametrize("args", [["-c", "gunicorn.conf.py"], []], ids=["-c", "found-in-the-working-directory"])
def test_without_a_proxy_a_local_request_is_not_taken_for_https(gunicorn, args):
    get = gunicorn(args, BEHIND_PROXY="0")
    assert get(**{"X-Forwarded-Proto": "https"}) == "http"  # gunicorn's default believed 127.0.0.1


def test_behind_a_proxy_only_the_trusted_proxy_and_its_one_header_count(gunicorn):
    from_the_proxy = gunicorn(["-c", "gunicorn.conf.py"], BEHIND_PROXY="1")  # loopback is the default proxy
    assert from_the_proxy(**{"X-Forwarded-Proto": "https"}) == "https"
    assert from_the_proxy(**{"X-Forwarded-Ssl": "on"}) == "http"

    elsewhere = gunicorn(["-c", "gunicorn.conf.py"], BEHIND_PROXY="1", TRUSTED_PROXIES="10.0.0.0/8")
    assert elsewhere(**{"X-Forwarded-Proto": "https"}) == "http"  # 127.0.0.1 is not a proxy here
