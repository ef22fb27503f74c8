"""Comments on a site's own model: ``tests/plugin/recipes`` registers ``Recipe`` as the docs describe.

The test run installs the recipes app beside the site (tests/settings.py); these tests mount its page
too. Everything a reader does under an article works under a recipe: the section on its page, posting,
replies, "my comments awaiting moderation", likes, reports and the permalink; the moderation queue and
the mail name the recipe. A hidden recipe and a model nobody registered get the answers a draft gets.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_comments_xtd.conf import settings as xtd_settings

from comments import notifications, targets
from comments.models import Comment
from comments.section import section_context
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_author, make_comment
from tests.plugin.recipes.apps import RecipeComments
from tests.plugin.recipes.models import Recipe

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.plugin.recipes.urls")]

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


@pytest.fixture
def recipe():
    return Recipe.objects.create(title="Harbour fish stew", slug="fish-stew")


def recipe_type():
    return ContentType.objects.get_for_model(Recipe).pk


def test_the_recipes_migration_matches_the_model():
    call_command("makemigrations", "recipes", "--check", "--dry-run", verbosity=0)


def test_recipes_are_registered_beside_articles(recipe):
    assert targets.is_registered(Recipe) and targets.is_registered(make_article())
    assert targets.by_label("recipes.recipe") is targets.get(recipe)
    assert targets.by_content_type_id(recipe_type()) is targets.get(Recipe)


def test_the_recipe_page_shows_the_thread_and_the_form(client, recipe):
    make_comment(recipe, text="Saffron makes it.")
    make_comment(recipe, text="Held for a moderator.", status=Comment.Status.PENDING)

    html = client.get("/recipes/fish-stew/").content.decode()

    assert "<h1>Harbour fish stew</h1>" in html
    assert "Saffron makes it." in html and "Held for a moderator." not in html
    assert "1 comment" in html and 'id="leave-a-comment"' in html
    assert 'name="content_type" value="recipes.recipe"' in html
    assert f"/comments/form-state/?ct=recipes.recipe&amp;pk={recipe.pk}" in html


def test_a_reader_comments_on_a_recipe_and_sees_it_once_approved(
    client, recipe, spam_filter, moderator, decide, commit
):
    spam_filter.band = "hold"

    with commit():
        response = client.post("/comments/post/", form_data(recipe, comment="Add a pinch of fennel."))

    assert response.status_code == 302 and response["Location"] == "/recipes/fish-stew/#comments"
    comment = Comment.objects.get()
    assert (comment.content_object, comment.status) == (recipe, Comment.Status.PENDING)
    assert spam_filter.seen[0].permalink == "http://testserver/recipes/fish-stew/"
    # Its author sees it waiting, on the page and through the comment script; nobody else does.
    assert "Add a pinch of fennel." in client.get("/recipes/fish-stew/").content.decode()
    mine = client.get("/comments/mine/", {"ct": "recipes.recipe", "pk": recipe.pk}).json()["comments"]
    assert [item["id"] for item in mine] == [comment.pk]
    assert "Add a pinch of fennel." not in Client().get("/recipes/fish-stew/").content.decode()
    # The moderators' mail names the recipe.
    assert "Recipe: Harbour fish stew" in mail.outbox[0].body

    decide(comment, "approved", by=moderator)

    assert "Add a pinch of fennel." in Client().get("/recipes/fish-stew/").content.decode()


def test_a_reply_on_a_recipe_is_threaded_and_tells_the_follower(client, recipe, spam_filter, commit):
    parent = make_comment(recipe, email="ann@example.com", followup=True)

    with commit():
        response = client.post("/comments/post/", form_data(recipe, comment="Agreed!", reply_to=str(parent.pk)))

    reply = Comment.objects.get(comment="Agreed!")
    assert response["Location"] == f"/recipes/fish-stew/#c{reply.pk}"
    assert reply.parent_id == parent.pk
    [message] = [m for m in mail.outbox if m.to == ["ann@example.com"]]
    assert 'conversation you joined on "Harbour fish stew"' in message.body
    assert "Stop these e-mails for this recipe" in message.body


@pytest.fixture
def confirm_email(monkeypatch):
    # xtd copies its settings on first use: patch the copy, not Django's settings.
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_CONFIRM_EMAIL", True)


def confirmation_path(message):
    return re.search(r"https?://[^/\s]+(/comments/confirm/\S+/)", message.body).group(1)


def test_a_comment_on_a_recipe_confirmed_by_mail(client, recipe, spam_filter, confirm_email):
    client.post("/comments/post/", form_data(recipe, comment="Fennel!", email="new@example.com"))
    [message] = mail.outbox
    path = confirmation_path(message)

    shown = client.get(path).content.decode()
    confirmed = client.post(path)

    assert 'wrote a comment on "Harbour fish stew"' in message.body
    assert '<a href="/recipes/fish-stew/">Harbour fish stew</a>' in shown
    comment = Comment.objects.get()
    assert comment.content_object == recipe
    assert confirmed["Location"] == f"/recipes/fish-stew/#c{comment.pk}"


def test_a_confirmation_for_a_recipe_closed_or_hidden_since_keeps_the_text(client, recipe, spam_filter, confirm_email):
    client.post("/comments/post/", form_data(recipe, comment="Fennel!", email="new@example.com"))
    path = confirmation_path(mail.outbox[0])

    Recipe.objects.filter(pk=recipe.pk).update(comments_enabled=False)
    closed = client.post(path)
    Recipe.objects.filter(pk=recipe.pk).update(is_published=False)
    hidden = client.get(path)

    assert closed.status_code == 403 and "Comments are closed on this recipe." in closed.content.decode()
    assert hidden.status_code == 400 and "This recipe is not open for comments." in hidden.content.decode()
    assert "Fennel!" in closed.content.decode() and "Fennel!" in hidden.content.decode()
    assert not Comment.objects.exists()


def test_a_confirmation_link_for_a_model_that_no_longer_takes_comments_is_a_bad_link(
    client, recipe, spam_filter, confirm_email
):
    client.post("/comments/post/", form_data(recipe, email="new@example.com"))
    path = confirmation_path(mail.outbox[0])
    targets.unregister(Recipe)
    try:
        response = client.get(path)
    finally:
        targets.register(Recipe, RecipeComments)

    assert response.status_code == 400 and "This link is not valid" in response.content.decode()


def test_the_stop_these_emails_link_of_a_recipe_conversation(client, recipe):
    comment = make_comment(recipe, followup=True)
    path = notifications.mute_url(comment)

    shown = client.get(path).content.decode()
    stopped = client.post(path).content.decode()

    assert '<a href="/recipes/fish-stew/">Harbour fish stew</a>' in shown
    assert 'Back to <a href="/recipes/fish-stew/">Harbour fish stew</a>.' in stopped
    comment.refresh_from_db()
    assert comment.followup is False


def test_the_form_state_endpoint_serves_recipes(client, recipe):
    state = client.get("/comments/form-state/", {"ct": "recipes.recipe", "pk": recipe.pk}).json()

    assert {"csrf_token", "timestamp", "security_hash"} <= state.keys()


def test_likes_reports_and_the_permalink_work_on_recipes(client, recipe):
    comment = make_comment(recipe)

    liked = client.post(f"/comments/{comment.pk}/like/", **JSON)
    reported = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, **JSON)
    permalink = client.get(comment.get_absolute_url())

    assert liked.json()["like_count"] == 1
    assert reported.json() == {"reported": True, "counted": True}
    assert permalink.status_code == 302 and permalink["Location"] == "/recipes/fish-stew/"


def test_a_hidden_recipe_is_answered_like_a_draft(client, recipe, spam_filter):
    comment = make_comment(recipe)
    Recipe.objects.filter(pk=recipe.pk).update(is_published=False)

    posted = client.post("/comments/post/", form_data(recipe))

    assert posted.status_code == 400 and "This recipe is not open for comments." in posted.content.decode()
    assert client.get(comment.get_absolute_url()).status_code == 404
    assert client.get(f"/comments/{comment.pk}/like/").status_code == 404
    assert client.get("/comments/form-state/", {"ct": "recipes.recipe", "pk": recipe.pk}).status_code == 404
    assert spam_filter.seen == []


def test_a_recipe_with_comments_turned_off_keeps_its_thread_and_refuses_posts(client, recipe, spam_filter):
    make_comment(recipe, text="From before.")
    Recipe.objects.filter(pk=recipe.pk).update(comments_enabled=False)

    html = client.get("/recipes/fish-stew/").content.decode()
    posted = client.post("/comments/post/", form_data(recipe))

    assert "From before." in html and "Comments are closed." in html and "Leave a Comment" not in html
    assert posted.status_code == 403 and "Comments are closed on this recipe." in posted.content.decode()
    assert Comment.objects.count() == 1


def test_a_model_nobody_registered_takes_no_comments(client, spam_filter):
    author = make_author(name="Rita Vale")
    data = form_data(author)
    comment = make_comment(author)  # stored some other way: readers never reach it

    posted = client.post("/comments/post/", data)

    assert posted.status_code == 400 and "This form cannot post comments here." in posted.content.decode()
    assert client.get(comment.get_absolute_url()).status_code == 404
    assert client.get(f"/comments/{comment.pk}/report/").status_code == 404
    assert client.get("/comments/form-state/", {"ct": "newsroom_articles.author", "pk": author.pk}).status_code == 404
    assert spam_filter.seen == []


def test_the_moderation_queue_names_and_filters_recipes(client, recipe, moderator):
    article = make_article(headline="Harbour reopens")
    make_comment(article, status=Comment.Status.PENDING)
    wanted = make_comment(recipe, status=Comment.Status.PENDING)
    client.force_login(moderator)

    everything = client.get("/admin/newsroom_comments/comment/").content.decode()
    only_recipe = client.get("/admin/newsroom_comments/comment/", {"on": f"{recipe_type()}-{recipe.pk}"})

    assert "By article or recipe" in everything
    assert "Harbour fish stew" in everything and "Harbour reopens" in everything
    assert [c.pk for c in only_recipe.context["cl"].result_list] == [wanted.pk]


def test_a_hidden_recipe_is_not_named_by_a_typed_in_filter(client, recipe, moderator):
    secret = Recipe.objects.create(title="Secret sauce", slug="secret-sauce", is_published=False)
    make_comment(recipe, status=Comment.Status.PENDING)
    client.force_login(moderator)

    response = client.get("/admin/newsroom_comments/comment/", {"on": f"{recipe_type()}-{secret.pk}"})

    assert response.status_code == 200 and "Secret sauce" not in response.content.decode()


def test_a_signed_in_reader_comments_on_a_recipe_under_their_name(recipe, spam_filter):
    browser = Client()
    browser.force_login(User.objects.create_user("ada", first_name="Ada", last_name="Lovelace"))

    browser.post("/comments/post/", form_data(recipe, comment="Lovely."))

    assert Comment.objects.get().user_name == "Ada Lovelace"


# Queries for the recipe page with comments: 1 the recipe, 2 the site chrome's top-level sections,
# 3 counts of approved comments and top-level threads, 4 the page's threads with their replies,
# 5 the comment announcements running now.
def test_the_recipe_page_costs_the_same_with_ten_more_threads(client, recipe, django_assert_num_queries):
    make_comment(recipe, parent=make_comment(recipe))
    client.get("/recipes/fish-stew/")  # warm the per-process caches (content types, the site settings)

    with django_assert_num_queries(5):
        client.get("/recipes/fish-stew/")
    for _ in range(10):
        make_comment(recipe, parent=make_comment(recipe))
    with django_assert_num_queries(5):
        html = client.get("/recipes/fish-stew/").content.decode()
    assert "22 comments" in html


def test_an_article_and_a_recipe_with_the_same_id_never_share_a_thread(local_page_cache):
    article = make_article()
    twin = Recipe.objects.create(pk=article.pk, title="Twin", slug="twin")
    make_comment(article, text="About the article.")
    make_comment(twin, text="About the recipe.")

    on_article = section_context(article)["thread_html"]
    on_recipe = section_context(twin)["thread_html"]

    assert "About the article." in on_article and "About the recipe." not in on_article
    assert "About the recipe." in on_recipe and "About the article." not in on_recipe
