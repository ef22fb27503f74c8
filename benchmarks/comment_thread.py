"""How an article page costs with a long comment thread: queries and render time, page cache bypassed.

    .venv/bin/python benchmarks/comment_thread.py                  # 200 comments
    .venv/bin/python benchmarks/comment_thread.py --comments 1000 --runs 20

Builds a throwaway SQLite database with one published article carrying
``--comments`` approved comments in threads three deep (a comment, a reply, a
reply to that; half the threads started by signed-in readers), and a twin
article with 5. For each it counts the queries of one article page and times
the page (a query parameter the page cache does not know makes it render every
time) and the comment section alone (``{% comment_section %}``). Prints
medians and p90. The database is deleted afterwards.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(db_path):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    import django
    from django.conf import settings

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def article_with_comments(n):
    from django.contrib.auth.models import User

    from tests.factories import make_article, make_comment

    article = make_article()
    users = [User.objects.create_user(f"bench-{article.pk}-{i}", first_name=f"Reader {i}") for i in range(4)]
    made = 0
    i = 0
    while made < n:
        top = make_comment(article, user=users[i % 4] if i % 2 else None)
        made += 1
        if made < n:
            middle = make_comment(article, parent=top, user=users[(i + 1) % 4])
            made += 1
            if made < n:
                make_comment(article, parent=middle)
                made += 1
        i += 1
    return article


def timings(fn, runs):
    fn()  # warm: templates, per-process caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.9) - 1)]


def measure(article, runs):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection, reset_queries
    from django.template import engines
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    client = Client()
    url = article.get_absolute_url() + "?bench=1"  # not a parameter the page cache knows: always rendered
    client.get(url)
    reset_queries()  # a full log (maxlen) would make the count below read 0
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    query_count = len(queries)
    page = timings(lambda: client.get(url), runs)

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = engines["django"].from_string("{% load newsroom_comments %}{% comment_section article %}")
    detail = Article.objects.for_detail().get(pk=article.pk)
    section = timings(lambda: template.render({"article": detail}, request), runs)
    return query_count, page, section


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp) / "bench.sqlite3")
        rows = [(n, *measure(article_with_comments(n), args.runs)) for n in (5, args.comments)]
    print(f"{'comments':>8}  {'queries':>7}  {'page median/p90 ms':>20}  {'section median/p90 ms':>22}")
    for n, queries, (page_median, page_p90), (section_median, section_p90) in rows:
        page = f"{page_median:>10.1f} / {page_p90:<7.1f}"
        section = f"{section_median:>11.1f} / {section_p90:.1f}"
        print(f"{n:>8}  {queries:>7}  {page}  {section}")


if __name__ == "__main__":
    main()
