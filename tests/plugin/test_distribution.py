"""The django-newsroom distribution holds the two apps whole and nothing of the host site or this machine.

The sdist and wheel are built the way ``make dist`` builds them, once for the session, by ``built``
(conftest.py, with tests/plugin/building.py): the sdist first, then the wheel from the unpacked sdist, so
MANIFEST.in must carry everything the wheel needs, from a copy of the work tree with stand-ins for local
state that must stay out.
"""

import email
import tarfile
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import articles
from tests.plugin.building import LOCAL_STATE, ROOT

APPS = ("articles", "comments")
# The host site's commands (newsroom/management/commands/): the demo, its admin login, benchmark data.
SITE_COMMANDS = {"load_demo", "ensure_admin", "generate_archive"}


@pytest.fixture(scope="module")
def wheel_names(built):
    with zipfile.ZipFile(built[0]) as wheel:
        return set(wheel.namelist())


@pytest.fixture(scope="module")
def metadata(built):
    with zipfile.ZipFile(built[0]) as wheel:
        (name,) = (n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(wheel.read(name))


@pytest.fixture(scope="module")
def sdist_names(built):
    with tarfile.open(built[1]) as sdist:
        # Each member sits under "django_newsroom-<version>/".
        return {member.name.split("/", 1)[1] for member in sdist.getmembers() if "/" in member.name}


def test_file_names_carry_the_one_version(built):
    wheel, sdist = built
    assert wheel.name == f"django_newsroom-{articles.__version__}-py3-none-any.whl"
    assert sdist.name == f"django_newsroom-{articles.__version__}.tar.gz"


@pytest.mark.parametrize(
    "name",
    [
        "comments/templates/comments/newsroom/section.html",
        "comments/templates/comments/newsroom/mail/reply.txt",
        "comments/static/comments/comments.js",
        "comments/migrations/0001_initial.py",
        "comments/spam/migrations/0001_initial.py",
        "comments/spam/management/commands/import_spam_corpus.py",
        "articles/management/commands/setup_roles.py",
        "comments/templatetags/__init__.py",
        "articles/pagecache/__init__.py",
        "articles/templates/articles/sitemap_news.xml",
        "articles/migrations/0001_initial.py",
    ],
)
def test_wheel_holds_the_apps_with_templates_static_and_migrations(wheel_names, name):
    assert name in wheel_names


def test_wheel_holds_every_file_of_both_apps(wheel_names):
    """A template, static file or translation of a new kind is not left behind by a forgotten pattern."""
    in_tree = {
        path.relative_to(ROOT).as_posix()
        for app in APPS
        for path in (ROOT / app).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert in_tree - wheel_names == set()


def test_wheel_leaves_out_the_host_site_and_the_tests(wheel_names):
    tops = {name.split("/", 1)[0] for name in wheel_names}
    assert tops == {*APPS, f"django_newsroom-{articles.__version__}.dist-info"}
    assert not any(name.endswith(".pyc") for name in wheel_names)


def test_wheel_leaves_out_the_demo_and_the_sites_commands(wheel_names):
    commands = {
        Path(name).stem for name in wheel_names if "/management/commands/" in name and not name.endswith("__init__.py")
    }
    assert "setup_roles" in commands
    assert commands & SITE_COMMANDS == set()
    assert [name for name in wheel_names if "/demo/" in name] == []


def test_metadata_names_the_distribution_its_licence_and_python(metadata):
    assert metadata["Name"] == "django-newsroom"
    assert metadata["Version"] == articles.__version__
    assert metadata["License-Expression"] == "BSD-3-Clause"
    assert metadata["Requires-Python"] == ">=3.11"
    assert "Framework :: Django :: 5.2" in metadata.get_all("Classifier")


def test_metadata_requires_ranges_not_pins(metadata):
    requirements = [Requirement(line) for line in metadata.get_all("Requires-Dist")]
    runtime = {req.name.lower(): req for req in requirements if req.marker is None}
    assert {"django", "django-comments-xtd", "django-contrib-comments", "django-tasks", "akismet"} <= set(runtime)
    assert str(runtime["django-comments-xtd"].specifier) == "<2.11,>=2.10"
    for req in requirements:
        assert req.specifier, f"{req} has no version range"
        assert not any(spec.operator in ("==", "===") for spec in req.specifier), f"{req} is a pin"
    # What only the host site runs is not required of a site that installs the apps.
    assert not {"gunicorn", "whitenoise", "dj-database-url", "django-axes", "psycopg", "redis"} & set(runtime)
    # Nor what only the benchmark's reference model needs (spam_benchmark --baseline).
    assert "scikit-learn" not in runtime
    assert set(metadata.get_all("Provides-Extra")) == {"benchmark", "csp", "postgres", "redis"}


def test_sdist_holds_the_apps_tests_and_documents(sdist_names):
    for name in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "tests/plugin/test_distribution.py",
        "docs/conf.py",
        "docs/index.rst",
        # The host site the tests run against, with the demo.
        "newsroom/demo/loading.py",
        "newsroom/management/commands/load_demo.py",
        # The article-style comments the benchmark's tests count.
        "benchmarks/data/article_comments_a.csv",
    ):
        assert name in sdist_names
    assert "comments/static/comments/comments.js" in sdist_names


def test_sdist_leaves_out_local_state(sdist_names):
    assert not any(name in sdist_names for name in LOCAL_STATE)
    leaked = {
        name
        for name in sdist_names
        if name.split("/", 1)[0] in {".venv", "staticfiles", "test-artifacts"}
        or name.startswith("docs/_build/")
        or name.endswith((".pyc", ".sqlite3"))
        or ".secret_key" in name
    }
    assert leaked == set()
