"""``manage.py setup_roles``: the groups a site gets, made by a command it runs, not by the plugin's migrations."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from articles.roles import declared_roles

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def held(name):
    perms = Group.objects.get(name=name).permissions.select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}" for p in perms}


def test_migrations_alone_make_no_groups():
    Group.objects.all().delete()  # what the test set-up's setup_roles made
    call_command("migrate", verbosity=0)  # nothing to apply: the plugin's migrations hold no groups
    assert not Group.objects.exists()


def test_it_creates_the_three_groups_with_what_each_app_declares():
    Group.objects.all().delete()

    output = run()

    assert set(Group.objects.values_list("name", flat=True)) == {"Editors", "Writers", "Moderators"}
    assert "newsroom_articles.publish_article" in held("Editors")
    assert "newsroom_articles.change_sitesettings" in held("Editors")
    assert "newsroom_articles.publish_article" not in held("Writers")
    assert held("Moderators") == {
        "newsroom_comments.change_comment",
        "newsroom_comments.moderate_comment",
        "newsroom_comments.view_comment",
        "newsroom_comments.view_commenterrule",
        "newsroom_comments.view_commentevent",
        "newsroom_comments.view_commentreport",
        # The notice above every comment thread (comments.announcements), which editors may write too.
        "newsroom_comments.add_announcement",
        "newsroom_comments.change_announcement",
        "newsroom_comments.delete_announcement",
        "newsroom_comments.view_announcement",
    }
    assert "newsroom_comments.add_announcement" in held("Editors")
    assert "Editors: added" in output


def test_running_it_again_changes_nothing_and_keeps_what_the_site_added():
    editors = Group.objects.get(name="Editors")
    extra = Permission.objects.get(codename="view_user")
    editors.permissions.add(extra)
    before = held("Editors")

    output = run()

    assert held("Editors") == before
    assert "Editors: up to date" in output


def test_it_gives_back_a_permission_taken_from_a_group():
    Group.objects.get(name="Writers").permissions.remove(Permission.objects.get(codename="add_article"))
    output = run()
    assert "newsroom_articles.add_article" in held("Writers")
    assert "Writers: added 1 permission(s): newsroom_articles.add_article" in output


def test_a_site_app_can_declare_roles_of_its_own(monkeypatch):
    auth = apps.get_app_config("auth")
    monkeypatch.setattr(auth, "newsroom_roles", {"Moderators": {"auth.user": ["view"]}}, raising=False)

    assert declared_roles()["Moderators"][("auth", "user")] == {"view_user"}
    run()
    assert "auth.view_user" in held("Moderators")


def test_a_permission_that_does_not_exist_is_an_error_and_nothing_is_written(monkeypatch):
    auth = apps.get_app_config("auth")
    monkeypatch.setattr(auth, "newsroom_roles", {"Proofreaders": {"auth.user": ["proofread_user"]}}, raising=False)

    with pytest.raises(CommandError, match=r"Proofreaders: no such permissions: auth\.proofread_user"):
        run()
    assert not Group.objects.filter(name="Proofreaders").exists()
