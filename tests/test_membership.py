"""my_chat_member: a chat that blocks or removes the bot is silent at once; a group is greeted."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from standins.telegram_api import TelegramAPI
from storage.models import Chat, Subscription
from tests.test_webhook import _running

USER = 4243
OWNER = 5150
GROUP = -4711


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[TelegramAPI]:
    """Run the application with long polling against the stand-in; yield the stand-in."""
    async with OParlServer("karlsruhe") as oparl, TelegramAPI() as telegram:
        settings = Settings(
            TELEGRAM_BOT_TOKEN=telegram.token,
            TELEGRAM_API_URL=telegram.url,
            DATABASE_URL=f"sqlite://{tmp_path / 'member.sqlite3'}",
            HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
        )  # type: ignore[call-arg]
        stop, task = await _running(telegram, oparl, settings)
        try:
            yield telegram
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


async def _chat(chat_id: int) -> Chat | None:
    return await Chat.get_or_none(chat_id=chat_id)


async def _wait_inactive(chat_id: int) -> Chat:
    for _ in range(100):
        chat = await _chat(chat_id)
        if chat is not None and not chat.active:
            break
        await asyncio.sleep(0.1)
    assert chat is not None
    assert not chat.active, "chat not deactivated within 10 s"
    return chat


async def test_blocking_the_bot_deactivates_the_chat_at_once(api: TelegramAPI) -> None:
    """A user with a keyword subscription blocks the bot: the chat is inactive and its
    subscription paused without any send failing first; writing again reactivates both."""
    api.user_sends(USER, "/abo stichwort:Schule")
    await api.wait_for_message(USER, timeout=10)
    assert await Subscription.filter(chat__chat_id=USER, paused=False).count() == 1
    sends_before = len(api.calls("sendMessage"))
    api.block(USER)
    chat = await _wait_inactive(USER)
    assert chat.deactivated_reason == "my_chat_member: blocked"
    assert await Subscription.filter(chat__chat_id=USER, paused=True).count() == 1
    assert [c for c in api.calls("sendMessage")[sends_before:] if c.status == 403] == []
    api.user_sends(USER, "/abos")  # unblocks, as in Telegram
    await api.wait_for_message(USER, timeout=10)
    chat = await _chat(USER)
    assert chat is not None
    assert chat.active
    assert await Subscription.filter(chat__chat_id=USER, paused=False).count() == 1


async def test_group_is_greeted_and_removal_deactivates_it(api: TelegramAPI) -> None:
    """Added to a group, the bot greets its admins with /abo; removed, the group is inactive."""
    api.add_group(GROUP, "Stadtteilgruppe Südvorstadt", owner_id=OWNER, member_ids=[USER])
    api.add_bot_to_group(GROUP)
    greeting = await api.wait_for_message(GROUP, timeout=10)
    assert "Admins dieser Gruppe" in greeting.text
    assert "/abo Leipzig Grüne" in greeting.text
    chat = await _chat(GROUP)
    assert chat is not None
    assert chat.active
    assert chat.chat_type == "group"
    assert chat.title == "Stadtteilgruppe Südvorstadt"
    api.remove_bot_from_group(GROUP)
    chat = await _wait_inactive(GROUP)
    assert chat.deactivated_reason == "my_chat_member: removed from group"
    await asyncio.sleep(0.5)
    assert len([m for m in api.messages(GROUP) if m.from_bot]) == 1  # no goodbye into a 403
