"""The site's icons and sharing image, drawn with Pillow; ``manage.py draw_icons`` writes them.

The drawn files are committed (``static/icons/`` for the host site, ``articles/static/articles/site-image.png``
for the articles app's default ``NEWSROOM_SITE_IMAGE``), so a deployment needs no drawing step; run the
command again after changing the drawing here. The mark is a folded newspaper on the site's accent blue.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = (10, 75, 140)  # --accent in static/css/site.css
INK = (26, 26, 26)
PAPER = (255, 255, 255)
RULE = (200, 208, 220)

THEME_COLOUR = "#0a4b8c"
BACKGROUND_COLOUR = "#ffffff"
# (file under static/, pixel size): the touch icon Apple asks for, the two a web manifest needs, and a
# maskable one whose mark keeps inside the safe zone.
PNG_ICONS = {
    "icons/apple-touch-icon.png": 180,
    "icons/icon-192.png": 192,
    "icons/icon-512.png": 512,
    "icons/icon-maskable-512.png": 512,
}
FAVICON = "icons/favicon.ico"
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]
SITE_IMAGE = "articles/site-image.png"
SITE_IMAGE_SIZE = (1200, 630)


def mark(size, *, padding=0.18, rounded=True):
    """The square mark at ``size`` pixels: a newspaper page, masthead and columns, on accent blue."""
    scale = 4  # drawn large and scaled down, for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big // 6, fill=ACCENT)
    else:
        draw.rectangle([0, 0, big, big], fill=ACCENT)
    _page(draw, box=(big * padding, big * padding, big * (1 - padding), big * (1 - padding)))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def site_image():
    """The 1200 by 630 picture shared for pages without one of their own: the mark and a row of pages."""
    width, height = SITE_IMAGE_SIZE
    image = Image.new("RGB", SITE_IMAGE_SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    for index in range(5):  # pages fanned out behind
        x = 120 + index * 200
        _page(draw, box=(x, 150 + (index % 2) * 30, x + 260, 520 + (index % 2) * 30), shade=index)
    draw.rectangle([0, height - 40, width, height], fill=INK)
    return image


def _page(draw, *, box, shade=0):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    draw.rectangle(box, fill=PAPER if shade % 2 == 0 else (236, 240, 246))
    inset = width * 0.1
    draw.rectangle([left + inset, top + inset, right - inset, top + inset + height * 0.14], fill=INK)
    columns = 2
    gap = width * 0.08
    column_width = (width - 2 * inset - gap * (columns - 1)) / columns
    line_height = max(height * 0.07, 1)
    for column in range(columns):
        x = left + inset + column * (column_width + gap)
        y = top + inset + height * 0.24
        while y + line_height * 0.5 < bottom - inset:
            draw.rectangle([x, y, x + column_width, y + line_height * 0.5], fill=RULE)
            y += line_height


def write_all(*, site_static, app_static):
    """Draw every file: the icons under ``site_static``, the site image under ``app_static``; return the paths."""
    written = []
    for name, size in PNG_ICONS.items():
        maskable = "maskable" in name
        icon = mark(size, padding=0.28 if maskable else 0.18, rounded=not maskable)
        written.append(_save(icon, Path(site_static, name)))
    favicon = mark(FAVICON_SIZES[-1][0] * 4, padding=0.12)
    written.append(_save(favicon, Path(site_static, FAVICON), sizes=FAVICON_SIZES))
    written.append(_save(site_image(), Path(app_static, SITE_IMAGE)))
    return written


def _save(image, path, **options):
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, **options)
    return path
