"""Lead images as readers, search engines and social networks get them: renditions and the site's fallback.

The renditions are django-imagekit generators, registered under ``newsroom_articles:*`` and made on first
use (its ``JustInTime`` strategy), then kept in the media storage under ``CACHE/images/``. Whether a
rendition exists is remembered in the default cache, so a page of teasers costs no query and, once warm,
no trip to the storage either. Three shapes:

- the article page: the whole picture at several widths, in WebP and in the original's format
  (:func:`lead_picture`);
- teasers on listing pages: a small 16:9 crop at one and two times its size (:func:`teaser_picture`);
- sharing and structured data: 1200 pixels wide crops at 16:9, 4:3 and 1:1, the shapes Google asks for
  (:func:`share_images`), or the site's own image when an article has none (:func:`site_image_url`).

A lead image whose file has gone (a restored database without its media, a storage outage) is logged
and treated as no image: the page still renders. For example, in a template::

    {% load articles_tags %}
    {% teaser_picture article as picture %}
    {% if picture %}<img src="{{ picture.src }}" srcset="{{ picture.srcset }}" ...>{% endif %}
"""

import logging
from dataclasses import dataclass

from django.templatetags.static import static
from imagekit import ImageSpec, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.exceptions import MissingSource
from imagekit.processors import ResizeToFill, ResizeToFit

from articles import conf

logger = logging.getLogger(__name__)

# The article page's widths, from a phone to a wide screen at twice its density.
LEAD_WIDTHS = (480, 800, 1200, 1600)
LEAD_SIZES = "(min-width: 48rem) 44rem, calc(100vw - 2rem)"  # articles.css: the article's width
TEASER_SIZE = (240, 135)  # CSS pixels; the 2x rendition doubles both
SHARE_SHAPES = ((1200, 675), (1200, 900), (1200, 1200))  # 16:9, 4:3, 1:1
QUALITY = 82


@dataclass(frozen=True)
class Picture:
    """What a ``<picture>`` needs: srcsets in WebP and in the original's format, and the shape of the image."""

    src: str
    srcset: str
    webp_srcset: str
    width: int
    height: int
    alt: str
    sizes: str = ""


@dataclass(frozen=True)
class ShareImage:
    """One image for ``og:image`` and the structured data's ``image``: an absolute URL and its size."""

    url: str
    width: int
    height: int


def _spec(name, processors, *, format=None):
    """An imagekit generator, registered so that its files are made when a URL is asked for."""
    spec = type(name, (ImageSpec,), {"processors": processors, "format": format, "options": {"quality": QUALITY}})
    register.generator(f"newsroom_articles:{name}", spec)
    return spec


_LEAD = {
    (width, format): _spec(
        f"lead_{width}_{(format or 'original').lower()}", [ResizeToFit(width, upscale=False)], format=format
    )
    for width in LEAD_WIDTHS
    for format in (None, "WEBP")
}
_TEASER = {
    (scale, format): _spec(
        f"teaser_{scale}x_{(format or 'original').lower()}",
        [ResizeToFill(TEASER_SIZE[0] * scale, TEASER_SIZE[1] * scale)],
        format=format,
    )
    for scale in (1, 2)
    for format in (None, "WEBP")
}
_SHARE = {shape: _spec(f"share_{shape[0]}x{shape[1]}", [ResizeToFill(*shape)]) for shape in SHARE_SHAPES}


def lead_picture(article):
    """The article page's lead image at every width up to the original's, or ``None`` without a usable file."""
    if not article.lead_image:
        return None
    try:
        width, height = article.lead_image.width, article.lead_image.height
    except (OSError, ValueError) as error:
        _log_missing(article, error)
        return None
    if not width or not height:  # Pillow could not read the file as an image
        _log_missing(article, "not an image")
        return None
    widths = [w for w in LEAD_WIDTHS if w < width] + [min(width, LEAD_WIDTHS[-1])]
    urls = {(w, format): _url(_LEAD[(_step(w), format)], article) for w in widths for format in (None, "WEBP")}
    if None in urls.values():
        return None
    shown = widths[min(1, len(widths) - 1)]  # 800 wide where there is one: what a browser without srcset gets
    return Picture(
        src=urls[(shown, None)],
        srcset=", ".join(f"{urls[(w, None)]} {w}w" for w in widths),
        webp_srcset=", ".join(f"{urls[(w, 'WEBP')]} {w}w" for w in widths),
        width=width,
        height=height,
        alt=article.lead_image_alt,
        sizes=LEAD_SIZES,
    )


def teaser_picture(article):
    """A small 16:9 crop for a teaser, at one and two times its size, or ``None``."""
    if not article.lead_image:
        return None
    urls = {key: _url(spec, article) for key, spec in _TEASER.items()}
    if None in urls.values():
        return None
    width, height = TEASER_SIZE
    return Picture(
        src=urls[(1, None)],
        srcset=f"{urls[(1, None)]} 1x, {urls[(2, None)]} 2x",
        webp_srcset=f"{urls[(1, 'WEBP')]} 1x, {urls[(2, 'WEBP')]} 2x",
        width=width,
        height=height,
        alt=article.lead_image_alt,
    )


def share_images(article, *, request):
    """The lead image cropped to 16:9, 4:3 and 1:1 at 1200 pixels wide, absolute; ``[]`` without a usable file."""
    if not article.lead_image:
        return []
    urls = [_url(spec, article) for spec in _SHARE.values()]
    if None in urls:
        return []
    return [ShareImage(request.build_absolute_uri(url), *shape) for url, shape in zip(urls, _SHARE, strict=True)]


def site_image_url(request):
    """The absolute URL of ``NEWSROOM_SITE_IMAGE`` (a static file's path, or a URL), or ``""`` when unset."""
    image = conf.get("NEWSROOM_SITE_IMAGE")
    if not image:
        return ""
    return request.build_absolute_uri(image if "//" in image else static(image))


def _step(width):
    """The rendition that serves ``width``: the original's own width falls to the largest step at or above it."""
    return next(w for w in LEAD_WIDTHS if w >= width)


def _url(spec, article):
    """The rendition's URL, made first if need be; ``None`` when the original cannot be read."""
    try:
        return ImageCacheFile(spec(source=article.lead_image)).url
    except (OSError, MissingSource) as error:
        _log_missing(article, error)
        return None


def _log_missing(article, error):
    logger.warning("Lead image %s of article %s cannot be read: %s", article.lead_image.name, article.pk, error)
