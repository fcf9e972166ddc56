"""The Telegram side of a delivery (pure): the Sender protocol, keyboards, error meanings."""

from __future__ import annotations

import warnings
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.messages.render import RenderedMessage

if TYPE_CHECKING:
    import telegram

# BadRequest descriptions that mean "this chat is gone for good" (AllrisBot's list, lower case).
CHAT_GONE = (
    "chat not found",
    "chat_write_forbidden",
    "have no rights to send",
    "not enough rights",
    "need administrator rights",
    "bot is not a member",
    "topic_closed",
    "user is deactivated",
    "group chat was deleted",
)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class SentMessage(Protocol):
    """What the worker reads from a sent message."""

    @property
    def message_id(self) -> int: ...


class Sender(Protocol):
    """The one Bot API call the worker makes; `telegram.Bot` satisfies it."""

    async def send_message(
        self,
        chat_id: int | str,
        text: str,
        parse_mode: str | None = None,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        link_preview_options: LinkPreviewOptions | None = None,
    ) -> SentMessage: ...


if TYPE_CHECKING:

    def _bot_is_a_sender(bot: telegram.Bot) -> Sender:
        return bot


def retry_after_s(exc: RetryAfter) -> float:
    """Return the seconds Telegram asks to wait (PTB 22 warns when reading it as int)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def to_markup(message: RenderedMessage) -> InlineKeyboardMarkup | None:
    """Return the inline keyboard of a rendered message (None without buttons)."""
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.callback_data)
                for b in row
            ]
            for row in message.buttons
        ]
    )


def chat_gone(description: str) -> bool:
    """Return whether a BadRequest description means the chat is gone for good."""
    return any(s in description.lower() for s in CHAT_GONE)
