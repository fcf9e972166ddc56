"""A transaction start cancelled on SQLite leaves the database usable (storage/sqlite_cancel.py)."""

from __future__ import annotations

import asyncio

from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from storage.models import Kommune


async def test_a_cancel_while_a_transaction_begins_does_not_lock_the_database(
    sqlite_db: str,
) -> None:
    """Cancelled right after it took the connection's lock (while BEGIN runs), a transaction
    gives the lock back: the next queries answer, and nothing of it was written."""
    lock = get_connection("default")._lock  # type: ignore[attr-defined]

    async def write_in_a_transaction() -> None:
        async with in_transaction():
            await Kommune.create(oparl_id="x", name="Halbfertig", slug="halbfertig")

    task = asyncio.create_task(write_in_a_transaction())
    for _ in range(1000):  # a few loop turns: the task takes the lock, then awaits BEGIN
        if lock.locked():
            break
        await asyncio.sleep(0)
    assert lock.locked()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled()
    # Before the fix the lock stayed taken and this waited forever.
    assert await asyncio.wait_for(Kommune.filter(slug="halbfertig").count(), 5) == 0
    async with in_transaction():
        await Kommune.create(oparl_id="y", name="Danach", slug="danach")
    assert await asyncio.wait_for(Kommune.all().count(), 5) == 1
