"""The commenter's record page in the admin (comments.admin_commenters)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments import commenters, status
from comments.commenters import Commenter
from comments.models import Comment, CommenterEvent, CommenterRule, CommentEvent
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

RECORD = reverse("admin:newsroom_comments_comment_commenter")
CHANGELIST = reverse("admin:newsroom_comments_comment_changelist")
ANN = {"email": "ann@example.net"}


@pytest.fixture
def article():
    return make_article(headline="Harbour reopens")


@pytest.fixture
def moderator():
    return make_user(username="mia", groups=["Moderators"])


@pytest.fixture
def mia(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def viewer(client):
    """Someone who may see comments but not moderate them."""
    vic = make_user(username="vic")
    vic.user_permissions.add(
        Permission.objects.get(codename="view_comment", content_type__app_label="newsroom_comments")
    )
    client.force_login(vic)
    return client


def record_url(**params):
    from urllib.parse import urlencode

    return f"{RECORD}?{urlencode(params)}"


def act(client, params, **data):
    return client.post(record_url(**params), data)


# Getting there --------------------------------------------------------------------------------


def test_each_queue_row_links_to_its_writers_record(mia, article):
    make_comment(article, status="pending", email="Ann@Example.net")
    ada = User.objects.create_user("ada", email="ada@example.com")
    make_comment(article, status="pending", user=ada, email="ada@example.com")

    html = mia.get(CHANGELIST).content.decode()

    assert f'href="{RECORD}?email=ann%40example.net" class="nr-record"' in html
    assert f'href="{RECORD}?user={ada.pk}" class="nr-record"' in html


def test_the_comments_page_links_to_the_record(mia, article):
    comment = make_comment(article, email="ann@example.net")
    html = mia.get(reverse("admin:newsroom_comments_comment_change", args=[comment.pk])).content.decode()
    assert f'href="{RECORD}?email=ann%40example.net"' in html


# What it shows -----------------------------------------------------------------------------------


def test_the_record_shows_counts_dates_rejections_rules_notes_and_history(mia, moderator, article):
    ann = Commenter.for_email("ann@example.net")
    make_comment(article, email="ann@example.net")
    rude = make_comment(
        article,
        email="ann@example.net",
        name="<b>Ann</b>",
        text="You <script>alert(1)</script> fool",
        ip_address="203.0.113.9",
    )
    status.change_status(rude, Comment.Status.TRASH, by=moderator, reason="rude <i>again</i>")
    commenters.add_rule(ann, kind="hold", match=commenters.EMAIL, by=moderator, note="watch <u>this</u>")
    commenters.note(ann, text="Called <em>us</em> twice.", by=moderator)

    response = mia.get(record_url(**ANN))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Commenter: ann@example.net" in html
    assert "<td>1</td><td>0</td><td>1</td><td>2</td>" in html.replace("\n", "")  # approved, spam, trash, all
    assert "You &lt;script&gt;alert(1)&lt;/script&gt; fool" in html and "<script>alert(1)" not in html
    assert "rude &lt;i&gt;again&lt;/i&gt;" in html
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html  # the name last used
    assert "203.0.113.9" in html and 'value="203.0.113.0/24"' in html  # the range offered for a rule
    assert "watch &lt;u&gt;this&lt;/u&gt;" in html and "Called &lt;em&gt;us&lt;/em&gt; twice." in html
    assert "Always held" in html and 'name="do" value="lift"' in html
    assert 'name="ban-trash_recent"' in html and 'name="csrfmiddlewaretoken"' in html
    assert f'href="{CHANGELIST}?email_key=ann%40example.net&amp;status=all"' in html


def test_an_account_record_offers_the_account(mia, article):
    ada = User.objects.create_user("ada", email="ada@example.com")
    make_comment(article, user=ada, email="ada@example.com")

    html = mia.get(record_url(user=ada.pk)).content.decode()

    assert "Commenter: ada" in html
    assert 'name="trust-match" value="account"' in html and 'name="ban-match" value="domain"' in html
    assert 'name="trust-match" value="domain"' not in html  # trust names only what a poster proves


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 400),
        ({"email": "ann@example.net", "user": "1"}, 400),
        ({"user": "abc"}, 400),
        ({"user": "-1"}, 400),
        ({"user": "1.5"}, 400),
        ({"user": "99999999999999999999999"}, 400),
        ({"user": "987654"}, 404),
        ({"email": "not-an-address"}, 400),
        ({"email": "@example.net"}, 400),
        ({"email": "ann @example.net"}, 400),
        ({"email": "a" * 250 + "@example.net"}, 400),
    ],
)
def test_malformed_or_unknown_commenters_are_400_or_404_never_500(mia, params, code):
    assert mia.get(record_url(**params)).status_code == code
    assert mia.post(record_url(**params), {"do": "note", "text": "x"}).status_code == code
    assert not CommenterEvent.objects.exists()


def test_an_address_with_no_comments_has_an_empty_record_a_moderator_may_act_on(mia):
    response = mia.get(record_url(email="nobody@example.net"))
    assert response.status_code == 200
    assert "No moderator has acted on this record yet." in response.content.decode()


# Who may do what ---------------------------------------------------------------------------


def test_viewers_see_the_record_but_may_not_act(viewer, article):
    make_comment(article, email="ann@example.net")

    response = viewer.get(record_url(**ANN))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="do"' not in html and "Add the note" not in html

    for data in ({"do": "note", "text": "x"}, {"do": "ban", "ban-match": "email"}):
        assert act(viewer, ANN, **data).status_code == 403
    assert not CommenterEvent.objects.exists() and not CommenterRule.objects.exists()


def test_without_the_view_permission_the_record_is_forbidden(client, article):
    client.force_login(make_user(username="wes", groups=["Writers"]))
    assert client.get(record_url(**ANN)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(record_url(**ANN))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_other_methods_are_not_allowed(mia):
    assert mia.put(record_url(**ANN)).status_code == 405


# Acting ------------------------------------------------------------------------------------------


def test_a_note_goes_on_the_record_and_the_page_says_so(mia):
    response = act(mia, ANN, do="note", text="Apologised by mail.")

    assert response.status_code == 302 and response["Location"] == record_url(**ANN)
    line = CommenterEvent.objects.get()
    assert (line.action, line.text, line.actor_label, line.email_key) == (
        "noted",
        "Apologised by mail.",
        "mia",
        ANN["email"],
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Your note is on the record."]


def test_an_empty_note_is_asked_for_again(mia):
    response = act(mia, ANN, do="note", text="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not CommenterEvent.objects.exists()


def test_a_ban_by_domain_until_a_date_with_the_last_30_days_to_the_trash(mia, moderator, article):
    recent = make_comment(article, email="ann@example.net", status="approved")
    colleague = make_comment(article, email="bo@example.net", status="pending")
    old = make_comment(article, email="ann@example.net", submit_date=timezone.now() - timedelta(days=40))
    until = timezone.localdate() + timedelta(days=7)

    response = act(
        mia,
        ANN,
        **{
            "do": "ban",
            "ban-match": "domain",
            "ban-until": until.isoformat(),
            "ban-reason_code": "spam",
            "ban-note": "spam run",
            "ban-trash_recent": "on",
        },
    )

    assert response.status_code == 302
    banned = CommenterRule.objects.get()
    assert (banned.kind, banned.email_domain, banned.created_by, banned.note) == (
        "ban",
        "example.net",
        moderator,
        "spam run",
    )
    assert timezone.localtime(banned.ends_at).date() == until + timedelta(days=1)  # the end of that day
    assert [Comment.objects.get(pk=c.pk).status for c in (recent, colleague, old)] == ["trash", "trash", "approved"]
    assert list(CommenterEvent.objects.order_by("pk").values_list("action", flat=True)) == ["banned", "trashed"]
    (message,) = get_messages(response.wsgi_request)
    assert "Banned: e-mail domain example.net until" in str(message) and "2 comments moved to the trash." in str(
        message
    )


def test_a_ban_by_range_is_checked_and_asked_for_again(mia):
    response = act(
        mia, ANN, **{"do": "ban", "ban-match": "network", "ban-network": "10.0.0.0/8", "ban-reason_code": "spam"}
    )

    assert response.status_code == 200
    assert "too wide a range" in response.content.decode()
    assert 'value="10.0.0.0/8"' in response.content.decode()  # what they typed, kept
    assert not CommenterRule.objects.exists()

    act(mia, ANN, **{"do": "ban", "ban-match": "network", "ban-network": "198.51.100.20/24", "ban-reason_code": "ad"})
    assert CommenterRule.objects.get().network == "198.51.100.0/24"


def test_trust_by_domain_cannot_be_forged_into_the_form(mia):
    response = act(mia, ANN, **{"do": "trust", "trust-match": "domain"})
    assert response.status_code == 200 and "Select a valid choice." in response.content.decode()
    assert not CommenterRule.objects.exists()


def test_a_rule_cannot_end_before_today(mia):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = act(mia, ANN, **{"do": "hold", "hold-match": "email", "hold-until": yesterday.isoformat()})
    assert "Choose today or a later day." in response.content.decode()
    assert not CommenterRule.objects.exists()


def test_trust_and_always_hold_each_write_their_line(mia):
    act(mia, ANN, **{"do": "trust", "trust-match": "email"})
    act(mia, ANN, **{"do": "hold", "hold-match": "email"})
    assert list(CommenterEvent.objects.order_by("pk").values_list("action", "text")) == [
        ("trusted", "e-mail ann@example.net"),
        ("held", "e-mail ann@example.net"),
    ]


def test_lifting_a_rule_ends_it_and_a_second_lift_is_a_polite_warning(mia, moderator):
    banned = commenters.add_rule(Commenter.for_email(ANN["email"]), kind="ban", match="email", by=moderator)

    act(mia, ANN, do="lift", rule=str(banned.pk))
    banned.refresh_from_db()
    assert not banned.in_force() and banned.lifted_by_label == "mia"

    again = act(mia, ANN, do="lift", rule=str(banned.pk))
    assert again.status_code == 302
    assert [str(m) for m in get_messages(again.wsgi_request)][-1] == "That rule had already ended."
    assert CommenterEvent.objects.filter(action="lifted").count() == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [({"do": "lift", "rule": "x"}, 400), ({"do": "lift", "rule": "9999"}, 404), ({"do": "nuke"}, 400), ({}, 400)],
)
def test_nonsense_actions_are_400_or_404(mia, data, code):
    assert act(mia, ANN, **data).status_code == code


# The ban's statement of reasons ------------------------------------------------------------------


def ban(client, params, *, commit, **fields):
    """Post the ban form (committed, so what is queued after commit runs), the last 30 days to the trash."""
    data = {"do": "ban", "ban-reason_code": "abusive", "ban-trash_recent": "on"}
    data.update({f"ban-{name}": value for name, value in fields.items()})
    with commit():
        return act(client, params, **data)


def test_a_ban_that_trashes_three_comments_mails_one_statement_about_the_ban(mia, moderator, article, commit):
    comments = [make_comment(article, email="ann@example.net", status=s) for s in ("approved", "pending", "approved")]
    until = timezone.localdate() + timedelta(days=14)

    response = ban(mia, ANN, commit=commit, match="email", note="Insults in every thread.", until=until.isoformat())

    assert response.status_code == 302
    assert len(mail.outbox) == 1  # one about the ban, none for each comment
    (message,) = mail.outbox
    assert message.to == ["ann@example.net"]
    assert "3 of your comments from the last 30 days" in message.body
    rule = CommenterRule.objects.get()
    for comment in comments:
        line = CommentEvent.objects.get(comment=comment, to_status="trash")
        assert (line.reason_code, line.reason, line.rule, line.actor) == (
            "abusive",
            "Insults in every thread.",
            rule,
            moderator,
        )
    assert rule.reason_code == "abusive"


def test_a_ban_by_account_mails_the_accounts_address(mia, article, commit):
    ada = User.objects.create_user("ada", email="Ada@Example.com")
    make_comment(article, user=ada, email="typed@example.org")

    ban(mia, {"user": ada.pk}, commit=commit, match="account")

    assert [m.to for m in mail.outbox] == [["Ada@example.com"]]  # as the account has it, not as typed
    assert "comments from your account" in mail.outbox[0].body


@pytest.mark.parametrize(
    "fields", [{"match": "domain"}, {"match": "network", "network": "203.0.113.0/24"}], ids=["domain", "range"]
)
def test_a_ban_by_domain_or_range_mails_nobody(mia, article, commit, fields):
    trashed = make_comment(article, email="ann@example.net", ip_address="203.0.113.9")

    ban(mia, ANN, commit=commit, **fields)

    assert Comment.objects.get(pk=trashed.pk).status == "trash"
    assert mail.outbox == []  # no address to write to, and no statement per comment either


def test_no_statement_of_a_ban_when_statements_are_off(mia, article, commit, settings):
    settings.NEWSROOM_COMMENTS_STATEMENT_OF_REASONS = False
    make_comment(article, email="ann@example.net")
    ban(mia, ANN, commit=commit, match="email")
    assert CommenterRule.objects.get().kind == "ban"
    assert mail.outbox == []


def test_a_ban_lifted_before_its_mail_goes_sends_nothing(mia, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        act(mia, ANN, **{"do": "ban", "ban-match": "email", "ban-reason_code": "spam"})
    commenters.lift(CommenterRule.objects.get(), on=Commenter.for_email(ANN["email"]), by=moderator)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_a_ban_asks_for_a_reason_and_a_hold_does_not(mia):
    response = act(mia, ANN, **{"do": "ban", "ban-match": "email"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not CommenterRule.objects.exists()

    html = mia.get(record_url(**ANN)).content.decode()
    assert 'name="ban-reason_code"' in html and 'name="hold-reason_code"' not in html
    assert act(mia, ANN, **{"do": "hold", "hold-match": "email"}).status_code == 302


def test_each_trashed_comments_statement_shows_the_bans_reason(mia, client, article, commit):
    comment = make_comment(article, email="ann@example.net")
    ban(mia, ANN, commit=commit, match="email", reason_code="hate_speech", note="Slurs.")

    page = mia.get(reverse("admin:newsroom_comments_comment_change", args=[comment.pk])).content.decode()
    assert "Removed with a ban: not mailed on its own" in page
    link = re.search(r'href="https?://[^/"]+(/comments/statement/[^"]+)"', page).group(1)
    html = client.get(link).content.decode()
    assert "<strong>Hate speech.</strong>" in html and "Slurs." in html
    assert "when a moderator stopped publishing comments" in html


# Query budget -------------------------------------------------------------------------------


def _record_queries(client, url, django_assert_num_queries):
    # 1 session, 2 the moderator, 3-4 their permissions (their own, their groups'),
    # 5 comments per status with first and last dates (one grouped query),
    # 6 the latest comment (name and address last used), 7 the last ten rejections with who and why,
    # 8 the rules naming them (with the account they name), 9 the history, notes among it.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200
    return response


def _fill(article, moderator, n, *, email="ann@example.net"):
    ann = Commenter.for_email(email)
    for i in range(n):
        removed = make_comment(article, email=email, ip_address="203.0.113.9")
        status.change_status(removed, Comment.Status.SPAM if i % 2 else Comment.Status.TRASH, by=moderator)
        make_comment(article, email=email, status="pending")
        commenters.note(ann, text=f"note {i}", by=moderator)
        commenters.add_rule(ann, kind="hold", match=commenters.NETWORK, network=f"203.0.113.{i}", by=moderator)


def test_the_record_costs_the_same_number_of_queries_with_more_rows(mia, moderator, article, django_assert_num_queries):
    _fill(article, moderator, 2)
    mia.get(record_url(**ANN))  # warm the content-type cache
    _record_queries(mia, record_url(**ANN), django_assert_num_queries)

    _fill(article, moderator, 10)
    response = _record_queries(mia, record_url(**ANN), django_assert_num_queries)
    assert response.context["record"].total == 24
    assert len(response.context["record"].rejections) == commenters.RECENT_REJECTIONS


def test_an_accounts_record_costs_one_query_more_the_account(mia, moderator, article, django_assert_num_queries):
    ada = User.objects.create_user("ada", email="ada@example.com")
    make_comment(article, user=ada, email="ada@example.com")
    commenters.add_rule(Commenter.for_account(ada), kind="ban", match="account", by=moderator)
    mia.get(record_url(user=ada.pk))
    with django_assert_num_queries(10):
        assert mia.get(record_url(user=ada.pk)).status_code == 200
    for _ in range(10):
        make_comment(article, user=ada, email="ada@example.com")
        commenters.note(Commenter.for_account(ada), text="again", by=moderator)
    with django_assert_num_queries(10):
        assert mia.get(record_url(user=ada.pk)).status_code == 200
