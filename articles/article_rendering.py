"""The article page's text as HTML, written in Python.

The article page (``articles/article_page.html``) shows its article through
``{% article_text %}``: the breadcrumbs, the headline, bylines and dates, the
lead image, the body, the tags and "You may also like". Through the template
engine, ``articles/includes/article_text.html`` and the templates it includes
cost a fifth of rendering a page no cache answers; :func:`article_text_html`
writes the same markup from the same context, byte for byte (a test renders
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
from django.utils.translation import gettext

from articles import addresses, rendering, teaser_rendering
from articles.teaser_rendering import iso_time, shown_date, text

ARTICLE_TEXT_TEMPLATE = "articles/includes/article_text.html"
BREADCRUMBS_TEMPLATE = "articles/includes/breadcrumbs.html"
CORRECTIONS_TEMPLATE = "articles/includes/corrections.html"
_OWN = {name: str(Path(__file__).parent / "templates" / name) for name in (ARTICLE_TEXT_TEMPLATE, BREADCRUMBS_TEMPLATE)}


def article_text_html(context):
    """``{% include ARTICLE_TEXT_TEMPLATE %}`` for the article page's template ``context`` (a ``Context``)."""
    engine = context.template.engine
    own = all(rendering.is_own_template(name, own, engine=engine) for name, own in _OWN.items())
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
        f'    <p class="dates">{escape(gettext("Published"))} '
        f'<time datetime="{iso_time(published)}">{shown_date(published)}</time>'
    )
    updated = context.get("updated")
    if updated:
        parts.append(
            f'\n      · {escape(gettext("Updated"))} <time datetime="{iso_time(updated)}">{shown_date(updated)}</time>'
        )
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
        parts.append(f'<ul class="tags" aria-label="{escape(gettext("Tags"))}">')
        for tag in tags:
            url = escape(addresses.reverse("articles:tag", kwargs={"slug": tag.slug}))
            parts.append(f'<li><a href="{url}" rel="tag">{text(tag.name)}</a></li>')
        parts.append("</ul>")
    parts.append("\n</article>\n")
    related = context.get("related")
    if related:
        parts.append(
            '<aside class="related" aria-labelledby="related-heading">\n'
            f'  <h2 id="related-heading">{escape(gettext("You may also like"))}</h2>\n  <ul>'
        )
        for item in related:
            parts.append(
                f'<li><a href="{text(item.get_absolute_url())}">{text(item.headline)}</a> '
                f'<span class="section-name">{text(item.category.name)}</span></li>'
            )
        parts.append("</ul>\n</aside>")
    parts.append("\n")
    return mark_safe("".join(parts))


def _breadcrumbs(crumbs):
    parts = [f'<nav class="breadcrumbs" aria-label="{escape(gettext("Breadcrumb"))}">\n  <ol>']
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
