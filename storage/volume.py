"""Volume control in the database: stored papers of a time window, digest and quiet-hour settings.

I/O. Papers come with their Kommune and full text: bot/pipeline/volume.py runs them through the
live matching code ("how many papers would this subscription have delivered?"). Per
subscription "sofort" or "taeglich" (Subscription.delivery), per chat quiet hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from storage.models import Chat, Notification, Paper, Subscription
from storage.subscriptions import SubscriptionRow


async def papers_between(
    kommune_id: int | None, kinds: Sequence[str], since: date, until: date
) -> list[Paper]:
    """Return the visible papers dated from `since` to `until` (of the Kommune; all when None)."""
    query = Paper.filter(
        deleted=False, hidden=False, kind__in=list(kinds), date__gte=since, date__lte=until
    )
    if kommune_id is not None:
        query = query.filter(kommune_id=kommune_id)
    return await query.order_by("date", "id").select_related("kommune").all()


async def papers_by_id(paper_ids: Sequence[int]) -> dict[int, Paper]:
    """Return the papers with these ids (the inquiries of answers), by id."""
    if not paper_ids:
        return {}
    return {int(p.id): p for p in await Paper.filter(id__in=list(paper_ids)).all()}


DELIVERY_MODES = ("sofort", "taeglich")
_MAX_IN = 500  # ids per IN (...) list


async def set_delivery(chat_id: int, subscription_id: int, mode: str) -> bool:
    """Set a subscription to "sofort" or "taeglich" (daily digest); return False if not found."""
    if mode not in DELIVERY_MODES:
        raise ValueError(f"unknown delivery mode {mode!r}")
    updated = await Subscription.filter(id=subscription_id, chat__chat_id=chat_id).update(
        delivery=mode
    )
    return bool(updated)


async def set_quiet_hours(chat_id: int, start_hour: int | None, end_hour: int | None) -> bool:
    """Set (or with None, clear) a chat's quiet hours; return False for an unknown chat."""
    for hour in (start_hour, end_hour):
        if hour is not None and not 0 <= hour <= 23:
            raise ValueError(f"hour out of range: {hour}")
    if (start_hour is None) != (end_hour is None):
        raise ValueError("quiet hours need a start and an end")
    updated = await Chat.filter(chat_id=chat_id).update(
        quiet_start_hour=start_hour, quiet_end_hour=end_hour
    )
    return bool(updated)


async def quiet_hours(chat_pk: int) -> tuple[int, int] | None:
    """Return (start, end) hour of a chat's quiet hours by Chat row id, or None."""
    row = await Chat.get_or_none(id=chat_pk).values_list("quiet_start_hour", "quiet_end_hour")
    if row is None or row[0] is None or row[1] is None:
        return None
    return int(row[0]), int(row[1])


async def daily_subscription_ids(chat_pk: int) -> set[int]:
    """Return the ids of the chat's subscriptions that want one digest a day."""
    ids = await Subscription.filter(chat_id=chat_pk, delivery="taeglich").values_list(
        "id", flat=True
    )
    return {int(i) for i in ids}  # type: ignore[call-overload]


async def daily_among(subscription_ids: Sequence[int]) -> set[int]:
    """Return which of these subscriptions want one digest a day (the rest: each paper now)."""
    wanted = set(subscription_ids)
    if not wanted:
        return set()
    query = Subscription.filter(delivery="taeglich")
    if len(wanted) <= _MAX_IN:
        query = query.filter(id__in=sorted(wanted))
    # A paper matching thousands of subscriptions: read the (fewer) daily ones instead of an
    # IN list beyond SQLite's variable limit.
    ids = await query.values_list("id", flat=True)
    return {int(i) for i in ids} & wanted  # type: ignore[call-overload]


async def subscription_rows(chat_id: int, subscription_ids: Sequence[int]) -> list[SubscriptionRow]:
    """Return the chat's subscriptions with these ids as matching rows, in id order."""
    values = (
        await Subscription.filter(id__in=list(subscription_ids), chat__chat_id=chat_id)
        .order_by("id")
        .values_list("id", "chat_id", "kommune_id", "faction", "keyword", "kind")
    )
    return [
        SubscriptionRow(id=v[0], chat=v[1], kommune_id=v[2], faction=v[3], keyword=v[4], kind=v[5])
        for v in values
    ]


async def chat_quiet_hours(chat_id: int) -> tuple[int, int] | None:
    """Return (start, end) hour of a chat's quiet hours by Telegram chat id, or None."""
    row = await Chat.get_or_none(chat_id=chat_id).values_list("quiet_start_hour", "quiet_end_hour")
    if row is None or row[0] is None or row[1] is None:
        return None
    return int(row[0]), int(row[1])


async def release_holds(chat_id: int, now: datetime) -> int:
    """Make a chat's held-back rows due now (it wants everything at once again); count them.

    Only when the chat has no daily subscription and no quiet hours left: then nothing it has
    queued should wait any longer.
    """
    chat = await Chat.get_or_none(chat_id=chat_id)
    if chat is None or chat.quiet_start_hour is not None:
        return 0
    if await Subscription.filter(chat_id=chat.id, delivery="taeglich").exists():
        return 0
    return await Notification.filter(
        chat_id=chat.id, state="pending", attempts=0, next_attempt_at__gt=now
    ).update(next_attempt_at=None)
