"""Measure the spam filter on labelled comments, without touching the site's data::

    manage.py spam_benchmark tubespam/*.csv                       # leave one video out, a table
    manage.py spam_benchmark tubespam/*.csv --mode stream --json  # learn as you go, one JSON object

The labelled files are named on the command line: the command has no
default place to look for them.

It drives the product's own pipeline and learning: every text becomes a
comment on a stand-in page (one per file), moderators' decisions are played
through :func:`comments.spam.learning.learn_from_decision`, and verdicts come
from :func:`comments.spam.pipeline.evaluate` with the configured checks, minus
those that judge a request or a person (honeypot, time on form, reCAPTCHA,
Akismet, staff, trusted, first comment): a CSV has neither. Only the text
column is read. Everything runs in a transaction that is rolled back, with
the classifier's shared cache bypassed, so the site's filter is untouched.
(On SQLite the database is locked for writing while it runs: a minute or so.)

Modes:

``lovo`` (leave one out)
    For each file: the filter starts empty, learns every other file as if
    moderators had decided on them, then judges this file.
``stream``
    The files in order, the filter starting empty: each comment is judged,
    then its label is revealed as a moderator's decision.

A comment counts as caught when its band is spam (or discard); held comments
are reported separately: a person would look at them.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from comments.models import Comment
from comments.spam import classifier
from comments.spam.base import Band, Submission
from comments.spam.corpus import read_labelled_csv
from comments.spam.learning import learn_from_decision
from comments.spam.pipeline import evaluate, get_checks


def benchmark_checks():
    """The configured checks that can judge a bare text."""
    return [
        check
        for check in get_checks()
        if not getattr(check, "uses_request", False) and not getattr(check, "uses_identity", False)
    ]


class Tally:
    """Confusion counts for spam, plus how many were held for a person."""

    def __init__(self):
        self.tp = self.fp = self.tn = self.fn = self.held = self.held_spam = self.held_ham = 0

    def add(self, *, is_spam, band):
        caught = Band(band).status == Band.SPAM.status
        if band == Band.HOLD:
            self.held += 1
            self.held_spam += is_spam
            self.held_ham += not is_spam
        if is_spam:
            self.tp += caught
            self.fn += not caught
        else:
            self.fp += caught
            self.tn += not caught

    def merge(self, other):
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self):
        total = self.tp + self.fp + self.tn + self.fn
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "comments": total,
            "spam": self.tp + self.fn,
            "ham": self.fp + self.tn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "false_positive_rate": round(self.fp / (self.fp + self.tn), 4) if self.fp + self.tn else 0.0,
            "accuracy": round((self.tp + self.tn) / total, 4) if total else 0.0,
            "held_share": round(self.held / total, 4) if total else 0.0,
            "held_spam": self.held_spam,
            "held_ham": self.held_ham,
        }


class Bench:
    """Plays comments and decisions through the product's own code."""

    def __init__(self):
        self.content_type = ContentType.objects.get_for_model(Site)
        self.site_id = getattr(settings, "SITE_ID", None) or Site.objects.get_current().pk
        self.checks = benchmark_checks()

    def page(self, index):
        return f"spam-benchmark-{index}"

    def judge(self, text, *, page):
        submission = Submission(
            text=text, content_type_id=self.content_type.pk, object_pk=page, submitted_at=timezone.now()
        )
        return evaluate(submission, checks=self.checks, allow_discard=False)

    def store(self, text, *, is_spam, page, verdict=None):
        """Store the comment with the status a moderator gave it."""
        comment = Comment(
            content_type=self.content_type,
            object_pk=page,
            site_id=self.site_id,
            user_name="benchmark",
            comment=text,
            submit_date=timezone.now(),
            status=Comment.Status.SPAM if is_spam else Comment.Status.APPROVED,
            spam_band=verdict.band if verdict else "",
            spam_score=verdict.score if verdict else None,
        )
        comment.save()
        return comment

    def teach(self, comment):
        """The moderator's decision, through the same function ``change_status`` calls."""
        learn_from_decision(comment, from_status=Comment.Status.PENDING, to_status=comment.status, report=False)


