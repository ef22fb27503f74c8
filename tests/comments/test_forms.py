import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django_comments.forms import CommentSecurityForm

from comments.forms import CommentForm
from tests.comments.reader_helpers import form_data, security_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


def bound(article, **overrides):
    return CommentForm(article, data=form_data(article, **overrides))


def test_a_complete_form_is_valid(article):
    form = bound(article, url="example.org/me")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://example.org/me"
    assert form.cleaned_data["reply_to"] == 0
    assert 25 <= form.seconds_on_form() <= 60


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "n" * 101),
        ("email", "nope"),
        ("email", "x" * 245 + "@example.com"),
        ("url", "javascript:alert(1)"),
        ("url", "JavaScript:alert(1)"),
        ("url", "data:text/html;base64,PHNjcmlwdD4="),
        ("url", "ftp://example.com/"),
        ("url", "https://example.com/" + "a" * 181),
        ("comment", "x" * 10_001),
        ("comment", "   "),
        ("reply_to", "-1"),
        ("reply_to", str(2**31)),
    ],
)
def test_bad_values_are_refused(article, field, value):
    form = bound(article, **{field: value})

    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "n" * 50), ("email", "x" * 242 + "@example.com"), ("comment", "x" * 10_000), ("url", "")],
)
def test_values_at_the_limits_are_accepted(article, field, value):
    assert bound(article, **{field: value}).is_valid()


def test_the_comment_limit_follows_the_setting(article, settings):
    settings.COMMENT_MAX_LENGTH = 20

    assert not bound(article, comment="x" * 21).is_valid()


def test_a_forged_hash_is_a_security_error(article):
    form = bound(article, security_hash="f" * 40)

    assert not form.is_valid()
    assert "security_hash" in form.security_errors()
    assert not form.is_expired()


def test_a_day_old_form_is_expired_and_can_be_reissued(article):
    data = {**form_data(article), **security_data(article, age=86_401)}
    form = CommentForm(article, data=data)

    assert not form.is_valid()
    assert form.is_expired()
    form.with_fresh_security_data()
    assert CommentForm(article, data=form.data).is_valid()
    assert form.data["comment"] == data["comment"]


def test_the_honeypot_is_named_by_the_setting_and_never_required(article, settings):
    settings.NEWSROOM_SPAM_HONEYPOT_FIELD = "fax_number"

    form = CommentForm(article, data=form_data(article, fax_number="123"))

    assert form.is_valid()
    assert form.honeypot_name == "fax_number"
    assert form.cleaned_data["fax_number"] == "123"
    assert 'tabindex="-1"' in str(form.honeypot_field)


def test_remember_me_and_followup_start_unticked(article):
    form = CommentForm(article)

    assert "checked" not in str(form["remember"])
    assert "checked" not in str(form["followup"])
    assert form["remember"].label == "Save my name, e-mail and website in this browser for the next time I comment."


def test_signed_in_readers_have_no_name_email_or_remember_fields(article):
    form = CommentForm(article, user=User(username="ada"))

    assert {"name", "email", "url", "remember"}.isdisjoint(form.fields)
    assert form.signed_in


def test_anonymous_users_get_the_full_form(article):
    form = CommentForm(article, user=AnonymousUser())

    assert {"name", "email", "url", "remember"} <= set(form.fields)
    assert [f.name for f in form.visible_detail_fields] == ["name", "email", "url"]


def test_the_shared_forms_security_data_is_what_the_form_itself_makes(article):
    from comments.forms import security_data as shared_security_data

    with time_machine.travel(timezone.now(), tick=False):
        made = shared_security_data(article)
        assert made == CommentSecurityForm(article).initial
    # ... and the form takes it back.
    form = CommentForm(article, data={**form_data(article), **made})
    assert form.is_valid(), form.errors
