import json
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from comments import status
from comments.models import Comment, CommentEvent
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

PENDING, APPROVED, SPAM, TRASH = (
    Comment.Status.PENDING,
    Comment.Status.APPROVED,
    Comment.Status.SPAM,
    Comment.Status.TRASH,
)
CHANGELIST = reverse("admin:newsroom_comments_comment_changelist")


def moderate_url(comment, verb):
    return reverse("admin:newsroom_comments_comment_moderate", args=[comment.pk, verb])


def change_url(comment):
    return reverse("admin:newsroom_comments_comment_change", args=[comment.pk])


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


def stored(comment):
    return Comment.objects.get(pk=comment.pk)


# The queue ---------------------------------------------------------------------


def test_the_queue_shows_pending_comments_newest_first(mia, article):
    make_comment(article, status=APPROVED, text="Already published")
    older = make_comment(article, status=PENDING, text="Older <script>alert(1)</script> remark")
    newer = make_comment(article, status=PENDING, text="Newer remark")

    response = mia.get(CHANGELIST)

    assert response.status_code == 200
    assert [c.pk for c in response.context["cl"].result_list] == [newer.pk, older.pk]
    html = response.content.decode()
    assert "Already published" not in html
    assert "Older &lt;script&gt;alert(1)&lt;/script&gt; remark" in html
    assert "<script>alert(1)" not in html


def test_the_queue_shows_counts_per_status(mia, article):
    for state, n in ((PENDING, 2), (APPROVED, 3), (SPAM, 1)):
        for _ in range(n):
            make_comment(article, status=state)
    response = mia.get(CHANGELIST)
    tabs = {label: count for label, count, url, current in response.context["status_tabs"]}
    assert tabs == {"Pending": 2, "Approved": 3, "Spam": 1, "Trash": 0, "Reported": 0, "All": 6}
    assert response.context["cl"].result_count == 2


@pytest.mark.parametrize(("param", "expected"), [("approved", 1), ("spam", 1), ("trash", 0), ("all", 3), ("bogus", 0)])
def test_status_filter(mia, article, param, expected):
    for state in (PENDING, APPROVED, SPAM):
        make_comment(article, status=state)
    response = mia.get(CHANGELIST, {"status": param})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == expected


def test_the_row_shows_writer_article_and_the_spam_filters_reasons(mia, article):
    make_comment(article, status=APPROVED, email="ann@example.com")
    make_comment(article, status=APPROVED, email="ann@example.com")
    make_comment(article, status=SPAM, email="ann@example.com")
    comment = make_comment(
        article,
        status=PENDING,
        name="Ann",
        email="ann@example.com",
        ip_address="203.0.113.9",
        spam_score=0.7,
        spam_band="hold",
        spam_reasons=[{"check": "links", "score": 0.4, "reason": "3 links <b>", "label": "3 links <b> (+0.4)"}],
    )
    make_comment(article, status=APPROVED, email="ann@example.com")  # later: not "before"

    response = mia.get(CHANGELIST)

    (row,) = response.context["cl"].result_list
    assert row.pk == comment.pk and row.approved_before_count == 2
    html = response.content.decode()
    assert "203.0.113.9" in html and "ann@example.com" in html
    assert "3 links &lt;b&gt; (+0.4)" in html
    assert "Harbour reopens" in html and comment.get_absolute_url() in html
    assert "user_email=ann%40example.com&amp;status=all" in html


def test_search_by_email_ip_and_text(mia, article):
    make_comment(article, status=PENDING, email="ann@example.com", ip_address="198.51.100.1", text="boats")
    make_comment(article, status=PENDING, email="bo@example.com", ip_address="203.0.113.5", text="trains")
    for term in ("ann@", "198.51.100", "boats"):
        response = mia.get(CHANGELIST, {"q": term})
        assert [c.user_email for c in response.context["cl"].result_list] == ["ann@example.com"]


def test_this_writers_other_comments(mia, article):
    make_comment(article, status=APPROVED, email="ann@example.com")
    make_comment(article, status=SPAM, email="ann@example.com")
    make_comment(article, status=APPROVED, email="bo@example.com")
    response = mia.get(CHANGELIST, {"user_email": "ann@example.com", "status": "all"})
    assert response.status_code == 200
    assert {c.user_email for c in response.context["cl"].result_list} == {"ann@example.com"}
    assert response.context["cl"].result_count == 2


