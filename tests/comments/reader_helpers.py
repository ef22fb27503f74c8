"""Shared bits of the reader-side comment tests: form data and a spam filter on a leash."""

import time

from comments.forms import CommentForm
from comments.spam.base import CheckResult, Verdict


def security_data(article, *, age=0):
    """The anti-forgery fields for the form under ``article`` (or any object), as if handed out ``age`` seconds ago."""
    form = CommentForm(article)
    timestamp = str(int(time.time()) - age)
    label = article._meta.label_lower  # "newsroom_articles.article"
    return {
        "content_type": label,
        "object_pk": str(article.pk),
        "timestamp": timestamp,
        "security_hash": form.generate_security_hash(label, str(article.pk), timestamp),
    }


def form_data(article, **overrides):
    data = {
        **security_data(article, age=30),
        "name": "Jo Reader",
        "email": "jo@example.com",
        "url": "",
        "comment": "A thoughtful remark about the talks.",
        "reply_to": "0",
    }
    data.update(overrides)
    return data


class FakeSpamFilter:
    """Stands in for ``comments.spam.pipeline.evaluate``: answers with ``band`` and records what it saw."""

    def __init__(self, band="publish"):
        self.band = band
        self.seen = []
        self.stored_when_called = []

    def __call__(self, submission):
        from comments.models import Comment

        self.seen.append(submission)
        self.stored_when_called.append(Comment.objects.count())
        return Verdict(band=self.band, score=0.1, results=(CheckResult(score=0.1, reason="looked fine", check="fake"),))


def install_fake_spam_filter(monkeypatch, band="publish"):
    """Replace the spam pipeline for one test; each test module wraps this in a ``spam_filter`` fixture."""
    fake = FakeSpamFilter(band)
    monkeypatch.setattr("comments.posting.evaluate", fake)
    return fake
