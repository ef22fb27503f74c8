"""The comment section rendered once for every reader with nothing of their own in it (comments.section)."""

import re
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article
from comments import section
from comments.forms import CommentForm, security_data
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

SECURITY = re.compile(r'name="(timestamp|security_hash)" value="([^"]*)"')


def reader_request(query="", user=None):
    request = RequestFactory().get(f"/?{query}")
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def article():
    article = make_article()
    for _ in range(3):
        make_comment(article, parent=make_comment(article))
    return Article.objects.for_detail().get(pk=article.pk)


def test_the_form_has_the_fields_a_new_form_would_have(article):
    with time_machine.travel(timezone.now(), tick=False):
        assert security_data(article) == {
            name: CommentForm(article).initial[name]
            for name in ("content_type", "object_pk", "timestamp", "security_hash")
        }


# Queries for the first reader after a purge (page cache on): 1 comment counts, 2 the page's threads
# with their replies, 3 when the next scheduled article appears and 4 when the next announcement starts
# or ends (once per generation: no shared part outlives them), 5 the announcements running now.
# After that none, whatever the time.
FIRST_READER = 5


def test_after_the_first_reader_the_section_costs_no_query_and_carries_a_fresh_form(
    local_page_cache, article, django_assert_num_queries
):
    now = timezone.now()
    with time_machine.travel(now, tick=False), django_assert_num_queries(FIRST_READER):
        first = section.section_html(article, request=reader_request())
    with time_machine.travel(now + timedelta(minutes=1), tick=False), django_assert_num_queries(0):
        later = section.section_html(article, request=reader_request())
        fresh = security_data(article)

    assert dict(SECURITY.findall(later)) == {"timestamp": fresh["timestamp"], "security_hash": fresh["security_hash"]}
    assert dict(SECURITY.findall(first)) != dict(SECURITY.findall(later))
    # Apart from the form's anti-forgery fields, the same HTML as the section rendered for this reader.
    with time_machine.travel(now + timedelta(minutes=1), tick=False):
        rendered = render_to_string(
            section.SECTION_TEMPLATE, section.section_context(article, request=reader_request())
        )
    assert later == rendered
    assert "\x00" not in later


def test_ten_more_threads_cost_the_same(local_page_cache, article, django_assert_num_queries):
    for _ in range(10):
        make_comment(article, parent=make_comment(article))
    article = Article.objects.for_detail().get(pk=article.pk)

    with django_assert_num_queries(FIRST_READER):
        section.section_html(article, request=reader_request())
    with django_assert_num_queries(0):
        html = section.section_html(article, request=reader_request())
    assert "26 comments" in html


@pytest.mark.parametrize(
    "who",
    ["signed in", "replying", "awaiting moderation"],
)
def test_readers_with_something_of_their_own_get_a_section_of_their_own(local_page_cache, article, who):
    request = reader_request()
    if who == "signed in":
        request = reader_request(user=make_user(username="sam", is_staff=False, first_name="Sam"))
    elif who == "replying":
        request = reader_request(f"reply_to={article.pk}")
    section.section_html(article, request=reader_request())  # everyone's, shared now
    if who == "awaiting moderation":
        held = make_comment(article, status="pending", text="Still waiting for a moderator")
        request.COOKIES.update(_pending_cookie(held))

    assert not section._same_for_every_reader(request)
    html = section.section_html(article, request=request)
    if who == "signed in":
        assert "You are commenting as Sam." in html and "data-signed-in" in html
    elif who == "awaiting moderation":
        assert "Still waiting for a moderator" in html


def _pending_cookie(comment):
    from django.http import HttpResponse

    from comments import pending

    response = HttpResponse()
    pending.remember(reader_request(), response, comment)
    return {name: morsel.value for name, morsel in response.cookies.items()}


def test_a_page_out_of_range_is_not_kept(local_page_cache, article, django_assert_num_queries):
    section.section_html(article, request=reader_request("comments_page=99"))

    # Rendered afresh, as every page out of range is: made-up page numbers must not fill the cache.
    # 1-2 counts and the page's threads, found out of range; 3-4 the last page's (the announcements are shared).
    with django_assert_num_queries(4):
        section.section_html(article, request=reader_request("comments_page=99"))


def test_with_the_page_cache_off_the_section_is_rendered_for_the_request_alone(settings, article):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # nothing is shared: no anti-forgery slots to fill in afterwards
    with time_machine.travel(timezone.now(), tick=False):
        with mock.patch.object(section, "security_data", wraps=section.security_data) as made:
            html = section.section_html(article, request=reader_request())
        assert made.call_count == 1  # the form's own: none made again to fill in slots afterwards
        rendered = render_to_string(
            section.SECTION_TEMPLATE, section.section_context(article, request=reader_request())
        )
    assert html == rendered
