"""`ratsbot run` as a real subprocess for the scale-out tests (I/O): start, read its log, stop."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from standins.oparl_server import LOCAL_NETWORKS
from standins.telegram_api import TelegramAPI

ROOT = Path(__file__).resolve().parents[1]


class Worker:
    """One `ratsbot` process whose stderr is collected while it runs."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            self.lines.append(raw.decode(errors="replace").rstrip())

    def log(self) -> str:
        return "\n".join(self.lines)

    async def wait_for(self, text: str, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(text in line for line in self.lines):
            assert self.process.returncode is None, self.log()[-3000:]
            assert time.monotonic() < deadline, f"{text!r} not logged:\n{self.log()[-3000:]}"
            await asyncio.sleep(0.1)

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.process.wait(), 40)
        await self._reader
        return code

    async def kill(self) -> None:
        """SIGKILL: no handler runs, whatever was in flight stays so in the database."""
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        await self._reader


def run_env(api: TelegramAPI, database_url: str, endpoints: str, **extra: str) -> dict[str, str]:
    """Return the environment of a `ratsbot` process against the local stand-ins."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "OPARL_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.url,
        DATABASE_URL=database_url,
        OPARL_ENDPOINTS=endpoints,
        HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
        POLL_INTERVAL_SECONDS="1",
        LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


async def start_run(cwd: Path, env: dict[str, str], *args: str) -> Worker:
    """Start `python -m bot ARGS` in `cwd`."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    return Worker(process)
