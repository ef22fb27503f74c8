"""The one Django internal the browser tests' fixtures rely on: where serialized rollback keeps its snapshot."""

import inspect

from django.db import connection
from django.test import TransactionTestCase
from django.test.utils import setup_databases

from tests.browser.conftest import keep_serialized_snapshot, serialized_snapshot


def test_django_still_keeps_the_serialized_snapshot_on_the_connection():
    for name, function in (
        ("django.test.utils.setup_databases", setup_databases),
        ("TransactionTestCase._fixture_setup", TransactionTestCase._fixture_setup),
    ):
        assert "._test_serialized_contents" in inspect.getsource(function), (
            f"{name} no longer uses connection._test_serialized_contents: "
            "fix serialized_snapshot and keep_serialized_snapshot in tests/browser/conftest.py"
        )


def test_the_snapshot_goes_where_serialized_rollback_reads_it():
    before = serialized_snapshot(connection)
    try:
        keep_serialized_snapshot(connection, "[]")
        assert serialized_snapshot(connection) == "[]"
        assert connection._test_serialized_contents == "[]"
    finally:
        keep_serialized_snapshot(connection, before)
