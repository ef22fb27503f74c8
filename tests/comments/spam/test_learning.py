import pytest

from comments.spam import memory
from comments.spam.learning import forget, learn_from_decision
from comments.spam.models import LearnedLabel, SpamClassifierTotals, SpamMemory, SpamToken
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


def counts(token):
    row = SpamToken.objects.get(token=token)
    return row.spam_count, row.ham_count


def test_approving_teaches_ham_and_marking_spam_teaches_spam(comment):
    assert learn_from_decision(comment, from_status="pending", to_status="approved", report=False) == "ham"
    assert counts("watches") == (0, 1)
    other = make_comment(make_article(), text="Cheap watches again", status="pending")
    assert learn_from_decision(other, from_status="pending", to_status="spam", report=False) == "spam"
    assert counts("watches") == (1, 1)


def test_trash_and_pending_teach_nothing(comment):
    assert learn_from_decision(comment, from_status="pending", to_status="trash") is None
    assert learn_from_decision(comment, from_status="trash", to_status="pending") is None
    assert not SpamToken.objects.exists()


def test_the_same_decision_twice_teaches_once(comment):
    learn_from_decision(comment, from_status="pending", to_status="spam", report=False)
    learn_from_decision(comment, from_status="trash", to_status="spam", report=False)
    assert counts("watches") == (1, 0)
    assert SpamClassifierTotals.objects.get().spam_count == 1


def test_a_reversed_decision_is_unlearned_first(comment):
    learn_from_decision(comment, from_status="pending", to_status="approved", report=False)
    learn_from_decision(comment, from_status="approved", to_status="spam", report=False)
    assert counts("watches") == (1, 0)
    totals = SpamClassifierTotals.objects.get()
    assert (totals.spam_count, totals.ham_count, totals.ham_tokens) == (1, 0, 0)
    assert SpamMemory.objects.get(key=memory.column(("email", "seller@example.org"))).ham_count == 0
    assert LearnedLabel.objects.get(comment=comment).label == "spam"


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
    forget(comment)
    assert counts("watches") == (0, 0)
    assert not LearnedLabel.objects.exists()
    forget(comment)  # nothing left to forget: no error


def test_status_changes_by_a_person_teach_the_filter(comment, decide):
    from tests.factories import make_user

    decide(comment, "spam", by=make_user())
    assert counts("watches") == (1, 0)
