"""``{% adblock_notice %}``: the hidden notice asking readers who block ads to support the site.

Put it once near the end of ``<body>`` in the site's base template::

    {% load adblock %}
    {% adblock_notice %}

It renders nothing for staff or when editors have switched the notice off in
Site settings; otherwise a closed ``<dialog>`` that only
``articles/adblock.js`` ever opens, so readers without JavaScript never see
it. Costs at most one query (:meth:`SiteSettings.load`, then cached).
"""

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from articles import pagecache
from articles.models import SiteSettings

register = template.Library()


TEMPLATE = "articles/adblock_notice.html"


@register.simple_tag(takes_context=True)
def adblock_notice(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return render_to_string(TEMPLATE, {"notice": None})
    # The same for every other reader: rendered once per page-cache generation and language (saving
    # Site settings purges every page).
    name = f"articles:adblock-notice:{translation.get_language()}"
    return mark_safe(pagecache.shared_html(request, name, _render))


def _render():
    site_settings = SiteSettings.load()
    return str(render_to_string(TEMPLATE, {"notice": site_settings if site_settings.adblock_notice_enabled else None}))
