"""Who hears of what (I/O): chats per Kommune, chats told of a meeting or a paper, followers.

Named queries for bot/pipeline/alerts.py, bot/pipeline/notify.py and the demo. Chats are Chat
row ids (what Notification.chat refers to), not Telegram chat ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from storage import outbox
from storage.models import AnswerFollow, Chat, Notification, Subscription

# An alert counts as told once it is sent or on the wire.
_TOLD = (outbox.SENT, outbox.INFLIGHT)


async def kommune_chats() -> dict[int, set[int]]:
    """Return Kommune id → chats with an active subscription naming that Kommune."""
    rows = await Subscription.filter(
        paused=False, chat__active=True, kommune_id__isnull=False
    ).values_list("kommune_id", "chat_id")
    result: dict[int, set[int]] = defaultdict(set)
    for kommune_id, chat in rows:
        result[int(kommune_id)].add(int(chat))
    return result


async def meeting_alerts_off() -> set[int]:
    """Return the chats that switched meeting alerts off (/abos)."""
    rows = await Chat.filter(meeting_alerts=False).values_list("id", flat=True)
    return {int(c) for c in cast(list[int], rows)}


async def chat_kommunes(chat: int) -> set[int]:
    """Return the Kommunes a chat's active subscriptions name."""
    rows = await Subscription.filter(
        chat_id=chat, paused=False, kommune_id__isnull=False
    ).values_list("kommune_id", flat=True)
    return {int(k) for k in cast(list[int], rows)}


async def alerted_chats(meeting_ids: Iterable[int]) -> dict[int, set[int]]:
    """Return meeting id → chats whose alert was sent (or is on the wire)."""
    ids = sorted(set(meeting_ids))
    result: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return result
    rows = await Notification.filter(
        subject_type="meeting", kind="alert", subject_id__in=ids, state__in=_TOLD
    ).values_list("subject_id", "chat_id")
    for meeting_id, chat in rows:
        result[int(meeting_id)].add(int(chat))
    return result


async def weekly_preview_chats() -> set[int]:
    """Return the active chats with the weekly preview switched on."""
    rows = await Chat.filter(active=True, weekly_preview=True).values_list("id", flat=True)
    return {int(c) for c in cast(list[int], rows)}


async def inquiry_audience(inquiry_id: int) -> set[int]:
    """Return the active chats that got an inquiry (queued, on the wire or sent) or follow it."""
    received = await Notification.filter(
        subject_type="paper",
        subject_id=inquiry_id,
        state__in=(outbox.PENDING, outbox.INFLIGHT, outbox.SENT),
    ).values_list("chat_id", flat=True)
    followers = await AnswerFollow.filter(paper_id=inquiry_id).values_list("chat_id", flat=True)
    extra = {int(c) for c in cast(list[int], [*received, *followers])}
    if not extra:
        return set()
    active = await Chat.filter(id__in=sorted(extra), active=True).values_list("id", flat=True)
    return {int(c) for c in cast(list[int], active)}


async def anything_queued(subject_type: str, subject_id: int) -> bool:
    """Return whether any chat has an outbox row about this subject."""
    return await Notification.exists(subject_type=subject_type, subject_id=subject_id)
