"""The site-wide announcement above every comment thread: only within its window, on cached pages too."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from articles import prepared
from comments import announcements
from comments.models import Announcement
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

TEXT = "Comments are moderated slowly this weekend: <thank you> for your patience."
SECTION = Template("{% load newsroom_comments %}{% comment_section article %}")
SHOWN = "Comments are moderated slowly this weekend: &lt;thank you&gt; for your patience."


def announce(*, starts_in, lasts, text=TEXT):
    now = timezone.now()
    return Announcement.objects.create(text=text, starts_at=now + starts_in, ends_at=now + starts_in + lasts)


def _state(response):
    return response["X-Page-Cache"]


def test_only_announcements_within_their_window_are_current():
    running = announce(starts_in=timedelta(minutes=-5), lasts=timedelta(hours=1))
    announce(starts_in=timedelta(minutes=10), lasts=timedelta(hours=1), text="Later")
    announce(starts_in=timedelta(hours=-2), lasts=timedelta(hours=1), text="Over")

    assert announcements.current() == [running]


def test_the_next_change_is_the_soonest_start_or_end():
    now = timezone.now()
    assert announcements.next_change() is None
    first = announce(starts_in=timedelta(minutes=-5), lasts=timedelta(minutes=30))
    later = announce(starts_in=timedelta(minutes=10), lasts=timedelta(hours=1))

    assert announcements.next_change() == later.starts_at
    with time_machine.travel(now + timedelta(minutes=20), tick=False):
        assert announcements.next_change() == first.ends_at


def test_the_announcement_shows_above_the_thread_escaped(client):
    article = make_article()
    make_comment(article, text="A first comment.")
    announce(starts_in=timedelta(minutes=-1), lasts=timedelta(hours=1))

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count(SHOWN) == 1
    assert html.index(SHOWN) < html.index("A first comment.")
    assert 'class="nr-announcement" role="note"' in html


def test_no_announcement_before_or_after_its_window(client):
    article = make_article()
    announce(starts_in=timedelta(minutes=10), lasts=timedelta(hours=1))
    announce(starts_in=timedelta(hours=-2), lasts=timedelta(hours=1))

    assert "nr-announcement" not in client.get(article.get_absolute_url()).content.decode()


def test_an_announcement_must_end_after_it_starts():
    now = timezone.now()
    with pytest.raises(ValidationError):
        Announcement(text="Backwards", starts_at=now, ends_at=now).full_clean()


# The page cache --------------------------------------------------------------------------------


def test_a_cached_page_shows_the_announcement_at_its_start_and_drops_it_at_its_end(client, local_page_cache, db_clock):
    article = make_article()
    url = article.get_absolute_url()
    starts = timezone.now() + timedelta(minutes=10)
    Announcement.objects.create(text=TEXT, starts_at=starts, ends_at=starts + timedelta(hours=1))
    with time_machine.travel(starts - timedelta(minutes=1), tick=False) as traveller:
        assert SHOWN not in client.get(url).content.decode()
        assert _state(client.get(url)) == "hit"
        traveller.move_to(starts + timedelta(seconds=1))
        page = client.get(url)
        assert (_state(page), SHOWN in page.content.decode()) == ("miss", True)
        assert _state(client.get(url)) == "hit"
        traveller.move_to(starts + timedelta(hours=1, seconds=1))
        page = client.get(url)
        assert (_state(page), SHOWN in page.content.decode()) == ("miss", False)


def test_writing_or_deleting_an_announcement_purges_cached_pages(client, local_page_cache, commit):
    article = make_article()
    url = article.get_absolute_url()
    assert [_state(client.get(url)) for _ in range(2)] == ["miss", "hit"]

    with commit():
        announcement = announce(starts_in=timedelta(minutes=-1), lasts=timedelta(hours=1))
    page = client.get(url)
    assert (_state(page), SHOWN in page.content.decode()) == ("miss", True)

    with commit():
        announcement.delete()
    page = client.get(url)
    assert (_state(page), SHOWN in page.content.decode()) == ("miss", False)


def test_with_the_page_cache_on_the_list_is_shared_until_the_next_change(local_page_cache, django_assert_num_queries):
    announce(starts_in=timedelta(minutes=-1), lasts=timedelta(hours=1))
    announcements.current()

    with django_assert_num_queries(0):
        assert len(announcements.current()) == 1


# Queries for {% comment_section %} with announcements (page cache off): 1 comment counts, 2 the
# page's threads, 3 the announcements running now; the same for one announcement as for eleven.
@pytest.mark.parametrize("running", [1, 11])
def test_the_comment_section_costs_the_same_with_more_announcements(django_assert_num_queries, running):
    from articles.models import Article

    article = make_article()
    make_comment(article)
    for _ in range(running):
        announce(starts_in=timedelta(minutes=-1), lasts=timedelta(hours=1))
    article = Article.objects.for_detail().get(pk=article.pk)

    with django_assert_num_queries(3):
        html = SECTION.render(Context({"article": article}))
    assert html.count('class="nr-announcement"') == running


# The admin ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_write_announcements_in_the_admin(client, group, commit):
    client.force_login(make_user(groups=[group]))
    now = timezone.localtime()
    later = now + timedelta(days=2)

    with commit():
        response = client.post(
            "/admin/newsroom_comments/announcement/add/",
            {
                "text": "Slow moderation this weekend.",
                "starts_at_0": now.strftime("%Y-%m-%d"),
                "starts_at_1": now.strftime("%H:%M:%S"),
                "ends_at_0": later.strftime("%Y-%m-%d"),
                "ends_at_1": later.strftime("%H:%M:%S"),
            },
        )

    assert response.status_code == 302
    assert Announcement.objects.get().text == "Slow moderation this weekend."
    assert "Slow moderation this weekend." in client.get("/admin/newsroom_comments/announcement/").content.decode()


# Queries for the announcements' admin list, for a moderator: 1 the session, 2 the user, 3 their own and
# 4 their groups' permissions, 5 the count of rows and 6 the total, 7 the page of announcements, 8 and 9
# the date drill-down's first and last and its years. The same for one as for eleven.
@pytest.mark.parametrize("count", [1, 11])
def test_the_admin_list_costs_the_same_with_ten_more(client, django_assert_num_queries, count):
    client.force_login(make_user(groups=["Moderators"]))
    for _ in range(count):
        announce(starts_in=timedelta(minutes=-1), lasts=timedelta(hours=1))

    with django_assert_num_queries(9):
        assert client.get("/admin/newsroom_comments/announcement/").status_code == 200


def test_the_running_announcements_are_read_through_a_query_compiled_once(settings, django_assert_num_queries):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # no shared list: a query each time
    prepared.clear()
    running = announce(starts_in=timedelta(minutes=-5), lasts=timedelta(hours=1))
    for _ in range(2):
        # 1. the announcements running by the database's clock
        with django_assert_num_queries(1):
            assert announcements.current() == [running]
    assert prepared.stats == {"compiled": 1}
