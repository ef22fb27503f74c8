"""``{% media_with_csp_nonce media %}``: form media that may run under a strict Content Security Policy.

The prose editor's media (django-js-asset) includes an inline
``<script type="importmap">``, which ``script-src 'self'`` blocks. With
django-csp's ``NONCE`` in ``script-src``, this tag stamps the request's nonce
on the media's tags, so the import map runs and nothing else inline does::

    {% load csp_media %}
    {% media_with_csp_nonce media %}

Without django-csp (no ``request.csp_nonce``) it renders the media as usual.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_csp_nonce(context, media):
    if not media:
        return ""
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None or not hasattr(media, "with_nonce"):
        return media.render()
    return media.with_nonce(str(nonce)).render()
