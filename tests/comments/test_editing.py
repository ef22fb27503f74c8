"""The edit window (comments.editing and the edit page): who may edit, for how long, and what an edit does."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sites.models import Site
from django.test import Client
from django.utils import timezone

from comments import editing
from comments.models import Comment, CommentEvent
from comments.spam.base import Band, CheckResult, Verdict
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_category, make_comment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


@pytest.fixture
def recheck(monkeypatch):
    """The spam filter's second look at an edited text, on a leash: ``recheck.band = "hold"``."""

    class FakeRecheck:
        band = "publish"
        texts = []

        def __call__(self, comment, **kwargs):
            self.texts.append(comment.comment)
            result = CheckResult(score=0.1, reason=f"looked {self.band}", check="fake")
            return Verdict(band=self.band, score=0.1, results=(result,))

    fake = FakeRecheck()
    monkeypatch.setattr("comments.spam.pipeline.recheck", fake)
    return fake


@pytest.fixture
def article():
    return make_article(slug="talks", category=make_category(slug="world"))


def post(client, article, text="A thoughtful remark about the talks."):
    client.post("/comments/post/", form_data(article, comment=text))
    return Comment.objects.latest("pk")


def edit_url(comment):
    return f"/comments/{comment.pk}/edit/"


def test_the_writer_edits_within_the_window(client, article, spam_filter, recheck, commit):
    comment = post(client, article)

    page = client.get(edit_url(comment))
    with commit():
        response = client.post(edit_url(comment), {"comment": "A better remark about the talks."})

    assert page.status_code == 200
    assert "A thoughtful remark about the talks." in page.content.decode()
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert response.status_code == 302 and response["Location"] == f"/world/talks/#c{comment.pk}"
    comment.refresh_from_db()
    assert comment.comment == "A better remark about the talks."
    assert comment.edited_at is not None
    assert comment.status == Comment.Status.APPROVED
    assert recheck.texts == ["A better remark about the talks."]


def test_the_history_keeps_the_old_text_and_the_verdict(client, article, spam_filter, recheck):
    comment = post(client, article, "First version.")

    client.post(edit_url(comment), {"comment": "Second version."})

    event = comment.events.get(action=CommentEvent.Action.EDITED)
    assert event.previous_text == "First version."
    assert event.actor_label == "writer"
    assert event.reason == "published: looked publish (+0.1)"
    assert Comment.objects.get(pk=comment.pk).spam_reasons[0]["reason"] == "looked publish"


def test_an_edit_after_the_window_is_refused_with_the_text_kept(client, article, spam_filter, recheck):
    comment = post(client, article, "Original.")

    with time_machine.travel(timezone.now() + timedelta(seconds=301)):
        response = client.post(edit_url(comment), {"comment": "Too late <b>edit</b>."})

    html = response.content.decode()
    assert response.status_code == 403
    assert "The time for editing this comment is over." in html
    assert "Too late &lt;b&gt;edit&lt;/b&gt;." in html
    assert Comment.objects.get(pk=comment.pk).comment == "Original."


def test_someone_else_is_refused_even_typing_the_same_name_and_address(client, article, spam_filter, recheck):
    comment = post(client, article, "Original.")
    stranger = Client()

    looked = stranger.get(edit_url(comment))
    response = stranger.post(
        edit_url(comment), {"comment": "Hijacked.", "name": "Jo Reader", "email": "jo@example.com"}
    )

    assert looked.status_code == 403
    assert response.status_code == 403
    assert "Only the person who wrote this comment can edit it" in response.content.decode()
    assert "Hijacked." in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).comment == "Original."


def test_a_forged_cookie_proves_nothing(article, recheck):
    comment = make_comment(article, text="Original.")
    forger = Client()
    forger.cookies["newsroom_pending"] = str(comment.pk)  # not signed

    assert forger.post(edit_url(comment), {"comment": "Forged."}).status_code == 403


