import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Byline, Category, RelatedPick, RelatedSuggestion
from tests.factories import make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_articles_article_changelist")
ADD = reverse("admin:newsroom_articles_article_add")


def change_url(article):
    return reverse("admin:newsroom_articles_article_change", args=[article.pk])


def article_form_data(article=None, **overrides):
    """What the article admin form posts: ``article``'s current values (or a new draft's), then ``overrides``."""
    when = timezone.localtime(article.publish_at if article else timezone.now())
    data = {
        "headline": article.headline if article else "Harbour reopens after dredging",
        "slug": article.slug if article else "harbour-reopens-after-dredging",
        "standfirst": article.standfirst if article else "Boats are back.",
        "body": article.body if article else "<p>The harbour is open again.</p>",
        "category": article.category_id if article else None,
        "tags": ", ".join(sorted(article.tags.names())) if article else "",
        "status": article.status if article else "draft",
        "publish_at_0": when.strftime("%Y-%m-%d"),
        "publish_at_1": when.strftime("%H:%M:%S"),
        "lead_image_alt": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "reader_prompt": "",
        "seo_description": "",
    }
    if article is None or article.comments_enabled:
        data["comments_enabled"] = "on"
    if article is not None and article.exclude_from_related:
        data["exclude_from_related"] = "on"
    bylines = list(article.bylines.all()) if article else []
    for prefix, rows in (("bylines", bylines), ("picks", []), ("corrections", [])):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    for i, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": byline.pk,
                f"bylines-{i}-article": article.pk,
                f"bylines-{i}-author": byline.author_id,
                f"bylines-{i}-position": byline.position,
            }
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def action_data(action, *articles):
    return {"action": action, "_selected_action": [a.pk for a in articles], "index": 0}


@pytest.fixture
def superuser():
    return User.objects.create_superuser("boss", "", "pw")


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(groups=["Editors"]))
    return client


@pytest.fixture
def writer():
    return make_user(groups=["Writers"])


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


# --- Article list ------------------------------------------------------------------------------------------


def _changelist(client, django_assert_num_queries):
    # 1. session  2. user  3.-4. the editor's permissions (the user's own, the group's)
    # 5. how many drafts and articles in review, for the status filter (one GROUP BY)
    # 6. sections for the filter  7. authors for the filter  8. filtered count (no second, full count)
    # 9. the page of articles with their section (no body)  10. their bylines with authors
    # Nothing reads every article: no date hierarchy (a DISTINCT over all their dates).
    with django_assert_num_queries(10) as queries:
        response = client.get(CHANGELIST)
    assert not any("DISTINCT" in q["sql"] or "MIN(" in q["sql"] for q in queries.captured_queries)
    assert response.status_code == 200
    return response


def test_changelist_query_count(editor_client, django_assert_num_queries):
    make_article(authors=[make_author(name="Ada Quill"), make_author(name="Ben Nib")], headline="Storm warning")
    response = _changelist(editor_client, django_assert_num_queries)
    assert "Ada Quill, Ben Nib" in response.text
    assert "Storm warning" in response.text


def test_changelist_query_count_twin_with_ten_more_articles_with_bylines(editor_client, django_assert_num_queries):
    make_article(authors=[make_author(name="Ada Quill"), make_author(name="Ben Nib")], headline="Storm warning")
    for _ in range(10):
        # Each in a subsection of its own: naming a section must not walk up the tree.
        make_article(authors=[make_author(), make_author()], category=make_category(parent=make_category()))
    response = _changelist(editor_client, django_assert_num_queries)
    assert response.text.count('class="field-byline_names"') == 11


def test_changelist_filters_and_search(editor_client):
    ada = make_author(name="Ada Quill")
    sport = make_category(name="Sport")
    match = make_article(headline="Harbour storm", authors=[ada], category=sport, status=Article.Status.REVIEW)
    make_article(headline="Cup final", publish_at=match.publish_at - timedelta(days=800))
    for query in (
        {"q": "harbour"},
        {"status__exact": "review"},
        {"category__id__exact": sport.pk},
        {"authors__id__exact": ada.pk},
        {"publish_at__year": match.publish_at.year},
    ):
        response = editor_client.get(CHANGELIST, query)
        assert list(response.context["cl"].result_list) == [match], query


