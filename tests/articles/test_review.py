"""The review's steps (articles.review): who may take which, what each records, and what it leaves to mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import review
from articles.models import Article, ReviewNote
from tests.factories import make_article, make_author, make_review_note, make_user

pytestmark = pytest.mark.django_db

Kind = ReviewNote.Kind


@pytest.fixture
def writer():
    return make_user(username="wanda", email="wanda@example.com", groups=["Writers"])


@pytest.fixture
def editor():
    return make_user(username="ed", email="ed@example.com", groups=["Editors"])


@pytest.fixture
def draft(writer):
    return make_article(headline="Harbour dredged", status=Article.Status.DRAFT, created_by=writer)


def test_submitting_puts_the_draft_in_review_and_records_who_and_when(writer, draft):
    note = review.submit(draft, by=writer, text="  Figures checked.  ")
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW
    assert (note.kind, note.author, note.text) == (Kind.SUBMITTED, writer, "Figures checked.")
    assert timezone.now() - note.created < timedelta(seconds=5)
    assert Article.objects.with_submitted_at().get(pk=draft.pk).submitted_at == note.created


def test_only_a_draft_is_submitted(writer, draft):
    review.submit(draft, by=writer)
    with pytest.raises(ValidationError):
        review.submit(draft, by=writer)


def test_a_writer_cannot_submit_a_colleagues_draft(draft):
    with pytest.raises(PermissionDenied):
        review.submit(draft, by=make_user(groups=["Writers"]))
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_a_writer_withdraws_their_article_from_review(writer, draft):
    review.submit(draft, by=writer)
    note = review.withdraw(draft, by=writer)
    assert (Article.objects.get(pk=draft.pk).status, note.kind) == (Article.Status.DRAFT, Kind.WITHDRAWN)


def test_an_editor_sends_back_with_a_note_and_only_with_one(writer, editor, draft):
    review.submit(draft, by=writer)
    with pytest.raises(ValidationError):
        review.send_back(draft, by=editor, text="  ")
    note = review.send_back(draft, by=editor, text="Name the second source.")
    assert (Article.objects.get(pk=draft.pk).status, note.kind) == (Article.Status.DRAFT, Kind.SENT_BACK)


def test_a_writer_can_neither_send_back_nor_approve(writer, draft):
    review.submit(draft, by=writer)
    with pytest.raises(PermissionDenied):
        review.send_back(draft, by=writer, text="Looks fine to me")
    with pytest.raises(PermissionDenied):
        review.approve(draft, by=writer)
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
    assert not ReviewNote.objects.filter(kind__in=ReviewNote.DECISIONS).exists()


def test_approving_publishes_as_of_now_a_draft_written_last_week(writer, editor):
    article = make_article(
        status=Article.Status.REVIEW, created_by=writer, publish_at=timezone.now() - timedelta(days=7)
    )
    before = timezone.now()
    note = review.approve(article, by=editor)
    article.refresh_from_db()
    assert note.kind == Kind.APPROVED
    assert article.status == Article.Status.PUBLISHED and article.is_published
    assert article.publish_at >= before
    assert article.first_published_at == article.publish_at


def test_approving_an_article_timed_for_later_schedules_it(writer, editor):
    later = timezone.now() + timedelta(days=2)
    article = make_article(status=Article.Status.REVIEW, created_by=writer, publish_at=later)
    review.approve(article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at == later
    assert not article.is_published
    assert Article.objects.scheduled().filter(pk=article.pk).exists()


def test_approving_twice_is_refused(editor):
    article = make_article(status=Article.Status.REVIEW)
    review.approve(article, by=editor)
    with pytest.raises(ValidationError):
        review.approve(article, by=editor)


def test_notes_need_text_and_someone_who_may_edit(writer, editor, draft):
    with pytest.raises(ValidationError):
        review.add_note(draft, by=writer, text=" ")
    with pytest.raises(PermissionDenied):
        review.add_note(draft, by=make_user(groups=["Writers"]), text="Not my article")
    with pytest.raises(PermissionDenied):
        review.add_note(draft, by=make_user(groups=["Moderators"]), text="Not an article person")
    review.add_note(draft, by=writer, text="Waiting for the photo.")
    review.add_note(draft, by=editor, text="Photo desk knows.")
    assert [n.text for n in review.notes_for(draft)] == ["Waiting for the photo.", "Photo desk knows."]


def test_a_writer_cannot_add_a_note_once_the_article_is_approved(writer):
    published = make_article(created_by=writer)
    with pytest.raises(PermissionDenied):
        review.add_note(published, by=writer, text="One more thing")


@pytest.mark.parametrize(
    ("before", "after", "by_editor", "kind"),
    [
        ("draft", "review", False, Kind.SUBMITTED),
        ("review", "draft", False, Kind.WITHDRAWN),
        ("review", "draft", True, Kind.SENT_BACK),
        ("review", "published", True, Kind.APPROVED),
        ("draft", "published", True, None),  # published straight away: no review to record
        ("published", "draft", True, None),  # unpublished
        ("draft", "draft", False, None),
    ],
)
def test_a_status_change_made_elsewhere_is_recorded_as_its_step(writer, editor, before, after, by_editor, kind):
    article = make_article(status=after, created_by=writer)
    note = review.record_status_change(article, by=editor if by_editor else writer, before=before, text="Why")
    assert (note.kind if note else None) == kind


def test_unseen_decisions_are_the_desks_decisions_on_own_articles_until_opened(writer, editor, draft):
    bylined = make_article(status=Article.Status.REVIEW, authors=[make_author(user=writer)])
    colleagues = make_article(status=Article.Status.REVIEW)
    review.submit(draft, by=writer)
    sent_back = review.send_back(draft, by=editor, text="Shorter, please.")
    approved = review.approve(bylined, by=editor)
    review.approve(colleagues, by=editor)
    make_review_note(draft, author=editor, text="Just a note")
    assert review.unseen_decisions(writer) == [approved, sent_back]
    assert review.mark_seen(writer, draft) == 1
    assert review.unseen_decisions(writer) == [approved]


def test_submitting_mails_the_desk_after_commit(writer, editor, draft, django_capture_on_commit_callbacks):
    make_user(email="", groups=["Editors"])  # no address: nobody to mail
    make_user(email="gone@example.com", groups=["Editors"], is_active=False)
    make_user(email="other-writer@example.com", groups=["Writers"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.submit(draft, by=writer, text="Ready <b>now</b>")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["ed@example.com"]]
    assert "Harbour dredged" in mail.outbox[0].subject
    assert "Ready <b>now</b>" in mail.outbox[0].body  # plain text mail, not HTML-escaped
    assert f"/admin/newsroom_articles/article/{draft.pk}/change/" in mail.outbox[0].body


def test_review_notify_setting_chooses_the_desks_addresses(
    settings, writer, editor, draft, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_REVIEW_NOTIFY = ["desk@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(draft, by=writer)
    assert [m.to for m in mail.outbox] == [["desk@example.com"]]
    settings.NEWSROOM_REVIEW_NOTIFY = []
    with django_capture_on_commit_callbacks(execute=True):
        review.withdraw(draft, by=writer)
        review.submit(draft, by=writer)
    assert len(mail.outbox) == 1


def test_decisions_mail_the_articles_writers_not_the_editor(writer, editor, draft, django_capture_on_commit_callbacks):
    colleague = make_user(email="co@example.com", groups=["Writers"])
    draft.bylines.create(author=make_author(user=colleague))
    draft.bylines.create(author=make_author(user=editor))  # an editor bylined is not told of their own step
    review.submit(draft, by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        review.send_back(draft, by=editor, text="Name the second source.")
    assert sorted(m.to[0] for m in mail.outbox) == ["co@example.com", "wanda@example.com"]
    assert all("Name the second source." in m.body and "Sent back" in m.subject for m in mail.outbox)
    assert all("ed" not in m.body.split() for m in mail.outbox)  # named by name, never by login
    mail.outbox.clear()
    review.submit(draft, by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(draft, by=editor)
    assert sorted(m.to[0] for m in mail.outbox) == ["co@example.com", "wanda@example.com"]
    assert all("Approved" in m.subject and "on the site" in m.body for m in mail.outbox)


def test_a_submission_withdrawn_before_the_worker_runs_mails_nobody(writer, editor, draft):
    from articles.review_mail import send_review_mail

    note = review.submit(draft, by=writer)
    review.withdraw(draft, by=writer)
    assert send_review_mail.call(note.pk) == 0
    assert send_review_mail.call(note.pk + 1000) == 0  # gone
    assert mail.outbox == []


def test_a_mail_server_that_refuses_is_logged_and_changes_nothing(writer, editor, draft, monkeypatch, caplog):
    import smtplib

    from articles.review_mail import send_review_mail

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    note = review.submit(draft, by=writer)
    assert send_review_mail.call(note.pk) == 0
    assert "Could not send the review mail" in caplog.text
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW


def test_review_queue_is_oldest_submission_first(writer, editor):
    first, second, never = (make_article(status=Article.Status.DRAFT, created_by=writer) for _ in range(3))
    review.submit(first, by=writer)
    review.submit(second, by=writer)
    make_article(status=Article.Status.DRAFT)
    Article.objects.filter(pk=never.pk).update(status=Article.Status.REVIEW)  # in review before the queue existed
    first.refresh_from_db()
    review.withdraw(first, by=writer)
    review.submit(first, by=writer)  # back in the queue: it waits from its latest submission
    assert list(Article.objects.review_queue()) == [never, second, first]


def test_notes_never_reach_readers_or_staff_reading_the_site(client, writer, editor):
    """No page, feed, sitemap or search result shows a note, not even to the article's own editor."""
    article = make_article(headline="Harbour dredged", status=Article.Status.REVIEW, created_by=writer, tags=["port"])
    review.add_note(article, by=editor, text="Desk-only-remark about the harbour")
    review.approve(article, by=editor, text="Approval-remark about the harbour")
    author = article.bylines.get().author
    pages = [
        article.get_absolute_url(),
        "/",
        article.category.get_absolute_url(),
        author.get_absolute_url(),
        "/tag/port/",
        "/search/?q=harbour",
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
    ]
    for viewer in (None, editor):
        if viewer:
            client.force_login(viewer)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            assert b"remark" not in response.content, page
        # Search does not find the article by a word only its notes hold.
        assert "Harbour dredged" not in client.get("/search/?q=remark").text
