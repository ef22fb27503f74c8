import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q

from articles import prepared
from articles.models import Article
from comments.models import Comment
from comments.threads import SHOWN_FIELDS, thread_page
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    prepared.clear()
    yield
    prepared.clear()


def shown(pk):
    """Comments on the article ``pk``: a key kept as text (``object_pk``), booleans, aware datetimes, a join."""
    return (
        Comment.objects.approved()
        .filter(object_pk=str(pk))
        .annotate(
            is_featured=ExpressionWrapper(Q(featured_at__isnull=False), output_field=BooleanField()),
            by_staff=ExpressionWrapper(Q(user__is_staff=True), output_field=BooleanField()),
        )
        .order_by("submit_date", "pk")
    )


def shown_rows(pk):
    # edited_at (a field) after the annotations: the row follows the order asked for, not the model's.
    return shown(pk).values_list("pk", "is_featured", "submit_date", "by_staff", "comment", "edited_at")


def shown_dicts(pk):
    return shown(pk).values("is_featured", "comment", "submit_date", "edited_at", "by_staff", "like_count")


@pytest.fixture
def commented():
    """Two articles with comments of every kind a row can hold."""
    articles = [make_article(), make_article()]
    staff = make_user(username="staffer")
    reader = User.objects.create_user("reader")
    now = datetime.datetime(2026, 3, 7, 9, 5, tzinfo=datetime.UTC)
    for article in articles:
        make_comment(article, user=staff, featured_at=now)
        make_comment(article, user=reader, edited_at=now)
        make_comment(article)
        make_comment(article, status="pending")
    return articles


def typed(rows):
    """Rows with each value's type beside it: ``True`` is not ``1``, an aware datetime not a naive one."""
    if rows and isinstance(rows[0], dict):
        return [[(k, v, type(v)) for k, v in row.items()] for row in rows]
    return [[(v, type(v)) for v in row] for row in rows]


def test_tuples_are_what_the_orm_gives(commented):
    for article in commented:
        rows = prepared.values_list("shown-rows", shown_rows, pk=article.pk)
        assert typed(rows) == typed(list(shown_rows(article.pk)))
        assert [type(v) for v in rows[0]] == [int, bool, datetime.datetime, bool, str, type(None)]
        assert rows[0][2].utcoffset() == datetime.timedelta(0)
        assert rows[1][5] == datetime.datetime(2026, 3, 7, 9, 5, tzinfo=datetime.UTC)
    assert prepared.stats == {"compiled": 1}


def test_dicts_are_what_the_orm_gives_keys_in_the_same_order(commented):
    for article in commented:
        rows = prepared.values("shown-dicts", shown_dicts, pk=article.pk)
        expected = list(shown_dicts(article.pk))
        assert typed(rows) == typed(expected)
        assert [list(row) for row in rows] == [list(row) for row in expected]
    assert len(rows) == 3


def test_the_sql_is_compiled_once_and_every_call_asks_the_database(commented, django_assert_num_queries):
    first, second = commented
    expected = list(shown_rows(first.pk))
    Comment.objects.filter(object_pk=str(second.pk)).update(status="pending")
    with django_assert_num_queries(3):
        assert prepared.values_list("shown-rows", shown_rows, pk=first.pk) == expected
        assert prepared.values_list("shown-rows", shown_rows, pk=second.pk) == []
        assert prepared.values_list("shown-rows", shown_rows, pk=first.pk) == expected
    Comment.objects.filter(object_pk=str(first.pk)).update(status="pending")
    assert prepared.values_list("shown-rows", shown_rows, pk=first.pk) == []  # never a kept result
    assert prepared.stats == {"compiled": 1}


def test_rows_without_converters_come_as_read(commented):
    def headlines(pk):
        return Article.objects.filter(pk=pk).values_list("pk", "headline")

    assert prepared.values_list("headlines", headlines, pk=commented[1].pk) == [
        (commented[1].pk, commented[1].headline)
    ]


def test_a_marker_missing_from_the_sql_leaves_the_query_to_the_orm(commented):
    first, second = commented

    def ignores_its_value(pk):
        return Article.objects.filter(pk=first.pk).values_list("pk", "headline")

    assert prepared.values_list("ignores", ignores_its_value, pk=second.pk) == [(first.pk, first.headline)]
    assert prepared.values_list("ignores", ignores_its_value, pk=first.pk) == [(first.pk, first.headline)]
    assert prepared.stats == {"fallbacks": 1}  # decided once


def test_a_marker_inside_a_longer_value_leaves_the_query_to_the_orm(commented):
    article = commented[0]

    def matching(words):
        return Article.objects.filter(headline__contains=words).values_list("pk")

    words = article.headline[2:8]
    assert prepared.values_list("contains", matching, words=words) == list(matching(words))
    assert prepared.stats == {"fallbacks": 1}


def test_a_query_empty_by_construction_is_left_to_the_orm(db):
    def nothing(pk):
        return Article.objects.filter(pk__in=[]).values_list("pk")

    assert prepared.values_list("nothing", nothing, pk=1) == []
    assert prepared.stats == {"fallbacks": 1}


