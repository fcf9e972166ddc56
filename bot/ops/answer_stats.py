"""Who is still waiting for an answer: open inquiries and answer figures. Pure, no I/O.

Input are storage.stats.InquiryRow values. Correctness first: many council servers never link
an answer to its inquiry (the answer is read out in the meeting, or filed as an unrelated paper),
and there every inquiry would look "open". So a Kommune counts as linking answers only when its
own data shows it: an inquiry with a linked answer among the inquiries of the
`LINKING_WINDOW_DAYS` before its newest inquiry (not before today: a Kommune whose sync stopped
still has its history judged on its own terms). Inquiries older than the oldest answered one are
left out too: from before the server linked answers, "no answer" says nothing.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from storage.stats import InquiryRow, KommuneRow

LINKING_WINDOW_DAYS = 365
NO_FACTION = ""
# Days a Kommune's rules give the administration to answer, by Kommune slug. Only with a source
# (the Geschäftsordnung's paragraph) in a comment; where unknown the share is left out.
ANSWER_DEADLINE_DAYS: Mapping[str, int] = {}


@dataclass(frozen=True)
class GroupFigures:
    """Answer figures of one group of inquiries (a Kommune, or one faction in it)."""

    inquiries: int
    answered: int
    open: int
    median_days: float | None  # days from inquiry to answer; None without answers
    # Share of decided inquiries (answered, or open past the deadline) answered in time.
    within_deadline: float | None = None


@dataclass(frozen=True)
class OpenInquiry:
    """An inquiry without an answer and how long it has waited (None: no date known)."""

    row: InquiryRow
    days_waiting: int | None


@dataclass(frozen=True)
class KommuneStats:
    """Everything `/offen` and `ratsbot stats` say about one Kommune."""

    kommune: KommuneRow
    total_inquiries: int
    links_answers: bool
    answers_since: date | None = None  # the oldest inquiry with a linked answer
    figures: GroupFigures | None = None  # None when answers are not linked
    factions: tuple[tuple[str, GroupFigures], ...] = ()
    open: tuple[OpenInquiry, ...] = ()
    deadline_days: int | None = None
    tracked: tuple[InquiryRow, ...] = field(default=(), repr=False)


def days_between(start: date, end: date) -> int:
    """Return whole days from start to end, never negative (answers filed before the inquiry)."""
    return max(0, (end - start).days)


def links_answers(rows: Sequence[InquiryRow]) -> bool:
    """Return whether a Kommune's inquiries show that its server links answers at all."""
    dated = [r.date for r in rows if r.date is not None]
    if not dated:
        return any(r.answered for r in rows)
    window_start = max(dated) - timedelta(days=LINKING_WINDOW_DAYS)
    return any(r.answered and (r.date is None or r.date >= window_start) for r in rows)


def answers_since(rows: Sequence[InquiryRow]) -> date | None:
    """Return the date of the oldest inquiry with a linked answer (None if none has a date)."""
    dated = [r.date for r in rows if r.answered and r.date is not None]
    return min(dated) if dated else None


def figures(
    rows: Sequence[InquiryRow], today: date, deadline_days: int | None = None
) -> GroupFigures:
    """Return counts, median days to answer and (with a deadline) the share answered in time."""
    answered = [r for r in rows if r.answered]
    days = [
        days_between(asked, answered_on)
        for r in answered
        if (asked := r.date) is not None and (answered_on := r.answered_on) is not None
    ]
    within: float | None = None
    if deadline_days is not None:
        late_open = sum(
            1
            for r in rows
            if not r.answered and r.date is not None and (today - r.date).days > deadline_days
        )
        decided = len(days) + late_open
        in_time = sum(1 for d in days if d <= deadline_days)
        within = in_time / decided if decided else None
    return GroupFigures(
        inquiries=len(rows),
        answered=len(answered),
        open=len(rows) - len(answered),
        median_days=float(statistics.median(days)) if days else None,
        within_deadline=within,
    )


def _by_faction(rows: Iterable[InquiryRow]) -> dict[str, list[InquiryRow]]:
    groups: dict[str, list[InquiryRow]] = defaultdict(list)
    for row in rows:
        for faction in row.factions or (NO_FACTION,):
            groups[faction].append(row)
    return groups


def kommune_stats(
    kommune: KommuneRow,
    rows: Sequence[InquiryRow],
    today: date,
    *,
    faction: str | None = None,
    deadline_days: int | None = None,
) -> KommuneStats:
    """Return the figures and open inquiries (oldest first) of one Kommune, or of one faction."""
    mine = [r for r in rows if r.kommune_id == kommune.kommune_id]
    linked = links_answers(mine)
    if faction is not None:
        mine = [r for r in mine if faction in r.factions]
    if not linked:
        return KommuneStats(kommune, len(mine), links_answers=False)
    since = answers_since([r for r in rows if r.kommune_id == kommune.kommune_id])
    tracked = [r for r in mine if since is None or r.date is None or r.date >= since]
    open_rows = [r for r in tracked if not r.answered]
    open_rows.sort(key=lambda r: (r.date is None, r.date or today, r.paper_id))
    groups = _by_faction(tracked)
    factions = tuple(
        (name, figures(group, today, deadline_days))
        for name, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
        if faction is None or name == faction
    )
    return KommuneStats(
        kommune=kommune,
        total_inquiries=len(mine),
        links_answers=True,
        answers_since=since,
        figures=figures(tracked, today, deadline_days),
        factions=factions,
        open=tuple(
            OpenInquiry(r, days_between(r.date, today) if r.date is not None else None)
            for r in open_rows
        ),
        deadline_days=deadline_days,
        tracked=tuple(tracked),
    )


def all_stats(
    kommunen: Sequence[KommuneRow],
    rows: Sequence[InquiryRow],
    today: date,
    *,
    faction: str | None = None,
    deadlines: Mapping[str, int] = ANSWER_DEADLINE_DAYS,
) -> list[KommuneStats]:
    """Return the stats of every Kommune that has inquiries (of that faction)."""
    result = []
    for kommune in kommunen:
        stats = kommune_stats(
            kommune, rows, today, faction=faction, deadline_days=deadlines.get(kommune.slug)
        )
        if stats.total_inquiries:
            result.append(stats)
    return result
