"""Benchmark of the sync against the local OParl server: requests and wall time. Does I/O.

First sync and idle re-poll of the real Karlsruhe fixture (600 papers, all history), each with
0 ms and 50 ms added latency per request, into a fresh SQLite database; the parser pool runs for
real (PDFs rendered by the local server). The idle re-poll goal: ≤ 2 requests per list.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from storage.db import close_db, open_db
from storage.models import Paper


def _list_of(path: str) -> str:
    for marker, name in (
        ("downloadfiles", "file"),
        ("/paper", "paper"),
        ("/meeting", "meeting"),
        ("/organization", "organization"),
        ("/person", "person"),
        ("/system", "system"),
    ):
        if marker in path:
            return name
    return "body"


def _per_list(requests: Counter[str]) -> dict[str, int]:
    lists: Counter[str] = Counter()
    for path, count in requests.items():
        lists[_list_of(path)] += count
    return dict(lists)


async def _measure(
    latency_s: float, since: date
) -> list[tuple[str, float, int, dict[str, int], int]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        await open_db(f"sqlite://{Path(tmp) / 'bench.sqlite3'}")
        try:
            faults = Faults(latency_s=latency_s)
            async with (
                OParlServer("karlsruhe", faults=faults) as server,
                HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
                ParserPool() as parser,
            ):
                endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
                service = SyncService(http, parser, [endpoint], first_sync_since=since)
                for label in ("first sync", "idle re-poll"):
                    server.reset_counts()
                    started = time.perf_counter()
                    await service.sync_all()
                    took = time.perf_counter() - started
                    counts = Counter(server.requests)
                    rows.append(
                        (
                            label,
                            took,
                            sum(counts.values()),
                            _per_list(counts),
                            await Paper.all().count(),
                        )
                    )
        finally:
            await close_db()
    return rows


def markdown_report(quick: bool = False) -> str:
    """Run the sync benchmark and return its markdown section."""
    since = date(2026, 1, 1) if quick else date(2000, 1, 1)
    lines = [
        "## Sync against the local OParl server (Karlsruhe fixture)",
        "",
        f"History bound: papers since {since.isoformat()}; PDFs downloaded and parsed for real.",
        "",
        "| latency/request | run | wall time | requests | per list | papers stored |",
        "|---|---|---:|---:|---|---:|",
    ]
    for latency in (0.0, 0.05):
        for label, took, total, per_list, papers in asyncio.run(_measure(latency, since)):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(per_list.items()))
            lines.append(
                f"| {latency * 1000:.0f} ms | {label} | {took:.2f} s | {total} | {detail} "
                f"| {papers} |"
            )
    lines += [
        "",
        "Goal: idle re-poll ≤ 2 requests per list (paper: one page of the newest-end walk plus one "
        "`modified_since` page). File downloads count under `file`.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(markdown_report(quick="--quick" in sys.argv))
