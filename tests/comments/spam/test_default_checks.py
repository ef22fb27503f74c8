"""The signals of article-site spam in the default pipeline: each adds a little, several together hold or file.

No classifier is trained here and nothing is remembered: these are what a
new site's filter says on its first day.
"""

import pytest

from comments import conf
from comments.spam import memory, pipeline
from comments.spam.learning import learn_from_decision
from tests.comments.spam.builders import AIRLINE_ARTICLE, NEWS_COMMENT, ON_TOPIC_COMMENTS, submission
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

SIGNALS = [
    "comments.spam.checks.phones.PhoneNumbersCheck",
    "comments.spam.checks.helpline.HelplineCheck",
    "comments.spam.checks.link_drop.LinkDropCheck",
    "comments.spam.checks.keyword_chains.KeywordChainCheck",
    "comments.spam.checks.author_fields.AuthorFieldsCheck",
    "comments.spam.checks.relevance.RelevanceCheck",
]

DELTA = (
    "Delta Airlines Reservations Number +1-888-555-0199 call now. Delta Airlines customer service number "
    "1 (888) 555-0199 for flight booking and changes."
)


@pytest.fixture(autouse=True)
def no_first_comment_rule(settings):
    settings.NEWSROOM_SPAM_HOLD_FIRST_COMMENT = False  # judged on what they say, not on being new


def judge(text, **kwargs):
    return pipeline.evaluate(submission(text, target_text=AIRLINE_ARTICLE, **kwargs))


def test_the_signals_run_after_the_links_and_before_anything_that_reads_the_database():
    paths = [entry if isinstance(entry, str) else entry["NAME"] for entry in conf.DEFAULTS["NEWSROOM_SPAM_CHECKS"]]
    start = paths.index("comments.spam.checks.links.LinksCheck") + 1
    assert paths[start : start + len(SIGNALS)] == SIGNALS
    assert paths[start + len(SIGNALS)] == "comments.spam.checks.memory.SpamMemoryCheck"


@pytest.mark.parametrize("text", [NEWS_COMMENT, *ON_TOPIC_COMMENTS])
def test_long_comments_on_topic_are_published(text):
    verdict = judge(text)
    assert verdict.band == "publish", verdict.summary


@pytest.mark.parametrize(
    ("text", "fields", "band"),
    [
        (DELTA, {}, "spam"),
        (
            "HP printer offline? Call our toll free printer helpline 1-8OO-555-O199 now, certified technicians.",
            {},
            "spam",
        ),
        (
            "Nice post, very informative! Visit https://best-app.example.com for the best app.",
            {"author_name": "Best App Reviews"},
            "hold",
        ),
        (
            "SEO services | web design | cheap hosting | backlinks | digital marketing agency",
            {"author_name": "Best SEO Services", "author_url": "https://best-seo-services.top/"},
            "spam",
        ),
    ],
)
def test_article_site_spam_adds_up(text, fields, band):
    verdict = judge(text, **fields)
    assert verdict.band == band, verdict.summary
    assert all(r.score < conf.get("NEWSROOM_SPAM_HOLD_THRESHOLD") for r in verdict.results)  # no one verdict


def test_trust_does_not_skip_the_signals():
    comment = make_comment(make_article(), status="pending", email="ann@example.org")
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    verdict = judge(DELTA, author_email="ann@example.org", trust_email_hash=memory.email_proof("ann@example.org"))
    assert [r.check for r in verdict.results] == ["trusted", "phone numbers", "helpline", "relevance"]
    assert verdict.band == "hold", verdict.summary  # spam without the good record; a person looks