# --- Article form ------------------------------------------------------------------------------------------


def test_add_form_has_the_prose_editor_slug_prefill_and_autocompletes(editor_client):
    response = editor_client.get(ADD)
    assert response.status_code == 200
    html = response.text
    # The editor's own assets (an import map and modules, via django-js-asset), its admin styles,
    # and the body textarea marked up for it.
    assert "django_prose_editor/editor.js" in html
    assert "django_prose_editor/overrides.css" in html
    assert '<script type="importmap"' in html
    assert re.search(r'<textarea name="body"[^>]*data-django-prose-editor-', html)
    assert "data-prepopulated-fields" in html and "#id_slug" in html
    assert 'class="admin-autocomplete' in html  # section, byline authors, picks
    assert "bylines-TOTAL_FORMS" in html and "picks-TOTAL_FORMS" in html
    assert "Save the article to preview it." in html


def test_adding_an_article_records_who_created_it(editor_client):
    section = make_category()
    author = make_author()
    data = article_form_data(category=section.pk, tags="Harbours, Kestrel Bay")
    data.update({"bylines-TOTAL_FORMS": 1, "bylines-0-author": author.pk, "bylines-0-position": 0})
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.created_by == response.wsgi_request.user
    assert list(article.authors.all()) == [author]
    assert sorted(article.tags.names()) == ["Harbours", "Kestrel Bay"]


def test_change_form_of_a_draft_offers_a_preview_and_of_a_published_article_the_page(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    response = editor_client.get(change_url(draft))
    assert f'href="{draft.get_absolute_url()}">Preview</a>' in response.text
    published = make_article()
    response = editor_client.get(change_url(published))
    assert f'href="{published.get_absolute_url()}">View on site</a>' in response.text


def test_change_form_lists_the_automatic_suggestions_with_score_and_reasons(editor_client):
    article = make_article()
    fresh = make_article(headline="Quay reopens")
    gone = make_article(headline="Pulled story", status=Article.Status.DRAFT)
    RelatedSuggestion.objects.create(
        article=article,
        suggested=fresh,
        score=0.734,
        rank=0,
        reasons={
            "shared_tags": ["Harbours"],
            "section": "same",
            "shared_path": "news",
            "shared_terms": ["quay", "dredging"],
            "age_days": 3,
        },
    )
    RelatedSuggestion.objects.create(
        article=article, suggested=gone, score=0.5, rank=1, reasons={"section": "near", "shared_path": "news"}
    )
    html = editor_client.get(change_url(article)).text
    assert "Quay reopens" in html and "0.73" in html
    assert "tags: Harbours · same section · words: quay, dredging · 3 days apart" in html
    assert "near section (news)" in html
    assert "Pulled story</a> <em>(not visible to readers now)</em>" in html
    assert 'name="exclude_from_related"' in html


def test_change_form_without_suggestions_says_when_they_come(editor_client):
    html = editor_client.get(change_url(make_article())).text
    assert "None yet: they are worked out when the article is saved." in html


def test_saving_through_the_admin_computes_suggestions(editor_client, django_capture_on_commit_callbacks):
    section = make_category()
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = make_article(category=section, tags=["Harbours"])
        article = make_article(category=make_category(), headline="Quay", body="")
    assert not article.suggestions.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change_url(article), article_form_data(article, tags="Harbours", category=section.pk)
        )
    assert response.status_code == 302
    assert list(article.suggestions.values_list("suggested", flat=True)) == [neighbour.pk]


# --- Embargoes: when readers see an article is the desk's call ---------------------------------------------
# (tests/security/test_permission_matrix.py holds the door-by-door cases: publish_at to the past and to 2030.)


def test_a_writer_sees_their_scheduled_article_read_only_bylines_and_picks_included(writer_client, writer):
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=2), authors=[make_author(user=writer)])
    response = writer_client.get(change_url(scheduled))
    assert response.status_code == 200
    assert not response.context["adminform"].form.fields
    for inline in response.context["inline_admin_formsets"]:
        assert not (inline.has_add_permission or inline.has_change_permission or inline.has_delete_permission)
    assert 'name="_save"' not in response.text


