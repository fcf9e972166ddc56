"""After the sync stores a paper: match it against subscriptions and queue messages (I/O).

The sync calls `on_paper_stored(paper_id, created=…, backfill=…)` after each committed paper.
Matching runs against an in-memory `SubscriptionIndex`, rebuilt only when the set of active
subscriptions changed (`subscriptions_fingerprint`, one aggregate query), so a sync cycle with
many papers does not reload 100,000 subscriptions per paper.

What gets queued (storage.outbox; the unique key makes every call idempotent):
- a new paper: ("paper", paper id, "new") for each chat with a matching subscription; held
  until 7:00 when all its matching subscriptions are daily ones (bot.pipeline.delivery_hold);
- an answer (Paper.answer_to set, or kind "Antwort"): ("answer", answer id, "answer") for each
  chat that got the inquiry (a queued or sent notification), follows it (AnswerFollow), or has a
  subscription the answer matches (it inherits the inquiry's factions and words); held until
  7:00 like a paper when the chat's matching subscriptions are all daily ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.messages.views import fk_id
from bot.pipeline.delivery_hold import daily_holds
from bot.pipeline.matching import (
    PaperFacts,
    SubscriptionIndex,
    matching_chats,
    merge_facts,
    paper_facts,
)
from fetcher.clock import utc_now
from storage import outbox
from storage.audience import inquiry_audience
from storage.outbox import OutboxItem
from storage.paper_reads import paper_by_id
from storage.subscriptions import load_subscription_rows, subscriptions_fingerprint

if TYPE_CHECKING:
    from storage.models import Paper

log = logging.getLogger(__name__)

# A paper changed after this long in the database is old news: its changes notify nobody.
CHANGED_WINDOW = timedelta(days=14)


def facts_of(paper: Paper) -> PaperFacts:
    """Return the matching facts of a paper row: title, questions, summary and full text."""
    questions = paper.questions if isinstance(paper.questions, list) else []
    factions = paper.factions if isinstance(paper.factions, list) else []
    texts = [
        paper.title,
        "\n".join(q for q in questions if isinstance(q, str)),
        paper.summary,
        paper.full_text,
    ]
    return paper_facts(fk_id(paper, "kommune") or 0, paper.kind, [str(f) for f in factions], texts)


def is_answer(paper: Paper) -> bool:
    """Return whether the paper is the answer to an inquiry."""
    return fk_id(paper, "answer_to") is not None or paper.kind == "Antwort"


class Notifier:
    """Matches stored papers and fills the outbox; keeps the subscription index between calls."""

    def __init__(
        self,
        *,
        changed_window: timedelta = CHANGED_WINDOW,
        clock: Callable[[], datetime] = utc_now,
        on_enqueued: Callable[[], None] | None = None,
    ) -> None:
        """Configure; `on_enqueued` is called after rows were queued (e.g. wake the worker)."""
        self._changed_window = changed_window
        self._clock = clock
        self._on_enqueued = on_enqueued
        self._index: SubscriptionIndex | None = None
        self._fingerprint: tuple[int, int, int] | None = None

    async def index(self) -> SubscriptionIndex:
        """Return the subscription index, rebuilt if subscriptions changed since the last call."""
        now = self._clock()  # muted subscriptions (storage.models.Subscription.muted_until)
        fingerprint = await subscriptions_fingerprint(now)
        if self._index is None or fingerprint != self._fingerprint:
            self._index = SubscriptionIndex(await load_subscription_rows(now=now))
            self._fingerprint = fingerprint
        return self._index

    async def on_paper_stored(self, paper_id: int, *, created: bool, backfill: bool) -> int:
        """Queue the messages a stored paper causes; return how many rows were queued.

        `backfill`: the first sync of a new Kommune stores its history and notifies nobody.
        A changed (not created) paper notifies only chats that have not heard of it yet, and only
        while the paper is recent (its text arriving after the PDF was parsed, a late answer link).
        """
        if backfill:
            return 0
        paper = await paper_by_id(paper_id)
        if paper is None or paper.hidden or paper.deleted:
            return 0
        if not created and paper.created_at < self._clock() - self._changed_window:
            return 0
        if is_answer(paper):
            count = await self._answer(paper)
        else:
            matches = matching_chats(await self.index(), facts_of(paper))
            daily = await daily_holds(matches, self._clock())  # volume control: wait for 7:00
            count = await outbox.enqueue(
                OutboxItem(chat, "paper", paper.id, "new", daily.get(chat)) for chat in matches
            )
        log.info("notify paper=%s created=%s queued=%d", paper.id, created, count)
        if count and self._on_enqueued is not None:
            self._on_enqueued()
        return count

    async def _answer(self, answer: Paper) -> int:
        inquiry = None
        inquiry_id = fk_id(answer, "answer_to")
        if inquiry_id is not None:
            inquiry = await paper_by_id(inquiry_id)
        facts = facts_of(answer)
        facts = PaperFacts(
            facts.kommune_id, "Antwort", facts.factions, facts.stems, facts.phrase_text
        )
        if inquiry is not None:
            facts = merge_facts(facts, facts_of(inquiry))
        matches = matching_chats(await self.index(), facts)
        daily = await daily_holds(matches, self._clock())
        chats = set(matches)
        if inquiry is not None:
            chats |= await inquiry_audience(inquiry.id)
        return await outbox.enqueue(
            OutboxItem(chat, "answer", answer.id, "answer", daily.get(chat)) for chat in chats
        )


_default = Notifier()


async def on_paper_stored(paper_id: int, *, created: bool, backfill: bool) -> int:
    """Queue the messages a stored paper causes (module-level `Notifier`); return how many."""
    return await _default.on_paper_stored(paper_id, created=created, backfill=backfill)
