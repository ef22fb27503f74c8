"""The comment QuerySet's vocabulary (comments/models.py)."""

import pytest

from comments.models import Comment
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def _counts(queryset):
    return dict(queryset.values_list("comment", "reply_count"))


@pytest.fixture
def threads():
    article = make_article()
    busy = make_comment(article, text="busy")
    answer = make_comment(article, text="answer", parent=busy)
    make_comment(article, text="second answer", parent=busy)
    make_comment(article, text="answer to the answer", parent=answer)  # nested: counts for busy too
    noisy = make_comment(article, text="noisy")
    make_comment(article, text="seen", parent=noisy)
    held = make_comment(article, text="held", parent=noisy, status="pending")
    make_comment(article, text="spam", parent=noisy, status="spam")
    make_comment(article, text="trash", parent=noisy, status="trash")
    make_comment(article, text="under the held one", parent=held)  # approved, but its parent is not shown
    make_comment(article, text="quiet")
    make_comment(make_article(), text="elsewhere")
    return article


def test_reply_count_counts_only_the_replies_a_thread_shows(threads):
    counts = _counts(Comment.objects.on(threads).approved().with_reply_count(max_depth=3))

    assert counts == {
        "busy": 3,
        "answer": 1,
        "second answer": 0,
        "answer to the answer": 0,
        "noisy": 1,
        "seen": 0,
        "under the held one": 0,
        "quiet": 0,
    }
    # Not xtd's nested_count, which counts held and removed replies too.
    assert Comment.objects.get(comment="noisy").nested_count == 5


def test_reply_count_with_flat_comments_is_zero(threads):
    counts = _counts(Comment.objects.on(threads).top_level().with_reply_count(max_depth=1))

    assert counts == {"busy": 0, "noisy": 0, "quiet": 0}


def test_reply_count_is_read_in_the_same_query(threads, django_assert_num_queries):
    # 1 the comments, each with its count as a subquery.
    with django_assert_num_queries(1):
        few = _counts(Comment.objects.approved().top_level().with_reply_count(max_depth=3))
    article = make_article()
    for _ in range(10):
        make_comment(article, parent=make_comment(article))
    with django_assert_num_queries(1):
        many = _counts(Comment.objects.approved().top_level().with_reply_count(max_depth=3))
    assert len(many) == len(few) + 10
