"""``deploy/varnish.vcl``: Debian's Varnish in front of gunicorn keeps pages and drops them by tag.

The site runs with ``NEWSROOM_SHARED_CACHE_PURGE = "varnish"`` pointed at this Varnish, and tasks run as
they are enqueued (``ImmediateBackend``, standing in for ``manage.py db_worker``), so approving a comment
sends the ``BAN`` a task worker would. Requests carry ``X-Forwarded-Proto: https``, as from the TLS
terminator in front of Varnish.
"""

import secrets
import subprocess

import pytest

from benchmarks import proxy
from tests.deploy.conftest import FORM_STATE, approve, fetch, post_comment, signed_in, start_site

pytestmark = pytest.mark.skipif(
    proxy.varnishd_binary() is None, reason="Varnish is not installed: apt-get install varnish (.ci/run does)"
)


def test_the_vcl_compiles(tmp_path):
    result = subprocess.run(
        [proxy.varnishd_binary(), "-C", "-j", "none", "-f", str(proxy.VARNISH_VCL), "-n", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def varnish(demo, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("varnish")
    port = proxy.free_port()
    settings = {
        "NEWSROOM_SHARED_CACHE_PURGE": "varnish",
        "NEWSROOM_SHARED_CACHE_VARNISH_URLS": [f"http://127.0.0.1:{port}/"],
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    }
    site = start_site(tmp, demo, settings=settings)
    vcl = proxy.render_vcl(proxy.VARNISH_VCL.read_text(), backend_port=site.port)
    process = proxy.start_varnish(vcl, run_dir=tmp / "varnish", port=port)
    yield Cached(site=site, port=port)
    proxy.stop(process)
    proxy.stop(site.process)


class Cached:
    def __init__(self, *, site, port):
        self.site, self.port = site, port

    def get(self, path, *, headers=None, **kwargs):
        # As the TLS terminator in front would send it: the public host name, and the scheme.
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https", **(headers or {})}
        return fetch(self.port, path, headers=headers, **kwargs)

    def ban(self, tags):
        return fetch(self.port, "/", method="BAN", headers={"X-Purge-Tags": tags})


def test_a_ban_drops_the_pages_that_carry_any_of_its_tags(varnish):
    pk, url = varnish.site.article(skip=4)
    varnish.get(url)
    hit = varnish.get(url)
    assert hit.header("X-Cache") == "HIT", hit.header("Cache-Control")
    assert hit.header("Surrogate-Key") is None  # the tags stay in Varnish

    # A word of another tag does not match: article-1 is not article-12.
    assert varnish.ban(f"article-{pk}0 section-999999").status == 200
    assert varnish.get(url).header("X-Cache") == "HIT"

    assert varnish.ban(f"section-999999  article-{pk} ").status == 200
    assert varnish.get(url).header("X-Cache") == "MISS"
    assert varnish.get(url).header("X-Cache") == "HIT"


def test_a_ban_needs_tags_it_can_read(varnish):
    assert varnish.ban("article-1|.*").status == 400
    assert fetch(varnish.port, "/", method="BAN").status == 400


def test_approving_a_comment_purges_its_article(varnish):
    pk, url = varnish.site.article(skip=5)
    text = f"Purged by tag {secrets.token_hex(4)}"
    post_comment(varnish.get, pk, text)
    varnish.get(url)
    assert varnish.get(url).header("X-Cache") == "HIT"

    approve(varnish.site, text)
    shown = varnish.get(url)
    assert shown.header("X-Cache") == "MISS"
    assert text in shown.text


def test_sessions_and_pending_comments_pass_and_are_not_stored(varnish):
    pk, url = varnish.site.article(skip=6)
    varnish.get(url)
    text = f"Mine alone {secrets.token_hex(4)}"
    pending_cookies = post_comment(varnish.get, pk, text)
    for cookies, shows in (
        (signed_in(varnish.site, "ada", "Ada Lovelace"), "You are commenting as Ada Lovelace."),
        (pending_cookies, text),
    ):
        response = varnish.get(url, cookies=cookies)
        assert response.header("X-Cache") == "PASS"
        assert shows in response.text
    anonymous = varnish.get(url)
    assert anonymous.header("X-Cache") == "HIT"
    assert "You are commenting as" not in anonymous.text
    assert text not in anonymous.text


def test_other_cookies_are_dropped_on_reader_pages_and_set_cookie_is_never_stored(varnish):
    pk, url = varnish.site.article(skip=4)
    varnish.get(url)
    assert varnish.get(url, cookies={"csrftoken": "x" * 32, "_ga": "GA1.1"}).header("X-Cache") == "HIT"
    path = f"/comments/form-state/?{FORM_STATE.format(pk=pk)}"
    for _ in range(2):
        response = varnish.get(path)
        assert "csrftoken" in response.cookies()
        assert response.header("X-Cache") == "PASS"


def test_a_live_entry_purges_the_cached_polls_and_the_page(varnish):
    """The demo's live story: every reader's poll is one cached answer until an editor posts the next entry."""
    pk, url, latest = varnish.site.shell("""
        from articles.models import Article
        article = Article.objects.published().get(coverage_start__isnull=False)
        print(article.pk, article.get_absolute_url(), article.live_entries.order_by("pk").last().pk)
    """).split()
    poll_url = f"/live/{pk}/entries/?after={latest}"
    for path in (url, poll_url):
        varnish.get(path)
        hit = varnish.get(path)
        assert hit.header("X-Cache") == "HIT", (path, hit.header("Cache-Control"))
    assert 'data-running="true"' in hit.text and 'data-entry="' not in hit.text

    text = f"Breaking {secrets.token_hex(4)}"
    varnish.site.shell(f"""
        from django.db import transaction
        from articles.models import Article, LiveEntry
        with transaction.atomic():
            LiveEntry.objects.create(article=Article.objects.get(pk={pk}), text="<p>{text}</p>")
    """)
    for path in (poll_url, url):
        response = varnish.get(path)
        assert response.header("X-Cache") == "MISS", path
        assert text in response.text, path
