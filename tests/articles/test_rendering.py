from unittest import mock

import pytest
from django.template import loader
from django.test import override_settings
from django.utils import translation
from django.utils.autoreload import file_changed

from articles import rendering, teaser_rendering

NAME = teaser_rendering.TEASER_TEMPLATE
OWN = teaser_rendering._OWN[NAME]


def test_the_template_is_looked_up_once(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0]}]  # a fresh start: nothing known yet
    with mock.patch.object(rendering, "get_template", wraps=loader.get_template) as get_template:
        assert rendering.is_own_template(NAME, OWN)
        assert rendering.is_own_template(NAME, OWN)
    assert get_template.call_count == 1


def test_an_override_is_honoured_after_the_settings_change(settings, tmp_path):
    assert rendering.is_own_template(NAME, OWN)
    override = tmp_path / NAME
    override.parent.mkdir(parents=True)
    override.write_text("The site's own teaser")
    with override_settings(TEMPLATES=[{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]):
        assert not rendering.is_own_template(NAME, OWN)
    assert rendering.is_own_template(NAME, OWN)


def test_a_template_file_changing_under_the_development_server_is_looked_up_again(tmp_path):
    file_changed.send(sender=None, file_path=tmp_path / "new.html")
    with mock.patch.object(rendering, "get_template", wraps=loader.get_template) as get_template:
        rendering.is_own_template(NAME, OWN)
        file_changed.send(sender=None, file_path=tmp_path / "new.html")
        rendering.is_own_template(NAME, OWN)
    assert get_template.call_count == 2


def test_fixed_words_are_translated_once_per_language(monkeypatch):
    with translation.override("fr"):
        assert rendering.translated("Search", "Tags") == (translation.gettext("Search"), translation.gettext("Tags"))
    with translation.override("en"):
        assert rendering.translated("Search", "<b>") == ("Search", "&lt;b&gt;")
        monkeypatch.setattr(rendering, "gettext", lambda message: pytest.fail(f"{message} translated again"))
        assert rendering.translated("Search", "<b>") == ("Search", "&lt;b&gt;")


def test_fixed_words_are_translated_again_when_the_languages_change(settings):
    with translation.override("en"):
        rendering.translated("Search")
    assert rendering._translated
    settings.LANGUAGES = [("en", "English"), ("de", "German")]
    assert not rendering._translated
