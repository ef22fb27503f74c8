"""The host site's settings as production runs them (``DEBUG=0``), for gunicorn behind a real proxy in these tests.

Two things come from the environment the tests set: ``STATIC_ROOT`` in the test's own directory
(``NEWSROOM_TEST_STATIC_ROOT``, where ``collectstatic`` writes and nginx reads), and settings the test
chooses, as a JSON object (``NEWSROOM_TEST_SETTINGS``, e.g. ``{"NEWSROOM_SHARED_CACHE_SECONDS": 1}``).
"""

import json
import os
from pathlib import Path

from newsroom.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["NEWSROOM_TEST_STATIC_ROOT"])
globals().update(json.loads(os.environ.get("NEWSROOM_TEST_SETTINGS", "{}")))
