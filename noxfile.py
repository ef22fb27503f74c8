"""The test matrix: Django 5.2 on Python 3.11 (the default leg), Django 6.0 and 6.1 on Python 3.12 and 3.13.

The default leg installs requirements.txt as pinned and runs the whole suite with the coverage floor, as
``make test`` does. The other legs install the same pins with Django swapped for the newest release of
their series, check that Django sees no missing migration, and run the suite without the browser tests,
the install test (``-m "not browser and not install and not proxy"``: the wheel installed into a fresh project
takes requirements.txt's pins, Django 5.2 whatever the leg) and the proxy tests (nginx and Varnish running
deploy/, which no Django version changes) and without coverage, to keep each leg short;
``make test`` runs them on the default leg. The validators (tests/validators) run on every leg: their
Python packages are in requirements.txt, and vnu.jar and sitemap.xsd come from ``.venv/npm``, which
``make matrix`` installs first (skipped, saying why, where npm or Java is missing). Arguments after ``--``
go to pytest::

    nox -l                                  # the legs
    nox -s "tests(django6.1-py3.13)"        # one leg
    nox -t django6 -r                       # the Django 6 legs, reusing their virtualenvs
    nox -s "tests(django6.0-py3.12)" -r -- -k spam -x

Python 3.12 and 3.13 are looked up on PATH, then among pyenv's installed versions.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True

REQUIREMENTS = Path(__file__).parent / "requirements.txt"
APPS = ("newsroom_articles", "newsroom_comments", "newsroom_spam")
MIGRATIONS_CHECK = ("python", "manage.py", "makemigrations", *APPS, "--check")

# (Python, Django series, what pip installs for Django, or None for requirements.txt's pin)
LEGS = [
    ("3.11", "5.2", None),
    ("3.12", "6.0", "Django>=6.0,<6.1"),
    ("3.12", "6.1", "Django>=6.1,<6.2"),
    ("3.13", "6.0", "Django>=6.0,<6.1"),
    ("3.13", "6.1", "Django>=6.1,<6.2"),
]


def _add_pyenv_pythons(versions):
    """Append pyenv's newest installed Python of each series to PATH, after everything already there.

    pyenv's shims answer only for the versions it has activated, so ``python3.12`` fails through them
    when 3.11 is the global version; nox skips an interpreter that fails and finds the one appended here.
    """
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return
    root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False).stdout.strip()
    for version in versions:
        latest = subprocess.run([pyenv, "latest", version], capture_output=True, text=True, check=False)
        bin_dir = Path(root, "versions", latest.stdout.strip(), "bin")
        if latest.returncode == 0 and latest.stdout.strip() and bin_dir.is_dir():
            os.environ["PATH"] = os.pathsep.join([os.environ["PATH"], str(bin_dir)])


_add_pyenv_pythons(sorted({python for python, _, _ in LEGS}))


def _requirements_without_django(session):
    """requirements.txt with its Django pin left out, so that another series can be asked for beside it."""
    pinned_django = re.compile(r"^django\s*[=<>!~]", re.IGNORECASE)
    lines = [line for line in REQUIREMENTS.read_text().splitlines() if not pinned_django.match(line)]
    path = Path(session.create_tmp(), "requirements-without-django.txt")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@nox.session(tags=["matrix"])
@nox.parametrize(
    ("python", "django", "django_requirement"),
    [
        nox.param(python, django, requirement, id=f"django{django}-py{python}", tags=[f"django{django[0]}"])
        for python, django, requirement in LEGS
    ],
)
def tests(session, django, django_requirement):
    """The suite on one leg of the matrix (SQLite unless DATABASE_URL says otherwise)."""
    if django_requirement is None:
        session.install("-r", str(REQUIREMENTS))
    else:
        session.install("-r", _requirements_without_django(session), django_requirement)
    session.run("python", "-c", "import django; print('Django', django.get_version())")
    session.run(*MIGRATIONS_CHECK, "--dry-run")
    if django_requirement is None:
        pytest_args = ["--cov", "--cov-report=term:skip-covered", "--cov-fail-under=95"]
    else:
        pytest_args = ["-m", "not browser and not install and not proxy", "-p", "no:cov"]
    session.run("python", "-m", "pytest", "-rs", *pytest_args, *session.posargs)
