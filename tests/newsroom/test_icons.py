"""The site's icons: /favicon.ico, the web manifest, the links in base.html, and manage.py draw_icons."""

import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from PIL import Image

from newsroom import icons
from newsroom.views import short_name

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]


def test_favicon_is_a_real_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    with Image.open(BytesIO(b"".join(response.streaming_content))) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_manifest_is_json_with_icons_that_exist(client):
    response = client.get("/site.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "The Daily Ledger"
    assert manifest["short_name"] == "Ledger"
    assert (manifest["start_url"], manifest["display"]) == ("/", "minimal-ui")
    assert manifest["theme_color"] == "#0a4b8c" and manifest["background_color"] == "#ffffff"
    sizes = set()
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_every_page_links_the_icons_and_the_manifest(client):
    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">' in html
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in html
    assert '<link rel="manifest" href="/site.webmanifest">' in html
    with Image.open(finders.find("icons/apple-touch-icon.png")) as touch_icon:
        assert touch_icon.size == (180, 180)


@pytest.mark.parametrize(
    ("name", "short"), [("Newsroom", "Newsroom"), ("The Daily Ledger", "Ledger"), ("Extraordinarily", "Extraordinar")]
)
def test_short_name_fits_under_an_icon(name, short):
    assert short_name(name) == short


def test_draw_icons_draws_every_file(tmp_path):
    out = StringIO()

    call_command("draw_icons", site_static=tmp_path / "site", app_static=tmp_path / "app", stdout=out)

    for name, size in icons.PNG_ICONS.items():
        with Image.open(tmp_path / "site" / name) as image:
            assert (image.format, image.size) == ("PNG", (size, size))
    with Image.open(tmp_path / "site" / icons.FAVICON) as favicon:
        assert favicon.format == "ICO"
    with Image.open(tmp_path / "app" / icons.SITE_IMAGE) as site_image:
        assert site_image.size == icons.SITE_IMAGE_SIZE
    assert out.getvalue().count("Wrote ") == len(icons.PNG_ICONS) + 2


def test_the_committed_icons_are_what_draw_icons_draws(tmp_path):
    """The binaries under static/ come from newsroom/icons.py: redraw them after changing the drawing."""
    icons.write_all(site_static=tmp_path / "site", app_static=tmp_path / "app")

    for name in [*icons.PNG_ICONS, icons.FAVICON]:
        with Image.open(tmp_path / "site" / name) as drawn, Image.open(REPOSITORY / "static" / name) as committed:
            assert drawn.convert("RGBA").tobytes() == committed.convert("RGBA").tobytes(), name
    with (
        Image.open(tmp_path / "app" / icons.SITE_IMAGE) as drawn,
        Image.open(REPOSITORY / "articles" / "static" / icons.SITE_IMAGE) as committed,
    ):
        assert drawn.tobytes() == committed.tobytes()
