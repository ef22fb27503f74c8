"""``deploy/nginx.conf``: Debian's nginx in front of gunicorn, as shipped, keeps what the app lets it keep.

The site runs as with ``NEWSROOM_SHARED_CACHE_PURGE = "nginx"`` (nginx cannot purge by tag, so pages are
kept briefly), with the shared cache's ``s-maxage`` at 1 s: a comment approved shows within 2 s. nginx
listens over TLS with a self-signed certificate, as the shipped file does with a real one.
"""

import functools
import json
import re
import secrets
import time

import pytest

from benchmarks import proxy
from tests.deploy.conftest import FORM_STATE, approve, fetch, poll, post_comment, signed_in, start_site

pytestmark = pytest.mark.skipif(
    proxy.nginx_binary() is None, reason="nginx is not installed: apt-get install nginx-light (.ci/run does)"
)

SHARED_CACHE_SECONDS = 1


@pytest.fixture(scope="module")
def nginx(demo, tmp_path_factory):
    """gunicorn with the nginx purge backend, and nginx running deploy/nginx.conf in front of it."""
    tmp = tmp_path_factory.mktemp("nginx")
    site = start_site(
        tmp,
        demo,
        settings={
            "NEWSROOM_SHARED_CACHE_PURGE": "nginx",
            "NEWSROOM_SHARED_CACHE_SECONDS": SHARED_CACHE_SECONDS,
            "ROOT_URLCONF": "tests.deploy.urls",  # plus a public page that sets a cookie
        },
    )
    run = tmp / "nginx"
    run.mkdir()
    cert, key = proxy.make_certificate(run)
    https_port, http_port = proxy.free_port(), proxy.free_port()
    conf = proxy.render(
        proxy.NGINX_CONF.read_text(),
        run_dir=run,
        https_port=https_port,
        http_port=http_port,
        upstream=f"127.0.0.1:{site.port}",
        static_root=demo.static_root,
        media_root=demo.media_root,
        cert=cert,
        key=key,
    )
    process = proxy.start_nginx(conf, run_dir=run, port=https_port)
    yield Proxied(site=site, port=https_port, http_port=http_port, run=run)
    proxy.stop(process)
    proxy.stop(site.process)


def kept(proxied, url, *, attempts=10):
    """The page at ``url`` as nginx answers it from its cache.

    The site's pages say ``s-maxage=1``: on a busy machine the request after the one that stored a page can
    come more than a second later and find it stale (``STALE``, or ``UPDATING`` while nginx refreshes it in
    the background, which may itself take a while). Such a pair is tried again. A pair whose first request
    fetched the page itself (``MISS``, ``EXPIRED``: stored by the time it answered) and whose second came
    within the second and still missed is a failure.
    """
    seen = []
    for _ in range(attempts):
        first = proxied.get(url)
        answered = time.monotonic()
        second = proxied.get(url)
        took = time.monotonic() - answered
        seen.append((first.header("X-Cache-Status"), second.header("X-Cache-Status"), round(took, 2)))
        if second.header("X-Cache-Status") == "HIT":
            return second
        if first.header("X-Cache-Status") in {"MISS", "EXPIRED"} and took < SHARED_CACHE_SECONDS:
            break  # stored by the first, asked again within s-maxage, and still not kept
        time.sleep(0.2)  # a refresh in the background may still be under way
    pytest.fail(f"nginx did not keep {url}: (first, second, seconds after the first) {seen}")


def without_form_stamp(html):
    return re.sub(r'name="(timestamp|security_hash)" value="[^"]*"', r'name="\1" value=""', html)


class Proxied:
    def __init__(self, *, site, port, http_port, run):
        self.site, self.port, self.http_port, self.run = site, port, http_port, run
        self.get = functools.partial(fetch, port, https=True)

    def cached_files(self):
        return [path for path in (self.run / "cache").rglob("*") if path.is_file()]


def test_a_second_anonymous_request_is_a_hit(nginx):
    _, url = nginx.site.article(skip=0)
    first = nginx.get(url)
    second = kept(nginx, url)
    assert first.status == second.status == 200
    # The same page, but for the form's anti-forgery stamp: on a busy machine nginx may have refreshed it
    # from the app in between (its s-maxage is a second), and each rendering stamps the form afresh.
    assert without_form_stamp(second.text) == without_form_stamp(first.text)
    # nginx reads s-maxage though max-age says 0: browsers revalidate, nginx keeps the page.
    assert f"s-maxage={SHARED_CACHE_SECONDS}" in second.header("Cache-Control")
    assert "max-age=0" in second.header("Cache-Control")
    # The tags are for a cache that purges by them, not for readers.
    assert second.header("Surrogate-Key") is None
    assert second.header("Cache-Tag") is None


