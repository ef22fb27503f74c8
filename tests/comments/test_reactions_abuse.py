"""Issue 11, item 2: one person cannot hide a comment or inflate its likes (and item 11: the confirmation page).

A reader is an account or a cookie, but a cookie is free to make up: the
client's address and network (/24, /48) decide what counts. Reports carry a
reason; a comment a moderator kept despite reports stays published.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from comments import reactions, status
from comments.models import Comment, CommentEvent, CommentReport
from comments.system_checks import check_reader_settings
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

PENDING, APPROVED = Comment.Status.PENDING, Comment.Status.APPROVED
JSON = {"HTTP_ACCEPT": "application/json"}
NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def comment():
    return make_comment(make_article(slug="talks"))


def report_from(comment, address, *, reason="abuse", details="", cookie=None, **headers):
    """One browser's report: a fresh client (no cookie unless given) at ``address``."""
    browser = Client(REMOTE_ADDR=address)
    if cookie:
        browser.cookies["newsroom_reader"] = cookie
    data = {"reason": reason, "details": details}
    return browser.post(f"/comments/{comment.pk}/report/", data, **headers)


def like_from(comment, address, *, cookie=None):
    browser = Client(REMOTE_ADDR=address)
    if cookie:
        browser.cookies["newsroom_reader"] = cookie
    return browser.post(f"/comments/{comment.pk}/like/", **JSON)


def stored(comment):
    return Comment.objects.get(pk=comment.pk)


def hide(comment, networks=("198.51.100.7", "203.0.113.7", "192.0.2.7")):
    for address in networks:
        report_from(comment, address)
    assert stored(comment).status == PENDING


# Reports ---------------------------------------------------------------------------------------


def test_three_cookieless_reports_from_one_address_are_one_report(comment):
    for _ in range(3):
        assert report_from(comment, "198.51.100.7").status_code == 302

    assert stored(comment).status == APPROVED
    assert CommentReport.objects.filter(comment=comment).count() == 1
    assert stored(comment).report_count == 1


def test_made_up_cookies_from_one_network_count_as_one_reporter(comment):
    responses = [
        report_from(comment, f"198.51.100.{n}", cookie=f"invented-{n}", **JSON).json()["counted"] for n in range(5)
    ]

    assert responses == [True, False, False, False, False]
    assert stored(comment).status == APPROVED
    # Every report is kept for the moderators, but only one counted toward hiding.
    assert CommentReport.objects.filter(comment=comment).count() == 5


def test_ipv6_reporters_in_one_48_are_one_network(comment):
    for address in ("2001:db8:1::1", "2001:db8:1:ff::2", "2001:db8:1:1234::3"):
        report_from(comment, address)

    assert stored(comment).status == APPROVED


def test_reports_from_three_networks_hold_the_comment_and_say_why(comment):
    report_from(comment, "198.51.100.7", reason="spam")
    report_from(comment, "2001:db8:7::1", reason="spam")
    report_from(comment, "203.0.113.7", reason="other", details="  Advertises   a casino ")

    assert stored(comment).status == PENDING
    event = CommentEvent.objects.filter(comment=comment).latest("pk")
    assert (event.actor_label, event.to_status) == ("readers", PENDING)
    assert event.reason == "reported from 3 networks: Spam or advertising ×2, Something else ×1"
    assert sorted(CommentReport.objects.values_list("reason", "details")) == [
        ("other", "Advertises a casino"),
        ("spam", ""),
        ("spam", ""),
    ]


def test_only_reports_within_the_window_add_up(comment, settings):
    settings.NEWSROOM_COMMENTS_REPORT_WINDOW = 3600
    with time_machine.travel(NOW, tick=False) as traveller:
        report_from(comment, "198.51.100.7")
        traveller.shift(timedelta(minutes=50))
        report_from(comment, "203.0.113.7")
        traveller.shift(timedelta(minutes=20))  # the first report is now more than an hour old
        report_from(comment, "192.0.2.7")
        assert stored(comment).status == APPROVED

        report_from(comment, "2001:db8:7::1")  # three networks within the hour
        assert stored(comment).status == PENDING


