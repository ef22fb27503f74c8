"""``{% site_head_links %}``, ``{% site_header %}``, ``{% site_footer_links %}``: ``base.html``'s fragments, cheaper.

Each is ``{% include %}`` of its template under ``site/``, written in Python (``newsroom.chrome``)
while that template is the site's own.
"""

from django import template

from newsroom import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_head_links(context):
    """``{% include "site/head_links.html" %}``: the stylesheet, icons and feeds in the page's ``<head>``."""
    return chrome.head_links_html(context)


@register.simple_tag(takes_context=True)
def site_header(context):
    """``{% include "site/header.html" %}``: the site's name, search form and sections menu."""
    return chrome.header_html(context)


@register.simple_tag(takes_context=True)
def site_footer_links(context):
    """``{% include "site/footer_links.html" %}``: the footer's feeds and corrections."""
    return chrome.footer_links_html(context)
