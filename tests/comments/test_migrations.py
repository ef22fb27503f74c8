"""Data migrations of the comments app, run on rows written the old way."""

import importlib

import pytest
from django.apps import apps

from comments.models import Comment
from comments.spam.normalise import text_hash
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

rehash_migration = importlib.import_module("comments.migrations.0007_rehash_comment_text")


def test_comment_fingerprints_are_recomputed_to_ignore_punctuation(monkeypatch):
    article = make_article()
    for text in ["Great article.", "Great article!", "Something else entirely."]:
        make_comment(article, text=text)
    Comment.objects.update(text_hash="written-before-the-change")  # as the old fingerprint left them
    monkeypatch.setattr(rehash_migration, "BATCH", 2)  # more rows than one batch

    rehash_migration.rehash(apps, schema_editor=None)

    hashes = dict(Comment.objects.values_list("comment", "text_hash"))
    assert hashes["Great article."] == hashes["Great article!"] == text_hash("Great article.")
    assert hashes["Something else entirely."] == text_hash("Something else entirely.")
