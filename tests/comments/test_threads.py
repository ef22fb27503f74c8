import pytest

from comments.threads import build_tree, page_number, thread_page
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


def shape(nodes):
    """``[(text, depth, [children...]), ...]``: a tree that reads well in an assert."""
    return [(n.comment.comment, n.depth, shape(n.children)) for n in nodes]


def test_threads_are_oldest_first_with_replies_nested(article):
    first = make_comment(article, text="first")
    second = make_comment(article, text="second")
    make_comment(article, text="reply to first", parent=first)
    make_comment(article, text="reply to second", parent=second)
    make_comment(article, text="later reply to first", parent=first)

    page = thread_page(article)

    assert shape(page.threads) == [
        ("first", 0, [("reply to first", 1, []), ("later reply to first", 1, [])]),
        ("second", 0, [("reply to second", 1, [])]),
    ]
    assert page.total == 5


def test_only_approved_comments_are_shown_and_replies_to_hidden_ones_go_with_them(article):
    shown = make_comment(article, text="shown")
    hidden = make_comment(article, text="hidden parent")
    make_comment(article, text="reply to hidden", parent=hidden)
    make_comment(article, text="held reply", parent=shown, status="pending")
    make_comment(article, text="spam", status="spam")
    make_comment(article, text="trash", status="trash")
    hidden.status = "pending"
    hidden.save()

    page = thread_page(article)

    assert shape(page.threads) == [("shown", 0, [])]
    # The heading counts approved comments, as listings do: the reply waits for its parent.
    assert page.total == 2


def test_threads_nest_to_the_max_depth_and_deeper_replies_sit_beside_their_parent(article, settings):
    settings.NEWSROOM_COMMENTS_MAX_DEPTH = 2  # the stored thread (3 deep) is deeper than what is shown
    top = make_comment(article, text="top")
    middle = make_comment(article, text="middle", parent=top)
    make_comment(article, text="deep", parent=middle)

    page = thread_page(article)

    assert shape(page.threads) == [("top", 0, [("middle", 1, []), ("deep", 1, [])])]
    assert not page.threads[0].children[0].can_reply
    assert page.threads[0].can_reply


def test_comments_on_other_articles_are_not_shown(article):
    make_comment(make_article(), text="elsewhere")

    assert thread_page(article).threads == []


def test_top_level_threads_are_paginated_replies_stay_with_their_thread(article, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    tops = [make_comment(article, text=f"t{i}") for i in range(5)]
    make_comment(article, text="reply", parent=tops[2])

    first, third, beyond = (thread_page(article, number=n) for n in (1, 3, 99))

    assert [n.comment.comment for n in first.threads] == ["t0", "t1"]
    assert first.has_next and first.next_number == 2
    assert shape(thread_page(article, number=2).threads)[0] == ("t2", 0, [("reply", 1, [])])
    assert [n.comment.comment for n in third.threads] == ["t4"] and not third.has_next
    assert beyond.number == 3  # past the end: the last page, never an error


def test_two_queries_build_the_page(article, django_assert_num_queries):
    # 1 counts (approved comments, top-level threads), 2 the page's threads with their replies
    top = make_comment(article)
    make_comment(article, parent=top)
    with django_assert_num_queries(2):
        thread_page(article)


def test_an_article_without_comments_costs_one_query(article, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = thread_page(article)
    assert (page.threads, page.total, page.has_next) == ([], 0, False)


def test_only_the_requested_page_of_threads_is_read(article, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    tops = [make_comment(article, text=f"t{i}") for i in range(6)]
    for top in tops:
        make_comment(article, text=f"re {top.comment}", parent=top)

    with CaptureQueriesContext(connection) as queries:
        page = thread_page(article, number=2)

    assert shape(page.threads) == [("t2", 0, [("re t2", 1, [])]), ("t3", 0, [("re t3", 1, [])])]
    assert page.total == 12
    # The threads come from the database a page at a time, not all of them every time.
    assert "LIMIT 2" in queries[-1]["sql"] and "OFFSET 2" in queries[-1]["sql"]


def test_ten_more_threads_cost_no_more_queries(article, django_assert_num_queries):
    from django.contrib.auth.models import User

    for i in range(10):
        top = make_comment(article, user=User.objects.create_user(f"reader{i}", first_name="Reader", last_name="Zero"))
        make_comment(article, parent=top)
    with django_assert_num_queries(2):
        page = thread_page(article)
        assert [n.comment.name for n in page.threads][0] == "Reader Zero"  # stored with the comment


def test_broken_reply_chains_are_hidden_not_fatal(article):
    a = make_comment(article, text="a")
    b = make_comment(article, text="b", parent=a)
    # A cycle that threading would never create, as bad imported data might.
    a.parent_id, b.parent_id = b.pk, a.pk
    tree = build_tree([a, b], max_depth=3)

    assert tree == []


@pytest.mark.parametrize(("value", "expected"), [("2", 2), (None, 1), ("", 1), ("x", 1), ("-1", 1), ("0", 1)])
def test_page_numbers_are_forgiving(value, expected):
    assert page_number(value) == expected
