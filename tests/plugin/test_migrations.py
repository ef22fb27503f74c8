"""The plugin's migrations: only its own tables, all of it in Django's migration state."""

import pytest
from django.apps import apps
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

PLUGIN_APPS = ("newsroom_articles", "newsroom_comments", "newsroom_spam")


def plugin_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [migration for (app, _name), migration in sorted(loader.disk_migrations.items()) if app in PLUGIN_APPS]


def test_every_plugin_app_has_migrations():
    assert {m.app_label for m in plugin_migrations()} == set(PLUGIN_APPS)


# Migrations that fill a table of their own app with rows derived from its other tables, named with what
# they write. Never other apps' rows (groups, permissions) nor schema: those go through the state or a command.
FILLS_OWN_ROWS = {
    "newsroom_articles.0007_section_listing": "SectionListing, from the articles and sections",
}


@pytest.mark.parametrize("migration", plugin_migrations(), ids=lambda m: f"{m.app_label}.{m.name}")
def test_no_operation_works_outside_the_migration_state(migration):
    """No SQL or Python the autodetector cannot see: no groups, no indexes on other apps' tables."""
    hidden = (migrations.RunSQL, migrations.RunPython, migrations.SeparateDatabaseAndState)
    found = [type(op).__name__ for op in migration.operations if isinstance(op, hidden)]
    if f"{migration.app_label}.{migration.name}" in FILLS_OWN_ROWS:
        assert found == ["RunPython"]
    else:
        assert found == []


def test_tables_are_named_after_the_labels():
    for label in PLUGIN_APPS:
        for model in apps.get_app_config(label).get_models():
            assert model._meta.db_table.startswith(f"{label}_"), model._meta.db_table
