import csv
import json
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from comments.management.commands.spam_benchmark import Tally, mcc, percentile
from comments.management.spam_baseline import band_for, calibrated_threshold, matched_thresholds
from comments.models import Comment
from comments.spam import classifier
from comments.spam.base import Band
from comments.spam.corpus import read_labelled_comments
from comments.spam.models import LearnedLabel, SpamLearner, SpamWeight

pytestmark = pytest.mark.django_db

TUBESPAM = Path(django_settings.BASE_DIR).parent / "shared" / "datasets" / "tubespam"
ARTICLE_CORPUS = Path(django_settings.BASE_DIR) / "benchmarks" / "data"
NEW_KEYS = {"ham_to_spam", "spam_to_published", "queued", "mcc", "precision", "recall", "comments_per_second", "p99_ms"}

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


@pytest.fixture
def small_files(tmp_path):
    """Three files of 9 spam and 9 ham: enough for the baseline (10 of each kind) once two are learned."""
    paths = []
    for f in range(3):
        rows = [(t.format(n=f * 100 + i), 1) for i in range(3) for t in SPAM]
        rows += [(t.format(n=f * 100 + i), 0) for i in range(3) for t in HAM]
        paths.append(write_csv(tmp_path / f"small{f}.csv", rows))
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
    for head in ["ham->spam", "spam->pub", "queued", "MCC", "precision", "recall", "c/s", "p99 ms"]:
        assert head in out
    assert "baseline" not in out


def test_json_output_has_every_figure(files):
    report = json.loads(run(*files, "--json"))
    overall = report["overall"]
    assert overall["comments"] == 108
    assert set(overall) >= {"precision", "recall", "f1", "false_positive_rate", "accuracy", "held_share"}
    assert set(overall) >= NEW_KEYS and set(report["files"]["video0.csv"]) >= NEW_KEYS
    assert overall["ham_to_spam"] == overall["false_positive_rate"] and overall["queued"] == overall["held_share"]
    assert overall["comments_per_second"] > 0 and overall["p99_ms"] > 0
    assert overall["recall"] > 0.5  # the toy spam is easy once learned
    assert overall["false_positive_rate"] == 0.0
    assert set(report["files"]) == {"video0.csv", "video1.csv", "video2.csv"}


def test_stream_learns_as_it_goes(files):
    report = json.loads(run(*files, "--mode", "stream", "--json"))
    first, last = report["files"]["video0.csv"], report["files"]["video2.csv"]
    assert first["recall"] < last["recall"]  # the filter starts empty


def test_it_leaves_no_trace(files):
    classifier.learn(text="the sites own learning", label=classifier.HAM)

    def state():
        return (
            Comment.objects.count(),
            LearnedLabel.objects.count(),
            list(SpamWeight.objects.order_by("bucket").values_list("bucket", "weight", "squared_gradients")),
            list(SpamLearner.objects.values_list("bias", "spam_learned", "ham_learned", "spam_threshold")),
        )

    before = state()
    run(*files, "--mode", "stream")
    run(*files)
    assert state() == before
    assert classifier.state().ham_learned == 1.0


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


# The figures --------------------------------------------------------------------------------------------------


def test_mcc_of_a_known_confusion_matrix():
    # (90 * 95 - 5 * 10) / sqrt(95 * 100 * 100 * 105) = 8500 / 9987.49...
    assert mcc(tp=90, fp=5, tn=95, fn=10) == pytest.approx(0.851064, abs=1e-6)
    assert mcc(tp=10, fp=0, tn=10, fn=0) == 1.0
    assert mcc(tp=0, fp=0, tn=10, fn=10) == 0.0  # nothing caught: no correlation, not a division by zero


def test_a_tally_tells_caught_held_and_published_apart():
    tally = Tally()
    for band, is_spam, times in [
        (Band.SPAM, True, 6),
        (Band.HOLD, True, 3),
        (Band.PUBLISH, True, 1),
        (Band.SPAM, False, 1),
        (Band.HOLD, False, 2),
        (Band.PUBLISH, False, 17),
    ]:
        for _ in range(times):
            tally.add(is_spam=is_spam, band=band, seconds=0.002)
    figures = tally.figures()
    assert (figures["spam"], figures["ham"]) == (10, 20)
    assert figures["ham_to_spam"] == 0.05  # 1 of 20 ham marked spam
    assert figures["spam_to_published"] == 0.1  # 1 of 10 spam reached readers
    assert figures["queued"] == round(5 / 30, 4)
    assert figures["recall"] == 0.6 and figures["precision"] == round(6 / 7, 4)
    assert figures["mcc"] == round(mcc(tp=6, fp=1, tn=19, fn=4), 4)
    assert figures["comments_per_second"] == 500.0 and figures["p99_ms"] == 2.0


