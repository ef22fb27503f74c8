import pytest

from comments.spam import classifier, memory, pipeline
from comments.spam.checks.first_comment import FirstCommentCheck
from comments.spam.checks.memory import SpamMemoryCheck
from comments.spam.checks.trusted import TrustedCommenterCheck
from comments.spam.learning import learn_from_decision
from tests.comments.spam.builders import submission
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def decide(to_status, **kwargs):
    comment = make_comment(make_article(), status="pending", **kwargs)
    learn_from_decision(comment, from_status="pending", to_status=to_status, report=False)


def test_an_address_seen_on_spam_counts():
    decide("spam", email="bot@example.net", ip_address="198.51.100.9", text="Buy at https://pills.example.com now")
    result = SpamMemoryCheck()(
        submission(
            "Different words, same shop: pills.example.com", author_email="BOT@example.net", ip_address="198.51.100.9"
        )
    )
    assert result.reason == (
        "spam memory: domain pills.example.com (1 spam), e-mail bot@example.net (1 spam), IP 198.51.100.9 (1 spam)"
    )
    assert result.score == pytest.approx(1.2)  # capped


def test_a_key_on_more_approved_than_spam_comments_does_not_count():
    decide("spam", ip_address="198.51.100.9")
    decide("approved", ip_address="198.51.100.9")
    decide("approved", ip_address="198.51.100.9")
    assert SpamMemoryCheck()(submission(ip_address="198.51.100.9")) is None


def test_nothing_known_nothing_said():
    assert SpamMemoryCheck()(submission()) is None


def test_the_sites_own_domains_are_never_remembered(settings):
    settings.ALLOWED_HOSTS = ["news.example"]
    assert memory.content_keys(text="see https://news.example/x and https://other.example.org/y") == [
        ("domain", "other.example.org")
    ]


def test_the_memory_checks_share_one_query_per_run(django_assert_num_queries):
    decide("approved", email="ann@example.org")
    decide("spam", email="ann@example.org")
    decide("spam", email="ann@example.org")
    checks = [TrustedCommenterCheck(), SpamMemoryCheck(), FirstCommentCheck()]
    classifier.state()  # the spam threshold: cached, as between requests
    with django_assert_num_queries(1):  # SpamMemory WHERE key IN (user, e-mail, IP, domains)
        proven = submission(author_email="ann@example.org", trust_email_hash=memory.email_proof("ann@example.org"))
        verdict = pipeline.evaluate(proven, checks=checks)
    assert [r.check for r in verdict.results] == ["spam memory"]


def test_a_domain_seen_in_spam_counts_wherever_it_turns_up_next():
    decide("spam", text="Great article, thanks for sharing!", name="cheap-jerseys.com", ip_address="198.51.100.9")
    decide("spam", text="Nice post.", url="https://best-seo-agency.net/", ip_address="198.51.100.9")
    in_text = SpamMemoryCheck()(submission("Wholesale kits at cheap-jerseys.com/shop, all teams"))
    assert in_text.reason == "spam memory: domain cheap-jerseys.com (1 spam)"
    as_website = SpamMemoryCheck()(submission("Agree with every word.", author_url="http://best-seo-agency.net"))
    assert as_website.reason == "spam memory: domain best-seo-agency.net (1 spam)"
    as_name = SpamMemoryCheck()(submission("Agree with every word.", author_name="best-seo-agency.net"))
    assert as_name.score == pytest.approx(0.6)
