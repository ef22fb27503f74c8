from unittest import mock

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from comments import formrender
from comments.formrender import PlainWidgetRenderer
from comments.forms import CommentForm
from tests.factories import make_article, make_user

HOSTILE = {
    "name": '"><script>alert(1)</script> & Ann',
    "email": "ann'@example.org",
    "url": "https://example.org/?a=1&b=<2>",
    "comment": "</textarea><b>bold</b>\n\n  indented & 'quoted'",
    "remember": "on",
    "followup": "on",
    "reply_to": "12",
}


def pairs(form):
    """Every field of ``form`` rendered twice: by the form's renderer, and by Django's own templates."""
    stock = DjangoTemplates()
    for field in form:
        yield field.name, str(field), stock_render(field, stock)


def stock_render(field, renderer):
    widget = field.field.widget
    attrs = field.build_widget_attrs({})
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget.render(field.html_name, field.value(), attrs=attrs, renderer=renderer)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    ["unbound", "hostile", "empty", "signed-in", "invalid"],
)
def test_every_field_renders_as_djangos_templates_do(case):
    article = make_article()
    user = make_user(first_name="Ann") if case == "signed-in" else None
    data = {
        "hostile": {**HOSTILE, **CommentForm(article).initial},
        "empty": {"name": "", "comment": "", "reply_to": ""},
        "invalid": {"email": "not an address", "url": "ftp://x", "reply_to": "-3", "timestamp": "soon"},
    }.get(case)
    form = CommentForm(article, data=data, user=user)
    if data is not None:
        form.is_valid()
    compared = list(pairs(form))
    assert len(compared) >= (8 if user else 12)
    for name, ours, django in compared:
        assert ours == django, name
    if case == "hostile":
        assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ann"' in str(form["name"])
        assert "&lt;/textarea&gt;&lt;b&gt;" in str(form["comment"])


def test_a_widget_it_does_not_write_goes_to_the_sites_renderer():
    class Choice(forms.Form):
        colour = forms.ChoiceField(choices=[("r", "<Red>")])
        when = forms.DateField(widget=forms.DateInput)  # a value that is not a string

    form = Choice(data={"colour": "r"}, renderer=PlainWidgetRenderer())
    stock = Choice(data={"colour": "r"}, renderer=DjangoTemplates())
    assert str(form["colour"]) == str(stock["colour"])
    assert "&lt;Red&gt;" in str(form["colour"])
    assert str(form.errors) == str(stock.errors)
    assert form.render() == stock.render()


def test_safe_values_stay_unescaped_as_in_the_template():
    widget = forms.TextInput(attrs={"data-x": mark_safe("<i>"), "data-y": "<i>", "required": True, "hidden": False})
    ours = widget.render("n", mark_safe("a&amp;b"), renderer=PlainWidgetRenderer())
    assert ours == widget.render("n", mark_safe("a&amp;b"), renderer=DjangoTemplates())
    assert ours == '<input type="text" name="n" value="a&amp;b" data-x="<i>" data-y="&lt;i&gt;" required>'


@pytest.mark.parametrize("template_name", ["django/forms/widgets/text.html", "django/forms/widgets/textarea.html"])
def test_a_replaced_widget_template_is_used_not_bypassed(template_name):
    renderer = DjangoTemplates()
    moved = mock.Mock(origin=mock.Mock(name="origin"))
    moved.origin.name = "/site/templates/django/forms/widgets/attrs.html"
    real = renderer.get_template

    def get_template(name):
        return moved if name.endswith("attrs.html") else real(name)

    with (
        mock.patch.object(renderer, "get_template", get_template),
        mock.patch.object(renderer, "render", return_value="from the site's template") as render,
        mock.patch("comments.formrender.get_default_renderer", return_value=renderer),
    ):
        widget = forms.Textarea() if template_name.endswith("textarea.html") else forms.TextInput()
        assert widget.render("n", "v", renderer=PlainWidgetRenderer()) == "from the site's template"
    assert render.call_args.args[0] == template_name


def test_another_form_renderer_setting_is_followed(settings):
    settings.FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
    assert type(get_default_renderer()).__name__ == "TemplatesSetting"
    with mock.patch.object(get_default_renderer(), "render", return_value="templates setting") as render:
        assert forms.TextInput().render("n", "v", renderer=PlainWidgetRenderer()) == "templates setting"
    render.assert_called_once()
    assert PlainWidgetRenderer().form_template_name == get_default_renderer().form_template_name


@pytest.mark.parametrize(
    "value", ["<a href='x'>&", mark_safe("<b>safe</b>"), gettext_lazy("Name"), format_lazy("{}&", "<i>"), 7, None]
)
def test_attribute_escaping_is_conditional_escape(value):
    assert formrender._escaped(value) == conditional_escape(value)
