"""The commenter's record and the moderators' rules: trust, always hold, ban (comments.commenters)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

from comments import commenters, status
from comments.commenters import Commenter
from comments.models import Comment, CommenterEvent, CommenterRule, CommentEvent
from comments.spam import memory
from comments.spam.base import Band, CheckResult, Submission, Verdict
from comments.system_checks import check_commenter_settings
from tests.comments.reader_helpers import form_data, install_fake_spam_filter
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"
ONLY_FIRST_COMMENT = ["comments.spam.checks.first_comment.FirstCommentCheck"]
BANNED = "Your comments can\u2019t be published on this site."


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


@pytest.fixture
def mia():
    return make_user(username="mia", groups=["Moderators"])


def post(client, article, *, ip="203.0.113.9", **fields):
    return client.post(POST_URL, form_data(article, **fields), REMOTE_ADDR=ip, HTTP_USER_AGENT="Browser/1.0")


def rule(kind, *, by, ends_at=None, **names):
    """A rule made directly (the record page's forms are tested in test_admin_commenters)."""
    return CommenterRule.objects.create(
        kind=kind, created_by=by, created_by_label=by.get_username(), ends_at=ends_at, **names
    )


# Bans on the posting path -------------------------------------------------------------------


def test_a_banned_address_is_refused_politely_with_its_text_kept(client, article, mia, monkeypatch):
    spam_filter = install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, email_key="jo@example.com")

    response = post(client, article, email="Jo@Example.com", comment="My <b>carefully</b> written point.")

    assert response.status_code == 403
    html = response.content.decode()
    assert BANNED in html and "please contact the editors" in html
    assert "My &lt;b&gt;carefully&lt;/b&gt; written point." in html  # kept in the form, escaped
    assert not Comment.objects.exists()
    assert spam_filter.seen == []  # refused before the spam filter


@override_settings(NEWSROOM_COMMENTS_BANNED_MESSAGE="Banned. Write to desk@news.example.")
def test_the_ban_message_is_the_sites(client, article, mia, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, email_key="jo@example.com")

    assert "Banned. Write to desk@news.example." in post(client, article).content.decode()


def test_an_expired_or_lifted_ban_is_ignored(client, article, mia, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, email_key="jo@example.com", ends_at=timezone.now() - timedelta(seconds=1))
    lifted = rule("ban", by=mia, email_key="jo@example.com")
    commenters.lift(lifted, on=Commenter.for_email("jo@example.com"), by=mia)

    response = post(client, article)

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_a_ban_until_a_later_date_is_in_force(client, article, mia, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, email_key="jo@example.com", ends_at=timezone.now() + timedelta(days=1))

    assert post(client, article).status_code == 403


@pytest.mark.parametrize(
    ("email", "banned"),
    [
        ("jo@spam.example", True),
        ("Anyone@SPAM.example", True),
        ("jo@mail.spam.example", False),  # exactly the domain, not its subdomains
        ("jo@notspam.example", False),
    ],
)
def test_a_domain_ban_names_every_address_at_the_domain(client, article, mia, monkeypatch, email, banned):
    install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, email_domain="spam.example")

    assert post(client, article, email=email).status_code == (403 if banned else 302)


@pytest.mark.parametrize(
    ("ip", "banned"),
    [
        ("198.51.100.7", True),
        ("198.51.100.255", True),
        ("198.51.101.7", False),
        ("2001:db8:1::9", True),
        ("2001:db8:2::9", False),
    ],
)
def test_a_range_ban_names_every_address_in_it(client, article, mia, monkeypatch, ip, banned):
    install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, network="198.51.100.0/24")
    rule("ban", by=mia, network="2001:db8:1::/48")

    assert post(client, article, ip=ip).status_code == (403 if banned else 302)


