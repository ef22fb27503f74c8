"""Template tags for the site chrome (thin wrappers over plain queries) and the pages' machine-readable dates."""

from django import template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from articles import addresses, article_rendering, pagecache, sections, teaser_rendering

register = template.Library()


def top_sections():
    """The top-level sections in menu order (shared until the next purge: see :mod:`articles.sections`)."""
    return sections.top_level()


@register.simple_tag(name="top_sections")
def top_sections_tag():
    """``{% top_sections as sections %}``: the navigation's sections."""
    return top_sections()


@register.simple_tag
def address(viewname, *args, **kwargs):
    """``{% address "articles:tag" slug=tag.slug %}``: ``{% url %}`` for the readers' pages, remembered.

    The same address as ``{% url %}`` (escaped, ``as name`` works), looked up once per process
    (:mod:`articles.addresses`); a name that does not reverse raises ``NoReverseMatch`` even with
    ``as``, so an address that may be missing stays a ``{% url ... as name %}``.
    """
    return addresses.reverse(viewname, args=args, kwargs=kwargs)


@register.simple_tag(takes_context=True)
def teaser(context, article, level=2):
    """``{% teaser article level=3 %}``: ``{% include "articles/includes/teaser.html" with level=3 %}``, cheaper.

    Written in Python (:mod:`articles.teaser_rendering`) while the teaser and bylines templates
    Django would load are the app's own; a site's override of either is rendered as the
    include would, with ``article`` and ``level`` added to the page's context.
    """
    page = _teaser_page(context)
    if page["teaser"] is not None:
        with context.push(article=article, level=level):
            return page["teaser"].render(context)
    bylines = None
    if page["bylines"] is not None:
        with context.push(article=article, level=level, bylines=article.ordered_bylines, link_authors=False):
            bylines = page["bylines"].render(context)
    return teaser_rendering.teaser_html(article, level=level, said=page["words"], bylines=bylines)


@register.simple_tag(takes_context=True)
def article_text(context):
    """``{% article_text %}``: ``{% include "articles/includes/article_text.html" %}``, cheaper.

    The article page's text written in Python (:mod:`articles.article_rendering`) while the
    templates Django would load are the app's own; a site's override is rendered as the include would.
    """
    return article_rendering.article_text_html(context)


@register.simple_tag(takes_context=True)
def article_meta(context):
    """``{% article_meta %}``: ``{% include "articles/includes/article_meta.html" %}``, cheaper.

    The article page's meta elements and structured data written in Python
    (:mod:`articles.article_rendering`) while the template Django would load is the app's own.
    """
    return article_rendering.article_meta_html(context)


def _teaser_page(context):
    """What every teaser of the page shares: the templates overriding the app's own, if any, and the words."""
    try:
        return context.render_context[_TEASER_PAGE]
    except KeyError:
        pass
    engine = context.template.engine
    page = {"words": teaser_rendering.words()}
    for key, name in (("teaser", teaser_rendering.TEASER_TEMPLATE), ("bylines", teaser_rendering.BYLINES_TEMPLATE)):
        own = teaser_rendering.is_own_template(name, engine=engine)
        page[key] = None if own else engine.get_template(name)
    context.render_context[_TEASER_PAGE] = page
    return page


_TEASER_PAGE = "articles.teaser_page"


@register.filter
def iso_datetime(value):
    """``{{ article.publish_at|iso_datetime }}``: ISO 8601 to the second, in the current time zone.

    For ``<time datetime>`` and Open Graph's times. Django's ``date:"c"`` keeps microseconds, and HTML
    takes at most three digits of a fraction of a second; readers and crawlers need none.
    """
    if not value:
        return ""
    return localtime(value).isoformat(timespec="seconds")


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" part ... [tagged] %}…{% endshared_fragment %}``: rendered once for every reader.

    Kept until the next site-wide purge, or with ``tagged`` until the next purge of anything the page
    named so far (:func:`articles.pagecache.shared_html`): the article page's text is ``tagged``, the
    site's header is not. The name and its parts (an article's pk), the language and the time zone say
    what else it depends on. A first part that is empty (``None``, ``""``) renders the fragment afresh:
    a view says so for a page one reader sees (a preview). Nothing personal goes inside.
    """
    bits = token.split_contents()
    tagged = bits[-1] == "tagged"
    if tagged:
        bits = bits[:-1]
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f'{bits[0]} needs a name: {{% {bits[0]} "header" %}}')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]], tagged=tagged)


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, parts, *, tagged):
        self.nodelist = nodelist
        self.parts = parts
        self.tagged = tagged

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        if parts[0] in (None, ""):
            return self.nodelist.render(context)
        name = ":".join(
            str(part)
            for part in (
                "articles:fragment",
                *parts,
                translation.get_language(),
                timezone.get_current_timezone_name(),
            )
        )
        html = pagecache.shared_html(
            context.get("request"), name, lambda: str(self.nodelist.render(context)), page_tags=self.tagged
        )
        return mark_safe(html)
