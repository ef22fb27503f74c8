import pytest

from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_saving_an_approved_parent_never_publishes_a_held_reply():
    article = make_article()
    parent = make_comment(article, status="approved")
    reply = make_comment(article, status="pending", parent=parent)

    parent.comment = "Edited by a moderator."
    parent.save()

    reply.refresh_from_db()
    assert (reply.status, reply.is_public) == ("pending", False)


def test_the_spam_filter_app_must_be_installed(monkeypatch):
    from django.apps import apps

    from comments.system_checks import check_spam_filter_installed

    assert check_spam_filter_installed(None) == []
    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != "comments.spam" and installed(name))
    assert [error.id for error in check_spam_filter_installed(None)] == ["comments.E021"]


def test_the_reader_and_trust_cookies_keep_readers_on_cached_pages_with_no_setting(client, local_page_cache, settings):
    assert not getattr(settings, "NEWSROOM_PAGE_CACHE_ALLOWED_COOKIES", [])
    article = make_article()
    client.cookies["newsroom_reader"] = "r" * 32
    client.cookies["newsroom_trusted"] = "signed"
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    client.cookies["newsroom_pending"] = "1"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "bypass"
