"""Which models take comments: registering, looking up, and what a registration answers by default."""

import uuid

import pytest
from django.contrib.auth.models import AbstractUser, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.test.utils import isolate_apps
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Author
from comments import prompts, system_checks, targets
from comments.models import Comment
from tests.factories import make_article, make_author, make_comment, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    """``register(model, commentable_class)`` for one test: unregistered again afterwards."""
    registered = []

    def register(model, commentable_class=targets.Commentable):
        targets.register(model, commentable_class)
        registered.append(model)
        return targets.get(model)

    yield register
    for model in registered:
        targets.unregister(model)


@pytest.fixture
def without_articles():
    """Articles unregistered, as a site with comments elsewhere only would; registered again afterwards."""
    targets.unregister(Article)
    yield
    targets.register(Article, prompts.ArticleComments)


def test_articles_are_registered_by_default():
    commentable = targets.get(Article)

    assert isinstance(commentable, prompts.ArticleComments)
    assert commentable in targets.registered()
    assert commentable.label == "newsroom_articles.article"
    assert repr(commentable) == "<ArticleComments for newsroom_articles.article>"


def test_a_model_registered_twice_is_an_error(register):
    register(Author)

    with pytest.raises(targets.AlreadyRegistered, match="newsroom_articles.Author takes comments already"):
        targets.register(Author)


def test_unregistering_or_asking_about_a_model_that_takes_no_comments_is_an_error():
    with pytest.raises(targets.NotRegistered, match="auth.User does not take comments"):
        targets.unregister(User)
    with pytest.raises(targets.NotRegistered):
        targets.get(User.objects.create_user("ada"))
    assert not targets.is_registered(User)


@pytest.mark.parametrize("model", ["not a model", Article.objects])
def test_only_models_can_be_registered(model):
    with pytest.raises(ImproperlyConfigured, match="Only a concrete model can take comments"):
        targets.register(model)


@isolate_apps("django.contrib.humanize")  # an app without models or a ready() of its own
def test_abstract_and_proxy_models_cannot_be_registered():
    class Story(models.Model):
        class Meta:
            app_label = "humanize"

        def __str__(self):
            return "a story"

    class Feature(Story):
        class Meta:
            proxy = True
            app_label = "humanize"

        def __str__(self):
            return "a feature"

    for model in (AbstractUser, Feature):
        with pytest.raises(ImproperlyConfigured, match="Only a concrete model"):
            targets.register(model)


def test_the_registration_class_must_be_a_commentable():
    class NotCommentable:
        pass

    for bad in (NotCommentable, targets.Commentable(Author), "comments.targets.Commentable"):
        with pytest.raises(ImproperlyConfigured, match="subclass of comments.targets.Commentable"):
            targets.register(Author, bad)
    assert not targets.is_registered(Author)


def test_readers_input_names_only_registered_models(register):
    author_type = ContentType.objects.get_for_model(Author).pk

    assert targets.by_label("newsroom_articles.author") is None
    assert targets.by_label(None) is None and targets.by_label(["newsroom_articles.article"]) is None
    assert targets.by_content_type_id(author_type) is None
    assert targets.by_content_type_id(10**30) is None

    commentable = register(Author)

    assert targets.by_label("newsroom_articles.author") is commentable
    assert targets.by_content_type_id(author_type) is commentable


def test_a_site_can_stop_comments_on_articles(client, without_articles):
    article = make_article()
    comment = make_comment(article)

    assert client.get(comment.get_absolute_url()).status_code == 404
    assert client.get(f"/comments/{comment.pk}/like/").status_code == 404
    assert targets.visible_object(comment.content_type_id, comment.object_pk) is None


# What a registration answers by default ---------------------------------------------------------


def test_by_default_every_object_is_visible_and_open_and_named_by_str(register):
    commentable = register(Author)
    author = make_author(name="Rita Vale", slug="rita-vale")

    assert commentable.visible_object(str(author.pk)) == author
    assert commentable.is_visible(author) and commentable.comments_are_open(author)
    assert commentable.reader_prompt(author) == ""
    assert commentable.title(author) == "Rita Vale" == targets.title_of(author)
    assert commentable.text(author) == "Rita Vale"
    assert commentable.url(author) == author.get_absolute_url()
    assert list(commentable.nameable_by(make_user())) == [author]
    assert targets.page_context(author) == {
        "target": author,
        "target_title": "Rita Vale",
        "target_url": author.get_absolute_url(),
        "target_name": "author",
    }


def test_an_articles_text_is_its_headline_standfirst_and_body_read_without_a_query(django_assert_num_queries):
    article = make_article(
        headline="Talks resume", standfirst="Both sides return.", body="<h2>Why</h2><p>A <em>new</em> offer.</p>"
    )
    commentable = targets.get(article)
    loaded = commentable.visible_object(str(article.pk))  # as posting finds it
    with django_assert_num_queries(0):
        assert commentable.text(loaded) == "Talks resume\n\nBoth sides return.\n\nWhy A new offer."


def test_an_enable_field_turns_comments_off_per_object(register):
    class AuthorComments(targets.Commentable):
        enable_field = "job_title"  # any field whose value is true or false will do

    commentable = register(Author, AuthorComments)
    author = make_author(job_title="Reporter")

    assert commentable.comments_are_open(author)
    author.job_title = ""
    assert not commentable.comments_are_open(author)


def test_what_is_not_registered_is_named_by_str():
    user = User.objects.create_user("ada")

    assert targets.title_of(user) == "ada"
    assert targets.title_of(None) == ""
    assert targets.page_context(None)["target"] is None


@pytest.mark.parametrize(
    ("model", "text", "expected"),
    [
        (Article, "12", 12),
        (Article, "0", None),
        (Article, "-1", None),
        (Article, "²", None),  # str.isdigit() says yes, int() says no
        (Article, "1e3", None),
        (Article, "9" * 20, None),
        (Article, "9" * 5000, None),  # beyond what int() converts
        (Article, "", None),
        (Article, None, None),
        (Comment, "7", 7),  # its key is the parent link to xtd's (and django_comments') comment
        (Session, "abc123", "abc123"),
        (Session, "", None),
        (DBTaskResult, "not-a-uuid", None),
    ],
)
def test_keys_from_readers_are_parsed_as_the_models_key_or_nothing(model, text, expected):
    assert targets.Commentable(model).parse_pk(text) == expected


def test_uuid_keys_are_parsed():
    key = uuid.uuid4()

    assert targets.Commentable(DBTaskResult).parse_pk(str(key)) == key


def test_nonsense_keys_never_reach_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert targets.get(Article).visible_object("9" * 30) is None


# The system check ----------------------------------------------------------------------------------


def test_a_registered_model_without_an_address_is_an_error(register):
    register(Session)

    [error] = system_checks.check_commentable_models(None)

    assert error.id == "comments.E408" and error.level == checks.ERROR
    assert "sessions.Session takes comments but has no get_absolute_url()" in error.msg
    assert error.hint == "Give Session a get_absolute_url() method, or override url() in Commentable."


def test_a_registration_that_says_where_objects_live_passes(register):
    class SessionComments(targets.Commentable):
        def url(self, session):
            return f"/sessions/{session.pk}/"

    register(Session, SessionComments)

    assert system_checks.check_commentable_models(None) == []
