"""Each role's boundary, proved through the admin's own HTTP endpoints with real users."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin import ADD, CHANGELIST, action_data, article_form_data, change_url
from tests.factories import make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return make_user(username="wendy", groups=["Writers"])


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_the_groups_and_their_permissions():
    editors, writers = codenames("Editors"), codenames("Writers")
    assert {"publish_article", "add_article", "change_article", "delete_article", "view_article"} <= editors
    assert {"add_author", "change_category", "delete_tag"} <= editors
    assert {"add_article", "change_article", "view_article", "view_author", "view_category", "view_tag"} <= writers
    assert not {"publish_article", "delete_article", "change_author", "change_category", "add_tag"} & writers
    # Nothing on articles or tags; the comments app grants theirs.
    moderators = Group.objects.get(name="Moderators").permissions
    assert not moderators.filter(content_type__app_label__in=["newsroom_articles", "taggit"]).exists()


# --- Writers -----------------------------------------------------------------------------------------------


def test_writer_sees_only_articles_they_created_or_are_bylined_on(writer_client, writer):
    mine = make_article(headline="Mine by creation", status=Article.Status.DRAFT, created_by=writer)
    bylined = make_article(headline="Mine by byline", authors=[make_author(user=writer)])
    make_article(headline="Colleague's draft", status=Article.Status.DRAFT)
    make_article(headline="Colleague's published piece")

    response = writer_client.get(CHANGELIST)

    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {mine, bylined}
    assert "Colleague" not in response.text


def test_writer_cannot_open_a_colleagues_draft(writer_client):
    theirs = make_article(headline="Colleague's draft", status=Article.Status.DRAFT)
    response = writer_client.get(change_url(theirs))
    assert response.status_code == 302  # "doesn't exist", back to the admin's front page
    assert response.url == reverse("admin:index")
    response = writer_client.post(change_url(theirs), article_form_data(theirs, headline="Rewritten"))
    theirs.refresh_from_db()
    assert theirs.headline == "Colleague's draft"


def test_writer_is_offered_only_draft_and_review(writer_client):
    response = writer_client.get(ADD)
    choices = [value for value, _ in response.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]


def test_writer_cannot_publish_a_new_article_by_form_post(writer_client):
    data = article_form_data(category=make_category().pk, status="published")
    response = writer_client.post(ADD, data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_writer_can_add_a_draft_and_then_finds_it(writer_client, writer):
    response = writer_client.post(ADD, article_form_data(category=make_category().pk, status="review"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.created_by == writer and article.status == Article.Status.REVIEW
    assert writer_client.get(change_url(article)).status_code == 200


def test_writer_cannot_publish_their_draft_by_form_post(writer_client, writer):
    draft = make_article(status=Article.Status.REVIEW, created_by=writer)
    response = writer_client.post(change_url(draft), article_form_data(draft, status="published"))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW


def test_writer_may_view_but_not_change_their_published_article(writer_client, writer):
    published = make_article(created_by=writer, headline="Old headline")
    response = writer_client.get(change_url(published))
    assert response.status_code == 200
    assert not response.context["adminform"].form.fields  # view only: every field shown read-only
    response = writer_client.post(change_url(published), article_form_data(published, status="draft", headline="New"))
    assert response.status_code == 403
    published.refresh_from_db()
    assert (published.headline, published.status) == ("Old headline", Article.Status.PUBLISHED)


def test_writer_has_no_publish_actions_and_posting_them_changes_nothing(writer_client, writer):
    draft = make_article(status=Article.Status.DRAFT, created_by=writer)
    published = make_article(created_by=writer)
    response = writer_client.get(CHANGELIST)
    # No publish, unpublish nor delete: submitting drafts for review is the one action.
    choices = [value for value, _label in response.context["action_form"].fields["action"].choices if value]
    assert choices == ["submit_for_review"]

    writer_client.post(CHANGELIST, action_data("publish", draft))
    writer_client.post(CHANGELIST, action_data("unpublish", published))

    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert published.status == Article.Status.PUBLISHED


def test_writer_picks_related_articles_from_their_own_and_published_ones_only(writer_client, writer):
    make_article(headline="Harbour mine", status=Article.Status.DRAFT, created_by=writer)
    make_article(headline="Harbour published")
    make_article(headline="Harbour secret draft", status=Article.Status.DRAFT)
    response = writer_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "newsroom_articles", "model_name": "relatedpick", "field_name": "picked", "term": "harbour"},
    )
    assert sorted(row["text"] for row in response.json()["results"]) == ["Harbour mine", "Harbour published"]


def test_writer_sees_only_public_suggestions_linked_to_the_site(writer_client, writer):
    from articles.models import RelatedSuggestion

    mine = make_article(created_by=writer, status=Article.Status.DRAFT)
    public = make_article(headline="Public story")
    embargoed = make_article(headline="Embargoed scoop", status=Article.Status.DRAFT)
    for rank, other in enumerate([public, embargoed]):
        RelatedSuggestion.objects.create(article=mine, suggested=other, score=0.5, rank=rank, reasons={})
    html = writer_client.get(change_url(mine)).text
    assert f'<a href="{public.get_absolute_url()}">Public story</a>' in html
    assert "Embargoed scoop" not in html


def test_writer_can_view_but_not_change_authors_and_sections(writer_client):
    author = make_author()
    section = make_category()
    assert writer_client.get(reverse("admin:newsroom_articles_author_changelist")).status_code == 200
    assert writer_client.get(reverse("admin:newsroom_articles_category_changelist")).status_code == 200
    assert writer_client.get(reverse("admin:newsroom_articles_author_add")).status_code == 403
    response = writer_client.post(
        reverse("admin:newsroom_articles_category_change", args=[section.pk]), {"name": "Renamed", "slug": section.slug}
    )
    assert response.status_code == 403
    response = writer_client.get(reverse("admin:newsroom_articles_author_change", args=[author.pk]))
    assert 'name="name"' not in response.text  # view only


# --- Editors -----------------------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(groups=["Editors"]))
    return client


def test_editor_sees_and_edits_everyones_drafts(editor_client):
    theirs = make_article(headline="Colleague's draft", status=Article.Status.DRAFT)
    assert theirs in editor_client.get(CHANGELIST).context["cl"].result_list
    response = editor_client.post(change_url(theirs), article_form_data(theirs, headline="Edited"))
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.headline == "Edited"


def test_editor_can_publish_by_form_post(editor_client):
    draft = make_article(status=Article.Status.REVIEW)
    response = editor_client.post(change_url(draft), article_form_data(draft, status="published"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.first_published_at is not None


def test_editor_can_publish_by_bulk_action(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    editor_client.post(CHANGELIST, action_data("publish", draft))
    draft.refresh_from_db()
    assert draft.is_published


# --- Moderators --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["changelist", "add", "change", "author", "category"])
def test_moderator_gets_403_on_article_pages(client, page):
    client.force_login(make_user(groups=["Moderators"]))
    article = make_article(status=Article.Status.DRAFT)
    url = {
        "changelist": CHANGELIST,
        "add": ADD,
        "change": change_url(article),
        "author": reverse("admin:newsroom_articles_author_changelist"),
        "category": reverse("admin:newsroom_articles_category_changelist"),
    }[page]
    assert client.get(url).status_code == 403


def test_moderator_cannot_bulk_publish(client):
    client.force_login(make_user(groups=["Moderators"]))
    draft = make_article(status=Article.Status.DRAFT)
    assert client.post(CHANGELIST, action_data("publish", draft)).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_last_guard_refuses_a_writer_publishing_any_other_way(rf, writer):
    from django.contrib import admin
    from django.core.exceptions import PermissionDenied

    model_admin = admin.site.get_model_admin(Article)
    request = rf.post("/")
    request.user = writer
    draft = make_article(status=Article.Status.DRAFT, created_by=writer)
    draft.status = Article.Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, draft, form=None, change=True)
    published = make_article(created_by=writer)
    published.status = Article.Status.DRAFT
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, published, form=None, change=True)
    new = Article(headline="New", slug="new", category=make_category(), status=Article.Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request, new, form=None, change=False)
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == 1
