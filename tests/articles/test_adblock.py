"""The adblock notice: SiteSettings, its admin page, and the ``{% adblock_notice %}`` tag."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import RequestFactory

from articles.models import SiteSettings
from tests.factories import make_user

TAG = Template("{% load adblock %}{% adblock_notice %}")


def render(user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return TAG.render(Context({"request": request}))


@pytest.mark.django_db
class TestSiteSettings:
    def test_load_gives_defaults_before_anyone_saves(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            site_settings = SiteSettings.load()
        assert site_settings.adblock_notice_enabled
        assert site_settings.adblock_notice_heading == "Adblock detected"
        assert "support" in site_settings.adblock_notice_text
        assert SiteSettings.objects.count() == 0

    def test_load_is_cached_and_save_refreshes_it(self, django_assert_num_queries):
        SiteSettings.load()
        with django_assert_num_queries(0):
            SiteSettings.load()
        SiteSettings(adblock_notice_heading="Please support us").save()
        assert SiteSettings.load().adblock_notice_heading == "Please support us"

    def test_there_is_only_ever_one_row(self):
        SiteSettings(adblock_notice_heading="One").save()
        SiteSettings(adblock_notice_heading="Two").save()
        assert list(SiteSettings.objects.values_list("pk", "adblock_notice_heading")) == [(1, "Two")]


@pytest.mark.django_db
class TestAdblockNoticeTag:
    def test_renders_a_closed_hidden_dialog_with_the_settings(self):
        SiteSettings(
            adblock_notice_delay_seconds=4, adblock_notice_frequency="days", adblock_notice_every_days=2
        ).save()
        html = render()
        assert '<dialog class="adblock-notice" id="adblock-notice"' in html
        assert " hidden" in html and " open" not in html
        assert 'data-delay-seconds="4"' in html
        assert 'data-frequency="days"' in html
        assert 'data-every-days="2"' in html
        assert "Adblock detected" in html
        assert "/static/articles/ads.js" in html and "/static/articles/adblock.js" in html

    def test_escapes_what_editors_type(self):
        SiteSettings(adblock_notice_heading="<b>Hi</b>", adblock_notice_text="One <script>x</script>\n\nTwo").save()
        html = render()
        assert "<b>Hi</b>" not in html and "&lt;b&gt;Hi&lt;/b&gt;" in html
        assert "<script>x" not in html
        assert "<p>One &lt;script&gt;x&lt;/script&gt;</p>\n\n<p>Two</p>" in html

    def test_nothing_for_staff(self):
        assert render(make_user(is_staff=True)).strip() == ""

    def test_signed_in_readers_who_are_not_staff_still_get_it(self):
        assert "adblock-notice" in render(make_user(is_staff=False))

    def test_nothing_when_switched_off(self):
        SiteSettings(adblock_notice_enabled=False).save()
        assert render().strip() == ""

    def test_costs_one_query_then_none(self, django_assert_num_queries):
        # 1 the site settings row (SiteSettings.load); afterwards it comes from the cache.
        with django_assert_num_queries(1):
            render()
        with django_assert_num_queries(0):
            render()

    def test_costs_the_same_with_ten_renders_and_a_saved_row(self, django_assert_num_queries):
        SiteSettings().save()
        # 1 the site settings row, once for all ten pages.
        with django_assert_num_queries(1):
            for _ in range(10):
                render()


@pytest.mark.django_db
class TestSiteSettingsAdmin:
    URL = "/admin/newsroom_articles/sitesettings/"

    def test_the_list_goes_straight_to_the_one_form(self, client):
        client.force_login(make_user(groups=["Editors"]))
        response = client.get(self.URL)
        assert response.status_code == 302
        assert response["Location"] == "/admin/newsroom_articles/sitesettings/1/change/"
        assert client.get(response["Location"]).status_code == 200

    def test_editors_change_it(self, client):
        client.force_login(make_user(groups=["Editors"]))
        client.get(self.URL)
        response = client.post(
            "/admin/newsroom_articles/sitesettings/1/change/",
            {
                "adblock_notice_enabled": "",
                "adblock_notice_heading": "Ads keep us going",
                "adblock_notice_text": "Please.",
                "adblock_notice_delay_seconds": "2",
                "adblock_notice_frequency": "days",
                "adblock_notice_every_days": "5",
            },
        )
        assert response.status_code == 302
        site_settings = SiteSettings.load()
        assert not site_settings.adblock_notice_enabled
        assert site_settings.adblock_notice_heading == "Ads keep us going"
        assert site_settings.adblock_notice_every_days == 5

    @pytest.mark.parametrize("group", ["Writers", "Moderators"])
    def test_writers_and_moderators_may_not(self, client, group):
        client.force_login(make_user(groups=[group]))
        assert client.get(self.URL).status_code == 403
        assert client.get("/admin/newsroom_articles/sitesettings/1/change/").status_code == 403

    def test_nobody_adds_or_deletes(self, client):
        client.force_login(make_user(is_superuser=True))
        assert client.get("/admin/newsroom_articles/sitesettings/add/").status_code == 403
        client.get(self.URL)
        assert client.get("/admin/newsroom_articles/sitesettings/1/delete/").status_code == 403


def test_the_bait_and_the_detector_are_our_own_static_files():
    bait = Path(finders.find("articles/ads.js")).read_text()
    assert "window.newsroomAdsLoaded = true" in bait
    detector = Path(finders.find("articles/adblock.js")).read_text()
    assert "://" not in detector, "the detector must not contact any other site"
    assert "sessionStorage" in detector and "localStorage" in detector