def test_article_filter(mia, article):
    other = make_article(headline="Tram line opens")
    make_comment(article, status=PENDING)
    wanted = make_comment(other, status=PENDING)
    ct = ContentType.objects.get_for_model(other).pk
    response = mia.get(CHANGELIST, {"on": f"{ct}-{other.pk}"})
    assert [c.pk for c in response.context["cl"].result_list] == [wanted.pk]
    assert "Tram line opens" in response.content.decode()
    for bogus in ("x-1", "99999-1", "-"):
        response = mia.get(CHANGELIST, {"on": bogus})
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("hidden", ["draft", "scheduled", "user", "comment"])
def test_the_article_filter_names_nothing_the_moderator_may_not_read(mia, article, hidden):
    """A key typed into ``?on=`` is not a way to read a draft's headline, a user name or a comment's text."""
    from datetime import timedelta

    from django.utils import timezone

    targets = {
        "draft": lambda: make_article(headline="Secret merger talks", status="draft"),
        "scheduled": lambda: make_article(
            headline="Secret merger talks", publish_at=timezone.now() + timedelta(days=2)
        ),
        "user": lambda: User.objects.create_superuser("secret_merger_talks", "boss@news.example", "pw"),
        "comment": lambda: make_comment(article, status=SPAM, text="Secret merger talks"),
    }
    target = targets[hidden]()
    make_comment(article, status=PENDING)
    ct = ContentType.objects.get_for_model(target).pk
    response = mia.get(CHANGELIST, {"on": f"{ct}-{target.pk}"})
    assert response.status_code == 200
    assert "secret merger talks" not in response.text.lower() and "secret_merger_talks" not in response.text
    assert list(response.context["cl"].result_list) == []
    assert "Harbour reopens" in response.text  # the recent article, published, is still offered


@pytest.mark.parametrize("bogus", ["²-1", "1-²", "{ct}-99999999999999999999", "{ct}-1e3", "{ct}-"])
def test_the_article_filter_answers_nonsense_with_an_empty_list(mia, article, bogus):
    make_comment(article, status=PENDING)
    ct = ContentType.objects.get_for_model(article).pk
    response = mia.get(CHANGELIST, {"on": bogus.format(ct=ct)})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_queue_costs_the_same_number_of_queries_with_more_comments(mia, article, django_assert_num_queries):
    # 1 session, 2 user, 3-4 the moderator's permissions (user, groups),
    # 5 counts per status (also the page's total: no COUNT over the queue),
    # 6 the page of comments with "approved before", 7 their articles,
    # 8-9 the article filter's recent articles and their headlines.
    # The keyboard shortcuts (data attributes, help template) and the rows' reason menus add none.
    def add(n):
        for i in range(n):
            make_comment(make_article() if i % 2 else article, status=PENDING, spam_reasons=[{"reason": "x"}])

    add(3)
    mia.get(CHANGELIST)  # warm the content-type cache
    with django_assert_num_queries(9):
        assert mia.get(CHANGELIST).status_code == 200
    add(10)
    with django_assert_num_queries(9):
        response = mia.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 13


# One-click moderation ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "verb", "end"),
    [
        (PENDING, "approve", APPROVED),
        (PENDING, "spam", SPAM),
        (PENDING, "trash", TRASH),
        (SPAM, "not_spam", APPROVED),
        (APPROVED, "spam", SPAM),
        (APPROVED, "trash", TRASH),
    ],
)
def test_moderator_buttons(mia, moderator, article, start, verb, end):
    comment = make_comment(article, status=start)

    response = mia.post(moderate_url(comment, verb), HTTP_REFERER=f"http://testserver{CHANGELIST}?status={start}")

    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{CHANGELIST}?status={start}"
    assert stored(comment).status == end
    event = CommentEvent.objects.get(comment=comment)
    assert (event.actor, event.actor_label, event.from_status, event.to_status) == (moderator, "mia", start, end)


def test_restore_button_returns_to_the_exact_previous_status(mia, moderator, article):
    comment = make_comment(article, status=APPROVED)
    status.change_status(comment, TRASH, by=moderator)
    mia.post(moderate_url(comment, "restore"))
    assert stored(comment).status == APPROVED


