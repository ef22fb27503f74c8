from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentEvent
from comments.spam.base import CheckResult, Verdict
from tests.comments.reader_helpers import form_data, install_fake_spam_filter, security_data
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam_filter(monkeypatch):
    return install_fake_spam_filter(monkeypatch)


POST_URL = "/comments/post/"


@pytest.fixture
def article():
    world = make_category(slug="world", name="World", reader_prompt="What happens next?")
    return make_article(slug="talks-resume", category=world)


def post(client, data, **extra):
    extra = {"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Browser/1.0", **extra}
    return client.post(POST_URL, data, **extra)


# Accepted posts ------------------------------------------------------------------------------


def test_a_published_comment_redirects_to_itself_with_its_history_and_prompt(client, article, spam_filter):
    response = post(client, form_data(article), HTTP_REFERER="http://testserver/world/talks-resume/")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/world/talks-resume/#c{comment.pk}"
    assert comment.status == Comment.Status.APPROVED
    assert comment.is_public and not comment.is_removed
    assert (comment.user_name, comment.user_email) == ("Jo Reader", "jo@example.com")
    assert comment.ip_address == "203.0.113.9"
    assert comment.user_agent == "Browser/1.0"
    assert comment.referrer == "http://testserver/world/talks-resume/"
    assert comment.reader_prompt == "What happens next?"
    assert comment.spam_band == "publish"
    assert comment.spam_reasons[0]["reason"] == "looked fine"
    event = CommentEvent.objects.get(comment=comment)
    assert (event.from_status, event.to_status, event.actor_label) == ("", "approved", "spam filter")


def test_the_spam_filter_sees_the_submission_before_anything_is_stored_or_mailed(client, article, spam_filter):
    post(client, form_data(article, homepage="", contact_phone="555-0100"))

    assert spam_filter.stored_when_called == [0]
    submission = spam_filter.seen[0]
    assert submission.text == "A thoughtful remark about the talks."
    assert submission.author_email == "jo@example.com"
    assert submission.ip_address == "203.0.113.9"
    assert submission.permalink == "http://testserver/world/talks-resume/"
    assert submission.honeypot_value == "555-0100"
    assert submission.object_pk == str(article.pk)
    assert 25 <= submission.seconds_on_form <= 60


