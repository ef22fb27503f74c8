"""schema.org JSON-LD for article pages, built as plain dicts and rendered safely.

Search engines read ``NewsArticle`` and ``BreadcrumbList`` from
``<script type="application/ld+json">``. The data is built here in Python
(testable with ``json.loads``); :func:`script_tag` escapes ``<``, ``>`` and
``&`` as ``json_script`` does, so a headline containing ``</script>`` stays
inside the string.
"""

import functools
import html
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime

from articles import conf, images

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Tags that end a line of text: a space before each keeps "</p><p>" from gluing two words, and "<em>" does not.
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|blockquote|h[1-6]|hr|figure|figcaption|pre)\b", re.IGNORECASE)
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _iso(value):
    return localtime(value).isoformat()


def news_article(article, *, request, share_images=None):
    """The ``NewsArticle`` object for ``article`` (bylines, tags and corrections prefetched).

    ``dateModified`` counts its corrections and updates; its corrections are listed as ``correction``.

    ``share_images``: the lead image's crops (:func:`articles.images.share_images`), when the caller has them.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    modified = article.last_modified
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.seo_description or article.standfirst,
        "datePublished": _iso(article.publish_at),
        "dateModified": _iso(modified),
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": request.build_absolute_uri(byline.author.get_absolute_url()),
                "jobTitle": byline.author.job_title,
            }
            for byline in article.ordered_bylines
        ],
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": word_count(article.body),
        "publisher": {
            "@type": "Organization",
            "name": conf.get("NEWSROOM_SITE_NAME"),
            "url": request.build_absolute_uri("/"),
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    notes = [note for note in article.corrections.all() if note.is_correction]
    if notes:
        # schema.org's "correction": what was wrong and when it was put right (updates are not corrections).
        data["correction"] = [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": _iso(note.published_at)}
            for note in notes
        ]
    if share_images is None:
        share_images = images.share_images(article, request=request)
    # Google asks for 16:9, 4:3 and 1:1 crops; without a lead image, the site's own picture.
    fallback = images.site_image_url(request)
    image_urls = [image.url for image in share_images] or ([fallback] if fallback else [])
    if image_urls:
        data["image"] = image_urls
    return data


def live_blog_posting(article, entries, *, request, share_images=None):
    """The ``LiveBlogPosting`` for a live article: its ``NewsArticle`` data, the coverage's times and ``entries``.

    ``entries`` are those the page shows, newest first, each a ``BlogPosting`` in ``liveBlogUpdate``
    (Google's live blog markup); ``coverageEndTime`` only once an end is set.
    """
    data = news_article(article, request=request, share_images=share_images)
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = _iso(article.coverage_start)
    if article.coverage_end is not None:
        data["coverageEndTime"] = _iso(article.coverage_end)
    # A new entry is a change to the story.
    data["dateModified"] = _iso(max(article.updated_at, article.publish_at, *(entry.updated_at for entry in entries)))
    data["liveBlogUpdate"] = [_blog_posting(entry, page=data["url"], request=request) for entry in entries]
    return data


def _blog_posting(entry, *, page, request):
    # As readers read it: no tags, entities decoded (script_tag escapes what must be).
    text = html.unescape(" ".join(strip_tags(_BLOCK_TAG.sub(r" \g<0>", entry.text or "")).split()))
    update = {
        "@type": "BlogPosting",
        # Google wants a headline on each; an entry without one is named by its opening words.
        "headline": entry.headline or Truncator(text).chars(110),
        "articleBody": text,
        "datePublished": _iso(entry.published_at),
        "dateModified": _iso(max(entry.updated_at, entry.published_at)),
        "url": f"{page}#entry-{entry.pk}",
    }
    if entry.author is not None:
        update["author"] = {
            "@type": "Person",
            "name": entry.author.name,
            "url": request.build_absolute_uri(entry.author.get_absolute_url()),
        }
    if entry.image:
        update["image"] = request.build_absolute_uri(entry.image.url)
    return update


def breadcrumb_list(crumbs, *, request):
    """A ``BreadcrumbList`` from ``(name, url)`` pairs, Home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": request.build_absolute_uri(url)}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


@functools.lru_cache(maxsize=256)
def word_count(html):
    """Words in an HTML body, as readers count them (tags don't count); remembered for the bodies read most."""
    # A space before every tag keeps "</p><p>" from gluing two words together.
    return len(_WORD.findall(strip_tags((html or "").replace("<", " <"))))


def script_tag(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe to embed in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
