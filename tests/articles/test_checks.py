import pytest

from articles.system_checks import check_settings


def error_ids():
    return [error.id for error in check_settings(None)]


@pytest.mark.parametrize("value", [0, 4, 20])
def test_related_count_within_range_passes(settings, value):
    settings.NEWSROOM_RELATED_COUNT = value
    assert "articles.E001" not in error_ids()


@pytest.mark.parametrize("value", [-1, 21, "4", 4.0, True, None])
def test_related_count_out_of_range_or_not_a_whole_number_fails(settings, value):
    settings.NEWSROOM_RELATED_COUNT = value
    errors = [e for e in check_settings(None) if e.id == "articles.E001"]
    assert len(errors) == 1
    assert repr(value) in errors[0].msg
    assert "whole number from 0 to 20" in errors[0].hint


def test_related_count_default_passes(settings):
    del settings.NEWSROOM_RELATED_COUNT
    assert check_settings(None) == []


@pytest.mark.parametrize("value", [0, -3, "20", False, 2.5])
def test_articles_per_page_must_be_a_positive_whole_number(settings, value):
    settings.NEWSROOM_ARTICLES_PER_PAGE = value
    assert error_ids() == ["articles.E002"]


def test_the_checks_are_registered(settings):
    from django.core import checks

    settings.NEWSROOM_RELATED_COUNT = 99
    assert "articles.E001" in [e.id for e in checks.run_checks()]


# --- What a site must wire up (articles.E02x) ---------------------------------------------------------------------


def test_the_sites_wiring_passes():
    from articles.system_checks import check_context_processors, check_taggit_installed, check_urls

    assert check_taggit_installed(None) + check_context_processors(None) + check_urls(None) == []


def test_taggit_must_be_installed(monkeypatch):
    from django.apps import apps

    from articles.system_checks import check_taggit_installed

    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != "taggit" and installed(name))

    [error] = check_taggit_installed(None)

    assert (error.id, error.hint) == ("articles.E020", 'Add "taggit" to INSTALLED_APPS.')


@pytest.mark.parametrize(
    "processor", ["articles.context_processors.site", "django.template.context_processors.request"]
)
def test_the_templates_context_processors_are_required(settings, processor):
    from articles.system_checks import check_context_processors

    engine = settings.TEMPLATES[0]
    processors = [path for path in engine["OPTIONS"]["context_processors"] if path != processor]
    settings.TEMPLATES = [{**engine, "OPTIONS": {**engine["OPTIONS"], "context_processors": processors}}]

    [error] = check_context_processors(None)

    assert error.id == "articles.E021"
    assert processor in error.msg
    assert f'Add "{processor}"' in error.hint


def test_without_django_templates_there_is_nothing_to_check(settings):
    from articles.system_checks import check_context_processors

    settings.TEMPLATES = []

    assert check_context_processors(None) == []


@pytest.mark.parametrize("urlconf", ["comments.urls", "articles.urls"])  # not mounted; mounted without its namespace
def test_the_article_urls_must_be_mounted_under_their_namespace(settings, urlconf):
    from django.core import checks

    settings.ROOT_URLCONF = urlconf

    errors = [message for message in checks.run_checks(tags=[checks.Tags.urls]) if message.id.startswith("articles.")]

    assert [error.id for error in errors] == ["articles.E022"]
    assert 'include("articles.urls")' in errors[0].hint


@pytest.mark.parametrize("image", ["articles/site-image.png", "https://cdn.example/share.png", ""])
def test_a_site_image_that_is_there_passes(settings, image):
    from articles.system_checks import check_site_image

    settings.NEWSROOM_SITE_IMAGE = image

    assert check_site_image(None) == []


def test_a_site_image_no_finder_finds_is_a_warning(settings):
    from articles.system_checks import check_site_image

    settings.NEWSROOM_SITE_IMAGE = "images/nowhere.png"

    [warning] = check_site_image(None)
    assert warning.id == "articles.W006"
    assert "images/nowhere.png" in warning.msg


def test_a_site_image_that_is_not_text_is_an_error(settings):
    from articles.system_checks import check_site_image

    settings.NEWSROOM_SITE_IMAGE = 42

    [error] = check_site_image(None)
    assert error.id == "articles.E006"


@pytest.mark.parametrize(
    ("name", "check_id"),
    [("NEWSROOM_LIVE_POLL_SECONDS", "articles.E040"), ("NEWSROOM_LIVE_ENTRIES_PER_PAGE", "articles.E041")],
)
@pytest.mark.parametrize("value", [0, 1, 100000, "15", 15.0, True, None])
def test_live_settings_must_be_whole_numbers_in_range(settings, name, check_id, value):
    from articles.system_checks import check_live_settings

    setattr(settings, name, value)
    if name == "NEWSROOM_LIVE_ENTRIES_PER_PAGE" and type(value) is int and value == 1:  # the smallest page
        assert check_live_settings(None) == []
        return
    errors = check_live_settings(None)
    assert [error.id for error in errors] == [check_id]
    assert repr(value) in errors[0].msg and name in errors[0].hint


def test_live_settings_defaults_pass():
    from articles.system_checks import check_live_settings

    assert check_live_settings(None) == []


def test_live_polls_are_cached_only_with_after_among_the_page_cache_s_parameters(settings):
    from articles.system_checks import check_live_settings

    settings.NEWSROOM_PAGE_CACHE_QUERY_PARAMS = ["page"]
    warnings = check_live_settings(None)
    assert [warning.id for warning in warnings] == ["articles.W042"]
    assert '"after"' in warnings[0].hint
    settings.NEWSROOM_PAGE_CACHE_QUERY_PARAMS = ["page", "after"]
    assert check_live_settings(None) == []


@pytest.mark.parametrize("value", [None, [], ["desk@news.example"], ("a@news.example", "b@news.example")])
def test_review_notify_takes_none_or_addresses(settings, value):
    from articles.system_checks import check_review_notify

    settings.NEWSROOM_REVIEW_NOTIFY = value
    assert check_review_notify(None) == []


@pytest.mark.parametrize("value", ["desk@news.example", ["desk"], ["@"], [None], True])
def test_review_notify_refuses_anything_else(settings, value):
    from django.core import checks

    settings.NEWSROOM_REVIEW_NOTIFY = value
    errors = [e for e in checks.run_checks() if e.id == "articles.E030"]
    assert len(errors) == 1
    assert "list of addresses" in errors[0].hint


def test_reversion_must_be_installed(monkeypatch):
    from django.apps import apps

    from articles.system_checks import check_reversion_installed

    assert check_reversion_installed(None) == []
    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != "reversion" and installed(name))

    [error] = check_reversion_installed(None)

    assert (error.id, error.hint) == ("articles.E023", 'Add "reversion" to INSTALLED_APPS and run migrate.')
