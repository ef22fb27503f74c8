"""The article admin's revisions (articles.admin_revisions): recorded on every save, listed, compared, restored."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import revisions
from articles.models import Article, Correction
from tests.articles.test_admin import article_form_data, change_url
from tests.factories import make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db


def history_url(article):
    return reverse("admin:newsroom_articles_article_history", args=[article.pk])


def compare_url(article, older=None, newer=None):
    url = reverse("admin:newsroom_articles_article_compare", args=[article.pk])
    return f"{url}?from={older.pk}&to={newer.pk}" if older else url


def restore_url(article, version):
    return reverse("admin:newsroom_articles_article_restore", args=[article.pk, version.pk])


def versions(article):
    return list(revisions.versions_of(article))  # newest first


@pytest.fixture
def editor(db):
    return make_user(groups=["Editors"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def story(editor_client):
    """A published story saved twice through the admin: a first revision, then a second with a new headline."""
    article = make_article(
        headline="Harbour closes", body="<p>The harbour closed at noon on Monday.</p>", tags=["ports"]
    )
    editor_client.post(change_url(article), article_form_data(article))
    article.refresh_from_db()
    editor_client.post(change_url(article), article_form_data(article, headline="Harbour shuts for repairs"))
    article.refresh_from_db()
    return article


def test_each_admin_save_keeps_a_revision_with_its_user_and_what_changed(story, editor):
    newest, first = versions(story)

    assert newest.revision.user == editor
    assert "Headline" in newest.revision.get_comment()
    assert newest.field_dict["headline"] == "Harbour shuts for repairs"
    assert first.field_dict["headline"] == "Harbour closes"
    # The bylines and tags go into the same revision as the article.
    followed = Version.objects.filter(revision=newest.revision).exclude(content_type__model="article")
    assert {version.content_type.model for version in followed} >= {"byline"}


def test_adding_an_article_keeps_its_first_revision(editor_client):
    make_category(slug="news")
    data = article_form_data(category=Article._meta.get_field("category").related_model.objects.get().pk)
    response = editor_client.post(reverse("admin:newsroom_articles_article_add"), data)

    assert response.status_code == 302
    article = Article.objects.get()
    [version] = versions(article)
    assert version.revision.get_comment() == "Added."


def test_the_publish_action_keeps_one_revision_per_article(editor_client, editor):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]

    editor_client.post(
        reverse("admin:newsroom_articles_article_changelist"),
        {"action": "publish", "_selected_action": [a.pk for a in drafts], "index": 0},
    )

    for draft in drafts:
        [version] = versions(draft)
        assert version.field_dict["status"] == "published"
        assert version.revision.user == editor
        # Its own revision: restoring it can never touch the other article.
        assert version.revision.version_set.filter(content_type__model="article").count() == 1


def test_a_save_outside_the_admin_keeps_one_revision_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(headline="From a script", tags=["ports"])
        article.headline = "From a script, again"
        article.save()
        article.corrections.create(text="A date was wrong.")

    [version] = versions(article)
    assert version.field_dict["headline"] == "From a script, again"
    assert version.revision.get_comment() == "Saved outside the admin."
    [snapshot] = revisions.snapshots([version])
    assert snapshot.value("tags") == "ports"
    assert "A date was wrong." in snapshot.value("corrections")


def test_a_transaction_saving_several_rows_of_one_article_queues_one_revision(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = make_article(headline="From a script", tags=["ports", "harbours"])
        other = make_article(headline="Another")
        article.headline = "From a script, again"
        article.save()
        article.corrections.create(text="A date was wrong.")
        article.bylines.create(author=make_author(), position=0)
    recorders = [callback for callback in callbacks if getattr(callback, "article_id", None) is not None]
    assert sorted(callback.article_id for callback in recorders) == sorted([article.pk, other.pk])


def test_a_savepoint_rolled_back_takes_its_queued_revision_with_it(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(headline="Before")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                article.save()
                raise RuntimeError
        except RuntimeError:
            pass
        article.headline = "After"
        article.save()
    assert versions(article)[0].field_dict["headline"] == "After"


def test_tags_changed_outside_the_admin_are_a_revision_too(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(tags=["ports"])
    with django_capture_on_commit_callbacks(execute=True):
        article.tags.add("harbours")

    newest, older = revisions.snapshots(versions(article)[:2])
    assert (older.value("tags"), newest.value("tags")) == ("ports", "harbours, ports")
    assert revisions.changed_fields(older, newest) == ["Tags"]


def test_the_history_lists_revisions_newest_first_with_the_fields_they_changed(editor_client, story):
    response = editor_client.get(history_url(story))

    assert response.status_code == 200
    html = response.text
    assert html.count('<tr id="revision-') == 2
    newest, first = versions(story)
    assert html.index(f'id="revision-{newest.pk}"') < html.index(f'id="revision-{first.pk}"')
    assert '<td class="changed-fields">Headline</td>' in html
    assert compare_url(story) in html


def test_comparing_two_revisions_marks_words_taken_out_and_put_in(editor_client, story):
    newest, first = versions(story)

    response = editor_client.get(compare_url(story, first, newest))

    assert response.status_code == 200
    assert "Harbour <del>closes</del><ins>shuts for repairs</ins>" in response.text
    assert f'action="{restore_url(story, first)}"' in response.text
    assert restore_url(story, newest) not in response.text  # the current one: nothing to restore


def test_the_comparison_escapes_what_writers_typed(editor_client, story):
    editor_client.post(
        change_url(story),
        article_form_data(story, headline="<script>alert(1)</script>", body="<p>The harbour &amp; the <b>pier</b></p>"),
    )
    newest, older, _first = versions(story)

    html = editor_client.get(compare_url(story, older, newest)).text

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; the pier</ins>" in html  # the body as text, its entity decoded and escaped again


def test_the_body_is_compared_word_by_word_as_readers_read_it():
    diff = revisions.word_diff(
        revisions.body_text("<p>The harbour closed at noon.</p><p>Boats wait.</p>"),
        revisions.body_text("<p>The harbour closed at dawn.</p><p>Boats wait.</p>"),
    )

    assert diff == "The harbour closed at <del>noon.</del><ins>dawn.</ins>\n\nBoats wait."


def test_without_parameters_the_last_two_revisions_are_compared(editor_client, story):
    response = editor_client.get(compare_url(story))

    assert "Harbour <del>closes</del><ins>shuts for repairs</ins>" in response.text


@pytest.mark.parametrize("query", ["?from=x&to=1", "?from=1", "?to=2", "?from=1&to=99999999999999999999x"])
def test_malformed_comparisons_are_bad_requests(editor_client, story, query):
    assert editor_client.get(compare_url(story) + query).status_code == 400


def test_a_revision_of_another_article_is_not_found(editor_client, story):
    other = make_article()
    editor_client.post(change_url(other), article_form_data(other))
    [theirs] = versions(other)
    [ours, _first] = versions(story)

    assert editor_client.get(compare_url(story, theirs, ours)).status_code == 404
    assert editor_client.post(restore_url(story, theirs)).status_code == 404
    assert editor_client.get(compare_url(story) + "?from=99999&to=99998").status_code == 404


def test_restoring_brings_back_text_bylines_and_tags_as_a_new_revision(editor_client, editor, story):
    first_author = story.bylines.get().author
    newest, first = versions(story)
    newcomer = make_author(name="New Comer")
    data = article_form_data(story, body="<p>Rewritten.</p>", tags="harbours")
    data.update({"bylines-0-author": newcomer.pk})
    editor_client.post(change_url(story), data)
    story.corrections.create(text="The harbour closed on Monday, not Tuesday.")

    response = editor_client.post(restore_url(story, first))

    assert response.status_code == 302
    assert response["Location"] == change_url(story)
    story.refresh_from_db()
    assert story.headline == "Harbour closes"
    assert story.body == "<p>The harbour closed at noon on Monday.</p>"
    assert [b.author for b in story.bylines.all()] == [first_author]
    assert list(story.tags.names()) == ["ports"]
    # Whether readers see it, when and where, and the public record of corrections stay as they were.
    assert story.status == Article.Status.PUBLISHED
    assert story.corrections.count() == 1
    restored = versions(story)[0]
    assert restored.revision.user == editor
    assert restored.revision.get_comment().startswith("Restored the revision of ")
    assert restored.field_dict["headline"] == "Harbour closes"
    [snapshot] = revisions.snapshots([restored])
    assert snapshot.value("bylines") == first_author.name
    assert "Monday, not Tuesday" in snapshot.value("corrections")


def test_restoring_keeps_the_status_publish_time_and_address(editor_client, story):
    newest, first = versions(story)
    later = timezone.now() + timedelta(days=1)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT, publish_at=later, slug="moved")

    editor_client.post(restore_url(story, first))

    story.refresh_from_db()
    assert (story.status, story.publish_at, story.slug) == (Article.Status.DRAFT, later, "moved")


def test_restoring_keeps_a_running_live_coverage_and_the_comment_switches(editor_client, story):
    newest, first = versions(story)
    started = timezone.now() - timedelta(hours=1)
    Article.objects.filter(pk=story.pk).update(
        coverage_start=started,
        comments_enabled=False,
        comments_closed_message="Closed while the case is in court.",
        comments_premoderated=True,
    )

    editor_client.post(restore_url(story, first))

    story.refresh_from_db()
    assert story.headline == "Harbour closes"  # the text came back ...
    assert story.coverage_start == started and story.coverage_end is None  # ... the live coverage runs on
    assert (story.comments_enabled, story.comments_closed_message, story.comments_premoderated) == (
        False,
        "Closed while the case is in court.",
        True,
    )


def test_restoring_purges_the_page(editor_client, story, local_page_cache, django_capture_on_commit_callbacks):
    newest, first = versions(story)
    reader = type(editor_client)()
    assert "Harbour shuts for repairs" in reader.get(story.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(restore_url(story, first))

    response = reader.get(story.get_absolute_url())
    assert "Harbour closes" in response.text
    assert "Harbour shuts for repairs" not in response.text


def test_a_revision_naming_a_deleted_section_is_not_restored(editor_client, story):
    newest, first = versions(story)
    old_section = story.category
    story.category = make_category()
    story.save()
    old_section.delete()

    response = editor_client.post(restore_url(story, first), follow=True)

    assert "section has been deleted" in response.text
    story.refresh_from_db()
    assert story.headline == "Harbour shuts for repairs"


def test_restoring_takes_a_post(editor_client, story):
    newest, first = versions(story)

    assert editor_client.get(restore_url(story, first)).status_code == 405


def test_restoring_needs_the_csrf_token(story, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    newest, first = versions(story)

    assert client.post(restore_url(story, first)).status_code == 403
    story.refresh_from_db()
    assert story.headline == "Harbour shuts for repairs"


# --- Writers -----------------------------------------------------------------------------------------------


@pytest.fixture
def writer():
    return make_user(groups=["Writers"])


def _writers_article(client, writer, **kwargs):
    article = make_article(headline="My first try", status=Article.Status.DRAFT, created_by=writer, **kwargs)
    client.force_login(writer)
    client.post(change_url(article), article_form_data(article))
    client.post(change_url(article), article_form_data(article, headline="My second try"))
    return article


def test_a_writer_restores_a_revision_of_their_own_draft(client, writer):
    article = _writers_article(client, writer)
    newest, first = versions(article)

    assert client.get(history_url(article)).status_code == 200
    assert client.post(restore_url(article, first)).status_code == 302
    article.refresh_from_db()
    assert article.headline == "My first try"


def test_a_writer_cannot_restore_onto_an_article_the_desk_approved(client, writer):
    article = _writers_article(client, writer)
    newest, first = versions(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)

    # They may still read its history and compare (it is their own), with no restore button.
    assert client.get(history_url(article)).status_code == 200
    assert "Restore the revision" not in client.get(compare_url(article, first, newest)).text
    assert client.post(restore_url(article, first)).status_code == 403
    article.refresh_from_db()
    assert article.headline == "My second try"


def test_a_writer_sees_no_history_of_a_colleagues_article(client, writer, story):
    client.force_login(writer)
    newest, first = versions(story)

    assert client.get(history_url(story)).status_code == 404
    assert client.get(compare_url(story, first, newest)).status_code == 404
    assert client.post(restore_url(story, first)).status_code == 404


# --- Corrections in the revisions ---------------------------------------------------------------------------


def correction_forms(*notes, new=()):
    """The corrections inline's POST data: ``notes`` as they are stored, then ``new`` ones as (kind, text)."""
    data = {
        "corrections-TOTAL_FORMS": len(notes) + len(new),
        "corrections-INITIAL_FORMS": len(notes),
        "corrections-MIN_NUM_FORMS": 0,
        "corrections-MAX_NUM_FORMS": 1000,
    }
    when = timezone.localtime()
    for i, note in enumerate(notes):
        data.update(
            {
                f"corrections-{i}-id": note.pk,
                f"corrections-{i}-article": note.article_id,
                f"corrections-{i}-kind": note.kind,
                f"corrections-{i}-text": note.text,
                f"corrections-{i}-published_at_0": timezone.localtime(note.published_at).strftime("%Y-%m-%d"),
                f"corrections-{i}-published_at_1": timezone.localtime(note.published_at).strftime("%H:%M:%S"),
            }
        )
    for i, (kind, text) in enumerate(new, start=len(notes)):
        data.update(
            {
                f"corrections-{i}-kind": kind,
                f"corrections-{i}-text": text,
                f"corrections-{i}-published_at_0": when.strftime("%Y-%m-%d"),
                f"corrections-{i}-published_at_1": when.strftime("%H:%M:%S"),
            }
        )
    return data


