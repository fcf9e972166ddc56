"""Local stand-in for the Telegram Bot API on 127.0.0.1 (aiohttp.web); does network I/O.

The real PTB `Application`/`Bot` talks to it with `base_url=api.base_url` and
`base_file_url=api.base_file_url`. It answers like api.telegram.org does (envelope
`{"ok": …, "result" | "error_code", "description", "parameters"}`, the real HTTP status codes,
TDLib's HTML parser and limits), records everything the bot sends, and lets a test (or the demo,
over `/_control/*`) act as a user: send a text, press a button, block the bot.

    async with TelegramAPI() as api:
        app = (ApplicationBuilder().token(api.token)
               .base_url(api.base_url).base_file_url(api.base_file_url).build())
        ...
        api.user_sends(42, "/start")
        reply = await api.wait_for_message(42)

Standalone for the demo: `python -m standins.telegram_api --port 8081`.
Wire details it mirrors: /work/shared/TELEGRAM-NOTES.md §1 (and https://core.telegram.org/bots/api).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import math
import re
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web

from standins.telegram_html import (
    MAX_TEXT_LENGTH,
    HTMLParseError,
    ParsedText,
    parse_html,
    plain_text,
    utf16_len,
)
from standins.telegram_records import (
    ApiError,
    Button,
    Call,
    CallbackAnswer,
    Fault,
    FloodLimits,
    RecordedMessage,
    Stats,
)

__all__ = [
    "Button",
    "Call",
    "CallbackAnswer",
    "Fault",
    "FloodLimits",
    "RecordedMessage",
    "Stats",
    "TelegramAPI",
]

log = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456789:TEST-token-for-the-local-stand-in"
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_CHARS = 200

# PTB JSON-encodes every parameter except plain `str` values, which go out raw
# (telegram/request/_requestparameter.py). These must therefore never be JSON-decoded: a text
# "123" or "true" is a string. Everything else is decoded, falling back to the raw string.
_STRING_PARAMS = frozenset(
    {
        "text", "parse_mode", "callback_query_id", "inline_message_id", "caption", "url",
        "language_code", "description", "short_description", "name", "action", "secret_token",
        "business_connection_id", "message_effect_id", "custom_title", "title", "emoji", "query",
    }
)  # fmt: skip
# A new bot receives every update type except these (https://core.telegram.org/bots/api#getupdates).
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_BOT_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
    "instance is running",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class _Chat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    first_name: str | None = None
    username: str | None = None
    blocked: bool = False
    owner_id: int | None = None
    admin_ids: set[int] = field(default_factory=set)
    member_ids: set[int] = field(default_factory=set)
    messages: dict[int, RecordedMessage] = field(default_factory=dict)
    next_message_id: int = 1
    handed_out: set[int] = field(default_factory=set)  # returned by wait_for_message

    def to_api(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            out["first_name"] = self.first_name or f"User {self.id}"
            if self.username:
                out["username"] = self.username
        else:
            out["title"] = self.title or f"Gruppe {self.id}"
        return out


@dataclass
class _Query:
    id: str
    chat_id: int
    message_id: int
    data: str
    answer: CallbackAnswer | None = None


class _Changed:
    """A re-armable broadcast signal: waiters sleep until the next `fire()`."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout_s: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout_s)


