"""Tests for the local Telegram Bot API stand-in, driven by the real PTB over HTTP (127.0.0.1)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
)
from telegram.request import HTTPXRequest

from standins.telegram_api import FloodLimits, TelegramAPI
from standins.telegram_html import HTMLParseError, parse_html

PRIVATE = 4242
REPO_ROOT = Path(__file__).resolve().parents[1]
GROUP = -4711


@pytest.fixture(autouse=True)
def _timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta time periods: else RetryAfter() warns (PTBDeprecationWarning)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def api() -> AsyncIterator[TelegramAPI]:
    """Yield a running stand-in on 127.0.0.1:<free port>."""
    async with TelegramAPI() as server:
        yield server


@pytest.fixture
async def bot(api: TelegramAPI) -> AsyncIterator[Bot]:
    """Yield an initialised PTB Bot pointed at the stand-in."""
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


def build_app(api: TelegramAPI) -> Application:  # type: ignore[type-arg]
    """Build a PTB Application against the stand-in, as the composition root will."""
    return (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[None]:  # type: ignore[type-arg]
    """Run the application with long polling, and stop it cleanly."""
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()


# ------------------------------------------------------------------ sending


async def test_send_message_is_recorded_and_echoed(api: TelegramAPI, bot: Bot) -> None:
    """sendMessage returns the stored Message (parsed text, entities, keyboard) and is recorded."""
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Antwort abonnieren", callback_data="follow:724")]]
    )
    sent = await bot.send_message(
        PRIVATE,
        "<b>Anfrage</b> · Leipzig &amp; Umland",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )
    assert sent.text == "Anfrage · Leipzig & Umland"
    assert sent.entities == (MessageEntity(MessageEntity.BOLD, 0, 7),)
    assert sent.reply_markup == keyboard
    assert sent.from_user is not None
    assert sent.from_user.username == api.bot_username
    assert (sent.chat.id, sent.chat.type) == (PRIVATE, "private")
    (recorded,) = api.messages(PRIVATE)
    assert recorded.message_id == sent.message_id
    assert recorded.source == "<b>Anfrage</b> · Leipzig &amp; Umland"
    assert recorded.button("Antwort abonnieren").callback_data == "follow:724"


async def test_plain_strings_stay_strings(api: TelegramAPI, bot: Bot) -> None:
    """PTB sends str parameters raw, so a text "123" or "true" is not JSON-decoded."""
    for text in ("123", "true", '{"a": 1}'):
        sent = await bot.send_message(PRIVATE, text)
        assert sent.text == text
    assert [m.text for m in api.messages(PRIVATE)] == ["123", "true", '{"a": 1}']


async def test_message_length_limit(api: TelegramAPI, bot: Bot) -> None:
    """4096 visible characters pass, 4097 give 400 "message is too long"; tags do not count."""
    await bot.send_message(PRIVATE, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(PRIVATE, "x" * 4097)
    assert len(api.messages(PRIVATE)) == 1


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("Tempo < 30", 'unsupported start tag "" at byte offset 6'),
        ("<b>fett", 'can\'t find end tag corresponding to start tag "b"'),
        ("<b>fett</i>", 'unmatched end tag at byte offset 7, expected "</b>", found "</i>"'),
        ("<p>Absatz</p>", 'unsupported start tag "p" at byte offset 0'),
        ("Müll & Abfall", 'unescaped "&" at byte offset 6'),
        ('<a href="https://x.org/?a=1&b=2">x</a>', 'unescaped "&"'),
        ("x</b>", "unexpected end tag at byte offset 1"),
    ],
)
async def test_html_errors_are_bad_request(bot: Bot, html: str, error: str) -> None:
    """HTML Telegram cannot parse gives 400 "can't parse entities" with TDLib's reason."""
    with pytest.raises(BadRequest, match="Can't parse entities") as info:
        await bot.send_message(PRIVATE, html, parse_mode=ParseMode.HTML)
    assert error in info.value.message


