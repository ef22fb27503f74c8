"""Template tags for the site chrome; thin wrappers over plain queries."""

from django import template

from articles import sections

register = template.Library()


def top_sections():
    """The top-level sections in menu order (shared until the next purge: see :mod:`articles.sections`)."""
    return sections.top_level()


@register.simple_tag(name="top_sections")
def top_sections_tag():
    """``{% top_sections as sections %}``: the navigation's sections."""
    return top_sections()
