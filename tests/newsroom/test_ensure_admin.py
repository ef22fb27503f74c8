import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def ensure_admin(*args):
    out = StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


def printed_password(output):
    return re.search(r"Password:\s+(\S+)", output).group(1)


def test_creates_a_superuser_with_a_random_password_and_says_how_to_log_in(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    output = ensure_admin()
    user = User.objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert "Log in at: http://127.0.0.1:8000/admin/" in output
    assert "Username:  admin" in output
    password = printed_password(output)
    assert len(password) >= 16
    assert user.check_password(password)


def test_passwords_are_never_the_same_twice():
    first = printed_password(ensure_admin())
    User.objects.all().delete()
    assert printed_password(ensure_admin()) != first


def test_running_again_changes_nothing_and_says_how_to_reset():
    password = printed_password(ensure_admin())
    output = ensure_admin()
    assert "exists already" in output
    assert "manage.py changepassword admin" in output
    assert "Password:" not in output
    assert User.objects.count() == 1
    assert User.objects.get().check_password(password)


def test_username_and_site_address_options():
    output = ensure_admin("--username", "chief", "--base-url", "https://news.example/")
    assert User.objects.get().username == "chief"
    assert "Log in at: https://news.example/admin/" in output
    assert "manage.py changepassword chief" in ensure_admin("--username", "chief")


def test_refuses_an_existing_account_that_is_not_a_superuser():
    User.objects.create_user("admin", password="whatever-it-is")
    with pytest.raises(CommandError, match="not a superuser"):
        ensure_admin()
    assert not User.objects.get().is_superuser


def test_the_login_link_follows_the_port_make_run_serves_on(monkeypatch):
    monkeypatch.setenv("PORT", "8080")
    assert "Log in at: http://127.0.0.1:8080/admin/" in ensure_admin()