def test_values_without_a_marker_type_run_through_the_orm_and_keep_nothing(commented):
    article = commented[0]

    def by_date(since):
        return Article.objects.filter(pk=article.pk, created_at__gte=since).values_list("pk")

    since = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    assert prepared.values_list("by-date", by_date, since=since) == [(article.pk,)]
    assert prepared.stats == {}
    # A value of another type than the marker's is the ORM's to convert.
    assert prepared.values_list("shown-rows", shown_rows, pk=article.pk) == list(shown_rows(article.pk))
    assert prepared.values_list("shown-rows", shown_rows, pk=str(article.pk)) == list(shown_rows(article.pk))
    assert prepared.stats == {"compiled": 1}


def test_past_the_limit_new_shapes_run_through_the_orm(commented, monkeypatch):
    monkeypatch.setattr(prepared, "MAX_KEPT", 0)
    article = commented[0]
    assert prepared.values_list("shown-rows", shown_rows, pk=article.pk) == list(shown_rows(article.pk))
    assert prepared.stats == {}


def test_each_database_has_its_own_compiled_query(commented, monkeypatch):
    article = commented[0]
    prepared.values_list("shown-rows", shown_rows, pk=article.pk)

    class Replica:
        def db_for_read(self, model, **hints):
            return "replica"

    # A second alias on the same test database: what is kept for "default" is not used for it.
    monkeypatch.setattr(prepared, "router", Replica())
    monkeypatch.setattr(prepared, "connections", {"replica": connection, "default": connection})
    assert prepared.values_list("shown-rows", shown_rows, pk=article.pk) == list(shown_rows(article.pk))
    assert prepared.stats == {"compiled": 2}


def test_thread_pages_compile_their_queries_once_per_shape(commented, django_assert_num_queries):
    first, second = commented
    first_page = thread_page(first, view="all")
    with django_assert_num_queries(4):  # each page: 1 counts, 2 the comments
        assert thread_page(second, view="all").total == 3
        again = thread_page(first, view="all")
    assert prepared.stats == {"compiled": 2}
    assert again == first_page
    assert [n.comment.staff for n in again.threads] == [True, False, None]  # None: no account, as from the ORM
    thread_page(first)  # the featured view: a page of another shape
    assert prepared.stats == {"compiled": 3}


def test_thread_rows_are_what_the_orm_gives(commented):
    from comments.threads import _shown, _stand_in

    article = commented[0]
    page = thread_page(article, view="all")
    rows = list(_shown(_stand_in(Article, article.pk), False, "oldest", 3, 0, 50, True))
    assert [tuple(n.comment) for n in page.threads] == rows
    assert len(rows[0]) == len(SHOWN_FIELDS)


# --- Model instances ---------------------------------------------------------------------------------------


def state(obj):
    """What an instance holds: its field values, what is deferred, where it came from."""
    fields = {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields if f.attname != "body"}
    return fields, obj.get_deferred_fields(), obj._state.db, obj._state.adding


def by_slug(slug):
    return Article.objects.filter(slug=slug).defer("body")[:1]


def test_objects_are_what_the_orm_loads(commented, django_assert_num_queries):
    for article in commented:
        found = prepared.objects("by-slug", by_slug, slug=article.slug)
        assert [state(obj) for obj in found] == [state(obj) for obj in by_slug(article.slug)]
        assert found[0].get_deferred_fields() == {"body"}
        assert found[0].publish_at.utcoffset() == datetime.timedelta(0)
    with django_assert_num_queries(1):  # the deferred body, as for any deferred field
        assert found[0].body == commented[1].body
    assert prepared.stats == {"compiled": 1}


def test_objects_with_related_rows_or_annotations_stay_on_the_orm(commented):
    from django.db.models import Count

    article = commented[0]
    with_section = prepared.objects(
        "section", lambda pk: Article.objects.select_related("category").filter(pk=pk), pk=article.pk
    )
    counted = prepared.objects(
        "counted", lambda pk: Article.objects.annotate(n=Count("bylines")).filter(pk=pk), pk=article.pk
    )
    assert with_section[0].category == article.category and counted[0].n == article.bylines.count()
    assert prepared.stats == {"fallbacks": 2}


def test_objects_of_a_model_with_parent_tables_stay_on_the_orm(commented):
    comment = Comment.objects.filter(object_pk=str(commented[0].pk)).first()
    assert prepared.objects("comment", lambda pk: Comment.objects.filter(pk=pk), pk=comment.pk) == [comment]
    assert prepared.stats == {"fallbacks": 1}


def test_objects_refuse_a_queryset_that_prefetches(commented):
    with pytest.raises(ValueError, match="prefetches"):
        prepared.objects("prefetching", lambda pk: Article.objects.prefetch_related("tags").filter(pk=pk), pk=1)


def test_a_clock_read_while_building_is_never_kept(commented):
    from django.utils import timezone

    def published_now(pk):
        return Article.objects.filter(pk=pk, publish_at__lte=timezone.now()).values_list("pk")

    article = commented[0]
    assert prepared.values_list("now", published_now, pk=article.pk) == [(article.pk,)]
    assert prepared.stats == {"fallbacks": 1}


def test_the_article_page_reads_its_article_and_teasers_through_kept_queries(client, commented):
    from articles.related import you_may_also_like
    from articles.views import _article
    from tests.articles.test_related import pick, suggest

    first, second = commented
    third = make_article()
    pick(first, second)
    suggest(first, second, third)

    article = _article(first.slug)
    expected = Article.objects.published().for_detail().get(pk=first.pk)
    assert state(article)[0] == state(expected)[0]
    assert article._prefetched_objects_cache.keys() == expected._prefetched_objects_cache.keys()
    assert _article("no-such-slug") is None
    assert you_may_also_like(first, sections=False) == [second, third]
    assert you_may_also_like(second, sections=False) == []
    # The article, its bylines, tags and corrections, the sections, the picks, the suggestions after one pick
    # and after none.
    assert prepared.stats == {"compiled": 8}
    assert client.get(first.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(2026, 3, 7, 9, 5, tzinfo=datetime.UTC), True),
        (datetime.date(2026, 3, 7), True),
        ("2026-03-07 09:05:00.123456", True),  # a datetime as SQLite is sent one
        ("approved", False),
        (3, False),
    ],
)
def test_dates_and_times_are_told_apart_from_other_constants(value, expected):
    assert prepared._is_time(value) is expected


def test_an_int_typed_for_the_driver_is_a_marker_passed_typed_the_same(commented, monkeypatch):
    """psycopg's ``Int4`` (PostgreSQL, some integer columns) is an ``int`` that is not of type ``int``."""

    class Int4(int):
        pass

    article, _ = commented
    wrap = Article._meta.get_field("id").get_db_prep_value
    monkeypatch.setattr(
        Article._meta.get_field("id"),
        "get_db_prep_value",
        lambda value, *args, **kwargs: Int4(wrap(value, *args, **kwargs)),
    )
    sent = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: sent.append(params) or execute(sql, params, many, context)
    ):
        rows = prepared.values_list("typed", lambda pk: Article.objects.filter(pk=pk).values_list("pk"), pk=article.pk)
    assert rows == [(article.pk,)]
    assert prepared.stats == {"compiled": 1}
    assert [type(value) for value in sent[-1]] == [Int4]


# --- Datetimes on SQLite -----------------------------------------------------------------------------------

EDGE_TIMES = [
    datetime.datetime(2026, 3, 7, 9, 5, 0, 0, tzinfo=datetime.UTC),  # no fraction of a second
    datetime.datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=datetime.UTC),  # a leap day, the last microsecond
    datetime.datetime(2026, 12, 31, 23, 59, 59, 1, tzinfo=datetime.UTC),  # the first microsecond
    datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 123000, tzinfo=datetime.UTC),
]


def test_edge_datetimes_are_what_the_orm_gives(db):
    """Microseconds, leap days, the ends of the calendar and no value at all, on every database."""
    article = make_article()
    for when in EDGE_TIMES:
        make_comment(article, submit_date=when, edited_at=when)
    make_comment(article, edited_at=None)
    rows = prepared.values_list("shown-rows", shown_rows, pk=article.pk)
    assert typed(rows) == typed(list(shown_rows(article.pk)))
    assert prepared.stats == {"compiled": 1}
    assert {row[2] for row in rows} >= set(EDGE_TIMES)
    assert all(row[2].utcoffset() == datetime.timedelta(0) for row in rows)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's datetime converter")
@pytest.mark.parametrize(
    "value",
    [
        None,
        datetime.datetime(2026, 3, 7, 9, 5),
        datetime.datetime(2024, 2, 29, 23, 59, 59, 999999),
        datetime.datetime(2026, 3, 7, 9, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        "2026-03-07 09:05:00",
        "2024-02-29 23:59:59.999999",
        "2026-03-07 09:05:00.5",
        "2026-03-07T09:05:00+02:00",
        "2026-03-07 09:05:00Z",
        "2026-03-07 9:05",  # Django's own pattern reads it, fromisoformat() does not
    ],
)
@pytest.mark.parametrize("use_tz", [True, False])
def test_the_quicker_sqlite_datetime_converter_gives_what_djangos_gives(value, use_tz, settings):
    settings.USE_TZ = use_tz
    django_converter = connection.ops.convert_datetimefield_value
    assert prepared._quicker(django_converter, connection) is prepared._sqlite_datetime
    expected = django_converter(value, None, connection)
    got = prepared._sqlite_datetime(value, None, connection)
    assert (got, type(got), got.tzinfo if got else None) == (
        expected,
        type(expected),
        expected.tzinfo if expected else None,
    )


def test_only_djangos_sqlite_datetime_converter_is_replaced():
    other = connection.ops.convert_booleanfield_value if connection.vendor == "sqlite" else str
    assert prepared._quicker(other, connection) is other
