"""Template tags for the site chrome (thin wrappers over plain queries) and the pages' machine-readable dates."""

from django import template
from django.utils.timezone import localtime

from articles import sections

register = template.Library()


def top_sections():
    """The top-level sections in menu order (shared until the next purge: see :mod:`articles.sections`)."""
    return sections.top_level()


@register.simple_tag(name="top_sections")
def top_sections_tag():
    """``{% top_sections as sections %}``: the navigation's sections."""
    return top_sections()


@register.filter
def iso_datetime(value):
    """``{{ article.publish_at|iso_datetime }}``: ISO 8601 to the second, in the current time zone.

    For ``<time datetime>`` and Open Graph's times. Django's ``date:"c"`` keeps microseconds, and HTML
    takes at most three digits of a fraction of a second; readers and crawlers need none.
    """
    if not value:
        return ""
    return localtime(value).isoformat(timespec="seconds")