def test_html_parser_decodes_like_telegram() -> None:
    """Entities decode (&lt; &amp; numeric …), links keep their href, offsets are UTF-16."""
    parsed = parse_html('📄 <a href="https://x.org/?a=1&amp;b=2">A &lt;B&gt;</a> &#228;&#x1F600;')
    assert parsed.text == "📄 A <B> ä😀"
    assert parsed.entities == (
        {"type": "text_link", "offset": 3, "length": 5, "url": "https://x.org/?a=1&b=2"},
    )
    assert parsed.length == 12  # the two emoji count twice
    with pytest.raises(HTMLParseError):
        parse_html('<span class="x">y</span>')


async def test_callback_data_over_64_bytes_is_rejected(bot: Bot) -> None:
    """callback_data longer than 64 bytes (umlauts count double) gives BUTTON_DATA_INVALID."""
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ü" * 33)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(PRIVATE, "x", reply_markup=too_long)
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ü" * 32)]])
    await bot.send_message(PRIVATE, "x", reply_markup=fits)


# ------------------------------------------------------------------ errors and faults


async def test_blocked_user_gives_forbidden(api: TelegramAPI, bot: Bot) -> None:
    """A chat whose user blocked the bot answers 403; after unblocking, sending works again."""
    api.block(PRIVATE)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(PRIVATE, "Neue Anfrage")
    api.block(GROUP)
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(GROUP, "Neue Anfrage")
    api.unblock(PRIVATE)
    await bot.send_message(PRIVATE, "Neue Anfrage")
    assert [m.text for m in api.messages(PRIVATE)] == ["Neue Anfrage"]
    api.block(PRIVATE)
    api.user_sends(PRIVATE, "/start")  # writing to the bot again unblocks it
    assert not api.is_blocked(PRIVATE)
    kinds = [next(k for k in u if k != "update_id") for u in api.pending_updates()]
    assert kinds == ["my_chat_member"] * 4 + ["message"]  # block, unblock, block, unblock


async def test_retry_after_for_one_chat_only(api: TelegramAPI, bot: Bot) -> None:
    """A 429 fault for one chat raises RetryAfter there once; other chats are not affected."""
    api.fail(429, chat_id=PRIVATE, retry_after=7)
    await bot.send_message(PRIVATE + 1, "andere")
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(PRIVATE, "x")
    assert info.value.retry_after == dt.timedelta(seconds=7)
    await bot.send_message(PRIVATE, "x")
    assert api.stats().errors == {429: 1}


async def test_server_errors_and_migration(api: TelegramAPI, bot: Bot) -> None:
    """500 maps to NetworkError (not BadRequest); a migrated group raises ChatMigrated."""
    api.fail(500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError) as info:
            await bot.send_message(PRIVATE, "x")
        assert not isinstance(info.value, BadRequest)
    api.fail(400, chat_id=GROUP, migrate_to_chat_id=-1001234567890)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(GROUP, "x")
    assert migrated.value.new_chat_id == -1001234567890
    await bot.send_message(PRIVATE, "wieder da")


async def test_faults_until_cleared_and_per_method(api: TelegramAPI, bot: Bot) -> None:
    """A fault with times=None persists until cleared; a method fault hits only that method."""
    api.fail(400, times=None, method="editMessageText", description="Bad Request: kaputt")
    sent = await bot.send_message(PRIVATE, "a")
    for _ in range(3):
        with pytest.raises(BadRequest, match="Kaputt"):
            await bot.edit_message_text("b", chat_id=PRIVATE, message_id=sent.message_id)
    api.clear_faults()
    await bot.edit_message_text("b", chat_id=PRIVATE, message_id=sent.message_id)


async def test_wrong_token_is_invalid_token(api: TelegramAPI) -> None:
    """A token the stand-in does not know gets 401, which PTB reports as InvalidToken."""
    stranger = Bot("999:wrong", base_url=api.base_url)
    with pytest.raises(InvalidToken):
        await stranger.initialize()
    await stranger.shutdown()