def test_an_editor_adds_a_correction_in_the_article_form(editor_client, editor, story):
    data = {**article_form_data(story), **correction_forms(new=[("correction", "It closed on Monday.")])}

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 302
    note = story.corrections.get()
    assert (note.kind, note.text, note.created_by) == ("correction", "It closed on Monday.", editor)
    assert "Added correction “Correction: It closed on Monday.”" in versions(story)[0].revision.get_comment()


def test_editing_or_deleting_a_correction_leaves_a_trail(editor_client, story):
    editor_client.post(
        change_url(story), {**article_form_data(story), **correction_forms(new=[("correction", "Monday.")])}
    )
    note = story.corrections.get()
    note.text = "Tuesday."
    editor_client.post(change_url(story), {**article_form_data(story), **correction_forms(note)})
    deleting = correction_forms(note)
    deleting["corrections-0-DELETE"] = "on"
    editor_client.post(change_url(story), {**article_form_data(story), **deleting})

    assert not Correction.objects.exists()
    deleted, edited, added, *_older = revisions.snapshots(versions(story))
    assert "Monday." in added.value("corrections")
    assert "Tuesday." in edited.value("corrections")
    assert deleted.value("corrections") == ""
    assert revisions.changed_fields(edited, deleted) == ["Corrections and updates"]
    html = editor_client.get(compare_url(story, added.version, deleted.version)).text
    assert "<del>" in html and "Monday." in html
    assert "Deleted correction “Correction: Tuesday.”" in editor_client.get(history_url(story)).text


