"""Posting limits per IP address: the 15-second flood limit and the hourly cap, both a 429 that keeps the text."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comments.forms import CommentForm
from comments.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"


def post(client, article, n, *, ip="203.0.113.9"):
    data = CommentForm(article).generate_security_data()
    data.update({"name": f"Reader {n}", "email": f"r{n}@example.com", "comment": f"Thought number {n}."})
    return client.post(POST_URL, data, REMOTE_ADDR=ip)


def test_the_hourly_cap_per_ip_refuses_the_next_post_and_keeps_its_text(client, settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP = 3
    article = make_article()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(3):
            assert post(client, article, n).status_code == 302
            clock.shift(timedelta(minutes=5))
        refused = post(client, article, 3)
        assert refused.status_code == 429
        assert "Thought number 3." in refused.content.decode()
        assert Comment.objects.count() == 3
        assert post(client, article, 4, ip="198.51.100.1").status_code == 302  # another network
        clock.shift(timedelta(minutes=50))  # the first post is now over an hour old
        assert post(client, article, 5).status_code == 302


def test_the_flood_limit_still_applies_within_the_cap(client, settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 15
    article = make_article()
    assert post(client, article, 1).status_code == 302
    assert post(client, article, 2).status_code == 429
    assert Comment.objects.count() == 1


def test_zero_turns_the_cap_off(client, settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_COMMENTS_MAX_PER_HOUR_PER_IP = 0
    article = make_article()
    for n in range(5):
        assert post(client, article, n).status_code == 302
