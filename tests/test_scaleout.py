"""Several `ratsbot run` processes: roles on one PostgreSQL, one process only on SQLite.

Real processes (`python -m bot run --role …`) against the local OParl servers and the Bot API
stand-in; the test reads the shared database to know when the first sync is done.
"""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.pipeline.fetch_command import fetch_command
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from standins.telegram_api import TelegramAPI
from storage.db import close_db, open_db
from storage.models import Paper, SyncState
from tests import test_config
from tests.conftest import Templates
from tests.karlsruhe_publish import publish_inquiry
from tests.run_proc import Worker, run_env, start_run
from tests.serving import serving
from tests.test_config import Ran

USER = 4244
LEIPZIG_COPIES = 3
# `run` paces requests to one host 1 s apart; the local servers need no such politeness.
HOST_INTERVAL_S = 0.02
in_process = test_config.ratsbot  # the in-process CLI fixture (bot.cli.main)


_SYNC_LINE = re.compile(r"^(\S+) INFO bot\.pipeline\.sync kommune=(\S+) ok .* took=([\d.]+)s$")


def _syncs(lines: list[str]) -> list[tuple[str, float, float]]:
    """Return (kommune, start, end) in epoch seconds of every successful sync in a log."""
    found = []
    for line in lines:
        match = _SYNC_LINE.match(line)
        if match:
            end = datetime.fromisoformat(match.group(1)).timestamp()
            found.append((match.group(2), end - float(match.group(3)), end))
    return found


@asynccontextmanager
async def _servers() -> AsyncIterator[tuple[TelegramAPI, OParlServer, str]]:
    async with AsyncExitStack() as stack:
        api = await stack.enter_async_context(TelegramAPI())
        karlsruhe = await stack.enter_async_context(OParlServer("karlsruhe"))
        endpoints = [f"Stadt Karlsruhe={karlsruhe.system_url}"]
        for n in range(LEIPZIG_COPIES):  # slow servers: syncs last long enough to collide
            copy = await stack.enter_async_context(
                # another loopback address each: `run` paces requests per host
                OParlServer(
                    "leipzig-allris-net", faults=Faults(latency_s=0.2), host=f"127.0.0.{n + 2}"
                )
            )
            endpoints.append(f"Kommune {n}={copy.system_url}")
        yield api, karlsruhe, ",".join(endpoints)


