"""Meeting reads and writes for the alerts (I/O): what is due, moved, cancelled, on the agenda.

Named queries for bot/pipeline/alerts.py; the rules (when to alert whom) stay there. Times are
aware datetimes; rows come back as model instances with their Kommune loaded where noted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import cast

from storage.models import AgendaItem, Consultation, Meeting, Paper


async def upcoming_meetings(
    kommune_ids: Iterable[int] | None, after: datetime, until: datetime
) -> list[Meeting]:
    """Return the live meetings of these Kommunes (None: of all) starting in (after, until]."""
    where = {} if kommune_ids is None else {"kommune_id__in": sorted(set(kommune_ids))}
    return await Meeting.filter(
        **where,
        deleted=False,
        cancelled=False,
        start__gt=after,
        start__lte=until,
    )


async def set_announced_start(meeting: Meeting) -> None:
    """Record that the chats were told the meeting's current start (`announced_start`)."""
    meeting.announced_start = meeting.start
    await meeting.save(update_fields=["announced_start"])


async def moved_meetings(since: datetime) -> list[Meeting]:
    """Return the live meetings starting after `since` whose start differs from the one told."""
    rows = await Meeting.filter(
        deleted=False,
        cancelled=False,
        announced_start__isnull=False,
        start__isnull=False,
        start__gt=since,
    )
    return [m for m in rows if m.start != m.announced_start]


async def cancelled_meetings(since: datetime) -> list[Meeting]:
    """Return the cancelled meetings that were to start after `since`."""
    return await Meeting.filter(cancelled=True, start__gt=since)


async def kommunes_meeting_between(
    kommune_ids: Iterable[int], start: datetime, end: datetime
) -> set[int]:
    """Return those of the Kommunes that have a (not deleted) meeting in [start, end)."""
    rows = await Meeting.filter(
        kommune_id__in=sorted(set(kommune_ids)), deleted=False, start__gte=start, start__lt=end
    ).values_list("kommune_id", flat=True)
    return {int(k) for k in cast(list[int], rows)}


async def meetings_between(
    kommune_ids: Iterable[int], start: datetime, end: datetime
) -> list[Meeting]:
    """Return the meetings (not deleted) of the Kommunes in [start, end), Kommune loaded."""
    return (
        await Meeting.filter(
            kommune_id__in=sorted(set(kommune_ids)), deleted=False, start__gte=start, start__lt=end
        )
        .select_related("kommune")
        .order_by("start", "id")
    )


async def meeting_with_kommune(meeting_id: int) -> Meeting | None:
    """Return a meeting with its Kommune loaded, or None."""
    return await Meeting.get_or_none(id=meeting_id).select_related("kommune")


async def meeting_id_by_oparl_id(oparl_id: str) -> int | None:
    """Return the row id of the meeting with this OParl id, or None."""
    meeting = await Meeting.get_or_none(oparl_id=oparl_id).only("id")
    return meeting.id if meeting is not None else None


async def agenda_paper_ids(meeting_id: int) -> list[int]:
    """Return the paper ids of a meeting's agenda items (in agenda order), then of its
    consultations (in insertion order); repeats are kept."""
    items = (
        await AgendaItem.filter(meeting_id=meeting_id, paper_id__isnull=False)
        .order_by("order", "id")
        .values_list("paper_id", flat=True)
    )
    consulted = (
        await Consultation.filter(meeting_id=meeting_id, paper_id__isnull=False)
        .order_by("id")
        .values_list("paper_id", flat=True)
    )
    return [int(i) for i in cast(list[int], [*items, *consulted])]


async def inquiries_dated(kommune_id: int | None, first: date, last: date) -> list[Paper]:
    """Return a Kommune's inquiries dated within [first, last], by id."""
    return await Paper.filter(
        kommune_id=kommune_id, kind="Anfrage", date__gte=first, date__lte=last
    ).order_by("id")


async def visible_inquiries(paper_ids: Iterable[int]) -> dict[int, Paper]:
    """Return id → paper for those ids that are visible inquiries (Kommune loaded)."""
    rows = await Paper.filter(
        id__in=sorted(set(paper_ids)), kind="Anfrage", hidden=False, deleted=False
    ).select_related("kommune")
    return {p.id: p for p in rows}


async def next_meetings_with_inquiries(
    kommune_ids: Sequence[int], now: datetime, limit: int = 10
) -> list[tuple[Meeting, int]]:
    """Return the next live meetings of these Kommunen (Kommune loaded) and how many inquiries
    each agenda holds."""
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
