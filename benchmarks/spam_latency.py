"""How long the spam filter takes to judge one comment: the whole local pipeline, trained.

    .venv/bin/python benchmarks/spam_latency.py                 # 3,000 judgements
    .venv/bin/python benchmarks/spam_latency.py --runs 10000

Builds a throwaway SQLite database, teaches the classifier the labelled
collection in ``../shared/datasets/tubespam`` (or made-up comments when it is
absent), stores a few hundred moderated comments so the memory and duplicate
lookups have rows to search, then times :func:`comments.spam.pipeline.evaluate`
with the default checks on a mix of news-style comments and spam, from
known and unknown commenters. Akismet and reCAPTCHA are off (no keys): they
are network calls with their own timeouts, not local work. Prints p50, p90,
p99 and the queries one judgement makes. The database is deleted afterwards.
"""

import argparse
import glob
import os
import random
import statistics
import time

from scratch import ROOT, on_scratch_database

NEWS = [
    "The council's own figures show the bus lane cut journey times by four minutes, but only at peak hours. "
    "Outside them the buses are half empty and the traffic queues back to the roundabout.",
    "I was at the meeting and the vote was much closer than this report suggests; three members abstained "
    "because the papers arrived the night before.",
    "Good piece. The pension changes will hit part-time workers hardest, and most of them are women in their fifties.",
    "Could you link to the inspection report itself? The summary quoted here leaves out the section on staffing.",
    "My daughter's school lost two teachers this term and nobody has been hired to replace them. "
    "The funding formula described in the article does not match what parents are being told.",
]
SPAM = [
    "Check out my channel for free gift cards!!! subscribe http://bit.ly/free-cards",
    "Make $500 a day working from home, visit www.easy-money.example now",
    "Hey guys please subscribe to my channel, I make music videos, thank you",
    "Buy cheap followers at https://followers.example/deal best prices guaranteed",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3000, help="judgements to time (default 3,000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    on_scratch_database(run, args, prefix="newsroom-spam-bench-")


def run(args):
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from comments.models import Comment
    from comments.spam import classifier
    from comments.spam.base import Submission
    from comments.spam.learning import learn_from_decision
    from comments.spam.pipeline import evaluate, get_checks

    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)

    corpus = sorted(glob.glob(str(ROOT.parent / "shared/datasets/tubespam/*.csv")))
    if corpus:
        call_command("import_spam_corpus", *corpus, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        source = f"{len(corpus)} TubeSpam files"
    else:
        classifier.learn_many(
            [(rng.choice(SPAM) + f" offer {i}", classifier.SPAM) for i in range(400)]
            + [(rng.choice(NEWS) + f" point {i}", classifier.HAM) for i in range(400)]
        )
        source = "made-up comments (TubeSpam not found)"

    site_type = ContentType.objects.get_for_model(Site)
    for i in range(300):
        is_spam = i % 3 == 0
        comment = Comment.objects.create(
            content_type=site_type,
            object_pk=str(i % 20),
            site_id=1,
            user_name=f"reader {i}",
            user_email=f"reader{i % 100}@example.org",
            ip_address=f"198.51.100.{i % 250}",
            comment=(rng.choice(SPAM) if is_spam else rng.choice(NEWS)) + f" ({i})",
            submit_date=timezone.now(),
            status=Comment.Status.SPAM if is_spam else Comment.Status.APPROVED,
        )
        learn_from_decision(comment, to_status=comment.status, report=False)
    learned = classifier.state()

    checks = get_checks()
    submissions = []
    for i in range(200):
        text = rng.choice(NEWS + SPAM)
        submissions.append(
            Submission(
                text=text + f" {rng.randrange(10_000)}",
                author_name=f"reader {i}",
                author_email=f"reader{rng.randrange(200)}@example.org",
                author_url=rng.choice(["", "https://blog.example.net/"]),
                ip_address=f"203.0.113.{rng.randrange(250)}",
                user_agent="Mozilla/5.0 (benchmark)",
                content_type_id=site_type.pk,
                object_pk="999",
                seconds_on_form=rng.uniform(1, 300),
                submitted_at=timezone.now(),
            )
        )
    for submission in submissions[:50]:  # warm caches (the classifier's state, imports, prepared regexes)
        evaluate(submission, checks=checks)

    timings, cpu_timings = [], []
    for i in range(args.runs):
        submission = submissions[i % len(submissions)]
        started, cpu_started = time.perf_counter(), time.thread_time()
        evaluate(submission, checks=checks)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.thread_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        verdict = evaluate(submissions[0], checks=checks)
    timings.sort()
    cpu_timings.sort()

    def pct(p, values=timings):
        return values[min(len(values) - 1, int(len(values) * p / 100))]

    print(f"Spam pipeline latency: {args.runs} judgements, checks: {', '.join(type(c).__name__ for c in checks)}")
    print(
        f"Classifier trained on {source}, then 300 decisions: {learned.spam_learned:g} spam, "
        f"{learned.ham_learned:g} ham (weighted: imported texts count {classifier.IMPORTED_WEIGHT:g})."
    )
    print(
        f"wall clock: p50 {pct(50):.2f} ms   p90 {pct(90):.2f} ms   p99 {pct(99):.2f} ms   "
        f"max {timings[-1]:.2f} ms   mean {statistics.fmean(timings):.2f} ms"
    )
    print(
        f"CPU time:   p50 {pct(50, cpu_timings):.2f} ms   p90 {pct(90, cpu_timings):.2f} ms   "
        f"p99 {pct(99, cpu_timings):.2f} ms   (wall minus waiting for a busy machine's CPU)"
    )
    print(f"Load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"Queries per judgement: {len(queries)} (example verdict: {verdict.band}, {verdict.summary})")


if __name__ == "__main__":
    main()
