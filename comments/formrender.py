"""The comment form's widgets, written in Python where Django's stock templates would say the same.

Django renders each widget through two or three small templates
(``text.html`` includes ``input.html``, which includes ``attrs.html``). On
the article page that is a dozen widgets and about a seventh of the whole
render. :class:`PlainWidgetRenderer` writes plain ``<input>`` and
``<textarea>`` widgets directly, with the markup the stock templates give (a
test compares the two for every field of the comment form). It hands
everything else to the site's own renderer::

    class CommentForm(...):
        default_renderer = PlainWidgetRenderer()

It steps aside, per template, whenever the result could differ: a site whose
``FORM_RENDERER`` is not Django's default, an installed app that overrides
one of the widget templates, another widget (the reCAPTCHA field, say), or a
value that is not a string.
"""

import functools
from html import escape
from pathlib import Path

import django.forms
from django.forms.renderers import BaseRenderer, DjangoTemplates, get_default_renderer
from django.utils.functional import Promise
from django.utils.safestring import SafeData

_WIDGETS = "django/forms/widgets/"
_INPUTS = {f"{_WIDGETS}{name}.html" for name in ("input", "text", "email", "url", "hidden", "number", "checkbox")}
_TEXTAREA = f"{_WIDGETS}textarea.html"
_STOCK_DIR = Path(django.forms.__file__).parent / "templates"


class PlainWidgetRenderer(BaseRenderer):
    """A form renderer: plain widgets in Python, anything else through ``FORM_RENDERER``."""

    # What the site's renderer says for whole forms, formsets and fields.
    form_template_name = property(lambda self: get_default_renderer().form_template_name)
    formset_template_name = property(lambda self: get_default_renderer().formset_template_name)
    field_template_name = property(lambda self: get_default_renderer().field_template_name)
    bound_field_class = property(lambda self: get_default_renderer().bound_field_class)

    def get_template(self, template_name):
        return get_default_renderer().get_template(template_name)

    def render(self, template_name, context, request=None):
        fallback = get_default_renderer()
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and _is_stock(fallback, template_name) and _plain_value(widget.get("value")):
            return _textarea(widget) if template_name == _TEXTAREA else _input(widget)
        return fallback.render(template_name, context, request=request)


def _plain_value(value):
    return value is None or type(value) is str or isinstance(value, SafeData)


@functools.lru_cache(maxsize=64)
def _is_stock(renderer, template_name):
    """Whether ``renderer`` would use Django's own file for ``template_name`` and the templates it includes."""
    if type(renderer) is not DjangoTemplates or template_name not in _INPUTS | {_TEXTAREA}:
        return False
    needed = {template_name, f"{_WIDGETS}attrs.html"}
    if template_name != _TEXTAREA:
        needed.add(f"{_WIDGETS}input.html")
    return all(Path(renderer.get_template(name).origin.name).is_relative_to(_STOCK_DIR) for name in needed)


def _escaped(value):
    """``conditional_escape(value)`` without its wrapper for lazy strings (a dozen widgets a page)."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _formatted(value):
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe string safe; anything else is escaped."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget):
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    html = f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"'
    return f"{html}{shown}{_attrs(widget['attrs'])}>"


def _textarea(widget):
    value = widget["value"]
    text = _escaped(value) if value else ""
    return f'<textarea name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
