"""Several fetch workers split the Kommunen through leases (storage/leases.py): PG and SQLite."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from storage import leases
from storage.models import Paper

ROOT = Path(__file__).resolve().parents[1]
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
    assert await leases.acquire("leipzig", "worker-a", now, ttl=ttl)
    assert not await leases.acquire("leipzig", "worker-b", now, ttl=ttl)
    # the holder renews its own lease
    assert await leases.acquire("leipzig", "worker-a", now, ttl=ttl)
    # worker-a dies; after the ttl worker-b takes over
    later = now + ttl + timedelta(seconds=1)
    assert await leases.acquire("leipzig", "worker-b", later, ttl=ttl)
    assert not await leases.acquire("leipzig", "worker-a", later, ttl=ttl)
    assert not await leases.renew("leipzig", "worker-a", later, ttl=ttl)
    await leases.release("leipzig", "worker-b")
    assert await leases.acquire("leipzig", "worker-a", later, ttl=ttl)


async def test_lease_is_renewed_while_the_sync_runs(db_url: str) -> None:
    """A sync that lasts many lease lifetimes keeps its lease: nobody else takes the Kommune
    until the holder is done, then it is free at once."""
    ttl = timedelta(seconds=0.6)

    def clock() -> datetime:
        return datetime.now(UTC)

    async with leases.held("leipzig", "worker-a", clock, ttl=ttl) as got:
        assert got
        for _ in range(8):  # 2.4 s = 4 lifetimes of the lease
            await asyncio.sleep(0.3)
            assert not await leases.acquire("leipzig", "worker-b", clock(), ttl=ttl)
    assert await leases.acquire("leipzig", "worker-b", clock(), ttl=ttl)


async def test_workers_with_the_production_wiring_share_kommunen(
    db_url: str, servers: list[OParlServer]
) -> None:
    """Two workers as `run` and `fetch` build them (same Kommunen in the same order, lease owner
    host:pid) start at the same moment on a fresh database: no IntegrityError creating the
    state rows, every Kommune synced, each paper stored once."""
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
                endpoints,
                first_sync_since=date(2014, 1, 1),
                lease_owner=f"{leases.worker_name()}-{n}",
            )
            for n in range(2)
        ]
        reports = await asyncio.gather(*(w.sync_all() for w in workers))
    synced = [k.source for r in reports for k in r.kommunen if not k.skipped]
    assert sorted(set(synced)) == sorted(e.slug for e in endpoints)
    assert all(k.ok for r in reports for k in r.kommunen if not k.skipped), reports
    assert await Paper.all().count() == KOMMUNEN


async def test_a_lease_left_by_a_killed_process_on_this_host_is_taken_over_at_once(
    db_url: str,
) -> None:
    """A lease whose holder was a process on this host that is gone (kill -9, then a restart)
    is taken at once; one held by a running process, or by another host, waits its expiry."""
    now = datetime.now(UTC)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from storage.leases import worker_name; print(worker_name())",
        stdout=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    gone = (await child.communicate())[0].decode().strip()
    assert await leases.acquire("kommune-gone", gone, now)
    assert await leases.acquire("kommune-alive", leases.worker_name(), now)
    assert await leases.acquire("kommune-elsewhere", "otherhost:1:1:abcdef", now)
    restarted = leases.worker_name()
    assert await leases.acquire("kommune-gone", restarted, now)
    assert not await leases.acquire("kommune-alive", restarted, now)
    assert not await leases.acquire("kommune-elsewhere", restarted, now)
