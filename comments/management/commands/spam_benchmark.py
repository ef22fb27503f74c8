"""Measure the spam filter on labelled comments, without touching the site's data::

    manage.py spam_benchmark tubespam/*.csv                       # leave one video out, a table
    manage.py spam_benchmark tubespam/*.csv --mode stream --json  # learn as you go, one JSON object
    manage.py spam_benchmark articles_*.csv --mode stream --bootstrap tubespam/*.csv --baseline

The labelled files are named on the command line: the command has no
default place to look for them.

It drives the product's own pipeline and learning: every text becomes a
comment on a stand-in page (one per file, or per article where the file has
an article column), moderators' decisions are played through
:func:`comments.spam.learning.learn_from_decision`, and verdicts come from
:func:`comments.spam.pipeline.evaluate` with the configured checks, minus
those that judge a request or a person (honeypot, time on form, reCAPTCHA,
Akismet, staff, trusted, first comment): a CSV has neither. The text is
read, the article it is on where the file has an ``ARTICLE`` column (it
becomes ``Submission.target_text``), and the name and website only when
``--author-column`` / ``--url-column`` name them. Everything runs in a
transaction that is rolled back, with the classifier's shared cache
bypassed, so the site's filter is untouched. (On SQLite the database is
locked for writing while it runs: minutes on TubeSpam.)

Modes:

``lovo`` (leave one out)
    For each file: the filter starts empty, lives through every other file
    as in ``stream`` (so moderators' decisions carry the scores the filter
    gave, which the spam threshold's calibration reads), then judges this
    file without learning from it.
``stream``
    The files in order, the filter starting empty: each comment is judged,
    then its label is revealed as a moderator's decision.

``--bootstrap CSV ...`` files are learned first and never judged: a new
site that imported a starter corpus with ``import_spam_corpus`` (the
classifier learns the texts, repeats once, each counting
``IMPORTED_WEIGHT`` of a moderator's decision; the memory and the
calibration learn nothing from them). In ``lovo`` every fold learns them.
The baseline learns them with the same weight (``sample_weight``).

Figures, overall and per file:

``ham_to_spam``
    Share of the ham whose band is spam (``false_positive_rate``, kept).
``spam_to_published``
    Share of the spam published: what readers would see.
``queued``
    Share of all comments held for a person (``held_share``, kept).
``mcc``, ``precision``, ``recall``, ``f1``, ``accuracy``
    With "caught" meaning band spam; a held comment is not caught.
``comments_per_second``, ``p99_ms``
    Judging only (``evaluate``, or the baseline's normalise + predict), one
    comment at a time; storing and learning are not timed.

``--baseline`` measures a reference model in the same run, with the same
protocol, and prints it beside the product with the ratio product / baseline
of every figure (JSON: ``{"product": ..., "baseline": ..., "ratio": ...}``).
It is a textbook scikit-learn model (TF-IDF word and character n-grams,
logistic regression), a benchmark dependency only; see
:mod:`comments.management.spam_baseline`. In ``lovo`` it is fitted per fold
on the same labels the product learned; in ``stream`` it is refitted on
every label seen so far before each file and every ``--baseline-every``
comments (50), while the product learns after each one. Its probability
becomes the same three bands (``--baseline-bands``):

``matched`` (default)
    At the product's operating point: after the run, the lowest spam
    threshold that marks no more of the judged ham as spam than the product
    did, and a hold threshold that holds as many comments as the product
    held. Ham -> spam and the queue are then the product's (or lower) and
    spam -> published, recall and MCC compare the two at the same cost.
    Choosing thresholds with the judged labels favours the baseline.
``calibrated``
    As it would run live: spam from the probability calibrated on the labels
    it was taught (out-of-fold) to ``--target-ham-to-spam`` (by default the
    product's ``NEWSROOM_SPAM_TARGET_HAM_TO_SPAM``), hold from probability 0.5. Its ham -> spam
    drifts from the target on data unlike what it was taught.
"""

import json
import math
import time
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from comments import conf
from comments.management.spam_baseline import Baseline, band_for, matched_thresholds, require_sklearn
from comments.models import Comment
from comments.spam import classifier
from comments.spam.base import Band, Submission, target_text
from comments.spam.corpus import import_examples, read_labelled_comments
from comments.spam.learning import learn_from_decision
from comments.spam.pipeline import evaluate, get_checks

