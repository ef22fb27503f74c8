"""The review queue in the article admin (articles.admin_review): buttons, notes, status counts and query budgets.

Who may press which button through which door is also in tests/security/test_permission_matrix.py.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import review
from articles.models import Article, ReviewNote
from tests.articles.test_admin import CHANGELIST, action_data, article_form_data, change_url
from tests.factories import make_article, make_author, make_review_note, make_user

pytestmark = pytest.mark.django_db

Kind = ReviewNote.Kind
QUEUE = CHANGELIST + "?status__exact=review"


@pytest.fixture
def writer():
    user = make_user(username="wanda", email="wanda@example.com", groups=["Writers"])
    make_author(name="Wanda Writer", user=user)
    return user


@pytest.fixture
def editor():
    user = make_user(username="ed", email="ed@example.com", groups=["Editors"])
    make_author(name="Edith Desk", user=user)
    return user


@pytest.fixture
def draft(writer):
    return make_article(headline="Harbour dredged", status=Article.Status.DRAFT, created_by=writer)


def step(client, article, name, **changes):
    """Press the review's button ``name`` on ``article``'s change form, with ``changes`` to the form."""
    return client.post(change_url(article), {**article_form_data(article, **changes), "_review": name})


# --- The writer's buttons ----------------------------------------------------------------------------------


def test_a_writer_submits_with_a_note_and_the_desk_is_mailed(
    client, writer, editor, draft, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    html = client.get(change_url(draft)).text
    assert 'name="_review" value="submit"' in html
    assert 'value="approve"' not in html and 'value="send_back"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, draft, "submit", headline="Harbour dredged at last", review_note="Ready.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.headline) == (Article.Status.REVIEW, "Harbour dredged at last")  # edits saved too
    note = ReviewNote.objects.get()
    assert (note.kind, note.author, note.text) == (Kind.SUBMITTED, writer, "Ready.")
    assert [m.to for m in mail.outbox] == [["ed@example.com"]]


def test_choosing_in_review_in_the_status_list_is_a_submission_too(client, writer, draft):
    client.force_login(writer)
    assert client.post(change_url(draft), article_form_data(draft, status="review")).status_code == 302
    assert ReviewNote.objects.get().kind == Kind.SUBMITTED


def test_a_writer_takes_their_article_back_to_draft(client, writer, draft):
    review.submit(draft, by=writer)
    client.force_login(writer)
    html = client.get(change_url(draft)).text
    assert 'value="withdraw"' in html and 'value="submit"' not in html
    assert step(client, draft, "withdraw").status_code == 302
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    assert ReviewNote.objects.latest("pk").kind == Kind.WITHDRAWN


def test_a_writer_submits_from_the_list(client, writer, draft):
    colleagues = make_article(status=Article.Status.DRAFT)
    client.force_login(writer)
    client.post(CHANGELIST, action_data("submit_for_review", draft, colleagues))
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
    assert Article.objects.get(pk=colleagues.pk).status == Article.Status.DRAFT  # not in the writer's list
    assert list(ReviewNote.objects.values_list("article", "kind")) == [(draft.pk, Kind.SUBMITTED)]


def test_a_step_the_status_does_not_allow_is_a_form_error(client, writer, draft):
    client.force_login(writer)
    response = step(client, draft, "withdraw")
    assert response.status_code == 200
    assert "cannot take that step now" in response.text
    assert step(client, draft, "jump").status_code == 200
    assert not ReviewNote.objects.exists()


# --- The desk's buttons ------------------------------------------------------------------------------------


def test_an_editor_sends_back_only_with_a_note(client, writer, editor, draft, django_capture_on_commit_callbacks):
    review.submit(draft, by=writer)
    client.force_login(editor)
    html = client.get(change_url(draft)).text
    assert 'value="send_back"' in html and 'value="approve"' in html
    response = step(client, draft, "send_back")
    assert response.status_code == 200
    assert "a note is required to send an article back" in response.text
    assert 'value="send_back"' in response.text  # the form again, with the buttons of the status as stored
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, draft, "send_back", review_note="Name the second source.")
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    assert ReviewNote.objects.latest("pk").text == "Name the second source."
    assert [m.to for m in mail.outbox] == [["wanda@example.com"]]
    assert "Edith Desk sent" in mail.outbox[0].body


def test_an_editor_moving_an_article_out_of_review_by_the_status_list_needs_a_note_too(client, writer, editor, draft):
    review.submit(draft, by=writer)
    draft.refresh_from_db()
    client.force_login(editor)
    response = client.post(change_url(draft), article_form_data(draft, status="draft"))
    assert response.status_code == 200
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
    client.post(change_url(draft), article_form_data(draft, status="draft", review_note="Not yet."))
    assert ReviewNote.objects.latest("pk").kind == Kind.SENT_BACK


def test_an_editor_approves_and_the_article_is_live_at_once(
    client, writer, editor, draft, page_cache, django_capture_on_commit_callbacks
):
    Article.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(days=3))
    draft.refresh_from_db()
    review.submit(draft, by=writer)
    client.get("/")
    assert "Harbour dredged" not in client.get("/").text  # the home page, kept in the page cache
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, draft, "approve", review_note="Lovely.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and timezone.now() - draft.publish_at < timedelta(minutes=1)  # not back-dated
    assert ReviewNote.objects.latest("pk").kind == Kind.APPROVED
    client.logout()
    assert "Harbour dredged" in client.get("/").text  # purged like any publish
    assert [m.to for m in mail.outbox] == [["wanda@example.com"]]


def test_approving_an_article_timed_for_later_schedules_it(client, writer, editor, draft):
    later = timezone.now() + timedelta(days=2)
    Article.objects.filter(pk=draft.pk).update(publish_at=later)
    draft.refresh_from_db()
    review.submit(draft, by=writer)
    client.force_login(editor)
    assert step(client, draft, "approve").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and not draft.is_published
    assert abs(draft.publish_at - later) < timedelta(seconds=1)


def test_the_publish_action_approves_what_is_in_review(client, writer, editor, draft):
    review.submit(draft, by=writer)
    client.force_login(editor)
    client.post(CHANGELIST, action_data("publish", draft))
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED
    assert ReviewNote.objects.latest("pk").kind == Kind.APPROVED


# --- Notes -------------------------------------------------------------------------------------------------


def test_save_with_a_note_leaves_the_note(client, writer, draft):
    client.force_login(writer)
    client.post(change_url(draft), article_form_data(draft, review_note="Waiting for the photo."))
    note = ReviewNote.objects.get()
    assert (note.kind, note.text, Article.objects.get(pk=draft.pk).status) == (
        Kind.NOTE,
        "Waiting for the photo.",
        Article.Status.DRAFT,
    )


def test_notes_are_shown_escaped_with_names_not_logins(client, writer, editor, draft):
    make_review_note(draft, author=editor, text='<script>alert("x")</script>\nSecond line')
    client.force_login(writer)
    html = client.get(change_url(draft)).text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Second line" in html
    assert "<script>alert" not in html
    assert "Edith Desk" in html
    assert ">ed<" not in html and " ed," not in html


def test_a_writer_sees_the_notes_of_their_approved_article_but_cannot_add_one(client, writer, editor):
    published = make_article(created_by=writer)
    make_review_note(published, author=editor, kind=Kind.APPROVED, text="Well done.")
    client.force_login(writer)
    html = client.get(change_url(published)).text
    assert "Well done." in html
    assert 'name="review_note"' not in html and 'name="_review"' not in html


def test_opening_the_article_marks_the_desks_decisions_seen(client, writer, editor, draft):
    review.submit(draft, by=writer)
    review.send_back(draft, by=editor, text="Shorter.")
    client.force_login(editor)
    client.get(change_url(draft))
    assert ReviewNote.objects.get(kind=Kind.SENT_BACK).seen_at is None  # the desk looking is not the writer told
    client.force_login(writer)
    client.get(change_url(draft))
    assert ReviewNote.objects.get(kind=Kind.SENT_BACK).seen_at is not None


def _notes(article, editor, writer, count):
    for n in range(count):
        make_review_note(article, author=editor if n % 2 else writer, text=f"Note number {n}")


# The change form of an article with notes, as an editor sees it:
# 1. session  2. user  3.-4. the editor's permissions (own, group's)  5. the article  6. its bylines with authors
# 7. its tags  8. the byline inline's rows  9. the picks inline's rows  10. the corrections inline's rows
# 11. the article's notes, each with its author and the author's byline name (one join), oldest first
# 12. sections for the section field  13. the chosen section  14. the automatic suggestions
# 15. the bylined author (autocomplete)  16. the article for the picks' "article" field  17. authors for the byline
# A writer's form costs one more: 18. marking the desk's decisions on it seen (one UPDATE).
EDITOR_FORM_QUERIES = 17


@pytest.mark.parametrize("more", [0, 10], ids=["one note", "ten more notes"])
def test_change_form_with_notes_query_count(client, writer, editor, draft, django_assert_num_queries, more):
    _notes(draft, editor, writer, 1 + more)
    client.force_login(editor)
    client.get(change_url(draft))  # content types and the site, cached for the process
    with django_assert_num_queries(EDITOR_FORM_QUERIES):
        response = client.get(change_url(draft))
    assert response.text.count('class="review-note ') == 1 + more


@pytest.mark.parametrize("more", [0, 10], ids=["one decision", "ten more"])
def test_writers_change_form_query_count(client, writer, editor, draft, django_assert_num_queries, more):
    review.submit(draft, by=writer)
    review.send_back(draft, by=editor, text="Shorter.")
    _notes(draft, editor, writer, more)
    for _ in range(more):
        make_review_note(draft, author=editor, kind=Kind.SENT_BACK)
    client.force_login(writer)
    client.get(change_url(draft))
    ReviewNote.objects.update(seen_at=None)
    with django_assert_num_queries(EDITOR_FORM_QUERIES + 1) as queries:
        response = client.get(change_url(draft))
    assert sum(q["sql"].startswith("UPDATE") for q in queries.captured_queries) == 1
    assert response.text.count('class="review-note ') == 2 + 2 * more
    assert not ReviewNote.objects.filter(kind=Kind.SENT_BACK, seen_at=None).exists()


# --- The list: status counts and the queue -----------------------------------------------------------------


def test_the_status_filter_counts_what_the_user_may_see(client, writer, editor, draft):
    make_article(status=Article.Status.REVIEW, created_by=writer)
    make_article(status=Article.Status.REVIEW)
    make_article()
    client.force_login(editor)
    html = client.get(CHANGELIST).text
    assert "Draft (1)" in html and "In review (2)" in html
    assert "Published (" not in html  # the archive is not counted on every visit
    client.force_login(writer)
    html = client.get(CHANGELIST).text
    assert "Draft (1)" in html and "In review (1)" in html


def test_the_queue_lists_the_longest_waiting_first(client, writer, editor):
    older, newer = (make_article(status=Article.Status.DRAFT, created_by=writer) for _ in range(2))
    review.submit(older, by=writer)
    review.submit(newer, by=writer)
    ReviewNote.objects.filter(article=older).update(created=timezone.now() - timedelta(days=2))
    client.force_login(editor)
    listed = list(client.get(QUEUE).context["cl"].result_list)
    assert listed == [older, newer]
    by_headline = list(client.get(QUEUE + "&o=1").context["cl"].result_list)  # a column chosen: its order
    assert by_headline == sorted([older, newer], key=lambda a: a.headline)


def _queue(client, django_assert_num_queries):
    # 1. session  2. user  3.-4. the editor's permissions  5. how many drafts and articles in review (the filter)
    # 6. sections for the filter  7. authors for the filter  8. the queue's count
    # 9. the page of articles in review with when each was submitted (a subquery), oldest first
    # 10. their bylines with authors
    with django_assert_num_queries(10):
        response = client.get(QUEUE)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("more", [0, 10], ids=["one article", "ten more"])
def test_queue_query_count(client, writer, editor, django_assert_num_queries, more):
    for _ in range(1 + more):
        review.submit(make_article(status=Article.Status.DRAFT, created_by=writer), by=writer)
    make_article()
    client.force_login(editor)
    response = _queue(client, django_assert_num_queries)
    assert len(response.context["cl"].result_list) == 1 + more
    assert f"In review ({1 + more})" in response.text


# --- The admin index ---------------------------------------------------------------------------------------


def test_the_desk_sees_the_queue_on_the_admin_index(client, writer, editor):
    waiting = make_article(headline="Bridge <closed>", status=Article.Status.DRAFT, created_by=writer)
    review.submit(waiting, by=writer)
    client.force_login(editor)
    html = client.get(reverse("admin:index")).text
    assert "1 article in review" in html
    assert "Bridge &lt;closed&gt;" in html
    assert f'href="{QUEUE}"' in html


def test_a_writer_sees_decisions_they_have_not_opened_on_the_admin_index(client, writer, editor, draft):
    review.submit(draft, by=writer)
    review.send_back(draft, by=editor, text="Name <em>both</em> sources.")
    client.force_login(writer)
    html = client.get(reverse("admin:index")).text
    assert "Harbour dredged" in html and "sent back by Edith Desk" in html
    assert "Name &lt;em&gt;both&lt;/em&gt; sources." in html
    client.get(change_url(draft))
    assert "Harbour dredged" not in client.get(reverse("admin:index")).text


def test_a_moderator_sees_no_review_block(client):
    client.force_login(make_user(groups=["Moderators"]))
    html = client.get(reverse("admin:index")).text
    assert 'id="review-queue"' not in html


@pytest.mark.parametrize("value", ["<script>", "published%00", "x" * 300, ""])
def test_a_malformed_status_parameter_is_not_an_error(client, editor, value):
    client.force_login(editor)
    response = client.get(CHANGELIST, {"status__exact": value})
    assert response.status_code == 200  # the filter ignores what it does not know, as Django's own
    assert "<script>" not in response.text
    assert len(response.context["cl"].result_list) == Article.objects.count()


def test_the_desk_returns_an_article_only_with_a_note_whichever_button(client, writer, editor, draft):
    review.submit(draft, by=writer)
    client.force_login(editor)
    assert 'value="withdraw"' not in client.get(change_url(draft)).text
    response = step(client, draft, "withdraw")  # posted by hand
    assert response.status_code == 200
    assert "a note is required" in response.text
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
