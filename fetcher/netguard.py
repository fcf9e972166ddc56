"""Which addresses the bot may connect to, checked after DNS resolution. Resolver does DNS I/O.

URLs in OParl data come from servers the bot does not control: a File's accessUrl, a list's
`next` link or a redirect could point at 127.0.0.1, an admin interface on the LAN or a cloud
metadata service (169.254.169.254). So every host name is resolved first, each address is
checked, and the connection goes to a checked address only (`GuardedResolver`, used by the
session's connector); literal IP hosts never reach a resolver and are checked by `url_refusal`.
The operator can allow networks explicitly (`HTTP_ALLOW_NETWORKS`, for local servers and tests).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Cloud metadata services (AWS, GCP, Azure, OpenStack; AWS's IPv6 endpoint). Both lie in
# networks refused anyway (link-local, unique-local); named so the refusal says what they are.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)


class NetworkListError(ValueError):
    """Raised when an allow-list entry is not a network in CIDR notation."""


def parse_networks(entries: str | Iterable[str]) -> tuple[IPNetwork, ...]:
    """Return networks from comma-separated CIDRs (or a list of them); raise NetworkListError."""
    items = entries.split(",") if isinstance(entries, str) else entries
    out: list[IPNetwork] = []
    for item in items:
        text = item.strip()
        if not text:
            continue
        try:
            out.append(ipaddress.ip_network(text, strict=False))
        except ValueError as exc:
            raise NetworkListError(f"kein Netz in CIDR-Schreibweise: {text!r}") from exc
    return tuple(out)


@dataclass(frozen=True)
class AddressPolicy:
    """Refuse non-public addresses unless they lie in an explicitly allowed network."""

    allow: tuple[IPNetwork, ...] = ()

    @classmethod
    def allowing(cls, entries: str | Iterable[str]) -> AddressPolicy:
        """Return a policy allowing the given CIDRs (see `parse_networks`)."""
        return cls(parse_networks(entries))

    def refusal(self, address: str | IPAddress) -> str | None:
        """Return why the bot must not connect to `address`, or None when it may."""
        try:
            ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        except ValueError:
            return f"keine IP-Adresse: {address!r}"
        if isinstance(ip, ipaddress.IPv6Address):
            if ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            elif ip.scope_id:
                ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        if any(ip in net for net in self.allow):
            return None
        reason = address_kind(ip)
        return None if reason is None else f"{reason} address {ip}"


def address_kind(ip: IPAddress) -> str | None:
    """Return which refused class an address belongs to ("loopback", …), None for public ones."""
    if ip in METADATA_ADDRESSES:
        return "metadata"
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return name
    # Shared address space (100.64/10, carrier NAT) and the like: not private, not global either.
    return None if ip.is_global else "non-public"


def url_refusal(url: str | URL, policy: AddressPolicy) -> str | None:
    """Return why a URL must not be requested (scheme, literal IP host), or None when it may.

    Host names pass here; their addresses are checked by `GuardedResolver` after resolution.
    """
    parsed = url if isinstance(url, URL) else URL(url, encoded=True)
    if parsed.scheme.lower() not in ALLOWED_SCHEMES:
        return f"scheme {parsed.scheme or 'none'!r} is not http(s)"
    host = parsed.raw_host
    if not host:
        return "URL without host"
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    return policy.refusal(ip)


class BlockedAddress(OSError):
    """Raised by GuardedResolver when every address of a host name is refused.

    An OSError, so aiohttp wraps it like any DNS failure (ClientConnectorDNSError); HttpClient
    recognises it by `__cause__` and reports the request as refused, not as a network error.
    """


class GuardedResolver(AbstractResolver):
    """Resolve with aiohttp's default resolver, then drop every refused address."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Return the allowed addresses of `host`; raise BlockedAddress when none is left."""
        results = await self._inner.resolve(host, port, family)
        allowed = [r for r in results if self.policy.refusal(r["host"]) is None]
        if not allowed:
            reasons = sorted({str(self.policy.refusal(r["host"])) for r in results})
            raise BlockedAddress(f"{host} resolves only to refused addresses: {', '.join(reasons)}")
        return allowed

    async def close(self) -> None:
        """Close the wrapped resolver."""
        await self._inner.close()


def safe_link(url: str | None) -> str | None:
    """Return `url` if it may become a link in a message (absolute http(s) with a host), else None.

    OParl data is not trusted: a `tg://` or `javascript:` URL in a paper must not turn into a
    live link in a push (Telegram renders `tg://` links as actions).
    """
    if not url:
        return None
    text = url.strip()
    try:
        parsed = URL(text, encoded=True)
    except (ValueError, TypeError):
        return None
    if parsed.scheme.lower() not in ALLOWED_SCHEMES or not parsed.raw_host:
        return None
    return text
