"""The running application under lasting faults: a revoked token ends `run` (issue #18 point 2)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.app import RunContext, RunOptions, run
from bot.config import Settings
from bot.pipeline.delivery import DeliveryConfig, TokenRevoked
from fetcher.endpoints import Endpoint
from standins.oparl_server import OParlServer
from standins.telegram_api import TelegramAPI
from storage import outbox
from storage.db import close_db, open_db
from storage.models import Kommune, Notification, Paper
from storage.outbox import OutboxItem
from storage.subscriptions import get_or_create_chat
from tests.conftest import Templates

ROOT = Path(__file__).resolve().parents[1]


async def _migrated() -> None:
    """An empty migrated database (the "empty" template: migrated once, then copied)."""


async def _queue_one_push(url: str, chat_ids: list[int]) -> None:
    await open_db(url)
    try:
        kommune = await Kommune.create(
            oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig"
        )
        paper = await Paper.create(
            oparl_id="https://leipzig.example/paper/1",
            kommune=kommune,
            title="Anfrage zur Schulwegsicherheit",
            reference="VII-F-01000",
            kind="Anfrage",
        )
        chats = [await get_or_create_chat(i) for i in chat_ids]
        await outbox.enqueue(OutboxItem(c.id, "paper", paper.id, "new") for c in chats)
    finally:
        await close_db()


async def test_a_revoked_token_ends_run_and_keeps_the_rows(
    tmp_path: Path, templates: Templates
) -> None:
    """Once Telegram answers 401 for good, `run` raises TokenRevoked although nobody set the
    stop event, and the queued messages stay pending for the new token."""
    url = await templates.sqlite_copy("empty", _migrated, tmp_path / "revoked.sqlite3")
    await _queue_one_push(url, [3101, 3102, 3103])
    async with OParlServer("karlsruhe") as oparl, TelegramAPI() as api:

        async def on_ready(context: RunContext) -> None:
            api.revoked = True

        options = RunOptions(
            endpoints=[Endpoint("Stadt Karlsruhe", "karlsruhe", (oparl.system_url,))],
            per_host_interval_s=0.0,
            polling_timeout_s=1,
            first_poll_delay_s=3600,
            first_sync_since=date(2026, 1, 1),
            token_check_interval_s=0.2,
            delivery=DeliveryConfig(poll_interval_s=0.05, backoff_max_s=0.2, auth_lasting_s=0.5),
            on_ready=on_ready,
        )
        settings = Settings(
            TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_URL=api.url, DATABASE_URL=url
        )  # type: ignore[call-arg]
        with pytest.raises(TokenRevoked):
            await asyncio.wait_for(run(settings, asyncio.Event(), options), 30)
        assert api.messages(3101) == []
    await open_db(url, apply_migrations=False)
    try:
        states = await Notification.all().values_list("state", flat=True)
    finally:
        await close_db()
    assert list(states) == ["pending"] * 3


async def test_a_revoked_token_ends_run_with_nothing_to_send(
    tmp_path: Path, templates: Templates
) -> None:
    """With an empty outbox the token check notices the lasting 401 and `run` ends too."""
    url = await templates.sqlite_copy("empty", _migrated, tmp_path / "idle.sqlite3")
    async with OParlServer("karlsruhe") as oparl, TelegramAPI() as api:

        async def on_ready(context: RunContext) -> None:
            api.revoked = True

        options = RunOptions(
            endpoints=[Endpoint("Stadt Karlsruhe", "karlsruhe", (oparl.system_url,))],
            per_host_interval_s=0.0,
            polling_timeout_s=1,
            first_poll_delay_s=3600,
            token_check_interval_s=0.1,
            delivery=DeliveryConfig(poll_interval_s=0.05, backoff_max_s=0.2, auth_lasting_s=0.5),
            on_ready=on_ready,
        )
        settings = Settings(
            TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_URL=api.url, DATABASE_URL=url
        )  # type: ignore[call-arg]
        with pytest.raises(TokenRevoked):
            await asyncio.wait_for(run(settings, asyncio.Event(), options), 30)


async def test_ratsbot_run_exits_2_with_one_line_on_a_revoked_token(tmp_path: Path) -> None:
    """`ratsbot run` against a Bot API that answers 401 exits with code 2 and one German line,
    without a traceback, without the token and without leaving the bot's HTTP connection open."""
    async with OParlServer("leipzig-allris-net") as oparl, TelegramAPI() as api:
        api.revoked = True
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": f"sqlite://{tmp_path / 'run.sqlite3'}",
            "OPARL_ENDPOINTS": f"Stadt Leipzig={oparl.system_url}",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-W", "always::ResourceWarning", "-m", "bot", "run",
            cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    text = stderr.decode()
    assert process.returncode == 2, text[-2000:]
    assert "Telegram lehnt TELEGRAM_BOT_TOKEN ab" in text  # refused at start: one line
    assert "Traceback" not in text
    assert api.token not in text
    assert "ResourceWarning" not in text  # PTB leaves the bot's connection open after get_me's 401
