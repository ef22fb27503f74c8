"""Held comments checked again once the spam filter's services answer (``comments.tasks``), and Akismet reports."""

import akismet
import pytest

from comments.models import Comment
from comments.spam import pipeline
from comments.spam.akismet_feedback import report_to_akismet
from comments.spam.base import CheckResult, Verdict
from comments.spam.checks.akismet import AkismetCheck
from comments.spam.learning import learn_from_decision
from comments.spam.pipeline import recheck
from comments.tasks import recheck_held_comment, recheck_later_if_unavailable
from tests.comments.spam.builders import submission
from tests.comments.spam.conftest import AkismetDown
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

TEXT = "The new timetable drops the last bus from the estate, which is how my neighbours get home from shifts."


class AkismetHam(akismet.TestSyncClient):
    comment_check_response = akismet.CheckResponse.HAM


class AkismetSpam(akismet.TestSyncClient):
    comment_check_response = akismet.CheckResponse.SPAM


@pytest.fixture
def held(akismet_on, settings):
    """A comment from a known reader, held only because Akismet was down when it was posted."""
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetDown
    earlier = make_comment(make_article(), status="pending", email="ann@example.org")
    learn_from_decision(earlier, to_status="approved", report=False)
    settings.NEWSROOM_SPAM_CHECKS = [
        "comments.spam.checks.honeypot.HoneypotCheck",
        "comments.spam.checks.timing.TimeOnFormCheck",
        "comments.spam.checks.links.LinksCheck",
        "comments.spam.checks.akismet.AkismetCheck",
    ]
    verdict = pipeline.evaluate(submission(TEXT, author_email="ann@example.org"))
    assert verdict.band == "hold"
    return make_comment(
        make_article(),
        text=TEXT,
        status="pending",
        email="ann@example.org",
        ip_address="203.0.113.7",
        spam_band=verdict.band,
        spam_score=verdict.score,
        spam_reasons=verdict.reasons,
        akismet_payload=verdict.akismet_payload,
    )


def test_a_held_comment_is_published_once_akismet_answers(held, settings):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetHam
    assert recheck_held_comment.call(held.pk) == "publish"
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert held.spam_reasons[-1]["reason"] == "Akismet: not spam"
    event = held.events.last()
    assert (event.actor_label, event.to_status) == ("spam filter", "approved")
    assert event.reason.startswith("checked again: ")


def test_a_held_comment_goes_to_spam_if_akismet_says_so(held, settings):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetSpam
    assert recheck_held_comment.call(held.pk) == "spam"
    held.refresh_from_db()
    assert held.status == Comment.Status.SPAM


def test_still_down_stays_held(held):
    assert recheck_held_comment.call(held.pk) == "still unavailable"
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING


def test_decided_or_deleted_comments_are_left_alone(held, settings):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetSpam
    Comment.objects.filter(pk=held.pk).update(status=Comment.Status.APPROVED)
    assert recheck_held_comment.call(held.pk) == "gone or already decided"
    assert recheck_held_comment.call(10**9) == "gone or already decided"


def test_holding_for_an_unavailable_service_queues_a_recheck(held, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetHam
    verdict = Verdict(band="hold", score=0.0, results=(CheckResult(0.0, "Akismet unavailable", unavailable=True),))
    with django_capture_on_commit_callbacks(execute=True):
        recheck_later_if_unavailable(held, verdict)
        assert held.status == Comment.Status.PENDING  # queued for after commit...
    held.refresh_from_db()  # ...where the test backend runs it at once
    assert held.status == Comment.Status.APPROVED


def test_other_holds_queue_nothing(held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        recheck_later_if_unavailable(held, Verdict(band="hold", score=0.5))
        recheck_later_if_unavailable(held, Verdict(band="publish", score=0.0))
    assert callbacks == []


def test_without_deferred_tasks_a_retry_is_left_to_moderators(held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert recheck_held_comment.call(held.pk, attempt=2) == "still unavailable"
    assert callbacks == []


def test_with_a_database_queue_retries_are_deferred(held, settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        recheck_held_comment.call(held.pk, attempt=1)
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [held.pk, 2]
    assert queued.run_after is not None


def test_recheck_keeps_what_the_request_showed(held, settings):
    """A bot's fast post is not cleared by a second look: request checks cannot run again."""
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetHam
    held.spam_reasons = [{"check": "time on form", "score": 0.8, "reason": "time on form: 0.4 s"}, *held.spam_reasons]
    held.save(update_fields=["spam_reasons"])
    verdict = recheck(held)
    assert verdict.band == "hold"
    assert [r["check"] for r in held.spam_reasons] == ["time on form", "akismet"]


def test_report_to_akismet_task(akismet_on):
    comment = make_comment(
        make_article(),
        status="spam",
        akismet_payload={"user_ip": "203.0.113.7", "comment_content": "x", "comment_type": "comment"},
        spam_reasons=[{"check": "akismet", "score": 0.0, "reason": "Akismet: not spam"}],
    )
    assert report_to_akismet.call(comment.pk, True) is True
    assert report_to_akismet.call(10**9, True) is False


def test_recheck_does_not_discard(settings, akismet_on):
    settings.NEWSROOM_SPAM_DISCARD = True
    settings.NEWSROOM_SPAM_CHECKS = ["comments.spam.checks.akismet.AkismetCheck"]

    class Blatant(akismet.TestSyncClient):
        comment_check_response = akismet.CheckResponse.DISCARD

    settings.NEWSROOM_AKISMET_CLIENT_CLASS = Blatant
    comment = make_comment(make_article(), status="pending")
    assert recheck(comment).band == "spam"
    assert AkismetCheck()(submission()).details["blatant"]


def test_a_second_look_knows_what_the_comment_is_on_as_posting_did(django_assert_num_queries):
    article = make_article(headline="Last bus cut", standfirst="The 11pm service ends in May.")
    parent = make_comment(article, text="Shift workers will have to walk.")
    reply = make_comment(article, parent=parent, text=TEXT)
    with django_assert_num_queries(2):  # 1 the text replied to, 2 the article readers can see
        rebuilt = pipeline.submission_for(reply)
    assert rebuilt.target_text.startswith("Shift workers will have to walk.\n\nLast bus cut\n\nThe 11pm service")
    assert pipeline.submission_for(parent).target_text.startswith("Last bus cut")
    article.status = "draft"
    article.save()
    assert pipeline.submission_for(parent).target_text == ""  # no longer visible: nothing to compare with
