"""The site's chrome on every reader page (its ``<head>`` links, header and footer links), written in Python.

``base.html`` is most of what a page no cache answers renders through the template engine besides
its content, and it is the same few fragments each time. ``{% site_head_links %}``,
``{% site_header %}`` and ``{% site_footer_links %}`` (``site_chrome``) write them here, byte for
byte what ``site/head_links.html``, ``site/header.html`` and ``site/footer_links.html`` say (a test
renders pages both ways). While the file Django would load is the site's own the template is not
rendered; a template earlier in the search path (another site's chrome) is rendered as
``{% include %}`` would::

    {% load site_chrome %}
    {% shared_fragment "site-header" %}{% site_header %}{% endshared_fragment %}
"""

from html import escape
from pathlib import Path

from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop

from articles import addresses, rendering, sections
from articles.teaser_rendering import text

HEAD_LINKS_TEMPLATE = "site/head_links.html"
HEADER_TEMPLATE = "site/header.html"
FOOTER_LINKS_TEMPLATE = "site/footer_links.html"
_OWN = {
    name: str(Path(__file__).resolve().parent.parent / "templates" / name)
    for name in (HEAD_LINKS_TEMPLATE, HEADER_TEMPLATE, FOOTER_LINKS_TEMPLATE)
}


def head_links_html(context):
    """``{% include HEAD_LINKS_TEMPLATE %}``: the stylesheet, icons, manifest and feeds, for a page's ``context``."""
    engine = context.template.engine
    if not rendering.is_own_template(HEAD_LINKS_TEMPLATE, _OWN[HEAD_LINKS_TEMPLATE], engine=engine):
        return engine.get_template(HEAD_LINKS_TEMPLATE).render(context)
    site_name = text(context.get("site_name", ""))
    return mark_safe(
        f'<link rel="stylesheet" href="{escape(static("css/site.css"))}">\n\n'
        f'<link rel="icon" href="{_address("favicon")}" sizes="16x16 32x32 48x48">\n'
        f'<link rel="apple-touch-icon" href="{escape(static("icons/apple-touch-icon.png"))}">\n'
        f'<link rel="manifest" href="{_address("web-manifest")}">\n'
        '<meta name="theme-color" content="#0a4b8c">\n'
        f'<link rel="alternate" type="application/rss+xml" title="{site_name} (RSS)"'
        f' href="{_address("articles:feed-rss")}">\n'
        f'<link rel="alternate" type="application/atom+xml" title="{site_name} (Atom)"'
        f' href="{_address("articles:feed-atom")}">\n'
    )


def header_html(context):
    """``{% include HEADER_TEMPLATE %}``: the site's name, its search form and the sections menu."""
    engine = context.template.engine
    if not rendering.is_own_template(HEADER_TEMPLATE, _OWN[HEADER_TEMPLATE], engine=engine):
        return engine.get_template(HEADER_TEMPLATE).render(context)
    search, search_articles, sections_label = rendering.translated(
        gettext_noop("Search"), gettext_noop("Search articles"), gettext_noop("Sections")
    )
    menu = "".join(
        f'<li><a href="{text(section.get_absolute_url())}">{text(section.name)}</a></li>'
        for section in sections.top_level()
    )
    return mark_safe(
        '<header class="site-header">\n  <div class="wrap">\n'
        f'    <a class="site-name" href="{_address("articles:home")}">{text(context.get("site_name", ""))}</a>\n'
        f'    <form class="site-search" role="search" action="{_address("articles:search")}" method="get">\n'
        f'      <label for="site-search-q" class="visually-hidden">{search_articles}</label>\n'
        f'      <input type="search" id="site-search-q" name="q" placeholder="{search}">\n'
        f'      <button type="submit">{search}</button>\n'
        "    </form>\n  </div>\n"
        f'  <nav class="site-nav" aria-label="{sections_label}">\n    \n'
        f'    <ul class="wrap">\n      {menu}\n    </ul>\n  </nav>\n</header>\n'
    )


def footer_links_html(context):
    """``{% include FOOTER_LINKS_TEMPLATE %}``: the footer's links to the feeds and the corrections."""
    engine = context.template.engine
    if not rendering.is_own_template(FOOTER_LINKS_TEMPLATE, _OWN[FOOTER_LINKS_TEMPLATE], engine=engine):
        return engine.get_template(FOOTER_LINKS_TEMPLATE).render(context)
    rss, atom, corrections = rendering.translated(
        gettext_noop("RSS feed"), gettext_noop("Atom feed"), gettext_noop("Corrections")
    )
    return mark_safe(
        f'    <li><a href="{_address("articles:feed-rss")}">{rss}</a></li>\n'
        f'    <li><a href="{_address("articles:feed-atom")}">{atom}</a></li>\n'
        f'    <li><a href="{_address("articles:corrections")}">{corrections}</a></li>\n'
    )


def _address(viewname):
    return escape(addresses.reverse(viewname))