def test_a_correction_cannot_be_dated_in_the_future(editor_client, story):
    data = {**article_form_data(story), **correction_forms(new=[("update", "Later.")])}
    later = timezone.localtime() + timedelta(days=1)
    data["corrections-0-published_at_0"] = later.strftime("%Y-%m-%d")

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 200
    assert "cannot be dated in the future" in response.text
    assert not Correction.objects.exists()


def test_writers_cannot_add_corrections(client, writer):
    article = _writers_article(client, writer)
    data = {**article_form_data(article), **correction_forms(new=[("correction", "Mine.")])}

    client.post(change_url(article), data)

    assert not Correction.objects.exists()


# --- Query budgets -----------------------------------------------------------------------------------------


def _warm(client, url):
    # Content types are cached per process once read: warm them so the count is the same in any test order.
    ContentType.objects.clear_cache()
    client.get(url)


# History: 1 session 2 user 3-4 the editor's permissions (the user's own, the group's) 5 the article
# (with its bylines prefetched: 6) 7 how many versions 8 the page's versions with their revisions and users
# 9 the bylines', tags' and corrections' versions of those revisions 10 authors' 11 sections' 12 tags' names.
HISTORY_QUERIES = 12


def _history(client, article, django_assert_num_queries):
    _warm(client, history_url(article))
    with django_assert_num_queries(HISTORY_QUERIES):
        response = client.get(history_url(article))
    assert response.status_code == 200
    return response


