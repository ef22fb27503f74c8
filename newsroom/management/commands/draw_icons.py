"""``manage.py draw_icons``: draw the favicon, touch and manifest icons, and the default sharing image.

The files are committed; run this after changing the drawing in :mod:`newsroom.icons`. ``--site-static``
and ``--app-static`` write somewhere else (the tests use them).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from newsroom import icons


class Command(BaseCommand):
    help = "Draw the site's icons (static/icons/) and the articles app's default sharing image."

    def add_arguments(self, parser):
        parser.add_argument("--site-static", type=Path, default=Path(settings.BASE_DIR, "static"))
        parser.add_argument("--app-static", type=Path, default=Path(settings.BASE_DIR, "articles", "static"))

    def handle(self, *args, site_static, app_static, **options):
        for path in icons.write_all(site_static=site_static, app_static=app_static):
            self.stdout.write(f"Wrote {path}")
