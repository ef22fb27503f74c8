"""IP addresses and address ranges, as moderators type them and as commenter rules match them.

A rule names a range in CIDR form ("203.0.113.0/24", "2001:db8::/32"), stored
normalised (host bits cleared). A poster's address matches it when the range
is one of the networks enclosing the address at a prefix length a rule may
have, so matching is an indexed ``IN`` on the stored text, the same on every
database::

    parse_network("203.0.113.9/24")     # "203.0.113.0/24"
    parse_network("203.0.113.9")        # "203.0.113.9/32": one address
    "203.0.113.0/24" in supernets("203.0.113.9")   # True
    suggested_network("203.0.113.9")    # "203.0.113.0/24", the household or office it comes from

Ranges wider than ``MIN_PREFIX`` (a /16 of IPv4, a /32 of IPv6) would shut
out whole providers, so they are refused.
"""

import ipaddress

#: The widest range a rule may name, per IP version.
MIN_PREFIX = {4: 16, 6: 32}
#: The range :func:`suggested_network` offers: one household, office or customer of a provider.
SUGGESTED_PREFIX = {4: 24, 6: 48}


def address(value):
    """``value`` as an :mod:`ipaddress` address (an IPv4-mapped IPv6 address as IPv4), or ``None``."""
    try:
        ip = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:  # "::ffff:203.0.113.7" is an IPv4 client
        ip = ip.ipv4_mapped
    return ip


def parse_network(text):
    """The range ``text`` names, normalised ("203.0.113.0/24"); raises ``ValueError`` with a reason to show."""
    text = (text or "").strip()
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise ValueError(f"{text!r} is not an IP address or range such as 203.0.113.0/24.") from None
    if network.version == 6 and network.network_address.ipv4_mapped and network.prefixlen >= 96:
        network = ipaddress.ip_network((network.network_address.ipv4_mapped, network.prefixlen - 96))
    widest = MIN_PREFIX[network.version]
    if network.prefixlen < widest:
        raise ValueError(f"/{network.prefixlen} is too wide a range: a rule may name a /{widest} at most.")
    return str(network)


def supernets(value):
    """The ranges a rule may name that hold the address ``value``, narrowest first ([] for no address)."""
    ip = address(value)
    if ip is None:
        return []
    return [
        str(ipaddress.ip_network((int(ip), prefix), strict=False))
        for prefix in range(ip.max_prefixlen, MIN_PREFIX[ip.version] - 1, -1)
    ]


def contains(network, value):
    """Whether the range ``network`` (as stored) holds the address ``value``."""
    ip = address(value)
    return ip is not None and ip in ipaddress.ip_network(network)


def suggested_network(value):
    """The range a moderator most likely means for the address ``value`` ("" for no address)."""
    ip = address(value)
    if ip is None:
        return ""
    return str(ipaddress.ip_network((int(ip), SUGGESTED_PREFIX[ip.version]), strict=False))