async def test_latency_is_added(api: TelegramAPI, bot: Bot) -> None:
    """set_latency delays every answer (here for one chat only)."""
    api.set_latency(0.3, chat_id=PRIVATE)
    started = time.monotonic()
    await bot.send_message(PRIVATE + 1, "schnell")
    fast = time.monotonic() - started
    started = time.monotonic()
    await bot.send_message(PRIVATE, "langsam")
    assert time.monotonic() - started >= 0.3 > fast


# ------------------------------------------------------------------ edits, deletes, members


async def test_edit_not_modified_and_delete(api: TelegramAPI, bot: Bot) -> None:
    """Edits replace text and (when omitted) the keyboard; equal edits and re-deletes fail."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ähnliche", callback_data="s:1")]])
    sent = await bot.send_message(PRIVATE, "alt", reply_markup=keyboard)
    edited = await bot.edit_message_text("<i>neu</i>", PRIVATE, sent.message_id, parse_mode="HTML")
    assert not isinstance(edited, bool)
    assert edited.text == "neu"
    assert edited.edit_date is not None
    (recorded,) = api.messages(PRIVATE)
    assert recorded.history == ["alt"]
    assert recorded.buttons == []
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<i>neu</i>", PRIVATE, sent.message_id, parse_mode="HTML")
    await bot.edit_message_reply_markup(PRIVATE, sent.message_id, reply_markup=keyboard)
    assert recorded.button("Ähnliche").callback_data == "s:1"
    assert await bot.delete_message(PRIVATE, sent.message_id) is True
    assert api.messages(PRIVATE) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(PRIVATE, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", PRIVATE, 999)


async def test_group_admin_checks(api: TelegramAPI, bot: Bot) -> None:
    """getChatMember / getChatAdministrators report creator, administrators and members."""
    api.add_group(GROUP, "Radentscheid Leipzig", owner_id=1, admin_ids=[2], member_ids=[3])
    assert isinstance(await bot.get_chat_member(GROUP, 1), ChatMemberOwner)
    assert isinstance(await bot.get_chat_member(GROUP, 2), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(GROUP, 3), ChatMemberMember)
    assert isinstance(await bot.get_chat_member(GROUP, 4), ChatMemberLeft)
    admins = await bot.get_chat_administrators(GROUP)
    assert [m.user.id for m in admins] == [1, 2]
    chat = await bot.get_chat(GROUP)
    assert chat.title == "Radentscheid Leipzig"


async def test_commands_round_trip(api: TelegramAPI, bot: Bot) -> None:
    """setMyCommands stores German descriptions per scope; getMyCommands returns them."""
    commands = [BotCommand("abo", "Abos verwalten"), BotCommand("suche", "Anfragen durchsuchen")]
    assert await bot.set_my_commands(commands) is True
    assert tuple(await bot.get_my_commands()) == tuple(commands)
    assert api.commands()[1] == {"command": "suche", "description": "Anfragen durchsuchen"}
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Suche!", "x")])


# ------------------------------------------------------------------ updates


async def test_wait_for_message_hands_out_each_message_once(api: TelegramAPI, bot: Bot) -> None:
    """wait_for_message returns the oldest matching message not returned before, then times out."""
    for text in ("a", "b", "c"):
        await bot.send_message(PRIVATE, text)
    assert (await api.wait_for_message(PRIVATE, lambda m: m.text == "b")).text == "b"
    assert (await api.wait_for_message(PRIVATE)).text == "a"
    assert (await api.wait_for_message(PRIVATE)).text == "c"
    with pytest.raises(TimeoutError, match=r"chat holds: \['a', 'b', 'c'\]"):
        await api.wait_for_message(PRIVATE, timeout=0.2)


async def test_group_privacy_mode(api: TelegramAPI, bot: Bot) -> None:
    """In groups only commands, mentions and replies to the bot reach it (privacy mode)."""
    api.add_group(GROUP, "Stadtrat-Watch", owner_id=1)
    api.user_sends(GROUP, "nur geplaudert", user_id=1)
    assert api.pending_updates() == []
    sent = await bot.send_message(GROUP, "Neue Anfrage")
    api.user_sends(GROUP, "danke", user_id=1, reply_to_message_id=sent.message_id)
    api.user_sends(GROUP, f"@{api.bot_username} hilfe", user_id=1)
    api.user_sends(GROUP, "/abo", user_id=1)
    updates = await bot.get_updates(timeout=0)
    texts = [u.message.text for u in updates if u.message]
    assert texts == ["danke", f"@{api.bot_username} hilfe", "/abo"]
    assert updates[0].message is not None
    assert updates[0].message.reply_to_message is not None
    assert updates[0].message.reply_to_message.message_id == sent.message_id


async def test_get_updates_offset_and_long_poll(api: TelegramAPI, bot: Bot) -> None:
    """Offsets confirm updates; a long poll returns as soon as a message arrives, or at timeout."""
    api.user_sends(PRIVATE, "/start")
    api.user_sends(PRIVATE, "hallo")
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first if u.message] == ["/start", "hallo"]
    assert await bot.get_updates(offset=first[-1].update_id + 1, timeout=0) == ()
    assert api.pending_updates() == []

    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9

    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    api.user_sends(PRIVATE, "/abo")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates if u.message] == ["/abo"]
    entity = updates[0].message.entities[0] if updates[0].message else None
    assert entity == MessageEntity(MessageEntity.BOT_COMMAND, 0, 4)


async def test_application_handles_commands_in_private_and_group(api: TelegramAPI) -> None:
    """A real Application with CommandHandler gets /start, args and /start@bot; not other bots'."""
    seen: list[tuple[int, list[str]]] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        assert update.effective_message is not None
        seen.append((update.effective_chat.id, list(context.args or [])))
        await update.effective_message.reply_text(f"Willkommen {' '.join(context.args or [])}")

    app = build_app(api)
    app.add_handler(CommandHandler("start", start))
    async with polling(app):
        api.user_sends(PRIVATE, "/start k_14713000")
        reply = await api.wait_for_message(PRIVATE)
        assert reply.text == "Willkommen k_14713000"
        api.user_sends(GROUP, "/start@otherbot a", user_id=7)
        api.user_sends(GROUP, "nur geplaudert", user_id=7)  # privacy mode: never delivered
        api.user_sends(GROUP, f"/start@{api.bot_username} b", user_id=7)
        group_reply = await api.wait_for_message(GROUP)
        assert group_reply.text == "Willkommen b"
    assert seen == [(PRIVATE, ["k_14713000"]), (GROUP, ["b"])]
    assert api.pending_updates() == []  # the Updater confirmed everything on stop


