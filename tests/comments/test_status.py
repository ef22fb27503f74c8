import pytest
import time_machine
from django.utils import timezone

from comments import status
from comments.models import Comment, CommenterRule, CommentEvent
from comments.spam.base import CheckResult, Verdict
from tests.comments.reader_helpers import form_data
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

PENDING, APPROVED, SPAM, TRASH = (
    Comment.Status.PENDING,
    Comment.Status.APPROVED,
    Comment.Status.SPAM,
    Comment.Status.TRASH,
)


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def learner(monkeypatch):
    """Stands in for the spam filter's learner and records what status changes taught it."""
    from comments.spam import learning

    taught = []
    monkeypatch.setattr(
        learning,
        "learn_from_decision",
        lambda comment, *, from_status, to_status: taught.append((comment.pk, from_status, to_status)),
    )
    return taught


def fresh(comment):
    return Comment.objects.get(pk=comment.pk)


@time_machine.travel("2026-03-02 10:00 +0000", tick=False)
def test_approving_writes_status_history_and_previous_status(article):
    alice = make_user(username="alice")
    comment = make_comment(article, status=PENDING)

    status.change_status(comment, APPROVED, by=alice)

    stored = fresh(comment)
    assert (stored.status, stored.previous_status) == (APPROVED, PENDING)
    assert stored.status_changed_at == timezone.now()
    assert stored.is_public and not stored.is_removed
    event = stored.events.get()
    assert (event.actor, event.actor_label, event.from_status, event.to_status) == (alice, "alice", PENDING, APPROVED)
    assert str(event) == "pending → approved by alice"


def test_automatic_decisions_name_what_decided(article):
    comment = make_comment(article, status=APPROVED)

    status.change_status(comment, PENDING, by_label="reader reports", reason="3 reports")

    event = comment.events.get()
    assert (event.actor, event.actor_label, event.reason) == (None, "reader reports", "3 reports")
    assert not fresh(comment).is_public


@pytest.mark.parametrize("to_status", [SPAM, TRASH])
def test_spam_and_trash_hide_the_comment(article, to_status):
    comment = make_comment(article, status=APPROVED)
    status.change_status(comment, to_status, by=make_user())
    stored = fresh(comment)
    assert not stored.is_public and stored.is_removed


def test_no_change_and_unknown_statuses_are_refused(article):
    comment = make_comment(article, status=APPROVED)
    with pytest.raises(status.InvalidTransition):
        status.change_status(comment, APPROVED, by=make_user())
    with pytest.raises(status.InvalidTransition):
        status.change_status(comment, "published", by=make_user())
    assert not CommentEvent.objects.exists()


@pytest.mark.parametrize("before", [PENDING, APPROVED, SPAM])
def test_restore_from_trash_returns_exactly_to_what_it_was(article, before):
    moderator = make_user(username="bob")
    comment = make_comment(article, status=before)
    status.change_status(comment, TRASH, by=moderator)

    status.restore(fresh(comment), by=moderator)

    stored = fresh(comment)
    assert (stored.status, stored.previous_status) == (before, TRASH)
    assert list(stored.events.values_list("to_status", "reason")) == [(TRASH, ""), (before, "restored")]


def test_restore_without_previous_status_puts_the_comment_in_the_queue(article):
    comment = make_comment(article, status=SPAM)
    status.restore(comment, by=make_user())
    assert fresh(comment).status == PENDING


def test_replies_keep_their_own_status_when_the_parent_is_trashed_and_restored(article):
    moderator = make_user()
    parent = make_comment(article, status=APPROVED)
    approved_reply = make_comment(article, status=APPROVED, parent=parent)
    held_reply = make_comment(article, status=PENDING, parent=parent)

    status.change_status(parent, TRASH, by=moderator)
    status.restore(fresh(parent), by=moderator)

    assert (fresh(approved_reply).status, fresh(approved_reply).is_public) == (APPROVED, True)
    assert (fresh(held_reply).status, fresh(held_reply).is_public) == (PENDING, False)


