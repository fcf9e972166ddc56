"""Wire-level pieces of the Bot API stand-in: limits, error texts, chat records, parameter
decoding. Used by standins/telegram_core.py and the classes built on it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from standins.telegram_html import (
    utf16_len,
)
from standins.telegram_records import (
    CallbackAnswer,
    Fault,
    RecordedMessage,
)

log = logging.getLogger("standins.telegram_api")  # one logger for the whole stand-in

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
