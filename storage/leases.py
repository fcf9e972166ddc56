"""Fetch-worker leases per Kommune and the SQLite single-instance lock (I/O).

Several `ratsbot run`/`fetch` processes on one PostgreSQL split the Kommunen: a worker syncs a
Kommune only while it holds that Kommune's lease, a row in `sync_state` (list "lease") with an
owner and an expiry. Taking it is one conditional UPDATE, atomic on both backends (PostgreSQL
re-checks the WHERE clause after waiting for a concurrent writer). The holder renews it while
the sync runs, so a first sync that takes hours keeps it; a crashed worker's lease expires.

SQLite allows one writing process: `sqlite_instance_lock` makes a second one refuse to start.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from tortoise.expressions import Q

from storage.models import SyncState
from storage.syncstate import get_state

log = logging.getLogger(__name__)

LEASE = "lease"
DEFAULT_TTL = timedelta(minutes=15)


def _host() -> str:
    return socket.gethostname()[:60]


def _started(pid: int) -> str | None:
    """Return when process `pid` started (clock ticks since boot; Linux), None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22 is starttime; the command name (field 2) may hold spaces, so count after ")".
    return stat.rsplit(")", 1)[1].split()[19]


def worker_name() -> str:
    """Return a new lease owner name: host, process id, the process's start and a random tag
    (two services in one process must not share a lease either)."""
    pid = os.getpid()
    return f"{_host()}:{pid}:{_started(pid) or 0}:{secrets.token_hex(3)}"


def dead_here(owner: str) -> bool:
    """Return whether `owner` names a process on this host that is no longer running.

    A worker killed with -9 leaves its leases behind; restarted on the same host (same pid in
    a container, or another one) it may take them back at once instead of after their expiry.
    The start time tells a reused pid (or a container's pid 1 again) from the same process.
    """
    parts = owner.split(":")
    if len(parts) != 4 or parts[0] != _host() or not parts[1].isdigit() or parts[2] == "0":
        return False  # another host, a name given by hand, or no /proc to tell (not Linux)
    return _started(int(parts[1])) != parts[2]


def delivery_owner(role: str, configured: str | None = None) -> str:
    """Return the name a delivery worker claims outbox rows under: the configured one, else host
    and role. Unlike a lease owner it survives a restart, so the restarted worker re-queues its
    own claims at once instead of after their expiry (storage.outbox.requeue_own)."""
    return (configured or f"{_host()}:{role}")[:100]


async def acquire(source: str, owner: str, now: datetime, *, ttl: timedelta = DEFAULT_TTL) -> bool:
    """Take (or renew) the lease on a Kommune unless another live worker holds it."""
    await get_state(source, LEASE)
    free = Q(lease_owner=None) | Q(lease_owner=owner) | Q(lease_expires_at__lt=now)
    taken = await SyncState.filter(free, source=source, list_name=LEASE).update(
        lease_owner=owner, lease_expires_at=now + ttl
    )
    if taken:
        return True
    state = await SyncState.get(source=source, list_name=LEASE)
    holder = state.lease_owner
    if holder is None or not dead_here(holder):
        return False
    log.warning("kommune=%s lease of %s (process gone) taken over by %s", source, holder, owner)
    taken = await SyncState.filter(source=source, list_name=LEASE, lease_owner=holder).update(
        lease_owner=owner, lease_expires_at=now + ttl
    )
    return bool(taken)


async def renew(source: str, owner: str, now: datetime, *, ttl: timedelta = DEFAULT_TTL) -> bool:
    """Extend a lease this owner still holds; False when it was lost (expired and taken)."""
    kept = await SyncState.filter(source=source, list_name=LEASE, lease_owner=owner).update(
        lease_expires_at=now + ttl
    )
    return bool(kept)


async def release(source: str, owner: str) -> None:
    """Give the lease back so another worker may take the Kommune at once."""
    await SyncState.filter(source=source, list_name=LEASE, lease_owner=owner).update(
        lease_owner=None, lease_expires_at=None
    )


@contextlib.asynccontextmanager
async def held(
    source: str, owner: str, clock: Callable[[], datetime], *, ttl: timedelta = DEFAULT_TTL
) -> AsyncIterator[bool]:
    """Hold the Kommune's lease for the block, renewed every third of `ttl`; yield whether
    it was taken (False: another worker syncs this Kommune now, skip it)."""
    if not await acquire(source, owner, clock(), ttl=ttl):
        yield False
        return

    async def keep() -> None:
        while True:
            await asyncio.sleep(ttl.total_seconds() / 3)
            if not await renew(source, owner, clock(), ttl=ttl):
                log.warning("kommune=%s lease lost by %s", source, owner)
                return

    renewing = asyncio.create_task(keep())
    try:
        yield True
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        await release(source, owner)


class InstanceLocked(Exception):
    """Raised when another process already runs with this SQLite database."""


@contextlib.contextmanager
def sqlite_instance_lock(database_path: str) -> Iterator[None]:
    """Hold an exclusive lock on `<database>.lock` (released by the OS when the process dies)."""
    from storage.db import DatabaseUnavailable

    lock_path = Path(f"{database_path}.lock")
    try:
        handle = lock_path.open("a+")
    except OSError as exc:  # a read-only mount or file: the database cannot be written either
        raise DatabaseUnavailable(
            f"Datenbank {database_path} lässt sich nicht öffnen oder nicht schreiben "
            f"(Sperrdatei {lock_path}: {exc.strerror}); Schreibrechte und Mount (read-only?) prüfen"
        ) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InstanceLocked(
                f"Ratsbot läuft schon mit der SQLite-Datenbank {database_path} (Sperre "
                f"{lock_path}); mehrere Prozesse brauchen PostgreSQL (docs/scaling.md)"
            ) from None
        yield
    finally:
        handle.close()


@contextlib.contextmanager
def instance_lock(database_url: str) -> Iterator[None]:
    """Refuse a second process on one SQLite database (InstanceLocked); nothing on PostgreSQL."""
    from storage.db import check_sqlite_location, is_sqlite

    if not is_sqlite(database_url) or database_url.endswith(":memory:"):
        yield
        return
    check_sqlite_location(database_url, create=True)
    with sqlite_instance_lock(database_url[len("sqlite://") :]):
        yield
