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

from articles.models import SiteSettings

register = template.Library()


@register.inclusion_tag("articles/adblock_notice.html", takes_context=True)
def adblock_notice(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return {"notice": None}
    site_settings = SiteSettings.load()
    return {"notice": site_settings if site_settings.adblock_notice_enabled else None}
