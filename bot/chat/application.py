"""Build the PTB Application with Ratsbot's handlers (no I/O until the caller starts it).

The same code runs against https://api.telegram.org and the local stand-in: only `base_url` and
`base_file_url` differ (../shared/TELEGRAM-NOTES.md §1.1). The composition root (bot/app.py)
owns the lifecycle and calls `set_commands` once the bot is initialised.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    JobQueue,
)

from bot.chat.commands import BOT_COMMANDS, register_handlers, set_commands
from bot.chat.respond import CONFIG_KEY, HandlerConfig
from fetcher.clock import BERLIN

__all__ = ["BOT_COMMANDS", "RatsbotApplication", "build_application", "set_commands"]

RatsbotApplication = Application[
    ExtBot[None],
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]


def build_application(
    token: str,
    base_url: str,
    base_file_url: str,
    *,
    admin_chat_ids: Iterable[int] = (),
    clock: Callable[[], datetime] | None = None,
    extra_handlers: Sequence[BaseHandler[Any, Any, Any]] = (),
) -> RatsbotApplication:
    """Return the Application: HTML and no link previews by default, every handler registered.

    `base_url`/`base_file_url` as PTB takes them ("https://api.telegram.org/bot", the token is
    appended). `admin_chat_ids` (Settings.admin_chat_ids, the one source) goes into the
    HandlerConfig the operator commands read; `clock` (UTC now) decides what counts as an
    upcoming meeting.
    """
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        tzinfo=BERLIN,
    )
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(base_file_url)
        .defaults(defaults)
        # The delivery worker sends concurrently (up to DeliveryConfig.max_concurrency).
        .connection_pool_size(32)
        .build()
    )
    admins = frozenset(admin_chat_ids)
    config = HandlerConfig(admins, clock) if clock is not None else HandlerConfig(admins)
    application.bot_data[CONFIG_KEY] = config
    register_handlers(application, extra_handlers=extra_handlers)
    return application