def test_the_signed_in_writer_edits_from_another_browser(article, recheck):
    user = make_user(username="sam")
    comment = make_comment(article, user=user, text="Original.")
    elsewhere = Client()
    elsewhere.force_login(user)

    response = elsewhere.post(edit_url(comment), {"comment": "Edited from my phone."})

    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).comment == "Edited from my phone."
    assert CommentEvent.objects.get(action="edited").actor == user


def test_another_account_is_refused(article, recheck):
    comment = make_comment(article, user=make_user(username="sam"), text="Original.")
    other = Client()
    other.force_login(make_user(username="kim"))

    assert other.post(edit_url(comment), {"comment": "Not mine."}).status_code == 403


@pytest.mark.parametrize("status", [Comment.Status.SPAM, Comment.Status.TRASH])
def test_spam_and_trash_cannot_be_edited(article, recheck, status):
    user = make_user(username="sam")
    comment = make_comment(article, user=user, status=status, text="Original.")
    client = Client()
    client.force_login(user)

    response = client.post(edit_url(comment), {"comment": "Let me back in."})

    assert response.status_code == 403
    assert "can no longer be edited" in response.content.decode()


def test_editing_switched_off(client, article, spam_filter, recheck, settings):
    settings.NEWSROOM_COMMENTS_EDIT_SECONDS = 0
    comment = post(client, article, "Original.")

    assert client.post(edit_url(comment), {"comment": "No."}).status_code == 403


def test_an_empty_edit_is_refused_and_nothing_changes(client, article, spam_filter, recheck):
    comment = post(client, article, "Original.")

    response = client.post(edit_url(comment), {"comment": "   "})

    assert response.status_code == 400
    assert Comment.objects.get(pk=comment.pk).comment == "Original."


def test_missing_comments_are_404(client):
    assert client.get("/comments/999999/edit/").status_code == 404
    assert client.get(f"/comments/{2**63}/edit/").status_code == 404


def test_an_edit_that_turns_spammy_is_held_with_history_and_reasons(client, article, spam_filter, recheck, commit):
    comment = post(client, article, "Original.")
    recheck.band = "hold"

    with commit():
        response = client.post(edit_url(comment), {"comment": "Call 555-0100 now for cheap loans."})

    comment.refresh_from_db()
    assert response["Location"] == "/world/talks/#comments"
    assert comment.status == Comment.Status.PENDING
    assert comment.previous_status == Comment.Status.APPROVED
    assert comment.spam_band == Band.HOLD
    assert list(comment.events.values_list("action", "from_status", "to_status", "actor_label")) == [
        ("", "", "approved", "spam filter"),
        ("edited", "approved", "approved", "writer"),
        ("", "approved", "pending", "spam filter"),
    ]
    # Still shown to its writer as awaiting moderation.
    mine = client.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}").json()
    assert [item["id"] for item in mine["comments"]] == [comment.pk]


def test_the_real_spam_filter_checks_the_edited_text(client, article, spam_filter, settings):
    settings.NEWSROOM_COMMENTS_BLOCK_WORDS = ["casino"]
    comment = post(client, article, "Original.")

    client.post(edit_url(comment), {"comment": "Visit my casino."})

    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert "casino" in comment.events.get(action="edited").reason


def test_a_better_verdict_never_publishes_a_held_comment(client, article, spam_filter, recheck):
    spam_filter.band = "hold"
    comment = post(client, article, "Original.")

    response = client.post(edit_url(comment), {"comment": "Held, edited."})

    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.status == Comment.Status.PENDING
    assert comment.comment == "Held, edited."


def test_readers_see_edited_and_cached_pages_are_purged(
    client, article, spam_filter, recheck, commit, local_page_cache
):
    comment = post(client, article, "Original words.")
    reader = Client()
    assert reader.get("/world/talks/")["X-Page-Cache"] == "miss"
    assert reader.get("/world/talks/")["X-Page-Cache"] == "hit"

    with commit():
        client.post(edit_url(comment), {"comment": "Edited words."})
    page = reader.get("/world/talks/")

    html = page.content.decode()
    assert page["X-Page-Cache"] == "miss"
    assert "Edited words." in html and "Original words." not in html
    assert '<span class="nr-edited">edited <time datetime="' in html
    assert "/edit/" not in html  # the Edit link is the script's, for the writer only


