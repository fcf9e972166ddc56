"""`ratsbot demo` (I/O): the real bot against local OParl and Telegram stand-ins, chatted with from
the terminal.

Starts the local OParl servers (standins/: Leipzig's ALLRIS net endpoint extended with real
papers, Karlsruhe's real fixture) and the local Bot API stand-in, runs `bot.app.run` against
them on a fresh SQLite file under data/demo/ (or RATSBOT_DEMO_DIR), and turns what the person
types into the stand-in's user messages and button presses. `--script FILE` plays the same
lines non-interactively and prints the transcript (tests/test_demo.py keeps it working).
RATSBOT_DEMO_HISTORY=0 skips importing the Kommunen's history at the start (seconds instead of
tens of seconds; searches and previews then find little, the chat itself works the same).
RATSBOT_DEMO_QUIET_S (default 0.8): how long the bot stays silent before an answer counts as
complete and the next line comes (tests/test_demo.py plays the script with less).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import os
import shutil
import signal
import socket
import sys
from dataclasses import replace
from pathlib import Path

from pydantic import SecretStr

from bot.config import Settings
from bot.demo import texts as c
from bot.logs import RedactingFormatter

DEMO_DIR_ENV = "RATSBOT_DEMO_DIR"
DEMO_HISTORY_ENV = "RATSBOT_DEMO_HISTORY"
DEMO_QUIET_ENV = "RATSBOT_DEMO_QUIET_S"
DEMO_FILES = ("ratsbot.sqlite3", "ratsbot.sqlite3-wal", "ratsbot.sqlite3-shm", "ratsbot.log")
# The demo drives polls itself (startup, !neu, !sitzung); the background poll stays out of the way.
POLL_INTERVAL_S = 3600
ALERT_CHECK_INTERVAL_S = 1.0


def demo_command(settings: Settings, *, script: Path | None = None) -> int:
    """Run the demo (interactive, or the lines of `script`); return the exit code.

    `settings` (from the environment) is not used: the demo builds its own, so a `.env` for
    production cannot point it at the real Telegram.
    """
    del settings
    lines: list[str] | None = None
    if script is not None:
        if not script.is_file():
            print(c.SCRIPT_MISSING.format(path=script), file=sys.stderr)
            return 2
        lines = c.script_lines(script.read_text("utf-8"))
    problem = missing_prerequisite()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    data_dir = fresh_data_dir(Path(os.environ.get(DEMO_DIR_ENV) or Path("data") / "demo"))
    setup_demo_logging(data_dir / "ratsbot.log")
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    try:
        history = os.environ.get(DEMO_HISTORY_ENV, "1").strip() != "0"
        quiet_s = quiet_seconds(os.environ.get(DEMO_QUIET_ENV, ""))
        return asyncio.run(_demo(data_dir, lines, history=history, quiet_s=quiet_s))
    except KeyboardInterrupt:  # Ctrl-C before the signal handler was installed
        print(c.BYE)
        return 0


def quiet_seconds(value: str) -> float:
    """Return RATSBOT_DEMO_QUIET_S as seconds: the session's default when empty or not > 0."""
    from bot.demo.session import QUIET_S

    try:
        seconds = float(value)
    except ValueError:
        return QUIET_S
    return seconds if seconds > 0 else QUIET_S


def missing_prerequisite() -> str | None:
    """Return what the demo lacks (the shared fixtures, fpdf2), or None."""
    from standins.fixtures import FIXTURES

    if not (FIXTURES / "oparl").is_dir() or not (FIXTURES / "texts").is_dir():
        return c.FIXTURES_MISSING.format(path=FIXTURES)
    # Looked up, not imported: the stand-ins import fpdf2 (~0.4 s of CPU) only for a PDF that
    # is not in their disk cache yet.
    if importlib.util.find_spec("fpdf") is None:
        return c.FPDF_MISSING
    return None


