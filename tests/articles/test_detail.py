import pickle

import pytest
from django.db.models import prefetch_related_objects

from articles import detail, prepared
from articles.models import Article, Byline, Correction, detail_prefetches
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    prepared.clear()
    yield
    prepared.clear()


@pytest.fixture
def article():
    # Bylines and tags added out of their shown order: the order must come from the queries.
    found = make_article(authors=[make_author(name="Second"), make_author(name="First")], tags=["zebra", "apple"])
    Byline.objects.filter(article=found, author__name="Second").update(position=5)
    Correction.objects.create(article=found, text="Later note")
    Correction.objects.create(article=found, text="Earlier note", published_at=found.publish_at)
    make_article(tags=["apple", "other"])  # another article's rows stay out
    return Article.objects.get(pk=found.pk)


def shown(article):
    return (
        [(byline.pk, byline.position, byline.author.name, byline.article.pk) for byline in article.ordered_bylines],
        [(tag.pk, tag.name) for tag in article.tags.all()],
        [(note.pk, note.text, note.published_at, note.article.pk) for note in article.corrections.all()],
        article.tags.count(),
        article.corrections.exists(),
        article.last_modified,
    )


def test_reads_what_for_detail_prefetches_in_three_queries_compiled_once(article, django_assert_num_queries):
    expected = Article.objects.for_detail().get(pk=article.pk)
    # The bylines with their authors, the tags, the corrections.
    with django_assert_num_queries(3):
        detail.prefetch(article)
    with django_assert_num_queries(0):
        assert shown(article) == shown(expected)
    assert [tag.name for tag in article.tags.all()] == ["zebra", "apple"]  # as added, as article.tags.all() reads
    assert prepared.stats == {"compiled": 3}

    again = Article.objects.get(pk=article.pk)
    with django_assert_num_queries(3):
        detail.prefetch(again)
    assert prepared.stats == {"compiled": 3}
    with django_assert_num_queries(0):
        assert shown(again) == shown(expected)


def test_an_article_without_bylines_tags_or_corrections(db, django_assert_num_queries):
    bare = make_article(authors=[])
    detail.prefetch(bare)
    with django_assert_num_queries(0):
        assert (bare.ordered_bylines, list(bare.tags.all()), list(bare.corrections.all())) == ([], [], [])


def test_kept_objects_are_what_a_prefetch_keeps(article, django_assert_num_queries):
    """keep_prefetched() writes what Django's prefetch_related_objects() and django-taggit write and read back."""
    expected = Article.objects.get(pk=article.pk)
    prefetch_related_objects([expected], *detail_prefetches())
    detail.prefetch(article)
    kept, real = article._prefetched_objects_cache, expected._prefetched_objects_cache
    assert kept.keys() == real.keys()
    for name in real:
        assert type(kept[name]) is type(real[name])
        assert str(kept[name].query) == str(getattr(Article.objects.get(pk=article.pk), name).all().query)
    with django_assert_num_queries(0):
        assert shown(pickle.loads(pickle.dumps(article))) == shown(expected)  # as the page's shared cache keeps it
    # Narrowing a relation asks the database about this article's rows only, as after a prefetch.
    assert list(article.corrections.filter(text="Later note")) == list(expected.corrections.filter(text="Later note"))
    assert article.tags.filter(name="apple").get().name == "apple"