def test_history_query_budget(editor_client, story, django_assert_num_queries):
    _history(editor_client, story, django_assert_num_queries)


def test_history_query_budget_twin_with_ten_more_revisions(editor_client, story, django_assert_num_queries):
    for n in range(10):
        data = article_form_data(story, headline=f"Harbour, take {n}", tags=f"tag {n}")
        editor_client.post(change_url(story), {**data, **correction_forms(*story.corrections.all())})
        story.corrections.create(text=f"Note {n}.")

    response = _history(editor_client, story, django_assert_num_queries)
    assert response.text.count('<tr id="revision-') == 12


# Compare: 1 session 2 user 3-4 permissions 5 the article (6 its bylines) 7 the two versions asked for
# 8 the latest version's id 9 the two revisions' bylines', tags' and corrections' versions 10 authors'
# 11 sections' 12 tags' names.
COMPARE_QUERIES = 12


def _compare(client, article, django_assert_num_queries):
    newest, *_rest, first = versions(article)
    _warm(client, compare_url(article, first, newest))
    with django_assert_num_queries(COMPARE_QUERIES):
        response = client.get(compare_url(article, first, newest))
    assert response.status_code == 200
    return response


def test_compare_query_budget(editor_client, story, django_assert_num_queries):
    _compare(editor_client, story, django_assert_num_queries)


