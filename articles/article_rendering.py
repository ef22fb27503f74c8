"""The article page's text and meta elements as HTML, written in Python.

The article page (``articles/article_page.html``) shows its article through
``{% article_text %}``: the breadcrumbs, the headline, bylines and dates, the
lead image, the body, the tags and "You may also like"; and its meta elements
(description, Open Graph, Twitter, structured data) through
``{% article_meta %}``. Through the template engine,
``articles/includes/article_text.html`` with the templates it includes and
``articles/includes/article_meta.html`` were a good part of rendering a page
no cache answers; :func:`article_text_html` and :func:`article_meta_html`
write the same markup from the same context, byte for byte (a test renders
both with and without a lead image, an update, tags, related articles, and
text to escape).

The template stays the reference, and a site that overrides it (or the
breadcrumbs or bylines it includes) keeps its markup: then, and for an article
with live coverage, the template is rendered as ``{% include %}`` would.
Corrections go through their own template, ``corrections.html``, included
from here as from the template.
"""

from html import escape
from pathlib import Path

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop

from articles import addresses, rendering, teaser_rendering
from articles.teaser_rendering import iso_time, shown_date, text

ARTICLE_TEXT_TEMPLATE = "articles/includes/article_text.html"
ARTICLE_META_TEMPLATE = "articles/includes/article_meta.html"
BREADCRUMBS_TEMPLATE = "articles/includes/breadcrumbs.html"
CORRECTIONS_TEMPLATE = "articles/includes/corrections.html"
_OWN = {name: str(Path(__file__).parent / "templates" / name) for name in (ARTICLE_TEXT_TEMPLATE, BREADCRUMBS_TEMPLATE)}
_OWN_META = str(Path(__file__).parent / "templates" / ARTICLE_META_TEMPLATE)


def article_text_html(context):
    """``{% include ARTICLE_TEXT_TEMPLATE %}`` for the article page's template ``context`` (a ``Context``)."""
    engine = context.template.engine
    own = all(rendering.is_own_template(name, path, engine=engine) for name, path in _OWN.items())
    if (
        not own
        or context.get("live")
        or not teaser_rendering.is_own_template(teaser_rendering.BYLINES_TEMPLATE, engine=engine)
    ):
        return engine.get_template(ARTICLE_TEXT_TEMPLATE).render(context)
    article = context["article"]
    parts = [_breadcrumbs(context["crumbs"])]
    parts.append(
        '\n<article class="article">\n  <header class="article-header">\n    \n'
        f"    <h1>{text(article.headline)}</h1>\n    "
    )
    if article.standfirst:
        parts.append(f'<p class="standfirst">{text(article.standfirst)}</p>')
    bylines = teaser_rendering.bylines_html(context["bylines"], link_authors=True)
    published = article.publish_at
    parts.append(
        f'\n    <p class="meta">{bylines}</p>\n'
        f'    <p class="dates">{rendering.translated(gettext_noop("Published"))[0]} '
        f'<time datetime="{iso_time(published)}">{shown_date(published)}</time>'
    )
    updated = context.get("updated")
    if updated:
        said = rendering.translated(gettext_noop("Updated"))[0]
        parts.append(f'\n      · {said} <time datetime="{iso_time(updated)}">{shown_date(updated)}</time>')
    parts.append("</p>\n  </header>\n  ")
    picture = context.get("lead_picture")
    if picture:
        parts.append(_lead_image(picture, article))
    parts.append(f'\n  \n  <div class="article-body">{article.body}</div>\n  ')
    if context.get("corrections"):
        parts.append(engine.get_template(CORRECTIONS_TEMPLATE).render(context))
    parts.append("\n  \n  ")
    tags = context.get("tags")
    if tags:
        parts.append(f'<ul class="tags" aria-label="{rendering.translated(gettext_noop("Tags"))[0]}">')
        for tag in tags:
            url = escape(addresses.reverse("articles:tag", kwargs={"slug": tag.slug}))
            parts.append(f'<li><a href="{url}" rel="tag">{text(tag.name)}</a></li>')
        parts.append("</ul>")
    parts.append("\n</article>\n")
    related = context.get("related")
    if related:
        parts.append(
            '<aside class="related" aria-labelledby="related-heading">\n'
            f'  <h2 id="related-heading">{rendering.translated(gettext_noop("You may also like"))[0]}</h2>\n  <ul>'
        )
        for item in related:
            parts.append(
                f'<li><a href="{text(item.get_absolute_url())}">{text(item.headline)}</a> '
                f'<span class="section-name">{text(item.category.name)}</span></li>'
            )
        parts.append("</ul>\n</aside>")
    parts.append("\n")
    return mark_safe("".join(parts))


