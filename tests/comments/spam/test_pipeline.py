import logging

import pytest

from comments.spam import pipeline
from comments.spam.base import CheckResult, Verdict
from comments.spam.checks.links import LinksCheck
from comments.spam.pipeline import describe
from tests.comments.spam.builders import submission

# Every verdict reads the spam threshold, calibrated on the site's decisions (from the cache, else the database).
pytestmark = pytest.mark.django_db


class Fixed:
    """A check that always says the same thing."""

    def __init__(self, score=0.0, reason="fixed", *, name="fixed", **kwargs):
        self.name = name
        self.result = CheckResult(score, reason, **kwargs)
        self.calls = 0

    def __call__(self, submission):
        self.calls += 1
        return self.result


class Silent:
    name = "silent"

    def __call__(self, submission):
        return None


class Broken:
    name = "broken"

    def __call__(self, submission):
        raise RuntimeError("the check fell over")


@pytest.mark.parametrize(
    ("scores", "band"),
    [((), "publish"), ((0.2, 0.2), "publish"), ((0.3, 0.2), "hold"), ((0.5, 0.4), "hold"), ((0.6, 0.4), "spam")],
)
def test_scores_add_up_to_a_band(scores, band):
    verdict = pipeline.evaluate(submission(), checks=[Fixed(s, f"reason {s}") for s in scores])
    assert verdict.band == band
    assert verdict.score == pytest.approx(sum(scores))


def test_thresholds_come_from_settings(settings):
    settings.NEWSROOM_SPAM_HOLD_THRESHOLD = 0.2
    settings.NEWSROOM_SPAM_SPAM_THRESHOLD = 0.4
    assert pipeline.evaluate(submission(), checks=[Fixed(0.3)]).band == "hold"
    assert pipeline.evaluate(submission(), checks=[Fixed(0.4)]).band == "spam"


def test_negative_scores_offset_others():
    assert pipeline.evaluate(submission(), checks=[Fixed(0.6), Fixed(-0.3)]).band == "publish"


def test_a_trust_discount_offsets_small_findings():
    verdict = pipeline.evaluate(submission(), checks=[Fixed(0.3), Fixed(0.3), Fixed(-0.2, "trusted", discount=True)])
    assert verdict.band == "publish"
    assert verdict.score == pytest.approx(0.4)
    assert verdict.reasons[-1]["discount"] is True


def test_a_trust_discount_never_clears_a_finding_that_holds_on_its_own():
    trusted = Fixed(-0.3, "trusted", discount=True)
    verdict = pipeline.evaluate(submission(), checks=[trusted, Fixed(0.5, "links: 4", name="links")])
    assert verdict.band == "hold"
    assert verdict.score == pytest.approx(0.5)
    assert [r["check"] for r in verdict.reasons] == ["fixed", "links"]  # the run went on after the trust check


def test_a_trust_discount_can_turn_spam_into_a_hold_for_a_person_to_see():
    verdict = pipeline.evaluate(submission(), checks=[Fixed(1.1), Fixed(-0.2, "trusted", discount=True)])
    assert (verdict.band, verdict.score) == ("hold", pytest.approx(0.9))


def test_other_negative_scores_still_offset_a_hold():
    # The classifier's "reads like approved comments" is evidence about the text, not a discount.
    assert pipeline.evaluate(submission(), checks=[Fixed(0.5), Fixed(-0.3)]).band == "publish"


def test_a_decisive_spam_result_ends_the_run():
    later = Fixed(-5.0)
    verdict = pipeline.evaluate(submission(), checks=[Fixed(0.0, "honeypot", decisive="spam"), later])
    assert verdict.band == "spam"
    assert later.calls == 0


def test_a_decisive_publish_ends_the_run_but_earlier_findings_still_count():
    later = Fixed(5.0)
    assert pipeline.evaluate(submission(), checks=[Fixed(0.0, "trusted", decisive="publish"), later]).band == "publish"
    assert later.calls == 0
    held = pipeline.evaluate(submission(), checks=[Fixed(0.5, "moderation word"), Fixed(0.0, decisive="publish")])
    assert held.band == "hold"


