"""The live entries' admin (``articles.admin_live``): posting an entry quickly, and who may post where."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, LiveEntry
from tests.factories import make_article, make_author, make_live_entry, make_user

pytestmark = pytest.mark.django_db

ADD = reverse("admin:newsroom_articles_liveentry_add")
CHANGELIST = reverse("admin:newsroom_articles_liveentry_changelist")


def change_url(entry):
    return reverse("admin:newsroom_articles_liveentry_change", args=[entry.pk])


def entry_data(article, **overrides):
    now = timezone.localtime()
    return {
        "article": article.pk,
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "headline": "",
        "text": "<p>Police have closed the bridge.</p>",
        "author": "",
        "image_alt": "",
        **overrides,
    }


@pytest.fixture
def live():
    return make_article(headline="Storm: live", coverage_start=timezone.now() - timedelta(hours=1))


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(groups=["Editors"]))
    return client


@pytest.fixture
def writer():
    return make_user(username="wanda", groups=["Writers"])


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def test_the_article_form_links_to_posting_an_entry(editor_client, live):
    html = editor_client.get(reverse("admin:newsroom_articles_article_change", args=[live.pk])).content.decode()
    assert "Live coverage" in html
    assert f'href="{ADD}?article={live.pk}"' in html
    assert f'href="{CHANGELIST}?article__id__exact={live.pk}"' in html


def test_an_article_that_is_not_live_says_how_to_start(editor_client):
    article = make_article()
    html = editor_client.get(reverse("admin:newsroom_articles_article_change", args=[article.pk])).content.decode()
    assert "Set when the coverage starts and save" in html
    assert f"{ADD}?article=" not in html


def test_the_add_form_comes_with_the_article_chosen_and_only_live_ones_offered(editor_client, live):
    make_article(headline="A quiet story")
    html = editor_client.get(f"{ADD}?article={live.pk}").content.decode()
    assert f'<option value="{live.pk}" selected>Storm: live</option>' in html
    assert "A quiet story" not in html


def test_an_editor_posts_an_entry_and_the_page_is_purged(editor_client, commit, monkeypatch):
    from articles import pagecache

    with commit():  # the article's own purges go out first
        live = make_article(headline="Storm: live", coverage_start=timezone.now())
    purged = []
    monkeypatch.setattr(pagecache, "purge", lambda *tags: purged.append(set(tags)))
    with commit():
        response = editor_client.post(
            ADD,
            entry_data(live, headline="Bridge shut", text="<p>Closed.<script>alert(1)</script></p>", _addanother="1"),
        )
    assert response.status_code == 302 and response["Location"] == ADD
    entry = LiveEntry.objects.get()
    assert (entry.article, entry.headline, entry.text) == (live, "Bridge shut", "<p>Closed.</p>")
    assert purged == [{f"article-{live.pk}"}]


def test_an_entry_for_an_article_that_is_not_live_is_refused(editor_client):
    article = make_article()
    response = editor_client.post(ADD, entry_data(article))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not LiveEntry.objects.exists()


# The entries of one article: 1-2 the session and its user, 3-4 the user's permissions (their own, their groups'),
# 5 the count of the filtered list (no count of every entry: show_full_result_count is off), 6 the page of
# entries with their articles and authors.
ENTRIES_QUERIES = 6


def _entries_page(client, live, django_assert_num_queries):
    with django_assert_num_queries(ENTRIES_QUERIES):
        response = client.get(f"{CHANGELIST}?article__id__exact={live.pk}")
    assert response.status_code == 200
    return response.content.decode()


def test_entries_list_query_budget(editor_client, live, django_assert_num_queries):
    make_live_entry(live, headline="First", author=make_author())
    assert "First" in _entries_page(editor_client, live, django_assert_num_queries)


def test_entries_list_query_budget_with_ten_more_entries(editor_client, live, django_assert_num_queries):
    other = make_article(coverage_start=timezone.now())
    make_live_entry(other, headline="Elsewhere")
    for i in range(11):
        make_live_entry(live, headline=f"Entry {i}", author=make_author())
    html = _entries_page(editor_client, live, django_assert_num_queries)
    assert "Entry 10" in html and "Elsewhere" not in html


def test_a_writer_prepares_the_entries_of_their_own_draft(writer_client, writer):
    draft = make_article(status=Article.Status.DRAFT, created_by=writer, coverage_start=timezone.now())
    response = writer_client.post(ADD, entry_data(draft))
    assert response.status_code == 302
    assert LiveEntry.objects.get().article == draft


def test_once_approved_a_writer_s_live_article_is_the_desk_s(writer_client, writer):
    published = make_article(created_by=writer, coverage_start=timezone.now())
    entry = make_live_entry(published, text="<p>From the desk.</p>")

    assert (
        str(published.pk)
        not in writer_client.get(ADD).content.decode().split('name="article"')[1].split("</select>")[0]
    )
    assert writer_client.post(ADD, entry_data(published)).status_code == 200  # refused: not a choice
    # Their own article's entries are theirs to read, not to change or delete.
    assert "From the desk." in writer_client.get(CHANGELIST).content.decode()
    assert writer_client.post(change_url(entry), entry_data(published, text="<p>Mine.</p>")).status_code == 403
    delete = reverse("admin:newsroom_articles_liveentry_delete", args=[entry.pk])
    assert writer_client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.text == "<p>From the desk.</p>"


def test_a_writer_sees_nothing_of_a_colleague_s_coverage(writer_client):
    theirs = make_article(status=Article.Status.DRAFT, coverage_start=timezone.now())
    entry = make_live_entry(theirs, text="<p>A scoop.</p>")
    assert "A scoop." not in writer_client.get(CHANGELIST).content.decode()
    assert writer_client.get(change_url(entry)).status_code == 302  # the admin's "does not exist" redirect
    assert writer_client.post(ADD, entry_data(theirs)).status_code == 200
    assert LiveEntry.objects.count() == 1
