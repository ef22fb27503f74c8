"""Template tags for readers: thin wrappers over :mod:`comments.section` and :mod:`comments.text`.

::

    {% load newsroom_comments %}
    {% reader_prompt article %}     {# the invitation to comment, linking to the form #}
    {% comment_section article %}   {# thread, "Show more", form; one query #}
    {% comment_feed_links article %}  {# <link rel="alternate"> to the feeds of its comments, for the head #}

Both take an object of any model that takes comments (:mod:`comments.targets`), an article or a site's own.
"""

from django import template

from comments import feeds, section, text

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_section(context, target):
    """``comments/newsroom/section.html`` for ``target`` (:func:`comments.section.section_html`)."""
    return section.section_html(target, request=context.get("request"))


@register.simple_tag(takes_context=True)
def reader_prompt(context, target):
    """``comments/newsroom/prompt.html`` for ``target`` (:func:`comments.section.prompt_html`)."""
    return section.prompt_html(target, request=context.get("request"))


@register.simple_tag(takes_context=True)
def comment_feed_links(context, target):
    """``comments/newsroom/feed_links.html`` for ``target`` (:func:`comments.feeds.links_html`)."""
    return feeds.links_html(target, request=context.get("request"))


@register.filter
def comment_html(value):
    """A comment's text as escaped paragraphs with nofollow links."""
    return text.comment_html(value)


@register.filter
def commenter_url(value):
    """The commenter's website if it is a safe http(s) address, else ``""``."""
    return text.safe_url(value)
