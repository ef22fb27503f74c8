"""Akismet through the library's own test clients (akismet.TestSyncClient via its pytest plugin); never the network."""

import logging

import akismet
import pytest

from comments.spam import akismet_client, akismet_feedback, pipeline
from comments.spam.checks.akismet import AkismetCheck
from comments.spam.learning import learn_from_decision
from tests.comments.spam.builders import submission
from tests.comments.spam.conftest import AkismetDown, AkismetSlow
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_without_a_key_akismet_is_not_asked():
    assert AkismetCheck()(submission()) is None
    assert pipeline.evaluate(submission(), checks=[AkismetCheck()]).akismet_payload == {}


@pytest.mark.akismet_client(comment_check_response=akismet.CheckResponse.SPAM)
def test_spam(akismet_on):
    result = AkismetCheck()(submission())
    assert (result.score, result.label) == (1.0, "Akismet: spam (+1.0)")
    assert pipeline.evaluate(submission(), checks=[AkismetCheck()]).band == "spam"


@pytest.mark.akismet_client(comment_check_response=akismet.CheckResponse.HAM)
def test_ham_says_nothing_more(akismet_on):
    result = AkismetCheck()(submission())
    assert (result.score, result.reason) == (0.0, "Akismet: not spam")


@pytest.mark.akismet_client(comment_check_response=akismet.CheckResponse.DISCARD)
def test_discard_is_spam_and_dropped_only_where_discarding_is_on(akismet_on, settings):
    result = AkismetCheck()(submission())
    assert result.decisive == "spam"
    assert result.reason == "Akismet: blatant spam"
    assert pipeline.evaluate(submission(), checks=[AkismetCheck()]).band == "spam"
    settings.NEWSROOM_SPAM_DISCARD = True
    assert pipeline.evaluate(submission(), checks=[AkismetCheck()]).band == "discard"
    assert pipeline.evaluate(submission(user_id=5), checks=[AkismetCheck()]).band == "spam"


@pytest.mark.parametrize("client_class", [AkismetDown, AkismetSlow])
def test_down_or_slow_holds_the_comment(akismet_on, settings, client_class, caplog):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = client_class
    with caplog.at_level(logging.WARNING, logger="comments.spam.checks.akismet"):
        verdict = pipeline.evaluate(submission(), checks=[AkismetCheck()])
    assert verdict.band == "hold"
    assert verdict.results[0].reason == "Akismet unavailable"
    assert verdict.unavailable
    assert "Akismet could not be asked" in caplog.text


def test_a_client_that_cannot_even_be_built_is_unavailable(akismet_on, settings):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = "comments.spam.nowhere.Client"
    assert AkismetCheck()(submission()).unavailable


def test_the_real_client_waits_at_most_two_seconds(settings):
    settings.NEWSROOM_AKISMET_KEY = "test-key"
    settings.NEWSROOM_AKISMET_SITE_URL = "https://news.example"
    settings.NEWSROOM_AKISMET_TIMEOUT = 30  # the system check refuses this; the client caps it anyway
    client = akismet_client.get_client()  # constructing it makes no request
    assert isinstance(client, akismet.SyncClient)
    assert client._http_client.timeout.read == 2.0
    assert client._config == akismet.Config(key="test-key", url="https://news.example/")


def test_the_payload_is_what_akismet_recommends(akismet_on):
    article = make_article()
    from django.contrib.contenttypes.models import ContentType

    sub = submission(
        "A thoughtful comment",
        content_type_id=ContentType.objects.get_for_model(article).pk,
        object_pk=str(article.pk),
        author_url="https://ann.example.net",
    )
    payload = pipeline.evaluate(sub, checks=[]).akismet_payload
    assert payload == {
        "blog": "https://news.example/",
        "user_ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (test)",
        "referrer": "https://news.example/news/a-story/",
        "permalink": "https://news.example/news/a-story/",
        "comment_type": "comment",
        "comment_author": "Ann Reader",
        "comment_author_email": "ann@example.org",
        "comment_author_url": "https://ann.example.net",
        "comment_content": "A thoughtful comment",
        "comment_date_gmt": "2026-03-01T12:00:00Z",
        "comment_post_modified_gmt": payload["comment_post_modified_gmt"],
        "blog_lang": "en",
        "blog_charset": "UTF-8",
        "honeypot_field_name": "contact_phone",
    }
    assert payload["comment_post_modified_gmt"].endswith("Z")


