"""Who may open which admin page and take which action: one table, every role, every door.

Roles are real users in the groups the migrations create. ``login`` means the
admin sent them to its login page (302 to ``/admin/login/``); a change of
state is checked as well as the status code, so a 302 that did nothing
cannot pass for permission. ``kept`` is a 302 that saved the form but
left the locked field as it was (a read-only field's posted value is dropped).

The embargo rows: the writer is bylined on a scheduled article (approved,
due in two days) and must not bring it forward, push it back, rewrite it or
touch its picks; on their own draft they may write but not set the time or
publish. An editor may do all of it.

The review rows: a writer submits their own draft and leaves notes on their own
article, but neither approves nor sends back (by button or by the status list),
and a colleague's article is not theirs to open (the admin sends them away:
kept). Only a desk editor approves or sends back.
"""

from datetime import UTC, datetime, timedelta

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from articles import revisions
from articles.models import Article, Correction, LiveEntry, RelatedPick, ReviewNote, SiteSettings
from comments.models import Comment
from tests.articles.test_admin import article_form_data
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "commenter", "writer", "moderator", "editor", "superuser"]
L = "login"  # a 302 to the admin's login page
K = "kept"  # a 302 that changed nothing: a read-only field's posted value dropped, or an action not offered

# One row per door; the columns follow ROLES. L: sent to the login page. "own" articles are the writer's.
# fmt: off
MATRIX = [
    # door                     anonymous commenter writer moderator editor superuser
    ("admin index",               L,   L, 200, 200, 200, 200),
    ("article changelist",        L,   L, 200, 403, 200, 200),
    ("article add",               L,   L, 200, 403, 200, 200),
    ("own article change",        L,   L, 200, 403, 200, 200),
    ("other's article change",    L,   L, 302, 403, 200, 200),
    ("publish action",            L,   L,   K, 403, 302, 302),
    ("comment changelist",        L,   L, 403, 200, 403, 200),
    ("comment change",            L,   L, 403, 200, 403, 200),
    ("approve",                   L,   L, 403, 302, 403, 302),
    ("spam",                      L,   L, 403, 302, 403, 302),
    ("trash",                     L,   L, 403, 302, 403, 302),
    ("restore",                   L,   L, 403, 302, 403, 302),
    ("approve action",            L,   L, 403, 302, 403, 302),
    ("site settings",             L,   L, 403, 403, 302, 302),
    ("site settings change",      L,   L, 403, 403, 302, 302),
    ("scheduled: publish_at to the past", L, L, 403, 403, 302, 302),
    ("scheduled: publish_at to 2030", L,   L, 403, 403, 302, 302),
    ("scheduled: headline",       L,   L, 403, 403, 302, 302),
    ("scheduled: add a pick",     L,   L, 403, 403, 302, 302),
    ("own published: headline",   L,   L, 403, 403, 302, 302),
    ("own draft: headline",       L,   L, 302, 403, 302, 302),
    ("own draft: publish_at",     L,   L,   K, 403, 302, 302),
    ("own draft: publish",        L,   L, 200, 403, 302, 302),
    ("live entries",              L,   L, 200, 403, 200, 200),
    ("own live draft: post an entry", L, L, 302, 403, 302, 302),
    ("own live story: post an entry", L, L, 200, 403, 302, 302),
    ("own live story: change an entry", L, L, 403, 403, 302, 302),
    # The review queue: the writer's own article in review, and a colleague's.
    ("own draft: submit for review", L, L, 302, 403, 302, 302),
    ("own in review: approve",    L,   L, 403, 403, 302, 302),
    ("own in review: send back",  L,   L, 403, 403, 302, 302),
    ("own in review: publish",    L,   L, 200, 403, 302, 302),
    ("own in review: add a note", L,   L, 302, 403, 302, 302),
    ("other's in review: approve", L,  L,   K, 403, 302, 302),
    ("other's in review: add a note", L, L, K, 403, 302, 302),
    ("own draft history",         L,   L, 200, 403, 200, 200),
    ("other's history",           L,   L, 404, 403, 200, 200),
    ("own draft: restore a revision", L, L, 302, 403, 302, 302),
    ("own published: restore a revision", L, L, 403, 403, 302, 302),
    ("own draft: add a correction", L,  L,   K, 403, 302, 302),
    ("own published: add a correction", L, L, 403, 403, 302, 302),
]
EDITS = {door for door, *_row in MATRIX if ":" in door}
# fmt: on


