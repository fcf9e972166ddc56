"""A transaction start cut short by a cancellation leaves the database usable
(storage/cancel_safe.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import random

from tortoise.transactions import in_transaction

from storage.models import Kommune

CANCEL_POINTS = 40  # loop turns swept: more than a transaction start takes, and more than the
# PostgreSQL pool has connections, so a leak on every cut would exhaust it


async def test_transactions_cancelled_at_every_step_of_their_start_leave_the_database_usable(
    db_url: str,
) -> None:
    """Transactions cancelled after 0, 1, 2, … loop turns (so some of them while BEGIN runs)
    give back the lock or pool connection they took: later queries and transactions answer."""

    async def write_in_a_transaction(n: int) -> None:
        async with in_transaction():
            await Kommune.create(oparl_id=f"x{n}", name=f"K{n}", slug=f"k{n}")

    done = 0
    for turns in range(CANCEL_POINTS):
        task = asyncio.create_task(write_in_a_transaction(turns))
        for _ in range(turns):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        done += not task.cancelled()
    # Before the fix the lock (SQLite) or the pool (PostgreSQL) stayed taken: this waited forever.
    # A task cancelled while its COMMIT runs may still have written: count within the bounds.
    written = await asyncio.wait_for(Kommune.all().count(), 5)
    assert done <= written <= CANCEL_POINTS
    async with in_transaction():
        await Kommune.create(oparl_id="y", name="Danach", slug="danach")
    assert await asyncio.wait_for(Kommune.filter(slug="danach").count(), 5) == 1


POOL_SIZE = 5  # tortoise's asyncpg pool (maxsize), which storage/db.py keeps


async def test_transactions_cancelled_after_short_real_delays_give_back_every_connection(
    db_url: str,
) -> None:
    """Transactions cancelled 0–2 ms after they start (so, on PostgreSQL, often while BEGIN is
    on the wire) give back what they took: afterwards as many transactions as the pool holds
    (SQLite: one) are open at the same time."""

    async def write_in_a_transaction(n: int) -> None:
        async with in_transaction():
            await Kommune.create(oparl_id=f"x{n}", name=f"K{n}", slug=f"k{n}")

    delays = random.Random(1)  # a fixed sequence of delays: the same sweep on every run
    for n in range(200):
        task = asyncio.create_task(write_in_a_transaction(n))
        await asyncio.sleep(delays.random() * 0.002)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    parallel = POOL_SIZE if db_url.startswith("postgres") else 1
    all_open = asyncio.Barrier(parallel)

    async def hold_a_transaction(n: int) -> None:
        async with in_transaction():
            await Kommune.create(oparl_id=f"y{n}", name=f"Danach {n}", slug=f"danach{n}")
            await all_open.wait()

    # Before the fix each connection lost to a cut left the barrier one party short: a timeout.
    await asyncio.wait_for(asyncio.gather(*(hold_a_transaction(n) for n in range(parallel))), 5)
    assert await Kommune.filter(slug__startswith="danach").count() == parallel
