"""``reverse()`` remembered (articles.addresses)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from articles import addresses


@pytest.fixture(autouse=True)
def script_prefix():
    yield
    set_script_prefix("/")


def test_the_same_address_as_django_gives():
    assert addresses.reverse("articles:home") == reverse("articles:home")
    assert addresses.reverse("articles:category", kwargs={"path": "news/world"}) == "/news/world/"
    assert addresses.reverse("comments-like", args=[7]) == reverse("comments-like", args=[7])


def test_an_address_is_worked_out_once(monkeypatch):
    addresses.forget()
    addresses.reverse("articles:tag", kwargs={"slug": "floods"})
    calls = []
    monkeypatch.setattr(addresses, "django_reverse", lambda *args, **kwargs: calls.append(args) or "/changed/")

    assert addresses.reverse("articles:tag", kwargs={"slug": "floods"}) == "/tag/floods/"
    assert calls == []


def test_the_script_prefix_and_the_urlconf_are_part_of_the_key(settings):
    before = addresses.reverse("articles:home")
    set_script_prefix("/site/")
    assert addresses.reverse("articles:home") == "/site/" + before.lstrip("/")
    set_script_prefix("/")
    settings.ROOT_URLCONF = "tests.plugin.urls"
    assert addresses.reverse("articles:home") == reverse("articles:home")


def test_unknown_names_fail_as_in_django_and_are_not_kept():
    with pytest.raises(NoReverseMatch):
        addresses.reverse("articles:no-such-page")


def test_arguments_that_cannot_be_a_key_are_reversed_afresh():
    assert addresses.reverse("articles:category", kwargs={"path": "news"}) == "/news/"
    with pytest.raises(NoReverseMatch):
        addresses.reverse("articles:category", kwargs={"path": ["news"]})


def test_at_most_max_kept_addresses_are_kept(monkeypatch):
    monkeypatch.setattr(addresses, "MAX_KEPT", 3)
    addresses.forget()
    for slug in ("a", "b", "c", "d", "e"):
        assert addresses.reverse("articles:tag", kwargs={"slug": slug}) == f"/tag/{slug}/"
        assert len(addresses._kept) <= 3
    addresses.forget()
