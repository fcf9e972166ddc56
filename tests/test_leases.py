"""Several fetch workers split the Kommunen through SyncState leases (PostgreSQL and SQLite)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from storage import syncstate
from storage.models import Paper

KOMMUNEN = 4
ROUNDS = 3


@pytest.fixture
async def servers() -> AsyncIterator[list[OParlServer]]:
    async with AsyncExitStack() as stack:
        yield [
            await stack.enter_async_context(
                OParlServer("leipzig-allris-net", faults=Faults(latency_s=0.05))
            )
            for _ in range(KOMMUNEN)
        ]


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


async def test_two_workers_never_sync_one_kommune_at_once(
    db_url: str, servers: list[OParlServer]
) -> None:
    """Two workers polling the same Kommunen concurrently: no Kommune is synced by both at
    once, every Kommune is synced in every round, and nothing is stored twice."""
    endpoints = [
        Endpoint(f"Kommune {n}", f"kommune-{n}", (server.system_url,))
        for n, server in enumerate(servers)
    ]
    async with (
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
        ParserPool(size=1) as parser,
    ):
        workers = [
            SyncService(
                http,
                parser,
                endpoints if n == 0 else list(reversed(endpoints)),
                first_sync_since=date(2014, 1, 1),
                lease_owner=f"worker-{n}",
            )
            for n in range(2)
        ]
        for _ in range(ROUNDS):
            reports = await asyncio.gather(*(w.sync_all() for w in workers))
            synced = {k.source for r in reports for k in r.kommunen if not k.skipped}
            assert synced == {e.slug for e in endpoints}
            assert all(k.ok for r in reports for k in r.kommunen if not k.skipped)
    for slug in (e.slug for e in endpoints):
        mine = [(s, e) for name, s, e in workers[0].history if name == slug]
        theirs = [(s, e) for name, s, e in workers[1].history if name == slug]
        assert not any(_overlaps(a, b) for a in mine for b in theirs), slug
    assert await Paper.all().count() == KOMMUNEN  # one real paper per served Kommune, once each


async def test_lease_of_a_dead_worker_expires(db_url: str) -> None:
    """A lease blocks other workers until it expires; then another worker takes it over."""
    now = datetime.now(UTC)
    ttl = timedelta(minutes=15)
    assert await syncstate.acquire_lease("leipzig", "lease", "worker-a", now, ttl=ttl)
    assert not await syncstate.acquire_lease("leipzig", "lease", "worker-b", now, ttl=ttl)
    # the holder renews its own lease
    assert await syncstate.acquire_lease("leipzig", "lease", "worker-a", now, ttl=ttl)
    # worker-a dies; after the ttl worker-b takes over
    later = now + ttl + timedelta(seconds=1)
    assert await syncstate.acquire_lease("leipzig", "lease", "worker-b", later, ttl=ttl)
    assert not await syncstate.acquire_lease("leipzig", "lease", "worker-a", later, ttl=ttl)
    await syncstate.release_lease("leipzig", "lease", "worker-b")
    assert await syncstate.acquire_lease("leipzig", "lease", "worker-a", later, ttl=ttl)
