"""Whether a template Django would load is an app's own file, for the pieces of a page written in Python.

The teasers (``articles.teaser_rendering``), the comment section (``comments.section_rendering``)
and the article page's text write in Python what their templates would, and render the template
instead when a site overrides it. Which file Django loads for a name only changes with the
template settings (or, under the development server, a template file appearing), so the answer
is looked up once per process for each engine and name, and forgotten when those change::

    from articles import rendering

    if rendering.is_own_template("articles/includes/teaser.html", OWN_TEASER):
        html = teaser_html(article)

The fixed words such a piece writes are translated once per language (:func:`translated`): each
``gettext()`` costs microseconds, more for a word the language's own catalogue lacks (``en-gb``
then asks each app's catalogue in turn).
"""

import functools

from django.core.signals import setting_changed
from django.template.loader import get_template
from django.utils.autoreload import file_changed
from django.utils.html import escape
from django.utils.translation import get_language, gettext


def is_own_template(name, own_file, *, engine=None):
    """Whether the template ``engine`` (else Django's template loading) loads for ``name`` is the file ``own_file``."""
    return _origin(engine, name) == str(own_file)


@functools.cache
def _origin(engine, name):
    template = engine.get_template(name) if engine is not None else get_template(name)
    origin = getattr(template, "origin", None)
    return None if origin is None else origin.name


def translated(*messages):
    """``escape(gettext(message))`` for each of ``messages``, in the active language, looked up once per language.

    Mark each message with ``gettext_noop`` where it is written, so ``makemessages`` finds it::

        search, sections = rendering.translated(gettext_noop("Search"), gettext_noop("Sections"))
    """
    key = (get_language(), messages)
    found = _translated.get(key)
    if found is None:
        found = _translated[key] = tuple(escape(gettext(message)) for message in messages)
    return found


_translated = {}  # (language, messages) -> their translations, escaped


def connect():
    """Look again when the templates may have changed. Called once, from ``ready()``."""
    setting_changed.connect(_setting_changed, dispatch_uid="articles_rendering_setting_changed")
    file_changed.connect(_file_changed, dispatch_uid="articles_rendering_file_changed")


def _setting_changed(setting, **kwargs):
    if setting in {"TEMPLATES", "INSTALLED_APPS"}:
        _origin.cache_clear()
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _translated.clear()


def _file_changed(file_path, **kwargs):
    # A template added or moved under the development server, which does not restart for templates.
    _origin.cache_clear()
    if file_path.suffix == ".mo":  # a catalogue it reloads without restarting
        _translated.clear()
