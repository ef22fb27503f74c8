import zoneinfo
from datetime import UTC, datetime

import pytest
from django.utils import translation

from articles.models import Author
from comments import threads
from comments.threads import build_tree, iso_time, local_times, month_names, page_number, shown_time, thread_page
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
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_model(article)  # kept by the process after its first request, as in the full run
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


# Orders, the "Featured" view and badges (issue 16, items 1 to 3) ------------------------------


def _texts(page):
    return [node.comment.comment for node in page.threads]


@pytest.fixture
def three_threads(article):
    old = make_comment(article, text="old", like_count=1)
    liked = make_comment(article, text="liked", like_count=7)
    new = make_comment(article, text="new", like_count=0)
    make_comment(article, text="early reply", parent=new)
    make_comment(article, text="late reply", parent=new, like_count=50)
    return old, liked, new


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("oldest", ["old", "liked", "new"]), ("newest", ["new", "liked", "old"]), ("liked", ["liked", "old", "new"])],
)
def test_top_level_threads_follow_the_order_and_replies_their_conversation(three_threads, article, sort, expected):
    page = thread_page(article, sort=sort)

    assert (page.sort, _texts(page)) == (sort, expected)
    new = next(node for node in page.threads if node.comment.comment == "new")
    assert [child.comment.comment for child in new.children] == ["early reply", "late reply"]


def test_an_unknown_order_is_the_sites_default(three_threads, article, settings):
    assert thread_page(article, sort="bogus").sort == "oldest"
    settings.NEWSROOM_COMMENTS_SORT = "newest"
    page = thread_page(article, sort="bogus")
    assert (page.sort, _texts(page)) == ("newest", ["new", "liked", "old"])


