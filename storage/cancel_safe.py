"""A workaround for a tortoise-orm bug (1.1.x): an SQLite transaction start cut short by a
cancellation never gives back the connection's lock. Patches tortoise at import (`install`);
no I/O of its own.

`SqliteTransactionContext.__aenter__` takes the client's one lock, then awaits `BEGIN`; a task
cancelled in that await (a shutdown, a timeout around a database step) never reaches
`__aexit__`, so every later query of the process waits forever. It showed as a 15-20 s hang
when `ratsbot run` stopped (the delivery worker's last database step and its record of sent
rows never ran); while running it would stall the whole bot. The patched `__aenter__` undoes a
half-done start (a transaction that did begin, the connection context, the lock) before the
cancellation goes on. (PostgreSQL's pooled context has the same shape, but a test cancelling
its start at every step did not lose a pool connection, so it is left as it is.)
"""

from __future__ import annotations

import contextlib
from typing import Any

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


def install() -> None:
    """Replace tortoise's SQLite transaction start (idempotent)."""
    sqlite_client.SqliteTransactionContext.__aenter__ = _sqlite_aenter  # type: ignore[method-assign]
