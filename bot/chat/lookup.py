"""Database reads (and the one Kommune insert) the chat handlers need (I/O).

What storage/subscriptions.py and storage/search.py do not cover: the Kommunen /abo offers, the
factions of a Kommune, papers by id or Aktenzeichen, upcoming meetings with their inquiries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.chat.abo_parse import KommuneRef
from fetcher.classify import reference_lookup_keys
from fetcher.endpoints import load_endpoints
from fetcher.factions import all_factions, canonical_faction
from storage.models import (
    AgendaItem,
    Chat,
    Kommune,
    Meeting,
    Organization,
    Paper,
    Subscription,
)

# A Kommune row made before its first sync (someone subscribed to a bundled Kommune). The sync
# finds it by slug (storage.records.upsert_kommune) and replaces this id by the Body's.
PLACEHOLDER_OPARL_ID = "ratsbot:pending:{slug}"
RECENT_PAPERS_FOR_FACTIONS = 300


async def kommune_refs() -> list[KommuneRef]:
    """Return every Kommune /abo offers: the database's first, then the bundled list's others."""
    rows = await Kommune.all().order_by("id").values_list("id", "name", "slug")
    refs = [KommuneRef(name=str(n), slug=str(s), kommune_id=int(i)) for i, n, s in rows]
    known = {r.slug for r in refs}
    refs += [KommuneRef(e.name, e.slug) for e in load_endpoints() if e.slug not in known]
    return refs


async def ensure_kommune(ref: KommuneRef) -> int:
    """Return the database id of the Kommune, creating the row for a bundled one."""
    if ref.kommune_id is not None:
        return ref.kommune_id
    existing = await Kommune.get_or_none(slug=ref.slug)
    if existing is not None:
        return int(existing.id)
    endpoint = next((e for e in load_endpoints() if e.slug == ref.slug), None)
    row, _ = await Kommune.get_or_create(
        slug=ref.slug,
        defaults={
            "oparl_id": PLACEHOLDER_OPARL_ID.format(slug=ref.slug),
            "name": ref.name,
            "system_url": endpoint.system_urls[0] if endpoint and endpoint.system_urls else None,
        },
    )
    return int(row.id)


async def faction_choices(kommune_id: int | None) -> list[str]:
    """Return the factions to offer for a Kommune: those seen there first, then the known rest."""
    seen: set[str] = set()
    if kommune_id is not None:
        names = await Organization.filter(
            kommune_id=kommune_id, faction__isnull=False, deleted=False
        ).values_list("faction", flat=True)
        seen.update(str(n) for n in names if n)
        recent = (
            await Paper.filter(kommune_id=kommune_id, deleted=False)
            .order_by("-id")
            .limit(RECENT_PAPERS_FOR_FACTIONS)
            .values_list("factions", flat=True)
        )
        for factions in recent:
            if isinstance(factions, list):
                seen.update(str(f) for f in factions if f)
    known = all_factions()
    order = {name: i for i, name in enumerate(known)}
    first = sorted({canonical_faction(n) or n for n in seen}, key=lambda n: (order.get(n, 99), n))
    return first + [name for name in known if name not in first]


async def visible_paper(paper_id: int) -> Paper | None:
    """Return a paper that may be shown (not hidden or deleted), its Kommune loaded."""
    return (
        await Paper.filter(id=paper_id, hidden=False, deleted=False)
        .select_related("kommune")
        .first()
    )


async def answered_inquiry(answer: Paper) -> Paper | None:
    """Return the inquiry an answer belongs to, its Kommune loaded."""
    inquiry_id = getattr(answer, "answer_to_id", None)
    if inquiry_id is None:
        return None
    return await Paper.filter(id=inquiry_id).select_related("kommune").first()


async def papers_by_reference(reference: str, limit: int = 10) -> list[Paper]:
    """Return the visible papers with this Aktenzeichen (any spelling), newest first."""
    keys = reference_lookup_keys(reference)
    if not keys:
        return []
    return (
        await Paper.filter(reference_key__in=keys, hidden=False, deleted=False)
        .select_related("kommune")
        .order_by("-date", "-id")
        .limit(limit)
    )


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


async def upcoming_meetings(
    kommune_ids: Sequence[int], now: datetime, limit: int = 10
) -> list[tuple[Meeting, int]]:
    """Return the next meetings of these Kommunen and how many inquiries each agenda holds."""
    if not kommune_ids:
        return []
    meetings = (
        await Meeting.filter(
            kommune_id__in=list(kommune_ids), start__gte=now, cancelled=False, deleted=False
        )
        .select_related("kommune")
        .order_by("start", "id")
        .limit(limit)
    )
    if not meetings:
        return []
    per_meeting = await AgendaItem.filter(
        meeting_id__in=[m.id for m in meetings], paper__kind="Anfrage", paper__deleted=False
    ).values_list("meeting_id", flat=True)
    counts = Counter(int(m) for m in per_meeting)  # type: ignore[call-overload]
    return [(m, counts.get(int(m.id), 0)) for m in meetings]
