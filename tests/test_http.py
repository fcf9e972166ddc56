"""Tests for fetcher.http: User-Agent, retries, Retry-After, timeouts, limits, circuit breaker."""

from __future__ import annotations

import asyncio
import random
import socket
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp import web

from fetcher.breaker import CircuitBreaker
from fetcher.http import (
    USER_AGENT,
    FetchError,
    HttpClient,
    NotOParl,
    RetryPolicy,
    SourceUnavailable,
    parse_retry_after,
)
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer


class Probe:
    """A tiny local HTTP server recording headers and concurrency, for what OParlServer lacks."""

    def __init__(self) -> None:
        self.user_agents: list[str] = []
        self.active = 0
        self.max_active = 0
        self.runner: web.AppRunner | None = None
        self.base_url = ""

    async def _slow(self, request: web.Request) -> web.Response:
        self.user_agents.append(request.headers.get("User-Agent", ""))
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        await asyncio.sleep(0.05)
        self.active -= 1
        return web.json_response({"ok": True})

    async def __aenter__(self) -> Probe:
        app = web.Application()
        app.router.add_get("/slow", self._slow)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.base_url = f"http://127.0.0.1:{self.runner.addresses[0][1]}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.runner is not None
        await self.runner.cleanup()


@pytest.fixture
async def server() -> AsyncIterator[OParlServer]:
    """Yield a running Karlsruhe OParl server."""
    async with OParlServer("karlsruhe") as srv:
        yield srv


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_user_agent_names_project_and_version() -> None:
    """Every request carries `Ratsbot/<version> (+project URL)`."""
    async with Probe() as probe, HttpClient(allow_networks=LOCAL_NETWORKS) as http:
        await http.get_json(probe.base_url + "/slow")
    assert probe.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("Ratsbot/0.")
    assert USER_AGENT.endswith("(+https://github.com/ratsbot/ratsbot)")


async def test_per_host_limit_caps_concurrent_requests() -> None:
    """Ten parallel GETs to one host never run more than `per_host_limit` at a time."""
    async with (
        Probe() as probe,
        HttpClient(allow_networks=LOCAL_NETWORKS, per_host_limit=2) as http,
    ):
        await asyncio.gather(*(http.get_json(probe.base_url + "/slow") for _ in range(10)))
    assert probe.max_active == 2
    assert http.request_count("127.0.0.1") == 10


async def test_5xx_is_retried_until_success(server: OParlServer) -> None:
    """Two HTTP 500 answers are retried and the third attempt's JSON is returned."""
    server.faults.fail_next = 2
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=3)
    ) as http:
        response, data = await http.get_json(server.system_url)
    assert response.status == 200
    assert data["name"].startswith("Schnittstelle OParl")
    assert server.requests["/oparl/system"] == 3


async def test_gives_up_after_last_attempt_with_status(server: OParlServer) -> None:
    """A server answering 503 every time yields FetchError with status 503 after N attempts."""
    server.faults.fail_next = 99
    server.faults.fail_status = 503
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=3)
    ) as http:
        with pytest.raises(FetchError) as info:
            await http.get_json(server.system_url)
    assert info.value.status == 503
    assert server.requests["/oparl/system"] == 3


async def test_retry_after_header_is_honoured(server: OParlServer) -> None:
    """A 429 with `Retry-After: 1` delays the retry by about a second, not the tiny backoff."""
    server.faults.fail_next = 1
    server.faults.fail_status = 429
    server.faults.retry_after = "1"
    policy = RetryPolicy(attempts=2, base_delay_s=0.001, max_delay_s=0.01, max_retry_after_s=5)
    async with HttpClient(allow_networks=LOCAL_NETWORKS, retry=policy) as http:
        started = time.monotonic()
        response, _ = await http.get_json(server.system_url)
        took = time.monotonic() - started
    assert response.status == 200
    assert 1.0 <= took < 3.0


def test_retry_after_parses_seconds_and_http_dates() -> None:
    """Retry-After is read as delta-seconds or as an HTTP-date relative to now."""
    now = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Sun, 01 Mar 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    """Delays double per attempt, jitter adds at most the configured fraction, Retry-After wins."""
    policy = RetryPolicy(base_delay_s=2.0, max_delay_s=60.0, jitter=0.5)
    rand = random.Random(1)
    delays = [policy.delay_s(n, None, rand) for n in (1, 2, 3)]
    assert 2.0 <= delays[0] <= 3.0
    assert 4.0 <= delays[1] <= 6.0
    assert 8.0 <= delays[2] <= 12.0
    assert policy.delay_s(1, 30.0, rand) == 30.0
    assert policy.delay_s(9, None, rand) <= 90.0


