"""Operator commands (I/O, Telegram): /status and /verbergen, for operators in private chats."""

from __future__ import annotations

import html
import logging
from collections.abc import Collection, Sequence

from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, ContextTypes

from bot.chat.respond import config_of
from bot.ops.status import render_status_html
from fetcher.clock import utc_now
from storage.health import health, set_hidden

log = logging.getLogger(__name__)

# Runs before the user-facing handlers (group 0), so admin commands are never taken for unknown.
ADMIN_GROUP = -1
UNDO_WORDS = ("rückgängig", "rueckgaengig", "zeigen", "aus")

NOT_ADMIN = "Dieser Befehl ist nur für die Betreiber dieses Bots, und nur im privaten Chat mit ihm."
HIDE_USAGE = (
    "So geht's: <code>/verbergen F-00724/14</code> verbirgt ein Papier in Suche und "
    "Benachrichtigungen; <code>/verbergen rückgängig F-00724/14</code> zeigt es wieder."
)


def hide_request(args: Sequence[str]) -> tuple[str, bool] | None:
    """Return (reference, hide?) from the /verbergen arguments, or None when malformed."""
    words = [a for a in args if a.strip()]
    if not words:
        return None
    hide = True
    if words[0].casefold() in UNDO_WORDS:
        hide = False
        words = words[1:]
    if len(words) != 1:
        return None
    return words[0], hide


def is_operator(chat_id: int, chat_type: str, user_id: int | None, admins: Collection[int]) -> bool:
    """Return whether a message comes from an operator: an ADMIN_CHAT_IDS user in a private chat.

    In a group anyone could send the command, and a chat id alone names a place, not a person
    (issue #13: a forged update carrying an admin's group id ran /verbergen); so only the
    private chat with the operator counts, where chat id and user id are the same.
    """
    return chat_type == ChatType.PRIVATE and user_id == chat_id and chat_id in admins


def _is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    admins = config_of(context.application.bot_data).admin_chat_ids
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None:
        return False
    return is_operator(chat.id, chat.type, user.id, admins)


async def status_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /status with the operator report (admins only)."""
    message = update.effective_message
    if message is None:
        return
    if not _is_admin(update, context):
        await message.reply_text(NOT_ADMIN)
        raise ApplicationHandlerStop
    report = await health(utc_now())
    await message.reply_text(render_status_html(report), parse_mode=ParseMode.HTML)
    raise ApplicationHandlerStop  # answered: the user-facing handlers must not answer too


async def hide_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /verbergen: hide (or show again) a paper by its reference (admins only)."""
    message = update.effective_message
    if message is None:
        return
    if not _is_admin(update, context):
        await message.reply_text(NOT_ADMIN)
        raise ApplicationHandlerStop
    request = hide_request(context.args or [])
    if request is None:
        await message.reply_text(HIDE_USAGE, parse_mode=ParseMode.HTML)
        raise ApplicationHandlerStop
    reference, hide = request
    papers = await set_hidden(reference, hide)
    ref = html.escape(reference)
    if not papers:
        text = f"Kein Papier mit dem Aktenzeichen <b>{ref}</b> gefunden."
    elif hide:
        text = (
            f"<b>{ref}</b> ist jetzt verborgen: nicht mehr in der Suche, keine Benachrichtigungen. "
            f"Rückgängig: <code>/verbergen rückgängig {ref}</code>"
        )
    else:
        text = f"<b>{ref}</b> ist wieder sichtbar."
    log.info("moderation reference=%s hidden=%s papers=%d", reference, hide, len(papers))
    await message.reply_text(text, parse_mode=ParseMode.HTML)
    raise ApplicationHandlerStop


def register_admin_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """Add /status and /verbergen, answering only the operators of the application's
    HandlerConfig (build_application's `admin_chat_ids`)."""
    application.add_handler(CommandHandler("status", status_command), group=ADMIN_GROUP)
    application.add_handler(CommandHandler("verbergen", hide_command), group=ADMIN_GROUP)