async def test_button_press_reaches_callback_handler(api: TelegramAPI) -> None:
    """A pressed button arrives as callback_query with its data; answer and edit are recorded."""

    async def on_follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        await query.answer("Abonniert")
        await query.edit_message_text(f"Sie folgen {query.data.split(':')[1]}")

    app = build_app(api)
    app.add_handler(CallbackQueryHandler(on_follow, pattern=r"^follow:"))
    async with polling(app):
        sent = await app.bot.send_message(
            PRIVATE,
            "Anfrage",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("Antwort abonnieren", callback_data="follow:724")]]
            ),
        )
        query_id = api.user_clicks_button(PRIVATE, sent.message_id, "Antwort abonnieren")
        answer = await api.wait_for_answer(query_id)
        assert answer.text == "Abonniert"
        assert not answer.show_alert
        (message,) = api.messages(PRIVATE)
        await api.wait_until(lambda: message.edit_date is not None)
        assert message.text == "Sie folgen 724"
        assert message.buttons == []


async def test_blocking_sends_my_chat_member_update(api: TelegramAPI) -> None:
    """Blocking the bot delivers my_chat_member with status kicked (ChatMemberBanned in PTB)."""
    statuses: list[object] = []

    async def on_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.my_chat_member is not None
        statuses.append(update.my_chat_member.new_chat_member)

    app = build_app(api)
    app.add_handler(ChatMemberHandler(on_member, ChatMemberHandler.MY_CHAT_MEMBER))
    async with polling(app):
        api.user_sends(PRIVATE, "/start")
        api.block(PRIVATE)
        await api.wait_until(lambda: bool(statuses), what="my_chat_member update")
    assert isinstance(statuses[0], ChatMemberBanned)


