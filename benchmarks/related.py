"""Benchmark of "You may also like" at archive scale: how long ranking takes, and what a page read costs.

    .venv/bin/python benchmarks/related.py                     # 100,000 articles
    .venv/bin/python benchmarks/related.py --articles 10000 --trials 20

Builds a throwaway SQLite archive (bulk inserts: plausible made-up words,
sections, tags and the term index), then publishes a few new articles and
times what publishing one triggers (:func:`articles.related.recompute`, then
:func:`~articles.related.link_back`) for each (median and p95), and
counts and times the queries of :func:`articles.related.you_may_also_like`
as an article page runs it. The database is deleted afterwards unless
``--keep`` or ``--db`` is given (``--db`` also reuses an archive built before).
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

CONSONANTS = "bcdfghklmnprstvwz"
VOWELS = "aeiou"


def made_up_word(rng):
    syllables = rng.choice([2, 2, 3, 3, 4])
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(["", "n", "r"])


def zipf_picker(rng, items, *, exponent=1.1):
    """Picks from ``items`` with a few common and many rare ones, as words and tags are in real archives."""
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def pick(k):
        return rng.choices(items, cum_weights=cumulative, k=k)

    return pick


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="archive size (default 100,000)")
    parser.add_argument("--trials", type=int, default=15, help="new articles to rank (default 15)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database file and print its path")
    parser.add_argument("--db", type=Path, help="use (and keep) this database file; an archive in it is reused")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    db_path = args.db.resolve() if args.db else workdir / "bench.sqlite3"
    args.keep = args.keep or bool(args.db)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    # As in production: no query log kept in memory.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        run(args)
    finally:
        if args.keep:
            print(f"Database kept at {db_path}")
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


def run(args):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles import conf
    from articles.models import Article, ArticleTerm, Category, RelatedPick
    from articles.related import link_back, recompute, term_weights, you_may_also_like

    rng = random.Random(args.seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)

    vocabulary = list(dict.fromkeys(made_up_word(rng) for _ in range(12_000)))[:8_000]
    common_words = ["the", "and", "said", "of", "in", "to", "a", "was", "for", "on", "with", "that"]
    word = zipf_picker(rng, vocabulary)
    tag_names = list(dict.fromkeys(made_up_word(rng).title() for _ in range(1_500)))[:1_000]
    reuse = Article.objects.count() >= args.articles  # a kept archive (--db)
    if reuse:
        tags = sorted(Tag.objects.all(), key=lambda t: tag_names.index(t.name))
        sections = list(Category.objects.all())
    else:
        tags = Tag.objects.bulk_create(Tag(name=name, slug=name.lower()) for name in tag_names)
        sections = []
        for top in ["news", "business", "sport", "culture", "opinion", "science", "travel", "money"]:
            parent = Category.objects.create(name=top.title(), slug=top)
            sections.append(parent)
            for child in range(4):
                sections.append(Category.objects.create(name=f"{top} {child}", slug=f"{top}-{child}", parent=parent))
    tag = zipf_picker(rng, tags, exponent=0.9)

    def sentence(n):
        words = word(n)
        for _ in range(n // 3):
            words.insert(rng.randrange(len(words)), rng.choice(common_words))
        return " ".join(words)

    now = timezone.now()
    content_type = ContentType.objects.get_for_model(Article)

    def new_articles(count, offset, *, status_mix=True, when=None, prefix="a"):
        batch = []
        for i in range(count):
            headline = sentence(rng.randint(5, 9)).capitalize()
            roll = rng.random()
            if not status_mix or roll < 0.9:
                status, publish_at = (
                    Article.Status.PUBLISHED,
                    when or now - timedelta(minutes=rng.randint(1, 5_256_000)),
                )
            elif roll < 0.93:
                status, publish_at = Article.Status.PUBLISHED, now + timedelta(hours=rng.randint(1, 240))
            else:
                status, publish_at = rng.choice([Article.Status.DRAFT, Article.Status.REVIEW]), now
            batch.append(
                Article(
                    headline=headline[:200],
                    slug=f"{prefix}-{offset + i}",
                    standfirst=sentence(rng.randint(15, 25)).capitalize() + ".",
                    body="".join(f"<p>{sentence(rng.randint(20, 40)).capitalize()}.</p>" for _ in range(4)),
                    category=rng.choice(sections),
                    status=status,
                    publish_at=publish_at,
                    first_published_at=publish_at if status == Article.Status.PUBLISHED else None,
                )
            )
        created = Article.objects.bulk_create(batch)
        TaggedItem.objects.bulk_create(
            (
                TaggedItem(content_type=content_type, object_id=a.pk, tag=t)
                for a in created
                for t in set(tag(rng.randint(2, 5)))
            ),
        )
        ArticleTerm.objects.bulk_create(
            ArticleTerm(article=a, term=t, weight=w) for a in created for t, w in term_weights(a).items()
        )
        return created

    batch_size = 5_000
    made = args.articles if reuse else 0
    while made < args.articles:
        with transaction.atomic():
            new_articles(min(batch_size, args.articles - made), made)
        made += batch_size
        print(f"\r  built {min(made, args.articles):,} articles", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    build_seconds = time.perf_counter() - started

    count = conf.get("NEWSROOM_RELATED_COUNT")
    recompute_ms, recompute_queries, read_ms, read_queries, found = [], [], [], [], []
    filled = 0
    for trial in range(args.trials):
        # Trial slugs are unique across runs on a kept archive.
        (article,) = new_articles(1, trial, status_mix=False, when=now, prefix=f"new-{os.urandom(4).hex()}")
        article = Article.objects.select_related("category").get(pk=article.pk)
        if trial % 3 == 0:  # some articles have an editor's pick
            other = Article.objects.published().order_by("?").only("pk").first()
            RelatedPick.objects.create(article=article, picked=other)
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            scored = recompute(article)
            link_back(article, scored)
            recompute_ms.append((time.perf_counter() - t0) * 1000)
        recompute_queries.append(len(queries))
        found.append(len(scored))
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            teasers = you_may_also_like(article)
            sections_shown = {t.category.path for t in teasers}  # what a teaser shows
            read_ms.append((time.perf_counter() - t0) * 1000)
        read_queries.append(len(queries))
        filled += len(teasers) == count and bool(sections_shown)

    def p95(values):
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    total = Article.objects.count()
    print(
        f"Archive: {total:,} articles, {ArticleTerm.objects.count():,} term rows, "
        f"{TaggedItem.objects.count():,} tag rows (built in {build_seconds:.0f} s)"
    )
    print(f"Ranking one newly published article (recompute + link_back), {args.trials} trials:")
    print(
        f"  median {statistics.median(recompute_ms):.1f} ms, p95 {p95(recompute_ms):.1f} ms, "
        f"{statistics.median(recompute_queries):.0f} queries, "
        f"{statistics.median(found):.0f} suggestions stored (median)"
    )
    print(f'Page read ("You may also like", {count} teasers):')
    print(f"  lists filled: {filled} of {args.trials}")
    print(f"  {max(read_queries)} queries, median {statistics.median(read_ms):.2f} ms, p95 {p95(read_ms):.2f} ms")


if __name__ == "__main__":
    main()