def test_buttons_on_the_row_post_with_the_changelist_csrf_token(mia, article):
    comment = make_comment(article, status=PENDING)
    html = mia.get(CHANGELIST).content.decode()
    for verb in ("approve", "spam", "trash", "check_again"):
        assert f'formaction="{moderate_url(comment, verb)}"' in html
    assert f'formaction="{moderate_url(comment, "restore")}"' not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_change_page_has_buttons_history_and_reasons(mia, moderator, article):
    comment = make_comment(article, status=PENDING, spam_reasons=[{"reason": "first comment", "score": 0.2}])
    status.change_status(comment, SPAM, by=moderator)

    response = mia.get(change_url(comment))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'formaction="{moderate_url(comment, "not_spam")}"' in html
    assert "first comment (+0.20)" in html
    assert "mia" in html and "History" in html


def test_a_stale_page_gets_a_message_not_an_error(mia, article):
    comment = make_comment(article, status=APPROVED)
    response = mia.post(moderate_url(comment, "approve"), follow=True)
    assert response.status_code == 200
    assert "already approved" in response.content.decode()
    assert not CommentEvent.objects.exists()


def test_moderation_needs_post(mia, article):
    comment = make_comment(article, status=PENDING)
    assert mia.get(moderate_url(comment, "approve")).status_code == 405
    assert stored(comment).status == PENDING


@pytest.mark.parametrize("path", ["999999/moderate/approve/", "abc/moderate/approve/"])
def test_unknown_comments_are_404(mia, path):
    assert mia.post(f"{CHANGELIST}{path}").status_code == 404


def test_unknown_verb_is_404(mia, article):
    comment = make_comment(article, status=PENDING)
    assert mia.post(moderate_url(comment, "publish")).status_code == 404


def test_check_again_applies_the_new_verdict_as_the_filters(mia, article, monkeypatch):
    from comments.spam.base import CheckResult, Verdict

    def recheck(comment, **kwargs):
        return Verdict(band="publish", score=-1.0, results=(CheckResult(score=-1.0, reason="Akismet: ham"),))

    monkeypatch.setattr("comments.spam.pipeline.recheck", recheck)
    comment = make_comment(article, status=PENDING)

    mia.post(moderate_url(comment, "check_again"))

    assert stored(comment).status == APPROVED
    event = CommentEvent.objects.get(comment=comment)
    assert event.actor is None and event.actor_label == "spam filter"
    assert event.reason.startswith("checked again for mia; published: Akismet: ham")


# Bulk actions ------------------------------------------------------------------


def bulk(client, action, comments, **extra):
    return client.post(
        f"{CHANGELIST}?status=all",
        {"action": action, "_selected_action": [c.pk for c in comments], "index": 0, **extra},
    )


@pytest.mark.parametrize(
    ("action", "end"),
    [
        ("approve_selected", APPROVED),
        ("spam_selected", SPAM),
        ("not_spam_selected", APPROVED),
        ("trash_selected", TRASH),
    ],
)
def test_bulk_actions(mia, article, action, end):
    comments = [make_comment(article, status=PENDING) for _ in range(3)]
    response = bulk(mia, action, comments)
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {end}
    assert CommentEvent.objects.filter(actor_label="mia", to_status=end).count() == 3


def test_bulk_skips_what_is_already_there(mia, article):
    pending = make_comment(article, status=PENDING)
    approved = make_comment(article, status=APPROVED)
    response = bulk(mia, "approve_selected", [pending, approved])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["1 comment approved. 1 skipped (already there)."]
    assert CommentEvent.objects.count() == 1


def test_bulk_restore(mia, moderator, article):
    was_pending = make_comment(article, status=PENDING)
    was_approved = make_comment(article, status=APPROVED)
    for comment in (was_pending, was_approved):
        status.change_status(comment, TRASH, by=moderator)
    bulk(mia, "restore_selected", [was_pending, was_approved])
    assert (stored(was_pending).status, stored(was_approved).status) == (PENDING, APPROVED)


# Privacy actions ---------------------------------------------------------------


def test_export_action_downloads_json(mia, article):
    one = make_comment(article, status=PENDING, email="Ann@example.com")
    make_comment(article, status=APPROVED, email="ann@example.com")
    response = bulk(mia, "export_personal_data", [one])
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="comment-data-')
    data = json.loads(response.content)
    assert [e["email"] for e in data["exports"]] == ["ann@example.com"]
    assert len(data["exports"][0]["comments"]) == 2