def test_compare_query_budget_twin_with_ten_more_bylines_tags_and_corrections(
    editor_client, story, django_assert_num_queries
):
    data = article_form_data(story, tags=", ".join(f"tag {n}" for n in range(10)))
    for n in range(10):
        author = make_author()
        data.update({f"bylines-{n + 1}-author": author.pk, f"bylines-{n + 1}-position": n + 1})
        story.corrections.create(text=f"Note {n}.")
    data.update({"bylines-TOTAL_FORMS": 11})
    editor_client.post(change_url(story), {**data, **correction_forms(*story.corrections.all())})
    assert story.bylines.count() == 11

    response = _compare(editor_client, story, django_assert_num_queries)
    assert response.text.count("<ins>") >= 3  # bylines, tags, corrections


def test_a_change_spanning_several_words_reads_as_one():
    assert revisions.word_diff("Harbour reopens after the storm", "Harbour stays shut") == (
        "Harbour <del>reopens after the storm</del><ins>stays shut</ins>"
    )
    assert revisions.word_diff("a b c d", "a x c y") == "a <del>b</del><ins>x</ins> c <del>d</del><ins>y</ins>"


def test_a_change_of_section_or_of_a_field_not_compared_is_named(editor_client, story):
    data = article_form_data(story, category=make_category(name="Coast").pk, lead_image_alt="Cranes at dusk")
    editor_client.post(change_url(story), data)
    newest, older, _first = revisions.snapshots(versions(story))

    assert revisions.changed_fields(older, newest) == ["Section", "lead image alt"]
    assert "Section" in editor_client.get(history_url(story)).text


def test_a_body_with_the_same_words_and_other_formatting_is_marked_changed(editor_client, story):
    body = "<p>The harbour closed at <strong>noon</strong> on Monday.</p>"
    editor_client.post(change_url(story), article_form_data(story, body=body))
    newest, older, _first = revisions.snapshots(versions(story))

    [body] = [diff for diff in revisions.compare(older, newest) if diff.label == "Body"]
    assert body.changed
    assert "Formatting changed." in body.diff
    assert revisions.changed_fields(older, newest) == ["Body"]


def test_a_revision_compared_with_itself_shows_no_change(editor_client, story):
    newest, _first = versions(story)

    response = editor_client.get(compare_url(story, newest, newest))

    assert response.status_code == 200
    assert 'class="changed"' not in response.text


def test_an_article_with_one_revision_has_nothing_to_compare_yet(editor_client):
    article = make_article()
    editor_client.post(change_url(article), article_form_data(article))

    assert editor_client.get(compare_url(article)).status_code == 404
    assert "1 revision" in editor_client.get(history_url(article)).text


def test_a_revision_naming_a_deleted_author_is_not_restored(editor_client, story):
    newest, first = versions(story)
    byline = story.bylines.get()
    author = byline.author
    byline.delete()
    author.delete()

    response = editor_client.post(restore_url(story, first), follow=True)

    assert "bylines has been deleted since" in response.text
    assert not story.bylines.exists()


def test_deleting_an_article_outside_the_admin_records_nothing_and_fails_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article()
    assert len(versions(article)) >= 1
    kept = Version.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).delete()  # its bylines go with it, each asking for a revision

    assert Version.objects.count() == kept


def test_the_history_is_paginated(editor_client, story, monkeypatch):
    from django.contrib import admin

    monkeypatch.setattr(admin.site.get_model_admin(Article), "revisions_per_page", 1)
    newest, first = versions(story)

    one, two = editor_client.get(history_url(story)).text, editor_client.get(history_url(story) + "?p=2").text

    assert f'id="revision-{newest.pk}"' in one and f'id="revision-{first.pk}"' not in one
    assert '<td class="changed-fields">Headline</td>' in one  # told from the revision off the page
    assert f'id="revision-{first.pk}"' in two
    assert "2 revisions" in two
    assert editor_client.get(history_url(story) + "?p=3").status_code == 404
    assert editor_client.get(history_url(story) + "?p=x").status_code == 404