def run_lovo(files):
    bench = Bench()
    stored = {
        path: [bench.store(text, is_spam=is_spam, page=bench.page(index)) for text, is_spam in rows]
        for index, (path, rows) in enumerate(files)
    }
    tallies = {}
    for index, (path, rows) in enumerate(files):
        with transaction.atomic():
            classifier.reset()
            # The judged file is not in the site yet: its comments (and their labels) must not be found.
            Comment.objects.filter(content_type=bench.content_type, object_pk=bench.page(index)).delete()
            for other_path, comments in stored.items():
                if other_path != path:
                    for comment in comments:
                        bench.teach(comment)
            tally = Tally()
            for text, is_spam in rows:
                tally.add(is_spam=is_spam, band=bench.judge(text, page=bench.page(index)).band)
            tallies[path] = tally
            transaction.set_rollback(True)
    return tallies


def run_stream(files):
    bench = Bench()
    tallies = {}
    classifier.reset()
    for index, (path, rows) in enumerate(files):
        tally = Tally()
        for text, is_spam in rows:
            verdict = bench.judge(text, page=bench.page(index))
            tally.add(is_spam=is_spam, band=verdict.band)
            bench.teach(bench.store(text, is_spam=is_spam, page=bench.page(index), verdict=verdict))
        tallies[path] = tally
    return tallies


class Command(BaseCommand):
    help = "Measure the spam filter on labelled CSV files (such as the TubeSpam collection), leaving no trace."

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="*", metavar="CSV", help="Labelled CSV files with a header row.")
        parser.add_argument("--mode", choices=["lovo", "stream"], default="lovo")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of a table.")
        parser.add_argument("--text-column", default="CONTENT")
        parser.add_argument("--label-column", default="CLASS")
        parser.add_argument("--spam-value", default="1")

    def handle(self, *args, **options):
        paths = options["csv"]
        if not paths:
            raise CommandError("Name the labelled CSV files to measure on: manage.py spam_benchmark FILE.csv ...")
        missing = [path for path in paths if not Path(path).is_file()]
        if missing:
            raise CommandError(f"No such CSV file: {', '.join(missing)}.")
        files = [
            (
                path,
                read_labelled_csv(
                    path,
                    text_column=options["text_column"],
                    label_column=options["label_column"],
                    spam_value=options["spam_value"],
                ),
            )
            for path in paths
        ]
        if options["mode"] == "lovo" and len(files) < 2:
            raise CommandError("--mode lovo needs at least two files (each is judged by a filter taught the others).")
        run = run_lovo if options["mode"] == "lovo" else run_stream
        with classifier.isolated(), transaction.atomic():
            tallies = run(files)
            transaction.set_rollback(True)
        overall = Tally()
        for tally in tallies.values():
            overall.merge(tally)
        report = {
            "mode": options["mode"],
            "checks": [type(c).__name__ for c in benchmark_checks()],
            "files": {Path(path).name: tally.figures() for path, tally in tallies.items()},
            "overall": overall.figures(),
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, sort_keys=True))
        else:
            self.stdout.write(self.table(report))

    def table(self, report):
        columns = ["precision", "recall", "f1", "false_positive_rate", "accuracy", "held_share"]
        heads = ["file", "n", "precision", "recall", "F1", "FP rate", "accuracy", "held"]
        rows = [[name, str(f["comments"]), *(f"{f[c]:.3f}" for c in columns)] for name, f in report["files"].items()]
        o = report["overall"]
        rows.append(["overall", str(o["comments"]), *(f"{o[c]:.3f}" for c in columns)])
        widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]
        lines = [
            f"Spam filter benchmark, mode {report['mode']}; checks: {', '.join(report['checks'])}",
            "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(heads, widths, strict=True))),
        ]
        for row in rows:
            lines.append(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
        lines.append(
            "Spam = band spam; held (a person looks) counted apart: "
            f"{o['held_spam']} spam and {o['held_ham']} ham comments held overall."
        )
        return "\n".join(lines)