def test_percentile_is_nearest_rank():
    assert percentile(list(range(1, 101)), 99) == 99
    assert percentile([5.0], 99) == 5.0
    assert percentile([], 99) == 0.0


# --bootstrap --------------------------------------------------------------------------------------------------


def test_bootstrap_files_are_learned_first_and_never_judged(small_files, tmp_path):
    # A starter corpus counts IMPORTED_WEIGHT (0.3) a decision: 36 of each kind wake the classifier (10 needed).
    starter = [(t.format(n=1000 + i), 1) for i in range(12) for t in SPAM]
    starter += [(t.format(n=1000 + i), 0) for i in range(12) for t in HAM]
    starter = write_csv(tmp_path / "starter.csv", starter)
    cold = json.loads(run(small_files[1], "--mode", "stream", "--json"))
    warm = json.loads(run(small_files[1], "--mode", "stream", "--bootstrap", starter, "--json"))
    assert warm["bootstrap"] == ["starter.csv"] and set(warm["files"]) == {"small1.csv"}
    assert warm["overall"]["comments"] == 18
    assert warm["overall"]["recall"] > cold["overall"]["recall"]  # the new site starts taught
    assert not LearnedLabel.objects.exists()  # rolled back


def test_bootstrap_is_learned_as_an_imported_corpus(small_files, tmp_path):
    """Imported, not played as decisions: repeats once, each counting IMPORTED_WEIGHT; nothing stored or scored."""
    twice = write_csv(tmp_path / "twice.csv", [(t.format(n=7), 0) for t in HAM] * 2)
    with mock.patch.object(classifier, "learn_many", wraps=classifier.learn_many) as learn_many:
        run(small_files[1], "--mode", "stream", "--bootstrap", small_files[0], twice, "--json")
    [(examples,), kwargs] = learn_many.call_args
    # small0: 18 rows, of which the three link spam normalise alike ("bit.ly"); twice: 3 texts, each twice.
    assert len(examples) == 16 + 3 and kwargs == {}  # the default weight: IMPORTED_WEIGHT
    assert Comment.objects.count() == 0


def test_a_file_cannot_be_learned_first_and_judged(small_files):
    with pytest.raises(CommandError, match="Learned first and judged too"):
        run(small_files[0], small_files[1], "--bootstrap", small_files[0])


# --baseline ---------------------------------------------------------------------------------------------------


def test_baseline_is_measured_beside_the_product_with_ratios(small_files):
    report = json.loads(run(*small_files, "--baseline", "--json"))
    product, baseline, ratio = report["product"], report["baseline"], report["ratio"]
    assert set(product["overall"]) >= NEW_KEYS and set(baseline["overall"]) >= NEW_KEYS
    assert (
        set(baseline["files"])
        == set(product["files"])
        == set(ratio["files"])
        == {"small0.csv", "small1.csv", "small2.csv"}
    )
    assert "TF-IDF" in baseline["model"] and baseline["bands"] == "matched"
    assert baseline["overall"]["comments"] == product["overall"]["comments"] == 54
    # Matched: at the product's operating point, no more ham marked spam, as many held (ties aside).
    assert baseline["overall"]["ham_to_spam"] <= product["overall"]["ham_to_spam"]
    assert baseline["overall"]["queued"] >= product["overall"]["queued"]
    assert baseline["overall"]["recall"] > 0.5  # the toy spam is easy for it too
    assert ratio["overall"]["recall"] == round(product["overall"]["recall"] / baseline["overall"]["recall"], 3)
    assert "comments" not in ratio["overall"]


def test_baseline_table_has_a_row_each_and_a_ratio(small_files):
    out = run(small_files[1], small_files[2], "--mode", "stream", "--baseline", "--bootstrap", small_files[0])
    assert "learned first: small0.csv" in out and "Baseline: scikit-learn TF-IDF" in out
    lines = out.splitlines()
    overall = next(i for i, line in enumerate(lines) if line.startswith("overall"))
    assert "product" in lines[overall] and "baseline" in lines[overall + 1] and "ratio" in lines[overall + 2]


