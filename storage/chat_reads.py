"""What the chat handlers read about one chat (I/O): its Kommunen, switches and subscriptions.

Keyed by the Telegram chat id (Chat.chat_id), not the Chat row id.
"""

from __future__ import annotations

from storage.models import Chat, Subscription


async def chat_kommune_ids(chat_id: int) -> list[int]:
    """Return the Kommunen the chat has subscriptions for, in the order subscribed."""
    ids = (
        await Subscription.filter(chat__chat_id=chat_id, kommune_id__isnull=False)
        .order_by("id")
        .values_list("kommune_id", flat=True)
    )
    return list(dict.fromkeys(int(i) for i in ids))  # type: ignore[call-overload]


async def weekly_preview(chat_id: int) -> bool:
    """Return whether the chat gets the Monday preview of the week's meetings."""
    return await Chat.filter(chat_id=chat_id, weekly_preview=True).exists()


async def count_subscriptions(chat_id: int) -> int:
    """Return how many subscriptions the chat has."""
    return await Subscription.filter(chat__chat_id=chat_id).count()


async def subscription(chat_id: int, subscription_id: int) -> Subscription | None:
    """Return one of the chat's subscriptions, its Kommune loaded."""
    return (
        await Subscription.filter(id=subscription_id, chat__chat_id=chat_id)
        .select_related("kommune")
        .first()
    )