def test_silent_checks_leave_no_reason():
    verdict = pipeline.evaluate(submission(), checks=[Silent(), Fixed(0.1, "links: 1", name="links")])
    assert verdict.reasons == [{"check": "links", "score": 0.1, "reason": "links: 1", "label": "links: 1 (+0.1)"}]


def test_an_unavailable_service_holds_at_least():
    verdict = pipeline.evaluate(submission(), checks=[Fixed(0.0, "Akismet unavailable", unavailable=True)])
    assert verdict.band == "hold"
    assert verdict.unavailable
    assert verdict.reasons[0]["unavailable"] is True
    spam = pipeline.evaluate(submission(), checks=[Fixed(1.2), Fixed(0.0, "down", unavailable=True)])
    assert spam.band == "spam"


def test_a_failing_check_is_logged_and_holds_the_comment(caplog):
    with caplog.at_level(logging.ERROR, logger="comments.spam.pipeline"):
        verdict = pipeline.evaluate(submission(), checks=[Broken(), Fixed(0.1)])
    assert verdict.band == "hold"
    assert verdict.results[0].reason == "broken: check failed"
    assert "the check fell over" in caplog.text


def test_misconfigured_checks_hold_instead_of_failing(settings, caplog):
    settings.NEWSROOM_SPAM_CHECKS = ["comments.spam.checks.nowhere.Missing"]
    with caplog.at_level(logging.ERROR, logger="comments.spam.pipeline"):
        verdict = pipeline.evaluate(submission())
    assert verdict.band == "hold"
    assert verdict.results[0].reason == "spam filter misconfigured"


def test_checks_are_loaded_from_settings_with_options(settings):
    settings.NEWSROOM_SPAM_CHECKS = [
        "comments.spam.checks.honeypot.HoneypotCheck",
        {"NAME": "comments.spam.checks.links.LinksCheck", "OPTIONS": {"max_links": 5}},
    ]
    honeypot, links = pipeline.get_checks()
    assert honeypot.name == "honeypot"
    assert isinstance(links, LinksCheck)
    assert links.max_links == 5


class TestDiscard:
    blatant = Fixed(3.0, "blatant")

    def test_off_by_default(self):
        assert pipeline.evaluate(submission(), checks=[self.blatant]).band == "spam"

    def test_on_for_signed_out_posters_above_the_threshold(self, settings):
        settings.NEWSROOM_SPAM_DISCARD = True
        assert pipeline.evaluate(submission(), checks=[self.blatant]).band == "discard"
        assert pipeline.evaluate(submission(), checks=[Fixed(1.5)]).band == "spam"

    def test_never_for_signed_in_readers(self, settings):
        settings.NEWSROOM_SPAM_DISCARD = True
        assert pipeline.evaluate(submission(user_id=7), checks=[self.blatant]).band == "spam"

    def test_what_a_check_calls_blatant_is_discarded(self, settings):
        settings.NEWSROOM_SPAM_DISCARD = True
        akismet = Fixed(1.5, "Akismet: blatant spam", decisive="spam", details={"blatant": True})
        assert pipeline.evaluate(submission(), checks=[akismet]).band == "discard"

    def test_not_when_the_caller_forbids_it(self, settings):
        settings.NEWSROOM_SPAM_DISCARD = True
        assert pipeline.evaluate(submission(), checks=[self.blatant], allow_discard=False).band == "spam"


def test_reasons_read_well_for_moderators():
    verdict = Verdict(
        band="spam",
        score=1.5,
        results=(
            CheckResult(0.5, "links: 3", check="links"),
            CheckResult(1.0, "honeypot: the hidden field was filled in", check="honeypot", decisive="spam"),
            CheckResult(0.0, "Akismet unavailable", check="akismet", unavailable=True),
        ),
    )
    assert [r["label"] for r in verdict.reasons] == [
        "links: 3 (+0.5)",
        "honeypot: the hidden field was filled in (spam)",
        "Akismet unavailable (hold)",
    ]
    assert (
        verdict.summary
        == "links: 3 (+0.5); honeypot: the hidden field was filled in (spam); Akismet unavailable (hold)"
    )
    assert CheckResult.from_dict(verdict.reasons[1]) == verdict.results[1]


