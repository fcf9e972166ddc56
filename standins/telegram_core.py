"""Core of the Bot API stand-in (I/O): its state, the HTTP dispatch of `/bot<token>/<method>`,
what it records, faults and flood control, and the checks every sending method makes.

The methods themselves: standins/telegram_methods.py; the user side and inspection:
standins/telegram_users.py; the server and its HTTP control API: standins/telegram_api.py.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import re
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from standins.telegram_html import (
    MAX_TEXT_LENGTH,
    HTMLParseError,
    ParsedText,
    parse_html,
    plain_text,
)
from standins.telegram_records import (
    ApiError,
    Call,
    Fault,
    FloodLimits,
    RecordedMessage,
)
from standins.telegram_wire import (
    _NOT_DEFAULT_UPDATES,
    DEFAULT_TOKEN,
    MAX_CALLBACK_DATA_BYTES,
    _Changed,
    _Chat,
    _decode_param,
    _error_body,
    _fault_parameters,
    _int_or_none,
    _Query,
    log,
)


class ApiCore:
    """State, request dispatch, recording and the checks Telegram makes before a method runs."""

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
                "getChatAdministrators", "setMyDescription", "getMyDescription",
                "setMyShortDescription", "getMyShortDescription",
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
        self.offline = False  # every request is cut off without an answer (network down)
        self.revoked = False  # every request answers 401 (the token was revoked)
        self.cut_off = 0  # requests dropped while offline
        self._chat_latency_s: dict[int, float] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._descriptions: dict[tuple[str, str], str] = {}
        self._calls: list[Call] = []
        self._call_counts: dict[str, int] = defaultdict(int)
        self._error_counts: dict[int, int] = defaultdict(int)
        self._send_times: list[float] = []
        self._flood_global: deque[float] = deque()
        self._flood_chat: dict[int, deque[float]] = defaultdict(deque)
        self.unknown_methods: list[str] = []
        self._changed = _Changed()  # anything recorded
        self._new_updates = _Changed()

    @property
    def bot_user(self) -> dict[str, Any]:
        """Return the bot as a Bot API User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

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
        if self.offline:
            # A network outage as the client sees it: the connection closes without an answer.
            self.cut_off += 1
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=502)  # never reaches the client
        if request.match_info["token"] != self.token or self.revoked:
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
