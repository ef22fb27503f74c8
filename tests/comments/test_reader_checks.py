"""System checks for the reader-facing settings (comments/checks.py)."""

import pytest

from comments.system_checks import check_reader_settings


def ids(settings=None):
    return [e.id for e in check_reader_settings(None)]


def test_the_sites_settings_pass():
    assert ids() == []


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("NEWSROOM_COMMENTS_MAX_DEPTH", 0, "comments.E001"),
        ("NEWSROOM_COMMENTS_PER_PAGE", "50", "comments.E002"),
        ("NEWSROOM_COMMENTS_FLOOD_SECONDS", -1, "comments.E003"),
        ("NEWSROOM_COMMENTS_FORM_MAX_AGE", True, "comments.E004"),
        ("NEWSROOM_COMMENTS_PENDING_COOKIE_AGE", 5, "comments.E005"),
        ("NEWSROOM_COMMENTS_REPORTS_TO_HOLD", 0, "comments.E006"),
        ("NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS", 0, "comments.E007"),
        ("NEWSROOM_SPAM_HONEYPOT_FIELD", "email", "comments.E009"),
        ("NEWSROOM_SPAM_HONEYPOT_FIELD", "has space", "comments.E009"),
        ("NEWSROOM_COMMENTS_SPAM_NOTICE", "Checked by {filtre}.", "comments.E010"),
        ("NEWSROOM_COMMENTS_PENDING_COOKIE", "bad cookie;", "comments.E011"),
        ("NEWSROOM_COMMENTS_THREAD_RENDERER", "comments.rendering.no_such_renderer", "comments.E012"),
        ("NEWSROOM_COMMENTS_THREAD_RENDERER", "comments.conf", "comments.E012"),
        ("NEWSROOM_COMMENTS_SORT", "popular", "comments.E030"),
        ("NEWSROOM_COMMENTS_SORT", ["newest"], "comments.E030"),
    ],
)
def test_bad_values_are_reported_with_a_hint(settings, name, value, check_id):
    setattr(settings, name, value)

    errors = check_reader_settings(None)

    assert [e.id for e in errors] == [check_id]
    assert errors[0].hint


@pytest.mark.parametrize("sort", ["oldest", "newest", "liked", "replies"])
def test_every_order_a_reader_can_choose_is_a_valid_default(settings, sort):
    settings.NEWSROOM_COMMENTS_SORT = sort

    assert ids() == []


def test_the_sort_hint_names_every_order(settings):
    settings.NEWSROOM_COMMENTS_SORT = "popular"

    assert check_reader_settings(None)[0].hint == (
        "Set NEWSROOM_COMMENTS_SORT to one of 'oldest', 'newest', 'liked', 'replies'."
    )


def test_a_thread_deeper_than_xtd_allows_is_a_warning(settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 1

    assert ids() == ["comments.W001"]


@pytest.mark.django_db
def test_with_xtd_at_level_0_replies_become_new_comments_instead_of_failing(client, monkeypatch):
    from django_comments_xtd.conf import settings as xtd_settings

    from comments.models import Comment
    from tests.comments.reader_helpers import form_data, install_fake_spam_filter
    from tests.factories import make_article, make_comment

    assert xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL == 2
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_MAX_THREAD_LEVEL", 0)
    install_fake_spam_filter(monkeypatch)
    article = make_article()
    parent = make_comment(article)

    response = client.post("/comments/post/", form_data(article, reply_to=str(parent.pk)))

    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert response.status_code == 302
    assert reply.parent_id == reply.pk and reply.level == 0
