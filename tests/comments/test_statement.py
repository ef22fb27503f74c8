"""The statement of reasons (issue 16, item 5): what a removed comment's writer is told, by mail and on a page."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from comments import commenters, links, statement, status, tasks
from comments.models import Comment, CommentEvent, RejectionReason
from comments.spam.base import CheckResult, Verdict
from comments.system_checks import check_statement_settings
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

PENDING, APPROVED, SPAM, TRASH = (
    Comment.Status.PENDING,
    Comment.Status.APPROVED,
    Comment.Status.SPAM,
    Comment.Status.TRASH,
)
LINK = re.compile(r"https?://\S+(/comments/statement/[^/\s]+/)")


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


@pytest.fixture
def comment(article):
    """A published comment by a writer who gave an address, first held by the filter as a first comment."""
    comment = make_comment(
        article, status=PENDING, email="jo@example.com", text="The harbour master is a <b>crook</b> & a liar."
    )
    verdict = Verdict(band="hold", score=0.5, results=(CheckResult(0.5, "first comment", check="first_comment"),))
    status.record_creation(comment, verdict)
    return comment


def remove(comment, to_status, *, commit, by, **details):
    with commit():
        return status.change_status(comment, to_status, by=by, **details)


def statement_path(message):
    return LINK.search(message.body).group(1)


# The mail ------------------------------------------------------------------------------------


def test_a_moderators_trash_mails_the_writer_once_after_commit(
    comment, moderator, django_capture_on_commit_callbacks, settings
):
    settings.NEWSROOM_COMMENTS_REVIEW_EMAIL = "appeals@news.example"
    with django_capture_on_commit_callbacks() as callbacks:
        status.change_status(
            comment, TRASH, by=moderator, reason_code="harassment", reason="It names a neighbour and threatens him."
        )
        assert mail.outbox == []  # nothing before the decision is committed
    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jo@example.com"] and message.reply_to == ["appeals@news.example"]
    assert message.subject == '[The Daily Ledger] Your comment on "Harbour reopens" was removed'
    body = message.body
    assert "Harassment." in body and str(statement.EXPLANATIONS[RejectionReason.HARASSMENT]) in body
    assert "In the moderator's words: It names a neighbour and threatens him." in body
    assert "a moderator, a person, read your comment and decided" in body
    assert "Our automated filter had first held it back" in body
    assert "write to appeals@news.example within six months" in body
    assert "The harbour master is a crook" in body and "& a liar" in body and "<b>" not in body  # plain text
    assert "Hello," in body and comment.user_name not in body  # a typed name greets nobody
    assert "someone else typed your address" in body


def test_spam_by_a_moderator_is_mailed_with_the_spam_reason_by_default(comment, moderator, commit):
    remove(comment, SPAM, commit=commit, by=moderator)

    assert len(mail.outbox) == 1
    assert "Spam." in mail.outbox[0].body


def test_spam_the_filter_catches_is_not_mailed(article, commit):
    caught = make_comment(article, status=SPAM, email="bot@example.com")
    verdict = Verdict(band="spam", score=1.2, results=(CheckResult(1.2, "Akismet: spam", check="akismet"),))
    with commit():
        status.record_creation(caught, verdict)
    held = make_comment(article, status=PENDING, email="late@example.com")
    with commit():
        status.change_status(held, SPAM, by_label=status.SPAM_FILTER_LABEL, reason="checked again: spam")

    assert mail.outbox == []


def test_nothing_is_mailed_when_turned_off(comment, moderator, commit, settings):
    settings.NEWSROOM_COMMENTS_STATEMENT_OF_REASONS = False
    remove(comment, TRASH, commit=commit, by=moderator)
    assert mail.outbox == []


def test_nothing_is_mailed_without_an_address(comment, moderator, commit):
    Comment.objects.filter(pk=comment.pk).update(user_email="", email_key="")
    comment.refresh_from_db()
    remove(comment, TRASH, commit=commit, by=moderator)
    assert mail.outbox == []


def test_a_move_between_spam_and_trash_is_not_mailed_again(comment, moderator, commit):
    remove(comment, SPAM, commit=commit, by=moderator)
    remove(comment, TRASH, commit=commit, by=moderator, reason_code="ad")
    assert len(mail.outbox) == 1


def test_a_comment_restored_before_the_task_runs_gets_no_mail(comment, moderator):
    status.change_status(comment, TRASH, by=moderator)
    status.restore(comment, by=moderator)

    assert tasks.send_statement_of_reasons.enqueue(comment.pk).return_value == 0
    assert mail.outbox == []


# The page ------------------------------------------------------------------------------------


def test_the_link_in_the_mail_shows_the_statement(client, comment, moderator, commit, settings):
    settings.NEWSROOM_COMMENTS_GUIDELINES_URL = "https://news.example/rules/"
    remove(comment, TRASH, commit=commit, by=moderator, reason_code="hate_speech", reason="<i>Slurs</i>")

    response = client.get(statement_path(mail.outbox[0]))

    assert response.status_code == 200
    html = response.content.decode()
    assert str(statement.EXPLANATIONS[RejectionReason.HATE_SPEECH]) in html
    assert "Hate speech." in html
    assert "A moderator, a person, read the comment and decided." in html
    assert "Automated means were used to find it" in html  # the filter held it first
    assert 'href="https://news.example/rules/"' in html
    assert f'href="{comment.content_object.get_absolute_url()}">Harbour reopens</a>' in html
    # What readers and moderators wrote is escaped.
    assert "<b>crook</b>" not in html and "&amp; a liar" in html  # the excerpt: plain text, escaped
    assert "&lt;i&gt;Slurs&lt;/i&gt;" in html


def test_the_page_is_private_and_never_indexed(client, comment, moderator):
    status.change_status(comment, TRASH, by=moderator)

    response = client.get(statement.page_url(statement.removal(comment)))

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"


def test_the_page_says_when_automated_means_decided(client, article):
    caught = make_comment(article, status=PENDING, email="writer@example.com")
    status.record_creation(caught)
    words = CheckResult(1.0, "blocked word: 'casino' in text", check="words", decisive="spam")
    status.change_status(
        caught,
        SPAM,
        by_label=status.SPAM_FILTER_LABEL,
        reason_code=status.reason_code_for(Verdict("spam", 1.0, (words,))),
    )

    html = client.get(statement.page_url(statement.removal(caught))).content.decode()

    assert "Banned word." in html
    assert "Automated means found it and decided" in html
    assert "casino" not in html  # the filter's own reasons, and so its word lists, stay with the moderators


def test_a_comment_a_moderator_found_and_readers_reported(client, article, moderator):
    found = make_comment(article, status=APPROVED, report_count=2)
    status.change_status(found, TRASH, by=moderator, reason_code="irrelevant")

    html = client.get(statement.page_url(statement.removal(found))).content.decode()

    assert "Readers had reported it." in html
    assert "No automated means" not in html  # readers, not a moderator's own round, found it


def test_a_changed_decision_is_said_on_the_page(client, comment, moderator):
    status.change_status(comment, TRASH, by=moderator)
    path = statement.page_url(statement.removal(comment))
    status.restore(comment, by=moderator)

    html = client.get(path).content.decode()

    assert "This decision has been changed since" in html


def test_a_tampered_link_is_a_400_page(client, comment, moderator):
    status.change_status(comment, TRASH, by=moderator)
    key = links.statement_key(statement.removal(comment))

    for bad in (key[:-2] + "xx", "nonsense", links.mute_key(comment)):
        response = client.get(f"/comments/statement/{bad}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex"


def test_an_expired_link_says_so_and_where_to_write(client, comment, moderator, settings):
    settings.NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE = 86_400
    settings.NEWSROOM_COMMENTS_REVIEW_EMAIL = "appeals@news.example"
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        status.change_status(comment, TRASH, by=moderator)
        path = statement.page_url(statement.removal(comment))
        traveller.shift(timedelta(days=1, seconds=1))

        response = client.get(path)

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert "appeals@news.example" in response.content.decode()


def test_a_link_to_a_deleted_comment_is_a_404_page(client, comment, moderator):
    status.change_status(comment, TRASH, by=moderator)
    path = statement.page_url(statement.removal(comment))
    comment.delete()

    response = client.get(path)

    assert response.status_code == 404
    assert "no longer exists" in response.content.decode()


def test_the_statement_page_costs_the_same_number_of_queries_with_more_history(
    client, article, moderator, django_assert_num_queries
):
    # 1 the decision with its comment, 2 the comment's status history, 3 the article it is on
    # with its sections, 4 the site's sections for base.html's header (the readers' reports are
    # counted on the comment itself).
    comment = make_comment(article, status=PENDING, email="jo@example.com")
    status.change_status(comment, APPROVED, by=moderator)
    status.change_status(comment, TRASH, by=moderator)
    path = statement.page_url(statement.removal(comment))
    client.get(path)  # warm the content-type and site caches
    with django_assert_num_queries(4):
        assert client.get(path).status_code == 200

    for _ in range(5):
        status.change_status(comment, APPROVED, by=moderator)
        status.change_status(comment, TRASH, by=moderator)
    for _ in range(10):
        make_comment(article, status=APPROVED)
    path = statement.page_url(statement.removal(comment))
    with django_assert_num_queries(4):
        assert client.get(path).status_code == 200
    assert CommentEvent.objects.filter(comment=comment).count() == 12


# What the statement says ---------------------------------------------------------------------


def test_the_ground_defaults_to_the_privacy_page_and_the_review_address_to_the_moderators(settings):
    settings.NEWSROOM_COMMENTS_MODERATOR_EMAILS = ["desk@news.example", "other@news.example"]
    assert statement.guidelines_url() == "/comments/privacy/"
    assert statement.review_email() == "desk@news.example"

    settings.NEWSROOM_COMMENTS_MODERATOR_EMAILS = []
    settings.DEFAULT_FROM_EMAIL = "The Ledger <ledger@news.example>"
    assert statement.review_email() == "ledger@news.example"


def test_every_reason_code_is_explained():
    assert set(statement.EXPLANATIONS) == set(RejectionReason)
    assert set(statement.BAN_EXPLANATIONS) == set(RejectionReason)


# A ban's statement ---------------------------------------------------------------------------


def test_a_bans_statement_says_what_until_when_why_who_and_how_to_object(article, moderator, commit, settings):
    settings.NEWSROOM_COMMENTS_REVIEW_EMAIL = "appeals@news.example"
    settings.NEWSROOM_COMMENTS_GUIDELINES_URL = "https://news.example/comment-rules/"
    ann = commenters.Commenter.for_email("ann@example.net")
    for _ in range(2):
        make_comment(article, email="ann@example.net", name="Ann Typed", text="Visit http://spam.example now")
    ends_at = timezone.now() + timedelta(days=10)
    with commit():
        rule = commenters.add_rule(
            ann,
            kind="ban",
            match=commenters.EMAIL,
            by=moderator,
            ends_at=ends_at,
            reason_code="harassment",
            note="You kept naming a neighbour.",
        )
        commenters.trash_recent(rule, on=ann, by=moderator)
        tasks.mail_about_ban(rule)

    (message,) = mail.outbox
    body = message.body
    until = date_format(timezone.localtime(ends_at), "DATETIME_FORMAT")
    assert message.to == ["ann@example.net"] and message.reply_to == ["appeals@news.example"]
    day = date_format(timezone.localtime(ends_at), "DATE_FORMAT")
    assert message.subject == f"[The Daily Ledger] Your comments will not be published until {day}"
    assert "comments posted with this e-mail address on The Daily Ledger will no longer be published" in body
    assert f"This lasts until {until}" in body
    assert "Why: Harassment." in body and str(statement.BAN_EXPLANATIONS[RejectionReason.HARASSMENT]) in body
    assert "In the moderator's words: You kept naming a neighbour." in body
    assert "We also removed 2 of your comments from the last 30 days" in body
    assert "a moderator, a person, looked at your comments and decided" in body
    assert "on which this decision rests: https://news.example/comment-rules/" in body
    assert "write to appeals@news.example within six months" in body
    assert "Hello," in body and "Ann Typed" not in body and "spam.example" not in body  # no typed name, no links
    assert "someone else typed your address" in body


def test_a_ban_until_lifted_that_trashed_nothing_says_so(moderator, commit):
    ann = commenters.Commenter.for_email("ann@example.net")
    with commit():
        tasks.mail_about_ban(commenters.add_rule(ann, kind="ban", match=commenters.EMAIL, by=moderator))

    (message,) = mail.outbox
    assert message.subject == "[The Daily Ledger] Your comments will no longer be published"
    assert "This lasts until a moderator lifts it." in message.body
    assert "We also removed" not in message.body
    assert "Why: Other." in message.body  # a ban made without a reason (through the API) still gives one


def test_only_a_ban_naming_an_address_has_somebody_to_tell(moderator, settings):
    ann = commenters.Commenter.for_email("ann@example.net")
    by_address = commenters.add_rule(ann, kind="ban", match=commenters.EMAIL, by=moderator)
    by_domain = commenters.add_rule(ann, kind="ban", match=commenters.DOMAIN, by=moderator)
    held = commenters.add_rule(ann, kind="hold", match=commenters.EMAIL, by=moderator)
    assert [statement.should_mail_ban(r) for r in (by_address, by_domain, held)] == [True, False, False]
    settings.NEWSROOM_COMMENTS_STATEMENT_OF_REASONS = False
    assert not statement.should_mail_ban(by_address)


def test_a_removal_carried_out_with_a_ban_is_not_mailed_on_its_own(comment, moderator, commit):
    rule = commenters.add_rule(
        commenters.Commenter.for_email("jo@example.com"), kind="ban", match=commenters.EMAIL, by=moderator
    )
    remove(comment, TRASH, commit=commit, by=moderator, reason_code="abusive", rule=rule)
    assert mail.outbox == []
    assert tasks.send_statement_of_reasons.call(comment.pk) == 0  # nor if the task is queued by hand


# Settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("NEWSROOM_COMMENTS_STATEMENT_OF_REASONS", "yes", "comments.E501"),
        ("NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE", 3600, "comments.E502"),
        ("NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE", "six months", "comments.E502"),
        ("NEWSROOM_COMMENTS_GUIDELINES_URL", "rules.html", "comments.E503"),
        ("NEWSROOM_COMMENTS_GUIDELINES_URL", "//elsewhere.example/rules/", "comments.E503"),
        ("NEWSROOM_COMMENTS_GUIDELINES_URL", "javascript:alert(1)", "comments.E503"),
        ("NEWSROOM_COMMENTS_GUIDELINES_URL", None, "comments.E503"),
        ("NEWSROOM_COMMENTS_REVIEW_EMAIL", "the moderators", "comments.E504"),
    ],
)
def test_bad_statement_settings_are_reported(settings, name, value, check_id):
    setattr(settings, name, value)
    assert [e.id for e in check_statement_settings(None)] == [check_id]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSROOM_COMMENTS_GUIDELINES_URL", "https://news.example/rules/"),
        ("NEWSROOM_COMMENTS_GUIDELINES_URL", "/about/comments/"),
        ("NEWSROOM_COMMENTS_REVIEW_EMAIL", "Appeals <appeals@news.example>"),
    ],
)
def test_good_statement_settings_pass(settings, name, value):
    setattr(settings, name, value)
    assert check_statement_settings(None) == []


def test_a_statement_without_any_address_to_write_to_is_warned_about(settings):
    settings.NEWSROOM_COMMENTS_MODERATOR_EMAILS = []
    settings.DEFAULT_FROM_EMAIL = ""
    assert [e.id for e in check_statement_settings(None)] == ["comments.W505"]


def test_manage_py_check_reports_them(settings):
    settings.NEWSROOM_COMMENTS_GUIDELINES_URL = "rules"
    with pytest.raises(Exception, match=r"comments\.E503"):
        call_command("check")
