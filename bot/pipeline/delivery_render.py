"""Rendering outbox rows (I/O: reads papers): the message for a row or a digest, cached per subject.

Messages are rendered at send time from the database, once per subject for a fan-out; a paper
hidden or deleted meanwhile is skipped.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from bot.messages import render, texts
from bot.messages.render import RenderedMessage
from bot.messages.views import answer_view, fk_id, paper_view
from bot.pipeline.asked_before import add_asked_before
from storage.models import Paper
from storage.outbox import OutboxRow

# "questions": the follow-up to a paper pushed before its document could be read (issue #18).
_PAPER_SUBJECTS = ("paper", "answer", "questions")

MeetingRenderer = Callable[[OutboxRow], Awaitable[RenderedMessage | None]]
"""Renders a meeting/weekly row for its chat (alerts.render_meeting_row); None = skip it."""


class Job(Protocol):
    """What the renderer reads from a delivery job."""

    @property
    def digest(self) -> bool: ...
    @property
    def rows(self) -> list[OutboxRow]: ...


class RowRenderer:
    """Renders rows; `clear()` at each new scan (papers may have changed: hidden, answered)."""

    def __init__(self, render_meeting: MeetingRenderer | None = None) -> None:
        """Remember how to render meeting rows."""
        self._render_meeting = render_meeting
        self._cache: OrderedDict[tuple[str, int], RenderedMessage | None] = OrderedDict()

    def clear(self) -> None:
        """Forget rendered messages."""
        self._cache.clear()

    async def prefetch(self, rows: Sequence[OutboxRow]) -> None:
        """Load and render the papers and answers of a batch in two queries (cached per subject)."""
        wanted = {
            (r.subject_type, r.subject_id)
            for r in rows
            if r.subject_type in _PAPER_SUBJECTS
            and (r.subject_type, r.subject_id) not in self._cache
        }
        if not wanted:
            return
        ids = sorted({subject_id for _, subject_id in wanted})
        papers = {p.id: p for p in await Paper.filter(id__in=ids).select_related("kommune")}
        inquiry_ids = {
            i for p in papers.values() if (i := fk_id(p, "answer_to")) is not None
        } - papers.keys()
        if inquiry_ids:
            extra = await Paper.filter(id__in=sorted(inquiry_ids)).select_related("kommune")
            papers.update({p.id: p for p in extra})
        for subject_type, subject_id in wanted:
            message = _render_subject(subject_type, subject_id, papers)
            paper = papers.get(subject_id)
            if message is not None and paper is not None and subject_type == "paper":
                # "Schon gefragt": earlier inquiries on the topic (bot/pipeline/asked_before.py)
                message = await add_asked_before(subject_id, paper.kind, message)
            self._remember((subject_type, subject_id), message)

    def _remember(self, key: tuple[str, int], message: RenderedMessage | None) -> None:
        self._cache[key] = message
        self._cache.move_to_end(key)
        while len(self._cache) > 1000:
            self._cache.popitem(last=False)

    async def message(self, job: Job) -> tuple[RenderedMessage | None, list[OutboxRow]]:
        """Return the message for a job and the rows to skip (their subject is hidden or gone)."""
        if job.digest:
            return await self._digest_message(job.rows)
        row = job.rows[0]
        if row.subject_type in _PAPER_SUBJECTS:
            key = (row.subject_type, row.subject_id)
            if key not in self._cache:
                await self.prefetch([row])
            message = self._cache.get(key)
        elif self._render_meeting is not None:
            message = await self._render_meeting(row)
        else:
            message = None
        return message, ([] if message else [row])

    async def _digest_message(
        self, rows: list[OutboxRow]
    ) -> tuple[RenderedMessage | None, list[OutboxRow]]:
        papers = {
            p.id: p
            for p in await Paper.filter(id__in=[r.subject_id for r in rows]).select_related(
                "kommune"
            )
        }
        shown = [papers[r.subject_id] for r in rows if _visible(papers.get(r.subject_id))]
        skipped = [r for r in rows if not _visible(papers.get(r.subject_id))]
        if not shown:
            return None, skipped
        if len(shown) == 1:
            return render.render_inquiry(paper_view(shown[0])), skipped
        shown.sort(key=lambda p: (str(p.kommune.name), p.id))
        names = list(dict.fromkeys(str(p.kommune.name) for p in shown))
        views = [paper_view(p) for p in shown]
        return render.render_digest(", ".join(names), views), skipped


def _visible(paper: Paper | None) -> bool:
    return paper is not None and not paper.hidden and not paper.deleted


def _render_subject(
    subject_type: str, subject_id: int, papers: dict[int, Paper]
) -> RenderedMessage | None:
    paper = papers.get(subject_id)
    if not _visible(paper):
        return None
    assert paper is not None
    if subject_type == "answer":
        inquiry_id = fk_id(paper, "answer_to")
        inquiry = papers.get(inquiry_id) if inquiry_id is not None else None
        return render.render_answer(answer_view(paper, inquiry))
    message = render.render_inquiry(paper_view(paper), manage_button=True)
    if subject_type == "questions":
        if not paper.questions:
            return None
        followup = f"<i>{html.escape(texts.QUESTIONS_FOLLOWUP)}</i>\n\n{message.text}"
        if render.fits(followup):
            return RenderedMessage(followup, message.buttons)
    return message
