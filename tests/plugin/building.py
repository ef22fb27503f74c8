"""The sdist and wheel of django-newsroom, built as ``make dist`` builds them, from a copy of the work tree.

``python -m build`` makes the sdist first, then the wheel from the unpacked sdist, so MANIFEST.in must carry
everything the wheel needs. The copy gets stand-ins for local state that must stay out (``LOCAL_STATE``),
and building it leaves nothing in the work tree. ``--no-isolation`` builds with the setuptools pinned in
requirements.txt: no download, about two seconds.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Local state that exists on a developer's machine; the copy gets a stand-in for each.
LOCAL_STATE = {
    ".venv/pyvenv.cfg": "home = /usr/bin\n",
    ".secret_key": "not-a-real-key\n",
    ".secret_key.1234.tmp": "not-a-real-key\n",
    "db.sqlite3": "",
    "db.sqlite3-journal": "",
    "test-artifacts/screenshots/article.png": "",
    "staticfiles/admin/css/base.css": "",
    "docs/_build/html/index.html": "",
    "comments/__pycache__/models.cpython-311.pyc": "",
}


def _not_source(directory, names):
    """What ``copytree`` skips: this machine's state (dot directories such as .venv, .git and .nox; builds)."""
    if Path(directory) == ROOT:
        skipped = {".git", "build", "dist", "staticfiles", "test-artifacts"}
        return {name for name in names if name.startswith(".") and name != ".ci" or name in skipped}
    return {name for name in names if name == "__pycache__" or name.endswith(".egg-info")}


def build_distributions(tmp):
    """``(wheel, sdist)`` paths in ``tmp``/dist, built from a copy of the work tree in ``tmp``/source."""
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=_not_source)
    for name, text in LOCAL_STATE.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    out = tmp / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist
