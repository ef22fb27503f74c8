"""A throwaway SQLite database for a benchmark script, set up as production runs (no query log, no services)::

    from scratch import on_scratch_database

    on_scratch_database(run, args, prefix="newsroom-spam-filter-")  # django.setup(), run(args), clean up

Akismet and reCAPTCHA keys are taken out of the environment: a benchmark never calls a service.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def on_scratch_database(run, args, *, prefix):
    """Point Django at a new SQLite file in a temporary folder, set it up, call ``run(args)``, remove the folder."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "0"  # as in production: no query log kept in memory
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    for name in ("AKISMET_KEY", "RECAPTCHA_PUBLIC_KEY", "RECAPTCHA_PRIVATE_KEY"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        return run(args)
    finally:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()
