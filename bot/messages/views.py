"""Turn database rows into the renderer's view values (PaperView, MeetingView). Pure, no I/O.

The rows must come with what is read here already loaded (the Kommune of a paper or meeting);
the callers load them in bulk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.messages.render import MeetingView, PaperView

if TYPE_CHECKING:
    from storage.models import Meeting, Paper

# The consultation that answers an inquiry (Leipzig: "Ratsversammlung 14.06.2023 schriftliche
# Beantwortung"); otherwise the last one listed is the one that decides.
_ANSWERING_ROLE = "beantwortung"
# Shown for a meeting without a name (German user text; belongs in bot/messages/texts.py).
UNNAMED_MEETING = "Sitzung"


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v.strip())


def _answers(value: Any) -> tuple[str | None, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v if isinstance(v, str) and v.strip() else None for v in value)


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def answering_consultation(consultations: Any) -> tuple[str, date | None] | None:
    """Return (committee, date) of the meeting treating a paper, from Paper.consultations JSON."""
    if not isinstance(consultations, list):
        return None
    entries = [c for c in consultations if isinstance(c, dict) and c.get("committee")]
    if not entries:
        return None
    chosen = next(
        (c for c in entries if _ANSWERING_ROLE in str(c.get("role") or "").lower()), entries[-1]
    )
    return str(chosen["committee"]), _iso_date(chosen.get("date"))


def fk_id(row: object, field: str) -> int | None:
    """Return a foreign key's raw id (`kommune_id`, …), which the models do not annotate."""
    value = getattr(row, f"{field}_id", None)
    return int(value) if value is not None else None


def kommune_name(row: Paper | Meeting) -> str:
    """Return the name of the row's Kommune (must be loaded with select_related)."""
    return str(row.kommune.name)


def paper_view(paper: Paper) -> PaperView:
    """Return the view of a paper row (its Kommune loaded)."""
    meeting = answering_consultation(paper.consultations)
    return PaperView(
        paper_id=paper.id,
        kind=paper.kind,
        kommune=kommune_name(paper),
        title=paper.title,
        reference=paper.reference,
        factions=_strings(paper.factions),
        submitters=_strings(paper.submitters),
        date=paper.date,
        is_citizen_inquiry=paper.citizen_inquiry,
        meeting_name=meeting[0] if meeting else None,
        meeting_date=meeting[1] if meeting else None,
        summary=paper.summary,
        questions=_strings(paper.questions),
        answers=_answers(paper.answers),
        pdf_url=paper.pdf_url,
        web_url=paper.web_url,
    )


_ANSWER_START = re.compile(
    r"\b(?:Antwort(?:\s+der\s+Verwaltung)?\s*:|Stellungnahme(?:\s+der\s+Verwaltung)?\s*:|"
    r"Die\s+Verwaltung\s+(?:beantwortet|nimmt|antwortet)|Zu\s+(?:Frage\s+)?1\s*[.:)]|"
    r"Inhalt\s+der\s+Mitteilung\s*:|Sachverhalt\s*:|Beantwortung\b)",
    re.IGNORECASE,
)
EXCERPT_SOURCE_CHARS = 2000


def answer_excerpt(full_text: str | None, questions: Sequence[str] = ()) -> str | None:
    """Return the beginning of an answer's own text (after the quoted questions), or None.

    Answers quote the inquiry first. Where each answer follows its question (interleaved), the
    excerpt starts after the first question; where the questions come as one block, after the
    last one; a marker ("Antwort:", "Stellungnahme:", "Die Verwaltung beantwortet …", "Zu 1.")
    shortly after that point is where the answer begins.
    """
    if not full_text:
        return None
    text = re.sub(r"(?<=[a-zäöüß])-\n\s*(?=[a-zäöüß])", "", full_text)  # hyphenated line ends
    text = " ".join(text.split())
    spans: list[tuple[int, int]] = []
    for question in questions:
        quoted = " ".join(question.split())
        probe = quoted[:60]
        found = text.find(probe) if len(probe) >= 20 else -1
        if found >= 0:
            spans.append((found, found + len(quoted)))
    start = 0
    if spans:
        spans.sort()
        interleaved = len(spans) > 1 and spans[1][0] - spans[0][1] > _INTERLEAVED_GAP_CHARS
        start = spans[0][1] if interleaved else spans[-1][1]
    marker = _ANSWER_START.search(text, start)
    if marker is not None and (not spans or marker.start() - start < _MARKER_NEAR_CHARS):
        start = marker.start()
    excerpt = text[start : start + EXCERPT_SOURCE_CHARS].strip()
    return excerpt or None


_INTERLEAVED_GAP_CHARS = 200
_MARKER_NEAR_CHARS = 400


def days_between(asked: date | None, answered: date | None) -> int | None:
    """Return the days from an inquiry to its answer, or None when unknown or implausible."""
    if asked is None or answered is None or answered < asked:
        return None
    return (answered - asked).days


def answer_view(answer: Paper, inquiry: Paper | None) -> PaperView:
    """Return the view of an answer: the inquiry's subject and questions, the answer's texts.

    The questions come from the answer document when the parser found them there (they are then
    aligned with its answers), else from the inquiry.
    """
    if inquiry is None:
        own = paper_view(answer)
        return replace(
            own,
            kind="Anfrage",
            answer_pdf_url=answer.pdf_url,
            answer_excerpt=answer_excerpt(answer.full_text, own.questions),
        )
    asked = paper_view(inquiry)
    questions = _strings(answer.questions) or asked.questions
    return replace(
        asked,
        questions=questions,
        answers=_answers(answer.answers),
        answer_pdf_url=answer.pdf_url,
        web_url=answer.web_url or inquiry.web_url,
        answer_excerpt=answer_excerpt(answer.full_text, questions),
        days_to_answer=days_between(inquiry.date, answer.date),
    )


def meeting_view(meeting: Meeting) -> MeetingView:
    """Return the view of a meeting row (its Kommune loaded)."""
    return MeetingView(
        meeting_id=meeting.id,
        kommune=kommune_name(meeting),
        name=meeting.name or UNNAMED_MEETING,
        start=meeting.start,
        end=meeting.end,
        location=meeting.location,
        web_url=meeting.web_url,
    )
