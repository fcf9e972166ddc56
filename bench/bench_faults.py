"""Faults (issue #13): kill -9 at three moments of a send and during a sync, SIGTERM with a slow
Telegram, a 429 storm and blocked chats; each counts lost messages and duplicates. Does I/O.

Every scenario: 300 private chats with one pending inquiry each in a fresh SQLite outbox; the
delivery worker runs in its own process (tests/delivery_worker_proc.py: real PTB over HTTP,
200 msg/s) against the local Bot API stand-in, which records every message it accepted. After a
kill the worker is started again (same name, as systemd would restart it) and drains the outbox.
"Lost": a chat that should have its message and has none; "duplicates": messages beyond one.

    .venv/bin/python -m bench --only faults --quick     (prints the section)

The kill during a sync is bench/bench_fault_sync.py (a real `ratsbot run`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from bench.bench_fault_sync import kill_during_sync
from standins.telegram_api import TelegramAPI
from storage import outbox
from storage.db import close_db, open_db
from storage.models import Chat, Kommune, Notification, Paper
from storage.outbox import OutboxItem

ROOT = Path(__file__).resolve().parents[1]
CHATS = 300
FIRST_CHAT = 500_001
RATE = "200"


@dataclass(frozen=True)
class Outcome:
    """What one scenario did to the fan-out."""

    scenario: str
    lost: int
    duplicates: int
    in_flight: int | None  # rows claimed but not recorded when the process died
    note: str = ""


async def _prepare(url: str) -> list[int]:
    await open_db(url)
    try:
        kommune = await Kommune.create(
            oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig"
        )
        paper = await Paper.create(
            oparl_id="https://leipzig.example/paper/1",
            kommune=kommune,
            title="Schulwegsicherheit an der Grundschule Gohlis",
            reference="VII-F-09999",
            kind="Anfrage",
            web_url="https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=9999",
        )
        ids = list(range(FIRST_CHAT, FIRST_CHAT + CHATS))
        await Chat.bulk_create([Chat(chat_id=i, chat_type="private") for i in ids])
        pks = await Chat.filter(chat_id__gte=FIRST_CHAT).values_list("id", flat=True)
        await outbox.enqueue(OutboxItem(int(pk), "paper", paper.id, "new") for pk in pks)  # type: ignore[call-overload]
        return ids
    finally:
        await close_db()


async def _db(url: str, query: Callable[[], Awaitable[int]]) -> int:
    await open_db(url, apply_migrations=False)
    try:
        return await query()
    finally:
        await close_db()


async def _worker(url: str, api: TelegramAPI, *extra: str) -> asyncio.subprocess.Process:
    # The stand-in runs in this event loop: the worker must be awaited, never waited for.
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.delivery_worker_proc", url, api.base_url, api.token,
        "--rate", RATE, *extra, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


async def _in_flight(url: str) -> int:
    return await _db(url, lambda: Notification.filter(state="inflight").count())


async def _drain(url: str, api: TelegramAPI) -> None:
    api.set_latency(0.0)
    api.clear_faults()
    restart = await _worker(url, api, "--drain")
    assert await asyncio.wait_for(restart.wait(), 300) == 0


def _count(api: TelegramAPI, ids: list[int], scenario: str, in_flight: int | None) -> Outcome:
    counts = [len(api.messages(i)) for i in ids]
    return Outcome(
        scenario, sum(1 for n in counts if n == 0), sum(n - 1 for n in counts if n > 1), in_flight
    )


async def _kill_self(moment: str, scenario: str) -> Outcome:
    """The worker SIGKILLs itself at its second claim or record (tests/delivery_worker_proc)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'faults.sqlite3'}"
        ids = await _prepare(url)
        async with TelegramAPI() as api:
            proc = await _worker(url, api, "--die-at", moment, "--die-on", "2")
            assert await asyncio.wait_for(proc.wait(), 120) == -signal.SIGKILL
            in_flight = await _in_flight(url)
            await _drain(url, api)
            return _count(api, ids, scenario, in_flight)


