from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from comments.models import CommentEvent
from comments.spam import classifier, memory
from comments.spam.models import LearnedLabel, SpamLearner, SpamMemory
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def decided(text, status, *, by, score=None):
    comment = make_comment(make_article(), text=text, status=status, email="ann@example.org", spam_score=score)
    CommentEvent.objects.create(comment=comment, actor=by, actor_label=by.username, to_status=status)
    return comment


def train(*args):
    out = StringIO()
    call_command("train_spam_classifier", *args, stdout=out)
    return out.getvalue().strip()


def spamminess(text):
    return classifier.score_text(text).margin


def test_retrains_from_peoples_decisions_only():
    moderator = make_user()
    decided("cheap pills online", "spam", by=moderator)
    decided("a careful report", "approved", by=moderator)
    make_comment(make_article(), text="published by the filter itself", status="approved")
    assert train() == "Learned 1 spam and 1 approved comments decided by moderators, 5 passes."
    assert spamminess("cheap pills online") > 0 > spamminess("a careful report")
    assert spamminess("published by the filter itself") == pytest.approx(spamminess("a careful report") * 0, abs=2)
    assert SpamMemory.objects.get(key=memory.column(("email", "ann@example.org"))).ham_count == 1
    assert LearnedLabel.objects.count() == 2


def test_more_passes_fit_the_history_better():
    moderator = make_user()
    decided("cheap pills online", "spam", by=moderator)
    decided("a careful report", "approved", by=moderator)
    train("--reset", "--epochs", "1")
    once = spamminess("cheap pills online")
    train("--reset", "--epochs", "5")
    assert spamminess("cheap pills online") > once
    learned = classifier.state()
    assert (learned.spam_learned, learned.ham_learned) == (1, 1)  # counted once, however many passes


def test_retraining_rebuilds_the_memory_and_the_learned_decisions_exactly():
    decided("cheap pills online", "spam", by=make_user(), score=1.2)
    train()
    train()
    assert SpamMemory.objects.get(key=memory.column(("email", "ann@example.org"))).spam_count == 1
    assert list(LearnedLabel.objects.values_list("label", "score")) == [("spam", 1.2)]


def test_keeps_an_imported_corpus_unless_reset():
    classifier.learn_many([("imported words", classifier.HAM)])
    train()
    assert spamminess("imported words") < 0
    assert SpamLearner.objects.get().ham_learned == pytest.approx(classifier.IMPORTED_WEIGHT)
    train("--reset")
    assert spamminess("imported words") == 0
    assert classifier.state().ham_learned == 0


def test_refuses_zero_passes():
    with pytest.raises(CommandError, match="--epochs"):
        train("--epochs", "0")


def test_featuring_a_comment_the_filter_published_is_not_a_decision_about_spam():
    from comments import featured

    moderator = make_user()
    decided("cheap pills online", "spam", by=moderator)
    decided("a careful report", "approved", by=moderator)
    featured.feature(make_comment(make_article(), text="published by the filter, then picked"), by=moderator)

    assert train() == "Learned 1 spam and 1 approved comments decided by moderators, 5 passes."
