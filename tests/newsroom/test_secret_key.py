"""The local SECRET_KEY: random, made once per checkout, readable by its owner only, never guessable."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import local_secret_key

ROOT = Path(__file__).resolve().parents[2]


def test_the_key_file_is_made_readable_by_its_owner_only(tmp_path):
    path = tmp_path / ".secret_key"

    key = local_secret_key(path)

    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == key
    assert [p.name for p in tmp_path.iterdir()] == [".secret_key"]  # no temporary file left behind


def test_the_key_is_reused_on_the_next_start(tmp_path):
    path = tmp_path / ".secret_key"

    assert local_secret_key(path) == local_secret_key(path)


def test_the_key_is_not_derived_from_the_checkout(tmp_path):
    """Two checkouts, or the same path made afresh, get unrelated keys."""
    path = tmp_path / ".secret_key"
    first = local_secret_key(path)
    path.unlink()
    second = local_secret_key(path)

    assert first != second
    assert str(tmp_path) not in first and "insecure" not in first


def test_a_key_file_readable_by_others_is_tightened(tmp_path):
    path = tmp_path / ".secret_key"
    path.write_text("an-existing-key\n")
    path.chmod(0o644)

    assert local_secret_key(path) == "an-existing-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_key_file_stops_the_site_with_the_fix(tmp_path):
    path = tmp_path / ".secret_key"
    path.write_text("")

    with pytest.raises(ImproperlyConfigured, match="Delete it"):
        local_secret_key(path)


def test_local_settings_use_the_checkouts_key_file():
    """With DEBUG on and no SECRET_KEY, the settings read ``.secret_key``; never the old path-derived key."""
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", "import newsroom.settings as s; print(s.SECRET_KEY)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key == (ROOT / ".secret_key").read_text().strip()
    assert not key.startswith("insecure-local-") and str(ROOT) not in key
    assert stat.S_IMODE((ROOT / ".secret_key").stat().st_mode) == 0o600
    ignored = subprocess.run(["git", "check-ignore", "-q", ".secret_key"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, ".secret_key must be ignored by git"