def test_the_default_pipeline_runs_end_to_end():
    verdict = pipeline.evaluate(submission("Thanks for a careful, well sourced report on the housing figures."))
    assert verdict.band == "hold"  # a first comment from an unknown reader
    assert [r["check"] for r in verdict.reasons] == ["first comment"]
    assert verdict.akismet_payload == {}  # no Akismet key


def test_describe_names_the_filters_in_use(settings):
    assert describe() == "our own spam filter"
    settings.NEWSROOM_AKISMET_KEY = "key"
    assert describe() == "our own spam filter and Akismet"
    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = "public"
    settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = "private"
    assert describe() == "our own spam filter, Akismet and Google reCAPTCHA"


def _known_world(rows):
    """``rows`` moderated comments: learned words, memory keys and text hashes for the checks to search."""
    from comments.spam import classifier
    from comments.spam.learning import learn_from_decision
    from tests.factories import make_article, make_comment

    article = make_article()
    for i in range(rows):
        status = "spam" if i % 2 else "approved"
        comment = make_comment(
            article,
            text=f"words number {i} about https://site{i}.example.net and the budget",
            status="pending",
            email=f"reader{i}@example.org",
            ip_address=f"198.51.100.{i}",
        )
        learn_from_decision(comment, to_status=status, report=False)
    classifier.train(
        [(f"free gift cards {i}", classifier.SPAM, 1.0) for i in range(12)]
        + [(f"council budget vote {i}", classifier.HAM, 1.0) for i in range(12)]
    )
    classifier.state()  # cached, as between requests


@pytest.mark.parametrize("rows", [2, 12])
def test_the_default_pipeline_query_budget(rows, django_assert_num_queries):
    _known_world(rows)
    text = "The budget vote, see https://site1.example.net for the free gift cards papers and figures in full."
    # 1. SpamMemory WHERE key IN (e-mail, IP, domain): trusted, spam memory and first comment share it
    # 2. comments with the same text_hash (duplicate)
    # 3. SpamWeight WHERE bucket IN (...) (classifier; its state and the spam threshold come from the cache)
    with django_assert_num_queries(3):
        verdict = pipeline.evaluate(submission(text, author_email="reader1@example.org", ip_address="198.51.100.1"))
    assert verdict.band == "spam"


def test_a_recheck_keeps_the_trust_cookie_a_signed_out_commenter_showed():
    from comments.spam import memory
    from tests.factories import make_article, make_comment, make_user

    trusted_reason = {"check": "trusted", "score": -0.2, "reason": "trusted: 1 approved comment", "discount": True}
    comment = make_comment(make_article(), status="pending", email="ann@example.org", spam_reasons=[trusted_reason])
    assert pipeline.submission_for(comment).trust_email_hash == memory.email_proof("ann@example.org")
    comment.spam_reasons = [{"check": "links", "score": 0.1, "reason": "links: 1"}]
    assert pipeline.submission_for(comment).trust_email_hash == ""
    signed_in = make_comment(comment.content_object, status="pending", user=make_user(), spam_reasons=[trusted_reason])
    assert pipeline.submission_for(signed_in).trust_email_hash == ""  # the account proves itself again


def mentions_casino(submission):
    """A check written as a plain function, listed by dotted path."""
    if "casino" in submission.text.lower():
        return CheckResult(score=1.0, reason="mentions a casino")
    return None


def test_a_plain_function_is_a_check_too(settings):
    settings.NEWSROOM_SPAM_CHECKS = ["tests.comments.spam.test_pipeline.mentions_casino"]

    verdict = pipeline.evaluate(submission("Win big at the casino tonight."))

    assert verdict.band == "spam"
    assert [r.reason for r in verdict.results] == ["mentions a casino"]


def test_a_function_takes_no_options():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="OPTIONS are for check classes"):
        pipeline.get_checks([{"NAME": "tests.comments.spam.test_pipeline.mentions_casino", "OPTIONS": {"x": 1}}])
