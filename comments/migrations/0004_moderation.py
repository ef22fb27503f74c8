"""Moderation: an index for "approved before" counts, and the Moderators group's permissions.

The commenter's e-mail address lives in django-contrib-comments' table, whose
model is not ours, so its index is added here with the schema editor (Django's
model state does not track it; the autodetector never sees it).

The Moderators group is created if it does not exist yet, so this does not
depend on the order in which the articles app's role migration runs.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EMAIL_INDEX = models.Index(fields=["user_email"], name="nr_comment_user_email_idx")

MODERATORS = "Moderators"
GRANTS = {
    "comment": ["view", "change", "moderate"],
    "commentevent": ["view"],
    "commentreport": ["view"],
}


def add_email_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("django_comments", "Comment"), EMAIL_INDEX)


def remove_email_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("django_comments", "Comment"), EMAIL_INDEX)


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label="comments", content_type__model=model, codename=f"{action}_{model}"
        )
        for model, actions in GRANTS.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=MODERATORS)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=MODERATORS).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_widen_commenter_name"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_email_index, remove_email_index),
        migrations.RunPython(grant, revoke),
    ]
