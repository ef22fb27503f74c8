"""The site's SQLite backend gives the query planner statistics as its connections close (newsroom.sqlite)."""

import sqlite3
from contextlib import closing

import pytest
from django.db.utils import ConnectionHandler


def scratch_connection(path):
    return ConnectionHandler({"default": {"ENGINE": "newsroom.sqlite", "NAME": str(path)}})["default"]


def statistics(path):
    with closing(sqlite3.connect(path)) as raw, raw:
        if not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return raw.execute("SELECT tbl, idx FROM sqlite_stat1 ORDER BY tbl, idx").fetchall()


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A file of its own (not the test database), which pytest-django lets these connections reach."""
    path = tmp_path / "site.sqlite3"
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("CREATE TABLE story (id INTEGER PRIMARY KEY, status TEXT, section INTEGER)")
        raw.execute("CREATE INDEX story_status ON story (status, section)")
        raw.executemany("INSERT INTO story (status, section) VALUES (?, ?)", [("live", n % 7) for n in range(3000)])
    with django_db_blocker.unblock():
        yield path


def test_a_closing_connection_gathers_statistics_for_the_tables_its_queries_used(database):
    connection = scratch_connection(database)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM story WHERE status = %s AND section = %s", ["live", 3])
        assert cursor.fetchone() == (429,)
    assert statistics(database) == []

    connection.close()

    assert statistics(database) == [("story", "story_status")]


def test_a_connection_closed_inside_a_transaction_leaves_it_alone(database):
    connection = scratch_connection(database)
    connection.set_autocommit(False)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE story SET section = 6 WHERE id = 1")
        cursor.execute("SELECT count(*) FROM story WHERE status = %s", ["live"])

    connection.close()  # the open transaction is rolled back, as Django's own backend does

    assert statistics(database) == []
    with closing(sqlite3.connect(database)) as raw:
        assert raw.execute("SELECT section FROM story WHERE id = 1").fetchone() == (0,)