async def test_second_poller_gets_conflict(api: TelegramAPI, bot: Bot) -> None:
    """A second getUpdates ends the waiting one with 409 Conflict, as Telegram does."""
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    other = Bot(api.token, base_url=api.base_url)
    async with other:
        second = asyncio.create_task(other.get_updates(timeout=0))
        with pytest.raises(Conflict, match="Conflict: terminated by other getUpdates"):
            await asyncio.wait_for(first, 2)
        assert await second == ()


# ------------------------------------------------------------------ throughput and flood control


async def test_flood_limits_answer_429() -> None:
    """With flood control on, message 31 within a second and group message 21 a minute get 429."""
    now = [1000.0]
    limits = FloodLimits(global_per_s=30, group_per_min=20)
    async with (
        TelegramAPI(flood_limits=limits, clock=lambda: now[0]) as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        outcomes: list[object] = []
        for chat_id in range(1, 41):
            try:
                outcomes.append(await bot.send_message(chat_id, "Neue Anfrage"))
            except RetryAfter as exc:
                outcomes.append(exc.retry_after)
        assert all(not isinstance(o, dt.timedelta) for o in outcomes[:30])
        assert outcomes[30:] == [dt.timedelta(seconds=1)] * 10
        now[0] += 1.0
        for _ in range(20):
            await bot.send_message(GROUP, "Tagesordnung")
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(GROUP, "Tagesordnung")
        assert info.value.retry_after == dt.timedelta(seconds=60)
        assert api.stats().messages_sent == 50


async def test_many_chats_are_counted(api: TelegramAPI) -> None:
    """100 chats receive one message each; stats count them and measure messages per second."""
    request = HTTPXRequest(connection_pool_size=8)
    async with Bot(api.token, base_url=api.base_url, request=request) as sender:
        gate = asyncio.Semaphore(8)

        async def send(chat_id: int) -> None:
            async with gate:
                await sender.send_message(chat_id, f"<b>Anfrage</b> {chat_id}", parse_mode="HTML")

        await asyncio.gather(*(send(chat_id) for chat_id in range(1, 101)))
    stats = api.stats()
    assert stats.messages_sent == 100
    assert stats.calls["sendMessage"] == 100
    # A rate is measured (its size is the bench's business, bench/bench_fanout.py).
    assert stats.duration_s > 0
    assert stats.messages_per_s == 100 / stats.duration_s
    assert stats.peak_per_s >= 1
    assert len(api.chat_ids()) == 100
    assert api.messages(77)[0].text == "Anfrage 77"


# ------------------------------------------------------------------ control API and standalone


async def test_http_control_api(api: TelegramAPI) -> None:
    """The demo drives a user over /_control: send a command, read the bot's reply."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("<b>Hallo</b>", parse_mode="HTML")

    app = build_app(api)
    app.add_handler(CommandHandler("start", start))
    async with polling(app), httpx.AsyncClient(base_url=api.url) as http:
        sent = await http.post("/_control/send", json={"chat_id": PRIVATE, "text": "/start"})
        assert sent.json()["result"]["message"]["entities"][0]["type"] == "bot_command"
        replies = await http.get(
            "/_control/messages", params={"chat_id": PRIVATE, "after_seq": 0, "wait_s": 5}
        )
        (reply,) = replies.json()["result"]
        assert (reply["text"], reply["html"]) == ("Hallo", "<b>Hallo</b>")
        stats = await http.get("/_control/stats")
        assert stats.json()["result"]["messages_sent"] == 1


async def test_runs_standalone() -> None:
    """`python -m standins.telegram_api --port 0` serves getMe until interrupted."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "standins.telegram_api", "--port", "0",
        stdout=asyncio.subprocess.PIPE, cwd=REPO_ROOT,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        base_url = line.split("base_url=")[1].split()[0]
        token = line.split("token=")[1].split()[0]
        async with httpx.AsyncClient() as http:
            me = (await http.post(f"{base_url}{token}/getMe")).json()
        assert me["ok"] is True
        assert me["result"]["is_bot"] is True
    finally:
        process.terminate()
        await process.wait()
