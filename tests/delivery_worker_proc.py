"""A delivery worker in its own process, for the kill -9 test and the fan-out benchmark (I/O).

    python -m tests.delivery_worker_proc DATABASE_URL BASE_URL TOKEN [--rate N] [--drain]
        [--die-at claim|mark --die-on N]

Opens the (already migrated) database, puts rows a killed predecessor left in flight back to
pending, and sends through a real PTB Bot against BASE_URL: forever, or with --drain until the
outbox is empty. `--die-at` makes the process SIGKILL itself at one moment of the N-th claim or
record (bench/bench_faults.py): right after a claim was committed, before any of its sends, or
after Telegram accepted the sends, before they are recorded as sent.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker
from storage import outbox
from storage.db import close_db, open_db


def _die_at(moment: str, nth: int) -> None:
    """Replace outbox.claim or outbox.mark_sent so that its `nth` call ends the process."""
    name = {"claim": "claim", "mark": "mark_sent"}[moment]
    real: Callable[..., Awaitable[Any]] = getattr(outbox, name)
    calls = 0

    async def dying(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth and moment == "mark":
            os.kill(os.getpid(), signal.SIGKILL)  # Telegram has the messages; the rows do not
        result = await real(*args, **kwargs)
        if calls == nth and moment == "claim":
            os.kill(os.getpid(), signal.SIGKILL)  # the claim is committed; nothing was sent
        return result

    setattr(outbox, name, dying)


async def _main(args: argparse.Namespace) -> None:
    if args.die_at:
        _die_at(args.die_at, args.die_on)
    # SIGTERM as systemd stops a service: cancel, so the worker stops as `ratsbot run` does.
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    await open_db(args.database_url, apply_migrations=False)
    try:
        config = DeliveryConfig(rate_per_s=args.rate, private_interval_s=0.05, poll_interval_s=0.05)
        request = HTTPXRequest(connection_pool_size=config.max_concurrency)
        async with Bot(args.token, base_url=args.base_url, request=request) as bot:
            worker = DeliveryWorker(bot, config)
            await worker.recover()
            if args.drain:
                await worker.drain(timeout_s=600)
            else:
                await worker.run()
    finally:
        await close_db()


def main() -> None:
    """Parse arguments and run the worker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("database_url")
    parser.add_argument("base_url")
    parser.add_argument("token")
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--drain", action="store_true")
    parser.add_argument("--die-at", choices=("claim", "mark"))
    parser.add_argument("--die-on", type=int, default=2, help="which call of --die-at (1 = first)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        asyncio.run(_main(args))


if __name__ == "__main__":
    main()
