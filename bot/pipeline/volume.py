"""Volume preview before subscribing: "hätte in den letzten 30 Tagen 14 Papiere geliefert".

`delivered_count` / `preview_count` (I/O: database reads) run the stored papers of the last days
through the same matching code as live delivery (bot/pipeline/matching.py, facts from
bot/pipeline/notify.py); `volume_text` (pure) words the result. The /abo confirmation shows it
(bot/chat/volume_prompt.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from bot.messages.views import fk_id
from bot.pipeline.matching import (
    PaperFacts,
    SubscriptionIndex,
    accepting_kinds,
    matching_chats,
    merge_facts,
)
from bot.pipeline.notify import facts_of, is_answer
from bot.pipeline.volume_clock import DIGEST_HOUR as DIGEST_HOUR
from bot.pipeline.volume_clock import next_digest_at as next_digest_at
from bot.pipeline.volume_clock import quiet_until as quiet_until
from fetcher.clock import BERLIN
from fetcher.model import KINDS
from storage.subscriptions import SubscriptionRow
from storage.volume import papers_between, papers_by_id

if TYPE_CHECKING:
    from storage.models import Paper

PREVIEW_DAYS = 30
# Above this many papers in PREVIEW_DAYS (more than two a week) a daily digest is worth offering.
DIGEST_THRESHOLD = 10

# --- German texts (kept together for proofreading)
VOLUME = "Dieses Abo hätte in den letzten {days} Tagen {count} Papiere geliefert."
VOLUME_ONE = "Dieses Abo hätte in den letzten {days} Tagen 1 Papier geliefert."
VOLUME_NONE = "Dieses Abo hätte in den letzten {days} Tagen nichts geliefert."
VOLUME_SEVERAL = "Diese Abos hätten in den letzten {days} Tagen zusammen {count} Papiere geliefert."
VOLUME_SEVERAL_ONE = "Diese Abos hätten in den letzten {days} Tagen zusammen 1 Papier geliefert."
VOLUME_SEVERAL_NONE = "Diese Abos hätten in den letzten {days} Tagen nichts geliefert."


def kinds_for(subscription_kind: str) -> tuple[str, ...]:
    """Return the paper kinds a subscription kind covers (as live matching decides)."""
    return tuple(k for k in KINDS if subscription_kind in accepting_kinds(k))


def volume_text(count: int, days: int = PREVIEW_DAYS, *, several: bool = False) -> str:
    """Return the German sentence for the preview (of one or `several` new subscriptions)."""
    none, one, many = (
        (VOLUME_SEVERAL_NONE, VOLUME_SEVERAL_ONE, VOLUME_SEVERAL)
        if several
        else (VOLUME_NONE, VOLUME_ONE, VOLUME)
    )
    if count == 0:
        return none.format(days=days)
    if count == 1:
        return one.format(days=days)
    return many.format(days=days, count=count)


def offers_digest(count: int) -> bool:
    """Return whether the confirmation should offer "sofort" / "täglich um 7 Uhr"."""
    return count > DIGEST_THRESHOLD


def live_facts(paper: Paper, inquiry: Paper | None) -> PaperFacts:
    """Return the facts live delivery matches a paper by (bot/pipeline/notify.py).

    An answer is matched as kind "Antwort" with its inquiry's factions and words added, as
    `Notifier._answer` does.
    """
    facts = facts_of(paper)
    if not is_answer(paper):
        return facts
    facts = PaperFacts(facts.kommune_id, "Antwort", facts.factions, facts.stems, facts.phrase_text)
    return merge_facts(facts, facts_of(inquiry)) if inquiry is not None else facts


async def matching_papers(row: SubscriptionRow, papers: Sequence[Paper]) -> list[Paper]:
    """Return the papers (in the given order) the subscription would have been sent."""
    inquiry_ids = [i for p in papers if (i := fk_id(p, "answer_to")) is not None]
    inquiries = await papers_by_id(inquiry_ids)
    index = SubscriptionIndex([replace(row, paused=False, chat_active=True)])
    found = []
    for paper in papers:
        inquiry_id = fk_id(paper, "answer_to")
        inquiry = inquiries.get(inquiry_id) if inquiry_id is not None else None
        if matching_chats(index, live_facts(paper, inquiry)):
            found.append(paper)
    return found


def council_days(now: datetime, days: int) -> tuple[date, date]:
    """Return the first and last day of the last `days` days as a council dates its papers.

    Papers carry the council's local date: from midnight in Berlin (22:00 or 23:00 UTC) a paper
    of the new day is today's, though the UTC date is still yesterday's.
    """
    today = now.astimezone(BERLIN).date()
    return today - timedelta(days=days), today


async def delivered_count(row: SubscriptionRow, now: datetime, days: int = PREVIEW_DAYS) -> int:
    """Return how many stored papers of the last `days` the subscription would have delivered."""
    papers = await papers_between(row.kommune_id, kinds_for(row.kind), *council_days(now, days))
    return len(await matching_papers(row, papers))


async def preview_count(
    rows: Sequence[SubscriptionRow], now: datetime, days: int = PREVIEW_DAYS
) -> int:
    """Return how many distinct stored papers of the last `days` the rows would have delivered.

    Live delivery sends a chat one message per paper however many of its subscriptions match.
    """
    since, today = council_days(now, days)
    found: set[int] = set()
    for row in rows:
        papers = await papers_between(row.kommune_id, kinds_for(row.kind), since, today)
        found.update(int(p.id) for p in await matching_papers(row, papers))
    return len(found)
