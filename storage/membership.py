"""The bot's own membership in chats (I/O, database): removed or blocked means silent at once."""

from __future__ import annotations

from storage import outbox
from storage.models import Chat


async def chat_removed(chat_id: int, reason: str) -> int | None:
    """Deactivate the chat with this Telegram id; return its skipped queue, None if unknown.

    A chat that was already inactive stays so (its queue was skipped then).
    """
    chat = await Chat.get_or_none(chat_id=chat_id)
    if chat is None:
        return None
    if not chat.active:
        return 0
    return await outbox.deactivate_chat(chat.id, reason)
