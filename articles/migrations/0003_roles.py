"""Create the Editors, Writers and Moderators groups (see articles/roles.py for what each may do).

Permissions are normally created after all migrations have run, so they are
created here first. The lists are frozen in this file on purpose: later
changes to the roles get their own migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ["add", "change", "delete", "view"]

EDITORS = {
    ("articles", "article"): ALL + ["publish"],
    ("articles", "author"): ALL,
    ("articles", "category"): ALL,
    ("articles", "byline"): ALL,
    ("articles", "relatedpick"): ALL,
    ("articles", "relatedsuggestion"): ["view"],
    ("taggit", "tag"): ALL,
    ("taggit", "taggeditem"): ALL,
}
WRITERS = {
    ("articles", "article"): ["add", "change", "view"],
    # The article form's inlines: bylines and editor's picks.
    ("articles", "byline"): ALL,
    ("articles", "relatedpick"): ALL,
    ("articles", "author"): ["view"],
    ("articles", "category"): ["view"],
    ("taggit", "tag"): ["view"],
}


def codename(action, model):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Writers", WRITERS), ("Moderators", {})):
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            Permission.objects.get(content_type__app_label=app, content_type__model=model, codename=codename(a, model))
            for (app, model), actions in grants.items()
            for a in actions
        ]
        group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Writers", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_terms"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
