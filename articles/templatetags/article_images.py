"""``{% teaser_picture article as picture %}``: a teaser's small lead image (:func:`articles.images.teaser_picture`).

No query: the renditions' existence is remembered in the cache. ``None`` when the article has no usable image.
"""

from django import template

from articles import images

register = template.Library()


@register.simple_tag
def teaser_picture(article):
    return images.teaser_picture(article)
