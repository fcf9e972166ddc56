"""Tests for the address guard: only http(s), no internal addresses after DNS, ≤ 5 redirects."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from fetcher.download import classify_failure, download_pdf
from fetcher.http import MAX_REDIRECTS, HttpClient, Refused, RetryPolicy
from fetcher.netguard import (
    AddressPolicy,
    NetworkListError,
    parse_networks,
    safe_link,
    url_refusal,
)
from fetcher.oparl import OParlClient
from standins.oparl_server import LOCAL_NETWORKS, OParlServer


class Hops:
    """A local server on one loopback address: `/hop/N` redirects N times, `/to?u=` once to u."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.requests = 0
        self.runner: web.AppRunner | None = None
        self.base_url = ""

    async def _hop(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        left = int(request.match_info["n"])
        if left == 0:
            return web.json_response({"arrived": True})
        raise web.HTTPFound(f"/hop/{left - 1}")

    async def _to(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        raise web.HTTPFound(request.query["u"])

    async def __aenter__(self) -> Hops:
        app = web.Application()
        app.router.add_get("/hop/{n}", self._hop)
        app.router.add_get("/to", self._to)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, self.host, 0).start()
        self.base_url = f"http://{self.host}:{self.runner.addresses[0][1]}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.runner is not None
        await self.runner.cleanup()


@pytest.fixture
async def server() -> AsyncIterator[OParlServer]:
    """Yield a running Karlsruhe OParl server on 127.0.0.1."""
    async with OParlServer("karlsruhe") as srv:
        yield srv


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.5.4", "private"),
        ("192.168.178.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.10.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "non-public"),
    ],
)
def test_internal_addresses_are_refused(address: str, kind: str) -> None:
    """Each class of internal address is refused by default and named in the reason."""
    reason = AddressPolicy().refusal(address)
    assert reason is not None
    assert reason.startswith(f"{kind} address")


@pytest.mark.parametrize("address", ["141.52.1.10", "2001:638:208:fd00::1", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    """Public IPv4 and IPv6 addresses (here: a university, DFN, a resolver) are allowed."""
    assert AddressPolicy().refusal(address) is None


def test_allow_list_opens_only_its_networks() -> None:
    """HTTP_ALLOW_NETWORKS opens exactly the listed networks, nothing beside them."""
    policy = AddressPolicy.allowing("10.0.0.0/8, 127.0.0.0/8")
    assert policy.refusal("10.200.1.1") is None
    assert policy.refusal("127.0.0.5") is None
    assert policy.refusal("192.168.1.1") is not None
    assert policy.refusal("169.254.169.254") is not None


def test_bad_allow_list_entry_names_itself() -> None:
    """A malformed CIDR is rejected with the offending entry in the message."""
    with pytest.raises(NetworkListError, match=r"10\.0\.0\.0/33"):
        parse_networks("127.0.0.0/8,10.0.0.0/33")


@pytest.mark.parametrize(
    "url",
    ["tg://resolve?domain=x", "file:///etc/passwd", "ftp://example.org/a.pdf", "javascript:x"],
)
def test_only_http_and_https_urls(url: str) -> None:
    """URLs with any scheme other than http(s) are refused before any connection."""
    reason = url_refusal(url, AddressPolicy())
    assert reason is not None
    assert "not http(s)" in reason


async def test_default_client_refuses_loopback_server(server: OParlServer) -> None:
    """Without an allow-list the local server on 127.0.0.1 is refused and never reached."""
    async with HttpClient(retry=RetryPolicy.off()) as http:
        with pytest.raises(Refused, match="loopback"):
            await http.get_json(server.system_url)
    assert sum(server.requests.values()) == 0


async def test_host_name_is_checked_after_dns(server: OParlServer) -> None:
    """`localhost` is refused after resolution, although its name looks harmless."""
    url = server.system_url.replace("127.0.0.1", "localhost")
    async with HttpClient(retry=RetryPolicy.off()) as http:
        with pytest.raises(Refused, match="loopback"):
            await http.get_json(url)
    assert sum(server.requests.values()) == 0


async def test_redirect_into_refused_network_is_not_followed() -> None:
    """An allowed server redirecting to another loopback address: the hop is refused, unsent."""
    async with Hops("127.0.0.1") as front, Hops("127.0.0.2") as inner:
        async with HttpClient(allow_networks="127.0.0.1/32", retry=RetryPolicy.off()) as http:
            with pytest.raises(Refused, match=r"127\.0\.0\.2"):
                await http.get_json(f"{front.base_url}/to?u={inner.base_url}/hop/0")
        assert front.requests == 1
        assert inner.requests == 0


async def test_redirect_to_metadata_service_is_refused() -> None:
    """A redirect to 169.254.169.254 ends in Refused without a connection attempt."""
    async with (
        Hops("127.0.0.1") as front,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.off()) as http,
    ):
        with pytest.raises(Refused, match="metadata"):
            await http.get(f"{front.base_url}/to?u=http://169.254.169.254/latest/meta-data/")


async def test_redirect_to_other_scheme_is_refused() -> None:
    """A redirect to a `file:` URL is refused."""
    async with (
        Hops("127.0.0.1") as front,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.off()) as http,
    ):
        with pytest.raises(Refused, match="not http"):
            await http.get(f"{front.base_url}/to?u=file:///etc/passwd")


async def test_five_redirects_are_followed_six_are_not() -> None:
    """Five hops reach the target; a sixth redirect is refused."""
    assert MAX_REDIRECTS == 5
    async with (
        Hops("127.0.0.1") as hops,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.off()) as http,
    ):
        response, data = await http.get_json(f"{hops.base_url}/hop/5")
        assert data == {"arrived": True}
        assert response.url.endswith("/hop/0")
        assert hops.requests == 6
        with pytest.raises(Refused, match="more than 5 redirects"):
            await http.get_json(f"{hops.base_url}/hop/6")


def _files_in(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


async def test_file_on_internal_address_gets_refused_status(tmp_path: Path) -> None:
    """A File whose accessUrl redirects to an internal address ends as `download_refused`."""
    async with Hops("127.0.0.2") as inner, Hops("127.0.0.1") as front:
        target = f"{front.base_url}/to?u={inner.base_url}/hop/0"
        async with HttpClient(allow_networks="127.0.0.1/32", retry=RetryPolicy.off()) as http:
            with pytest.raises(Refused) as caught:
                await download_pdf(http, target, dest_dir=tmp_path)
        failure = classify_failure(caught.value)
        assert (failure.status, failure.transient) == ("download_refused", False)
        assert inner.requests == 0
        assert _files_in(tmp_path) == []


async def test_oparl_next_link_to_internal_host_is_refused(server: OParlServer) -> None:
    """A list page read through the client refuses a metadata `next` link before sending."""
    async with HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.off()) as http:
        client = OParlClient(http, source="karlsruhe")
        with pytest.raises(Refused, match="metadata"):
            await client.get_json("http://169.254.169.254/oparl/papers?page=2")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://ratsinfo.leipzig.de/bi/vo020.asp?VOLFDNR=1",
            "https://ratsinfo.leipzig.de/bi/vo020.asp?VOLFDNR=1",
        ),
        ("http://example.org/a.pdf", "http://example.org/a.pdf"),
        ("tg://resolve?domain=evil", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("/relative/path.pdf", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_link_only_http_and_https(url: str | None, expected: str | None) -> None:
    """Only absolute http(s) URLs may become links in a message."""
    assert safe_link(url) == expected