def test_erase_action_asks_then_anonymises(mia, article):
    comment = make_comment(article, status=PENDING, email="ann@example.com", name="Ann")

    confirm = bulk(mia, "erase_personal_data", [comment])

    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "ann@example.com: 1 comment" in html
    assert 'value="anonymise"' in html and 'value="delete"' not in html  # moderators may not delete
    assert stored(comment).user_name == "Ann"

    done = mia.post(
        f"{CHANGELIST}?status=all",
        {"action": "erase_personal_data", "_selected_action": [comment.pk], "confirmed": "yes", "mode": "delete"},
    )
    assert done.status_code == 200  # a mode they may not use: asked again
    assert stored(comment).user_name == "Ann"

    done = mia.post(
        f"{CHANGELIST}?status=all",
        {"action": "erase_personal_data", "_selected_action": [comment.pk], "confirmed": "yes", "mode": "anonymise"},
    )
    assert done.status_code == 302
    assert (stored(comment).user_name, stored(comment).user_email) == ("Anonymous", "")


def test_superuser_may_erase_by_deleting(client, article):
    client.force_login(User.objects.create_superuser("root", "root@news.example", "pw"))
    comment = make_comment(article, status=PENDING, email="ann@example.com")
    confirm = bulk(client, "erase_personal_data", [comment])
    assert 'value="delete"' in confirm.content.decode()
    client.post(
        f"{CHANGELIST}?status=all",
        {"action": "erase_personal_data", "_selected_action": [comment.pk], "confirmed": "yes", "mode": "delete"},
    )
    assert not Comment.objects.exists()


# Editing -----------------------------------------------------------------------


def test_moderators_may_redact_text_but_not_change_the_status_in_the_form(mia, article):
    parent = make_comment(article, status=APPROVED)
    held_reply = make_comment(article, status=PENDING, parent=parent)
    data = {
        "comment": "Redacted.",
        "user_url": "",
        "status": "spam",
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
    }
    response = mia.post(change_url(parent), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    parent = stored(parent)
    assert (parent.comment, parent.status) == ("Redacted.", APPROVED)
    assert stored(held_reply).is_public is False  # xtd's reply-visibility handler did not run


# Featured comments (issue 16, item 1) ---------------------------------------------------------


def test_the_queue_offers_feature_on_approved_rows_only_and_marks_featured_ones(mia, article, moderator):
    from comments import featured

    make_comment(article, text="Ordinary and approved")
    picked = make_comment(article, text="Picked already")
    featured.feature(picked, by=moderator)
    make_comment(article, text="Still waiting", status=PENDING)

    html = mia.get(f"{CHANGELIST}?status=all").content.decode()

    rows = {row.split("</tr>")[0] for row in html.split("<tr")[1:]}
    row = {text: next(r for r in rows if text in r) for text in ("Ordinary", "Picked", "Still waiting")}
    assert ">Feature</button>" in row["Ordinary"] and "Unfeature" not in row["Ordinary"]
    assert ">Unfeature</button>" in row["Picked"] and 'class="nr-featured-mark">Featured<' in row["Picked"]
    assert "Feature</button>" not in row["Still waiting"]


def test_the_comments_page_has_a_feature_button_and_the_history_says_who(mia, article):
    comment = make_comment(article)
    assert 'formaction="{}"'.format(moderate_url(comment, "feature")) in mia.get(change_url(comment)).content.decode()

    response = mia.post(moderate_url(comment, "feature"), HTTP_REFERER=change_url(comment))

    assert response["Location"] == change_url(comment)
    assert stored(comment).featured_at is not None
    html = mia.get(change_url(comment)).content.decode()
    assert 'formaction="{}"'.format(moderate_url(comment, "unfeature")) in html
    assert [(e.action, e.actor_label) for e in CommentEvent.objects.filter(comment=comment).exclude(action="")] == [
        ("featured", "mia")
    ]


def test_featuring_a_held_comment_is_refused_politely(mia, article):
    comment = make_comment(article, status=PENDING)

    mia.post(moderate_url(comment, "feature"))

    assert stored(comment).featured_at is None
    assert [str(m) for m in get_messages(mia.get(CHANGELIST).wsgi_request)] == [
        "Only approved comments can be featured."
    ]


def test_bulk_feature_skips_what_is_not_approved_and_unfeature_undoes_it(mia, article):
    approved = make_comment(article)
    held = make_comment(article, status=PENDING)

    mia.post(f"{CHANGELIST}?status=all", {"action": "feature_selected", "_selected_action": [approved.pk, held.pk]})
    assert (stored(approved).featured_at is not None, stored(held).featured_at) == (True, None)

    mia.post(f"{CHANGELIST}?status=all", {"action": "unfeature_selected", "_selected_action": [approved.pk]})
    assert stored(approved).featured_at is None


def test_featuring_needs_the_moderate_permission(client, article):
    comment = make_comment(article)
    client.force_login(make_user(username="wes", groups=["Writers"]))

    assert client.post(moderate_url(comment, "feature")).status_code == 403
    assert stored(comment).featured_at is None


# Keyboard moderation (issue 16, item 6) -------------------------------------------------


def test_the_queue_loads_the_keyboard_script_and_marks_rows_and_buttons_for_it(mia, article):
    comment = make_comment(article, status=PENDING, name="Kim Keys")

    html = mia.get(CHANGELIST).content.decode()

    assert '<script src="/static/comments/moderation_keys.js"></script>' in html
    assert '<template id="nr-keys"' in html and "Keyboard shortcuts" in html
    assert f'data-nr-comment="{comment.pk}" data-nr-writer="Kim Keys"' in html
    for verb in ("approve", "spam", "trash", "check_again"):
        assert f'formaction="{moderate_url(comment, verb)}" data-nr-verb="{verb}"' in html


def test_the_keyboard_help_is_for_moderators_only(client, article):
    make_comment(article, status=PENDING)
    viewer = make_user(username="vic")
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_comment", content_type__app_label="newsroom_comments")
    )
    client.force_login(viewer)

    html = client.get(CHANGELIST).content.decode()

    assert 'id="nr-keys"' not in html  # the script finds no template and binds no key


