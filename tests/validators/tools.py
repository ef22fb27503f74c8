"""Where the validators' non-Python parts are, or a skip that says how to get them.

The Nu HTML Checker (``vnu.jar``, npm's ``vnu-jar``) and sitemaps.org's ``sitemap.xsd`` (npm's ``sitemap``)
are third-party files, never copied into the project: ``make test`` installs them, pinned, into
``.venv/npm`` (the Makefile's ``NPM_TOOLS``), and ``.ci/run`` installs Java and npm from Debian's packages
when the machine lacks them. A test that needs one of them is skipped, saying which and how, only where it
cannot be had.
"""

import shutil
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).resolve().parents[2] / ".venv" / "npm" / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_XSD = NODE_MODULES / "sitemap" / "schema" / "sitemap.xsd"
HOW = "make test installs it with npm into .venv/npm (npm comes from Debian's packages; .ci/run installs it)"


def java():
    """The ``java`` command, or a skip naming the Debian package that brings it."""
    found = shutil.which("java")
    if found is None:
        pytest.skip("java is missing: apt-get install default-jre-headless (.ci/run does)")
    return found


def vnu_jar():
    if not VNU_JAR.exists():
        pytest.skip(f"{VNU_JAR} is missing: {HOW}")
    return VNU_JAR


def sitemap_xsd():
    if not SITEMAP_XSD.exists():
        pytest.skip(f"{SITEMAP_XSD} is missing: {HOW}")
    return SITEMAP_XSD
