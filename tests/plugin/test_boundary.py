"""The plugin apps work outside the host site and never reach into it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SMOKE = """
import django
from django.core.management import call_command
django.setup()
call_command("migrate", verbosity=0)
call_command("check", fail_level="WARNING")
from django.test import Client
from articles.models import Article, Author, Byline, Category
news = Category.objects.create(name="News", slug="news")
author = Author.objects.create(name="Rita Vale", slug="rita-vale", job_title="Reporter")
article = Article.objects.create(
    headline="Plugin works", slug="plugin-works", category=news, status="published", body="<p>Body</p>"
)
Byline.objects.create(article=article, author=author)
client = Client()
for url in ["/", news.get_absolute_url(), article.get_absolute_url(), author.get_absolute_url()]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
assert b"Plugin works" in client.get(article.get_absolute_url()).content
print("plugin ok")
"""


def test_apps_run_in_a_minimal_project():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SMOKE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "plugin ok" in result.stdout


def _imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_plugin_apps_never_import_the_host_site():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for app in ("articles", "comments")
        for path in (ROOT / app).rglob("*.py")
        for module in _imported_modules(path)
        if module == "newsroom" or module.startswith("newsroom.")
    ]
    assert offenders == []


def test_articles_does_not_depend_on_comments():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / "articles").rglob("*.py")
        for module in _imported_modules(path)
        if module == "comments" or module.startswith("comments.")
    ]
    assert offenders == []
