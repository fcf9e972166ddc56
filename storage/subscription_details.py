"""One chat's subscriptions as plain values, and muting one (I/O): /abos, a subscription's page,
the footer of a push.

Handlers and delivery get `SubscriptionInfo` values, never model rows, so that bot/ stays free of
the ORM (issue #15).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from storage.models import Subscription


@dataclass(frozen=True)
class SubscriptionInfo:
    """A subscription as /abos, its page and a push's footer show it."""

    id: int
    chat: int  # Chat row id (not the Telegram chat id)
    kommune_id: int | None
    kommune_name: str | None
    kommune_slug: str | None
    faction: str | None
    keyword: str | None
    kind: str
    muted_until: datetime | None = None
    delivery: str = "sofort"  # "sofort" or "taeglich" (issue #16: volume control)

    def muted(self, now: datetime) -> bool:
        """Return whether the subscription is muted at `now`."""
        return self.muted_until is not None and self.muted_until > now


def _info(sub: Subscription) -> SubscriptionInfo:
    kommune = sub.kommune
    return SubscriptionInfo(
        id=int(sub.id),
        chat=int(sub.chat_id),  # type: ignore[attr-defined]
        kommune_id=int(kommune.id) if kommune is not None else None,
        kommune_name=str(kommune.name) if kommune is not None else None,
        kommune_slug=str(kommune.slug) if kommune is not None else None,
        faction=sub.faction,
        keyword=sub.keyword,
        kind=sub.kind,
        muted_until=sub.muted_until,
        delivery=str(sub.delivery),
    )


async def chat_subscriptions(chat_id: int) -> list[SubscriptionInfo]:
    """Return the chat's subscriptions (by Telegram chat id), oldest first."""
    rows = await Subscription.filter(chat__chat_id=chat_id).select_related("kommune").order_by("id")
    return [_info(s) for s in rows]


async def chat_subscription(chat_id: int, subscription_id: int) -> SubscriptionInfo | None:
    """Return one of the chat's subscriptions, or None when the chat has no such subscription."""
    sub = (
        await Subscription.filter(id=subscription_id, chat__chat_id=chat_id)
        .select_related("kommune")
        .first()
    )
    return _info(sub) if sub is not None else None


async def subscriptions_of_chats(chat_pks: Collection[int]) -> dict[int, list[SubscriptionInfo]]:
    """Return the subscriptions of these chats (Chat row ids), muted ones included, oldest first."""
    result: dict[int, list[SubscriptionInfo]] = {pk: [] for pk in chat_pks}
    if not result:
        return result
    rows = (
        await Subscription.filter(chat_id__in=sorted(result), paused=False)
        .select_related("kommune")
        .order_by("id")
    )
    for sub in rows:
        info = _info(sub)
        result.setdefault(info.chat, []).append(info)
    return result


async def mute_subscription(chat_id: int, subscription_id: int, until: datetime | None) -> bool:
    """Mute one of the chat's subscriptions until `until` (None: unmute); False if no such one."""
    changed = await Subscription.filter(id=subscription_id, chat__chat_id=chat_id).update(
        muted_until=until
    )
    return bool(changed)