def test_an_approved_comment_shows_within_two_seconds(nginx):
    pk, url = nginx.site.article(skip=1)
    text = f"Approved through the proxy {secrets.token_hex(4)}"
    post_comment(nginx.get, pk, text)
    before = kept(nginx, url)
    assert text not in before.text

    approve(nginx.site, text)
    took = poll(lambda: text in nginx.get(url).text, within=2)
    assert took is not None, "the approved comment did not show through nginx within 2 s"


def test_a_signed_in_reader_gets_their_own_page_and_nobody_else_gets_it(nginx):
    _, url = nginx.site.article(skip=2)
    kept(nginx, url)  # an anonymous page is in the cache

    for username, name in (("ada", "Ada Lovelace"), ("grace", "Grace Hopper")):
        response = nginx.get(url, cookies=signed_in(nginx.site, username, name))
        assert response.status == 200
        assert response.header("X-Cache-Status") == "BYPASS"
        assert f"You are commenting as {name}." in response.text
        assert "private" in response.header("Cache-Control")
        other = "Grace Hopper" if name == "Ada Lovelace" else "Ada Lovelace"
        assert other not in response.text

    anonymous = nginx.get(url)
    assert anonymous.header("X-Cache-Status") in {"HIT", "MISS", "EXPIRED", "STALE", "UPDATING", "REVALIDATED"}
    assert "You are commenting as" not in anonymous.text
    assert not any(name.encode() in path.read_bytes() for path in nginx.cached_files() for name in ("Ada", "Grace"))


def test_a_commenter_with_a_pending_comment_sees_it_and_nobody_else_does(nginx):
    pk, url = nginx.site.article(skip=3)
    nginx.get(url)
    mine, theirs = f"Held for review {secrets.token_hex(4)}", f"Also held {secrets.token_hex(4)}"
    my_cookies = post_comment(nginx.get, pk, mine, name="Sam Writer")
    their_cookies = post_comment(nginx.get, pk, theirs, name="Kim Writer")
    assert "newsroom_pending" in my_cookies

    for cookies, own, other in ((my_cookies, mine, theirs), (their_cookies, theirs, mine)):
        response = nginx.get(url, cookies=cookies)
        assert response.header("X-Cache-Status") == "BYPASS"
        assert own in response.text
        assert other not in response.text

    for anonymous in (nginx.get(url), kept(nginx, url)):
        assert mine not in anonymous.text
        assert theirs not in anonymous.text


def test_credentials_bypass_the_cache(nginx):
    _, url = nginx.site.article(skip=0)
    response = nginx.get(url, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.header("X-Cache-Status") == "BYPASS"


def test_a_response_that_sets_a_cookie_is_never_cached(nginx):
    pk, url = nginx.site.article(skip=0)
    # A page nginx keeps, stored by this test itself: what earlier tests left may have been replaced meanwhile
    # (their pages say s-maxage=1).
    assert [nginx.get(url).status for _ in range(2)] == [200, 200]
    responses = [nginx.get(f"/comments/form-state/?{FORM_STATE.format(pk=pk)}") for _ in range(2)]
    for response in responses:
        assert response.status == 200
        assert "csrftoken" in response.cookies()
        assert response.header("X-Cache-Status") in {"MISS", "BYPASS", None}
    # Nothing nginx stored (the pages of the other tests) carries a cookie.
    stored = nginx.cached_files()
    assert stored
    assert not any(re.search(rb"(?im)^set-cookie:", path.read_bytes()) for path in stored)


def test_nginx_itself_never_stores_a_response_that_sets_a_cookie(nginx):
    # The same public page without a cookie is kept (so the page is one nginx would store) ...
    plain = [nginx.get("/_deploy-test/public/") for _ in range(2)]
    assert [r.header("X-Cache-Status") for r in plain] == ["MISS", "HIT"]
    assert plain[0].text == plain[1].text
    # ... and with one it is not, though it says public, s-maxage=60: each reader gets their own answer.
    with_cookie = [nginx.get("/_deploy-test/public/?cookie") for _ in range(2)]
    assert [r.header("X-Cache-Status") for r in with_cookie] == ["MISS", "MISS"]
    assert with_cookie[0].cookies()["visitor"] != with_cookie[1].cookies()["visitor"]
    assert with_cookie[0].text != with_cookie[1].text


def test_static_files_come_from_nginx_with_long_lifetimes(nginx, demo):
    manifest = json.loads((demo.static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    response = nginx.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("X-Cache-Status") is None  # not proxied
    assert response.header("X-Frame-Options") is None  # nor answered by Django (whitenoise)


def test_plain_http_is_redirected_and_unknown_hosts_get_nothing(nginx):
    response = fetch(nginx.http_port, "/some/page/?x=1")
    assert response.status == 301
    assert response.header("Location") == "https://localhost/some/page/?x=1"
    with pytest.raises((ConnectionError, OSError)):
        fetch(nginx.http_port, "/", headers={"Host": "cache-poisoner.example"})