def test_a_comment_a_moderator_approved_after_reports_stays_up_and_is_listed_as_reported(comment, moderator):
    hide(comment)
    status.change_status(stored(comment), APPROVED, by=moderator)

    report_from(comment, "2001:db8:9::1", reason="misinformation")
    for n in range(3):  # even a new wave from new networks only queues it
        report_from(comment, f"10.{n}.0.1", reason="abuse")

    assert stored(comment).status == APPROVED
    admin = Client()
    admin.force_login(moderator)
    response = admin.get(reverse("admin:newsroom_comments_comment_changelist"), {"status": "reported"})
    assert [c.pk for c in response.context["cl"].result_list] == [comment.pk]
    html = response.content.decode()
    assert "4 open reports" in html  # the three seen before the approval no longer count
    assert "Abuse or harassment ×3" in html and "Misinformation ×1" in html
    tabs = {label: count for label, count, url, current in response.context["status_tabs"]}
    assert tabs["Reported"] == 1


def test_keep_closes_the_open_reports(comment, moderator):
    report_from(comment, "198.51.100.7", reason="other", details="I disagree")
    admin = Client()
    admin.force_login(moderator)

    listed = admin.get(reverse("admin:newsroom_comments_comment_changelist"), {"status": "reported"})
    assert "I disagree" in listed.content.decode()
    keep_url = reverse("admin:newsroom_comments_comment_moderate", args=[comment.pk, "keep"])
    assert keep_url in listed.content.decode()
    admin.post(keep_url)

    assert stored(comment).reports_reviewed_at is not None
    assert not Comment.objects.reported().exists()
    event = CommentEvent.objects.filter(comment=comment).latest("pk")
    assert (event.actor_label, event.reason) == ("mia", "kept despite 1 report(s)")
    for n in range(3):
        report_from(comment, f"10.{n}.0.1")
    assert stored(comment).status == APPROVED


@pytest.mark.parametrize("published_again_by", ["moderator", "spam filter"])
def test_moderators_get_one_mail_per_comment_about_reports(comment, moderator, commit, published_again_by):
    with commit():
        hide(comment)
    assert [m.to for m in mail.outbox] == [["mia@news.example"]]

    with commit():
        if published_again_by == "moderator":
            status.change_status(stored(comment), APPROVED, by=moderator)
        else:  # "check again" in the queue: the spam filter publishes it, no person approved it
            status.change_status(stored(comment), APPROVED, by_label=status.SPAM_FILTER_LABEL)
        for n in range(3):
            report_from(comment, f"10.{n}.0.1")

    assert stored(comment).status == APPROVED
    assert len(mail.outbox) == 1


def test_the_mail_says_why_readers_reported_it(comment, moderator, commit):
    with commit():
        report_from(comment, "198.51.100.7", reason="spam")
        report_from(comment, "203.0.113.7", reason="abuse")
        report_from(comment, "192.0.2.7", reason="abuse")

    body = mail.outbox[0].body
    assert "Readers reported it as:\n  - Abuse or harassment ×2\n  - Spam or advertising ×1" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Please choose why you are reporting this comment."),
        ({"reason": "boring"}, "Please choose why you are reporting this comment."),
        ({"reason": "other", "details": "   "}, "Please say in a few words what is wrong with this comment."),
        ({"reason": "spam", "details": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_report_needs_a_known_reason(client, comment, data, message):
    response = client.post(f"/comments/{comment.pk}/report/", data)
    as_json = client.post(f"/comments/{comment.pk}/report/", data, **JSON)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'type="radio" name="reason"' in response.content.decode()  # the form again, to fix it
    assert as_json.status_code == 400 and message in as_json.json()["error"]
    assert not CommentReport.objects.exists()


def test_the_report_page_offers_the_reasons(client, comment):
    html = client.get(f"/comments/{comment.pk}/report/").content.decode()

    for value in ("spam", "abuse", "off_topic", "misinformation", "other"):
        assert f'type="radio" name="reason" value="{value}"' in html
    assert "Abuse or harassment" in html and 'name="details"' in html


def test_without_script_the_article_links_to_the_report_page(client, comment):
    html = client.get(comment.content_object.get_absolute_url()).content.decode()

    assert f'href="/comments/{comment.pk}/report/"' in html
    assert f'action="/comments/{comment.pk}/report/"' not in html  # no reason-less one-click report


# Likes -----------------------------------------------------------------------------------------


def test_ten_likes_from_one_client_count_once(comment):
    for _ in range(10):
        like_from(comment, "198.51.100.7")

    assert stored(comment).like_count == 1


def test_likes_from_one_network_are_capped(comment, settings):
    settings.NEWSROOM_COMMENTS_LIKES_PER_NETWORK = 3
    counted = [like_from(comment, f"198.51.100.{n}", cookie=f"invented-{n}").json()["counted"] for n in range(6)]
    other_network = like_from(comment, "203.0.113.7").json()

    assert counted == [True, True, True, False, False, False]
    assert other_network == {"liked": True, "counted": True, "like_count": 4}


def test_a_browser_that_keeps_the_cookie_still_likes_once(client, comment):
    client.defaults["REMOTE_ADDR"] = "198.51.100.7"
    first = client.post(f"/comments/{comment.pk}/like/", **JSON)  # no cookie yet: one is set
    again = client.post(f"/comments/{comment.pk}/like/", **JSON)  # with it

    assert "newsroom_reader" in first.cookies
    assert (first.json()["counted"], again.json()["counted"]) == (True, False)


def test_keys_are_hashes_not_addresses(comment):
    like_from(comment, "198.51.100.7")
    report_from(comment, "198.51.100.7")

    for row in [*comment.reactions.all(), *comment.reports.all()]:
        for key in (row.reader_key, row.address_key, row.network_key):
            assert len(key) == 64 and "198.51" not in key


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("198.51.100.7", "198.51.100.0/24"),
        ("::ffff:198.51.100.7", "198.51.100.0/24"),
        ("2001:db8:1:2::3", "2001:db8:1::/48"),
        ("not an address", ""),
        ("", ""),
    ],
)
def test_network_of(address, network):
    assert reactions.network_of(address) == network


