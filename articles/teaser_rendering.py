"""An article's teaser and its bylines as HTML, written in Python.

The home page shows 34 teasers and a listing page 20; through the template
engine, ``articles/includes/teaser.html`` and the ``bylines.html`` it includes
were about half of the Python work of rendering such a page. The functions here
write the same markup from the same article, byte for byte (a test renders both
with and without an image, with no, one and three bylines, with and without a
comment count, and with text to escape).

The templates stay the reference, and a site that overrides one keeps its
markup: the ``{% teaser %}`` tag (:func:`articles.templatetags.articles_tags.teaser`)
renders ``teaser.html`` as ``{% include %}`` would whenever the template Django
would load is not the app's own file, and ``bylines.html`` likewise (looked up
once per process, ``articles.rendering``)::

    {% for article in latest %}{% teaser article level=3 %}{% endfor %}

Everything that comes from the article is escaped here, as the templates'
autoescaping would.
"""

from html import escape
from pathlib import Path

from django.utils.dates import MONTHS
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime, template_localtime
from django.utils.translation import gettext_noop, ngettext

from articles import images, rendering

TEASER_TEMPLATE = "articles/includes/teaser.html"
BYLINES_TEMPLATE = "articles/includes/bylines.html"
_OWN = {name: str(Path(__file__).parent / "templates" / name) for name in (TEASER_TEMPLATE, BYLINES_TEMPLATE)}


def is_own_template(name, *, engine=None):
    """Whether the template Django loads for ``name`` (from ``engine``, else the default) is this app's file."""
    return rendering.is_own_template(name, _OWN[name], engine=engine)


def words():
    """The bylines' fixed words in the active language; a page looks them up once for all its teasers."""
    by, and_ = rendering.translated(gettext_noop("By"), gettext_noop("and"))
    return {"by": by, "and": and_}


def teaser_html(article, *, level=2, said=None, bylines=None):
    """``{% include TEASER_TEMPLATE with level=level %}`` for an article from ``for_listing()``.

    ``said`` is :func:`words` (looked up when not given); ``bylines`` the HTML of the
    article's bylines where a site's own ``bylines.html`` wrote it (this module's when not given).
    """
    if bylines is None:
        bylines = bylines_html(article.ordered_bylines, link_authors=False, said=said or words())
    url = escape(article.get_absolute_url())
    heading = text(level or 2)
    parts = ['<article class="teaser">\n  ']
    picture = images.teaser_picture(article)
    if picture:
        parts.append(
            '<picture class="teaser-image">\n'
            f'    <source type="image/webp" srcset="{text(picture.webp_srcset)}">\n'
            f'    <img src="{text(picture.src)}" srcset="{text(picture.srcset)}" width="{text(picture.width)}"'
            f' height="{text(picture.height)}" alt="{text(picture.alt)}" loading="lazy" decoding="async">\n'
            "  </picture>"
        )
    parts.append(
        f'\n  <h{heading} class="teaser-headline"><a href="{url}">{text(article.headline)}</a></h{heading}>\n  '
    )
    if article.standfirst:
        parts.append(f'<p class="standfirst">{text(article.standfirst)}</p>')
    published = article.publish_at
    parts.append(
        f'\n  <p class="meta">{bylines}\n'
        f'    <time datetime="{iso_time(published)}">{shown_date(published)}</time>\n    '
    )
    count = getattr(article, "comment_count", None)
    if count is not None:
        label = ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": text(count)}
        parts.append(f'<span class="comment-count"><a href="{url}#comments">{label}</a></span>')
    parts.append("\n  </p>\n</article>\n")
    return mark_safe("".join(parts))


def bylines_html(bylines, *, link_authors, said=None):
    """``{% include BYLINES_TEMPLATE %}`` for ``bylines`` in order, their authors fetched with them."""
    if not bylines:
        return "\n"
    said = said or words()
    last = len(bylines) - 1
    parts = [f'<span class="byline">{said["by"]} ']
    for i, byline in enumerate(bylines):
        if i:
            parts.append(f" {said['and']} " if i == last else ", ")
        author = byline.author
        name = text(author.name)
        if link_authors:
            name = f'<a href="{escape(author.get_absolute_url())}" rel="author">{name}</a>'
        parts.append(f"{name}, {text(author.job_title)}")
    parts.append("</span>\n")
    return mark_safe("".join(parts))


def text(value):
    """``{{ value }}``: localized as the template engine does, then escaped unless already safe."""
    value = localize(value)
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def iso_time(value):
    """``|iso_datetime`` (articles_tags) of a time that is set (a publication time, say)."""
    return localtime(value).isoformat(timespec="seconds")


def shown_date(value):
    """``|date:"j F Y, H:i"``, in the current time zone, escaped; written out (Django's formatter reads the
    format a letter at a time, the cost of a whole teaser)."""
    value = template_localtime(value)
    return escape(f"{value.day} {MONTHS[value.month]} {value.year:04d}, {value.hour:02d}:{value.minute:02d}")
