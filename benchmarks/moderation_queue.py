"""How fast the moderators' queue is at scale: the admin change list, one decision, the nightly trim.

    .venv/bin/python benchmarks/moderation_queue.py                 # 100,000 comments
    .venv/bin/python benchmarks/moderation_queue.py --comments 20000 --runs 10

Builds a throwaway SQLite database with made-up comments on a few thousand
articles (most approved, some spam, a queue of pending ones; a few writers
comment often, most once), then, logged in as a member of the Moderators
group, times the admin pages a moderator uses (the queue, "all", a search,
one writer's comments, a deep page) and counts their queries; times one
"approve" through :func:`comments.status.change_status`; and times
:func:`comments.privacy.trim_personal_data` over every comment decided long
ago. Prints medians and p90. The database is deleted afterwards.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000, help="comments to create (default 100,000)")
    parser.add_argument("--runs", type=int, default=15, help="requests per page (default 15)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        run(args)
    finally:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


def build(args, rng):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article, Category
    from comments.models import Comment

    section = Category.objects.create(name="News", slug="news")
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(headline=f"Story {i}", slug=f"story-{i}", category=section, status="published", publish_at=now)
        for i in range(max(args.comments // 20, 10))
    )
    article_ct = ContentType.objects.get_for_model(Article).pk
    frequent = [f"regular{i}@example.com" for i in range(200)]
    statuses = ["approved"] * 85 + ["spam"] * 10 + ["trash"] * 3 + ["pending"] * 2
    tables = [(model, model._meta.local_concrete_fields) for model in reversed(Comment._meta.get_parent_list())]
    tables.append((Comment, Comment._meta.local_concrete_fields))
    rows = {model: [] for model, _fields in tables}
    for n in range(1, args.comments + 1):
        state = rng.choice(statuses)
        email = rng.choice(frequent) if rng.random() < 0.3 else f"reader{n}@example.com"
        when = now - timedelta(minutes=args.comments - n)
        comment = Comment(
            content_type_id=article_ct,
            object_pk=str(rng.choice(articles).pk),
            site_id=1,
            user_name=email.split("@")[0].title(),
            user_email=email,
            comment=f"Comment {n}: " + " ".join(rng.choice(["boats", "harbour", "tides", "trains"]) for _ in range(30)),
            submit_date=when,
            ip_address=f"198.51.{n % 250}.{n % 200 + 1}",
            status=state,
            status_changed_at=None if state == "pending" else when,
            user_agent="Mozilla/5.0 (benchmark)",
            spam_score=round(rng.random() * 2 - 0.5, 3),
            spam_band="hold" if state == "pending" else ("spam" if state == "spam" else "publish"),
            spam_reasons=[{"check": "links", "score": 0.2, "reason": "1 link", "label": "1 link (+0.2)"}],
            thread_id=n,
            parent_id=n,
        )
        comment.is_public = state == "approved"
        comment.is_removed = state in {"spam", "trash"}
        comment.id = comment.comment_ptr_id = comment.xtdcomment_ptr_id = n
        for model, fields in tables:
            rows[model].append([f.get_db_prep_save(getattr(comment, f.attname), connection) for f in fields])
    with transaction.atomic(), connection.cursor() as cursor:
        for model, fields in tables:
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})"
            for start in range(0, len(rows[model]), 5_000):
                cursor.executemany(sql, rows[model][start : start + 5_000])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return frequent


def timed(fn, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.9) - 1, 0)]


def run(args):
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from comments import privacy, status
    from comments.models import Comment

    rng = random.Random(args.seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("setup_roles", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115  (the Moderators group)
    frequent = build(args, rng)
    print(f"Built {args.comments:,} comments in {time.perf_counter() - started:.1f}s")

    moderator = User.objects.create_user("mia", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    changelist = reverse("admin:newsroom_comments_comment_changelist")
    pages = [
        ("the queue (pending)", {}),
        ("all comments", {"status": "all"}),
        ("search an address", {"status": "all", "q": frequent[0]}),
        ("one writer's comments", {"status": "all", "user_email": frequent[1]}),
        ("approved, page 40", {"status": "approved", "p": "40"}),
    ]
    print(f"\nAdmin pages, {args.runs} requests each (median / p90, queries):")
    for label, params in pages:
        client.get(changelist, params)  # warm caches
        reset_queries()  # the log is capped; building filled it
        with CaptureQueriesContext(connection) as queries:
            response = client.get(changelist, params)
        assert response.status_code == 200, response.status_code
        median, p90 = timed(lambda params=params: client.get(changelist, params), args.runs)
        print(f"  {label:<24} {median:7.1f} ms / {p90:7.1f} ms   {len(queries)} queries")

    pending = list(Comment.objects.filter(status="pending").order_by("-pk")[: args.runs])

    def approve():
        status.change_status(pending.pop(), "approved", by=moderator)

    median, p90 = timed(approve, len(pending))
    print(f"\nOne approval (history line, learning, after-commit work): {median:.1f} ms / {p90:.1f} ms")

    Comment.objects.exclude(status="pending").update(status_changed_at=Comment.objects.first().submit_date)
    old = Comment.objects.exclude(status="pending").count()
    started = time.perf_counter()
    trimmed = privacy.trim_personal_data(now=Comment.objects.first().submit_date + timedelta(days=61))
    elapsed = time.perf_counter() - started
    print(f"\nTrimming personal data: {trimmed:,} of {old:,} decided comments in {elapsed:.1f}s")


if __name__ == "__main__":
    main()
