"""django-axes: five wrong passwords for one username from one IP lock that pair out of the admin for an hour."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import make_user

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "the right one, long enough"


@pytest.fixture
def editor(db, settings):
    settings.AXES_ENABLED = True
    return make_user(username="eddie", password=PASSWORD, groups=["Editors"])


def attempt(client, password, ip="203.0.113.5"):
    return client.post(LOGIN, {"username": "eddie", "password": password}, REMOTE_ADDR=ip)


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(client, editor):
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert attempt(client, "wrong").status_code == 429  # the fifth failure reaches the limit
    locked = attempt(client, PASSWORD)
    assert locked.status_code == 429
    assert "locked" in locked.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_ip_so_the_owner_elsewhere_still_gets_in(client, editor):
    for _ in range(5):
        attempt(client, "wrong")
    response = attempt(client, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_lock_lifts_after_an_hour(client, editor):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            attempt(client, "wrong")
        assert attempt(client, PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=61))
        assert attempt(client, PASSWORD).status_code == 302


def test_a_good_login_works_and_clears_earlier_failures(client, editor):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200


def test_client_login_still_works_in_tests_with_axes_off(client, editor, settings):
    settings.AXES_ENABLED = False
    assert client.login(username="eddie", password=PASSWORD)
