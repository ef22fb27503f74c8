import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from comments.spam import classifier
from comments.spam.checks.phones import phone_numbers
from comments.spam.management.commands.load_spam_starter import starter_examples
from comments.spam.normalise import text_hash


def test_the_starter_has_both_kinds_each_text_once():
    examples = starter_examples()
    labels = [label for _, label in examples]
    assert labels.count(classifier.SPAM) >= 50 and labels.count(classifier.HAM) >= 50
    assert len({text_hash(text) for text, _ in examples}) == len(examples)


def test_the_starters_numbers_and_shops_are_made_up():
    """Numbers in the ranges set aside for fiction (555-01xx, Ofcom's drama numbers), shops on .example."""
    for text, label in starter_examples():
        for digits, _ in phone_numbers(text):
            assert re.search(r"55501\d\d$|^0161496|^0808157|^0800157", digits), text
        if label == classifier.SPAM:
            assert not re.search(r"\b[\w-]+\.(?:com|net|org|co\.uk)\b", text), text


@pytest.mark.django_db
def test_the_command_teaches_the_classifier():
    out = StringIO()
    call_command("load_spam_starter", stdout=out)
    spam = sum(label == classifier.SPAM for _, label in starter_examples())
    ham = len(starter_examples()) - spam
    assert out.getvalue().strip() == f"Learned the starter: {spam} spam and {ham} ham examples, each weighing 0.3."
    assert classifier.score_text("Airline reservations number, call the toll free helpline now").probability > 0.6
    assert classifier.score_text("The council consultation closed before residents heard of it").probability < 0.4


@pytest.mark.django_db
def test_the_starter_counts_less_than_the_sites_own_decisions():
    call_command("load_spam_starter", "--weight", "0.1", stdout=StringIO())
    state = classifier.state()
    spam = sum(label == classifier.SPAM for _, label in starter_examples())
    assert state.spam_learned == pytest.approx(0.1 * spam)
    with pytest.raises(CommandError, match="more than 0, at most 1"):
        call_command("load_spam_starter", "--weight", "2")
