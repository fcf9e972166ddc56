"""A delivery worker in its own process, for the kill -9 test and the fan-out benchmark (I/O).

    python -m tests.delivery_worker_proc DATABASE_URL BASE_URL TOKEN [--rate N] [--drain]

Opens the (already migrated) database, puts rows a killed predecessor left in flight back to
pending, and sends through a real PTB Bot against BASE_URL: forever, or with --drain until the
outbox is empty.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker
from storage.db import close_db, open_db


async def _main(args: argparse.Namespace) -> None:
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
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(args))


if __name__ == "__main__":
    main()