def test_people_teach_the_spam_filter_with_approve_and_spam(article, learner, django_capture_on_commit_callbacks):
    moderator = make_user()
    one = make_comment(article, status=PENDING)
    two = make_comment(article, status=PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(one, APPROVED, by=moderator)
        status.change_status(two, SPAM, by=moderator)
        status.change_status(two, APPROVED, by=moderator)  # "not spam"

    assert learner == [(one.pk, PENDING, APPROVED), (two.pk, PENDING, SPAM), (two.pk, SPAM, APPROVED)]


def test_trash_and_automatic_decisions_teach_nothing(article, learner, django_capture_on_commit_callbacks):
    comment = make_comment(article, status=PENDING)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        status.change_status(comment, TRASH, by=make_user())
        status.change_status(comment, SPAM, by_label=status.SPAM_FILTER_LABEL)
        status.change_status(comment, PENDING, by_label="reader reports")
    assert len(callbacks) == 3  # the signal was sent each time: the learner chose to learn nothing
    assert learner == []


def test_a_failing_learner_does_not_undo_the_decision(article, monkeypatch, caplog, django_capture_on_commit_callbacks):
    from comments.spam import learning

    def broken(comment, **kwargs):
        raise RuntimeError("classifier table locked")

    monkeypatch.setattr(learning, "learn_from_decision", broken)
    comment = make_comment(article, status=PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        status.change_status(comment, SPAM, by=make_user())

    assert fresh(comment).status == SPAM
    assert comment.events.count() == 1
    assert "could not learn" in caplog.text


def test_signal_is_sent_after_commit(article, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, *, comment, from_status, to_status, **kwargs):
        received.append((comment.pk, from_status, to_status))

    status.comment_status_changed.connect(listener)
    try:
        comment = make_comment(article, status=PENDING)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            status.change_status(comment, APPROVED, by=make_user())
        assert received == []
        for callback in callbacks:
            callback()
    finally:
        status.comment_status_changed.disconnect(listener)
    assert received == [(comment.pk, PENDING, APPROVED)]


@time_machine.travel("2026-03-02 10:00 +0000", tick=False)
def test_record_creation_writes_the_filters_verdict(article, django_capture_on_commit_callbacks):
    comment = make_comment(article, status=PENDING)
    verdict = Verdict(
        band="hold",
        score=0.7,
        results=(
            CheckResult(score=0.4, reason="3 links", check="links"),
            CheckResult(score=0.3, reason="classifier says 0.81", check="classifier"),
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        status.record_creation(comment, verdict)

    event = comment.events.get()
    assert (event.actor_label, event.from_status, event.to_status) == ("spam filter", "", PENDING)
    assert event.reason == "held: 3 links (+0.4); classifier says 0.81 (+0.3)"
    stored = fresh(comment)
    assert stored.status_changed_at == timezone.now()
    assert (stored.spam_band, stored.spam_score) == ("hold", 0.7)
    assert stored.spam_reasons[0].items() >= {"check": "links", "score": 0.4, "reason": "3 links"}.items()


def test_record_creation_keeps_the_callers_spam_fields(article):
    comment = make_comment(article, status=APPROVED, spam_band="publish", spam_score=-1.0)
    status.record_creation(comment, Verdict(band="publish", score=-1.0))
    assert comment.events.get().reason == "published"
    assert fresh(comment).spam_score == -1.0


def test_first_approval_is_told_once(article, django_capture_on_commit_callbacks):
    calls = []

    def listener(sender, *, first_approval, **kwargs):
        calls.append(first_approval)

    moderator = make_user()
    comment = make_comment(article, status=PENDING)
    status.comment_status_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            status.change_status(comment, APPROVED, by=moderator)
            status.change_status(comment, TRASH, by=moderator)
            status.restore(comment, by=moderator)
    finally:
        status.comment_status_changed.disconnect(listener)
    assert calls == [True, False, False]


def test_the_stored_status_counts_not_a_stale_copy(article):
    moderator = make_user()
    comment = make_comment(article, status=PENDING)
    stale = Comment.objects.get(pk=comment.pk)
    status.change_status(comment, APPROVED, by=moderator)  # someone else, meanwhile

    status.change_status(stale, TRASH, by=moderator)

    assert fresh(comment).previous_status == APPROVED
    assert list(comment.events.values_list("from_status", "to_status")) == [(PENDING, APPROVED), (APPROVED, TRASH)]
    with pytest.raises(status.InvalidTransition):
        status.change_status(Comment.objects.get(pk=comment.pk), TRASH, by=moderator)


# Reasons for removals (issue 16, item 5) -----------------------------------------------------


@pytest.mark.parametrize(("to_status", "code"), [(TRASH, "other"), (SPAM, "spam")])
def test_a_removal_without_a_code_records_the_statuss_default(article, to_status, code):
    comment = make_comment(article, status=APPROVED)
    status.change_status(comment, to_status, by=make_user())
    assert comment.events.get().reason_code == code


def test_a_removal_records_the_moderators_code_and_words(article):
    comment = make_comment(article, status=APPROVED)
    status.change_status(comment, TRASH, by=make_user(), reason_code="harassment", reason="Threatens a neighbour.")
    event = comment.events.get()
    assert (event.reason_code, event.reason) == ("harassment", "Threatens a neighbour.")


def test_other_changes_record_no_code(article):
    comment = make_comment(article, status=PENDING)
    status.change_status(comment, APPROVED, by=make_user())
    assert comment.events.get().reason_code == ""


@pytest.mark.parametrize(("to_status", "code"), [(TRASH, "rude"), (TRASH, "Spam"), (APPROVED, "spam")])
def test_an_unknown_code_or_one_without_a_removal_is_refused_before_anything_changes(article, to_status, code):
    comment = make_comment(article, status=PENDING)

    with pytest.raises(status.InvalidReasonCode) as refused:
        status.change_status(comment, to_status, by=make_user(), reason_code=code)

    assert isinstance(refused.value, status.InvalidTransition)  # refused like a stale change, politely
    assert fresh(comment).status == PENDING
    assert not comment.events.exists()


def test_only_a_removal_carries_out_a_ban(article):
    moderator = make_user()
    rule = CommenterRule.objects.create(kind="ban", email_key="ann@example.net", created_by_label="mia")
    comment = make_comment(article, status=PENDING)

    with pytest.raises(status.InvalidTransition, match="Only a removal"):
        status.change_status(comment, APPROVED, by=moderator, rule=rule)
    assert fresh(comment).status == PENDING and not comment.events.exists()

    status.change_status(comment, TRASH, by=moderator, rule=rule)
    assert comment.events.get().rule == rule


def test_restoring_to_the_trash_keeps_the_earlier_code(article):
    moderator = make_user()
    comment = make_comment(article, status=PENDING)
    status.change_status(comment, TRASH, by=moderator, reason_code="irrelevant")
    status.change_status(comment, APPROVED, by=moderator)

    status.restore(comment, by=moderator)

    assert comment.events.order_by("-pk").values_list("to_status", "reason_code")[0] == (TRASH, "irrelevant")


@pytest.mark.parametrize(
    ("band", "result", "code"),
    [
        ("spam", CheckResult(1.2, "Akismet: spam", check="akismet"), "spam"),
        ("spam", CheckResult(1.0, "blocked word: 'casino' in text", check="words", decisive="spam"), "banned_word"),
        ("discard", CheckResult(3.0, "honeypot: filled in", check="honeypot", decisive="discard"), "spam"),
        ("hold", CheckResult(0.5, "moderation word: 'casino' in text", check="words"), ""),
    ],
)
def test_the_filters_own_removals_record_spam_or_banned_word(article, band, result, code):
    verdict = Verdict(band=band, score=result.score, results=(result,))
    comment = make_comment(article, status=verdict.band.status)

    status.record_creation(comment, verdict)

    assert comment.events.get().reason_code == code


def test_a_block_word_at_posting_records_banned_word(client, article, settings):
    settings.NEWSROOM_COMMENTS_BLOCK_WORDS = ["casino"]

    client.post(
        "/comments/post/", form_data(article, comment="Win big at my casino tonight."), REMOTE_ADDR="203.0.113.9"
    )

    event = Comment.objects.get().events.get()
    assert (event.actor_label, event.to_status, event.reason_code) == ("spam filter", SPAM, "banned_word")
