"""A workaround for a tortoise-orm bug (1.1.x): a cancelled SQLite transaction start locks the
database connection for good. Patches tortoise at import; no I/O of its own.

`SqliteTransactionContext.__aenter__` takes the client's one lock, then awaits `BEGIN`; a task
cancelled during that await (a shutdown, a timeout around a database step) never reaches
`__aexit__`, so the lock is never released and every later query of the process waits forever.
It showed as a 15-20 s hang when `ratsbot run` stopped (the delivery worker's last database
step and its record of sent rows never ran), and during running it would stall the whole bot.
The patched `__aenter__` undoes a half-done start (rollback if `BEGIN` got through, the
connection context, the lock) before the cancellation goes on.
"""

from __future__ import annotations

import contextlib
from typing import Any

from tortoise.backends.sqlite import client as sqlite_client
from tortoise.connection import get_connections


async def _aenter_released_on_failure(self: Any) -> Any:
    lock = self._trxlock
    await lock.acquire()
    token = None
    try:
        await self.ensure_connection()
        token = get_connections().set(self.connection_name, self.connection)
        self.token = token
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
    """Replace tortoise's SqliteTransactionContext.__aenter__ (idempotent)."""
    sqlite_client.SqliteTransactionContext.__aenter__ = _aenter_released_on_failure  # type: ignore[method-assign]