@pytest.fixture
def world(db):
    writer = make_user(username="wanda", groups=["Writers"])
    wanda = make_author(name="Wanda Writer", slug="wanda", user=writer)
    own = make_article(headline="Wanda's draft", status=Article.Status.DRAFT, created_by=writer)
    other = make_article(headline="Someone else's draft", status=Article.Status.DRAFT)
    published = make_article(headline="On the site")
    # Approved by the desk, embargoed for two days; Wanda is bylined (with a colleague), not its creator.
    scheduled = make_article(
        headline="Embargoed scoop", publish_at=timezone.now() + timedelta(days=2), authors=[make_author(), wanda]
    )
    own_published = make_article(headline="Wanda's story", created_by=writer)
    own_review = make_article(headline="Wanda's story for the desk", status=Article.Status.REVIEW, created_by=writer)
    other_review = make_article(headline="A colleague's story for the desk", status=Article.Status.REVIEW)
    # Two revisions each of the articles whose history is asked for: the first with another headline.
    for article in (own, other, own_published):
        for headline in (f"{article.headline} (first go)", article.headline):
            with revisions.recorded(comment="Saved."):
                Article.objects.filter(pk=article.pk).update(headline=headline)
                reversion.add_to_revision(Article.objects.get(pk=article.pk))
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
    return {
        "users": users,
        "own": own,
        "other": other,
        "published": published,
        "scheduled": scheduled,
        "own_published": own_published,
        "own_review": own_review,
        "other_review": other_review,
        "comment": comment,
    }


def _article_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk


def _publish_at(when):
    local = timezone.localtime(when)
    return {"publish_at_0": local.strftime("%Y-%m-%d"), "publish_at_1": local.strftime("%H:%M:%S")}


def _entry_form(article, text):
    now = timezone.localtime()
    return {
        "article": article.pk,
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "text": text,
        "headline": "",
        "author": "",
        "image_alt": "",
    }


def edit(client, article, **changes):
    """POST ``article``'s change form with ``changes``; return (response, the article as stored now)."""
    response = client.post(
        f"/admin/newsroom_articles/article/{article.pk}/change/", article_form_data(article, **changes)
    )
    return response, Article.objects.get(pk=article.pk)


