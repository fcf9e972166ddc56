"""Footprint of `ratsbot run`: start-up time and idle RSS with 100 Kommunen and 10k chats. I/O.

100 local OParl servers (the real Leipzig ALLRIS-net slice each) and the local Bot API stand-in
run in this process; `ratsbot run` runs as a real subprocess against a SQLite database prepared
with 10,000 chats, each with one subscription. Start-up = until the bot's first getUpdates;
idle = after the first poll of all 100 Kommunen finished. RSS counts the main process and its
parser worker processes.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path

from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from standins.telegram_api import TelegramAPI
from storage.db import close_db, open_db
from storage.models import Chat, Kommune, Subscription, SyncState

ROOT = Path(__file__).resolve().parents[1]


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _tree_rss_mb(pid: int) -> tuple[float, float]:
    """Return (main process MB, main + children MB)."""
    main = _rss_kb(pid)
    children = 0
    task_dir = Path(f"/proc/{pid}/task")
    for task in task_dir.iterdir() if task_dir.exists() else []:
        for child in (task / "children").read_text().split():
            children += _rss_kb(int(child))
    return main / 1024, (main + children) / 1024


async def _prepare(url: str, chats: int) -> None:
    await open_db(url)
    try:
        kommune = await Kommune.create(
            oparl_id="bench:kommune-0", name="Kommune 0", slug="kommune-0"
        )
        await Chat.bulk_create([Chat(chat_id=1_000_000 + n) for n in range(chats)], batch_size=1000)
        ids = await Chat.all().values_list("id", flat=True)
        await Subscription.bulk_create(
            [
                Subscription(chat_id=int(i), kommune=kommune, kind="Anfrage", key=f"k0|{i}")  # type: ignore[call-overload]
                for i in ids
            ],
            batch_size=1000,
        )
    finally:
        await close_db()


async def _count_synced(url: str) -> int:
    await open_db(url, apply_migrations=False)
    try:
        return await SyncState.filter(list_name="system").exclude(last_attempt_at=None).count()
    finally:
        await close_db()


async def measure(kommunen: int, chats: int) -> dict[str, float]:
    """Run the measurement; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'footprint.sqlite3'}"
        await _prepare(url, chats)
        async with AsyncExitStack() as stack:
            # One loopback address per Kommune: real Kommunen are different hosts, and the
            # per-host politeness limits would otherwise serialise all of them.
            servers = [
                await stack.enter_async_context(
                    OParlServer("leipzig-allris-net", host=f"127.0.0.{n + 2}")
                )
                for n in range(kommunen)
            ]
            api = await stack.enter_async_context(TelegramAPI())
            endpoints = ",".join(
                f"Kommune {n}={server.system_url}" for n, server in enumerate(servers)
            )
            env = {
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_URL": api.url,
                "DATABASE_URL": url,
                "OPARL_ENDPOINTS": endpoints,
                "HTTP_ALLOW_NETWORKS": LOCAL_NETWORKS,
                "LOG_LEVEL": "WARNING",
            }
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=tmp, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
            try:
                # deleteWebhook comes right before the first long poll, which the stand-in
                # records only when it returns
                await api.wait_until(lambda: bool(api.calls("deleteWebhook")), timeout=120)
                startup_s = time.perf_counter() - started
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline:
                    if await _count_synced(url) >= kommunen:
                        break
                    await asyncio.sleep(1.0)
                first_poll_s = time.perf_counter() - started
                await asyncio.sleep(5.0)
                samples = []
                for _ in range(5):
                    samples.append(_tree_rss_mb(process.pid))
                    await asyncio.sleep(1.0)
            finally:
                process.terminate()
                await process.wait()
    main_mb = max(s[0] for s in samples)
    tree_mb = max(s[1] for s in samples)
    return {
        "startup_s": startup_s,
        "first_poll_s": first_poll_s,
        "rss_main_mb": main_mb,
        "rss_tree_mb": tree_mb,
    }


def markdown_report(quick: bool = False) -> str:
    """Run the footprint benchmark and return its markdown section."""
    kommunen, chats = (10, 1000) if quick else (100, 10_000)
    figures = asyncio.run(measure(kommunen, chats))
    return "\n".join(
        [
            f"## Footprint of `ratsbot run` ({kommunen} Kommunen, {chats:,} chats)",
            "",
            "| measure | value |",
            "|---|---:|",
            f"| start-up until polling starts | {figures['startup_s']:.1f} s |",
            f"| first poll of all Kommunen done | {figures['first_poll_s']:.1f} s |",
            f"| idle RSS, main process | {figures['rss_main_mb']:.0f} MB |",
            f"| idle RSS, with parser workers | {figures['rss_tree_mb']:.0f} MB |",
        ]
    )


if __name__ == "__main__":
    print(markdown_report(quick="--quick" in sys.argv))
