"""Input bounds (I/O at the edge): every command and button is checked before any handler runs.

A PTB handler in group -2 (GUARD_GROUP) sees each update first. Over-long commands, numbers
longer than any id (a 24-digit callback id raised `OverflowError: Python int too large to
convert to SQLite INTEGER`, issue #18) and malformed button data get a specific German answer
here and never reach the handlers or the database. The checks themselves are pure functions.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.chat.respond import Context, answer, send_text
from bot.messages import chat_texts as t

GUARD_GROUP = -2  # before every other handler group (admin commands use -1)
MAX_COMMAND_CHARS = 256  # the longest real /abo line is about 100 characters
MAX_ID_DIGITS = 12  # database ids and Telegram message ids stay far below 10**12
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback data
_LONG_NUMBER = re.compile(rf"\d{{{MAX_ID_DIGITS + 1},}}")


# Commands that answer an over-long text with their own, more specific message.
_OWN_LENGTH_CHECK = ("/suche",)


def command_problem(text: str) -> str | None:
    """Return the German answer for a command that is too long or holds a too-long number."""
    command = text.split(maxsplit=1)[0].split("@")[0].lower() if text.strip() else ""
    if len(text) > MAX_COMMAND_CHARS and command not in _OWN_LENGTH_CHECK:
        return t.INPUT_TOO_LONG.format(max=MAX_COMMAND_CHARS)
    if _LONG_NUMBER.search(text):
        return t.NUMBER_TOO_LONG
    return None


def callback_ok(data: str) -> bool:
    """Return whether button data is within Telegram's size and holds no over-long number."""
    return 0 < len(data.encode()) <= MAX_CALLBACK_BYTES and not _LONG_NUMBER.search(data)


async def guard(update: Update, context: Context) -> None:
    """Answer out-of-bounds input at once and stop it from reaching any other handler."""
    query = update.callback_query
    if query is not None:
        if not callback_ok(query.data or ""):
            await answer(query, t.BUTTON_STALE)
            raise ApplicationHandlerStop
        return
    message = update.effective_message
    text = message.text if message is not None else None
    if not text or not text.startswith("/"):
        return
    problem = command_problem(text)
    if problem is not None:
        await send_text(update, context, problem)
        raise ApplicationHandlerStop
