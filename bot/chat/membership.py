"""The bot's membership in a chat (I/O, Telegram): `my_chat_member` updates.

Telegram tells the bot at once when a user blocks it or a group removes it (Bot API,
ChatMemberUpdated); waiting for the next failed send would queue messages nobody receives.
Added to a group, the bot greets the group's admins with what to do next.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import ChatMember, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import Application, ChatMemberHandler, ContextTypes

from storage.membership import chat_removed
from storage.subscriptions import get_or_create_chat

log = logging.getLogger(__name__)

GONE = (ChatMember.LEFT, ChatMember.BANNED)
PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)
GROUP_GREETING = (
    "Hallo! Ich bin der Ratsbot und melde neue Anfragen aus den Stadt- und Gemeinderäten.\n"
    "Admins dieser Gruppe legen mit /abo fest, worüber ich hier berichte, "
    "z. B. <code>/abo Leipzig Grüne</code>. Alle Befehle: /hilfe"
)


def membership_change(old_status: str, new_status: str) -> str | None:
    """Return "removed", "added" or None for a change of the bot's own status in a chat."""
    if new_status in GONE and old_status not in GONE:
        return "removed"
    if new_status in PRESENT and old_status in GONE:
        return "added"
    return None


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Deactivate a chat that blocked or removed the bot; greet a group that added it."""
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    what = membership_change(change.old_chat_member.status, change.new_chat_member.status)
    if what == "removed":
        reason = "blocked" if chat.type == ChatType.PRIVATE else "removed from group"
        skipped = await chat_removed(chat.id, f"my_chat_member: {reason}")
        log.info("membership chat=%s %s skipped=%s", chat.id, reason, skipped)
    elif what == "added":
        await get_or_create_chat(chat.id, chat.type, chat.title)
        log.info("membership chat=%s added type=%s", chat.id, chat.type)
        if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
            await context.bot.send_message(chat.id, GROUP_GREETING, parse_mode=ParseMode.HTML)


# Handler groups run in order and one handler per group answers an update: the input guard has
# -2 (bot/chat/guard.py), operator commands their own; membership changes get a group of their own.
MEMBERSHIP_GROUP = -3


def register_membership_handler(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the `my_chat_member` handler (its own group: it never competes with commands)."""
    application.add_handler(
        ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
        group=MEMBERSHIP_GROUP,
    )
