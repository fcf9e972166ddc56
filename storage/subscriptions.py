"""Chats, subscriptions and answer follows (I/O): what bot handlers and the matcher read and write.

Chats are addressed by their Telegram chat id (what a handler has); rows returned for matching
carry the Chat row id, which is what the outbox (Notification.chat) refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tortoise.connection import get_connection
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from fetcher.clock import utc_now
from storage.models import AnswerFollow, Chat, Notification, Paper, Subscription

SUBSCRIPTION_KINDS = ("Anfrage", "Antrag", "Vorlage", "alle")
MAX_KEYWORD_CHARS = 200


class SubscriptionError(ValueError):
    """Raised when a subscription is malformed (unknown kind, nothing to follow, too long)."""


@dataclass(frozen=True)
class SubscriptionRow:
    """One subscription as plain data for building the matching index."""

    id: int
    chat: int  # Chat row id (not the Telegram chat id)
    kommune_id: int | None
    faction: str | None
    keyword: str | None
    kind: str
    paused: bool = False
    chat_active: bool = True


def subscription_key(
    kommune_id: int | None, faction: str | None, keyword: str | None, kind: str
) -> str:
    """Return the dedup key of a subscription (case and spacing of the keyword do not count)."""
    kommune = str(kommune_id) if kommune_id is not None else "*"
    faction_part = " ".join(faction.split()) if faction else ""
    keyword_part = " ".join(keyword.casefold().split()) if keyword else ""
    return f"{kommune}|f:{faction_part}|k:{keyword_part}|{kind}"


def _default_chat_type(chat_id: int) -> str:
    return "private" if chat_id > 0 else "group"


async def get_or_create_chat(
    chat_id: int, chat_type: str | None = None, title: str | None = None
) -> Chat:
    """Return the chat, creating it; a chat the user talks to again is active again.

    Reactivation also resumes the subscriptions that were paused when the chat was deactivated
    (a 403 from Telegram is the only thing that pauses them).
    """
    chat = await Chat.get_or_none(chat_id=chat_id)
    if chat is None:
        try:
            return await Chat.create(
                chat_id=chat_id, chat_type=chat_type or _default_chat_type(chat_id), title=title
            )
        except IntegrityError:  # created concurrently by another update of the same chat
            chat = await Chat.get(chat_id=chat_id)
    changed: list[str] = []
    if chat_type and chat.chat_type != chat_type:
        chat.chat_type = chat_type
        changed.append("chat_type")
    if title and chat.title != title:
        chat.title = title
        changed.append("title")
    if not chat.active:
        chat.active = True
        chat.deactivated_reason = None
        changed += ["active", "deactivated_reason"]
        await Subscription.filter(chat_id=chat.id, paused=True).update(paused=False)
    if changed:
        await chat.save(update_fields=changed)
    return chat


async def add_subscription(
    chat_id: int,
    kommune_id: int | None,
    faction: str | None,
    keyword: str | None,
    kind: str = "Anfrage",
) -> tuple[Subscription, bool]:
    """Subscribe a chat; return the subscription and whether it is new (False: it existed).

    `faction` should already be canonical (fetcher.factions.canonical_faction); the matcher
    canonicalises again, so a raw name still works.
    """
    if kind not in SUBSCRIPTION_KINDS:
        raise SubscriptionError(f"unknown kind {kind!r}; expected one of {SUBSCRIPTION_KINDS}")
    faction = " ".join(faction.split()) if faction and faction.strip() else None
    keyword = re.sub(r"\s+", " ", keyword).strip() if keyword and keyword.strip() else None
    if keyword is not None and len(keyword) > MAX_KEYWORD_CHARS:
        raise SubscriptionError(f"keyword longer than {MAX_KEYWORD_CHARS} characters")
    chat = await get_or_create_chat(chat_id)
    key = subscription_key(kommune_id, faction, keyword, kind)
    existing = await Subscription.get_or_none(chat_id=chat.id, key=key)
    if existing is not None:
        return existing, False
    try:
        sub = await Subscription.create(
            chat_id=chat.id,
            kommune_id=kommune_id,
            faction=faction,
            keyword=keyword,
            kind=kind,
            key=key,
        )
    except IntegrityError:  # a double tap raced us
        return await Subscription.get(chat_id=chat.id, key=key), False
    return sub, True


async def list_subscriptions(chat_id: int) -> list[Subscription]:
    """Return the chat's subscriptions, oldest first, with their Kommune loaded."""
    return await Subscription.filter(chat__chat_id=chat_id).select_related("kommune").order_by("id")


async def delete_subscription(chat_id: int, subscription_id: int) -> bool:
    """Delete one subscription of the chat; return False if the chat has no such subscription."""
    deleted = await Subscription.filter(id=subscription_id, chat__chat_id=chat_id).delete()
    return bool(deleted)


async def delete_chat_data(chat_id: int) -> bool:
    """Forget a chat (/stop): its subscriptions, follows, notifications and the chat row."""
    chat = await Chat.get_or_none(chat_id=chat_id)
    if chat is None:
        return False
    async with in_transaction():
        await Subscription.filter(chat_id=chat.id).delete()
        await AnswerFollow.filter(chat_id=chat.id).delete()
        await Notification.filter(chat_id=chat.id).delete()
        await Chat.filter(id=chat.id).delete()
    return True


