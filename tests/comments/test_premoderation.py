"""Pre-moderation: every new comment on a pre-moderated story waits for a moderator, and says why."""

import pytest
from django.test import Client

from comments import premoderation, tasks
from comments.models import Comment, CommentEvent
from comments.spam.base import Band, CheckResult, Verdict
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def post(client, data):
    return client.post("/comments/post/", data, REMOTE_ADDR="203.0.113.9")


def verdict(band):
    return Verdict(band=band, score=0.1, results=(CheckResult(score=0.1, reason="looked fine", check="fake"),))


def test_a_comment_the_filter_would_publish_is_held_with_the_reason_in_its_history(client, monkeypatch, commit):
    install_fake_spam_filter(monkeypatch, band="publish")
    article = make_article(comments_premoderated=True)

    with commit():
        response = post(client, form_data(article))

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert (comment.status, comment.is_public, comment.spam_band) == ("pending", False, "hold")
    assert [r["reason"] for r in comment.spam_reasons] == ["looked fine", "this article is pre-moderated"]
    event = CommentEvent.objects.get(comment=comment)
    assert event.reason == "held: looked fine (+0.1); this article is pre-moderated (hold)"
    # Readers do not see it (its author does, from the pending cookie).
    assert "A thoughtful remark" not in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("band", ["hold", "spam"])
def test_a_verdict_that_publishes_nothing_is_kept(band):
    article = make_article(comments_premoderated=True)

    assert premoderation.apply(verdict(band), target=article).band == Band(band)


def test_stories_that_are_not_pre_moderated_keep_the_filters_verdict():
    article = make_article()

    assert premoderation.apply(verdict("publish"), target=article).band == Band.PUBLISH


def test_a_signed_in_staff_member_is_held_too(client, monkeypatch, django_user_model):
    install_fake_spam_filter(monkeypatch, band="publish")
    article = make_article(comments_premoderated=True)
    client.force_login(django_user_model.objects.create_user("ed", is_staff=True, email="ed@news.example"))

    post(client, form_data(article))

    assert Comment.objects.get().status == "pending"


def test_checking_a_held_comment_again_does_not_publish_it_on_a_pre_moderated_story(monkeypatch):
    article = make_article(comments_premoderated=True)
    held = make_comment(article, status="pending")
    monkeypatch.setattr("comments.spam.pipeline.recheck", lambda comment, **kwargs: verdict("publish"))

    assert tasks.recheck_held_comment.call(held.pk) == "hold"

    held.refresh_from_db()
    assert held.status == "pending"


def test_checking_again_publishes_once_the_switch_is_off(monkeypatch):
    article = make_article(comments_premoderated=False)
    held = make_comment(article, status="pending")
    monkeypatch.setattr("comments.spam.pipeline.recheck", lambda comment, **kwargs: verdict("publish"))

    tasks.recheck_held_comment.call(held.pk)

    held.refresh_from_db()
    assert held.status == "approved"


def test_a_comment_confirmed_by_mail_after_the_switch_went_on_is_held(client, monkeypatch):
    from django.core import mail
    from django_comments_xtd.conf import settings as xtd_settings

    from articles.models import Article

    install_fake_spam_filter(monkeypatch, band="publish")
    # Patch the copy xtd made, not the lazy proxy (xtd copies its settings on first use).
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_CONFIRM_EMAIL", True)
    article = make_article()
    post(client, form_data(article, email="new@example.com"))
    link = next(line for line in mail.outbox[0].body.splitlines() if "/comments/confirm/" in line)
    Article.objects.filter(pk=article.pk).update(comments_premoderated=True)  # the desk switches it on

    client.post(link.strip().replace("https://example.com", ""))

    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert comment.spam_reasons[-1]["reason"] == "this article is pre-moderated"
