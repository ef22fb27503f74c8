"""Commenters' names may be 100 characters; django-contrib-comments' column holds 50.

Only PostgreSQL enforces varchar lengths; SQLite stores any length, so there
the migration does nothing. Django's model state keeps max_length=50 (the
field belongs to django-contrib-comments); our form enforces 100.
"""

from django.db import migrations


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE django_comments ALTER COLUMN user_name TYPE varchar(100)")


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE django_comments ALTER COLUMN user_name TYPE varchar(50) USING left(user_name, 50)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_spam_classifier"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(widen, narrow, elidable=False)]