def test_the_spam_filter_knows_what_the_comment_is_on(client, spam_filter, settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    article = make_article(
        headline="Depot approved",
        standfirst="After a close vote.",
        body="<p>The <strong>council</strong> voted 6-3.</p><p>Residents&nbsp;object.</p>",
    )
    post(client, form_data(article))
    assert (
        spam_filter.seen[0].target_text
        == "Depot approved\n\nAfter a close vote.\n\nThe council voted 6-3. Residents object."
    )

    parent = make_comment(article, text="The traffic survey was done in August.")
    post(client, form_data(article, reply_to=str(parent.pk), comment="And the schools were shut then."))
    assert spam_filter.seen[1].target_text.startswith("The traffic survey was done in August.\n\nDepot approved")


def test_what_the_comment_is_on_costs_no_query(client, article, spam_filter, settings, monkeypatch):
    """The article (with its body) and the comment replied to are loaded anyway; reading their text is free."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comments.prompts import ArticleComments

    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    parent = make_comment(article)
    post(client, form_data(article, comment="Warming the caches."))
    with CaptureQueriesContext(connection) as with_text:
        post(client, form_data(article, reply_to=str(parent.pk), comment="A first reply."))
    monkeypatch.setattr(ArticleComments, "text", lambda self, obj: "")
    with CaptureQueriesContext(connection) as without_text:
        post(client, form_data(article, reply_to=str(parent.pk), comment="A second reply."))
    assert spam_filter.seen[1].target_text and not spam_filter.seen[2].target_text.endswith(article.headline)
    assert len(with_text) == len(without_text)


def test_a_held_comment_sets_the_pending_cookie_and_is_not_public(client, article, spam_filter):
    spam_filter.band = "hold"

    response = post(client, form_data(article))

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and not comment.is_public
    assert response.status_code == 302
    assert response["Location"] == "/world/talks-resume/#comments"
    cookie = response.cookies["newsroom_pending"]
    assert cookie.value and cookie["max-age"] == 1800
    assert str(comment.pk) in cookie.value  # signed, but readable: "12:signature"


def test_spam_is_stored_as_spam_and_looks_held_to_its_author(client, article, spam_filter):
    spam_filter.band = "spam"

    response = post(client, form_data(article))

    assert Comment.objects.get().status == Comment.Status.SPAM
    assert "newsroom_pending" in response.cookies


def test_a_discarded_comment_is_kept_as_spam_by_default(client, article, spam_filter):
    spam_filter.band = "discard"

    post(client, form_data(article))

    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_failing_spam_filter_holds_instead_of_failing_the_post(client, article, monkeypatch, caplog):
    def broken(submission):
        raise RuntimeError("classifier state is corrupt")

    monkeypatch.setattr("comments.spam.pipeline.evaluate", broken)

    response = post(client, form_data(article))

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "spam filter failed" in comment.spam_reasons[0]["reason"]
    assert "classifier state is corrupt" in caplog.text


def test_a_signed_in_reader_posts_under_their_account(client, article, spam_filter):
    user = User.objects.create_user("ada", email="ada@example.com", first_name="Ada", last_name="Lovelace")
    client.force_login(user)
    data = form_data(article)
    for name in ("name", "email"):
        del data[name]

    response = post(client, data)

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert (comment.user, comment.user_name, comment.user_email) == (user, "Ada Lovelace", "ada@example.com")
    assert spam_filter.seen[0].user_id == user.pk


def test_a_reply_is_threaded_under_its_parent(client, article, spam_filter):
    parent = make_comment(article)

    post(client, form_data(article, reply_to=str(parent.pk)))

    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert (reply.parent_id, reply.thread_id, reply.level) == (parent.pk, parent.pk, 1)


def test_a_reply_to_the_deepest_level_joins_the_conversation_one_level_up(client, article, spam_filter):
    top = make_comment(article)
    middle = make_comment(article, parent=top)
    deepest = make_comment(article, parent=middle)
    assert deepest.level == 2

    response = post(client, form_data(article, reply_to=str(deepest.pk)))

    reply = Comment.objects.order_by("-pk").first()
    assert response.status_code == 302
    assert (reply.parent_id, reply.level) == (middle.pk, 2)


# Refused posts: always the reader's text back, never a 500 ------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "n" * 51, "at most 50 characters"),
        ("name", "", "This field is required"),
        ("email", "not-an-address", "Enter a valid email address"),
        ("email", "a" * 250 + "@example.com", "at most 254 characters"),
        ("url", "javascript:alert(1)", "starting with http:// or https://"),
        ("url", "data:text/html,<b>x</b>", "starting with http:// or https://"),
        ("url", "https://example.com/" + "p" * 200, "at most 200 characters"),
        ("comment", "", "This field is required"),
    ],
)
def test_bad_input_is_refused_with_the_text_kept(client, article, spam_filter, field, value, error):
    data = form_data(article, comment="My carefully written point.")
    data[field] = value

    response = post(client, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    if field != "comment":
        assert "My carefully written point." in html
    assert response["Cache-Control"] == "no-store"
    assert not Comment.objects.exists()
    assert spam_filter.seen == []


def test_screen_readers_find_the_help_and_errors_each_field_names(client, article, spam_filter):
    response = post(client, form_data(article, email="not-an-address", comment=""))

    html = response.content.decode()
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert '<span class="nr-help" id="id_email_helptext">Never shown publicly.</span>' in html
    assert '<span id="id_email_error"><span class="nr-error">Enter a valid email address.</span></span>' in html
    assert 'aria-describedby="id_comment_error"' in html
    assert '<span id="id_comment_error"><span class="nr-error">This field is required.</span></span>' in html


def test_an_overlong_comment_is_refused_and_kept(client, article, spam_filter, settings):
    text = "word " * 2001  # 10,005 characters

    response = post(client, form_data(article, comment=text))

    assert response.status_code == 400
    assert "at most 10000 characters" in response.content.decode()
    assert text.strip()[:200] in response.content.decode()


def test_a_50_character_name_is_accepted(client, article, spam_filter):
    post(client, form_data(article, name="n" * 50))

    assert Comment.objects.get().user_name == "n" * 50


@pytest.mark.parametrize(
    "target",
    [
        {"content_type": "auth.user"},
        {"content_type": "articles.nope"},
        {"object_pk": "999999"},
        {"object_pk": "abc"},
        {"object_pk": ""},
        {"content_type": ""},
    ],
)
def test_posts_to_nothing_commentable_are_refused_with_the_text_kept(client, article, spam_filter, target):
    response = post(client, form_data(article, comment="Where did my words go?", **target))

    assert response.status_code == 400
    assert "Where did my words go?" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_draft_gets_the_same_answer_as_a_missing_article(client, spam_filter):
    draft = make_article(status="draft")

    response = post(client, form_data(draft, comment="Early bird."))

    assert response.status_code == 400
    assert "not open for comments" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_switched_off_on_the_article_are_refused(client, spam_filter):
    article = make_article(comments_enabled=False)

    response = post(client, form_data(article, comment="Too late?"))

    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert "Too late?" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_after_the_sections_days(client, spam_filter):
    section = make_category(comments_close_after_days=7)
    old = make_article(category=section, publish_at=timezone.now() - timedelta(days=8))
    recent = make_article(category=section, publish_at=timezone.now() - timedelta(days=6))

    assert post(client, form_data(old)).status_code == 403
    assert post(client, form_data(recent)).status_code == 302


def test_comments_close_after_the_site_default(client, spam_filter, settings):
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 30
    old = make_article(publish_at=timezone.now() - timedelta(days=31))

    assert post(client, form_data(old)).status_code == 403


def test_a_reply_to_a_held_comment_is_refused(client, article, spam_filter):
    held = make_comment(article, status="pending")

    response = post(client, form_data(article, reply_to=str(held.pk), comment="Replying anyway."))

    assert response.status_code == 400
    html = response.content.decode()
    assert "only reply to a published comment" in html
    assert "Replying anyway." in html
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_on_another_article_is_refused(client, article, spam_filter):
    elsewhere = make_comment(make_article())

    response = post(client, form_data(article, reply_to=str(elsewhere.pk)))

    assert response.status_code == 400


def test_a_forged_security_hash_is_refused_and_the_form_reissued(client, article, spam_filter):
    response = post(client, form_data(article, security_hash="0" * 40, comment="Forged or not, my text."))

    assert response.status_code == 400
    html = response.content.decode()
    assert "could not verify this form" in html
    assert "Forged or not, my text." in html
    assert 'value="' + "0" * 40 + '"' not in html  # a fresh hash to submit again with
    assert not Comment.objects.exists()


def test_an_expired_form_asks_to_copy_and_reload(client, article, spam_filter):
    data = form_data(article, comment="Written yesterday.")
    data.update(security_data(article, age=86_401))

    response = post(client, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "This form is too old. Please copy your comment, reload the page and post it again." in html
    assert "Written yesterday." in html
    assert not Comment.objects.exists()


def test_a_second_post_within_the_flood_interval_gets_429_with_the_text(client, article, spam_filter):
    post(client, form_data(article))

    response = post(client, form_data(article, email="other@example.com", comment="A second thought."))

    assert response.status_code == 429
    assert "too quickly" in response.content.decode()
    assert "A second thought." in response.content.decode()
    assert Comment.objects.count() == 1


def test_flood_control_also_knows_the_email_address(client, article, spam_filter):
    post(client, form_data(article))

    response = client.post(POST_URL, form_data(article, comment="From elsewhere."), REMOTE_ADDR="198.51.100.1")

    assert response.status_code == 429


def test_posting_again_after_the_flood_interval_works(client, article, spam_filter):
    post(client, form_data(article))
    Comment.objects.update(submit_date=timezone.now() - timedelta(seconds=16))

    response = post(client, form_data(article, comment="Later, another thought."))

    assert response.status_code == 302
    assert Comment.objects.count() == 2


def test_the_same_text_twice_is_refused_and_stored_once(client, article, spam_filter):
    post(client, form_data(article))
    Comment.objects.update(submit_date=timezone.now() - timedelta(minutes=5))

    response = post(client, form_data(article))

    assert response.status_code == 400
    assert "already posted this comment" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("Great article.", "Great article!"),
        ("Great article.", "  great   ARTICLE?!"),
        ("Great, <b>brave</b> article.", "Great brave article"),
    ],
)
def test_the_same_text_with_other_punctuation_case_or_spacing_is_a_repeat(client, article, spam_filter, first, again):
    post(client, form_data(article, comment=first))
    Comment.objects.update(submit_date=timezone.now() - timedelta(minutes=5))

    response = post(client, form_data(article, comment=again))

    assert response.status_code == 400
    assert "already posted this comment" in response.content.decode()
    assert Comment.objects.count() == 1


def test_different_words_or_different_emoji_are_not_repeats(client, article, spam_filter):
    for text in ("Great article.", "Great articles.", "👍", "👎"):
        Comment.objects.update(submit_date=timezone.now() - timedelta(minutes=5))
        assert post(client, form_data(article, comment=text)).status_code == 302
    assert Comment.objects.count() == 4


def test_a_post_without_a_csrf_token_keeps_the_text_and_works_on_resubmit(article, spam_filter):
    client = Client(enforce_csrf_checks=True)

    response = post(client, form_data(article, comment="Typed before the token came."))

    assert response.status_code == 403
    html = response.content.decode()
    assert "submit your comment again" in html
    assert "Typed before the token came." in html
    assert not Comment.objects.exists()
    token = response.context["csrf_token"]
    assert "csrftoken" in response.cookies

    again = post(client, {**form_data(article, comment="Typed before the token came."), "csrfmiddlewaretoken": token})

    assert again.status_code == 302
    assert Comment.objects.count() == 1


def test_get_is_not_allowed(client):
    assert client.get(POST_URL).status_code == 405


def test_garbage_never_causes_a_server_error(client, article, spam_filter):
    base = form_data(article)
    cases = [
        {},
        {"content_type": "newsroom_articles.article"},
        {**base, "timestamp": "soon"},
        {**base, "timestamp": "99999999999999999999999"},
        {**base, "reply_to": "-1"},
        {**base, "reply_to": "x"},
        {**base, "reply_to": "99999999999999999999999"},
        {**base, "object_pk": "1 OR 1=1"},
        {**base, "comment": "\x00"},
        {**base, "email": "a@b\x00.com"},
    ]
    for data in cases:
        response = post(client, data)
        assert response.status_code in {302, 400, 403, 404, 429}, data


def test_confirmation_mail_is_sent_only_after_the_spam_filter(client, article, spam_filter, monkeypatch):
    from django_comments_xtd.conf import settings as xtd_settings

    # Patch the copy xtd made, not the lazy proxy: pytest's undo would delete the setting from it.
    assert xtd_settings.COMMENTS_XTD_CONFIRM_EMAIL is False
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_CONFIRM_EMAIL", True)
    spam_filter.band = "spam"
    post(client, form_data(article, comment="Buy cheap things."))
    assert mail.outbox == []  # spam is stored as spam, and nobody is mailed

    spam_filter.band = "publish"
    response = post(
        client, form_data(article, email="new@example.com", comment="A real opinion."), REMOTE_ADDR="1.2.3.4"
    )

    assert response.status_code == 200
    assert "Please confirm your comment" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.com"]
    assert Comment.objects.filter(status="approved").count() == 0
    link = next(line for line in mail.outbox[0].body.splitlines() if "/comments/confirm/" in line)
    path = link.strip().replace("https://example.com", "")

    assert client.get(path).status_code == 200  # a page with a button: mail scanners open links
    confirmed = client.post(path)

    comment = Comment.objects.get(status="approved")
    assert comment.comment == "A real opinion."
    assert confirmed.status_code == 302 and confirmed["Location"].endswith(f"#c{comment.pk}")
    assert CommentEvent.objects.filter(comment=comment).count() == 1
    # A second click does not store it twice.
    client.post(path)
    assert Comment.objects.filter(comment="A real opinion.").count() == 1


def test_a_broken_confirmation_link_is_400(client):
    assert client.get("/comments/confirm/not-a-real-key/").status_code == 400


def test_with_recaptcha_keys_the_token_travels_to_the_spam_filter(client, article, spam_filter, settings):
    settings.NEWSROOM_RECAPTCHA_PUBLIC_KEY = "public-test-key"
    settings.NEWSROOM_RECAPTCHA_PRIVATE_KEY = "private-test-key"

    page = client.get("/world/talks-resume/").content.decode()
    response = post(client, form_data(article, recaptcha="token-from-google"))

    assert 'name="recaptcha"' in page
    assert response.status_code == 302
    assert spam_filter.seen[0].extra["recaptcha_token"] == "token-from-google"


def test_without_recaptcha_keys_there_is_no_captcha(client, article, spam_filter):
    post(client, form_data(article))

    assert "recaptcha_token" not in spam_filter.seen[0].extra


def test_a_double_click_racing_past_the_first_check_is_still_stored_once(client, article, spam_filter, monkeypatch):
    """The second request passes the early check while the first is with the spam filter."""
    from comments import posting

    first_check = posting.refuse_repeats
    calls = []

    def slow_first_check(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            # Meanwhile the other request finishes and stores the same comment.
            make_comment(article, text=kwargs["text"], email=kwargs["email"], ip_address=kwargs["ip_address"])
            return None
        return first_check(**kwargs)

    monkeypatch.setattr(posting, "refuse_repeats", slow_first_check)

    response = post(client, form_data(article))

    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_comment_held_because_a_service_was_down_is_queued_for_a_recheck(client, article, monkeypatch):
    queued = []
    unavailable = Verdict(
        band="hold",
        score=0.0,
        results=(CheckResult(score=0.0, reason="Akismet unavailable", check="akismet", unavailable=True),),
    )
    monkeypatch.setattr("comments.posting.evaluate", lambda submission: unavailable)
    monkeypatch.setattr("comments.tasks.recheck_later", lambda pk, *, attempt: queued.append((pk, attempt)))

    post(client, form_data(article))

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert queued == [(comment.pk, 1)]
