"""Who may open which admin page and take which action: one table, every role, every door.

Roles are real users in the groups the migrations create. ``login`` means the
admin sent them to its login page (302 to ``/admin/login/``); a change of
state is checked as well as the status code, so a 302 that did nothing
cannot pass for permission.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from articles.models import Article, SiteSettings
from comments.models import Comment
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "commenter", "writer", "moderator", "editor", "superuser"]
L = "login"  # a 302 to the admin's login page

# One row per door; the columns follow ROLES. L: sent to the login page. "own" articles are the writer's.
# fmt: off
MATRIX = [
    # door                     anonymous commenter writer moderator editor superuser
    ("admin index",               L,   L, 200, 200, 200, 200),
    ("article changelist",        L,   L, 200, 403, 200, 200),
    ("article add",               L,   L, 200, 403, 200, 200),
    ("own article change",        L,   L, 200, 403, 200, 200),
    ("other's article change",    L,   L, 302, 403, 200, 200),
    ("publish action",            L,   L, 200, 403, 302, 302),
    ("comment changelist",        L,   L, 403, 200, 403, 200),
    ("comment change",            L,   L, 403, 200, 403, 200),
    ("approve",                   L,   L, 403, 302, 403, 302),
    ("spam",                      L,   L, 403, 302, 403, 302),
    ("trash",                     L,   L, 403, 302, 403, 302),
    ("restore",                   L,   L, 403, 302, 403, 302),
    ("approve action",            L,   L, 403, 302, 403, 302),
    ("site settings",             L,   L, 403, 403, 302, 302),
    ("site settings change",      L,   L, 403, 403, 302, 302),
]
# fmt: on


@pytest.fixture
def world(db):
    writer = make_user(username="wanda", groups=["Writers"])
    make_author(name="Wanda Writer", slug="wanda", user=writer)
    own = make_article(headline="Wanda's draft", status=Article.Status.DRAFT, created_by=writer)
    other = make_article(headline="Someone else's draft", status=Article.Status.DRAFT)
    published = make_article(headline="On the site")
    comment = Comment(
        content_type_id=_article_type(),
        object_pk=str(published.pk),
        site_id=1,
        user_name="Reader",
        user_email="reader@example.com",
        comment="Held for review.",
        status=Comment.Status.PENDING,
    )
    comment.save()
    SiteSettings().save()
    users = {
        "anonymous": AnonymousUser(),
        "commenter": make_user(username="cora", is_staff=False),
        "writer": writer,
        "moderator": make_user(username="mo", groups=["Moderators"]),
        "editor": make_user(username="ed", groups=["Editors"]),
        "superuser": get_user_model().objects.create_superuser("root", "root@example.com", "x"),
    }
    return {"users": users, "own": own, "other": other, "comment": comment}


def _article_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk


def knock(client, door, world):
    """Open ``door``; return (response, whether it changed something)."""
    comment = Comment.objects.get(pk=world["comment"].pk)
    other = world["other"]
    moderate = f"/admin/comments/comment/{comment.pk}/moderate"
    match door:
        case "admin index":
            return client.get("/admin/"), False
        case "article changelist":
            return client.get("/admin/articles/article/"), False
        case "article add":
            return client.get("/admin/articles/article/add/"), False
        case "own article change":
            return client.get(f"/admin/articles/article/{world['own'].pk}/change/"), False
        case "other's article change":
            return client.get(f"/admin/articles/article/{other.pk}/change/"), False
        case "publish action":
            response = client.post(
                "/admin/articles/article/",
                {"action": "publish", "_selected_action": [other.pk, world["own"].pk], "index": 0},
            )
            changed = Article.objects.filter(status=Article.Status.PUBLISHED).count() > 1
            return response, changed
        case "comment changelist":
            return client.get("/admin/comments/comment/"), False
        case "comment change":
            return client.get(f"/admin/comments/comment/{comment.pk}/change/"), False
        case "approve" | "spam" | "trash":
            response = client.post(f"{moderate}/{door}/")
            return response, Comment.objects.get(pk=comment.pk).status != comment.status
        case "restore":
            comment.status, comment.previous_status = Comment.Status.TRASH, Comment.Status.PENDING
            comment.save()
            response = client.post(f"{moderate}/restore/")
            return response, Comment.objects.get(pk=comment.pk).status != Comment.Status.TRASH
        case "approve action":
            response = client.post(
                "/admin/comments/comment/?status=all",
                {"action": "approve_selected", "_selected_action": [comment.pk], "index": 0},
            )
            return response, Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
        case "site settings":
            return client.get("/admin/articles/sitesettings/"), False
        case "site settings change":
            response = client.post(
                "/admin/articles/sitesettings/1/change/",
                {
                    "adblock_notice_heading": "Changed",
                    "adblock_notice_text": "Changed.",
                    "adblock_notice_delay_seconds": "1",
                    "adblock_notice_frequency": "session",
                    "adblock_notice_every_days": "7",
                },
            )
            return response, SiteSettings.objects.get().adblock_notice_heading == "Changed"
    raise AssertionError(f"unknown door {door}")


CASES = [(door, role, expected) for door, *row in MATRIX for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_role_for_every_door():
    assert all(len(row) == len(ROLES) + 1 for row in MATRIX)


@pytest.mark.parametrize(("door", "role", "expected"), CASES, ids=[f"{d}-{r}" for d, r, _ in CASES])
def test_permission_matrix(client, world, door, role, expected):
    user = world["users"][role]
    if user.is_authenticated:
        client.force_login(user)
    response, changed = knock(client, door, world)
    if expected == L:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/admin/login/")
        assert not changed
        return
    assert response.status_code == expected, (door, role, response.status_code)
    acts = door in {"publish action", "approve", "spam", "trash", "restore", "approve action", "site settings change"}
    if acts:
        assert changed == (expected == 302), f"{role} {'could not' if expected == 302 else 'could'} {door}"
