"""Queries behind the answer statistics (`/offen`, `ratsbot stats`): inquiries and their answers.

Reads only. An inquiry is a visible paper of kind "Anfrage"; its answer is the earliest
non-deleted paper whose `answer_to` points at it (an ALLRIS answer paper or a SessionNet
answer file stored as a paper of its own, see storage/records.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from storage.models import Kommune, Paper


@dataclass(frozen=True)
class InquiryRow:
    """One inquiry, whether an answer is linked to it and the date of the first one."""

    paper_id: int
    kommune_id: int
    reference: str | None
    title: str
    date: dt.date | None
    factions: tuple[str, ...]
    answered: bool
    answered_on: dt.date | None
    web_url: str | None = None


@dataclass(frozen=True)
class KommuneRow:
    """A Kommune's id, display name and slug."""

    kommune_id: int
    name: str
    slug: str


async def kommune_rows(kommune_ids: Sequence[int] | None = None) -> list[KommuneRow]:
    """Return the Kommunen (all, or those with the given ids) ordered by name."""
    query = Kommune.all() if kommune_ids is None else Kommune.filter(id__in=list(kommune_ids))
    rows = await query.order_by("name").values_list("id", "name", "slug")
    return [KommuneRow(int(i), str(n), str(s)) for i, n, s in rows]


async def inquiry_rows(kommune_ids: Sequence[int] | None = None) -> list[InquiryRow]:
    """Return every visible inquiry (of the given Kommunen) with its first answer's date."""
    inquiries = Paper.filter(kind="Anfrage", deleted=False, hidden=False)
    answers = Paper.filter(deleted=False, answer_to_id__isnull=False)
    if kommune_ids is not None:
        inquiries = inquiries.filter(kommune_id__in=list(kommune_ids))
        answers = answers.filter(kommune_id__in=list(kommune_ids))
    first_answer: dict[int, dt.date | None] = {}
    for inquiry_id, answered_on in await answers.values_list("answer_to_id", "date"):
        key = int(inquiry_id)
        known = first_answer.get(key)
        if key not in first_answer or (
            answered_on is not None and (known is None or answered_on < known)
        ):
            first_answer[key] = answered_on
    rows = await inquiries.order_by("id").values_list(
        "id", "kommune_id", "reference", "title", "date", "factions", "web_url"
    )
    result: list[InquiryRow] = []
    for paper_id, kommune_id, reference, title, day, factions, web_url in rows:
        pid = int(paper_id)
        answered = pid in first_answer
        # An answer without a date of its own counts as answered on the inquiry's day.
        answered_on = (first_answer[pid] or day) if answered else None
        result.append(
            InquiryRow(
                paper_id=pid,
                kommune_id=int(kommune_id),
                reference=reference,
                title=str(title),
                date=day,
                factions=tuple(str(f) for f in factions or () if isinstance(f, str)),
                answered=answered,
                answered_on=answered_on,
                web_url=web_url,
            )
        )
    return result
