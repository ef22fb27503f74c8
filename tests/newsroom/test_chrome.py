"""The site's chrome written in Python gives its templates' markup (newsroom.chrome)."""

import shutil
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse

from newsroom import chrome
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

TEMPLATES = (chrome.HEAD_LINKS_TEMPLATE, chrome.HEADER_TEMPLATE, chrome.FOOTER_LINKS_TEMPLATE)


@pytest.fixture
def world():
    news = make_category(slug="news", name="News & <Views>")
    make_category(slug="sport", name="Sport")
    return make_category(slug="world", name="World", parent=news)


@pytest.fixture
def site_templates(settings, tmp_path):
    """A template directory that wins over the site's own (as another site's chrome would)."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return tmp_path


def pages(world):
    article = make_article(category=world, headline="Fish & <chips>")
    return ["/", world.get_absolute_url(), article.get_absolute_url(), reverse("articles:search") + "?q=fish"]


def get(client, url):
    # The comment form's timestamp and hash are the same within one frozen second.
    with time_machine.travel(datetime(2026, 5, 4, 12, 0, tzinfo=UTC), tick=False):
        return client.get(url).content.decode()


@pytest.mark.parametrize("page", range(4), ids=["home", "section", "article", "search"])
def test_the_chrome_written_in_python_is_its_templates_markup(client, settings, world, site_templates, page):
    settings.NEWSROOM_SITE_NAME = "The <Daily> & Co"
    url = pages(world)[page]
    with mock.patch.object(chrome, "_address", wraps=chrome._address) as written:
        in_python = get(client, url)
    assert written.called
    for name in TEMPLATES:
        (site_templates / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(django_settings.BASE_DIR) / "templates" / name, site_templates / name)
    settings.TEMPLATES = [{**settings.TEMPLATES[0]}]  # the template loaders look again
    with mock.patch.object(chrome, "_address") as written:
        from_templates = get(client, url)
    assert not written.called
    assert '<header class="site-header">' in in_python
    assert "News &amp; &lt;Views&gt;" in in_python
    assert "The &lt;Daily&gt; &amp; Co (RSS)" in in_python
    assert in_python == from_templates


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_site_that_overrides_a_fragment_keeps_its_markup(client, world, site_templates, name):
    (site_templates / name).parent.mkdir(parents=True, exist_ok=True)
    (site_templates / name).write_text("[The site's own {{ site_name }}]")
    html = client.get("/").content.decode()
    assert f"[The site's own {django_settings.NEWSROOM_SITE_NAME}]" in html