def _decode_param(name: str, raw: str) -> Any:
    if name in _STRING_PARAMS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _error_body(status: int, description: str, parameters: dict[str, Any] | None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _command_entities(text: str) -> list[dict[str, Any]]:
    """Return the bot_command entities Telegram computes for a user's text (UTF-16 offsets)."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _COMMAND_RE.finditer(text)
    ]


class TelegramAPI:
    """The stand-in server plus the user-side and inspection API tests use."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "ratsbot_test_bot",
        bot_first_name: str = "Ratsbot",
        host: str = "127.0.0.1",
        port: int = 0,
        strict_chats: bool = False,
        strict_ampersand: bool = True,
        group_privacy: bool = True,
        flood_limits: FloodLimits | None = None,
        latency_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Configure; `start()` (or `async with`) binds the port.

        strict_chats: sending to a chat no user has opened gives 400 "chat not found"
        (otherwise the chat is created on first use: positive id private, negative a group).
        group_privacy: like a bot with privacy mode on (Telegram's default), group messages
        reach the bot only if they are commands, replies to the bot or mention it.
        clock: the time source of flood control (a test can freeze it).
        """
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.strict_chats = strict_chats
        self.strict_ampersand = strict_ampersand
        self.group_privacy = group_privacy
        self.flood_limits = flood_limits
        self.latency_s = latency_s
        self._clock = clock
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._closing = False
        self._methods: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {
            name.lower(): getattr(self, "_m_" + name)
            for name in (
                "getMe", "logOut", "close", "deleteWebhook", "setWebhook", "getWebhookInfo",
                "getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup",
                "deleteMessage", "answerCallbackQuery", "setMyCommands", "getMyCommands",
                "deleteMyCommands", "sendChatAction", "getChat", "getChatMember",
                "getChatAdministrators",
            )
        }  # fmt: skip
        self._init_state()

    def _init_state(self) -> None:
        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(10_000)
        self._seq = itertools.count(1)
        self._query_ids = itertools.count(7_000_000)
        self._queries: dict[str, _Query] = {}
        self._allowed_updates: set[str] | None = None
        self._webhook_url = ""
        self._poll_generation = 0
        self._faults: list[Fault] = []
        self._chat_latency_s: dict[int, float] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._calls: list[Call] = []
        self._call_counts: dict[str, int] = defaultdict(int)
        self._error_counts: dict[int, int] = defaultdict(int)
        self._send_times: list[float] = []
        self._flood_global: deque[float] = deque()
        self._flood_chat: dict[int, deque[float]] = defaultdict(deque)
        self.unknown_methods: list[str] = []
        self._changed = _Changed()  # anything recorded
        self._new_updates = _Changed()

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """Return the value for PTB's `base_url` (the token is appended by PTB)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Return the value for PTB's `base_file_url`."""
        return f"{self.url}/file/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """Return the bot as a Bot API User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    async def start(self) -> None:
        """Bind 127.0.0.1 (port 0: a free one) and serve; sets `url`."""
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_post("/_control/{action}", self._handle_control)
        app.router.add_get("/_control/{action}", self._handle_control)
        # Long polls are released by close(); the short timeout only guards against a stuck one.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        server = site._server
        assert server is not None
        sock = server.sockets[0]  # type: ignore[attr-defined]
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"

    async def close(self) -> None:
        """Release waiting long polls and stop serving."""
        self._closing = True
        self._new_updates.fire()
        self._changed.fire()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> TelegramAPI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def reset(self) -> None:
        """Forget chats, messages, updates, faults and counters (the server keeps running)."""
        self._init_state()

    # ------------------------------------------------------------------ user side

    def add_user(
        self, user_id: int, *, first_name: str = "Erika", username: str | None = None
    ) -> dict[str, Any]:
        """Register (or return) a user; returns the Bot API User object."""
        if user_id not in self._users:
            user: dict[str, Any] = {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name,
                "language_code": "de",
            }
            if username:
                user["username"] = username
            self._users[user_id] = user
        return self._users[user_id]

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        owner_id: int,
        admin_ids: Iterable[int] = (),
        member_ids: Iterable[int] = (),
        supergroup: bool = False,
    ) -> None:
        """Create a group chat with its creator, administrators and members (ids < 0)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        chat = _Chat(chat_id, "supergroup" if supergroup else "group", title=title)
        chat.owner_id = owner_id
        chat.admin_ids = set(admin_ids)
        chat.member_ids = {owner_id, *chat.admin_ids, *member_ids}
        for uid in chat.member_ids:
            self.add_user(uid, first_name=f"Mitglied {uid}")
        self._chats[chat_id] = chat

    def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Erika",
        username: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """Inject a user's text message (with bot_command entities) and return its Update.

        A positive `chat_id` is a private chat with user `chat_id`; a negative one a group
        (created if needed, the sender becoming its creator). In groups `user_id` is the sender.
        """
        if chat_id > 0:
            user_id = chat_id
        elif user_id is None:
            raise ValueError("a group message needs user_id")
        self.add_user(user_id, first_name=first_name, username=username)
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._new_chat(chat_id, owner_id=user_id)
            if chat.type == "private":
                chat.first_name, chat.username = first_name, username
        if chat.type != "private":
            chat.member_ids.add(user_id)
        elif chat.blocked:  # writing to a bot one blocked means unblocking it first
            self.unblock(chat_id)
        if reply_to_message_id is not None and reply_to_message_id not in chat.messages:
            raise ValueError(f"message {reply_to_message_id} does not exist in chat {chat_id}")
        message = self._store(
            chat,
            from_bot=False,
            sender_id=user_id,
            parsed=ParsedText(text, tuple(_command_entities(text))),
            source=text,
            parse_mode=None,
            reply_markup=None,
            reply_to=reply_to_message_id,
        )
        update = {"update_id": 0, "message": self._message_api(message)}
        if self._reaches_bot(chat, message):
            self._enqueue(update, "message")
        return update

    def user_clicks(
        self, chat_id: int, message_id: int, callback_data: str, *, user_id: int | None = None
    ) -> str:
        """Inject a press on the button with `callback_data`; return the callback query id."""
        chat = self._chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None or message.deleted or not message.from_bot:
            raise ValueError(f"no bot message {message_id} in chat {chat_id}")
        datas = [b.callback_data for row in message.buttons for b in row]
        if callback_data not in datas:
            raise ValueError(f"message {message_id} has no button {callback_data!r}: {datas}")
        uid = user_id if user_id is not None else (chat_id if chat_id > 0 else chat.owner_id)
        if uid is None:
            raise ValueError("a button press in a group needs user_id")
        query_id = str(next(self._query_ids))
        self._queries[query_id] = _Query(query_id, chat_id, message_id, callback_data)
        query = {
            "id": query_id,
            "from": self.add_user(uid),
            "message": self._message_api(message),
            "chat_instance": str(abs(hash(("chat", chat_id)))),
            "data": callback_data,
        }
        self._enqueue({"update_id": 0, "callback_query": query}, "callback_query")
        return query_id

    def user_clicks_button(
        self, chat_id: int, message_id: int, label: str, *, user_id: int | None = None
    ) -> str:
        """Press the callback button labelled `label`; return the callback query id."""
        message = self._chats[chat_id].messages[message_id]
        data = message.button(label).callback_data
        if data is None:
            raise ValueError(f"button {label!r} is a URL button")
        return self.user_clicks(chat_id, message_id, data, user_id=user_id)

    def block(self, chat_id: int, *, notify: bool = True) -> None:
        """Let the user block the bot (or the group kick it); sends then fail with 403.

        With `notify` the bot receives the my_chat_member update Telegram sends.
        """
        chat = self._chats.get(chat_id) or self._new_chat(chat_id)
        chat.blocked = True
        if notify:
            self._member_update(chat, "member", "kicked")

    def unblock(self, chat_id: int, *, notify: bool = True) -> None:
        """Undo `block`."""
        chat = self._chats.get(chat_id) or self._new_chat(chat_id)
        chat.blocked = False
        if notify:
            self._member_update(chat, "kicked", "member")

    def add_bot_to_group(self, chat_id: int) -> None:
        """Let the group's creator add the bot: it receives my_chat_member left → member."""
        chat = self._chats[chat_id]
        chat.blocked = False
        self._member_update(chat, "left", "member")

    def remove_bot_from_group(self, chat_id: int) -> None:
        """Let the group's creator remove the bot: my_chat_member member → left; sends get 403."""
        chat = self._chats[chat_id]
        chat.blocked = True
        self._member_update(chat, "member", "left")

    # ------------------------------------------------------------------ faults and pacing

    def fail(
        self,
        status: int,
        *,
        times: int | None = 1,
        chat_id: int | str | None = None,
        method: str | None = None,
        retry_after: int | None = None,
        description: str | None = None,
        migrate_to_chat_id: int | None = None,
        delay_s: float = 0.0,
    ) -> Fault:
        """Make the next `times` matching calls fail (None: until `clear_faults`).

        Without `method` the fault matches calls that target a chat (sendMessage, edits, …),
        never getUpdates, so polling is not disturbed. 429 carries `retry_after` (default 5);
        `migrate_to_chat_id` gives Telegram's "group chat was upgraded" 400.
        """
        if status == 429 and retry_after is None:
            retry_after = 5
        if migrate_to_chat_id is not None:
            default = "Bad Request: group chat was upgraded to a supergroup chat"
        else:
            default = _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
        fault = Fault(
            status=status,
            description=description or default.format(retry_after=retry_after),
            times=times,
            chat_id=chat_id,
            method=method.lower() if method else None,
            retry_after=retry_after,
            migrate_to_chat_id=migrate_to_chat_id,
            delay_s=delay_s,
        )
        self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Switch all faults off."""
        self._faults.clear()

    def set_latency(self, seconds: float, *, chat_id: int | None = None) -> None:
        """Add `seconds` before answering every request (or those for one chat)."""
        if chat_id is None:
            self.latency_s = seconds
        else:
            self._chat_latency_s[chat_id] = seconds

    # ------------------------------------------------------------------ inspection

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[RecordedMessage]:
        """Return the bot's messages in a chat, oldest first."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return []
        return [
            m for m in chat.messages.values() if m.from_bot and (include_deleted or not m.deleted)
        ]

    def chat_ids(self) -> list[int]:
        """Return the ids of all chats the stand-in knows."""
        return list(self._chats)

    def calls(self, method: str | None = None) -> list[Call]:
        """Return the recorded requests, optionally only those of one method."""
        if method is None:
            return list(self._calls)
        return [c for c in self._calls if c.method.lower() == method.lower()]

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        """Return the bot's answer to a button press, or None if not answered (yet)."""
        return self._queries[query_id].answer

    def commands(self, *, scope: str = "default", language_code: str = "") -> list[dict[str, Any]]:
        """Return the commands set with setMyCommands for a scope type and language."""
        return list(self._commands.get((scope, language_code), []))

    def pending_updates(self) -> list[dict[str, Any]]:
        """Return the updates not yet confirmed by the bot."""
        return list(self._updates)

    def is_blocked(self, chat_id: int) -> bool:
        """Return whether the bot is blocked in (kicked from) a chat."""
        chat = self._chats.get(chat_id)
        return bool(chat and chat.blocked)

    def stats(self) -> Stats:
        """Return call counters and the rate of accepted sendMessage calls."""
        times = self._send_times
        buckets: dict[int, int] = defaultdict(int)
        for t in times:
            buckets[int(t)] += 1
        return Stats(
            calls=dict(self._call_counts),
            errors=dict(self._error_counts),
            messages_sent=len(times),
            duration_s=(times[-1] - times[0]) if times else 0.0,
            peak_per_s=max(buckets.values(), default=0),
        )

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 — a bounded wait is the point of these helpers
        what: str = "condition",
    ) -> None:
        """Wait until `condition()` holds (TimeoutError if not within `timeout`).

        Re-checked whenever the stand-in records something, and every 50 ms for conditions on
        state outside it (e.g. what a handler collected).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                raise TimeoutError(f"{what} not reached within {timeout}s")
            await self._changed.wait(min(remaining, 0.05))

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[RecordedMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 — see wait_until
    ) -> RecordedMessage:
        """Return the oldest bot message in the chat not returned before that matches.

        Each message is handed out once, so consecutive calls walk through the chat in order.
        """
        found: list[RecordedMessage] = []

        def check() -> bool:
            chat = self._chats.get(chat_id)
            if chat is None:
                return False
            for m in chat.messages.values():
                if (
                    m.from_bot
                    and m.message_id not in chat.handed_out
                    and (predicate is None or predicate(m))
                ):
                    chat.handed_out.add(m.message_id)
                    found.append(m)
                    return True
            return False

        try:
            await self.wait_until(check, timeout)
        except TimeoutError:
            texts = [m.text[:80] for m in self.messages(chat_id)]
            raise TimeoutError(
                f"no new matching bot message in chat {chat_id} within {timeout}s; "
                f"chat holds: {texts}"
            ) from None
        return found[0]

    async def wait_for_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 — see wait_until
    ) -> CallbackAnswer:
        """Wait for the bot's answerCallbackQuery to an injected button press."""
        await self.wait_until(
            lambda: self._queries[query_id].answer is not None,
            timeout,
            f"answer to callback query {query_id}",
        )
        answer = self._queries[query_id].answer
        assert answer is not None
        return answer

    # ------------------------------------------------------------------ internals

    def _new_chat(self, chat_id: int, *, owner_id: int | None = None) -> _Chat:
        if chat_id > 0:
            chat = _Chat(chat_id, "private", first_name=f"User {chat_id}")
        elif chat_id <= -1_000_000_000_000:
            chat = _Chat(chat_id, "supergroup", owner_id=owner_id)
        else:
            chat = _Chat(chat_id, "group", owner_id=owner_id)
        if owner_id is not None and chat.type != "private":
            chat.member_ids.add(owner_id)
        self._chats[chat_id] = chat
        return chat

    def _store(
        self,
        chat: _Chat,
        *,
        from_bot: bool,
        sender_id: int,
        parsed: ParsedText,
        source: str,
        parse_mode: str | None,
        reply_markup: dict[str, Any] | None,
        reply_to: int | None,
    ) -> RecordedMessage:
        message = RecordedMessage(
            chat_id=chat.id,
            message_id=chat.next_message_id,
            seq=next(self._seq),
            from_bot=from_bot,
            sender_id=sender_id,
            date=int(time.time()),
            text=parsed.text,
            source=source,
            parse_mode=parse_mode,
            entities=parsed.entities,
            reply_markup=reply_markup,
            reply_to_message_id=reply_to,
        )
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        self._changed.fire()
        return message

    def _message_api(self, m: RecordedMessage, *, with_reply: bool = True) -> dict[str, Any]:
        chat = self._chats[m.chat_id]
        out: dict[str, Any] = {
            "message_id": m.message_id,
            "date": m.date,
            "chat": chat.to_api(),
            "from": self.bot_user if m.from_bot else self._users[m.sender_id],
            "text": m.text,
        }
        if m.entities:
            out["entities"] = [dict(e) for e in m.entities]
        if m.reply_markup is not None:
            out["reply_markup"] = m.reply_markup
        if m.edit_date is not None:
            out["edit_date"] = m.edit_date
        if with_reply and m.reply_to_message_id in chat.messages:
            replied = chat.messages[m.reply_to_message_id]
            out["reply_to_message"] = self._message_api(replied, with_reply=False)
        return out

    def _reaches_bot(self, chat: _Chat, message: RecordedMessage) -> bool:
        if chat.type == "private" or not self.group_privacy:
            return True
        replied = chat.messages.get(message.reply_to_message_id or 0)
        return (
            message.text.startswith("/")
            or f"@{self.bot_username}".lower() in message.text.lower()
            or (replied is not None and replied.from_bot)
        )

    def _enqueue(self, update: dict[str, Any], kind: str) -> None:
        allowed = self._allowed_updates
        if (kind in _NOT_DEFAULT_UPDATES) if allowed is None else (kind not in allowed):
            return  # Telegram does not even create updates the bot did not ask for
        update["update_id"] = next(self._update_ids)
        self._updates.append(update)
        self._new_updates.fire()

    def _member_update(self, chat: _Chat, old: str, new: str) -> None:
        actor = chat.id if chat.type == "private" else chat.owner_id
        if actor is None:
            return
        new_member: dict[str, Any] = {"user": self.bot_user, "status": new}
        if new == "kicked":
            new_member["until_date"] = 0
        old_member: dict[str, Any] = {"user": self.bot_user, "status": old}
        if old == "kicked":
            old_member["until_date"] = 0
        update = {
            "update_id": 0,
            "my_chat_member": {
                "chat": chat.to_api(),
                "from": self.add_user(actor),
                "date": int(time.time()),
                "old_chat_member": old_member,
                "new_chat_member": new_member,
            },
        }
        self._enqueue(update, "my_chat_member")

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = {k: _decode_param(k, v) for k, v in request.query.items()}
        if not request.body_exists:
            return params
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: request body must be a JSON object")
            params.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = _decode_param(key, value)
                else:  # an uploaded file (multipart); the bot does not send files today
                    params[key] = {"filename": getattr(value, "filename", None)}
        return params

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, params):
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                return fault
        return None

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        name = request.match_info["method"]
        if request.match_info["token"] != self.token:
            self._error_counts[401] += 1
            return _error_body(401, "Unauthorized", None)
        try:
            params = await self._read_params(request)
        except ApiError as exc:
            return _error_body(exc.status, exc.description, exc.parameters)
        chat_id = _int_or_none(params.get("chat_id"))
        delay = self.latency_s + (self._chat_latency_s.get(chat_id, 0.0) if chat_id else 0.0)
        if delay:
            await asyncio.sleep(delay)
        handler = self._methods.get(method)
        status = 200
        try:
            if handler is None:
                # Real Telegram answers 404 for unknown methods, which PTB reports as
                # InvalidToken; the name is kept so a test can tell what was missing.
                self.unknown_methods.append(name)
                log.warning("telegram stand-in: unknown method %s", name)
                raise ApiError(404, "Not Found")
            fault = self._take_fault(method, params)
            if fault is not None:
                if fault.delay_s:
                    await asyncio.sleep(fault.delay_s)
                raise ApiError(fault.status, fault.description, _fault_parameters(fault))
            result = await handler(params)
        except ApiError as exc:
            status = exc.status
            response = _error_body(exc.status, exc.description, exc.parameters)
        else:
            response = web.json_response({"ok": True, "result": result})
        self._record_call(name, params, status)
        return response

    def _record_call(self, name: str, params: dict[str, Any], status: int) -> None:
        self._calls.append(Call(name, params, status, time.monotonic()))
        self._call_counts[name] += 1
        if status != 200:
            self._error_counts[status] += 1
        self._changed.fire()

    async def _handle_file(self, request: web.Request) -> web.Response:
        return _error_body(404, "Not Found", None)

    # ------------------------------------------------------------------ chat lookup and checks

    def _target_chat(self, params: dict[str, Any]) -> _Chat:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat_id = _int_or_none(raw)
        if chat_id is None:  # "@channelusername" of a chat we do not know
            raise ApiError(400, "Bad Request: chat not found")
        chat = self._chats.get(chat_id)
        if chat is None:
            if self.strict_chats:
                raise ApiError(400, "Bad Request: chat not found")
            chat = self._new_chat(chat_id)
        return chat

    def _check_writable(self, chat: _Chat) -> None:
        if chat.blocked:
            if chat.type == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")

    def _check_flood(self, chat: _Chat) -> None:
        limits = self.flood_limits
        if limits is None:
            return
        now = self._clock()
        checks: list[tuple[deque[float], int, float]] = []
        if limits.global_per_s is not None:
            checks.append((self._flood_global, limits.global_per_s, 1.0))
        if chat.type == "private" and limits.private_chat_per_s is not None:
            checks.append((self._flood_chat[chat.id], limits.private_chat_per_s, 1.0))
        if chat.type != "private" and limits.group_per_min is not None:
            checks.append((self._flood_chat[chat.id], limits.group_per_min, 60.0))
        for window, limit, span in checks:
            while window and window[0] <= now - span:
                window.popleft()
            if len(window) >= limit:
                retry = max(1, math.ceil(window[0] + span - now))
                raise ApiError(
                    429, f"Too Many Requests: retry after {retry}", {"retry_after": retry}
                )
        for window, _, _ in checks:
            window.append(now)

    def _parse_text(self, params: dict[str, Any]) -> tuple[ParsedText, str, str | None]:
        source = params.get("text")
        source = "" if source is None else str(source)
        parse_mode = params.get("parse_mode") or None
        if parse_mode is not None and str(parse_mode).lower() == "html":
            try:
                parsed = parse_html(source, strict_ampersand=self.strict_ampersand)
            except HTMLParseError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        else:
            # Markdown modes are not interpreted (the bot uses HTML); explicit entities are kept.
            parsed = plain_text(source)
            if params.get("entities"):
                parsed = ParsedText(parsed.text, tuple(params["entities"]))
        if not parsed.text:
            raise ApiError(400, "Bad Request: message text is empty")
        if parsed.length > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        return parsed, source, parse_mode

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return markup  # reply keyboards, ForceReply, … are echoed unchecked
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Array')
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not button.get("text"):
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                data, url = button.get("callback_data"), button.get("url")
                if data is not None:
                    if not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                elif url is not None:
                    if not re.match(r"^(https?|tg)://\S+$", str(url)):
                        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
                elif not set(button) - {"text"}:
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
        return markup

    def _bot_message(self, params: dict[str, Any], verb: str) -> RecordedMessage:
        chat = self._target_chat(params)
        message = chat.messages.get(_int_or_none(params.get("message_id")) or 0)
        if message is None or message.deleted:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return message

    # ------------------------------------------------------------------ Bot API methods

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.group_privacy,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_logOut(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_close(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self._webhook_url = ""
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        self._webhook_url = str(params.get("url") or "")
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        self._new_updates.fire()  # the poll still waiting, if any, ends with 409 Conflict
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = set(allowed) if allowed else None
        offset = _int_or_none(params.get("offset")) or 0
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        elif offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
        limit = min(max(_int_or_none(params.get("limit")) or 100, 1), 100)
        timeout = float(params.get("timeout") or 0)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, _DEFAULT_DESCRIPTIONS[409])
            remaining = deadline - loop.time()
            if self._updates or remaining <= 0 or self._closing:
                return list(itertools.islice(self._updates, limit))
            await self._new_updates.wait(remaining)

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        self._check_writable(chat)
        parsed, source, parse_mode = self._parse_text(params)
        markup = self._check_markup(params.get("reply_markup"))
        reply_to = _int_or_none(params.get("reply_to_message_id"))
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            reply_to = _int_or_none(reply.get("message_id"))
        if reply_to is not None and reply_to not in chat.messages:
            lenient = params.get("allow_sending_without_reply") or (
                isinstance(reply, dict) and reply.get("allow_sending_without_reply")
            )
            if not lenient:
                raise ApiError(400, "Bad Request: message to be replied not found")
            reply_to = None
        self._check_flood(chat)
        message = self._store(
            chat,
            from_bot=True,
            sender_id=self.bot_id,
            parsed=parsed,
            source=source,
            parse_mode=parse_mode,
            reply_markup=markup,
            reply_to=reply_to,
        )
        self._send_times.append(time.monotonic())
        return self._message_api(message)

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        parsed, source, parse_mode = self._parse_text(params)
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params, "edit")
        self._check_writable(self._chats[message.chat_id])
        if not message.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        # Leaving out reply_markup removes the inline keyboard, as on Telegram.
        if (
            parsed.text == message.text
            and parsed.entities == message.entities
            and markup == message.reply_markup
        ):
            raise ApiError(400, NOT_MODIFIED)
        message.history.append(message.source)
        message.text, message.entities, message.source = parsed.text, parsed.entities, source
        message.parse_mode, message.reply_markup = parse_mode, markup
        message.edit_date = int(time.time())
        self._changed.fire()
        return self._message_api(message)

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params, "edit")
        if not message.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        if markup == message.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        message.reply_markup = markup
        message.edit_date = int(time.time())
        self._changed.fire()
        return self._message_api(message)

    async def _m_deleteMessage(self, params: dict[str, Any]) -> Any:
        message = self._bot_message(params, "delete")
        message.deleted = True
        self._changed.fire()
        return True

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        query = self._queries.get(str(params.get("callback_query_id")))
        if query is None or query.answer is not None:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_CHARS:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query.answer = CallbackAnswer(
            query.id,
            None if text is None else str(text),
            params.get("show_alert") is True,
            params.get("url"),
        )
        self._changed.fire()
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be an array of at most 100")
        for c in commands:
            if not isinstance(c, dict) or not _BOT_COMMAND_NAME_RE.match(str(c.get("command"))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description") or "")) <= 256:
                raise ApiError(400, "Bad Request: command description must be 1-256 characters")
        self._commands[_scope_key(params)] = commands
        return True

    async def _m_getMyCommands(self, params: dict[str, Any]) -> Any:
        return self._commands.get(_scope_key(params), [])

    async def _m_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        self._commands.pop(_scope_key(params), None)
        return True

    async def _m_sendChatAction(self, params: dict[str, Any]) -> Any:
        self._check_writable(self._target_chat(params))
        return True

    async def _m_getChat(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        return {**chat.to_api(), "accent_color_id": 0, "max_reaction_count": 11}

    async def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        user_id = _int_or_none(params.get("user_id"))
        if user_id is None:
            raise ApiError(400, "Bad Request: user_id is empty")
        return self._member(chat, user_id)

    async def _m_getChatAdministrators(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        if chat.type == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        ids = ([chat.owner_id] if chat.owner_id is not None else []) + sorted(chat.admin_ids)
        return [self._member(chat, uid) for uid in ids]

    def _member(self, chat: _Chat, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            user = self.bot_user
            status = "kicked" if chat.blocked else "member"
        else:
            user = self.add_user(user_id)
            if chat.type == "private":
                status = "member" if user_id == chat.id else "left"
            elif user_id == chat.owner_id:
                status = "creator"
            elif user_id in chat.admin_ids:
                status = "administrator"
            else:
                status = "member" if user_id in chat.member_ids else "left"
        if status == "creator":
            return {"user": user, "status": status, "is_anonymous": False}
        if status == "administrator":
            rights = dict.fromkeys(
                (
                    "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                    "can_restrict_members", "can_change_info", "can_invite_users",
                    "can_post_stories", "can_edit_stories", "can_delete_stories",
                    "can_pin_messages",
                ),
                True,
            )  # fmt: skip
            return {
                "user": user,
                "status": status,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_promote_members": False,
                **rights,
            }
        if status == "kicked":
            return {"user": user, "status": status, "until_date": 0}
        return {"user": user, "status": status}

    # ------------------------------------------------------------------ HTTP control (demo)

    async def _handle_control(self, request: web.Request) -> web.Response:
        """Serve /_control/<action>: the user side and inspection over HTTP, for the demo.

        POST send {chat_id, text, user_id?, first_name?}      → the Update
        POST click {chat_id, message_id, data, user_id?}      → {"callback_query_id": …}
        POST block|unblock {chat_id}
        POST fail {status, times?, chat_id?, method?, retry_after?, description?}
        POST clear_faults | reset
        POST latency {seconds, chat_id?}
        GET  messages?chat_id=…&after_seq=0&wait_s=0         → the bot's messages (long poll)
        GET  stats
        """
        action = request.match_info["action"]
        body: dict[str, Any] = {}
        if request.method == "POST" and request.body_exists:
            try:
                loaded = await request.json()
            except ValueError:
                return _error_body(400, "Bad Request: body must be JSON", None)
            body = loaded if isinstance(loaded, dict) else {}
        query = {k: _decode_param(k, v) for k, v in request.query.items()}
        try:
            result = await self._control(action, {**query, **body})
        except (KeyError, ValueError, TypeError) as exc:
            return _error_body(400, f"Bad Request: {exc}", None)
        if result is _UNKNOWN:
            return _error_body(404, "Not Found", None)
        return web.json_response({"ok": True, "result": result})

    async def _control(self, action: str, p: dict[str, Any]) -> Any:
        if action == "send":
            return self.user_sends(
                int(p["chat_id"]),
                str(p["text"]),
                user_id=_int_or_none(p.get("user_id")),
                first_name=str(p.get("first_name") or "Erika"),
            )
        if action == "click":
            qid = self.user_clicks(
                int(p["chat_id"]),
                int(p["message_id"]),
                str(p["data"]),
                user_id=_int_or_none(p.get("user_id")),
            )
            return {"callback_query_id": qid}
        if action in ("block", "unblock"):
            (self.block if action == "block" else self.unblock)(int(p["chat_id"]))
            return True
        if action == "fail":
            self.fail(
                int(p["status"]),
                times=_int_or_none(p.get("times", 1)),
                chat_id=p.get("chat_id"),
                method=p.get("method"),
                retry_after=_int_or_none(p.get("retry_after")),
                description=p.get("description"),
            )
            return True
        if action == "clear_faults":
            self.clear_faults()
            return True
        if action == "reset":
            self.reset()
            return True
        if action == "latency":
            self.set_latency(float(p["seconds"]), chat_id=_int_or_none(p.get("chat_id")))
            return True
        if action == "stats":
            s = self.stats()
            return {
                "calls": s.calls,
                "errors": {str(k): v for k, v in s.errors.items()},
                "messages_sent": s.messages_sent,
                "messages_per_s": round(s.messages_per_s, 1),
                "peak_per_s": s.peak_per_s,
            }
        if action == "messages":
            return await self._control_messages(p)
        return _UNKNOWN

    async def _control_messages(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = int(p["chat_id"])
        after = int(p.get("after_seq") or 0)

        def fresh() -> list[RecordedMessage]:
            return [m for m in self.messages(chat_id) if m.seq > after]

        wait_s = float(p.get("wait_s") or 0)
        if wait_s > 0:
            with contextlib.suppress(TimeoutError):
                await self.wait_until(lambda: bool(fresh()), wait_s)
        return [
            {
                "seq": m.seq,
                "message_id": m.message_id,
                "text": m.text,
                "html": m.source,
                "buttons": [[b.__dict__ for b in row] for row in m.buttons],
                "edited": m.edit_date is not None,
            }
            for m in fresh()
        ]


_UNKNOWN = object()


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def _fault_parameters(fault: Fault) -> dict[str, Any] | None:
    if fault.migrate_to_chat_id is not None:
        return {"migrate_to_chat_id": fault.migrate_to_chat_id}
    if fault.status == 429:
        return {"retry_after": fault.retry_after}
    return None


def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope")
    kind = scope.get("type", "default") if isinstance(scope, dict) else "default"
    return str(kind), str(params.get("language_code") or "")


async def _serve(args: argparse.Namespace) -> None:
    async with TelegramAPI(
        token=args.token, bot_username=args.username, host=args.host, port=args.port
    ) as api:
        print(  # the demo reads the address from stdout
            f"Telegram Bot API stand-in on {api.url}  base_url={api.base_url}  token={api.token}",
            flush=True,
        )
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    """Run the stand-in until interrupted (for the demo)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="ratsbot_test_bot")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
