from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from comments.spam import classifier
from comments.spam.features import features
from comments.spam.models import SpamWeight

pytestmark = pytest.mark.django_db


def test_only_the_text_column_is_learned_and_repeats_once(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n"
        "z1,Spammerauthor,2015-01-01,Free gift cards on my channel,1\n"
        "z2,Spammerauthor,,Free gift cards on my channel\ufeff,1\n"
        'z3,Fanauthor,2015-01-02,"Love this song, really",0\n',
        encoding="utf-8",
    )
    out = StringIO()
    call_command(
        "import_spam_corpus",
        str(path),
        "--text-column",
        "CONTENT",
        "--label-column",
        "CLASS",
        "--spam-value",
        "1",
        stdout=out,
    )
    assert out.getvalue().strip() == "Learned 1 spam and 1 ham texts (1 repeated texts skipped)."
    learned = set(SpamWeight.objects.values_list("bucket", flat=True))
    assert set(features("Free gift cards on my channel").vector) <= learned
    assert set(features("Love this song, really").vector) <= learned
    for other_column in ["spammerauthor", "fanauthor", "z1", "2015"]:
        assert not set(features(other_column).vector) <= learned
    assert classifier.score_text("Free gift cards on my channel").probability > 0.5
    totals = classifier.state()  # imported examples count less than moderators' decisions
    assert (totals.spam_learned, totals.ham_learned) == (classifier.IMPORTED_WEIGHT, classifier.IMPORTED_WEIGHT)


def test_other_column_names_and_labels(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("body,verdict\nbuy pills,spam\nnice piece,ham\n", encoding="utf-8")
    call_command(
        "import_spam_corpus",
        str(path),
        "--text-column",
        "body",
        "--label-column",
        "verdict",
        "--spam-value",
        "spam",
        stdout=StringIO(),
    )
    assert classifier.score_text("buy pills").probability > 0.5 > classifier.score_text("nice piece").probability


def test_missing_files_and_columns_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="required: csv"):
        call_command("import_spam_corpus")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_spam_corpus", str(tmp_path / "nope.csv"))
    path = tmp_path / "corpus.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no column CLASS, CONTENT"):
        call_command("import_spam_corpus", str(path))
