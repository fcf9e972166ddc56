"""Who may talk to the bot: the webhook's secret and the operators' private chats (issue #13)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import RunContext, RunOptions, run
from bot.config import ConfigError, Settings, load_settings
from bot.pipeline.delivery import DeliveryConfig
from fetcher.endpoints import Endpoint
from standins.oparl_server import OParlServer
from standins.telegram_api import TelegramAPI
from tests.conftest import Templates

USER = 4242
ADMIN = 777
GROUP = -100777
SECRET = "s3cret-Token_for-the-webhook"


async def _migrated() -> None:
    """An empty migrated database (the "empty" template: migrated once, then copied)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _running(
    api: TelegramAPI, oparl: OParlServer, settings: Settings
) -> tuple[asyncio.Event, asyncio.Task[None]]:
    stop = asyncio.Event()
    ready: asyncio.Future[RunContext] = asyncio.get_running_loop().create_future()

    async def on_ready(context: RunContext) -> None:
        ready.set_result(context)

    options = RunOptions(
        endpoints=[Endpoint("Stadt Karlsruhe", "karlsruhe", (oparl.system_url,))],
        per_host_interval_s=0.0,
        polling_timeout_s=1,
        first_poll_delay_s=3600,  # these tests are about chat traffic, not about syncing
        delivery=DeliveryConfig(poll_interval_s=0.1),
        on_ready=on_ready,
    )
    task = asyncio.create_task(run(settings, stop, options))
    await asyncio.wait_for(ready, 30)
    return stop, task


@pytest.fixture
async def webhook(tmp_path: Path, templates: Templates) -> AsyncIterator[tuple[TelegramAPI, str]]:
    """Run the application in webhook mode on a free local port; yield the stand-in and URL."""
    url = f"http://127.0.0.1:{_free_port()}/hook"
    database = await templates.sqlite_copy("empty", _migrated, tmp_path / "hook.sqlite3")
    async with OParlServer("karlsruhe") as oparl, TelegramAPI() as api:
        settings = Settings(
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_URL=api.url,
            TELEGRAM_WEBHOOK_URL=url,
            TELEGRAM_WEBHOOK_PORT=int(url.split(":")[2].split("/")[0]),
            TELEGRAM_WEBHOOK_SECRET=SECRET,
            DATABASE_URL=database,
            ADMIN_CHAT_IDS=str(ADMIN),
        )  # type: ignore[call-arg]
        stop, task = await _running(api, oparl, settings)
        try:
            yield api, url
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


async def _post(url: str, update: dict[str, object], secret: str | None) -> int:
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


async def test_webhook_rejects_updates_without_the_secret(
    webhook: tuple[TelegramAPI, str],
) -> None:
    """A forged POST without or with a wrong secret gets 403 and no answer; Telegram's passes."""
    api, url = webhook
    assert api.calls("setWebhook")[-1].params["secret_token"] == SECRET
    update = api.user_sends(USER, "/start")
    assert await _post(url, update, None) == 403
    assert await _post(url, update, "wrong-secret") == 403
    await asyncio.sleep(1.0)
    assert [m for m in api.messages(USER) if m.from_bot] == []
    assert await _post(url, update, SECRET) == 200
    welcome = await api.wait_for_message(USER, timeout=10)
    assert welcome.text


async def test_forged_admin_update_cannot_run_verbergen(
    webhook: tuple[TelegramAPI, str],
) -> None:
    """An update claiming to come from the operator is refused without the webhook secret."""
    api, url = webhook
    update = api.user_sends(ADMIN, "/verbergen F-00724/14")
    assert await _post(url, update, None) == 403
    await asyncio.sleep(1.0)
    assert [m for m in api.messages(ADMIN) if m.from_bot] == []


def test_webhook_mode_requires_a_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Webhook mode without TELEGRAM_WEBHOOK_SECRET stops start-up with one line naming it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example/hook")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value).startswith("Konfigurationsfehler in TELEGRAM_WEBHOOK_SECRET:")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "has spaces")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "TELEGRAM_WEBHOOK_SECRET" in str(info.value)
    assert "has spaces" not in str(info.value)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    settings = load_settings()
    assert settings.telegram_webhook_listen == "127.0.0.1"
    assert SECRET not in repr(settings)


@pytest.fixture
async def polling(tmp_path: Path, templates: Templates) -> AsyncIterator[TelegramAPI]:
    """Run the application with long polling; yield the stand-in."""
    database = await templates.sqlite_copy("empty", _migrated, tmp_path / "poll.sqlite3")
    async with OParlServer("karlsruhe") as oparl, TelegramAPI() as api:
        settings = Settings(
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_URL=api.url,
            DATABASE_URL=database,
            ADMIN_CHAT_IDS=f"{ADMIN},{GROUP}",
        )  # type: ignore[call-arg]
        stop, task = await _running(api, oparl, settings)
        try:
            yield api
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


async def test_operator_commands_only_in_the_operators_private_chat(
    polling: TelegramAPI,
) -> None:
    """/verbergen and /status from a group (even one listed, even by an operator) or from a
    non-operator are refused; the operator's private chat gets the answer."""
    api = polling
    api.add_group(GROUP, "Ratsgruppe", owner_id=ADMIN, member_ids=[USER])
    api.user_sends(GROUP, "/verbergen F-00724/14", user_id=ADMIN)
    refused = await api.wait_for_message(GROUP, timeout=10)
    assert "nur für die Betreiber" in refused.text
    api.user_sends(GROUP, "/status", user_id=USER)
    refused = await api.wait_for_message(GROUP, timeout=10)
    assert "nur für die Betreiber" in refused.text
    api.user_sends(USER, "/verbergen F-00724/14")
    assert "nur für die Betreiber" in (await api.wait_for_message(USER, timeout=10)).text
    api.user_sends(ADMIN, "/verbergen F-00724/14")
    answer = await api.wait_for_message(ADMIN, timeout=10)
    assert "Kein Papier mit dem Aktenzeichen" in answer.text
