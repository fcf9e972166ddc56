"""Queries behind the Atom and iCal feeds (I/O: database): tokens, recent papers, meetings.

A token is 32 random URL-safe bytes (`secrets.token_urlsafe`), one per subscription; `/feed neu`
replaces it, so an old URL stops working at once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from storage.models import AgendaItem, FeedToken, Kommune, Meeting, Paper, Subscription
from storage.subscriptions import SubscriptionRow

TOKEN_BYTES = 32


def new_token() -> str:
    """Return a fresh unguessable token (43 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


async def feed_token(subscription_id: int) -> str:
    """Return the subscription's feed token, making one the first time."""
    row = await FeedToken.get_or_none(subscription_id=subscription_id)
    if row is None:
        row = await FeedToken.create(subscription_id=subscription_id, token=new_token())
    return str(row.token)


async def renew_feed_token(subscription_id: int) -> str:
    """Replace the subscription's feed token (the old URLs stop working) and return the new one."""
    token = new_token()
    updated = await FeedToken.filter(subscription_id=subscription_id).update(token=token)
    if not updated:
        await FeedToken.create(subscription_id=subscription_id, token=token)
    return token


@dataclass(frozen=True)
class FeedSubscription:
    """A subscription found by its feed token, with its Kommune's name and slug (None: all)."""

    row: SubscriptionRow
    kommune_name: str | None
    kommune_slug: str | None


async def subscription_by_token(token: str) -> FeedSubscription | None:
    """Return the subscription a feed token belongs to, or None for an unknown token."""
    found = await FeedToken.get_or_none(token=token).select_related(
        "subscription", "subscription__kommune"
    )
    if found is None:
        return None
    sub: Subscription = found.subscription
    kommune = sub.kommune
    row = SubscriptionRow(
        id=int(sub.id),
        chat=int(sub.chat_id),  # type: ignore[attr-defined]
        kommune_id=int(kommune.id) if kommune is not None else None,
        faction=sub.faction,
        keyword=sub.keyword,
        kind=sub.kind,
        paused=sub.paused,
    )
    return FeedSubscription(
        row, kommune.name if kommune else None, kommune.slug if kommune else None
    )


async def kommune_by_slug(slug: str) -> Kommune | None:
    """Return the Kommune with this slug, or None."""
    return await Kommune.get_or_none(slug=slug)


async def recent_papers(kommune_id: int | None, kinds: tuple[str, ...], limit: int) -> list[Paper]:
    """Return the newest visible papers (of the Kommune, of these kinds), with their Kommune."""
    query = Paper.filter(deleted=False, hidden=False, kind__in=list(kinds))
    if kommune_id is not None:
        query = query.filter(kommune_id=kommune_id)
    return await query.order_by("-date", "-id").limit(limit).select_related("kommune").all()


@dataclass(frozen=True)
class AgendaInquiry:
    """An inquiry on a meeting's agenda."""

    reference: str | None
    title: str
    web_url: str | None


@dataclass(frozen=True)
class FeedMeeting:
    """A meeting for the calendar, with the inquiries on its agenda."""

    meeting_id: int
    name: str | None
    start: datetime
    end: datetime | None
    location: str | None
    web_url: str | None
    cancelled: bool
    inquiries: tuple[AgendaInquiry, ...]


async def meetings_between(kommune_id: int, start: datetime, end: datetime) -> list[FeedMeeting]:
    """Return the Kommune's meetings starting in [start, end) with their agenda inquiries."""
    meetings = (
        await Meeting.filter(kommune_id=kommune_id, deleted=False, start__gte=start, start__lt=end)
        .order_by("start", "id")
        .all()
    )
    ids = [m.id for m in meetings]
    inquiries: dict[int, list[AgendaInquiry]] = {i: [] for i in ids}
    if ids:
        items = (
            await AgendaItem.filter(meeting_id__in=ids, paper__kind="Anfrage", paper__hidden=False)
            .order_by("order", "id")
            .select_related("paper")
        )
        for item in items:
            paper = item.paper
            if paper is not None:
                inquiries[int(item.meeting_id)].append(  # type: ignore[attr-defined]
                    AgendaInquiry(paper.reference, paper.title, paper.web_url)
                )
    return [
        FeedMeeting(
            meeting_id=int(m.id),
            name=m.name,
            start=m.start,
            end=m.end,
            location=m.location,
            web_url=m.web_url,
            cancelled=m.cancelled,
            inquiries=tuple(inquiries[m.id]),
        )
        for m in meetings
        if m.start is not None
    ]
