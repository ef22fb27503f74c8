"""Links that leave the request (feeds, sitemaps, robots.txt, mail) name one public origin, whatever host asked."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core import checks

from articles.origin import public_origin, public_url
from articles.system_checks import check_settings
from tests.factories import make_article, make_author, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_at():
    def move(domain):
        Site.objects.filter(pk=1).update(domain=domain)
        Site.objects.clear_cache()

    yield move
    Site.objects.clear_cache()


@pytest.mark.parametrize(
    ("domain", "origin"),
    [
        ("news.example", "https://news.example"),
        ("127.0.0.1:8821", "http://127.0.0.1:8821"),
        ("localhost:8000", "http://localhost:8000"),
        ("[::1]:8000", "http://[::1]:8000"),
        ("127.0.0.1.news.example", "https://127.0.0.1.news.example"),
    ],
)
def test_the_origin_is_the_sites_domain_with_plain_http_only_on_loopback(served_at, domain, origin):
    served_at(domain)
    assert public_origin() == origin
    assert public_url("/news/") == origin + "/news/"


def test_a_setting_names_the_origin_outright(served_at, settings):
    served_at("127.0.0.1:8000")
    settings.NEWSROOM_PUBLIC_URL = "https://news.example/"
    assert public_url("/news/") == "https://news.example/news/"


@pytest.mark.parametrize("value", ["news.example", "https://news.example/path/", "ftp://news.example", 42])
def test_a_setting_that_is_not_an_origin_is_refused(settings, value):
    settings.NEWSROOM_PUBLIC_URL = value
    assert [e.id for e in check_settings(None) if isinstance(e, checks.Error)] == ["articles.E005"]


def test_feeds_sitemaps_and_robots_agree_whatever_host_asked(client, served_at, settings):
    """The server answers on another name (a proxy's, a health check's): every link still names the Site."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    make_article(headline="A story", category=make_category(slug="news"), authors=[make_author(slug="ada")])
    served_at("127.0.0.1:8821")
    host = {"HTTP_HOST": "localhost:9999"}
    robots = client.get("/robots.txt", **host).content.decode()
    sitemap = client.get("/sitemap.xml", **host).content.decode()
    sitemap += client.get("/sitemap-articles.xml", **host).content.decode()
    rss = client.get("/feeds/rss/", **host).content.decode()
    atom = client.get("/feeds/atom/", **host).content.decode()

    assert re.findall(r"Sitemap: (\S+)", robots) == [
        "http://127.0.0.1:8821/sitemap.xml",
        "http://127.0.0.1:8821/sitemap-news.xml",
    ]
    for document in (sitemap, rss, atom):
        hosts = set(re.findall(r"https?://(?:127\.0\.0\.1|localhost)[^/<\"]*", document))
        assert hosts == {"http://127.0.0.1:8821"}, document
    assert '<atom:link href="http://127.0.0.1:8821/feeds/rss/" rel="self"' in rss
    assert '<link href="http://127.0.0.1:8821/feeds/atom/" rel="self"' in atom


def test_robots_txt_costs_a_query_only_until_the_site_is_cached(client, django_assert_num_queries):
    Site.objects.clear_cache()
    with django_assert_num_queries(1):
        client.get("/robots.txt")
    with django_assert_num_queries(0):
        client.get("/robots.txt")


def test_mail_links_name_the_same_origin(served_at):
    from comments.posting import confirmation_message

    served_at("127.0.0.1:8821")
    article = make_article(headline="A story")
    message = confirmation_message(
        {"comment": "A thought.", "user_email": "ann@example.org"},
        target=article,
        key="k3y",
        site=Site.objects.get_current(),
    )
    assert "http://127.0.0.1:8821/comments/" in message.body
