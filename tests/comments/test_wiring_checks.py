"""System checks for what a site must wire up to use the comments app (``comments.E4xx``)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import global_settings
from django.core import checks
from django.urls import include, path

from comments.system_checks import check_app_order, check_comment_model, check_site_id, check_tasks_setting, check_urls

ROOT = Path(__file__).resolve().parents[2]

# A URLconf that mounts django-contrib-comments' own views instead of ours (used through ROOT_URLCONF).
urlpatterns = [path("comments/", include("django_comments.urls"))]


def ids(check):
    return [message.id for message in check(None)]


def test_the_sites_wiring_passes():
    assert [ids(check) for check in (check_comment_model, check_app_order, check_site_id, check_urls)] == [[]] * 4
    assert ids(check_tasks_setting) == []


@pytest.mark.parametrize("value", [None, "django_comments"])
def test_comments_app_must_be_xtd(settings, value):
    if value is None:
        del settings.COMMENTS_APP
    else:
        settings.COMMENTS_APP = value

    [error] = check_comment_model(None)

    assert (error.id, error.hint) == (
        "comments.E401",
        'Set COMMENTS_APP = "django_comments_xtd" (and COMMENTS_XTD_MODEL = "comments.models.Comment").',
    )


def test_xtd_must_hand_out_our_comment_model(settings, monkeypatch):
    from django_comments_xtd.conf import settings as xtd_settings

    del settings.COMMENTS_XTD_MODEL
    # django-comments-xtd copies the settings once per process (the test below starts a fresh one): give
    # that copy xtd's own default too.
    assert xtd_settings.COMMENTS_XTD_MODEL == "comments.models.Comment"
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_MODEL", "django_comments_xtd.models.XtdComment")

    [error] = check_comment_model(None)

    assert error.id == "comments.E402"
    assert "COMMENTS_XTD_MODEL is not set" in error.msg
    assert "django_comments_xtd.XtdComment" in error.msg
    assert error.hint == 'Set COMMENTS_XTD_MODEL = "comments.models.Comment".'


def test_manage_py_check_names_a_missing_comments_xtd_model(tmp_path):
    """In a fresh process, as a site would meet it: until now ``check`` said nothing."""
    (tmp_path / "missing_xtd_model.py").write_text(
        "from tests.plugin.settings import *  # noqa: F403\ndel COMMENTS_XTD_MODEL  # noqa: F821\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        cwd=ROOT,
        env={"PATH": "", "PYTHONPATH": f"{tmp_path}:{ROOT}", "DJANGO_SETTINGS_MODULE": "missing_xtd_model"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "comments.E402" in result.stderr


def _moved(name, *, after):
    """The installed app configs with app ``name`` moved to just after app ``after``."""
    configs = list(apps.get_app_configs())
    moved = next(config for config in configs if config.name == name)
    configs.remove(moved)
    anchor = next(index for index, config in enumerate(configs) if config.name == after)
    configs.insert(anchor + 1, moved)
    return configs


def test_xtd_must_be_ready_before_the_comments_app(monkeypatch):
    configs = _moved("comments", after="taggit")  # listed before django_comments_xtd
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)

    [error] = check_app_order(None)

    assert error.id == "comments.E403"
    assert error.hint == 'List "django_comments_xtd" before "comments" in INSTALLED_APPS.'


def test_xtd_listed_after_django_comments_is_a_warning(monkeypatch):
    configs = _moved("django_comments_xtd", after="django_comments")
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)

    [warning] = check_app_order(None)

    assert (warning.id, warning.level) == ("comments.W404", checks.WARNING)
    assert warning.hint == 'List "django_comments_xtd" before "django_comments", as django-comments-xtd asks.'


def test_mail_needs_site_id(settings):
    del settings.SITE_ID

    [error] = check_site_id(None)

    assert error.id == "comments.E405"
    assert "Set SITE_ID" in error.hint


def test_without_site_id_the_site_url_and_name_will_do(settings):
    del settings.SITE_ID
    settings.NEWSROOM_COMMENTS_SITE_URL = "https://news.example"
    settings.NEWSROOM_SITE_NAME = "The Example"

    assert ids(check_site_id) == []


def test_without_tasks_mail_runs_in_the_request(settings):
    del settings.TASKS

    [warning] = check_tasks_setting(None)

    assert (warning.id, warning.level) == ("comments.W406", checks.WARNING)
    assert "django_tasks_db.DatabaseBackend" in warning.hint


@pytest.mark.skipif(not hasattr(global_settings, "TASKS"), reason="Django before 6.0 has no TASKS default")
def test_djangos_own_tasks_default_counts_as_not_set(settings):
    settings.TASKS = global_settings.TASKS

    assert ids(check_tasks_setting) == ["comments.W406"]


def test_the_immediate_backend_named_in_tasks_is_fine(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    assert ids(check_tasks_setting) == []


def test_the_comment_urls_must_be_mounted(settings):
    settings.ROOT_URLCONF = "articles.urls"

    [error] = check_urls(None)

    assert error.id == "comments.E407"
    assert "are not mounted" in error.msg
    assert 'include("comments.urls")' in error.hint


def test_django_comments_own_post_view_is_refused(settings):
    settings.ROOT_URLCONF = __name__

    [error] = check_urls(None)

    assert error.id == "comments.E407"
    assert "django_comments.views.comments.post_comment" in error.msg


def test_the_checks_are_registered_with_their_tags(settings):
    del settings.COMMENTS_APP
    settings.ROOT_URLCONF = "articles.urls"

    assert "comments.E401" in [message.id for message in checks.run_checks(tags=[checks.Tags.compatibility])]
    assert "comments.E407" in [message.id for message in checks.run_checks(tags=[checks.Tags.urls])]