def knock(client, door, world):
    """Open ``door``; return (response, whether it changed something)."""
    comment = Comment.objects.get(pk=world["comment"].pk)
    other = world["other"]
    moderate = f"/admin/newsroom_comments/comment/{comment.pk}/moderate"
    match door:
        case "admin index":
            return client.get("/admin/"), False
        case "article changelist":
            return client.get("/admin/newsroom_articles/article/"), False
        case "article add":
            return client.get("/admin/newsroom_articles/article/add/"), False
        case "own article change":
            return client.get(f"/admin/newsroom_articles/article/{world['own'].pk}/change/"), False
        case "other's article change":
            return client.get(f"/admin/newsroom_articles/article/{other.pk}/change/"), False
        case "publish action":
            response = client.post(
                "/admin/newsroom_articles/article/",
                {"action": "publish", "_selected_action": [other.pk, world["own"].pk], "index": 0},
            )
            changed = Article.objects.filter(pk__in=[other.pk, world["own"].pk], status="published").exists()
            return response, changed
        case "comment changelist":
            return client.get("/admin/newsroom_comments/comment/"), False
        case "comment change":
            return client.get(f"/admin/newsroom_comments/comment/{comment.pk}/change/"), False
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
                "/admin/newsroom_comments/comment/?status=all",
                {"action": "approve_selected", "_selected_action": [comment.pk], "index": 0},
            )
            return response, Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
        case "site settings":
            return client.get("/admin/newsroom_articles/sitesettings/"), False
        case "site settings change":
            response = client.post(
                "/admin/newsroom_articles/sitesettings/1/change/",
                {
                    "adblock_notice_heading": "Changed",
                    "adblock_notice_text": "Changed.",
                    "adblock_notice_delay_seconds": "1",
                    "adblock_notice_frequency": "session",
                    "adblock_notice_every_days": "7",
                },
            )
            return response, SiteSettings.objects.get().adblock_notice_heading == "Changed"
        case "scheduled: publish_at to the past" | "scheduled: publish_at to 2030":
            # The past: live now, a day early. 2030: pulled from the site (if already live) for years.
            when = timezone.now() - timedelta(days=1) if "past" in door else datetime(2030, 1, 1, 9, tzinfo=UTC)
            response, stored = edit(client, world["scheduled"], **_publish_at(when))
            return response, stored.publish_at != world["scheduled"].publish_at
        case "scheduled: headline":
            response, stored = edit(client, world["scheduled"], headline="Rewritten scoop")
            return response, stored.headline != world["scheduled"].headline
        case "scheduled: add a pick":
            pick = {"picks-TOTAL_FORMS": 1, "picks-0-picked": world["published"].pk, "picks-0-position": 0}
            response, _stored = edit(client, world["scheduled"], **pick)
            return response, RelatedPick.objects.filter(article=world["scheduled"]).exists()
        case "own published: headline":
            response, stored = edit(client, world["own_published"], headline="Rewritten story")
            return response, stored.headline != world["own_published"].headline
        case "own draft: headline":
            response, stored = edit(client, world["own"], headline="Wanda's better draft")
            return response, stored.headline != world["own"].headline
        case "own draft: publish_at":
            response, stored = edit(client, world["own"], **_publish_at(datetime(2030, 1, 1, 9, tzinfo=UTC)))
            return response, stored.publish_at != world["own"].publish_at
        case "own draft: publish":
            response, stored = edit(client, world["own"], status="published")
            return response, stored.status != world["own"].status
        case "live entries":
            return client.get("/admin/newsroom_articles/liveentry/"), False
        case "own live draft: post an entry" | "own live story: post an entry":
            # A writer prepares a live article's entries while it is theirs; once approved, they are the desk's.
            article = world["own"] if "draft" in door else world["own_published"]
            Article.objects.filter(pk=article.pk).update(coverage_start=timezone.now())
            response = client.post("/admin/newsroom_articles/liveentry/add/", _entry_form(article, "<p>Posted.</p>"))
            return response, LiveEntry.objects.filter(article=article).exists()
        case "own live story: change an entry":
            article = world["own_published"]
            Article.objects.filter(pk=article.pk).update(coverage_start=timezone.now())
            entry = LiveEntry.objects.create(article=article, text="<p>From the desk.</p>")
            response = client.post(
                f"/admin/newsroom_articles/liveentry/{entry.pk}/change/", _entry_form(article, "<p>Rewritten.</p>")
            )
            return response, LiveEntry.objects.get(pk=entry.pk).text != entry.text
        case "own draft: submit for review":
            response, stored = edit(client, world["own"], _review="submit")
            return response, stored.status == Article.Status.REVIEW
        case "own in review: approve" | "other's in review: approve":
            article = world["own_review" if door.startswith("own") else "other_review"]
            response, stored = edit(client, article, _review="approve")
            return response, stored.status == Article.Status.PUBLISHED or ReviewNote.objects.exists()
        case "own in review: send back":
            response, stored = edit(client, world["own_review"], _review="send_back", review_note="Start again.")
            return response, stored.status == Article.Status.DRAFT or ReviewNote.objects.exists()
        case "own in review: publish":
            response, stored = edit(client, world["own_review"], status="published")
            return response, stored.status == Article.Status.PUBLISHED
        case "own in review: add a note" | "other's in review: add a note":
            article = world["own_review" if door.startswith("own") else "other_review"]
            response, _stored = edit(client, article, review_note="Only staff read this.")
            return response, ReviewNote.objects.filter(article=article, text="Only staff read this.").exists()
        case "own draft history":
            return client.get(f"/admin/newsroom_articles/article/{world['own'].pk}/history/"), False
        case "other's history":
            return client.get(f"/admin/newsroom_articles/article/{other.pk}/history/"), False
        case "own draft: restore a revision" | "own published: restore a revision":
            article = world["own"] if "draft" in door else world["own_published"]
            first = revisions.versions_of(article).last()
            response = client.post(f"/admin/newsroom_articles/article/{article.pk}/history/{first.pk}/restore/")
            return response, Article.objects.get(pk=article.pk).headline.endswith("(first go)")
        case "own draft: add a correction" | "own published: add a correction":
            article = world["own"] if "draft" in door else world["own_published"]
            now = _publish_at(timezone.now())
            note = {
                "corrections-TOTAL_FORMS": 1,
                "corrections-0-kind": "correction",
                "corrections-0-text": "A fix.",
                "corrections-0-published_at_0": now["publish_at_0"],
                "corrections-0-published_at_1": now["publish_at_1"],
            }
            response, _stored = edit(client, article, **note)
            return response, Correction.objects.filter(article=article).exists()
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
    if expected == K:
        assert response.status_code == 302, response.status_code
        assert not changed, f"{role} could {door}"
        return
    assert response.status_code == expected, (door, role, response.status_code)
    acts = door in {"publish action", "approve", "spam", "trash", "restore", "approve action", "site settings change"}
    acts = acts or door in EDITS
    if acts:
        assert changed == (expected == 302), f"{role} {'could not' if expected == 302 else 'could'} {door}"
