import pytest

from comments.spam import classifier, memory
from comments.spam.learning import REPLAY, forget, learn_from_decision, replayed
from comments.spam.models import LearnedLabel, SpamMemory, SpamWeight
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment():
    return make_comment(
        make_article(),
        text="Cheap watches at https://watches.example.net today",
        status="pending",
        email="Seller@Example.org",
        ip_address="198.51.100.4",
    )


def spamminess(text="Cheap watches at https://watches.example.net today"):
    return classifier.score_text(text).margin


def test_approving_teaches_ham_and_marking_spam_teaches_spam(comment):
    assert learn_from_decision(comment, from_status="pending", to_status="approved", report=False) == "ham"
    assert spamminess() < 0
    other = make_comment(make_article(), text="Cheap watches again", status="pending")
    assert learn_from_decision(other, from_status="pending", to_status="spam", report=False) == "spam"
    assert spamminess("Cheap watches again") > 0
    learned = classifier.state()
    assert (learned.spam_learned, learned.ham_learned) == (1, 1)


def test_trash_and_pending_teach_nothing(comment):
    assert learn_from_decision(comment, from_status="pending", to_status="trash") is None
    assert learn_from_decision(comment, from_status="trash", to_status="pending") is None
    assert not SpamWeight.objects.exists()


def test_the_same_decision_twice_teaches_once(comment):
    learn_from_decision(comment, from_status="pending", to_status="spam", report=False)
    once = spamminess()
    learn_from_decision(comment, from_status="trash", to_status="spam", report=False)
    assert spamminess() == once
    assert classifier.state().spam_learned == 1


def test_a_reversed_decision_is_unlearned_first(comment):
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    assert spamminess() < 0
    learn_from_decision(comment, from_status="approved", to_status="spam", report=False)
    assert spamminess() > 0
    learned = classifier.state()
    assert (learned.spam_learned, learned.ham_learned) == (1, 0)
    assert SpamMemory.objects.get(key=memory.column(("email", "seller@example.org"))).ham_count == 0
    assert LearnedLabel.objects.get(comment=comment).label == "spam"


def test_the_score_the_filter_gave_is_kept_for_calibration(comment):
    comment.spam_score = 0.7
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    assert LearnedLabel.objects.get(comment=comment).score == 0.7


def test_earlier_decisions_are_replayed_with_each_new_one():
    article = make_article()
    for i in range(REPLAY * 3):
        comment = make_comment(article, text=f"decision {i}", status="pending")
        learn_from_decision(comment, to_status="spam" if i % 2 else "approved", report=False)
    drawn = replayed(exclude=comment.pk)
    assert len(drawn) >= REPLAY // 2
    assert len(drawn) <= REPLAY
    assert f"decision {REPLAY * 3 - 1}" not in [text for text, _label, _weight in drawn]
    assert drawn == replayed(exclude=comment.pk)  # the same draw for the same comment
    assert {label for _text, label, weight in drawn} <= {"spam", "ham"}


def test_the_filter_remembers_who_posted_and_what_they_linked(comment):
    learn_from_decision(comment, from_status="pending", to_status="spam", report=False)
    remembered = dict(SpamMemory.objects.values_list("key", "spam_count"))
    assert remembered == {
        memory.column(("email", "seller@example.org")): 1,
        memory.column(("ip", "198.51.100.4")): 1,
        "domain:watches.example.net": 1,
    }


def test_addresses_are_remembered_only_as_keyed_hashes(comment, settings):
    learn_from_decision(comment, from_status="pending", to_status="spam", report=False)
    stored = " ".join(SpamMemory.objects.values_list("key", flat=True))
    stored += str(LearnedLabel.objects.get().memory)
    assert "seller" not in stored
    assert "198.51.100.4" not in stored
    assert memory.lookup([("email", "seller@example.org")]) == {("email", "seller@example.org"): (1, 0)}
    settings.SECRET_KEY = "another secret"
    assert memory.lookup([("email", "seller@example.org")]) == {}


def test_a_signed_in_readers_account_is_remembered():
    from tests.factories import make_user

    user = make_user(is_staff=False)
    comment = make_comment(make_article(), user=user, status="pending")
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    assert SpamMemory.objects.get(key=f"user:{user.pk}").ham_count == 1  # not personal data: kept as is


def test_forget_unlearns_a_comment(comment):
    learn_from_decision(comment, from_status="pending", to_status="spam", report=False)
    learned = spamminess()
    forget(comment)
    assert abs(spamminess()) < learned / 2  # a step back (AdaGrad's steps shrink: not exactly back to 0)
    assert classifier.state().spam_learned == 0
    assert not LearnedLabel.objects.exists()
    assert not SpamMemory.objects.filter(spam_count__gt=0).exists()
    forget(comment)  # nothing left to forget: no error


def test_status_changes_by_a_person_teach_the_filter(comment, decide):
    from tests.factories import make_user

    decide(comment, "spam", by=make_user())
    assert spamminess() > 0
    assert LearnedLabel.objects.get(comment=comment).label == "spam"


def test_the_filter_learns_inside_the_moderators_transaction(comment):
    from django.db import transaction

    from comments import status
    from tests.factories import make_user

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        status.change_status(comment, "spam", by=make_user())
        assert LearnedLabel.objects.filter(comment=comment).exists()  # learned before the commit
        raise Undone
    assert not LearnedLabel.objects.exists()
    assert not SpamWeight.objects.exists()
    assert not SpamMemory.objects.exists()
    assert classifier.state().spam_learned == 0


def test_what_is_learned_is_what_the_classifier_read_when_scoring(settings):
    """The name, the website and the stored findings of the checks before the classifier, not those after it."""
    from comments.spam.learning import features_of

    stored = [
        {"check": "phone numbers", "score": 0.3, "reason": "phone numbers: 1"},
        {"check": "classifier", "score": 0.6, "reason": "classifier"},
        {"check": "first comment", "score": 0.5, "reason": "first comment"},
    ]
    comment = make_comment(
        make_article(),
        text="Call us any time",
        name="Printer Help Desk",
        user_url="https://printerfix.example.net/help",
        spam_reasons=stored,
        status="pending",
    )
    found = features_of(comment)
    assert found.findings == {"phone numbers": 0.3}  # "first comment" runs after the classifier
    assert found.identity == ("printer", "help", "desk", "printerfix", "example")
    learn_from_decision(comment, from_status="pending", to_status="spam", report=False)
    with_name = classifier.score_text("Call us any time", name="Printer Help Desk").margin
    assert with_name > classifier.score_text("Call us any time", name="Someone Else").margin
