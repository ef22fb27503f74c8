import pytest

from comments import networks


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("203.0.113.9/24", "203.0.113.0/24"),  # host bits cleared, as a moderator types it
        (" 203.0.113.9 ", "203.0.113.9/32"),  # one address
        ("::ffff:203.0.113.9", "203.0.113.9/32"),  # an IPv4 client seen through IPv6
        ("2001:DB8::1/40", "2001:db8::/40"),
        ("198.51.100.0/255.255.255.0", "198.51.100.0/24"),
    ],
)
def test_ranges_are_stored_normalised(typed, stored):
    assert networks.parse_network(typed) == stored


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "not an IP address or range"),
        ("example.net", "not an IP address or range"),
        ("203.0.113.0/33", "not an IP address or range"),
        ("10.0.0.0/8", "too wide"),  # a whole provider and more
        ("2001:db8::/16", "too wide"),
    ],
)
def test_nonsense_and_whole_providers_are_refused(typed, error):
    with pytest.raises(ValueError, match=error):
        networks.parse_network(typed)


def test_an_address_is_in_every_range_a_rule_may_name_around_it():
    around = networks.supernets("203.0.113.9")
    assert around[0] == "203.0.113.9/32" and around[-1] == "203.0.0.0/16"
    assert "203.0.113.0/24" in around and "203.0.112.0/23" in around
    assert "203.0.114.0/24" not in around
    assert len(around) == 17
    assert "2001:db8:1::/48" in networks.supernets("2001:db8:1:2::5")
    assert networks.supernets("::ffff:203.0.113.9") == around
    assert networks.supernets("") == networks.supernets(None) == networks.supernets("nonsense") == []


def test_contains_and_the_suggested_range():
    assert networks.contains("203.0.113.0/24", "203.0.113.200")
    assert not networks.contains("203.0.113.0/24", "203.0.114.1")
    assert not networks.contains("203.0.113.0/24", "2001:db8::1")
    assert not networks.contains("203.0.113.0/24", None)
    assert networks.suggested_network("203.0.113.9") == "203.0.113.0/24"
    assert networks.suggested_network("2001:db8:1:2::5") == "2001:db8:1::/48"
    assert networks.suggested_network("") == ""