def article_meta_html(context):
    """``{% include ARTICLE_META_TEMPLATE %}``: the page's meta elements and structured data, for its ``context``."""
    engine = context.template.engine
    if not rendering.is_own_template(ARTICLE_META_TEMPLATE, _OWN_META, engine=engine):
        return engine.get_template(ARTICLE_META_TEMPLATE).render(context)
    article = context["article"]
    description = text(article.seo_description or article.standfirst)
    canonical = text(context.get("canonical_url", ""))
    headline = text(article.headline)
    parts = ["\n\n"]
    if description:
        parts.append(f'<meta name="description" content="{description}">')
    parts.append(f'\n<link rel="canonical" href="{canonical}">\n')
    if context.get("preview"):
        parts.append('<meta name="robots" content="noindex">')
    parts.append(
        '\n<meta property="og:type" content="article">\n'
        f'<meta property="og:site_name" content="{text(context.get("site_name", ""))}">\n'
        f'<meta property="og:title" content="{headline}">\n'
        f'<meta property="og:description" content="{description}">\n'
        f'<meta property="og:url" content="{canonical}">\n'
    )
    share_image = context.get("share_image")
    site_image_url = context.get("site_image_url")
    if share_image:
        url, alt = text(share_image.url), text(article.lead_image_alt)
        parts.append(
            f'<meta property="og:image" content="{url}">\n'
            f'<meta property="og:image:width" content="{text(share_image.width)}">\n'
            f'<meta property="og:image:height" content="{text(share_image.height)}">\n'
            f'<meta property="og:image:alt" content="{alt}">\n'
            f'<meta name="twitter:image" content="{url}">\n'
            f'<meta name="twitter:image:alt" content="{alt}">'
        )
    elif site_image_url:
        url = text(site_image_url)
        parts.append(f'<meta property="og:image" content="{url}">\n<meta name="twitter:image" content="{url}">')
    parts.append(f'\n<meta property="article:published_time" content="{iso_time(article.publish_at)}">\n')
    updated = context.get("updated")
    if updated:
        parts.append(f'<meta property="article:modified_time" content="{iso_time(updated)}">')
    parts.append(f'\n<meta property="article:section" content="{text(article.category.name)}">\n')
    parts.extend(f'<meta property="article:tag" content="{text(tag.name)}">\n' for tag in context.get("tags") or ())
    parts.append(
        f'<meta name="twitter:card" content="{"summary_large_image" if share_image else "summary"}">\n'
        f'<meta name="twitter:title" content="{headline}">\n'
        f'<meta name="twitter:description" content="{description}">\n\n'
    )
    parts.extend(f"{text(script)}\n" for script in context.get("json_ld") or ())
    parts.append("\n")
    return mark_safe("".join(parts))


def _breadcrumbs(crumbs):
    parts = [f'<nav class="breadcrumbs" aria-label="{rendering.translated(gettext_noop("Breadcrumb"))[0]}">\n  <ol>']
    for name, url in crumbs:
        if url:
            parts.append(f'<li><a href="{text(url)}">{text(name)}</a></li>')
        else:
            parts.append(f'<li><span aria-current="page">{text(name)}</span></li>')
    parts.append("</ol>\n</nav>\n")
    return "".join(parts)


def _lead_image(picture, article):
    caption = ""
    if article.lead_image_caption or article.lead_image_credit:
        credit = ""
        if article.lead_image_credit:
            credit = f' <span class="credit">{text(article.lead_image_credit)}</span>'
        caption = f"<figcaption>{text(article.lead_image_caption)}{credit}</figcaption>"
    return (
        '<figure class="lead-image">\n    <picture>\n'
        f'      <source type="image/webp" srcset="{text(picture.webp_srcset)}" sizes="{text(picture.sizes)}">\n'
        f'      <img src="{text(picture.src)}" srcset="{text(picture.srcset)}" sizes="{text(picture.sizes)}"'
        f' width="{text(picture.width)}" height="{text(picture.height)}" alt="{text(picture.alt)}"'
        ' fetchpriority="high">\n'
        f"    </picture>\n    {caption}\n  </figure>"
    )