def test_every_payload_argument_is_one_the_client_accepts(akismet_on):
    """The library refuses unknown arguments (UnknownArgumentError); the test client checks them too."""
    payload = akismet_client.payload_for(submission(user_id=1, user_is_staff=True))
    assert payload["user_role"] == "administrator"
    assert akismet_client.check(payload, recheck_reason="edit") == akismet.CheckResponse.SPAM
    assert akismet_client.submit(payload, is_spam=False) is True


def stored(*, akismet_said, **kwargs):
    payload = akismet_client.payload_for(submission())
    reasons = {
        "spam": [{"check": "akismet", "score": 1.0, "reason": "Akismet: spam"}],
        "ham": [{"check": "akismet", "score": 0.0, "reason": "Akismet: not spam"}],
        "down": [{"check": "akismet", "score": 0.0, "reason": "Akismet unavailable", "unavailable": True}],
    }[akismet_said]
    return make_comment(make_article(), status="pending", akismet_payload=payload, spam_reasons=reasons, **kwargs)


class Recording(akismet.TestSyncClient):
    sent = []

    def submit_spam(self, user_ip, **kwargs):
        self.sent.append(("spam", user_ip, kwargs))
        return super().submit_spam(user_ip, **kwargs)

    def submit_ham(self, user_ip, **kwargs):
        self.sent.append(("ham", user_ip, kwargs))
        return super().submit_ham(user_ip, **kwargs)


@pytest.fixture
def recording(akismet_on, settings):
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = Recording
    Recording.sent = []
    return Recording.sent


@pytest.mark.parametrize(
    ("akismet_said", "is_spam", "sent"),
    [("ham", True, "spam"), ("down", True, "spam"), ("spam", True, None), ("spam", False, "ham"), ("ham", False, None)],
)
def test_only_corrections_are_reported(recording, akismet_said, is_spam, sent):
    comment = stored(akismet_said=akismet_said)
    assert akismet_feedback.report(comment, is_spam=is_spam) is (sent is not None)
    assert [kind for kind, _, _ in recording] == ([sent] if sent else [])


def test_the_report_replays_the_stored_payload(recording):
    comment = stored(akismet_said="ham")
    akismet_feedback.report(comment, is_spam=True)
    [(_, user_ip, arguments)] = recording
    assert user_ip == "203.0.113.7"
    assert arguments["comment_content"] == comment.akismet_payload["comment_content"]
    assert "blog" not in arguments  # the client adds it from its configuration


def test_nothing_is_reported_without_a_key_or_a_payload(recording, settings):
    assert akismet_feedback.report(make_comment(make_article()), is_spam=True) is False
    settings.NEWSROOM_AKISMET_KEY = ""
    assert akismet_feedback.report(stored(akismet_said="ham"), is_spam=True) is False
    assert recording == []


def test_a_failed_report_is_logged_not_raised(akismet_on, settings, caplog):
    comment = stored(akismet_said="ham")
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = AkismetDown
    with caplog.at_level(logging.WARNING, logger="comments.spam.akismet_feedback"):
        assert akismet_feedback.report(comment, is_spam=True) is False
    assert "Could not report comment" in caplog.text


def test_a_moderators_decision_is_reported_after_commit(recording, django_capture_on_commit_callbacks):
    comment = stored(akismet_said="ham")
    with django_capture_on_commit_callbacks(execute=True):
        learn_from_decision(comment, from_status="pending", to_status="spam")
        assert recording == []  # nothing sent before the decision is committed
    assert [kind for kind, _, _ in recording] == ["spam"]


def test_retraining_reports_nothing(recording, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        learn_from_decision(stored(akismet_said="ham"), to_status="spam", report=False)
    assert recording == []