# Reasons for removals (issue 16, item 5) -----------------------------------------------------


def test_each_row_that_offers_a_removal_has_its_own_reason_menu(mia, article):
    pending = make_comment(article, status=PENDING)
    trashed = make_comment(article, status=TRASH)

    html = mia.get(f"{CHANGELIST}?status=all").content.decode()

    for comment in (pending, trashed):  # trash offers "spam"
        assert f'<select name="reason_code_{comment.pk}"' in html
    assert '<option value="">Default reason</option>' in html
    assert '<option value="hate_speech">Hate speech</option>' in html
    assert "Trash records “Other” and Spam records “Spam” unless you choose a reason." in html


def test_the_row_buttons_send_the_rows_reason(mia, moderator, article):
    comment = make_comment(article, status=APPROVED)
    other = make_comment(article, status=APPROVED)

    # The whole change list form is sent: every row's menu, only this comment's counts.
    response = mia.post(
        moderate_url(comment, "trash"), {f"reason_code_{comment.pk}": "harassment", f"reason_code_{other.pk}": "ad"}
    )

    assert response.status_code == 302
    event = CommentEvent.objects.get(comment=comment)
    assert (event.actor, event.to_status, event.reason_code) == (moderator, TRASH, "harassment")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [f"Comment #{comment.pk} moved to the trash. Reason: Harassment."]


@pytest.mark.parametrize(("verb", "code"), [("trash", "other"), ("spam", "spam")])
def test_a_row_button_left_at_the_default_records_the_verbs_own_reason(mia, article, verb, code):
    comment = make_comment(article, status=PENDING)
    mia.post(moderate_url(comment, verb), {f"reason_code_{comment.pk}": ""})
    assert CommentEvent.objects.get(comment=comment).reason_code == code


def test_the_change_page_sends_a_reason_and_an_explanation(mia, article):
    comment = make_comment(article, status=APPROVED)
    html = mia.get(change_url(comment)).content.decode()
    assert f'<select name="reason_code_{comment.pk}"' in html and f'name="reason_{comment.pk}"' in html

    mia.post(
        moderate_url(comment, "spam"),
        {f"reason_code_{comment.pk}": "ad", f"reason_{comment.pk}": "  Sells   watches. "},
        HTTP_REFERER=f"http://testserver{change_url(comment)}",
    )

    event = CommentEvent.objects.get(comment=comment)
    assert (event.to_status, event.reason_code, event.reason) == (SPAM, "ad", "Sells watches.")


def test_an_unknown_reason_is_refused_politely_and_changes_nothing(mia, article):
    comment = make_comment(article, status=APPROVED)

    response = mia.post(moderate_url(comment, "trash"), {f"reason_code_{comment.pk}": "rude"}, follow=True)

    assert response.status_code == 200
    assert "&#x27;rude&#x27; is not a reason for removing a comment; nothing was changed." in response.content.decode()
    assert stored(comment).status == APPROVED
    assert not CommentEvent.objects.exists()


