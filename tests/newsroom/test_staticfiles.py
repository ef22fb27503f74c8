import json
from unittest import mock

import pytest

from newsroom.staticfiles import ManifestStaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0123abcd.css"}})
    )
    return ManifestStaticFilesStorage(location=tmp_path, base_url="/static/")


def test_the_hashed_address_is_worked_out_once(storage):
    with mock.patch.object(storage, "stored_name", wraps=storage.stored_name) as stored_name:
        assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
        assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert stored_name.call_count == 1


def test_debug_still_links_the_plain_name(storage, settings):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    settings.DEBUG = True
    assert storage.url("css/site.css") == "/static/css/site.css"


def test_a_file_missing_from_the_manifest_still_fails_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/gone.css")
