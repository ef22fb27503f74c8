"""gunicorn's settings for this site: ``gunicorn -c gunicorn.conf.py newsroom.wsgi --bind ... --workers ...``.

gunicorn decides ``wsgi.url_scheme`` (what ``request.is_secure()`` falls back
to) from ``X-Forwarded-Proto`` on its own, and by default believes it from
127.0.0.1 and ::1. It must believe exactly whom the site believes
(``newsroom/middleware.py``): with ``BEHIND_PROXY=1`` the proxies in
``TRUSTED_PROXIES`` (default loopback), otherwise nobody. Before this file a
request sent from the server itself with ``X-Forwarded-Proto: https`` was
taken for HTTPS with ``BEHIND_PROXY=0``, and got HSTS over plain HTTP.

gunicorn reads ``./gunicorn.conf.py`` by default, so starting it from the
project's root picks this up even without ``-c``.
"""

import sys
from pathlib import Path

# gunicorn loads this file by path: make the project's modules importable whatever the working directory.
ROOT = str(Path(__file__).resolve().parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from newsroom.env import env_bool, env_networks  # noqa: E402
from newsroom.middleware import TRUSTED_PROXIES_DEFAULT  # noqa: E402

if env_bool("BEHIND_PROXY", default=False):
    forwarded_allow_ips = ",".join(env_networks("TRUSTED_PROXIES", default=TRUSTED_PROXIES_DEFAULT))
    # Only the header Django's SECURE_PROXY_SSL_HEADER names, which the proxy sets on every request;
    # gunicorn's default also believes X-Forwarded-Protocol and X-Forwarded-Ssl, which a proxy may pass through.
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    forwarded_allow_ips = ""
    # gunicorn believes a Unix socket's peer whatever forwarded_allow_ips says: with no scheme headers, no one is.
    secure_scheme_headers = {}