# The confirmation page (item 11) ---------------------------------------------------------------


@pytest.mark.parametrize("action", ["like", "report"])
def test_the_confirmation_page_is_never_cached(client, comment, action):
    response = client.get(f"/comments/{comment.pk}/{action}/")
    refused = Client(enforce_csrf_checks=True).post(f"/comments/{comment.pk}/{action}/", {"reason": "spam"})

    for page in (response, refused):
        directives = {part.strip() for part in page["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
    assert (response.status_code, refused.status_code) == (200, 403)


def test_a_refused_report_keeps_the_chosen_reason(comment):
    refused = Client(enforce_csrf_checks=True).post(f"/comments/{comment.pk}/report/", {"reason": "off_topic"})

    assert refused.status_code == 403
    assert 'value="off_topic" required checked' in refused.content.decode()


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        ({"reason": "other", "details": "  "}, 'value="other" required checked'),
        ({"reason": "abuse", "details": "Names a neighbour " + "x" * 190}, 'value="Names a neighbour xxxx'),
    ],
)
def test_a_report_refused_without_script_keeps_what_the_reader_chose_and_typed(client, comment, data, kept):
    refused = client.post(f"/comments/{comment.pk}/report/", data)

    assert refused.status_code == 400
    html = refused.content.decode()
    assert kept in html
    assert f'value="{data["reason"]}" required checked' in html


# Settings --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("NEWSROOM_COMMENTS_REPORT_WINDOW", 0, "comments.E013"),
        ("NEWSROOM_COMMENTS_REPORT_WINDOW", "1 day", "comments.E013"),
        ("NEWSROOM_COMMENTS_LIKES_PER_NETWORK", 0, "comments.E014"),
    ],
)
def test_bad_reaction_settings_are_reported(settings, name, value, check_id):
    setattr(settings, name, value)

    assert [e.id for e in check_reader_settings(None)] == [check_id]


def test_the_reported_view_costs_the_same_number_of_queries_with_more_comments(moderator, django_assert_num_queries):
    # 1 session, 2 user, 3-4 the moderator's permissions (user, groups),
    # 5 counts per status and of reported comments (also the page's total),
    # 6 the page of comments with "approved before" and open reports counted,
    # 7 their articles, 8 their open reports, 9-10 the article filter's recent articles and headlines.
    admin = Client()
    admin.force_login(moderator)
    url = reverse("admin:newsroom_comments_comment_changelist")

    def add(n):
        for i in range(n):
            reported = make_comment(make_article())
            report_from(reported, f"10.0.{i}.1", reason="other", details=f"words {i}")

    add(3)
    admin.get(url, {"status": "reported"})  # warm the content-type cache
    with django_assert_num_queries(10):
        assert admin.get(url, {"status": "reported"}).status_code == 200
    add(10)
    with django_assert_num_queries(10):
        response = admin.get(url, {"status": "reported"})
    assert len(response.context["cl"].result_list) == 13