def test_an_account_ban_refuses_the_account_whatever_address_it_posts_from(client, article, mia, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    troll = User.objects.create_user("troll", email="troll@example.com")
    rule("ban", by=mia, user=troll)
    client.force_login(troll)

    assert post(client, article, ip="192.0.2.1").status_code == 403
    client.logout()
    assert post(client, article, ip="192.0.2.1").status_code == 302  # jo@example.com, signed out


def test_rules_never_hold_or_ban_signed_in_staff(client, article, mia, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    rule("ban", by=mia, network="203.0.113.0/24")  # the office's range, say
    client.force_login(make_user(username="ed", email="ed@news.example"))

    assert post(client, article, ip="203.0.113.9").status_code == 302


def test_a_ban_made_after_the_confirmation_mail_refuses_the_link(client, article, mia, monkeypatch):
    from django.core import mail
    from django_comments_xtd.conf import settings as xtd_settings

    install_fake_spam_filter(monkeypatch)
    # Patch the copy xtd made, not the lazy proxy (xtd copies its settings on first use).
    monkeypatch.setattr(xtd_settings._wrapped, "COMMENTS_XTD_CONFIRM_EMAIL", True)
    post(client, article, comment="Wait for my link.")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/comments/confirm/" in line)
    rule("ban", by=mia, email_key="jo@example.com")

    response = client.post(link.strip().replace("https://example.com", ""))

    assert response.status_code == 403
    assert BANNED in response.content.decode() and "Wait for my link." in response.content.decode()
    assert not Comment.objects.exists()


# Holds ---------------------------------------------------------------------------------------


def test_a_hold_rule_holds_what_the_filter_would_publish_and_says_why(client, article, mia, monkeypatch):
    install_fake_spam_filter(monkeypatch)
    rule("hold", by=mia, email_domain="example.com")

    assert post(client, article).status_code == 302

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    held = comment.spam_reasons[-1]
    assert held["check"] == "commenter rule" and held["decisive"] == "hold"
    assert held["reason"] == "always held: e-mail domain example.com, a moderator's rule (mia)"
    assert "always held: e-mail domain example.com" in CommentEvent.objects.get(comment=comment).reason


def test_a_hold_rule_never_makes_spam_less_than_spam(mia):
    found = commenters.Standing(hold=rule("hold", by=mia, email_key="jo@example.com"))
    spam = Verdict(band=Band.SPAM, score=2.0, results=(CheckResult(2.0, "words"),))
    publish = Verdict(band=Band.PUBLISH, score=0.0)

    assert commenters.hold(spam, found) is spam
    assert commenters.hold(publish, commenters.Standing()) is publish
    assert commenters.hold(publish, found).band == Band.HOLD


def test_checking_again_keeps_a_held_commenter_held(article, mia, monkeypatch):
    comment = make_comment(article, status="pending", email="jo@example.com")
    rule("hold", by=mia, email_key="jo@example.com")
    monkeypatch.setattr("comments.spam.pipeline.recheck", lambda comment, **kwargs: Verdict(band="publish", score=0.0))

    assert commenters.recheck(comment, reason="moderator").band == Band.HOLD


# Trust -----------------------------------------------------------------------------------------


@override_settings(NEWSROOM_SPAM_CHECKS=ONLY_FIRST_COMMENT, NEWSROOM_COMMENTS_FLOOD_SECONDS=0)
def test_trust_by_account_lets_a_first_comment_through(client, article, mia):
    ada = User.objects.create_user("ada", email="ada@example.com")
    client.force_login(ada)
    post(client, article, comment="Held: nothing approved from Ada yet.")
    assert Comment.objects.get().status == Comment.Status.PENDING

    rule("trust", by=mia, user=ada)
    post(client, article, comment="Published: a moderator trusts Ada.")

    trusted = Comment.objects.latest("pk")
    assert trusted.status == Comment.Status.APPROVED
    assert trusted.spam_reasons[0]["reason"] == "first comment: not held, a moderator trusts this commenter"


@override_settings(NEWSROOM_SPAM_CHECKS=ONLY_FIRST_COMMENT, NEWSROOM_COMMENTS_FLOOD_SECONDS=0)
def test_trust_by_address_needs_the_trust_cookie_a_typed_address_proves_nothing(client, article, mia):
    rule("trust", by=mia, email_key="jo@example.com")

    post(client, article, comment="Anyone can type Jo's address.")
    assert Comment.objects.get().status == Comment.Status.PENDING

    client.cookies["newsroom_trusted"] = _signed_trust_cookie("jo@example.com")
    post(client, article, comment="Jo's own browser, which holds the trust cookie.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def _signed_trust_cookie(email):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from comments import trust_cookie

    response = HttpResponse()
    trust_cookie.grant(RequestFactory().get("/"), response, make_comment(make_article(), email=email))
    return next(iter(response.cookies.values())).value


def test_trust_binds_only_to_what_a_poster_proves(mia):
    ann = Commenter.for_email("ann@example.net")
    with pytest.raises(commenters.RuleError):
        commenters.add_rule(ann, kind="trust", match=commenters.DOMAIN, by=mia)
    with pytest.raises(commenters.RuleError):
        commenters.add_rule(ann, kind="trust", match=commenters.NETWORK, network="203.0.113.0/24", by=mia)
    with pytest.raises(commenters.RuleError):
        commenters.add_rule(ann, kind="trust", match=commenters.ACCOUNT, by=mia)  # an address has no account
    assert not CommenterRule.objects.exists()


def test_standing_is_one_query_and_none_for_staff(mia, django_assert_num_queries):
    rule("trust", by=mia, email_key="ann@example.net")
    rule("hold", by=mia, network="203.0.113.0/24")
    submission = Submission(text="Hello", author_email="ann@example.net", ip_address="203.0.113.9")

    with django_assert_num_queries(1):
        found = commenters.standing_for(submission)
    assert found.hold is not None and found.ban is None
    assert not found.trusted  # typed, not proven
    proven = Submission(
        text="Hello", author_email="ANN@example.net", trust_email_hash=memory.email_proof("ann@example.net")
    )
    assert commenters.standing_for(proven).trusted
    with django_assert_num_queries(0):
        assert (
            commenters.standing_for(Submission(text="Hi", user_id=mia.pk, user_is_staff=True)) == commenters.Standing()
        )


# Acting on a record: rules, lifting, notes, trashing, each a line of the history -----------------


def test_every_action_is_a_line_of_the_history(mia):
    ann = Commenter.for_email("Ann@Example.net")

    trusted = commenters.add_rule(ann, kind="trust", match=commenters.EMAIL, by=mia)
    commenters.add_rule(ann, kind="hold", match=commenters.DOMAIN, by=mia, note="a spam wave")
    until = timezone.now() + timedelta(days=7)
    banned = commenters.add_rule(
        ann, kind="ban", match=commenters.NETWORK, network="203.0.113.7/24", ends_at=until, by=mia
    )
    commenters.lift(trusted, on=ann, by=mia)
    commenters.note(ann, text="  Wrote to apologise.  ", by=mia)

    lines = list(ann.events().order_by("pk"))
    assert [line.action for line in lines] == ["trusted", "held", "banned", "lifted", "noted"]
    assert {line.actor_label for line in lines} == {"mia"} and all(
        line.email_key == "ann@example.net" for line in lines
    )
    assert lines[0].text == "e-mail ann@example.net"
    assert lines[1].text == "e-mail domain example.net (a spam wave)"
    assert lines[2].text.startswith("addresses 203.0.113.0/24 until ") and lines[2].rule == banned
    assert lines[3].text == "lifted: trusted: e-mail ann@example.net" and lines[3].rule == trusted
    assert lines[4].text == "Wrote to apologise."
    trusted.refresh_from_db()
    assert trusted.lifted_by_label == "mia" and not trusted.in_force()


def test_an_account_record_is_the_accounts(mia):
    ada = User.objects.create_user("ada", email="Ada@Example.com")
    record = Commenter.for_account(ada)

    commenters.add_rule(record, kind="ban", match=commenters.ACCOUNT, by=mia)
    commenters.add_rule(record, kind="hold", match=commenters.EMAIL, by=mia)

    assert list(CommenterEvent.objects.values_list("user", "email_key")) == [(ada.pk, ""), (ada.pk, "")]
    assert {r.names() for r in record.rules()} == {"account ada", "e-mail ada@example.com"}


def test_a_rule_cannot_end_in_the_past_nor_name_a_range_that_is_not_one(mia):
    ann = Commenter.for_email("ann@example.net")
    with pytest.raises(commenters.RuleError, match="future"):
        commenters.add_rule(ann, kind="ban", match=commenters.EMAIL, ends_at=timezone.now(), by=mia)
    with pytest.raises(commenters.RuleError, match="too wide"):
        commenters.add_rule(ann, kind="ban", match=commenters.NETWORK, network="10.0.0.0/8", by=mia)
    assert not CommenterRule.objects.exists() and not CommenterEvent.objects.exists()


def test_lifting_twice_is_refused_politely(mia):
    ann = Commenter.for_email("ann@example.net")
    banned = commenters.add_rule(ann, kind="ban", match=commenters.EMAIL, by=mia)
    commenters.lift(banned, on=ann, by=mia)
    with pytest.raises(commenters.RuleError, match="already ended"):
        commenters.lift(banned, on=ann, by=mia)
    assert ann.events().filter(action="lifted").count() == 1


def test_trashing_the_last_30_days_moves_only_those_comments_and_writes_history(article, mia):
    now = timezone.now()
    ann = Commenter.for_email("ann@example.net")
    recent = [
        make_comment(article, email="ann@example.net", status="approved", submit_date=now - timedelta(days=2)),
        make_comment(article, email="ANN@example.net", status="pending", submit_date=now - timedelta(days=29)),
    ]
    untouched = [
        make_comment(article, email="ann@example.net", status="approved", submit_date=now - timedelta(days=31)),
        make_comment(article, email="ann@example.net", status="spam", submit_date=now - timedelta(days=1)),
        make_comment(article, email="bo@example.net", status="approved", submit_date=now - timedelta(days=1)),
    ]
    banned = commenters.add_rule(
        ann, kind="ban", match=commenters.EMAIL, by=mia, reason_code="abusive", note="Insults in every thread."
    )

    assert commenters.trash_recent(banned, on=ann, by=mia) == 2

    for comment in recent:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.TRASH
        line = comment.events.get(to_status="trash")
        assert (line.actor, line.reason_code, line.reason, line.rule) == (
            mia,
            "abusive",
            "Insults in every thread.",
            banned,
        )
    assert [c.status for c in Comment.objects.filter(pk__in=[c.pk for c in untouched]).order_by("pk")] == [
        "approved",
        "spam",
        "approved",
    ]
    trashed = ann.events().get(action="trashed")
    assert trashed.text == "moved 2 comments from the last 30 days to the trash" and trashed.rule == banned


def test_trashing_by_range_and_domain_leaves_others_and_staff_alone(article, mia):
    staff = make_user(username="ed")
    inside = make_comment(article, ip_address="198.51.100.7", email="x@one.example")
    outside = make_comment(article, ip_address="198.51.101.7", email="y@one.example")
    by_staff = make_comment(article, ip_address="198.51.100.8", user=staff)
    ann = Commenter.for_email("x@one.example")
    by_range = commenters.add_rule(ann, kind="ban", match=commenters.NETWORK, network="198.51.100.0/24", by=mia)

    assert commenters.trash_recent(by_range, on=ann, by=mia) == 1
    assert [Comment.objects.get(pk=c.pk).status for c in (inside, outside, by_staff)] == [
        "trash",
        "approved",
        "approved",
    ]

    by_domain = commenters.add_rule(ann, kind="ban", match=commenters.DOMAIN, by=mia)
    assert commenters.trash_recent(by_domain, on=ann, by=mia) == 1
    assert Comment.objects.get(pk=outside.pk).status == "trash"
    assert commenters.trash_recent(by_domain, on=ann, by=mia) == 0  # nothing left: no second line
    assert ann.events().filter(action="trashed").count() == 2


# The record ----------------------------------------------------------------------------------


def test_the_record_counts_dates_rejections_rules_and_notes(article, mia):
    now = timezone.now()
    ann = Commenter.for_email("ann@example.net")
    first = make_comment(article, email="ann@example.net", submit_date=now - timedelta(days=40))
    make_comment(article, email="ann@example.net", status="pending", submit_date=now - timedelta(days=3))
    rejected = make_comment(article, email="ann@example.net", ip_address="203.0.113.9", submit_date=now)
    status.change_status(rejected, Comment.Status.TRASH, by=mia, reason="rude to another reader")
    make_comment(article, email="bo@example.net")
    commenters.add_rule(ann, kind="hold", match=commenters.EMAIL, by=mia)
    past = commenters.add_rule(ann, kind="ban", match=commenters.DOMAIN, by=mia)
    commenters.lift(past, on=ann, by=mia)
    elsewhere = rule("ban", by=mia, network="203.0.113.0/24")  # made from another record: holds her last address
    commenters.note(ann, text="Regular, usually fine.", by=mia)

    record = commenters.record(ann)

    assert record.counts == {"pending": 1, "approved": 1, "spam": 0, "trash": 1} and record.total == 3
    assert (record.first_at, record.last_at) == (first.submit_date, rejected.submit_date)
    assert record.last_ip == "203.0.113.9"
    (shown,) = record.rejections
    assert (shown.pk, shown.removed_by, shown.removed_because) == (rejected.pk, "mia", "rude to another reader")
    assert {r.kind for r in record.rules_in_force} == {"hold", "ban"} and elsewhere in record.rules_in_force
    assert record.past_rules == [past]
    assert [n.text for n in record.notes] == ["Regular, usually fine."]
    assert [line.action for line in record.history] == ["noted", "lifted", "banned", "held"]


# Settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("NEWSROOM_COMMENTS_BANNED_MESSAGE", "", "comments.E601"),
        ("NEWSROOM_COMMENTS_BANNED_MESSAGE", None, "comments.E601"),
        ("NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE", 1.5, "comments.E602"),
        ("NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE", "0.3", "comments.E602"),
        ("NEWSROOM_COMMENTS_RECENT_HISTORY_DAYS", 0, "comments.E603"),
        ("NEWSROOM_COMMENTS_RECENT_HISTORY_MIN_COMMENTS", 2.5, "comments.E604"),
    ],
)
def test_the_settings_are_checked(name, value, check_id):
    assert check_commenter_settings(None) == []
    with override_settings(**{name: value}):
        assert [e.id for e in check_commenter_settings(None)] == [check_id]


def test_a_rate_without_the_check_that_applies_it_is_a_warning():
    checks = ["comments.spam.checks.first_comment.FirstCommentCheck"]
    with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE=0.3, NEWSROOM_SPAM_CHECKS=checks):
        assert [e.id for e in check_commenter_settings(None)] == ["comments.W605"]
    with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE=None, NEWSROOM_SPAM_CHECKS=checks):
        assert check_commenter_settings(None) == []
    with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE=0.3):
        assert check_commenter_settings(None) == []


def test_the_recent_history_rate_may_be_off_or_a_share():
    for rate in (None, 0, 0.3, 1):
        with override_settings(NEWSROOM_COMMENTS_RECENT_HISTORY_REJECTION_RATE=rate):
            assert check_commenter_settings(None) == []
