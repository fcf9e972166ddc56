"""kill -9 of `ratsbot run` during a sync, then restart: does the new inquiry reach its subscriber
exactly once? (I/O: real processes, the local OParl server and the Bot API stand-in.)

The first sync runs as README's "Running it for real" does it (`fetch --once --since`); then
`run` starts on the same SQLite file, a user subscribes to Karlsruhe's AfD inquiries, the OParl
server publishes a new AfD inquiry with a PDF, and the process is killed the moment the server
is asked for that PDF: the paper is read, its document is being downloaded. The restarted `run`
must send the push once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from standins.karlsruhe_publish import publish_inquiry
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from standins.telegram_api import TelegramAPI

ROOT = Path(__file__).resolve().parents[1]
USER = 4245
REFERENCE = "2026/9995"


async def _ratsbot(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _until(condition: object, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.05)


async def kill_during_sync() -> tuple[int, int, str]:
    """Return (lost, duplicates, note) of the push after a kill -9 mid sync and a restart."""
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        async with TelegramAPI() as api, OParlServer("karlsruhe") as server:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "OPARL_"))}
            env.update(
                PYTHONPATH=str(ROOT),
                TELEGRAM_BOT_TOKEN=api.token,
                TELEGRAM_API_URL=api.url,
                DATABASE_URL=f"sqlite://{cwd / 'ratsbot.sqlite3'}",
                OPARL_ENDPOINTS=f"Stadt Karlsruhe={server.system_url}",
                HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
                POLL_INTERVAL_SECONDS="1",
            )
            first = await _ratsbot(env, cwd, "fetch", "--once", "--since", "2026-01-01")
            assert await asyncio.wait_for(first.wait(), 300) == 0
            run = await _ratsbot(env, cwd, "run")
            await _until(lambda: api.calls("getUpdates"), 60, "polling")
            api.user_sends(USER, "/abo Karlsruhe fraktion:AfD")
            confirmation = await api.wait_for_message(USER, timeout=30)
            assert "Abo angelegt" in confirmation.text, confirmation.text
            served = publish_inquiry(server, REFERENCE, cwd)
            pdf = urlsplit(served["auxiliaryFile"][0]["accessUrl"]).path
            await _until(lambda: server.request_total(pdf) > 0, 180, "the PDF download")
            run.send_signal(signal.SIGKILL)
            await run.wait()
            pushed_before = len([m for m in api.messages(USER) if REFERENCE in m.text])
            restart = await _ratsbot(env, cwd, "run")
            try:
                await api.wait_for_message(USER, lambda m: REFERENCE in m.text, timeout=180)
                await asyncio.sleep(10.0)  # a second push would come within the next polls
            except TimeoutError:
                pass
            finally:
                restart.send_signal(signal.SIGTERM)
                await asyncio.wait_for(restart.wait(), 60)
            pushes = [m for m in api.messages(USER) if REFERENCE in m.text]
            note = f"{pushed_before} push(es) before the kill"
            return (1 if not pushes else 0), max(0, len(pushes) - 1), note


if __name__ == "__main__":
    print(asyncio.run(kill_during_sync()))
