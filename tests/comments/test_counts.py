import pytest

from comments.counts import attach_comment_counts, comment_counts
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_only_approved_comments_count(django_assert_num_queries):
    busy, quiet = make_article(), make_article()
    for status in ("approved", "approved", "pending", "spam", "trash"):
        make_comment(busy, status=status)
    articles = [busy, quiet]

    # 1 approved comments grouped by article
    with django_assert_num_queries(1):
        attach_comment_counts(articles)

    assert (busy.comment_count, quiet.comment_count) == (2, 0)


def test_ten_more_articles_cost_the_same_one_query(django_assert_num_queries):
    articles = [make_article() for _ in range(11)]
    for article in articles:
        make_comment(article)

    with django_assert_num_queries(1):
        attach_comment_counts(articles)

    assert all(a.comment_count == 1 for a in articles)


def test_no_articles_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert comment_counts([]) == {}


def test_listing_pages_show_the_counts_through_the_articles_hook(client, settings):
    from articles import listing

    article = make_article()
    make_comment(article)
    assert "comments.counts.attach_comment_counts" in settings.NEWSROOM_ARTICLE_LIST_DECORATORS

    [decorated] = listing.decorate([article])

    assert decorated.comment_count == 1
