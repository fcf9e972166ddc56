"""Which inquiries have an answer, and when (I/O: database reads for search and 'Ähnliche')."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.models import Paper


@dataclass(frozen=True)
class AnswerLink:
    """An inquiry's answer: its paper id and date (None where the server gave none)."""

    answer_id: int
    answer_date: date | None


async def answers_of(inquiry_ids: list[int]) -> dict[int, AnswerLink]:
    """Return {inquiry id: its earliest visible answer} for the inquiries that have one."""
    if not inquiry_ids:
        return {}
    rows = await Paper.filter(
        answer_to_id__in=sorted(set(inquiry_ids)), hidden=False, deleted=False
    ).values_list("answer_to_id", "id", "date")
    links: dict[int, AnswerLink] = {}
    for inquiry_id, answer_id, answer_date in sorted(rows, key=lambda r: (r[0], r[2] or date.max)):
        links.setdefault(int(inquiry_id), AnswerLink(int(answer_id), answer_date))
    return links


async def related_papers(paper_id: int) -> set[int]:
    """Return the ids of a paper's answers and of the inquiry it answers (not the paper)."""
    answers = await Paper.filter(answer_to_id=paper_id).values_list("id", flat=True)
    answered = await Paper.filter(id=paper_id).values_list("answer_to_id", flat=True)
    related = {int(a) for a in answers}  # type: ignore[call-overload]
    related |= {int(a) for a in answered if a is not None}  # type: ignore[call-overload]
    return related