def test_a_writers_new_article_takes_no_publish_time_from_the_form(writer_client):
    data = article_form_data(category=make_category().pk, publish_at_0="2030-01-01", publish_at_1="09:00:00")
    response = writer_client.post(ADD, data)
    assert response.status_code == 302
    assert Article.objects.get().publish_at < timezone.now()


def test_the_last_guard_refuses_a_writer_moving_the_publish_time(rf, writer):
    from django.contrib import admin
    from django.core.exceptions import PermissionDenied

    request = rf.post("/")
    request.user = writer
    draft = make_article(status=Article.Status.DRAFT, created_by=writer)
    draft.publish_at = timezone.now() + timedelta(days=400)
    with pytest.raises(PermissionDenied):
        admin.site.get_model_admin(Article).save_model(request, draft, form=None, change=True)
    assert Article.objects.get(pk=draft.pk).publish_at < timezone.now()


# --- What a writer may pick and read -----------------------------------------------------------------------


def hidden_from_writers(kind):
    """A colleague's article whose headline a writer must not read: a draft, or approved but embargoed."""
    if kind == "draft":
        return make_article(headline="Secret merger talks", status=Article.Status.DRAFT)
    return make_article(headline="Secret merger talks", publish_at=timezone.now() + timedelta(days=2))


def with_pick(data, picked):
    return {**data, "picks-TOTAL_FORMS": 1, "picks-0-picked": picked.pk, "picks-0-position": 0}


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_a_writer_cannot_pick_a_colleagues_unpublished_article_by_id(writer_client, writer, kind):
    secret = hidden_from_writers(kind)
    mine = make_article(status=Article.Status.DRAFT, created_by=writer, headline="My draft")

    # An empty headline sends the form back: the picks row must not come back labelled with the secret.
    response = writer_client.post(change_url(mine), with_pick(article_form_data(mine, headline=""), secret))
    assert response.status_code == 200
    assert "Secret merger talks" not in response.text

    response = writer_client.post(change_url(mine), with_pick(article_form_data(mine), secret))
    assert response.status_code == 200  # refused: "Select a valid choice"
    assert "Secret merger talks" not in response.text
    assert not RelatedPick.objects.exists()


def test_a_writer_picks_their_own_and_published_articles(writer_client, writer):
    mine = make_article(status=Article.Status.DRAFT, created_by=writer)
    other_own = make_article(status=Article.Status.DRAFT, created_by=writer, headline="Other own")
    public = make_article(headline="On the site")
    for picked in (other_own, public):
        response = writer_client.post(change_url(mine), with_pick(article_form_data(mine), picked))
        assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
        assert RelatedPick.objects.filter(article=mine, picked=picked).exists()
        RelatedPick.objects.all().delete()


def test_a_pick_the_desk_made_of_a_hidden_article_stays_unseen_by_the_writer(writer_client, writer):
    secret = hidden_from_writers("scheduled")
    mine = make_article(status=Article.Status.DRAFT, created_by=writer)
    RelatedPick.objects.create(article=mine, picked=secret, position=0)
    response = writer_client.get(change_url(mine))
    assert "Secret merger talks" not in response.text
    response = writer_client.post(change_url(mine), article_form_data(mine, headline="Reworded"))
    assert response.status_code == 302
    assert RelatedPick.objects.filter(article=mine, picked=secret).exists()  # not the writer's to remove


def test_an_editor_may_pick_any_article(editor_client):
    secret = hidden_from_writers("draft")
    article = make_article()
    response = editor_client.post(change_url(article), with_pick(article_form_data(article), secret))
    assert response.status_code == 302
    assert RelatedPick.objects.filter(article=article, picked=secret).exists()


