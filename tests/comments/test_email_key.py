"""One commenter, however they typed their address: ``Comment.email_key``, indexed on our own table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments import privacy, visible
from comments.models import Comment, email_key
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_the_key_is_the_trimmed_lower_case_address():
    assert email_key("  Rita.Vale@Example.COM ") == "rita.vale@example.com"
    assert email_key("") == email_key(None) == ""


def test_saving_stores_the_key_and_update_fields_carries_it():
    comment = make_comment(make_article(), email="Rita@Example.com")
    assert Comment.objects.get(pk=comment.pk).email_key == "rita@example.com"

    comment.user_email = "RVALE@example.com"
    comment.save(update_fields=["user_email"])
    assert Comment.objects.get(pk=comment.pk).email_key == "rvale@example.com"


def test_comments_are_found_by_address_in_any_case_and_never_by_an_empty_one():
    article = make_article()
    mine = [make_comment(article, email="rita@example.com"), make_comment(article, email="RITA@Example.com ")]
    make_comment(article, email="someone@example.com")

    assert set(Comment.objects.by_email(" Rita@EXAMPLE.com")) == set(mine)
    assert not Comment.objects.by_email("").exists()


def test_the_lookup_is_an_equality_on_the_indexed_column():
    with CaptureQueriesContext(connection) as queries:
        list(Comment.objects.by_email("Rita@Example.com"))
    sql = queries[0]["sql"]
    assert '"email_key" = ' in sql and "UPPER" not in sql and "LIKE" not in sql
    assert Comment._meta.get_field("email_key").db_index


def test_erasing_an_address_through_visible_update_clears_the_key():
    comment = make_comment(make_article(), email="rita@example.com")
    visible.update(comment, user_email="")
    assert Comment.objects.get(pk=comment.pk).email_key == ""
    assert not Comment.objects.by_email("rita@example.com").exists()


def test_a_privacy_erasure_leaves_nothing_to_match():
    comment = make_comment(make_article(), email="Rita@example.com")
    privacy.erase_for_email("rita@example.com", mode="anonymise")
    comment.refresh_from_db()
    assert (comment.user_email, comment.email_key) == ("", "")
    assert not privacy.comments_for_email("rita@example.com").exists()