def test_baseline_in_stream_mode_learns_as_it_goes_in_its_own_calibrated_bands(small_files):
    report = json.loads(
        run(
            *small_files,
            "--mode",
            "stream",
            "--baseline",
            "--baseline-every",
            "10",
            "--baseline-bands",
            "calibrated",
            "--json",
        )
    )
    baseline = report["baseline"]
    assert baseline["refit_every"] == 10 and baseline["bands"] == "calibrated"
    assert baseline["target_ham_to_spam"] == 0.005 and baseline["hold_from"] == 0.5
    assert baseline["files"]["small0.csv"]["recall"] < baseline["files"]["small2.csv"]["recall"]


def test_without_scikit_learn_the_baseline_says_what_to_install(small_files, monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # import sklearn raises ImportError
    with pytest.raises(CommandError, match=r"scikit-learn.*django-newsroom\[benchmark\]"):
        run(*small_files, "--baseline")
    assert "product" not in run(*small_files[:2], "--mode", "stream", "--json")  # the product alone needs no sklearn


def test_calibrated_threshold_keeps_ham_marked_spam_at_the_target():
    ham = [i / 1000 for i in range(1000)]  # 0.000 .. 0.999
    threshold = calibrated_threshold(ham, target=0.005)
    assert sum(p >= threshold for p in ham) == 5
    assert calibrated_threshold([0.1, 0.2, 0.9], target=0.0) > 0.9  # few labels: above every ham seen
    assert calibrated_threshold([0.3, 0.3], target=1.0) == 0.0


def test_matched_thresholds_take_the_products_operating_point():
    # (is_spam, probability); None: the model had not learned enough yet, so it published.
    judged = [(False, 0.1), (False, 0.2), (False, 0.7), (True, 0.6), (True, 0.8), (True, 0.9), (True, None)]
    spam_from, hold_from = matched_thresholds(judged, ham_to_spam=0, held=2)
    assert 0.7 < spam_from <= 0.8 and hold_from == 0.6  # no ham marked spam; 0.7 and 0.6 held
    bands = [band_for(p, spam_from=spam_from, hold_from=hold_from) for _spam, p in judged]
    assert bands == [Band.PUBLISH, Band.PUBLISH, Band.HOLD, Band.HOLD, Band.SPAM, Band.SPAM, Band.PUBLISH]
    assert matched_thresholds(judged, ham_to_spam=1, held=0)[0] <= 0.7
    assert matched_thresholds(judged, ham_to_spam=0, held=0)[1] == spam_from  # nothing held


# What the comment is on, who wrote it --------------------------------------------------------------------------

SEEN = []


def record_submission(submission):
    """A check that only remembers what it was given."""
    SEEN.append(submission)


def test_article_name_and_website_columns_reach_the_product(tmp_path, settings):
    path = tmp_path / "articles.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ARTICLE", "AUTHOR", "URL", "CONTENT", "CLASS"])
        writer.writerow(["Council votes on parking. Fees rise 4%.", "Jo", "", "The vote was close.", 0])
        writer.writerow(["Council votes on parking. Fees rise 4%.", "Cheap Loans", "https://loans.example", "Hi", 1])
    settings.NEWSROOM_SPAM_CHECKS = [f"{__name__}.record_submission"]
    SEEN.clear()
    run(str(path), "--mode", "stream")
    assert [s.target_text for s in SEEN] == ["Council votes on parking. Fees rise 4%."] * 2
    assert [s.author_name for s in SEEN] == ["", ""]  # not read unless named
    SEEN.clear()
    run(str(path), "--mode", "stream", "--author-column", "AUTHOR", "--url-column", "URL")
    assert [(s.author_name, s.author_url) for s in SEEN] == [("Jo", ""), ("Cheap Loans", "https://loans.example")]


# The article-style corpus the project wrote (benchmarks/data/README.md) -----------------------------------------


@pytest.mark.parametrize(("name", "spam", "ham", "articles"), [("a", 153, 211, 13), ("b", 133, 208, 13)])
def test_the_article_corpus_has_the_documented_counts(name, spam, ham, articles):
    rows = read_labelled_comments(
        ARTICLE_CORPUS / f"article_comments_{name}.csv",
        article_column="ARTICLE",
        author_column="AUTHOR",
        url_column="URL",
    )
    assert (sum(r.is_spam for r in rows), sum(not r.is_spam for r in rows)) == (spam, ham)
    assert len({r.article for r in rows}) == articles and all(r.article and r.author for r in rows)
    assert str(spam) in (ARTICLE_CORPUS / "README.md").read_text()


def test_the_two_article_files_are_on_different_articles():
    a, b = (
        read_labelled_comments(ARTICLE_CORPUS / f"article_comments_{n}.csv", article_column="ARTICLE") for n in "ab"
    )
    assert not {r.article for r in a} & {r.article for r in b}
