"""The site-wide list of commenter rules in the admin (comments.admin_rules)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from comments import commenters
from comments.commenters import Commenter
from comments.models import CommenterRule
from tests.factories import make_user

pytestmark = pytest.mark.django_db

RULES = reverse("admin:newsroom_comments_commenterrule_changelist")
RECORD = reverse("admin:newsroom_comments_comment_commenter")


@pytest.fixture
def mia(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def rules(moderator):
    """A ban by address until a date, a hold on a domain, a lifted ban of an account, one past its end."""
    ann = Commenter.for_email("ann@example.net")
    ada = Commenter.for_account(User.objects.create_user("ada", email="ada@example.com"))
    banned = commenters.add_rule(
        ann, kind="ban", match="email", by=moderator, reason_code="spam", ends_at=timezone.now() + timedelta(days=3)
    )
    held = commenters.add_rule(ann, kind="hold", match="domain", by=moderator)
    lifted = commenters.add_rule(ada, kind="ban", match="account", by=moderator, reason_code="abusive")
    commenters.lift(lifted, on=ada, by=moderator)
    over = commenters.add_rule(ann, kind="trust", match="email", by=moderator)
    CommenterRule.objects.filter(pk=over.pk).update(ends_at=timezone.now() - timedelta(days=1))
    return {"banned": banned, "held": held, "lifted": lifted, "over": over, "ada": ada.user}


def listed(client, **params):
    response = client.get(RULES, params)
    assert response.status_code == 200
    return {rule.pk for rule in response.context["cl"].result_list}, response.content.decode()


def test_moderators_see_every_rule_with_a_link_to_each_record(mia, rules):
    found, html = listed(mia)

    assert found == {rules[name].pk for name in ("banned", "held", "lifted", "over")}
    assert "e-mail ann@example.net" in html and "e-mail domain example.net" in html and "account ada" in html
    states = re.findall(r'<td class="field-state">([^<]*)</td>', html)
    assert sorted(states) == ["in force", "in force", "lifted by mia", "over"]
    assert '<td class="field-reason_code">Spam</td>' in html
    assert f'href="{RECORD}?email=ann%40example.net"' in html
    assert f'href="{RECORD}?user={rules["ada"].pk}"' in html
    assert "?email=example.net" not in html  # a domain has no record page


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"kind": "ban"}, {"banned", "lifted"}),
        ({"in_force": "yes"}, {"banned", "held"}),
        ({"in_force": "no"}, {"lifted", "over"}),
        ({"q": "example.net"}, {"banned", "held", "over"}),
        ({"q": "ada@example.com"}, {"lifted"}),
    ],
)
def test_filters_and_search(mia, rules, params, names):
    found, _html = listed(mia, **params)
    assert found == {rules[name].pk for name in names}


def test_the_list_only_reads(mia, rules):
    banned = rules["banned"]
    change = reverse("admin:newsroom_comments_commenterrule_change", args=[banned.pk])
    delete = reverse("admin:newsroom_comments_commenterrule_delete", args=[banned.pk])

    add = mia.post(reverse("admin:newsroom_comments_commenterrule_add"), {"kind": "ban", "email_key": "x@y.example"})
    assert add.status_code == 403
    assert mia.get(change).status_code == 200  # shown read-only
    assert mia.post(change, {"kind": "trust", "note": "changed"}).status_code == 403
    assert mia.post(delete, {"post": "yes"}).status_code == 403
    assert CommenterRule.objects.count() == 4
    banned.refresh_from_db()
    assert (banned.kind, banned.note) == ("ban", "")
    _found, html = listed(mia)
    assert 'name="action"' not in html and "Add commenter rule" not in html


def test_without_the_view_permission_the_list_is_forbidden(client):
    """Least privilege: seeing comments is not seeing the site's rules."""
    vic = make_user(username="vic")
    vic.user_permissions.add(
        Permission.objects.get(codename="view_comment", content_type__app_label="newsroom_comments")
    )
    client.force_login(vic)
    assert client.get(RULES).status_code == 403

    client.force_login(make_user(username="wes", groups=["Writers"]))
    assert client.get(RULES).status_code == 403


def test_the_list_costs_the_same_number_of_queries_with_more_rows(mia, moderator, rules, django_assert_num_queries):
    def count_queries():
        # 1 session, 2 the moderator, 3-4 their permissions (their own, their groups'),
        # 5 the rules counted (the page's count), 6 all rules counted (the "N total" beside a filter),
        # 7 the page of rules with the accounts they name.
        with django_assert_num_queries(7):
            response = mia.get(RULES)
        assert response.status_code == 200
        return response

    mia.get(RULES)  # warm the content-type cache
    count_queries()

    for i in range(10):
        someone = Commenter.for_account(User.objects.create_user(f"user{i}", email=f"user{i}@example.org"))
        commenters.add_rule(someone, kind="ban", match="account", by=moderator, reason_code="spam")
    assert len(count_queries().context["cl"].result_list) == 14
