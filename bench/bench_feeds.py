"""Feed server under polling readers (I/O): requests, documents built (database work), latency.

    .venv/bin/python -m bench.bench_feeds               # 1,000 readers, 10-minute poll, 1 hour
    .venv/bin/python -m bench.bench_feeds --readers 200 --feeds 50

Corpus: every Karlsruhe fixture paper (OParl JSON, no PDF texts) and its meetings in SQLite,
`--feeds` subscriptions of different kinds (Kommune, each faction, keywords) with tokens. Each
reader polls one feed (subscription Atom or iCal, or the Kommune's) every 10 minutes at its own
offset, half of them sending If-None-Match. The server's clock is simulated (an hour passes in
seconds); one sync storing a paper happens in the middle of the hour. Counts "builds": the
requests that read the database; every other request is answered from memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.feeds.server import FeedServer
from fetcher.oparl import meeting_from_json, paper_from_json
from storage.db import close_db, open_db
from storage.feeds import feed_token
from storage.models import Kommune
from storage.records import upsert_meeting, upsert_paper
from storage.subscriptions import add_subscription

SHARED = Path(os.environ.get("RATSBOT_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
KARLSRUHE = SHARED / "fixtures" / "oparl" / "karlsruhe"
POLL_S = 600
HOUR_S = 3600
FACTIONS = ["SPD", "CDU", "Bündnis 90/Die Grünen", "FDP", "Die Linke", "AfD", "Freie Wähler"]
KEYWORDS = ["Radweg", "Schule", "Kita", "Turmbergbahn", "Wohnungen", "Klima", "Bad"]


async def _corpus(feeds: int) -> list[str]:
    """Store Karlsruhe and `feeds` subscriptions; return the feed paths readers poll."""
    kommune = await Kommune.create(
        oparl_id=str(KARLSRUHE), name="Stadt Karlsruhe", slug="karlsruhe"
    )
    for path in sorted((KARLSRUHE / "papers").glob("*.json")):
        await upsert_paper(kommune, paper_from_json(json.loads(path.read_text("utf-8"))))
    for path in sorted((KARLSRUHE / "meetings").glob("*.json")):
        await upsert_meeting(kommune, meeting_from_json(json.loads(path.read_text("utf-8"))))
    paths = ["/kommune/karlsruhe.atom", "/kommune/karlsruhe.ics"]
    for n in range(feeds):
        faction = FACTIONS[n % len(FACTIONS)] if n % 3 == 1 else None
        keyword = f"{KEYWORDS[n % len(KEYWORDS)]}" if n % 3 == 2 else None
        sub, _ = await add_subscription(
            10_000 + n, int(kommune.id), faction=faction, keyword=keyword, kind="Anfrage"
        )
        token = await feed_token(int(sub.id))
        paths += [f"/feed/{token}.atom", f"/feed/{token}.ics"]
    return paths


async def run(readers: int, feeds: int) -> str:
    """Return the markdown report of one simulated hour."""
    with tempfile.TemporaryDirectory() as tmp:
        await open_db(f"sqlite://{tmp}/feeds.sqlite3")
        try:
            paths = await _corpus(feeds)
            now = [0.0]
            server = FeedServer(base_url="http://127.0.0.1", monotonic=lambda: now[0])
            port = await server.start("127.0.0.1", 0)
            base = f"http://127.0.0.1:{port}"
            rng = random.Random(7)
            plan = [(rng.uniform(0, POLL_S), rng.choice(paths), n % 2 == 0) for n in range(readers)]
            etags: dict[int, str] = {}
            miss_ms: list[float] = []
            hit_ms: list[float] = []
            started = time.perf_counter()
            async with aiohttp.ClientSession() as session:
                events = sorted(
                    (offset + k * POLL_S, n)
                    for n, (offset, _, _) in enumerate(plan)
                    for k in range(HOUR_S // POLL_S)
                )
                synced = False
                for at, n in events:
                    if not synced and at >= HOUR_S / 2:
                        server.data_changed()  # a sync stored a paper
                        synced = True
                    now[0] = at
                    _, path, conditional = plan[n]
                    headers = {"If-None-Match": etags[n]} if conditional and n in etags else {}
                    builds = server.stats.builds
                    t0 = time.perf_counter()
                    async with session.get(base + path, headers=headers) as response:
                        await response.read()
                        etags[n] = response.headers.get("ETag", "")
                    ms = (time.perf_counter() - t0) * 1000
                    (miss_ms if server.stats.builds > builds else hit_ms).append(ms)
            wall = time.perf_counter() - started
            await server.stop()
        finally:
            await close_db()
    stats = server.stats
    distinct = len({p for _, p, _ in plan})

    def pct(values: list[float], q: float) -> str:
        return f"{statistics.quantiles(values, n=100)[q - 1]:.1f}" if len(values) > 1 else "–"

    return "\n".join(
        [
            f"{readers} readers polling every {POLL_S // 60} min for one simulated hour, "
            f"{distinct} distinct feeds ({feeds} subscriptions × Atom/iCal + the Kommune's), "
            "one sync storing a paper at half time.",
            "",
            "| requests | built (DB read) | from memory | 304 | build p50 / p95 ms "
            "| memory p50 / p95 ms | wall s |",
            "|---:|---:|---:|---:|---|---|---:|",
            f"| {stats.requests} | {stats.builds} | {stats.requests - stats.builds} "
            f"| {stats.not_modified} | {pct(miss_ms, 50)} / {pct(miss_ms, 95)} "
            f"| {pct(hit_ms, 50)} / {pct(hit_ms, 95)} | {wall:.1f} |",
        ]
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=200)
    args = parser.parse_args()
    print(asyncio.run(run(args.readers, args.feeds)))
