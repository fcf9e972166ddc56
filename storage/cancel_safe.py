"""A workaround for a tortoise-orm bug (1.1.x): a transaction start cut short by a cancellation
never gives back what it took (SQLite: the connection's lock; PostgreSQL: a pool connection).
Patches tortoise at import (`install`); no I/O of its own.

`SqliteTransactionContext.__aenter__` takes the client's one lock, then awaits `BEGIN`; a task
cancelled in that await (a shutdown, a timeout around a database step) never reaches
`__aexit__`, so every later query of the process waits forever. It showed as a 15-20 s hang
when `ratsbot run` stopped (the delivery worker's last database step and its record of sent
rows never ran); while running it would stall the whole bot. The patched `__aenter__` undoes a
half-done start (a transaction that did begin, the connection context, the lock) before the
cancellation goes on.

PostgreSQL's pooled context has the same shape: it takes a connection from the pool, then awaits
`BEGIN`; cancelled there, the connection never goes back. After as many cancellations as the pool
has connections (5), every query waits forever. Its patched `__aenter__` gives the connection back
(asyncpg's `release` rolls back a begun transaction, or closes a connection left mid-query).
"""

from __future__ import annotations

import contextlib
from typing import Any

from tortoise.backends.base import client as base_client
from tortoise.backends.sqlite import client as sqlite_client
from tortoise.connection import get_connections


async def _sqlite_aenter(self: Any) -> Any:
    lock = self._trxlock
    await lock.acquire()
    token = None
    try:
        await self.ensure_connection()
        token = self.token = get_connections().set(self.connection_name, self.connection)
        await self.connection.begin()
    except BaseException:
        with contextlib.suppress(Exception):  # no transaction is active when BEGIN never ran
            await self.connection._connection.rollback()
        if token is not None:
            get_connections().reset(token)
        lock.release()
        raise
    return self.connection


async def _pooled_aenter(self: Any) -> Any:
    await self.ensure_connection()
    pool = self.client._parent._pool
    self.client._connection = await pool.acquire()
    token = None
    try:
        token = self.token = get_connections().set(self.connection_name, self.client)
        await self.client.begin()
    except BaseException:
        if token is not None:
            get_connections().reset(token)
        with contextlib.suppress(Exception):  # shielded in asyncpg: runs even while cancelled
            await pool.release(self.client._connection)
        raise
    return self.client


def install() -> None:
    """Replace tortoise's transaction starts, SQLite's and the pooled one (idempotent)."""
    sqlite_client.SqliteTransactionContext.__aenter__ = _sqlite_aenter  # type: ignore[method-assign]
    base_client.TransactionContextPooled.__aenter__ = _pooled_aenter  # type: ignore[method-assign]
