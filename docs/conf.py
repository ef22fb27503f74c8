"""Sphinx configuration for Newsroom's documentation: ``make docs`` builds it with warnings as errors.

The reference pages are written from the code (``_ext/newsroom_docs.py``), so Django is set up first with
the host site's settings; nothing is fetched from the network.
"""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent / "_ext")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

import articles  # noqa: E402  (after django.setup())

project = "Newsroom"
author = "the Newsroom authors"
copyright = "the Newsroom authors"
version = release = articles.__version__

extensions = [
    "sphinx.ext.autodoc",
    "myst_parser",
    "newsroom_docs",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
# Every reference must resolve (``-n`` is on in ``make docs``); the Python objects the docstrings name but
# these pages do not document are listed in ``nitpick_ignore_regex`` below, one family per line.
nitpicky = True
nitpick_ignore_regex = [
    # Django's, the standard library's and third-party types in signatures (no intersphinx: the build is offline).
    (r"py:.*", r"(django|datetime|dataclasses|collections|typing)\..*"),
    (r"py:class", r"(str|int|float|bool|dict|tuple|list|None|SafeString)"),
]
# Internals that the documented docstrings name, deliberately left out of these pages: the receivers of
# comment_status_changed that the apps wire themselves, and the spam filter's learner that status changes call.
nitpick_ignore = [
    ("py:mod", "comments.visible"),
    ("py:func", "comments.tasks.mail_about_status_change"),
    ("py:func", "comments.spam.learning.learn_from_status_change"),
]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "none"

html_theme = "furo"
html_title = f"Newsroom {release}"
html_static_path = []
