"""The benchmark archive generator: right numbers of rows, and comment threads xtd can display."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_comments_xtd.models import XtdComment

from articles.models import Article, ArticleTerm, Byline, Category, RelatedSuggestion, SectionListing
from comments.models import Comment
from tests.factories import make_article


def test_generates_articles_and_threaded_comments(db):
    call_command("generate_archive", articles=60, comments=400, authors=5, tags=20, related_sample=3, batch_size=50)
    assert Article.objects.count() == 60
    assert Byline.objects.values("article").distinct().count() == 60
    assert ArticleTerm.objects.values("article").distinct().count() == 60
    assert RelatedSuggestion.objects.values("article").distinct().count() <= 3
    assert Comment.objects.count() == 400
    assert set(Comment.objects.values_list("status", flat=True)) <= set(Comment.Status.values)
    # Their own rows are written as a save would write them: defaults, dates and JSON included.
    comment = Comment.objects.order_by("pk").first()
    assert (comment.spam_reasons, comment.akismet_payload, comment.like_count) == ([], {}, 0)
    assert comment.status_changed_at == comment.submit_date and len(comment.text_hash) == 32

    rows = {c.pk: c for c in XtdComment.objects.all()}
    for comment in rows.values():
        root, parent = rows[comment.thread_id], rows[comment.parent_id]
        assert root.level == 0 and root.parent_id == root.pk
        assert parent.thread_id == comment.thread_id and parent.object_pk == comment.object_pk
        assert comment.level == (0 if parent.pk == comment.pk else parent.level + 1) <= 2
    for thread in {c.thread_id for c in rows.values()}:
        members = sorted((c for c in rows.values() if c.thread_id == thread), key=lambda c: c.order)
        assert [c.order for c in members] == list(range(1, len(members) + 1))
        assert members[0].nested_count == len(members) - 1


def test_refuses_a_database_that_has_articles(db):
    make_article()
    with pytest.raises(CommandError, match="empty"):
        call_command("generate_archive", articles=1, comments=1)


def test_the_sections_lists_hold_every_article(db):
    call_command("generate_archive", articles=40, comments=10, authors=3, tags=5, related_sample=0, batch_size=15)

    # A row in its own section and in its top-level section (the generated sections are two deep).
    rows = set(SectionListing.objects.values_list("section_id", "article_id", "status", "publish_at"))
    expected = {
        (section.pk, pk, status, publish_at)
        for pk, category, status, publish_at in Article.objects.values_list("pk", "category", "status", "publish_at")
        for section in Category.objects.get(pk=category).ancestors_and_self()
    }
    assert rows == expected and len({row[1] for row in rows}) == 40
