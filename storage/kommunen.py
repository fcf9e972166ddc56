"""Kommunen as /abo and the poll loop see them (I/O): rows, subscriptions, factions, health."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from storage.models import Kommune, Organization, Paper, Subscription, SyncState


@dataclass(frozen=True)
class KommuneRow:
    """A Kommune's database id, name and slug."""

    id: int
    name: str
    slug: str


async def kommune_rows() -> list[KommuneRow]:
    """Return every Kommune in the database, oldest first."""
    rows = await Kommune.all().order_by("id").values_list("id", "name", "slug")
    return [KommuneRow(int(i), str(n), str(s)) for i, n, s in rows]


async def subscribed_kommune_slugs() -> list[str]:
    """Return the slugs of the Kommunen that have at least one subscription."""
    slugs = await (
        Subscription.filter(kommune_id__isnull=False)
        .distinct()
        .values_list("kommune__slug", flat=True)
    )
    return sorted({str(s) for s in slugs if s})


async def first_sync_done(slug: str) -> bool:
    """Return whether the Kommune's papers were read once (its history is in the database)."""
    return await SyncState.filter(source=slug, list_name="paper", first_sync_done=True).exists()


async def fully_read(kommune_id: int, slug: str) -> bool:
    """Return whether the Kommune's history is read and every stored paper parsed (only then
    are the factions seen in its data complete)."""
    if not await first_sync_done(slug):
        return False
    return not await Paper.filter(kommune_id=kommune_id, processed=False).exists()


async def failing_since(slugs: Iterable[str]) -> dict[str, datetime]:
    """Return, for the given Kommunen whose source fails right now, since when it fails."""
    wanted = list(dict.fromkeys(slugs))
    if not wanted:
        return {}
    rows = await SyncState.filter(
        source__in=wanted, list_name="system", failing_since__isnull=False
    ).values_list("source", "failing_since")
    return {str(s): f for s, f in rows if isinstance(f, datetime)}


async def newest_paper_date(kommune_id: int) -> date | None:
    """Return the date of the Kommune's newest paper (None without dated papers)."""
    row = (
        await Paper.filter(kommune_id=kommune_id, deleted=False, date__isnull=False)
        .order_by("-date")
        .first()
        .values_list("date", flat=True)
    )
    return row if isinstance(row, date) else None


@dataclass(frozen=True)
class FactionSeen:
    """A faction of one Kommune: where it was seen and when last."""

    name: str
    organization: bool  # an OParl organization classified as Fraktion
    last_paper: date | None  # newest paper it submitted (within the window asked for)
    papers: int


async def factions_seen(kommune_id: int, since: date) -> list[FactionSeen]:
    """Return the Kommune's factions: Fraktion organizations and originators of papers since
    `since` (names as stored: canonical, or a local group as printed)."""
    orgs = await Organization.filter(
        kommune_id=kommune_id, faction__isnull=False, deleted=False
    ).values_list("faction", flat=True)
    seen: dict[str, tuple[bool, date | None, int]] = {str(n): (True, None, 0) for n in orgs if n}
    papers = await Paper.filter(kommune_id=kommune_id, deleted=False, date__gte=since).values_list(
        "factions", "date"
    )
    for factions, day in papers:
        if not isinstance(factions, list):
            continue
        for raw in factions:
            name = str(raw).strip()
            if not name:
                continue
            org, last, count = seen.get(name, (False, None, 0))
            if isinstance(day, date) and (last is None or day > last):
                last = day
            seen[name] = (org, last, count + 1)
    return [FactionSeen(n, o, last, c) for n, (o, last, c) in seen.items()]


# A Kommune row made before its first sync (someone subscribed to a bundled Kommune). The sync
# finds it by slug (storage.records.upsert_kommune) and replaces this id by the Body's.
PLACEHOLDER_OPARL_ID = "ratsbot:pending:{slug}"


async def ensure_kommune_row(slug: str, name: str, system_url: str | None) -> int:
    """Return the id of the Kommune with this slug, creating a placeholder row when missing."""
    existing = await Kommune.get_or_none(slug=slug)
    if existing is not None:
        return int(existing.id)
    row, _ = await Kommune.get_or_create(
        slug=slug,
        defaults={
            "oparl_id": PLACEHOLDER_OPARL_ID.format(slug=slug),
            "name": name,
            "system_url": system_url,
        },
    )
    return int(row.id)