def test_the_order_pages_through_the_database(three_threads, article, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    assert _texts(thread_page(article, sort="newest")) == ["new", "liked"]
    assert _texts(thread_page(article, sort="newest", number=2)) == ["old"]
    assert _texts(thread_page(article, sort="liked", number=2)) == ["new"]


def test_the_featured_view_opens_first_when_a_moderator_picked_comments(three_threads, article):
    from comments.models import Comment

    old, _liked, new = three_threads
    assert thread_page(article).view == "all"

    reply = Comment.objects.get(comment="late reply")
    Comment.objects.filter(pk__in=[old.pk, reply.pk]).update(featured_at=old.submit_date)

    page = thread_page(article)
    assert (page.view, page.featured_total, page.total) == ("featured", 2, 5)
    # Each pick on its own, replies too, in the chosen order.
    assert [(n.comment.comment, n.depth, n.children) for n in page.threads] == [("old", 0, []), ("late reply", 0, [])]
    assert _texts(thread_page(article, sort="liked")) == ["late reply", "old"]
    assert all(node.comment.featured for node in page.threads)

    everything = thread_page(article, view="all")
    assert (everything.view, _texts(everything)) == ("all", ["old", "liked", "new"])
    assert [n.comment.featured for n in everything.threads] == [True, False, False]


def test_held_featured_comments_leave_the_featured_view(three_threads, article):
    from comments.models import Comment

    old = three_threads[0]
    Comment.objects.filter(pk=old.pk).update(featured_at=old.submit_date, status=Comment.Status.PENDING)

    page = thread_page(article, view="featured")
    assert (page.view, page.featured_total, _texts(page)) == ("all", 0, ["liked", "new"])


def test_badges_come_from_the_account_never_the_typed_name(article):
    from tests.factories import make_user

    writer = make_user(username="writer", is_staff=False)
    Author.objects.filter(bylines__article=article).update(user=writer)
    editor = make_user(username="editor")  # staff
    reader = make_user(username="reader", is_staff=False)
    make_comment(article, text="by the author", user=writer)
    make_comment(article, text="by staff", user=editor)
    make_comment(article, text="by a reader", user=reader)
    make_comment(article, text="by a reader who typed Staff", name="Staff")
    make_comment(article, text="by a reader who typed Author", name="Author")
    make_comment(make_article(), text="the author elsewhere", user=writer)

    page = thread_page(article)

    assert [(n.comment.comment, n.badge) for n in page.threads] == [
        ("by the author", "author"),
        ("by staff", "staff"),
        ("by a reader", ""),
        ("by a reader who typed Staff", ""),
        ("by a reader who typed Author", ""),
    ]


def test_an_author_on_another_article_gets_no_author_badge(article):
    from tests.factories import make_author, make_user

    writer = make_user(username="writer", is_staff=False)
    make_author(user=writer)  # writes for the site, but not this story
    make_comment(article, text="a reader here", user=writer)

    assert [n.badge for n in thread_page(article).threads] == [""]


# "Most replies" (issue 16, item 2): the replies readers see, nested ones too ---------------------


@pytest.fixture
def replied_threads(article):
    """Four threads: ``busy`` shows 3 replies, ``two`` 2, ``noisy`` 1 (and hides 5), ``quiet`` none."""
    noisy = make_comment(article, text="noisy")
    busy = make_comment(article, text="busy")
    quiet = make_comment(article, text="quiet")
    two = make_comment(article, text="two")
    make_comment(article, text="seen", parent=noisy)
    held = make_comment(article, text="held", parent=noisy, status="pending")
    for status in ("spam", "trash", "pending"):
        make_comment(article, text=status, parent=noisy, status=status)
    make_comment(article, text="under the held one", parent=held)
    answer = make_comment(article, text="answer", parent=busy)
    make_comment(article, text="answer to the answer", parent=answer)
    make_comment(article, text="second answer", parent=busy)
    make_comment(article, text="to two", parent=two)
    make_comment(article, text="also to two", parent=two)
    return noisy, busy, quiet, two


def test_most_replies_counts_only_the_replies_readers_see(replied_threads, article):
    page = thread_page(article, sort="replies")

    assert (page.sort, _texts(page)) == ("replies", ["busy", "two", "noisy", "quiet"])
    assert [node.reply_count for node in page.threads] == [3, 2, 1, 0]
    assert shape(page.threads)[2] == ("noisy", 0, [("seen", 1, [])])


def test_most_replies_breaks_ties_oldest_first_and_pages_through_the_database(article, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    texts = ["a", "b", "c", "d", "e"]
    tops = [make_comment(article, text=text) for text in texts]
    for top in tops[::2]:  # a, c and e get one reply each
        make_comment(article, text=f"to {top.comment}", parent=top)

    pages = [_texts(thread_page(article, sort="replies", number=n)) for n in (1, 2, 3)]

    assert pages == [["a", "c"], ["e", "b"], ["d"]]
    assert thread_page(article, sort="replies", number=2).has_next


def test_most_replies_in_the_featured_view_counts_each_picks_own_replies(three_threads, article):
    from comments.models import Comment

    old, _liked, new = three_threads
    early = Comment.objects.get(comment="early reply")
    make_comment(article, text="answer to the early reply", parent=early)
    Comment.objects.filter(pk__in=[old.pk, early.pk, new.pk]).update(featured_at=old.submit_date)

    page = thread_page(article, sort="replies", view="featured")

    # new: 3 (two replies, one nested); the early reply: 1; old: none.
    assert (page.view, _texts(page)) == ("featured", ["new", "early reply", "old"])
    assert all(node.children == [] for node in page.threads)


# Queries, whatever the order, the view or the badges: 1 the counts (approved, threads, featured),
# 2 the page's threads with replies, staff flags (a join) and author flags (a subquery); "most
# replies" counts them in a subquery of 2.
@pytest.mark.parametrize(
    ("sort", "view"),
    [("oldest", None), ("newest", "all"), ("liked", "featured"), ("replies", "all"), ("replies", "featured")],
)
def test_orders_views_and_badges_cost_no_more_queries(article, django_assert_num_queries, sort, view):
    from tests.factories import make_user

    writer = make_user(username="writer", is_staff=False)
    Author.objects.filter(bylines__article=article).update(user=writer)
    for i in range(3):
        make_comment(article, user=writer if i % 2 else make_user(), featured_at=article.publish_at)
    with django_assert_num_queries(2):
        few = thread_page(article, sort=sort, view=view)

    for i in range(10):
        top = make_comment(article, user=make_user(is_staff=bool(i % 2)), featured_at=article.publish_at)
        make_comment(article, parent=top, user=writer)
    with django_assert_num_queries(2):
        many = thread_page(article, sort=sort, view=view)
    assert len(many.threads) > len(few.threads)


# One conversation a page: the page's are picked by a subquery; fifty: every one is read at once.
@pytest.mark.parametrize(("per_page", "shown"), [(1, [("shown", 0, [])]), (50, [("shown", 0, []), ("also", 0, [])])])
def test_a_conversation_under_a_held_first_comment_stays_hidden(article, per_page, shown):
    held = make_comment(article, text="held first")
    reply = make_comment(article, text="reply", parent=held)
    make_comment(article, text="reply to the reply", parent=reply)
    make_comment(article, text="shown")
    make_comment(article, text="also")
    held.status = "pending"
    held.save()

    page = thread_page(article, per_page=per_page)

    assert shape(page.threads) == shown
    assert (page.total, page.has_next) == (4, per_page == 1)


def test_month_names_are_looked_up_once_per_language(settings):
    with translation.override("en"):
        english = threads.month_names()
        assert english[3] == "March"
        assert threads.month_names() is english
    with translation.override("fr"):
        assert threads.month_names()[3] == "mars"
    settings.LANGUAGE_CODE = "en"  # translations may have changed: looked up again
    with translation.override("en"):
        assert threads.month_names() is not english


def test_only_the_first_page_of_a_thread_is_compiled_once(article, settings):
    """Later pages run through the ORM: one kept query per page number would let long threads fill the process."""
    from articles import prepared

    settings.NEWSROOM_COMMENTS_PER_PAGE = 1
    for i in range(4):
        make_comment(article, text=f"t{i}")
    prepared.clear()
    try:
        assert _texts(thread_page(article)) == ["t0"]
        kept = prepared.stats["compiled"]
        assert [_texts(thread_page(article, number=n)) for n in (2, 3, 4)] == [["t1"], ["t2"], ["t3"]]
        assert prepared.stats["compiled"] == kept
        assert _texts(thread_page(article)) == ["t0"]
        assert prepared.stats["compiled"] == kept
    finally:
        prepared.clear()


@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/London", "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati", "Europe/Amsterdam"]
)
@pytest.mark.parametrize(
    "when",
    [
        datetime(2026, 3, 7, 9, 5, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC),  # the last moment before London's summer time
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 59, 59, 1, tzinfo=UTC),
        datetime(1920, 6, 1, 12, 0, 7, tzinfo=UTC),  # Amsterdam was 20 minutes less 28 seconds ahead
        datetime(1, 1, 2, 0, 0, tzinfo=UTC),
        datetime(9999, 12, 30, 23, 59, tzinfo=UTC),
    ],
)
def test_local_times_are_the_iso_and_shown_times(zone, when):
    tz = zoneinfo.ZoneInfo(zone)
    months = month_names()
    assert local_times(when, tz, months) == (iso_time(when, tz), shown_time(when, tz, months))
    assert local_times(when, tz, months)[0] == when.astimezone(tz).isoformat(timespec="seconds")