def test_mine_names_the_comments_still_editable(client, article, spam_filter):
    comment = post(client, article)
    url = f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}"

    assert client.get(url).json()["editable"] == [{"id": comment.pk, "url": edit_url(comment)}]
    assert Client().get(url).json()["editable"] == []
    with time_machine.travel(timezone.now() + timedelta(seconds=301)):
        assert client.get(url).json()["editable"] == []


def test_the_edit_page_costs_four_queries(client, article, spam_filter, django_assert_num_queries):
    comment = post(client, article)
    Site.objects.get_current()
    for _ in range(10):
        make_comment(article)

    # The comment; the object it is on (visible to readers?); the object's section (its URL);
    # the site settings the page's chrome reads. No session for a signed-out reader.
    with django_assert_num_queries(4):
        assert client.get(edit_url(comment)).status_code == 200


def test_the_window_setting_is_checked(settings):
    from comments.system_checks import check_reader_settings

    settings.NEWSROOM_COMMENTS_EDIT_SECONDS = -1
    assert "comments.E015" in {e.id for e in check_reader_settings(None)}
    settings.NEWSROOM_COMMENTS_EDIT_SECONDS = 0
    assert "comments.E015" not in {e.id for e in check_reader_settings(None)}
    settings.NEWSROOM_COMMENTS_EDIT_SECONDS = 3600
    settings.NEWSROOM_COMMENTS_PENDING_COOKIE_AGE = 1800
    assert "comments.W016" in {e.id for e in check_reader_settings(None)}


def test_refusal_is_empty_for_the_writer_in_time(rf, article):
    user = make_user(username="sam")
    comment = make_comment(article, user=user)
    request = rf.get("/")
    request.user = user
    assert editing.refusal(request, comment) == ""
    assert editing.refusal(request, comment, now=comment.submit_date + timedelta(seconds=301))


def test_without_the_script_the_writer_finds_an_edit_link_and_others_do_not(client, article, spam_filter):
    comment = post(client, article)

    mine = client.get("/world/talks/")
    theirs = Client().get("/world/talks/")

    assert f'<a href="{edit_url(comment)}">Edit</a>' in mine.content.decode()
    assert edit_url(comment) not in theirs.content.decode()


def test_mine_costs_four_queries_however_many_comments(
    client, article, spam_filter, django_assert_num_queries, settings
):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    post(client, article)
    url = f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}"
    client.get(url)  # warm the per-process caches (content type, sections)

    # The object (visible to readers?); the reader's held comments; the ones still editable;
    # an approved one the cookie names (the trust cookie).
    with django_assert_num_queries(4):
        client.get(url)
    for n in range(10):
        post(client, article, text=f"Another remark about the talks, number {n}.")
    spam_filter.band = "hold"
    post(client, article, text="A held remark.")
    with django_assert_num_queries(4):
        data = client.get(url).json()
    assert len(data["editable"]) == 12 and len(data["comments"]) == 1


def test_a_signed_in_writer_gets_edit_links_in_any_browser(article):
    user = make_user(username="sam")
    comment = make_comment(article, user=user)
    elsewhere = Client()
    elsewhere.force_login(user)

    page = elsewhere.get("/world/talks/").content.decode()
    mine = elsewhere.get(f"/comments/mine/?ct=newsroom_articles.article&pk={article.pk}").json()

    assert " data-signed-in" in page  # the script asks /comments/mine/ without the pending cookie
    assert " data-signed-in" not in Client().get("/world/talks/").content.decode()
    assert mine["editable"] == [{"id": comment.pk, "url": edit_url(comment)}]
