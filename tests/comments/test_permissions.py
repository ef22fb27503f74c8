import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django_comments.models import Comment as ContribComment
from django_comments_xtd.models import XtdComment

from comments.models import Comment
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_comments_comment_changelist")


def moderate_url(comment, verb):
    return reverse("admin:newsroom_comments_comment_moderate", args=[comment.pk, verb])


def test_the_moderators_group_has_exactly_its_permissions():
    perms = Group.objects.get(name="Moderators").permissions.select_related("content_type")
    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in perms) == [
        # The notice above every comment thread (comments.announcements).
        "newsroom_comments.add_announcement",
        "newsroom_comments.change_announcement",
        "newsroom_comments.change_comment",
        "newsroom_comments.delete_announcement",
        "newsroom_comments.moderate_comment",
        "newsroom_comments.view_announcement",
        "newsroom_comments.view_comment",
        # The site-wide list of commenter rules (comments.admin_rules), read-only.
        "newsroom_comments.view_commenterrule",
        "newsroom_comments.view_commentevent",
        "newsroom_comments.view_commentreport",
    ]


def test_moderators_see_nothing_of_the_articles_admin(client):
    client.force_login(make_user(groups=["Moderators"]))
    assert client.get(reverse("admin:newsroom_articles_article_changelist")).status_code == 403
    assert client.get(CHANGELIST).status_code == 200


def test_nobody_adds_comments_in_the_admin_and_moderators_do_not_delete(client):
    moderator = make_user(groups=["Moderators"])
    client.force_login(moderator)
    assert client.get(reverse("admin:newsroom_comments_comment_add")).status_code == 403
    comment = make_comment(make_article(), status="pending")
    assert client.get(reverse("admin:newsroom_comments_comment_delete", args=[comment.pk])).status_code == 403
    assert "delete_selected" not in client.get(CHANGELIST).content.decode()


@pytest.mark.parametrize("groups", [["Writers"], []], ids=["writer", "staff-without-permissions"])
def test_others_on_the_staff_get_403_everywhere(client, groups):
    client.force_login(make_user(groups=groups))
    comment = make_comment(make_article(), status="pending")
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:newsroom_comments_comment_change", args=[comment.pk])).status_code == 403
    for verb in ("approve", "spam", "not_spam", "trash", "restore", "check_again"):
        assert client.post(moderate_url(comment, verb)).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_viewing_without_moderating_offers_no_buttons_or_actions(client):
    viewer = make_user()
    viewer.user_permissions.add(*Group.objects.get(name="Moderators").permissions.exclude(codename="moderate_comment"))
    client.force_login(viewer)
    comment = make_comment(make_article(), status="pending")

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert "approve_selected" not in response.content.decode()
    assert client.post(moderate_url(comment, "approve")).status_code == 403
    client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [comment.pk], "index": 0})
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_superusers_may_do_everything(client):
    client.force_login(User.objects.create_superuser("root", "root@news.example", "pw"))
    comment = make_comment(make_article(), status="pending")
    assert client.get(CHANGELIST).status_code == 200
    assert client.post(moderate_url(comment, "approve")).status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    assert "delete_selected" in client.get(CHANGELIST, {"status": "all"}).content.decode()


def test_moderation_posts_need_the_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(groups=["Moderators"]))
    comment = make_comment(make_article(), status="pending")
    assert client.post(moderate_url(comment, "approve")).status_code == 403
    token = client.get(CHANGELIST).context["csrf_token"]
    assert client.post(moderate_url(comment, "approve"), {"csrfmiddlewaretoken": str(token)}).status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    comment = make_comment(make_article(), status="pending")
    response = client.post(moderate_url(comment, "approve"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_the_libraries_base_models_have_no_admin_of_their_own():
    assert admin.site.is_registered(Comment)
    assert not admin.site.is_registered(XtdComment)
    assert not admin.site.is_registered(ContribComment)
