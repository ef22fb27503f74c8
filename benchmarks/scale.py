"""How the site behaves on a large archive: query counts and timings of the pages that matter.

Build an archive once (a SQLite file; minutes for 100,000 articles), then measure::

    export DATABASE_URL=sqlite:////tmp/archive.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_archive --articles 100000 --comments 1000000
    .venv/bin/python benchmarks/scale.py --db /tmp/archive.sqlite3 [--repeat 5] [--json]

It measures, through Django's test client in this process (no network, the
page cache off so every request renders):

* the readers' pages: home, a section (first and a deep page), the most
  commented article and a typical one, and the sitemaps (the index, the
  articles' last page, the news sitemap): queries and median time;
* "You may also like" for a newly published article (``articles.related.recompute``);
* the admin's article list and the comment moderation queue, as a superuser.

Everything it writes (a superuser, the new article) is rolled back at the end,
so the archive can be measured again.

An archive built by an earlier version is brought up to date with ``migrate``
(on a copy, to keep the original for a before-and-after): the sections' lists
that section pages read, for instance, are filled by a migration.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Rollback(Exception):
    pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file made by generate_archive (or use DATABASE_URL)")
    parser.add_argument("--repeat", type=int, default=5, help="requests per page; the median is reported")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    results = measure(repeat=args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


def measure(*, repeat):
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles import related
    from articles.models import Article, Category
    from comments.models import Comment

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # measure rendering, not the cache
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    results = {
        "articles": Article.objects.count(),
        "comments": Comment.objects.count(),
        "pages": {},
    }
    hot = (
        Comment.objects.values("object_pk").annotate(n=Count("pk")).order_by("-n").values_list("object_pk", "n").first()
    )
    hot_article = Article.objects.published().get(pk=int(hot[0]))
    typical = Article.objects.published().order_by("-publish_at")[50]
    section = Category.objects.top_level().order_by("position").first()
    section_count = Article.objects.published().in_category_tree(section).count()
    deep_page = max(1, section_count // 20 // 2)

    def timed(client, url):
        client.get(url)  # warm: templates, Site, SiteSettings, connections
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        return {"url": url, "queries": len(queries), "median_ms": round(statistics.median(times), 1)}

    reader = Client()
    pages = results["pages"]
    pages["home"] = timed(reader, "/")
    pages["section"] = timed(reader, section.get_absolute_url())
    pages["section_deep_page"] = timed(reader, f"{section.get_absolute_url()}?page={deep_page}")
    pages["article_most_commented"] = timed(reader, hot_article.get_absolute_url())
    pages["article_most_commented"]["comments"] = hot[1]
    pages["article_typical"] = timed(reader, typical.get_absolute_url())
    from articles.sitemaps import ArticleSitemap

    pages["sitemap_index"] = timed(reader, "/sitemap.xml")
    pages["sitemap_articles_last_page"] = timed(
        reader, f"/sitemap-articles.xml?p={ArticleSitemap().paginator.num_pages}"
    )
    pages["sitemap_news"] = timed(reader, "/sitemap-news.xml")

    try:
        with transaction.atomic():
            new = Article.objects.create(
                headline=f"{hot_article.headline} (follow-up)",
                slug="scale-benchmark-follow-up",
                category=hot_article.category,
                standfirst=hot_article.standfirst,
                body=hot_article.body,
                status=Article.Status.PUBLISHED,
            )
            new.tags.add(*hot_article.tags.all())
            times = []
            for _ in range(max(1, repeat // 2)):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    suggestions = related.recompute(new)
                    times.append((time.perf_counter() - started) * 1000)
            results["related_recompute"] = {
                "queries": len(queries),
                "median_ms": round(statistics.median(times), 1),
                "suggestions": len(suggestions),
            }
            admin = User.objects.create_superuser("scale-benchmark", "bench@example.com", "x")
            editor = Client()
            editor.force_login(admin)
            pages["admin_article_changelist"] = timed(editor, "/admin/newsroom_articles/article/")
            pages["admin_moderation_queue"] = timed(editor, "/admin/newsroom_comments/comment/")
            raise Rollback
    except Rollback:
        pass
    return results


def print_table(results):
    print(f"Archive: {results['articles']:,} articles, {results['comments']:,} comments")
    print(f"{'page':<28} {'queries':>8} {'median ms':>10}  url")
    for name, row in results["pages"].items():
        print(f"{name:<28} {row['queries']:>8} {row['median_ms']:>10}  {row['url']}")
    rel = results["related_recompute"]
    print(
        f"{'related recompute (new)':<28} {rel['queries']:>8} {rel['median_ms']:>10}  {rel['suggestions']} suggestions"
    )


if __name__ == "__main__":
    main()
