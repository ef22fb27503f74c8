import csv
import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from comments.models import Comment
from comments.spam import classifier
from comments.spam.models import SpamToken

pytestmark = pytest.mark.django_db

TUBESPAM = Path(django_settings.BASE_DIR).parent / "shared" / "datasets" / "tubespam"

SPAM = [
    "Check out my channel for free gift cards http://bit.ly/{n}",
    "Subscribe to my channel please, free gift cards every day {n}",
    "Free gift cards at my channel, check out and subscribe {n}",
]
HAM = ["Great song, love the chorus {n}", "This video brings back memories {n}", "Best song of the year {n}"]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["COMMENT_ID", "AUTHOR", "DATE", "CONTENT", "CLASS"])
        for i, (text, label) in enumerate(rows):
            writer.writerow([f"id{i}", "spammer" if label else "fan", "", text, label])
    return str(path)


@pytest.fixture
def files(tmp_path):
    paths = []
    for f in range(3):
        rows = [(t.format(n=f * 100 + i), 1) for i in range(6) for t in SPAM]
        rows += [(t.format(n=f * 100 + i), 0) for i in range(6) for t in HAM]
        paths.append(write_csv(tmp_path / f"video{f}.csv", rows))
    return paths


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("spam_benchmark", *args, stdout=out)
    return out.getvalue()


def test_lovo_prints_figures_per_file_and_overall(files):
    out = run(*files)
    assert "mode lovo" in out
    assert "LinksCheck" in out and "AkismetCheck" not in out and "HoneypotCheck" not in out
    for name in ["video0.csv", "video1.csv", "video2.csv", "overall"]:
        assert name in out
    assert "precision" in out and "FP rate" in out and "held" in out


def test_json_output_has_every_figure(files):
    report = json.loads(run(*files, "--json"))
    overall = report["overall"]
    assert overall["comments"] == 108
    assert set(overall) >= {"precision", "recall", "f1", "false_positive_rate", "accuracy", "held_share"}
    assert overall["recall"] > 0.5  # the toy spam is easy once learned
    assert overall["false_positive_rate"] == 0.0
    assert set(report["files"]) == {"video0.csv", "video1.csv", "video2.csv"}


def test_stream_learns_as_it_goes(files):
    report = json.loads(run(*files, "--mode", "stream", "--json"))
    first, last = report["files"]["video0.csv"], report["files"]["video2.csv"]
    assert first["recall"] < last["recall"]  # the filter starts empty


def test_it_leaves_no_trace(files):
    classifier.learn(text="the sites own learning", label=classifier.HAM)
    before = (Comment.objects.count(), list(SpamToken.objects.values_list("token", "spam_count", "ham_count")))
    run(*files, "--mode", "stream")
    run(*files)
    after = (Comment.objects.count(), list(SpamToken.objects.values_list("token", "spam_count", "ham_count")))
    assert before == after
    assert classifier.totals().ham_docs == 1


def test_lovo_needs_two_files(files):
    with pytest.raises(CommandError, match="at least two files"):
        run(files[0])


def test_without_files_it_asks_for_them():
    # Even where the TubeSpam collection sits beside the project: the command has no default place to look.
    with pytest.raises(CommandError, match="Name the labelled CSV files"):
        run()


def test_a_missing_file_is_named_before_anything_runs(files, tmp_path):
    with pytest.raises(CommandError, match=r"No such CSV file: .*nope\.csv\.$"):
        run(files[0], str(tmp_path / "nope.csv"))
    assert not Comment.objects.exists()


def test_a_missing_column_is_a_clear_error(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("text,label\nhello,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no column CLASS, CONTENT"):
        run(str(path), "--mode", "stream")


def test_on_the_real_collection():
    path = TUBESPAM / "Youtube01-Psy.csv"
    if not path.exists():
        pytest.skip(f"The TubeSpam collection is not at {TUBESPAM}; nothing is copied into the project.")
    report = json.loads(run(str(path), "--mode", "stream", "--json"))
    assert report["overall"]["comments"] == 350
    assert report["overall"]["false_positive_rate"] < 0.05


def test_lovo_never_shows_a_file_its_own_labels(tmp_path):
    """Texts repeated only inside the judged file must not be found as "duplicates marked spam"."""
    pasted = "Visit my profile for an amazing offer that changes lives, truly amazing offer {n}"
    judged = write_csv(tmp_path / "a.csv", [(pasted.format(n="x"), 1)] * 3 + [(f"Nice tune {i}", 0) for i in range(3)])
    other = write_csv(tmp_path / "b.csv", [("Lovely melody here", 0), ("Subscribe for free stuff", 1)])
    report = json.loads(run(judged, other, "--json"))
    assert report["files"]["a.csv"]["recall"] == 0.0