async def test_timeout_is_retried(server: OParlServer) -> None:
    """A request that hangs past the timeout is retried and the next attempt succeeds."""
    server.faults.hang_next = 1
    server.faults.hang_s = 1.0
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, timeout_s=0.3, retry=RetryPolicy.fast(attempts=2)
    ) as http:
        response, _ = await http.get_json(server.system_url)
    assert response.status == 200
    assert server.requests["/oparl/system"] == 2


async def test_connection_refused_becomes_fetch_error() -> None:
    """A port nobody listens on gives FetchError after the retries, not a raw aiohttp error."""
    url = f"http://127.0.0.1:{_free_port()}/oparl/system"
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=2)
    ) as http:
        with pytest.raises(FetchError, match="ClientConnectorError"):
            await http.get_json(url)
    assert http.request_count() == 2


async def test_truncated_json_is_retried_then_not_oparl(server: OParlServer) -> None:
    """JSON cut short is retried like a 5xx; cut short every time it is NotOParl."""
    server.faults.truncate_next = 1
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=2)
    ) as http:
        _, data = await http.get_json(server.system_url)
        assert data["type"].endswith("/System")
        server.faults.truncate_next = 5
        with pytest.raises(NotOParl, match="invalid JSON"):
            await http.get_json(server.system_url)


async def test_404_is_returned_not_retried(server: OParlServer) -> None:
    """A 404 is a definite answer: returned to the caller after one request."""
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=3)
    ) as http:
        response, data = await http.get_json(server.url("/oparl/nothing-here"))
    assert response.status == 404
    assert data["type"].endswith("/Error")
    assert server.requests["/oparl/nothing-here"] == 1


def test_circuit_breaker_opens_half_opens_and_grows_cooldown() -> None:
    """N failures open the breaker; after the cooldown one trial; a failed trial doubles it."""
    now = [1000.0]
    breaker = CircuitBreaker(failure_threshold=3, base_cooldown_s=60, clock=lambda: now[0])
    for _ in range(2):
        breaker.record_failure("HTTP 500")
    assert breaker.state == "closed"
    breaker.record_failure("HTTP 500")
    assert breaker.snapshot().state == "open"
    assert not breaker.allow()
    assert breaker.snapshot().retry_in_s == 60.0
    now[0] += 61
    assert breaker.snapshot().state == "half_open"
    assert breaker.allow()
    breaker.record_failure("HTTP 500")
    assert breaker.snapshot().retry_in_s == 120.0
    assert breaker.snapshot().trips == 2
    now[0] += 121
    breaker.record_success()
    assert breaker.snapshot().state == "closed"
    assert breaker.snapshot().consecutive_failures == 0


async def test_open_breaker_rejects_without_sending_and_other_sources_go_on(
    server: OParlServer,
) -> None:
    """A failing source is cut off (SourceUnavailable, no request) while another source works."""
    now = [0.0]

    def breaker() -> CircuitBreaker:
        return CircuitBreaker(failure_threshold=2, base_cooldown_s=60, clock=lambda: now[0])

    server.faults.dead_prefixes["/dead/"] = 500
    dead = server.url("/dead/oparl/system")
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.off(), breaker_factory=breaker
    ) as http:
        for _ in range(2):
            with pytest.raises(FetchError):
                await http.get_json(dead, source="leipzig")
        sent = server.requests["/dead/oparl/system"]
        with pytest.raises(SourceUnavailable, match="circuit open for leipzig"):
            await http.get_json(dead, source="leipzig")
        assert server.requests["/dead/oparl/system"] == sent == 2
        snapshot = http.breaker("leipzig").snapshot()
        assert snapshot.state == "open"
        assert snapshot.last_error == "HTTP 500"
        response, _ = await http.get_json(server.system_url, source="karlsruhe")
        assert response.status == 200
        server.faults.dead_prefixes.clear()
        now[0] += 61
        response, _ = await http.get_json(dead.replace("/dead", ""), source="leipzig")
        assert response.status == 200
        assert http.breaker("leipzig").state == "closed"


async def test_faults_dataclass_defaults_behave() -> None:
    """A fresh Faults switches nothing on, so every fault in a test is explicit."""
    faults = Faults()
    assert faults.fail_next == 0
    assert faults.latency_s == 0.0
    assert not faults.pagination_loop