async def follow_paper(chat_id: int, paper_id: int) -> bool:
    """Let the chat receive the answer to an inquiry ("Antwort abonnieren"); False if already."""
    chat = await get_or_create_chat(chat_id)
    if await AnswerFollow.exists(chat_id=chat.id, paper_id=paper_id):
        return False
    try:
        await AnswerFollow.create(chat_id=chat.id, paper_id=paper_id)
    except IntegrityError:
        return False
    return True


async def unfollow_paper(chat_id: int, paper_id: int) -> bool:
    """Stop waiting for the answer to an inquiry; False if the chat did not follow it."""
    deleted = await AnswerFollow.filter(chat__chat_id=chat_id, paper_id=paper_id).delete()
    return bool(deleted)


@dataclass(frozen=True)
class FollowedPaper:
    """An inquiry a chat waits for the answer to, as /abos lists it."""

    paper_id: int
    reference: str | None
    title: str
    kommune: str


async def list_follows(chat_id: int) -> list[FollowedPaper]:
    """Return the inquiries the chat waits for (answer not yet arrived), oldest follow first."""
    follows = (
        await AnswerFollow.filter(chat__chat_id=chat_id)
        .select_related("paper", "paper__kommune")
        .order_by("id")
    )
    ids = [int(f.paper.id) for f in follows]
    answered_rows = await Paper.filter(answer_to_id__in=ids, deleted=False).values_list(
        "answer_to_id", flat=True
    )
    answered = {int(pid) for pid in answered_rows}  # type: ignore[call-overload]
    return [
        FollowedPaper(
            paper_id=int(f.paper.id),
            reference=f.paper.reference,
            title=f.paper.title,
            kommune=f.paper.kommune.name,
        )
        for f in follows
        if int(f.paper.id) not in answered
    ]


async def chat_overview(chat_id: int) -> tuple[int, int] | None:
    """Return (subscriptions, followed inquiries) of a known chat, or None for a new one."""
    chat = await Chat.get_or_none(chat_id=chat_id)
    if chat is None:
        return None
    subscriptions = await Subscription.filter(chat_id=chat.id).count()
    follows = await AnswerFollow.filter(chat_id=chat.id).count()
    return subscriptions, follows


async def set_meeting_alerts(chat_id: int, on: bool) -> None:
    """Switch the alerts before meetings on or off for a chat."""
    chat = await get_or_create_chat(chat_id)
    if chat.meeting_alerts != on:
        chat.meeting_alerts = on
        await chat.save(update_fields=["meeting_alerts"])


async def meeting_alerts_on(chat_id: int) -> bool:
    """Return whether a chat gets meeting alerts (a chat the bot does not know: yes)."""
    chat = await Chat.get_or_none(chat_id=chat_id)
    return chat is None or bool(chat.meeting_alerts)


async def set_weekly_preview(chat_id: int, on: bool) -> None:
    """Switch the Monday preview of the week's meetings on or off for a chat."""
    chat = await get_or_create_chat(chat_id)
    if chat.weekly_preview != on:
        chat.weekly_preview = on
        await chat.save(update_fields=["weekly_preview"])


async def load_subscription_rows(
    chat_pk: int | None = None, *, now: datetime | None = None
) -> list[SubscriptionRow]:
    """Return every subscription that can match (not paused or muted, active chat) as plain rows.

    With `chat_pk`, only that chat's (used to order a meeting alert by what the chat follows).
    A subscription muted until a time after `now` (default: the current time) matches nothing.
    """
    query = Subscription.filter(paused=False, chat__active=True).filter(
        Q(muted_until__isnull=True) | Q(muted_until__lte=now or utc_now())
    )
    if chat_pk is not None:
        query = query.filter(chat_id=chat_pk)
    values = await query.order_by("id").values_list(
        "id", "chat_id", "kommune_id", "faction", "keyword", "kind"
    )
    return [
        SubscriptionRow(id=v[0], chat=v[1], kommune_id=v[2], faction=v[3], keyword=v[4], kind=v[5])
        for v in values
    ]


async def subscriptions_fingerprint(now: datetime | None = None) -> tuple[int, int, int]:
    """Return a cheap fingerprint of the active subscriptions: it changes whenever the set does.

    Count, sum and sum of squares of the ids of subscriptions that can match. Subscriptions are
    only added (with a new, larger id) or deleted, and pausing/deactivation removes ids from the
    set, so equal fingerprints mean an equal set in every realistic sequence of changes. Muted
    subscriptions (few) are taken out of the aggregate one by one, so a mute that starts or ends
    changes the fingerprint too.
    """
    conn = get_connection("default")
    rows = await conn.execute_query_dict(
        "SELECT COUNT(*) AS n, COALESCE(SUM(s.id), 0) AS s1, "
        "COALESCE(SUM(CAST(s.id AS BIGINT) * s.id), 0) AS s2 "
        "FROM subscription s JOIN chat c ON c.id = s.chat_id "
        "WHERE s.paused = FALSE AND c.active = TRUE"
    )
    row = rows[0]
    muted = await Subscription.filter(
        paused=False, chat__active=True, muted_until__gt=now or utc_now()
    ).values_list("id", flat=True)
    ids = [int(i) for i in muted]  # type: ignore[call-overload]
    return (
        int(row["n"]) - len(ids),
        int(row["s1"]) - sum(ids),
        int(row["s2"]) - sum(i * i for i in ids),
    )