async def _kill_mid_send() -> Outcome:
    """SIGKILL from outside while every send waits 0.5 s for Telegram's answer."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'faults.sqlite3'}"
        ids = await _prepare(url)
        async with TelegramAPI() as api:
            api.set_latency(0.5)
            proc = await _worker(url, api)
            await api.wait_until(lambda: len(api.calls("sendMessage")) >= CHATS // 3, timeout=120)
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            in_flight = await _in_flight(url)
            await asyncio.sleep(1.0)  # requests the stand-in got before the kill are answered
            await _drain(url, api)
            return _count(api, ids, "kill -9 mid-send (Telegram answers in 0.5 s)", in_flight)


async def _sigterm_slow() -> Outcome:
    """SIGTERM while every send takes 4 s; the worker finishes them before it exits."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'faults.sqlite3'}"
        ids = await _prepare(url)
        async with TelegramAPI() as api:
            api.set_latency(4.0)
            proc = await _worker(url, api)
            while await _in_flight(url) == 0:  # noqa: ASYNC110 — another process's database
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)  # sends are in flight, none answered yet
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 60)
            left = await _in_flight(url)
            sent = await _db(url, lambda: Notification.filter(state="sent").count())
            await _drain(url, api)
            outcome = _count(api, ids, "SIGTERM with Telegram answering in 4 s, restart", left)
            note = f"exit {code}; {sent} sent and recorded before the exit"
            return Outcome(**{**outcome.__dict__, "note": note})


async def _storm_429() -> Outcome:
    """Every sendMessage answers 429 (retry_after 1) for 5 s in the middle of the fan-out."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'faults.sqlite3'}"
        ids = await _prepare(url)
        async with TelegramAPI() as api:
            proc = await _worker(url, api, "--drain")
            await api.wait_until(lambda: len(api.calls("sendMessage")) >= CHATS // 4, timeout=120)
            api.fail(429, times=None, retry_after=1)
            await asyncio.sleep(5.0)
            api.clear_faults()
            assert await asyncio.wait_for(proc.wait(), 300) == 0
            storms = sum(1 for c in api.calls("sendMessage") if c.status == 429)
            outcome = _count(api, ids, "429 storm: 5 s of 429 (retry_after 1)", None)
            return Outcome(**{**outcome.__dict__, "note": f"{storms} answers 429"})


async def _blocked() -> Outcome:
    """Ten of the chats blocked the bot: 403, those chats are deactivated, the rest delivered."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'faults.sqlite3'}"
        ids = await _prepare(url)
        blocked = ids[::30]
        async with TelegramAPI() as api:
            for chat_id in blocked:
                api.block(chat_id, notify=False)
            proc = await _worker(url, api, "--drain")
            assert await asyncio.wait_for(proc.wait(), 300) == 0
            inactive = await _db(url, lambda: Chat.filter(active=False).count())
            outcome = _count(api, [i for i in ids if i not in blocked], "blocked chats", None)
            forbidden = sum(1 for c in api.calls("sendMessage") if c.status == 403)
            note = f"{len(blocked)} blocked: {forbidden} answers 403, {inactive} chats deactivated"
            return Outcome(**{**outcome.__dict__, "note": note})


async def run_all() -> list[Outcome]:
    """Run every scenario, one after the other."""
    return [
        await _kill_self("claim", "kill -9 right after a claim (the 2nd), before its sends"),
        await _kill_mid_send(),
        await _kill_self("mark", "kill -9 after Telegram accepted, before the record (2nd)"),
        await _sigterm_slow(),
        await _storm_429(),
        await _blocked(),
    ]


def markdown_report(quick: bool = False) -> str:
    """Run the scenarios and return them as a markdown section (the same sizes when quick)."""
    lines = [
        "## Faults: kill -9, SIGTERM, 429 storm, blocked chats (issue #13)",
        "",
        f"Delivery rows: {CHATS:,} private chats, one inquiry each, SQLite outbox, the worker in "
        f"its own process at {RATE} msg/s against the Bot API stand-in; after a kill the worker is "
        "restarted under the same name and drains the outbox. Lost must be 0; a duplicate is a "
        "message beyond one per chat, and can only be a row in flight at the kill.",
        "",
        "| scenario | messages | lost | duplicates | rows in flight at the stop | notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for o in asyncio.run(run_all()):
        flight = "—" if o.in_flight is None else str(o.in_flight)
        lines.append(
            f"| {o.scenario} | {CHATS} | {o.lost} | {o.duplicates} | {flight} | {o.note} |"
        )
    lost, duplicates, note = asyncio.run(kill_during_sync())
    lines.append(
        "| kill -9 of `ratsbot run` during a sync (the new inquiry's PDF being downloaded), "
        f"restart | 1 push | {lost} | {duplicates} | — | {note}; bench/bench_fault_sync.py |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_report())
