import pytest
from django.contrib.contenttypes.models import ContentType

from articles.models import Article
from comments.spam.checks.duplicates import DuplicateTextCheck
from tests.comments.spam.builders import submission
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

PASTED = "Earn a steady income from home with our proven method, message me to learn how."


def on(article, text=PASTED):
    return submission(text, content_type_id=ContentType.objects.get_for_model(Article).pk, object_pk=str(article.pk))


def test_the_same_text_posted_before_holds():
    make_comment(make_article(), text=PASTED.upper() + "\ufeff", status="pending")
    result = DuplicateTextCheck()(on(make_article()))
    assert result.label == "duplicate: same text as 1 other comment (+0.5)"


def test_copies_already_marked_spam_make_it_spam():
    make_comment(make_article(), text=PASTED, status="spam")
    make_comment(make_article(), text=PASTED, status="approved")
    result = DuplicateTextCheck()(on(make_article()))
    assert result.score == 1.0
    assert result.reason == "duplicate: same text as 2 other comments, 1 marked spam"


def test_the_same_article_counts_but_the_comment_itself_does_not():
    article = make_article()
    comment = make_comment(article, text=PASTED, status="spam")
    assert DuplicateTextCheck()(on(article)).score == 1.0
    # Checking a stored comment again: it is not its own duplicate.
    assert DuplicateTextCheck()(submission(PASTED, extra={"comment_pk": comment.pk})) is None


def test_short_phrases_are_not_compared():
    make_comment(make_article(), text="Great article, thanks!", status="approved")
    assert DuplicateTextCheck()(on(make_article(), "Great article, thanks!")) is None


def test_one_query(django_assert_num_queries):
    make_comment(make_article(), text=PASTED, status="spam")
    article = make_article()
    with django_assert_num_queries(1):  # comments with the same text_hash elsewhere
        DuplicateTextCheck()(on(article))


def test_the_hash_follows_edits():
    comment = make_comment(make_article(), text="first version of a reasonably long comment text", status="approved")
    comment.comment = PASTED
    comment.save(update_fields=["comment"])
    comment.refresh_from_db()
    assert DuplicateTextCheck()(on(make_article())).score == 0.5
