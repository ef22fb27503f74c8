import pytest

from comments.models import Comment
from comments.spam import fastread
from comments.spam.models import SpamMemory
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_select_in_reads_the_rows_asked_for_in_batches(monkeypatch, django_assert_num_queries):
    SpamMemory.objects.bulk_create([SpamMemory(key=f"t{i}", spam_count=i) for i in range(5)])
    monkeypatch.setattr(fastread, "BATCH", 2)
    with django_assert_num_queries(2):  # two batches of two
        rows = fastread.select_in(SpamMemory, ["key", "spam_count"], key="key", values=["t1", "t3", "t9", "t4"])
    assert sorted(rows) == [("t1", 1), ("t3", 3), ("t4", 4)]


def test_nothing_asked_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert fastread.select_in(SpamMemory, ["key"], key="key", values=[]) == []


def test_primary_keys_and_limits():
    comment = make_comment(make_article(), text="same words said twice over, at some length")
    make_comment(make_article(), text="same words said twice over, at some length")
    rows = fastread.select_in(Comment, ["pk", "status"], key="text_hash", values=[comment.text_hash], limit=1)
    assert len(rows) == 1
    assert rows[0][1] == "approved"
