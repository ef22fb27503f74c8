"""Template tags for the site chrome; thin wrappers over plain queries."""

from django import template

from articles.models import Category

register = template.Library()


def top_sections():
    """The top-level sections in menu order (one query)."""
    return list(Category.objects.top_level().order_by("position", "name"))


@register.simple_tag(name="top_sections")
def top_sections_tag():
    """``{% top_sections as sections %}``: the navigation's sections."""
    return top_sections()
