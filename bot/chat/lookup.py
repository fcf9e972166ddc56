"""Database reads (and the one Kommune insert) the chat handlers need (I/O), through named
storage functions (storage.kommunen, paper_lookup, chat_reads, meetings): no ORM here.

What storage/subscriptions.py and storage/search.py do not cover: the Kommunen /abo offers, the
factions of a Kommune, papers by id or Aktenzeichen, upcoming meetings with their inquiries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from bot.chat.abo_parse import KommuneRef
from fetcher.classify import reference_lookup_keys
from fetcher.clock import utc_now
from fetcher.endpoints import load_endpoints
from fetcher.factions import canonical_faction
from storage import chat_reads, kommunen, meetings, paper_lookup

FACTION_WINDOW = timedelta(days=730)

if TYPE_CHECKING:
    from bot.pipeline.coverage import Coverage
    from storage.models import Meeting, Paper, Subscription


def _system_url(slug: str, coverage: Coverage | None) -> str | None:
    offered = coverage.offered() if coverage is not None else load_endpoints()
    endpoint = next((e for e in offered if e.slug == slug), None)
    return endpoint.system_urls[0] if endpoint and endpoint.system_urls else None


async def kommune_refs(coverage: Coverage | None = None) -> list[KommuneRef]:
    """Return every Kommune /abo knows: those it offers (served) first, then the bundled rest
    marked unserved, so "Leipzig" on a Karlsruhe-only bot is refused, not misread.

    Without `coverage` (handlers run without the poll loop), every Kommune counts as served.
    """
    rows = await kommunen.kommune_rows()
    by_slug = {r.slug: r for r in rows}
    if coverage is None:
        refs = [KommuneRef(r.name, r.slug, r.id) for r in rows]
        known = {r.slug for r in refs}
        return refs + [KommuneRef(e.name, e.slug) for e in load_endpoints() if e.slug not in known]
    served = coverage.served_slugs()
    refs = []
    for endpoint in coverage.offered():
        row = by_slug.get(endpoint.slug)
        name = row.name if row is not None and not coverage.on_demand else endpoint.name
        refs.append(KommuneRef(name, endpoint.slug, row.id if row else None))
    # Further bodies of a served System ("leipzig-ortschaftsrat-…") are served as well.
    refs += [
        KommuneRef(r.name, r.slug, r.id)
        for r in rows
        if r.slug not in served and any(r.slug.startswith(s + "-") for s in served)
    ]
    known = {r.slug for r in refs}
    refs += [
        KommuneRef(e.name, e.slug, served=False) for e in load_endpoints() if e.slug not in known
    ]
    return refs


async def ensure_kommune(ref: KommuneRef, coverage: Coverage | None = None) -> int:
    """Return the database id of the Kommune, creating the row for one not synced yet."""
    if ref.kommune_id is not None:
        return ref.kommune_id
    return await kommunen.ensure_kommune_row(ref.slug, ref.name, _system_url(ref.slug, coverage))


def rank_factions(seen: Sequence[kommunen.FactionSeen]) -> list[str]:
    """Return faction names in canonical form, the most recently active first (current term),
    then organizations without recent papers, each group alphabetical within equal dates."""
    best: dict[str, tuple[date | None, bool]] = {}
    for item in seen:
        name = canonical_faction(item.name) or " ".join(item.name.split())
        last, org = best.get(name, (None, False))
        if item.last_paper is not None and (last is None or item.last_paper > last):
            last = item.last_paper
        best[name] = (last, org or item.organization)

    def order(name: str) -> tuple[bool, int, str]:
        last = best[name][0]
        return (last is None, -(last or date.min).toordinal(), name)

    return sorted(best, key=order)


async def faction_choices(kommune_id: int | None, today: date | None = None) -> list[str]:
    """Return the factions of a Kommune seen in its data (Fraktion organizations and paper
    originators of the last 24 months it published); empty when nothing is known there yet."""
    if kommune_id is None:
        return []
    today = today or utc_now().date()
    # A Kommune whose server stopped publishing (or a test corpus) keeps its last factions.
    newest = await kommunen.newest_paper_date(kommune_id)
    until = min(today, newest) if newest is not None else today
    return rank_factions(await kommunen.factions_seen(kommune_id, until - FACTION_WINDOW))


async def failing_since(slugs: Sequence[str]) -> dict[str, datetime]:
    """Return since when the sources of these Kommunen fail (only the failing ones)."""
    return await kommunen.failing_since(slugs)


async def failing_kommunen(refs: Sequence[KommuneRef]) -> list[tuple[str, datetime]]:
    """Return (name, failing since) of those Kommunen whose source fails right now."""
    failing = await kommunen.failing_since([r.slug for r in refs])
    return [(r.name, failing[r.slug]) for r in refs if r.slug in failing]


async def fully_read(kommune_id: int, slug: str) -> bool:
    """Return whether the Kommune's data is read completely (its factions are all known)."""
    return await kommunen.fully_read(kommune_id, slug)


async def first_sync_done(slug: str) -> bool:
    """Return whether the Kommune's history has been read once."""
    return await kommunen.first_sync_done(slug)


async def visible_paper(paper_id: int) -> Paper | None:
    """Return a paper that may be shown (not hidden or deleted), its Kommune loaded."""
    return await paper_lookup.visible_paper(paper_id)


async def answered_inquiry(answer: Paper) -> Paper | None:
    """Return the inquiry an answer belongs to, its Kommune loaded."""
    inquiry_id = getattr(answer, "answer_to_id", None)
    if inquiry_id is None:
        return None
    return await paper_lookup.paper_with_kommune(inquiry_id)


async def papers_by_reference(reference: str, limit: int = 10) -> list[Paper]:
    """Return the visible papers with this Aktenzeichen (any spelling), newest first."""
    return await paper_lookup.papers_by_reference_keys(reference_lookup_keys(reference), limit)


async def chat_kommune_ids(chat_id: int) -> list[int]:
    """Return the Kommunen the chat has subscriptions for, in the order subscribed."""
    return await chat_reads.chat_kommune_ids(chat_id)


async def weekly_preview(chat_id: int) -> bool:
    """Return whether the chat gets the Monday preview of the week's meetings."""
    return await chat_reads.weekly_preview(chat_id)


async def count_subscriptions(chat_id: int) -> int:
    """Return how many subscriptions the chat has."""
    return await chat_reads.count_subscriptions(chat_id)


async def subscription(chat_id: int, subscription_id: int) -> Subscription | None:
    """Return one of the chat's subscriptions, its Kommune loaded."""
    return await chat_reads.subscription(chat_id, subscription_id)


async def upcoming_meetings(
    kommune_ids: Sequence[int], now: datetime, limit: int = 10
) -> list[tuple[Meeting, int]]:
    """Return the next meetings of these Kommunen and how many inquiries each agenda holds."""
    return await meetings.next_meetings_with_inquiries(kommune_ids, now, limit)