async def _first_syncs_done(count: int, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while await SyncState.filter(list_name="paper", first_sync_done=True).count() < count:
        assert time.monotonic() < deadline, "first syncs not finished"
        await asyncio.sleep(0.3)


async def test_roles_on_one_postgresql(db_url: str, tmp_path: Path) -> None:
    """`run --role all` and `run --role fetch` on one PostgreSQL: only the first polls Telegram
    (no 409 Conflict), the two split the Kommunen through leases (each sync by one process, no
    error), and a newly published inquiry reaches its subscriber exactly once."""
    if not db_url.startswith("postgres"):
        pytest.skip("several processes need PostgreSQL; SQLite refuses a second one (below)")
    async with _servers() as (api, karlsruhe, endpoints):
        env = run_env(api, db_url, endpoints, HTTP_HOST_INTERVAL_SECONDS=str(HOST_INTERVAL_S))
        # The first sync as README's "Running it for real" does it (`ratsbot fetch --once
        # --since 2026-01-01`, here in this process, whose connection it closes); with `run`'s
        # default of 90 days no Karlsruhe fixture paper is recent enough to set a watermark.
        await close_db()
        settings = Settings(
            _env_file=None,
            TELEGRAM_BOT_TOKEN=api.token,
            DATABASE_URL=db_url,
            OPARL_ENDPOINTS=endpoints,
            HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
            HTTP_HOST_INTERVAL_SECONDS=HOST_INTERVAL_S,
        )  # type: ignore[call-arg]
        fetched = await fetch_command(settings, once=True, since=date(2026, 1, 1), kommune=None)
        await open_db(db_url, apply_migrations=False)
        assert fetched == 0
        fetcher = await start_run(tmp_path, env, "run", "--role", "fetch")
        main: Worker | None = None
        try:
            await fetcher.wait_for("role=fetch")
            await asyncio.sleep(2.0)
            assert api.calls("getUpdates") == []  # a fetch worker never polls Telegram
            assert api.calls("setMyCommands") == []
            main = await start_run(tmp_path, env, "run", "--role", "all")
            await main.wait_for("ratsbot running")
            await _first_syncs_done(1 + LEIPZIG_COPIES)
            api.user_sends(USER, "/abo Karlsruhe fraktion:AfD")
            assert "AfD" in (await api.wait_for_message(USER, timeout=15)).text
            publish_inquiry(karlsruhe, "2026/9996", tmp_path)
            # a Karlsruhe sync makes about 28 requests, paced per host: up to two syncs to wait for
            push = await api.wait_for_message(USER, lambda m: "2026/9996" in m.text, timeout=150)
            assert push.text.startswith("📄")
            await asyncio.sleep(3.0)  # both processes polled again meanwhile
        finally:
            stopping_at = time.monotonic()
            codes = (await main.stop() if main else None, await fetcher.stop())
    assert main is not None
    logs = main.log() + "\n" + fetcher.log()
    assert codes == (0, 0), logs[-3000:]
    assert [m for m in api.messages(USER) if "2026/9996" in m.text] == [push]
    assert await Paper.filter(reference="2026/9996").count() == 1
    polls = api.calls("getUpdates")
    assert polls
    # PTB's own stop ends its pending long poll with one last getUpdates (a 409 here too)
    assert [c for c in polls if c.status != 200 and c.at < stopping_at] == []
    assert "skipped=leased_by_other_worker" in logs  # they met, and one stepped aside
    syncs = {name: _syncs(worker.lines) for name, worker in (("main", main), ("fetch", fetcher))}
    assert syncs["main"] or syncs["fetch"]
    for kommune, start, end in syncs["main"]:
        for other, other_start, other_end in syncs["fetch"]:
            # log stamps have whole seconds: allow one second either way
            overlap = min(end, other_end) - max(start, other_start)
            assert kommune != other or overlap <= 1.0, (kommune, start, end, other_start)
    assert "Traceback" not in logs
    assert "IntegrityError" not in logs


async def _migrated() -> None:
    """An empty migrated database (the "empty" template: migrated once, then copied)."""


def test_second_instance_on_sqlite_refuses_to_start(
    tmp_path: Path, templates: Templates, in_process: Callable[..., Ran]
) -> None:
    """With `ratsbot run` running on an SQLite file, a second `run` and a `fetch` refuse with
    one line and exit 2; the first one keeps running and stops cleanly.

    The first `run` is a real process; the second ones run in this process (`bot.cli.main`),
    which is another process to the first one's lock all the same."""
    # One source is enough here: the lock is the subject, not the syncs of slow servers.
    with serving(TelegramAPI) as api, serving(lambda: OParlServer("karlsruhe")) as karlsruhe:
        endpoints = f"Stadt Karlsruhe={karlsruhe.system_url}"
        database = asyncio.run(templates.sqlite_copy("empty", _migrated, tmp_path / "one.sqlite3"))
        env = run_env(api, database, endpoints)
        log = tmp_path / "first.log"
        with log.open("wb") as stderr:
            first = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
            )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while "ratsbot running" not in log.read_text(errors="replace"):
                assert first.poll() is None, log.read_text(errors="replace")[-3000:]
                assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
                time.sleep(0.1)
            same = {k: env[k] for k in ("DATABASE_URL", "OPARL_ENDPOINTS", "TELEGRAM_API_URL")}
            for args in (["run"], ["fetch", "--once"]):
                second = in_process(args, {**same, "TELEGRAM_BOT_TOKEN": api.token})
                assert second.returncode == 2, second.stderr
                assert len(second.stderr.splitlines()) == 1, second.stderr
                assert second.stderr.startswith("Ratsbot läuft schon mit der SQLite-Datenbank")
            assert first.poll() is None
        finally:
            first.send_signal(signal.SIGTERM)
            code = first.wait(40)
        assert code == 0, log.read_text(errors="replace")[-3000:]
