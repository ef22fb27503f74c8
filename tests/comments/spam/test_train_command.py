from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import CommentEvent
from comments.spam import classifier, memory
from comments.spam.models import LearnedLabel, SpamMemory, SpamToken
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def decided(text, status, *, by):
    comment = make_comment(make_article(), text=text, status=status, email="ann@example.org")
    CommentEvent.objects.create(comment=comment, actor=by, actor_label=by.username, to_status=status)
    return comment


def train(*args):
    out = StringIO()
    call_command("train_spam_classifier", *args, stdout=out)
    return out.getvalue().strip()


def test_retrains_from_peoples_decisions_only():
    moderator = make_user()
    decided("cheap pills online", "spam", by=moderator)
    decided("a careful report", "approved", by=moderator)
    make_comment(make_article(), text="published by the filter itself", status="approved")
    assert train() == "Learned 1 spam and 1 approved comments decided by moderators."
    assert SpamToken.objects.get(token="pills").spam_count == 1
    assert not SpamToken.objects.filter(token="filter").exists()
    assert SpamMemory.objects.get(key=memory.column(("email", "ann@example.org"))).ham_count == 1
    assert LearnedLabel.objects.count() == 2


def test_retraining_twice_gives_the_same_counts():
    decided("cheap pills online", "spam", by=make_user())
    train()
    train()
    assert SpamToken.objects.get(token="pills").spam_count == 1
    assert classifier.totals().spam_docs == 1


def test_keeps_an_imported_corpus_unless_reset():
    classifier.learn(text="imported words", label=classifier.HAM)
    train()
    assert SpamToken.objects.get(token="imported").ham_count == 1
    train("--reset")
    assert not SpamToken.objects.filter(token="imported").exists()
