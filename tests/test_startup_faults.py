"""Start-up never hangs: a read-only database and a SIGTERM while starting (issue #18 point 6).

`run` runs as a real process (`python -m bot`); `status` and `fetch` run in this process
(`bot.cli.main`, which `python -m bot` calls).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from standins.telegram_api import TelegramAPI
from tests import test_config
from tests.conftest import Templates
from tests.test_config import Ran

ROOT = Path(__file__).resolve().parents[1]


in_process = test_config.ratsbot  # the in-process CLI fixture (bot.cli.main)


async def _migrated() -> None:
    """An empty migrated database (the template is migrated once per test process)."""


@pytest.fixture
async def migrated_db(tmp_path: Path, templates: Templates) -> Path:
    """Return a migrated SQLite file in its own directory (a copy of this process's template)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "ratsbot.sqlite3"
    await templates.sqlite_copy("empty", _migrated, db)
    return db


@pytest.fixture
def read_only_db(migrated_db: Path) -> Iterator[Path]:
    """Yield a migrated SQLite file in a directory nobody may write (immutable for root)."""
    db, folder = migrated_db, migrated_db.parent
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root without chattr cannot make a read-only file")
        done = subprocess.run(["chattr", "+i", str(db), str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i not permitted here: {done.stderr.decode().strip()}")
        try:
            yield db
        finally:
            subprocess.run(["chattr", "-i", str(db), str(folder)], check=True)
        return
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield db
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


def _ratsbot(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        timeout=60,
    )
    return done.returncode, done.stderr.decode(), time.monotonic() - started


# A token in @BotFather's format (the settings refuse others); never used against Telegram.
UNUSED_TOKEN = "123456789:AAH-unused-token-for-the-read-only-test"


@pytest.mark.parametrize("command", ["status", "run", "fetch"])
def test_read_only_database_gives_one_line_and_exit_2(
    read_only_db: Path, tmp_path: Path, command: str, in_process: Callable[..., Ran]
) -> None:
    """status, run and fetch on a database that cannot be written end at once with code 2 and
    one German line instead of hanging."""
    env = {"DATABASE_URL": f"sqlite://{read_only_db}", "TELEGRAM_BOT_TOKEN": UNUSED_TOKEN}
    args = ("fetch", "--once") if command == "fetch" else (command,)
    if command == "run":  # the one real process
        code, stderr, took_s = _ratsbot(*args, env=env, cwd=tmp_path)
    else:
        started = time.monotonic()
        ran = in_process(list(args), env)
        code, stderr, took_s = ran.returncode, ran.stderr, time.monotonic() - started
    assert code == 2, stderr
    assert stderr.startswith("Datenbank "), stderr
    assert "nicht schreiben" in stderr
    assert "Traceback" not in stderr
    assert took_s < 30  # the bound of the subprocess call; it took > 300 s before


async def test_sigterm_while_starting_ends_run(tmp_path: Path) -> None:
    """A SIGTERM while start-up waits for Telegram ends `ratsbot run` with 0, before the timeout."""
    async with TelegramAPI() as api:
        # getMe is never answered in time: without the signal, start-up would end with the HTTP
        # timeout ("Telegram nicht erreichbar", exit 2); exit 0 and no such line show that the
        # signal, not the timeout, ended the run (no wall-clock bound: the machine may be loaded).
        api.set_latency(60.0)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": f"sqlite://{tmp_path / 'start.sqlite3'}",
            "OPARL_ENDPOINTS": "Stadt Leipzig=http://127.0.0.1:9/oparl/system",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        database = tmp_path / "start.sqlite3"
        for _ in range(300):  # the signal handlers are in place before the database is opened
            if database.exists():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)  # migrated, waiting for getMe
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, stderr.decode()[-2000:]
        assert "stopped during start-up" in stderr.decode()
        assert "nicht erreichbar" not in stderr.decode()
        assert b"Traceback" not in stderr


@pytest.mark.parametrize("delay_s", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4])
async def test_cancel_while_opening_the_database_leaves_no_connection_open(
    tmp_path: Path, delay_s: float
) -> None:
    """A start-up cancelled while the database is being created and migrated (a SIGTERM then)
    lets the migration finish and closes the database before it ends: no half-migrated file,
    no SQLite thread that outlives the event loop."""
    from bot.app import run
    from bot.config import Settings

    threads_before = {thread.ident for thread in threading.enumerate()}
    async with TelegramAPI() as api:
        api.set_latency(60.0)  # a start-up that got past the database waits here
        settings = Settings(
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_URL=api.url,
            DATABASE_URL=f"sqlite://{tmp_path / 'fresh.sqlite3'}",
            OPARL_ENDPOINTS="Stadt Leipzig=http://127.0.0.1:9/oparl/system",
        )  # type: ignore[call-arg]
        task = asyncio.create_task(run(settings, asyncio.Event()))
        for _ in range(5000):  # the file appears when the migration connects
            if (tmp_path / "fresh.sqlite3").exists() or task.done():
                break
            await asyncio.sleep(0.001)
        await asyncio.sleep(delay_s)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        migrations = sorted(p.stem for p in (ROOT / "storage" / "migrations").glob("0*.py"))
        with contextlib.closing(sqlite3.connect(tmp_path / "fresh.sqlite3")) as db:
            applied = sorted(name for (name,) in db.execute("SELECT name FROM tortoise_migrations"))
        assert applied == migrations
        left = [t for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
        for thread in left:
            thread.join(timeout=10)
        assert [t for t in left if t.is_alive()] == []