# The baseline's target for ham marked spam when the product sets none (NEWSROOM_SPAM_TARGET_HAM_TO_SPAM = None).
TARGET_HAM_TO_SPAM = 0.005
BASELINE_EVERY = 50
# Counts, not rates: no ratio is printed for them.
COUNTS = {"comments", "spam", "ham", "held_spam", "held_ham"}


def benchmark_checks():
    """The configured checks that can judge a bare text."""
    return [
        check
        for check in get_checks()
        if not getattr(check, "uses_request", False) and not getattr(check, "uses_identity", False)
    ]


def mcc(*, tp, fp, tn, fn):
    """Matthews correlation coefficient of a confusion matrix; 0.0 when a row or column is empty."""
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denominator if denominator else 0.0


def percentile(values, share):
    """The nearest-rank percentile (``share`` in 0..100) of ``values``; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


def rate(part, whole):
    return round(part / whole, 4) if whole else 0.0


class Tally:
    """Confusion counts for spam, what was held or published, and how long each judgement took."""

    def __init__(self):
        self.tp = self.fp = self.tn = self.fn = 0
        self.held_spam = self.held_ham = self.published_spam = 0
        self.seconds = []

    def add(self, *, is_spam, band, seconds=0.0):
        band = Band(band)
        caught = band.status == Band.SPAM.status
        if is_spam:
            self.tp += caught
            self.fn += not caught
            self.held_spam += band == Band.HOLD
            self.published_spam += band == Band.PUBLISH
        else:
            self.fp += caught
            self.tn += not caught
            self.held_ham += band == Band.HOLD
        self.seconds.append(seconds)

    def merge(self, other):
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def figures(self):
        spam, ham = self.tp + self.fn, self.fp + self.tn
        total = spam + ham
        held = self.held_spam + self.held_ham
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / spam if spam else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        timed = sum(self.seconds)
        return {
            "comments": total,
            "spam": spam,
            "ham": ham,
            "ham_to_spam": rate(self.fp, ham),
            "spam_to_published": rate(self.published_spam, spam),
            "queued": rate(held, total),
            "mcc": round(mcc(tp=self.tp, fp=self.fp, tn=self.tn, fn=self.fn), 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "false_positive_rate": rate(self.fp, ham),
            "accuracy": rate(self.tp + self.tn, total),
            "held_share": rate(held, total),
            "held_spam": self.held_spam,
            "held_ham": self.held_ham,
            "comments_per_second": round(len(self.seconds) / timed, 1) if timed else 0.0,
            "p99_ms": round(percentile(self.seconds, 99) * 1000, 3),
        }


def ratios(product, baseline):
    """Product / baseline for every rate; ``None`` where the baseline's is 0."""
    return {
        key: (round(value / baseline[key], 3) if baseline[key] else None)
        for key, value in product.items()
        if key not in COUNTS
    }


class Bench:
    """Plays comments and decisions through the product's own code."""

    def __init__(self):
        self.content_type = ContentType.objects.get_for_model(Site)
        self.site_id = getattr(settings, "SITE_ID", None) or Site.objects.get_current().pk
        self.checks = benchmark_checks()
        self.articles = {}

    def page(self, source, row):
        """The stand-in page of ``row`` of the file ``source`` ("3", "bootstrap-0"): one per article."""
        article = self.articles.setdefault(row.article, len(self.articles))
        return f"spam-benchmark-{source}-{article}"

    def judge(self, row, *, page):
        """The product's verdict on ``row`` and the seconds it took."""
        submission = Submission(
            text=row.text,
            author_name=row.author,
            author_url=row.url,
            content_type_id=self.content_type.pk,
            object_pk=page,
            submitted_at=timezone.now(),
            target_text=target_text(row.article),
        )
        started = time.perf_counter()
        verdict = evaluate(submission, checks=self.checks, allow_discard=False)
        return verdict, time.perf_counter() - started

    def store(self, row, *, page, verdict=None):
        """Store the comment with the status a moderator gave it."""
        comment = Comment(
            content_type=self.content_type,
            object_pk=page,
            site_id=self.site_id,
            user_name=row.author,
            user_url=row.url,
            comment=row.text,
            submit_date=timezone.now(),
            status=Comment.Status.SPAM if row.is_spam else Comment.Status.APPROVED,
            spam_band=verdict.band if verdict else "",
            spam_score=verdict.score if verdict else None,
            spam_reasons=verdict.reasons if verdict else [],
        )
        comment.save()
        return comment

    def teach(self, comment):
        """The moderator's decision, through the same function ``change_status`` calls."""
        learn_from_decision(comment, from_status=Comment.Status.PENDING, to_status=comment.status, report=False)

    def import_bootstrap(self, bootstrap):
        """The starter corpus learned as ``import_spam_corpus`` learns one: texts only, repeats once, weighted low."""
        return import_examples(row for _path, rows in bootstrap for row in rows)


