"""Item 3 of the security review: comment links never lead to, or reveal, what readers may not see.

Django's ``shortcut`` view (which ``/comments/cr/<ct>/<pk>/`` used to be)
redirects to any object with a ``get_absolute_url()``: drafts, articles in
review and embargoed ones (whose slugs carry the headline), and, through the
comment model's own content type, to a held comment's article.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return make_category(slug="world")


def _redirect_url(article):
    return f"/comments/cr/{ContentType.objects.get_for_model(Article).pk}/{article.pk}/"


def test_a_comment_permalink_leads_to_its_visible_article(client, section):
    article = make_article(slug="talks", category=section)
    comment = make_comment(article)

    response = client.get(comment.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == "/world/talks/"


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"publish_at": timezone.now() + timedelta(days=2)},  # scheduled: under embargo
    ],
    ids=["draft", "review", "embargoed"],
)
def test_unpublished_articles_are_a_404_even_with_approved_comments(client, section, hidden):
    article = make_article(slug="secret-merger-agreed", category=section, **hidden)
    make_comment(article)

    response = client.get(_redirect_url(article))

    assert response.status_code == 404
    assert "secret-merger" not in response.get("Location", "")


def test_an_article_with_only_held_comments_gives_nothing_away(client, section):
    article = make_article(category=section)
    make_comment(article, status=Comment.Status.PENDING)

    assert client.get(_redirect_url(article)).status_code == 404


def test_other_models_are_never_followed(client, section):
    held = make_comment(make_article(category=section), status=Comment.Status.PENDING)
    admin = User.objects.create_user("admin")
    comment_type = ContentType.objects.get_for_model(Comment).pk
    user_type = ContentType.objects.get_for_model(User).pk

    # Through the comment model itself the shortcut told a held comment's article (and that it exists).
    assert client.get(f"/comments/cr/{comment_type}/{held.pk}/").status_code == 404
    assert client.get(f"/comments/cr/{user_type}/{admin.pk}/").status_code == 404


@pytest.mark.parametrize("pk", ["9" * 30, "99999999999999999999", "-1", "abc", "0"])
def test_nonsense_ids_are_a_404_not_a_500(client, section, pk):
    article = make_article(category=section)
    make_comment(article)
    article_type = ContentType.objects.get_for_model(Article).pk

    assert client.get(f"/comments/cr/{article_type}/{pk}/").status_code == 404
    assert client.get(f"/comments/cr/{'9' * 30}/{article.pk}/").status_code == 404


@pytest.mark.parametrize("action", ["like", "report"])
def test_like_and_report_pages_of_a_comment_on_a_withdrawn_article_are_a_404(client, section, action):
    article = make_article(category=section)
    comment = make_comment(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)  # withdrawn after the comment

    assert client.get(f"/comments/{comment.pk}/{action}/").status_code == 404
    assert client.post(f"/comments/{comment.pk}/{action}/").status_code in {403, 404}
