"""Load test: the demo site under gunicorn, driven by wrk, compared with a static file in the same run.

    .venv/bin/python benchmarks/load.py              # a table
    .venv/bin/python benchmarks/load.py --json       # one JSON object
    .venv/bin/python benchmarks/load.py --seconds 30 --connections 64

What it does, all on loopback with a throwaway SQLite database:

1. migrates, loads the demo (``load_demo``), adds one article with two
   bylines, "You may also like" suggestions and 100 approved comments in
   threads (40 conversations, replies up to three levels), and collects
   static files (production settings: ``DEBUG=0``, whitenoise's manifest
   storage);
2. writes a copy of that article's HTML into ``STATIC_ROOT``, so whitenoise
   serves a file of exactly the page's size: the ceiling for the same bytes;
3. starts ``gunicorn -c gunicorn.conf.py newsroom.wsgi`` with ``2 × cores + 1`` workers;
4. runs wrk (a separate process) for ``--seconds`` per scenario: the static
   copy, the article from the page cache, and the article rendered on every
   request (a query parameter the page cache does not know bypasses it, as
   a signed-in reader or a commenter awaiting moderation would). That render
   still finds the parts every reader shares (the comment thread, "You may
   also like", the sections) worked out once since the last purge
   (``articles.pagecache.shared``). Each scenario starts with ``--warmup``
   unmeasured seconds: every worker compiles its templates and fills its own
   local-memory cache on its first requests (about a second each), which
   would otherwise be the p99;
5. posts comments from ``--connections`` threads for ``--seconds`` through
   the real form endpoint (flood control off), counting stored posts;
6. unless ``--no-cold``, measures the article once more on a second
   gunicorn started with ``PAGE_CACHE_SECONDS=0``: no page cache and no
   shared parts, every query on every request (``article_cold_rps``);
7. unless ``--no-proxy`` (or nginx is missing), starts nginx with the shipped
   ``deploy/nginx.conf`` (over TLS with a self-signed certificate; see
   ``benchmarks/proxy.py``) in front of the same gunicorn, and measures the
   article from nginx's cache (``article_proxy_rps``) against the static copy
   served by that nginx from ``STATIC_ROOT`` (``static_proxy_rps``): what a
   spike costs when every hit stays in nginx.

Targets, reported as ratios of the same run: cached article ≥ 0.7 × static;
article through nginx ≥ 0.7 × the static copy through nginx; uncached ≥ 300
requests/s on 2 cores; cached p99 < 20 ms at 16 connections. wrk is Debian's
``wrk`` package and nginx its ``nginx-light`` (``apt-get install -y wrk nginx-light``).
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import proxy  # noqa: E402  (run as a script: the project's root is not on the path)

STATIC_COPY = "bench/article-copy.html"
FORM_STATE = "/comments/form-state/?ct=newsroom_articles.article&pk={pk}"

PREPARE = r"""
import json
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from articles import pagecache
from articles.models import Article, Author
from articles.related import recompute, you_may_also_like
from comments.models import Comment

source = Article.objects.published().order_by("-publish_at").first()
article = Article.objects.create(
    headline="Readers react to the river report",
    slug="readers-react-to-the-river-report",
    category=source.category,
    standfirst=source.standfirst,
    body=source.body,
    status="published",
)
for position, author in enumerate(Author.objects.order_by("pk")[:2]):
    article.bylines.create(author=author, position=position)
article.tags.set(source.tags.all())
recompute(article)
article_type = ContentType.objects.get_for_model(Article)
# 100 approved comments in threads: 40 conversations, 35 replies, 25 replies to replies.
def post(n, parent=None):
    return Comment.objects.create(
        content_type=article_type, object_pk=str(article.pk), site_id=1,
        user_name=f"Reader {n}", user_email=f"reader{n}@example.com",
        comment=f"Comment number {n}: a considered view on the report, with a point or two worth making.",
        status="approved", parent_id=parent.pk if parent else 0,
    )
tops = [post(n) for n in range(40)]
replies = [post(40 + n, tops[n % 40]) for n in range(35)]
deeper = [post(75 + n, replies[n % 35]) for n in range(25)]
assert Comment.objects.approved().count() >= 100
client = Client()
client.get(article.get_absolute_url())  # warm: templates, site settings
pagecache.purge()  # nothing shared yet: the first reader after a purge
with CaptureQueriesContext(connection) as cold:
    client.get(article.get_absolute_url() + "?uncached=1")
with CaptureQueriesContext(connection) as queries:
    response = client.get(article.get_absolute_url() + "?uncached=1")
assert response.status_code == 200, response.status_code
shape = {"bylines": article.bylines.count(), "related": len(you_may_also_like(article)), "comments": 100}
print(json.dumps({"url": article.get_absolute_url(), "pk": article.pk, "html": response.content.decode(),
                  "queries": len(queries), "queries_after_purge": len(cold), "shape": shape}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="duration of each scenario (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--warmup", type=int, default=3, help="unmeasured seconds before each scenario (default 3; 0 for none)"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument(
        "--no-cold",
        dest="cold",
        action="store_false",
        help="skip the article rendered with no cache at all (a second gunicorn with PAGE_CACHE_SECONDS=0)",
    )
    parser.add_argument(
        "--no-proxy",
        dest="proxy",
        action="store_false",
        help="skip the article and the static copy through nginx running deploy/nginx.conf",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed. On Debian or Ubuntu: apt-get install -y wrk")
    if args.proxy and proxy.nginx_binary() is None:
        print("nginx is not installed (apt-get install -y nginx-light): no proxy scenarios.", file=sys.stderr)
        args.proxy = False

    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as tmp:
        env = production_env(Path(tmp))
        say = (lambda *a: None) if args.json else print
        say("Preparing the database (migrate, load_demo, 100 comments) and static files ...")
        prepared = prepare(env)
        port, cold_port = free_port(), free_port()
        say(f"Starting gunicorn with {args.workers} workers on 127.0.0.1:{port} ...")
        nginx = proxy_port = None
        servers = [start_gunicorn(env, port=port, workers=args.workers, log=Path(tmp) / "gunicorn.log")]
        try:
            if args.cold:
                say(f"Starting a second gunicorn with no page cache on 127.0.0.1:{cold_port} ...")
                cold_env = {**env, "PAGE_CACHE_SECONDS": "0"}
                servers.append(
                    start_gunicorn(cold_env, port=cold_port, workers=args.workers, log=Path(tmp) / "cold.log")
                )
            if args.proxy:
                proxy_port = free_port()
                say(f"Starting nginx with deploy/nginx.conf on 127.0.0.1:{proxy_port} (TLS) ...")
                nginx = start_nginx(Path(tmp) / "nginx", port=proxy_port, upstream_port=port)
            results = run_scenarios(
                args,
                port=port,
                cold_port=cold_port if args.cold else None,
                proxy_port=proxy_port,
                prepared=prepared,
                say=say,
            )
        finally:
            if nginx is not None:
                proxy.stop(nginx)
            for server in servers:
                server.send_signal(signal.SIGQUIT)
                server.wait(timeout=30)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results, args)


def production_env(tmp):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{tmp / 'load.sqlite3'}",
            "CACHE_URL": os.environ.get("LOAD_CACHE_URL", "locmem://"),
            "COMMENTS_FLOOD_SECONDS": "0",
            "COMMENTS_MAX_PER_HOUR_PER_IP": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env):
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("load_demo", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    prepared = json.loads(manage("shell", "-c", PREPARE, env=env).strip().splitlines()[-1])
    static_root = ROOT / "staticfiles"
    (static_root / STATIC_COPY).parent.mkdir(parents=True, exist_ok=True)
    (static_root / STATIC_COPY).write_text(prepared.pop("html"))
    prepared["bytes"] = (static_root / STATIC_COPY).stat().st_size
    return prepared


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, *, port, workers, log):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-c", "gunicorn.conf.py", "newsroom.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    sys.exit(f"gunicorn did not start; its log:\n{log.read_text()[-3000:]}")


def start_nginx(run_dir, *, port, upstream_port):
    """nginx running the shipped deploy/nginx.conf in front of gunicorn, serving STATIC_ROOT."""
    run_dir.mkdir()
    cert, key = proxy.make_certificate(run_dir)
    conf = proxy.render(
        proxy.NGINX_CONF.read_text(),
        run_dir=run_dir,
        https_port=port,
        http_port=free_port(),
        upstream=f"127.0.0.1:{upstream_port}",
        static_root=ROOT / "staticfiles",
        media_root=ROOT / "media",
        cert=cert,
        key=key,
    )
    try:
        return proxy.start_nginx(conf, run_dir=run_dir, port=port)
    except RuntimeError as error:
        sys.exit(str(error))


def request(port, method, path, *, body=None, headers=None, https=False):
    if https:  # nginx, as localhost (its server_name), with the run's self-signed certificate
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        conn = http.client.HTTPSConnection("localhost", port, timeout=30, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def wrk(url, args, *, seconds=None):
    seconds = seconds or args.seconds
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": round(rps, 1),
        "p50_ms": latency(output, "50%"),
        "p99_ms": latency(output, "99%"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def latency(output, percentile):
    value, unit = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\b", output, re.M).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def measure(url, label, *, args, say):
    if args.warmup:
        # Not measured: each worker compiles its templates and fills its own local-memory cache first.
        say(f"{label}: warming up for {args.warmup} s ...")
        wrk(url, args, seconds=args.warmup)
    say(f"{label}: measuring for {args.seconds} s ...")
    return wrk(url, args)


def run_scenarios(args, *, port, cold_port, proxy_port, prepared, say):
    base = f"http://127.0.0.1:{port}"
    article = prepared["url"]
    assert request(port, "GET", f"/static/{STATIC_COPY}")[0] == 200, "whitenoise does not serve the static copy"
    for _ in range(2):
        state = dict(request(port, "GET", article)[1]).get("X-Page-Cache")
    results = {
        "page_bytes": prepared["bytes"],
        "queries_article": prepared["queries"],
        "page_cache": state,
        "article_shape": prepared["shape"],
    }
    scenarios = (
        ("static", f"{base}/static/{STATIC_COPY}", f"static copy ({prepared['bytes']:,} bytes)"),
        ("article_cached", f"{base}{article}", "article from the page cache"),
        ("article_uncached", f"{base}{article}?uncached=1", "article rendered on every request (page cache missed)"),
    )
    if proxy_port is not None:
        nginx = f"https://localhost:{proxy_port}"
        copy = request(proxy_port, "GET", f"/static/{STATIC_COPY}", https=True)
        assert copy[0] == 200, "nginx does not serve the static copy"
        for _ in range(2):
            results["proxy_cache"] = dict(request(proxy_port, "GET", article, https=True)[1]).get("X-Cache-Status")
        scenarios += (
            ("static_proxy", f"{nginx}/static/{STATIC_COPY}", "static copy through nginx"),
            ("article_proxy", f"{nginx}{article}", f"article through nginx's cache ({results['proxy_cache']})"),
        )
    for name, url, label in scenarios:
        results[name] = measure(url, label, args=args, say=say)
    say("posting comments ...")
    results["comment_posts"] = post_comments(port, article_pk=prepared["pk"], args=args)
    if cold_port is not None:
        label = "article rendered with no cache at all (PAGE_CACHE_SECONDS=0)"
        results["article_cold"] = measure(f"http://127.0.0.1:{cold_port}{article}", label, args=args, say=say)
    flat = {
        "article_cached_rps": results["article_cached"]["rps"],
        "article_uncached_rps": results["article_uncached"]["rps"],
        "static_rps": results["static"]["rps"],
        "comment_post_per_s": results["comment_posts"]["per_s"],
        "queries_article": results["queries_article"],
        "queries_article_after_purge": prepared["queries_after_purge"],
    }
    measured = ["article_cached", "article_uncached", "static"]
    if "article_cold" in results:
        flat["article_cold_rps"] = results["article_cold"]["rps"]
        measured.append("article_cold")
    if "article_proxy" in results:
        flat["article_proxy_rps"] = results["article_proxy"]["rps"]
        flat["static_proxy_rps"] = results["static_proxy"]["rps"]
        flat["article_proxy_vs_static"] = round(flat["article_proxy_rps"] / flat["static_proxy_rps"], 2)
        measured += ["article_proxy", "static_proxy"]
    for name in measured:
        flat[f"{name}_p50_ms"] = results[name]["p50_ms"]
        flat[f"{name}_p99_ms"] = results[name]["p99_ms"]
    flat["cached_over_static"] = round(flat["article_cached_rps"] / flat["static_rps"], 2)
    flat["targets"] = {
        "cached_at_least_0.7_static": flat["cached_over_static"] >= 0.7,
        "uncached_at_least_300_rps": flat["article_uncached_rps"] >= 300,
        "cached_p99_under_20_ms": flat["article_cached_p99_ms"] < 20,
    }
    if "article_proxy" in results:
        flat["targets"]["article_proxy_at_least_0.7_static_proxy"] = flat["article_proxy_vs_static"] >= 0.7
    return {**flat, "details": results}


def post_comments(port, *, article_pk, args):
    """Each connection: fetch the form state as the page's script does, then post until time is up."""
    stop = time.monotonic() + args.seconds
    statuses = []

    def client(number):
        status, headers, body = request(port, "GET", FORM_STATE.format(pk=article_pk))
        state = json.loads(body)
        cookie = next(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie" and "csrftoken=" in v)
        n = 0
        while time.monotonic() < stop:
            fields = {
                **{k: state[k] for k in ("content_type", "object_pk", "timestamp", "security_hash")},
                "csrfmiddlewaretoken": state["csrf_token"],
                "name": f"Load {number}",
                "email": f"load{number}@example.com",
                "comment": f"Load test comment {n} from connection {number}, with enough words to read like one.",
                "reply_to": "0",
            }
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
            statuses.append(request(port, "POST", "/comments/post/", body=urlencode(fields), headers=headers)[0])
            n += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stored = sum(1 for status in statuses if status == 302)
    return {
        "posts": len(statuses),
        "stored": stored,
        "per_s": round(stored / elapsed, 1),
        "statuses": sorted(set(statuses)),
    }


def print_table(results, args):
    details = results["details"]
    print()
    shape = details["article_shape"]
    print(
        f"{args.connections} connections, {args.seconds} s each after {args.warmup} s warm-up, "
        f"page {details['page_bytes']:,} bytes ({shape['comments']} threaded comments, "
        f"{shape['bylines']} bylines, {shape['related']} related)"
    )
    print(f"{'scenario':<22} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, label in (
        ("static", "static copy"),
        ("article_cached", "article, cached"),
        ("article_uncached", "article, rendered"),
        ("article_cold", "article, no cache"),
        ("static_proxy", "static copy, nginx"),
        ("article_proxy", "article, nginx cache"),
    ):
        if name not in details:
            continue
        row = details[name]
        print(f"{label:<22} {row['rps']:>10} {row['p50_ms']:>8} {row['p99_ms']:>8} {row['non_2xx']:>8}")
    posts = details["comment_posts"]
    print(
        f"comment posts: {posts['per_s']}/s stored ({posts['stored']} of {posts['posts']}), "
        f"statuses {posts['statuses']}"
    )
    print(
        f"queries for one rendered article page: {results['queries_article']} "
        f"({results['queries_article_after_purge']} for the first one after a purge)"
    )
    print(f"cached / static = {results['cached_over_static']} (target ≥ 0.7)")
    if "article_proxy_vs_static" in results:
        print(f"through nginx: article / static = {results['article_proxy_vs_static']} (target ≥ 0.7)")
    for target, met in results["targets"].items():
        print(f"  {target}: {'yes' if met else 'NO'}")


if __name__ == "__main__":
    main()