def play(bench, rows, *, source, tally=None):
    """Each comment judged, stored with its verdict, then decided by a moderator, as on a site."""
    for row in rows:
        page = bench.page(source, row)
        verdict, seconds = bench.judge(row, page=page)
        if tally is not None:
            tally.add(is_spam=row.is_spam, band=verdict.band, seconds=seconds)
        bench.teach(bench.store(row, page=page, verdict=verdict))


def product_lovo(files, *, bootstrap):
    bench = Bench()
    tallies = {}
    for index, (path, rows) in enumerate(files):
        with transaction.atomic():
            classifier.reset()
            bench.import_bootstrap(bootstrap)
            # The other files as the site lived through them (their scores are what calibration reads);
            # the judged file is not in the site yet.
            for other, (_path, other_rows) in enumerate(files):
                if other != index:
                    play(bench, other_rows, source=other)
            tally = tallies[path] = Tally()
            for row in rows:
                verdict, seconds = bench.judge(row, page=bench.page(index, row))
                tally.add(is_spam=row.is_spam, band=verdict.band, seconds=seconds)
            transaction.set_rollback(True)
    return tallies


def product_stream(files, *, bootstrap):
    bench = Bench()
    classifier.reset()
    bench.import_bootstrap(bootstrap)
    tallies = {}
    for index, (path, rows) in enumerate(files):
        play(bench, rows, source=index, tally=tallies.setdefault(path, Tally()))
    return tallies


def judge_with_baseline(baseline, row, judged):
    started = time.perf_counter()
    probability, band = baseline.judge(row.text)
    judged.append((row.is_spam, probability, band, time.perf_counter() - started))


def learn_bootstrap(baseline, bootstrap):
    """The starter corpus, counting as much for the baseline as for the product (``IMPORTED_WEIGHT``)."""
    for _path, rows in bootstrap:
        for row in rows:
            baseline.learn(row.text, is_spam=row.is_spam, weight=classifier.IMPORTED_WEIGHT)


def baseline_lovo(files, *, bootstrap, make_baseline, every=None):
    """``{path: [(is_spam, probability, band, seconds), ...]}``: one model per fold, fitted once."""
    judgements = {}
    for path, rows in files:
        baseline = make_baseline()
        learn_bootstrap(baseline, bootstrap)
        for other_path, other_rows in files:
            if other_path != path:
                for row in other_rows:
                    baseline.learn(row.text, is_spam=row.is_spam)
        baseline.fit()
        judgements[path] = []
        for row in rows:
            judge_with_baseline(baseline, row, judgements[path])
    return judgements


def baseline_stream(files, *, bootstrap, make_baseline, every):
    """``{path: [(is_spam, probability, band, seconds), ...]}``: refitted before each file and every ``every``."""
    baseline = make_baseline()
    learn_bootstrap(baseline, bootstrap)
    judgements = {}
    for path, rows in files:
        judgements[path] = []
        for row in rows:
            if baseline.unfitted and (baseline.unfitted >= every or not judgements[path]):
                baseline.fit()
            judge_with_baseline(baseline, row, judgements[path])
            baseline.learn(row.text, is_spam=row.is_spam)
    return judgements


def baseline_tallies(judgements, *, bands, product):
    """The baseline's tallies, in the bands it gave (``calibrated``) or at the product's operating point."""
    thresholds = None
    if bands == "matched":
        judged = [(is_spam, probability) for rows in judgements.values() for is_spam, probability, _b, _s in rows]
        thresholds = matched_thresholds(judged, ham_to_spam=product.fp, held=product.held_spam + product.held_ham)
    tallies = {}
    for path, rows in judgements.items():
        tally = tallies[path] = Tally()
        for is_spam, probability, band, seconds in rows:
            if thresholds:
                band = band_for(probability, spam_from=thresholds[0], hold_from=thresholds[1])
            tally.add(is_spam=is_spam, band=band, seconds=seconds)
    return tallies, thresholds


