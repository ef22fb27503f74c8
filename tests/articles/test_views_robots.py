from urllib.robotparser import RobotFileParser

import pytest


@pytest.mark.django_db
@pytest.mark.usefixtures("site_cached")
def test_robots_txt_points_to_both_sitemaps_and_keeps_out_of_admin_and_search(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: https://example.com/sitemap.xml" in lines
    assert "Sitemap: https://example.com/sitemap-news.xml" in lines


@pytest.mark.django_db
@pytest.mark.usefixtures("site_cached")
def test_crawlers_keep_out_of_the_comment_scripts_json_but_read_the_articles(client):
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())

    assert not robots.can_fetch("Googlebot", "/comments/form-state/?ct=newsroom_articles.article&pk=1")
    assert not robots.can_fetch("Googlebot", "/comments/mine/?ct=newsroom_articles.article&pk=1")
    assert robots.can_fetch("Googlebot", "/news/world/some-headline/")
    assert robots.can_fetch("Googlebot", "/comments/privacy/")