def fresh_data_dir(path: Path) -> Path:
    """Create `path` and remove what an earlier demo left there (only the demo's own files)."""
    path.mkdir(parents=True, exist_ok=True)
    for name in DEMO_FILES:
        (path / name).unlink(missing_ok=True)
    shutil.rmtree(path / "pdfs", ignore_errors=True)
    (path / "pdfs").mkdir()
    return path


def setup_demo_logging(log_file: Path) -> None:
    """Log to `log_file` at INFO; only errors reach the terminal, so the chat stays readable."""
    formatter = RedactingFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S"
    )
    to_file = logging.FileHandler(log_file, encoding="utf-8")
    to_file.setFormatter(formatter)
    to_terminal = logging.StreamHandler(sys.stderr)
    to_terminal.setFormatter(formatter)
    to_terminal.setLevel(logging.ERROR)
    root = logging.getLogger()
    root.handlers[:] = [to_file, to_terminal]
    root.setLevel(logging.INFO)
    for name in ("httpx", "httpcore", "apscheduler", "telegram.ext", "tortoise", "aiosqlite"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # The stand-ins render PDFs with fpdf2: fontTools logs every subset, fpdf2 missing glyphs.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    logging.getLogger("fpdf").setLevel(logging.ERROR)


def demo_settings(api_url: str, token: str, data_dir: Path) -> Settings:
    """Return the demo's settings: every key explicit, nothing read from `.env`."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        TELEGRAM_BOT_TOKEN=SecretStr(token),
        TELEGRAM_API_URL=api_url,
        TELEGRAM_WEBHOOK_URL=None,
        DATABASE_URL=f"sqlite://{data_dir / 'ratsbot.sqlite3'}",
        OPARL_ENDPOINTS=[],
        POLL_INTERVAL_SECONDS=POLL_INTERVAL_S,
        MEETING_ALERT_HOURS=24,
        ADMIN_CHAT_IDS=[],
        LOG_LEVEL="INFO",
        HTTP_ALLOW_NETWORKS=["127.0.0.0/8", "::1/128"],  # the local OParl stand-in
        HTTP_HOST_INTERVAL_SECONDS=None,  # RunOptions.per_host_interval_s: no pause
        FEEDS_PORT=_free_port(),  # /feed shows real links the demo serves
    )


def _free_port() -> int:
    """Return a TCP port free on this machine right now (for the demo's feed server)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _demo(
    data_dir: Path, lines: list[str] | None, *, history: bool = True, quiet_s: float
) -> int:
    from bot.app import RunOptions, run
    from bot.demo import data as demo_data
    from bot.demo.session import Session
    from bot.demo.terminal import Terminal
    from standins.oparl_server import OParlServer
    from standins.telegram_api import TelegramAPI

    out = Terminal(interactive=lines is None)
    out.say(c.INTRO)
    out.note(c.STARTING)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    pdf_dir = data_dir / "pdfs"
    async with (
        OParlServer("leipzig-allris-net") as leipzig,
        OParlServer("karlsruhe") as karlsruhe,
        TelegramAPI() as api,
    ):
        demo_data.prepare_leipzig(leipzig, pdf_dir)
        endpoints = (
            replace(demo_data.LEIPZIG, system_urls=(leipzig.system_url,)),
            replace(demo_data.KARLSRUHE, system_urls=(karlsruhe.system_url,)),
        )
        session = Session(
            api, leipzig, karlsruhe, out, pdf_dir, stop, lines, history=history, quiet_s=quiet_s
        )
        options = RunOptions(
            endpoints=endpoints,
            alert_check_interval_s=ALERT_CHECK_INTERVAL_S,
            per_host_interval_s=0.0,
            polling_timeout_s=1,
            first_poll_delay_s=POLL_INTERVAL_S,
            first_sync_since=demo_data.FIRST_SYNC_SINCE,
            on_ready=session.on_ready,
        )
        await run(demo_settings(api.url, api.token, data_dir), stop, options)
    out.say(c.BYE)
    return session.exit_code
