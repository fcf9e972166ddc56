"""Talking back to a chat from a handler (I/O): send, edit, answer buttons, check admin rights.

Also the handler settings kept in `bot_data` (admin chats, the clock) and the command argument
text (with its quotes, which `context.args` would split apart).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram import (
    CallbackQuery,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.messages import chat_texts as t
from bot.messages.render import Button, RenderedMessage
from bot.messages.replies import plain
from bot.pipeline.delivery import to_markup
from fetcher.clock import utc_now

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
CONFIG_KEY = "ratsbot"


@dataclass(frozen=True)
class HandlerConfig:
    """What the handlers read from `bot_data`: operator chats (admin hooks) and the clock."""

    admin_chat_ids: frozenset[int] = frozenset()
    clock: Callable[[], datetime] = field(default=utc_now)


def config_of(bot_data: dict[Any, Any]) -> HandlerConfig:
    """Return the handler settings stored in `bot_data` (defaults when absent)."""
    value = bot_data.get(CONFIG_KEY)
    return value if isinstance(value, HandlerConfig) else HandlerConfig()


def command_text(message: Message | None) -> str:
    """Return what follows the command ("/abo@bot Leipzig" → "Leipzig"), quotes kept."""
    if message is None or not message.text:
        return ""
    text = message.text
    entity = message.entities[0] if message.entities else None
    if entity is not None and entity.type == "bot_command" and entity.offset == 0:
        return text[entity.length :].strip()  # a command is ASCII: UTF-16 length = str length
    return text.partition(" ")[2].strip()


def is_group(update: Update) -> bool:
    """Return whether the update comes from a group or supergroup."""
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def may_change(update: Update, context: Context) -> bool:
    """Return whether the sender may change this chat's subscriptions (groups: admins only)."""
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    message = update.message
    # An anonymous admin writes as the group itself (sender_chat), Telegram's "GroupAnonymousBot".
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMember.OWNER, ChatMember.ADMINISTRATOR)


def _thread(update: Update) -> int | None:
    message = update.effective_message
    return message.message_thread_id if message is not None and message.is_topic_message else None


async def send(
    update: Update,
    context: Context,
    message: RenderedMessage,
) -> Message:
    """Send a rendered message to the update's chat (same forum topic)."""
    chat = update.effective_chat
    assert chat is not None, "handlers only answer updates that have a chat"
    return await context.bot.send_message(
        chat.id, message.text, reply_markup=to_markup(message), message_thread_id=_thread(update)
    )


async def send_text(update: Update, context: Context, text: str) -> Message:
    """Send one plain German sentence (escaped)."""
    return await send(update, context, plain(text))


async def edit(query: CallbackQuery, message: RenderedMessage) -> None:
    """Replace the text and buttons of the message a button sits on (double taps are fine)."""
    try:
        await query.edit_message_text(message.text, reply_markup=to_markup(message))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def replace_button(query: CallbackQuery, old_data: str, new: Button) -> None:
    """Replace one button of the message a button sits on, keeping every other button."""
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if markup is None:
        return
    rows = [
        [
            InlineKeyboardButton(new.label, callback_data=new.callback_data)
            if button.callback_data == old_data
            else button
            for button in row
        ]
        for row in markup.inline_keyboard
    ]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    """Answer a button press (stops the client's spinner); a press that is too old is ignored."""
    try:
        await query.answer(text[:200] if text else None, show_alert=alert)
    except BadRequest as exc:
        log.info("callback answer failed: %s", exc)


async def refuse_non_admin(update: Update, context: Context) -> bool:
    """Refuse a group member who is no admin; return True if refused.

    A button press gets a popup only the presser sees; a typed command gets no answer, because
    a refusal posted to the whole group is noise for everybody else (the group's command menu
    shows members only what they may use).
    """
    if await may_change(update, context):
        return False
    query = update.callback_query
    if query is not None:
        await answer(query, t.GROUP_ADMINS_ONLY, alert=True)
    else:
        log.debug("group command from a non-admin ignored")
    return True


async def notify_failure(update: object, context: Context) -> None:
    """Tell the user that handling their update failed (never raises)."""
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await answer(update.callback_query)
        if update.effective_chat is not None:
            await send_text(update, context, t.SOMETHING_WENT_WRONG)
    except TelegramError as exc:
        log.warning("could not tell the chat about the failure: %s", exc)