def test_a_bulk_removal_records_the_action_bars_reason_for_each(mia, article):
    comments = [make_comment(article, status=PENDING) for _ in range(3)]
    html = mia.get(CHANGELIST).content.decode()
    assert '<select name="removal_reason_code"' in html and 'name="removal_explanation"' in html

    bulk(mia, "trash_selected", comments, removal_reason_code="misinformation", removal_explanation="Fake cure.")

    events = CommentEvent.objects.filter(to_status=TRASH)
    assert set(events.values_list("reason_code", "reason")) == {("misinformation", "Fake cure.")}
    assert events.count() == 3


def test_a_bulk_spam_without_a_reason_records_spam_and_other_actions_ignore_the_menu(mia, article):
    spam, held = make_comment(article, status=PENDING), make_comment(article, status=PENDING)
    bulk(mia, "spam_selected", [spam], removal_reason_code="")
    bulk(mia, "approve_selected", [held], removal_reason_code="ad")

    assert CommentEvent.objects.get(comment=spam).reason_code == "spam"
    assert CommentEvent.objects.get(comment=held).reason_code == ""


def test_a_bulk_removal_with_an_unknown_reason_changes_nothing(mia, article):
    comments = [make_comment(article, status=PENDING) for _ in range(2)]

    response = bulk(mia, "trash_selected", comments, removal_reason_code="<b>rude</b>")

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["'<b>rude</b>' is not a reason for removing a comment; nothing was changed."]
    assert set(Comment.objects.values_list("status", flat=True)) == {PENDING}
    assert not CommentEvent.objects.exists()


def test_removed_rows_and_the_history_show_the_recorded_reason(mia, moderator, article):
    comment = make_comment(article, status=APPROVED)
    status.change_status(comment, TRASH, by=moderator, reason_code="hate_speech")

    queue = mia.get(f"{CHANGELIST}?status=trash").content.decode()
    page = mia.get(change_url(comment)).content.decode()

    assert '<span class="nr-reason-code">· Hate speech</span>' in queue
    assert "Hate speech" in page  # the history inline's reason code


def test_the_change_page_links_a_removed_comment_to_its_statement(mia, moderator, article):
    pending = make_comment(article, status=PENDING)
    removed = make_comment(article, status=APPROVED)
    status.change_status(removed, TRASH, by=moderator, reason_code="abusive")

    removed_page = mia.get(change_url(removed)).content.decode()
    pending_page = mia.get(change_url(pending)).content.decode()

    # An absolute link, to hand to the writer who asks (signed now, so its time stamp is the page's).
    path = re.search(r'href="https://example\.com(/comments/statement/[^"]+)"', removed_page).group(1)
    assert "Mailed to the writer when it was removed." in removed_page
    assert "/comments/statement/" not in pending_page
    assert "Abusive." in mia.get(path).content.decode()


def test_the_queues_counts_read_indexes_not_every_comment(mia, article, moderator):
    """The tabs' counts (per status, and the reported) come from indexes: at a million comments a scan of
    the comments' rows took most of a second on every page of the queue."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's query plan; PostgreSQL picks plans by the table's size, tiny in a test")
    make_comment(article, status=PENDING)
    reported = make_comment(article, status=APPROVED)
    Comment.objects.filter(pk=reported.pk).update(report_count=1)
    with CaptureQueriesContext(connection) as queries:
        response = mia.get(CHANGELIST)
    counting = [q["sql"] for q in queries if "GROUP BY" in q["sql"] and "newsroom_comments_comment" in q["sql"]]

    assert response.status_code == 200 and counting
    for sql in counting:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = [row[-1] for row in cursor.fetchall()]
        scans = [step for step in plan if step.startswith("SCAN newsroom_comments_comment")]
        assert all("COVERING INDEX" in step for step in scans), plan


def test_the_trash_view_costs_the_same_number_of_queries_with_more_comments(
    mia, moderator, article, django_assert_num_queries
):
    # As the pending view (see above): 1 session, 2 user, 3-4 permissions, 5 counts per status,
    # 6 the page of comments, 7 their articles, 8-9 the article filter. A removed comment's reason
    # is a subquery of the page's own query (6), not a query per row.
    def add(n):
        for i in range(n):
            comment = make_comment(make_article() if i % 2 else article, status=APPROVED)
            status.change_status(comment, TRASH, by=moderator, reason_code="abusive")

    add(3)
    mia.get(f"{CHANGELIST}?status=trash")  # warm the content-type cache
    with django_assert_num_queries(9):
        assert mia.get(f"{CHANGELIST}?status=trash").status_code == 200
    add(10)
    with django_assert_num_queries(9):
        response = mia.get(f"{CHANGELIST}?status=trash")
    assert response.content.decode().count("· Abusive") == 13