def test_a_writer_sees_authors_by_name_not_by_login(writer_client):
    author = make_author(name="Ada Quill", user=make_user(username="aq_login_name"))
    pages = [
        reverse("admin:newsroom_articles_author_changelist"),
        reverse("admin:newsroom_articles_author_change", args=[author.pk]),
    ]
    for url in pages:
        response = writer_client.get(url)
        assert response.status_code == 200
        assert "Ada Quill" in response.text
        assert "aq_login_name" not in response.text
    # Whoever manages authors links them to their accounts.
    writer_client.force_login(make_user(groups=["Editors"]))
    for url in pages:
        assert "aq_login_name" in writer_client.get(url).text


# --- Bulk actions ------------------------------------------------------------------------------------------


def test_publish_action_publishes_drafts_as_of_now(editor_client):
    week_old = make_article(status=Article.Status.DRAFT, publish_at=timezone.now() - timedelta(days=7))
    scheduled = make_article(status=Article.Status.REVIEW, publish_at=timezone.now() + timedelta(days=2))
    response = editor_client.post(CHANGELIST, action_data("publish", week_old, scheduled), follow=True)
    assert "Published 2 articles." in response.text
    week_old.refresh_from_db()
    scheduled.refresh_from_db()
    assert week_old.is_published and week_old.publish_at > timezone.now() - timedelta(minutes=1)
    assert week_old.first_published_at == week_old.publish_at
    # A scheduled article keeps its time: it is approved, and appears when that comes.
    assert scheduled.status == Article.Status.PUBLISHED and not scheduled.is_published


def test_unpublish_action_sends_articles_back_to_draft(editor_client):
    article = make_article()
    response = editor_client.post(CHANGELIST, action_data("unpublish", article), follow=True)
    assert "Unpublished 1 article." in response.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.first_published_at is not None  # history is kept


# --- Authors, sections, tags -------------------------------------------------------------------------------


def test_author_admin_searches_by_name_and_prefills_the_slug(editor_client):
    make_author(name="Ada Quill")
    make_author(name="Ben Nib")
    response = editor_client.get(reverse("admin:newsroom_articles_author_changelist"), {"q": "quill"})
    assert [a.name for a in response.context["cl"].result_list] == ["Ada Quill"]
    response = editor_client.get(reverse("admin:newsroom_articles_author_add"))
    assert "data-prepopulated-fields" in response.text and "#id_slug" in response.text


def test_category_admin_lists_the_tree_in_path_order(editor_client):
    news = make_category(name="News", slug="news")
    make_category(name="World", slug="world", parent=news)
    make_category(name="Arts", slug="arts")
    response = editor_client.get(reverse("admin:newsroom_articles_category_changelist"))
    assert [c.path for c in response.context["cl"].result_list] == ["arts", "news", "news/world"]
    assert "— World" in response.text


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "expected"),
    [
        ("article", "category", "wor", "News » World"),
        ("category", "parent", "new", "News"),
        ("byline", "author", "ada", "Ada Quill"),
        ("relatedpick", "picked", "harb", "Harbour reopens"),
    ],
)
def test_autocompletes(editor_client, model_name, field_name, term, expected):
    news = make_category(name="News", slug="news")
    make_category(name="World", slug="world", parent=news)
    make_author(name="Ada Quill")
    make_article(headline="Harbour reopens")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "newsroom_articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    assert expected in [row["text"] for row in response.json()["results"]]


def test_tags_are_searchable_in_their_admin(editor_client):
    Tag.objects.create(name="Harbours")
    Tag.objects.create(name="Football")
    response = editor_client.get(reverse("admin:taggit_tag_changelist"), {"q": "harb"})
    assert [t.name for t in response.context["cl"].result_list] == ["Harbours"]


def test_the_superuser_sees_every_admin_page(client, superuser):
    client.force_login(superuser)
    article = make_article()
    Byline.objects.filter(article=article).update(position=3)
    for url in (
        CHANGELIST,
        ADD,
        change_url(article),
        reverse("admin:newsroom_articles_author_changelist"),
        reverse("admin:newsroom_articles_author_change", args=[Author.objects.get().pk]),
        reverse("admin:newsroom_articles_category_changelist"),
        reverse("admin:newsroom_articles_category_change", args=[Category.objects.first().pk]),
    ):
        assert client.get(url).status_code == 200, url