def overall(tallies):
    total = Tally()
    for tally in tallies.values():
        total.merge(tally)
    return total


def summary(tallies):
    return {
        "files": {Path(path).name: tally.figures() for path, tally in tallies.items()},
        "overall": overall(tallies).figures(),
    }


class Command(BaseCommand):
    help = (
        "Measure the spam filter on labelled CSV files (such as the TubeSpam collection), leaving no trace; "
        "with --baseline, beside a reference TF-IDF logistic regression."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="*", metavar="CSV", help="Labelled CSV files with a header row, judged.")
        parser.add_argument("--mode", choices=["lovo", "stream"], default="lovo")
        parser.add_argument(
            "--bootstrap",
            nargs="+",
            default=[],
            metavar="CSV",
            help="Labelled CSV files learned first as moderators' decisions and never judged (a starter corpus).",
        )
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="Also measure a reference model (TF-IDF n-grams, logistic regression; needs scikit-learn).",
        )
        parser.add_argument(
            "--baseline-every",
            type=int,
            default=BASELINE_EVERY,
            metavar="N",
            help=f"In stream mode, refit the reference model every N comments (default {BASELINE_EVERY}).",
        )
        parser.add_argument(
            "--baseline-bands",
            choices=["matched", "calibrated"],
            default="matched",
            help="The reference model's bands: at the product's ham->spam and queue in this run (default), "
            "or calibrated on what it was taught, as it would run live.",
        )
        parser.add_argument(
            "--target-ham-to-spam",
            type=float,
            metavar="RATE",
            help="With --baseline-bands calibrated: the ham marked spam it aims at (default: the product's "
            f"NEWSROOM_SPAM_TARGET_HAM_TO_SPAM, else {TARGET_HAM_TO_SPAM}).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of a table.")
        parser.add_argument("--text-column", default="CONTENT")
        parser.add_argument("--label-column", default="CLASS")
        parser.add_argument("--spam-value", default="1")
        parser.add_argument(
            "--article-column", default="ARTICLE", help="What a comment is on, where a file has it (default ARTICLE)."
        )
        parser.add_argument("--author-column", default="", help="The name the commenter gave (not read by default).")
        parser.add_argument("--url-column", default="", help="The website the commenter gave (not read by default).")

    def handle(self, *args, **options):
        paths, bootstrap_paths = options["csv"], options["bootstrap"]
        if not paths:
            raise CommandError("Name the labelled CSV files to measure on: manage.py spam_benchmark FILE.csv ...")
        missing = [path for path in [*paths, *bootstrap_paths] if not Path(path).is_file()]
        if missing:
            raise CommandError(f"No such CSV file: {', '.join(missing)}.")
        both = sorted({str(Path(p).resolve()) for p in paths} & {str(Path(p).resolve()) for p in bootstrap_paths})
        if both:
            raise CommandError(f"Learned first and judged too: {', '.join(both)}. A file is one or the other.")
        if options["mode"] == "lovo" and len(paths) < 2:
            raise CommandError("--mode lovo needs at least two files (each is judged by a filter taught the others).")
        if options["baseline_every"] < 1:
            raise CommandError("--baseline-every must be 1 or more.")
        if options["target_ham_to_spam"] is None:
            options["target_ham_to_spam"] = conf.get("NEWSROOM_SPAM_TARGET_HAM_TO_SPAM") or TARGET_HAM_TO_SPAM
        make_baseline = self.baseline_factory(options) if options["baseline"] else None
        files = [(path, self.read(path, options)) for path in paths]
        bootstrap = [(path, self.read(path, options)) for path in bootstrap_paths]

        run = product_lovo if options["mode"] == "lovo" else product_stream
        with classifier.isolated(), transaction.atomic():
            product = run(files, bootstrap=bootstrap)
            transaction.set_rollback(True)
        report = {
            "mode": options["mode"],
            "bootstrap": [Path(path).name for path in bootstrap_paths],
            "checks": [type(c).__name__ for c in benchmark_checks()],
        }
        if make_baseline is None:
            report.update(summary(product))
        else:
            report.update(self.beside_baseline(product, files, bootstrap, make_baseline, options))
        if options["json"]:
            self.stdout.write(json.dumps(report, sort_keys=True))
        else:
            self.stdout.write(self.table(report))

    def read(self, path, options):
        return read_labelled_comments(
            path,
            text_column=options["text_column"],
            label_column=options["label_column"],
            spam_value=options["spam_value"],
            article_column=options["article_column"],
            author_column=options["author_column"],
            url_column=options["url_column"],
        )

    def baseline_factory(self, options):
        # scikit-learn is a benchmark dependency, never the site's: only --baseline needs it.
        try:
            require_sklearn()
        except ImportError as error:
            raise CommandError(str(error)) from error
        calibrated = options["baseline_bands"] == "calibrated"
        return lambda: Baseline(target_ham_to_spam=options["target_ham_to_spam"] if calibrated else None)

    def beside_baseline(self, product, files, bootstrap, make_baseline, options):
        """``{"product", "baseline", "ratio"}``: the reference model run on the same files, the same way."""
        run = baseline_lovo if options["mode"] == "lovo" else baseline_stream
        judgements = run(files, bootstrap=bootstrap, make_baseline=make_baseline, every=options["baseline_every"])
        tallies, thresholds = baseline_tallies(judgements, bands=options["baseline_bands"], product=overall(product))
        product, baseline = summary(product), summary(tallies)
        if thresholds:
            bands = {"bands": "matched", "spam_from": round(thresholds[0], 6), "hold_from": round(thresholds[1], 6)}
        else:
            bands = {"bands": "calibrated", "target_ham_to_spam": options["target_ham_to_spam"], "hold_from": 0.5}
        refit = {"refit_every": options["baseline_every"]} if options["mode"] == "stream" else {}
        return {
            "product": product,
            "baseline": {"model": make_baseline().description, **bands, **refit, **baseline},
            "ratio": {
                "files": {name: ratios(f, baseline["files"][name]) for name, f in product["files"].items()},
                "overall": ratios(product["overall"], baseline["overall"]),
            },
        }

    COLUMNS = [
        ("ham_to_spam", "ham->spam", ".3f"),
        ("spam_to_published", "spam->pub", ".3f"),
        ("queued", "queued", ".3f"),
        ("mcc", "MCC", ".3f"),
        ("precision", "precision", ".3f"),
        ("recall", "recall", ".3f"),
        ("f1", "F1", ".3f"),
        ("comments_per_second", "c/s", ".0f"),
        ("p99_ms", "p99 ms", ".2f"),
    ]

    def table(self, report):
        with_baseline = "baseline" in report
        heads = ["file", *(["model"] if with_baseline else []), "n", *(head for _key, head, _f in self.COLUMNS)]

        def row(name, model, figures, *, ratio=False):
            cells = [
                "-" if figures.get(key) is None else format(figures[key], ".2f" if ratio else spec)
                for key, _head, spec in self.COLUMNS
            ]
            return [name, *([model] if with_baseline else []), "" if ratio else str(figures["comments"]), *cells]

        rows = []
        product = report["product"] if with_baseline else report
        for name in [*product["files"], "overall"]:
            figures = product["overall"] if name == "overall" else product["files"][name]
            rows.append(row(name, "product", figures))
            if with_baseline:
                base = report["baseline"]["overall"] if name == "overall" else report["baseline"]["files"][name]
                ratio = report["ratio"]["overall"] if name == "overall" else report["ratio"]["files"][name]
                rows.append(row("", "baseline", base))
                rows.append(row("", "ratio", ratio, ratio=True))
        widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]
        left = 2 if with_baseline else 1

        def line(cells):
            return "  ".join(
                c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        bootstrap = f"; learned first: {', '.join(report['bootstrap'])}" if report["bootstrap"] else ""
        lines = [f"Spam filter benchmark, mode {report['mode']}{bootstrap}; checks: {', '.join(report['checks'])}"]
        if with_baseline:
            base = report["baseline"]
            if base["bands"] == "matched":
                bands = (
                    f"bands at the product's ham->spam and queue: spam from p >= {base['spam_from']:.4f}, "
                    f"hold from p >= {base['hold_from']:.4f}"
                )
            else:
                bands = (
                    f"bands calibrated to ham->spam {base['target_ham_to_spam']} on what it was taught, hold from 0.5"
                )
            lines.append(f"Baseline: {base['model']}; {bands}.")
        lines += [line(heads), *(line(r) for r in rows)]
        o = product["overall"]
        lines.append(
            "Caught = band spam; held (a person looks) is counted apart: "
            f"{o['held_spam']} spam and {o['held_ham']} ham comments held overall by the product."
        )
        return "\n".join(lines)
