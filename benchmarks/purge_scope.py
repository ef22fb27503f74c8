"""How much of the page cache one change to an article empties: the list pages a publish, an edit or a withdrawal
sends back to the database, and the tags its purge names.

    .venv/bin/python benchmarks/purge_scope.py                          # 30 sections, 120 tags, 40 authors
    .venv/bin/python benchmarks/purge_scope.py --sections 100 --tags 500 --authors 150

Builds a throwaway SQLite site (migrated): top-level sections with one
subsection each, tags and authors, a few published articles in each
subsection. Reads every list page (home, sections, authors, tags, the site's
article feed) until the page cache holds it, then makes one change at a time
(in a transaction, committed, as the admin does) and counts which of those
pages the next reader gets from the cache and which are rendered again, and
how many tags the purge named (what the shared cache in front is sent).
"""

import argparse
import os
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=30, help="top-level sections, one subsection each")
    parser.add_argument("--tags", type=int, default=120)
    parser.add_argument("--authors", type=int, default=40)
    parser.add_argument("--per-section", type=int, default=4, help="published articles in each subsection")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "300"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        run(args, workdir)
    finally:
        for path in sorted(workdir.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        workdir.rmdir()


def run(args, workdir):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone
    from taggit.models import Tag

    from articles import pagecache
    from articles.models import Article, Author, Byline, Category

    settings.NEWSROOM_PAGE_CACHE_GENERATION_FILE = str(workdir / "generation.json")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    now = timezone.now()
    with transaction.atomic():
        authors = [Author.objects.create(name=f"Author {n}", slug=f"author-{n}") for n in range(args.authors)]
        tags = [f"tag{n}" for n in range(args.tags)]
        subsections = []
        for n in range(args.sections):
            top = Category.objects.create(name=f"Section {n}", slug=f"section-{n}")
            subsections.append(Category.objects.create(name=f"Desk {n}", slug=f"desk-{n}", parent=top))
        count = 0
        for desk in subsections:
            for _ in range(args.per_section):
                count += 1
                article = Article.objects.create(
                    headline=f"Story {count}",
                    slug=f"story-{count}",
                    category=desk,
                    status=Article.Status.PUBLISHED,
                    publish_at=now - timedelta(minutes=count),
                    exclude_from_related=True,  # "You may also like" is another benchmark's
                )
                Byline.objects.create(article=article, author=rng.choice(authors))
                article.tags.add(*rng.sample(tags, 2))
        draft = Article.objects.create(
            headline="Breaking story",
            slug="breaking-story",
            category=subsections[0],
            exclude_from_related=True,
        )
        Byline.objects.create(article=draft, author=authors[0])
        draft.tags.add(tags[0], tags[1])

    client = Client()
    urls = ["/", "/feeds/rss/"]
    urls += [section.get_absolute_url() for section in Category.objects.all()]
    urls += [author.get_absolute_url() for author in authors]
    urls += [f"/tag/{tag.slug}/" for tag in Tag.objects.all()]

    def warm():
        cached = []
        for url in urls:
            client.get(url)
            if client.get(url).get("X-Page-Cache") == "hit":
                cached.append(url)
        return cached

    sent = []
    queue = pagecache.backends.queue
    pagecache.backends.queue = lambda names: sent.append(list(names))

    def change(name, apply):
        cached = warm()
        sent.clear()
        with transaction.atomic():
            apply()
        purged = [url for url in cached if client.get(url).get("X-Page-Cache") != "hit"]
        tags_sent = sorted({tag for purge in sent for tag in purge})
        print(
            f"{name:<28} list pages purged {len(purged):>4} of {len(cached):>4} cached"
            f" ({100 * len(purged) / max(1, len(cached)):5.1f}%); tags purged {len(tags_sent):>3}"
        )

    def publish():
        draft.status = Article.Status.PUBLISHED
        draft.publish_at = timezone.now()
        draft.save()

    def edit():
        draft.headline = "Breaking story, updated"
        draft.save()

    def withdraw():
        draft.status = Article.Status.DRAFT
        draft.save()

    pages = len(urls)
    print(
        f"{args.sections} sections (+ {args.sections} desks), {args.tags} tags, {args.authors} authors: {pages} lists"
    )
    try:
        change("publish one story", publish)
        change("edit its headline", edit)
        change("withdraw it", withdraw)
    finally:
        pagecache.backends.queue = queue


if __name__ == "__main__":
    main()
