"""The visitor's address, as far as we can trust it.

REMOTE_ADDR is the peer that opened the connection. Behind a load balancer that peer is the
balancer, so `X-Forwarded-For` is read, but only when the peer is a proxy we were told to trust
(`TRUSTED_PROXIES`): otherwise any client could pick its own address and escape rate limits.
The address used is the right-most one in the chain that is not a trusted proxy.

IPv6 clients are grouped by their /64 network: one host is routinely given a whole /64, so
counting single addresses would let it rotate through billions of them.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"
IPV6_GROUP_PREFIX = 64
MAX_FORWARDED_ENTRIES = 20


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _trusted_networks():
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _parse(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's IP address, following X-Forwarded-For only through trusted proxies."""
    peer = _parse(request.META.get("REMOTE_ADDR"))
    networks = _trusted_networks()
    if peer is None or not networks or not _is_trusted(peer, networks):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [item for item in forwarded.split(",") if item.strip()][-MAX_FORWARDED_ENTRIES:]
    for raw in reversed(hops):
        address = _parse(raw)
        if address is None:
            return peer  # a malformed chain: trust nothing beyond our own proxy
        if not _is_trusted(address, networks):
            return address
    return peer


def client_ip(request: HttpRequest) -> str | None:
    """The address as text, or None when there is none (django-axes stores it in an address
    column, which refuses anything but an address; Django's force_login makes requests without)."""
    address = client_address(request)
    return str(address) if address is not None else None


def client_bucket(request: HttpRequest) -> str:
    """The key one client's requests are counted under: an IPv4 address or an IPv6 /64."""
    address = client_address(request)
    if address is None:
        return UNKNOWN
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.ip_network(f"{address}/{IPV6_GROUP_PREFIX}", strict=False)
        return str(network)
    return str(address)
