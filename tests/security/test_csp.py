"""The Content Security Policy: strict everywhere; the admin's prose editor runs by nonce, not 'unsafe-inline'."""

import re

import pytest

from tests.factories import make_article, make_user
from tests.security.test_headers import load_settings, parse_csp


@pytest.mark.django_db
def test_the_prose_editor_import_map_carries_the_policy_nonce(client):
    client.force_login(make_user(groups=["Editors"]))
    article = make_article()
    response = client.get(f"/admin/newsroom_articles/article/{article.pk}/change/")
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", parse_csp(response["Content-Security-Policy"])["script-src"]).group(1)
    html = response.content.decode()
    importmaps = re.findall(r'<script type="importmap"([^>]*)>', html)
    assert importmaps, "the prose editor's import map is missing"
    assert all(f'nonce="{nonce}"' in attrs for attrs in importmaps)
    # Every inline script (not a data block) carries the nonce; nothing else runs inline.
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        if body.strip() and 'type="application/json"' not in attrs and "application/ld+json" not in attrs:
            assert f'nonce="{nonce}"' in attrs, attrs


@pytest.mark.django_db
def test_each_request_gets_a_new_nonce(client):
    client.force_login(make_user(groups=["Editors"]))
    first = client.get("/admin/newsroom_articles/article/add/")["Content-Security-Policy"]
    second = client.get("/admin/newsroom_articles/article/add/")["Content-Security-Policy"]
    assert "'nonce-" in first and first != second


def test_recaptcha_keys_open_the_policy_to_google_recaptcha_only():
    without = load_settings()["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert not any("google" in str(source) for sources in without.values() for source in sources)
    with_keys = load_settings(RECAPTCHA_PUBLIC_KEY="site-key")["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "https://www.google.com/recaptcha/" in with_keys["script-src"]
    assert "https://www.gstatic.com/recaptcha/" in with_keys["script-src"]
    assert "https://www.google.com/recaptcha/" in with_keys["frame-src"]
    assert "'unsafe-inline'" not in with_keys["script-src"]
    assert with_keys["default-src"] == ["'self'"]
