"""`ratsbot fetch` (I/O): sync the configured Kommunen once (--once) or forever, without the bot.

Builds its own HTTP client, parser pool and SyncService around the database; `ratsbot run`
(bot/app.py) does the same inside the bot.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.pipeline.coverage import endpoints_to_fetch
from bot.pipeline.notify import Notifier
from bot.pipeline.sync import SyncService, configured_endpoints, names_endpoint
from bot.pipeline.sync_report import Progress
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient
from fetcher.parsepool import ParserPool
from storage import leases

if TYPE_CHECKING:
    from bot.config import Settings


async def fetch_command(
    settings: Settings,
    *,
    once: bool,
    since: date | None,
    kommune: str | None,
    per_host_interval_s: float = 0.5,
) -> int:
    """Run `ratsbot fetch`: one pass with --once (exit 1 if every source failed), else forever.

    `per_host_interval_s` is the pause between two requests to one host (tests pass 0), unless
    HTTP_HOST_INTERVAL_SECONDS sets one.
    """
    endpoints = configured_endpoints(settings.oparl_endpoints)
    if kommune is not None and not any(names_endpoint(e, kommune) for e in endpoints):
        print(f"Unbekannte Kommune: {kommune}", file=sys.stderr)
        return 2
    with leases.instance_lock(settings.database_url):  # SQLite: not beside `ratsbot run`
        return await _fetch(
            settings,
            endpoints,
            once=once,
            since=since,
            kommune=kommune,
            per_host_interval_s=per_host_interval_s,
        )


async def _fetch(
    settings: Settings,
    endpoints: Sequence[Endpoint],
    *,
    once: bool,
    since: date | None,
    kommune: str | None,
    per_host_interval_s: float,
) -> int:
    from storage.db import close_db, open_db

    await open_db(settings.database_url)
    try:
        async with (
            HttpClient(
                per_host_interval_s=settings.host_interval_s(per_host_interval_s),
                allow_networks=settings.http_allow_networks,
            ) as http,
            ParserPool(memory_limit_bytes=settings.parser_memory_bytes) as parser,
        ):
            on_demand = not settings.oparl_endpoints and kommune is None
            endpoints = await endpoints_to_fetch(endpoints, http, on_demand, settings.oparl_pinned)
            notifier = Notifier()
            service = SyncService(
                http,
                parser,
                endpoints,
                notify=notifier.on_paper_stored,
                poll_interval=timedelta(seconds=settings.poll_interval_seconds),
                first_sync_since=since,
                progress=Progress(sys.stderr.isatty()),
                lease_owner=leases.worker_name(),  # other fetch workers skip what this one syncs
            )
            while True:
                report = await service.sync_all(only=kommune)
                if once:
                    if report.all_failed:  # the one line under the log lines (issue #13)
                        failed = [k.source for k in report.kommunen if not k.skipped]
                        print(
                            f"Abruf fehlgeschlagen: keine der {len(failed)} Quellen erreichbar "
                            f"({', '.join(failed[:5])}) – Netzwerk und OPARL_ENDPOINTS prüfen",
                            file=sys.stderr,
                        )
                    return 1 if report.all_failed else 0
                await asyncio.sleep(settings.poll_interval_seconds)
    finally:
        await close_db()
