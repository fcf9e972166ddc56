"""Values the Telegram Bot API stand-in records and is configured with. Pure, no I/O.

Kept apart from the server (standins/telegram_api.py), which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """Raised inside a method handler to answer with a Bot API error envelope."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


@dataclass(frozen=True)
class Button:
    """One inline keyboard button as the bot sent it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class RecordedMessage:
    """A message in a chat, sent by the bot (or injected as a user's message)."""

    chat_id: int
    message_id: int
    seq: int  # global order over all chats
    from_bot: bool
    sender_id: int
    date: int
    text: str  # visible text, after entity parsing
    source: str  # the text as sent (HTML source when parse_mode is HTML)
    parse_mode: str | None
    entities: tuple[dict[str, Any], ...] = ()
    reply_markup: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    edit_date: int | None = None
    deleted: bool = False
    history: list[str] = field(default_factory=list)  # earlier `source`s, oldest first

    @property
    def buttons(self) -> list[list[Button]]:
        """Return the inline keyboard as rows of buttons (empty without one)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            [Button(b["text"], b.get("callback_data"), b.get("url")) for b in row] for row in rows
        ]

    def button(self, text: str) -> Button:
        """Return the button whose label equals `text` (AssertionError naming the labels)."""
        flat = [b for row in self.buttons for b in row]
        for b in flat:
            if b.text == text:
                return b
        raise AssertionError(f"no button {text!r}; buttons: {[b.text for b in flat]}")

    def link_urls(self) -> list[str]:
        """Return the targets of the text links in the message, in order."""
        return [e["url"] for e in self.entities if e["type"] == "text_link"]


@dataclass
class CallbackAnswer:
    """The bot's answerCallbackQuery for one injected button press."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass
class Call:
    """One request the bot made, with decoded parameters and the HTTP status it got."""

    method: str
    params: dict[str, Any]
    status: int
    at: float  # time.monotonic()


@dataclass(frozen=True)
class FloodLimits:
    """Flood control the stand-in enforces with 429 (None switches a limit off).

    Telegram publishes no exact limits; these are its documented guidance
    (Bot FAQ; PTB `telegram.constants.FloodLimit`).
    """

    global_per_s: int | None = 30
    private_chat_per_s: int | None = None  # Telegram tolerates short bursts per chat
    group_per_min: int | None = 20


@dataclass
class Fault:
    """A switched-on failure: the next `times` matching requests fail with `status`."""

    status: int
    description: str
    times: int | None  # None: until cleared
    chat_id: int | str | None
    method: str | None  # lower-case; None: any method that targets a chat
    retry_after: int | None = None
    migrate_to_chat_id: int | None = None
    delay_s: float = 0.0

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        """Return whether this fault applies to a call of `method` with `params`."""
        if self.method is not None and self.method != method:
            return False
        if self.method is None and "chat_id" not in params:
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


@dataclass(frozen=True)
class Stats:
    """Counters for benchmarks: calls per method, errors per status, sent messages per second."""

    calls: dict[str, int]
    errors: dict[int, int]
    messages_sent: int
    duration_s: float  # first to last successful sendMessage
    peak_per_s: int  # most messages accepted within one wall-clock second bucket

    @property
    def messages_per_s(self) -> float:
        """Return the mean rate of accepted sendMessage calls."""
        if self.messages_sent < 2 or self.duration_s <= 0:
            return float(self.messages_sent)
        return self.messages_sent / self.duration_s
