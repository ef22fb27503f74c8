"""Whether a template Django would load is an app's own file, for the pieces of a page written in Python.

The teasers (``articles.teaser_rendering``), the comment section (``comments.section_rendering``)
and the article page's text write in Python what their templates would, and render the template
instead when a site overrides it. Which file Django loads for a name only changes with the
template settings (or, under the development server, a template file appearing), so the answer
is looked up once per process for each engine and name, and forgotten when those change::

    from articles import rendering

    if rendering.is_own_template("articles/includes/teaser.html", OWN_TEASER):
        html = teaser_html(article)
"""

import functools

from django.core.signals import setting_changed
from django.template.loader import get_template
from django.utils.autoreload import file_changed


def is_own_template(name, own_file, *, engine=None):
    """Whether the template ``engine`` (else Django's template loading) loads for ``name`` is the file ``own_file``."""
    return _origin(engine, name) == str(own_file)


@functools.cache
def _origin(engine, name):
    template = engine.get_template(name) if engine is not None else get_template(name)
    origin = getattr(template, "origin", None)
    return None if origin is None else origin.name


def connect():
    """Look again when the templates may have changed. Called once, from ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="articles_rendering_setting_changed")
    file_changed.connect(_file_changed, dispatch_uid="articles_rendering_file_changed")


def _setting_changed(setting, **kwargs):
    if setting in {"TEMPLATES", "INSTALLED_APPS"}:
        _origin.cache_clear()


def _file_changed(file_path, **kwargs):
    # A template added or moved under the development server, which does not restart for templates.
    _origin.cache_clear()
