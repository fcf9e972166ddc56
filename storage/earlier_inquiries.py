"""Earlier inquiries of the same Kommune on the same topic ("Schon gefragt", I/O: DB reads).

Candidates come from the search index (title and questions columns, one lookup per term of the
new inquiry, then one per term of the ten best candidates); storage/topic_match.py scores them.
Only papers before the new one count: an older
date, or the same date and a smaller id.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storage import search
from storage.models import Paper
from storage.topic_match import (
    MAX_DOC_SHARE,
    MIN_SCORE,
    MIN_SHARED,
    Scored,
    TopicText,
    best_matches,
    is_follow_up,
    prefilter,
    term_set,
    weighted_terms,
)

INQUIRY_KINDS = ("Anfrage",)


@dataclass(frozen=True)
class EarlierInquiry:
    """An earlier inquiry on the same topic, and whether and when it was answered."""

    paper_id: int
    reference: str | None
    title: str
    date: date | None
    factions: tuple[str, ...]
    answered: bool
    days_to_answer: int | None
    score: float
    shared_terms: int = 0


def _questions(value: Any) -> tuple[str, ...]:
    return tuple(q for q in value or () if isinstance(q, str)) if isinstance(value, list) else ()


def _before(day: date | None, paper_id: int, ref_day: date | None, ref_id: int) -> bool:
    if day is not None and ref_day is not None and day != ref_day:
        return day < ref_day
    return paper_id < ref_id


async def earlier_inquiries(
    paper_id: int,
    *,
    limit: int = 3,
    kinds: Sequence[str] = INQUIRY_KINDS,
    min_score: float = MIN_SCORE,
    min_shared: int = MIN_SHARED,
) -> list[EarlierInquiry]:
    """Return up to `limit` earlier papers (of `kinds`) of the same Kommune on the same topic."""
    paper = await Paper.get_or_none(id=paper_id)
    if paper is None:
        return []
    kommune_id = int(paper.kommune_id)  # type: ignore[attr-defined]
    total = await Paper.filter(
        kommune_id=kommune_id, kind__in=list(kinds), deleted=False, hidden=False
    ).count()
    if total < 2:
        return []
    query = weighted_terms(TopicText(paper.title, _questions(paper.questions)))
    cap = math.floor(MAX_DOC_SHARE * total) + 1
    doc_counts: dict[str, int] = {}
    candidate_ids: set[int] = set()
    for term in query:
        ids = await search.title_question_matches(term, kommune_id, kinds, cap)
        doc_counts[term] = len(ids)
        if len(ids) < cap:
            candidate_ids.update(i for i in ids if i != paper_id)
    if not candidate_ids:
        return []
    rows = await Paper.filter(id__in=sorted(candidate_ids)).values_list(
        "id", "title", "questions", "reference", "date", "factions"
    )
    by_id = {int(r[0]): r for r in rows}
    texts = {
        int(pid): TopicText(str(title), _questions(questions))
        for pid, title, questions, _, day, _ in rows
        if _before(day, int(pid), paper.date, paper_id)
    }
    shortlist = prefilter(
        query, [(pid, term_set(text)) for pid, text in texts.items()], doc_counts, total
    )
    candidates = [(pid, weighted_terms(texts[pid])) for pid in shortlist]
    for _, terms in candidates:
        for term in terms:
            if term not in doc_counts:
                found = await search.title_question_matches(term, kommune_id, kinds, cap)
                doc_counts[term] = len(found)
    best = best_matches(
        query,
        candidates,
        doc_counts,
        total,
        limit=limit,
        min_score=min_score,
        min_shared=min_shared,
    )
    # A follow-up (same reference stem, or the same long title) is shown whatever its score.
    follow_ups = [
        Scored(pid, 1.0, 0)
        for pid in sorted(texts, reverse=True)
        if is_follow_up(paper.title, paper.reference, texts[pid].title, by_id[pid][3])
        and pid not in {b.paper_id for b in best}
    ]
    best = (follow_ups + best)[:limit]
    answers: dict[int, date | None] = {}
    for inquiry_id, day in await Paper.filter(
        answer_to_id__in=[b.paper_id for b in best], deleted=False
    ).values_list("answer_to_id", "date"):
        known = answers.get(int(inquiry_id))
        if int(inquiry_id) not in answers or (day is not None and (known is None or day < known)):
            answers[int(inquiry_id)] = day
    result = []
    for match in best:
        _, title, _, reference, day, factions = by_id[match.paper_id]
        answered = match.paper_id in answers
        answered_on = answers.get(match.paper_id)
        days = (
            max(0, (answered_on - day).days)
            if answered and answered_on is not None and day is not None
            else None
        )
        result.append(
            EarlierInquiry(
                paper_id=match.paper_id,
                reference=reference,
                title=str(title),
                date=day,
                factions=tuple(str(f) for f in factions or () if isinstance(f, str)),
                answered=answered,
                days_to_answer=days,
                score=match.score,
                shared_terms=match.shared,
            )
        )
    return result
