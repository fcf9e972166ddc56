"""Benchmark of the fan-out: sustained messages/s against the local Bot API stand-in. Does I/O.

10,000 private chats each have one pending inquiry in a fresh SQLite outbox. The delivery worker
runs in its own process (tests/delivery_worker_proc.py: real PTB Bot over HTTP) at a configured
rate limit; the stand-in runs here and records when each sendMessage was accepted. The sustained
rate is measured after the first second (start-up excluded) over a fixed window, and the worker's
resident memory is sampled meanwhile. Goal: ≥ 95 % of the configured limit (default 25 msg/s);
higher limits show how far the code is from being the bottleneck.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from standins.telegram_api import TelegramAPI
from storage import outbox
from storage.db import close_db, open_db
from storage.models import Chat, Kommune, Paper
from storage.outbox import OutboxItem

ROOT = Path(__file__).resolve().parents[1]
CHATS = 10_000


async def _prepare(url: str, chats: int) -> None:
    await open_db(url)
    try:
        kommune = await Kommune.create(
            oparl_id="https://leipzig.example/body", name="Leipzig", slug="leipzig"
        )
        paper = await Paper.create(
            oparl_id="https://leipzig.example/paper/1",
            kommune=kommune,
            title="Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger",
            reference="VII-F-08613",
            kind="Anfrage",
            factions=["Die Linke"],
            questions=[
                "Beabsichtigt die Stadt denjenigen freien Trägern, die sich innerhalb einer "
                "Anlehnung an den TVöD befinden, das Inflationsausgleichsgeld zu erstatten?",
                "Wenn nein, warum nicht?",
            ],
            web_url="https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=2010779",
        )
        await Chat.bulk_create(
            [Chat(chat_id=100_000 + n, chat_type="private") for n in range(chats)], batch_size=1000
        )
        ids = await Chat.all().values_list("id", flat=True)
        await outbox.enqueue(OutboxItem(int(i), "paper", paper.id, "new") for i in ids)  # type: ignore[call-overload]
    finally:
        await close_db()


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _measure(rate: float, window_s: float, chats: int) -> tuple[float, float, int]:
    """Return (sustained msgs/s, peak worker RSS in MB, HTTP errors) for one configured rate."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}"
        await _prepare(url, chats)
        async with TelegramAPI() as api:
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.delivery_worker_proc",
                url,
                api.base_url,
                api.token,
                "--rate",
                str(rate),
                cwd=ROOT,
                env=env,
            )
            peak = 0.0
            try:
                await api.wait_until(lambda: bool(api.calls("sendMessage")), timeout=60)
                first = api.calls("sendMessage")[0].at
                deadline = first + 1.0 + window_s
                while time.monotonic() < deadline and len(api.calls("sendMessage")) < chats:
                    peak = max(peak, _rss_mb(proc.pid))
                    await asyncio.sleep(0.5)
            finally:
                # Ctrl-C: the worker cancels its run() and stops cleanly (SIGKILL if it hangs).
                proc.send_signal(signal.SIGINT)
                try:
                    await asyncio.wait_for(proc.wait(), 10)
                except TimeoutError:
                    proc.send_signal(signal.SIGKILL)
                    await proc.wait()
            calls = [c for c in api.calls("sendMessage") if c.status == 200]
            start = first + 1.0
            in_window = [c.at for c in calls if c.at >= start]
            errors = sum(api.stats().errors.values())
            if len(in_window) < 2:
                return 0.0, peak, errors
            return (len(in_window) - 1) / (in_window[-1] - in_window[0]), peak, errors


def markdown_report(quick: bool = False) -> str:
    """Run the benchmark and return it as a markdown section."""
    window_s = 5.0 if quick else 30.0
    rates = (25.0, 100.0) if quick else (25.0, 100.0, 250.0, 1000.0)
    lines = [
        "### Fan-out rate against the local Bot API stand-in",
        "",
        f"{CHATS:,} private chats with one pending inquiry each (SQLite outbox); worker in its own "
        f"process with real PTB over HTTP; sustained rate over {window_s:.0f} s after the first "
        "second. Goal: ≥ 95 % of the configured limit (25 msg/s by default).",
        "",
        "| configured limit | sustained | of limit | worker RSS (peak) | HTTP errors |",
        "|---:|---:|---:|---:|---:|",
    ]
    for rate in rates:
        measured, rss, errors = asyncio.run(_measure(rate, window_s, CHATS))
        lines.append(
            f"| {rate:.0f} msg/s | {measured:.1f} msg/s | {measured / rate * 100:.1f} % "
            f"| {rss:.0f} MB | {errors} |"
        )
    if not quick:
        lines += [
            "",
            "The 1000 msg/s row is far above Telegram's limit on purpose: it shows the ceiling of "
            "one worker process on this machine (PTB's HTTP client and SQLite), i.e. how far the "
            "code is from being the bottleneck at the configured 25 msg/s.",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_report(quick="--quick" in sys.argv))
