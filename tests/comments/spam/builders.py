"""Small builders for spam filter tests."""

from datetime import UTC, datetime

from comments.spam.base import Submission

NEWS_COMMENT = (
    "I live two streets from the proposed depot and nobody from the council has knocked on a single door. "
    "The consultation closed before most of us even heard about it, and the traffic figures in the report "
    "were collected in August, when the schools were shut. If the council wants residents to trust the "
    "process it should publish the full survey and hold a public meeting in the evening, when working "
    "families can actually attend. The article is right that the bypass would help the high street, but "
    "the lorries would still have to cross the estate twice a day."
)


def submission(text="A fair point about the council budget, well made.", **kwargs):
    """A plausible signed-out reader's submission; override any field."""
    fields = {
        "author_name": "Ann Reader",
        "author_email": "ann@example.org",
        "ip_address": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (test)",
        "referrer": "https://news.example/news/a-story/",
        "permalink": "https://news.example/news/a-story/",
        "seconds_on_form": 45.0,
        "submitted_at": datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        "language": "en-gb",
    }
    fields.update(kwargs)
    return Submission(text=text, **fields)
