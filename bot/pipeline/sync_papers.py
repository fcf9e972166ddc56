"""One poll's walk over a Kommune's paper list (I/O): new papers from the newest end, then the
papers changed since the watermark.

The walk from the newest end stops at a run of known papers (known by OParl id or Aktenzeichen,
or older than the history window). A first sync (backfill) stores history that notifies nobody;
capped by `max_new_papers`, it goes on in the next poll. Changed papers whose document must be
read again come back in `PaperWalk.changed`: their notifications say "changed", not "new".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from bot.pipeline.sync_guard import SyncGuard
from bot.pipeline.sync_report import KommuneReport, Progress
from fetcher import model
from fetcher.classify import normalise_reference
from fetcher.oparl import OParlClient
from storage import paper_sync, records, syncstate

if TYPE_CHECKING:
    from storage.models import Kommune

log = logging.getLogger("bot.pipeline.sync")


@dataclass
class PaperWalk:
    """What a walk left for the rest of the poll."""

    backfill: bool  # a first sync: stored as history, notified to nobody
    changed: set[int] = field(default_factory=set)  # paper ids to read again as "changed"


@dataclass(frozen=True)
class WalkLimits:
    """The bounds of one walk: the first sync's window and the cap of new papers per poll."""

    first_sync_cutoff: date
    max_new_papers: int


def modified_after(paper: model.Paper, since: datetime | None) -> bool:
    """Return whether the paper changed at or after `since` (unknown counts as changed)."""
    if since is None or paper.modified is None:
        return True
    return paper.modified >= since


async def walk_papers(
    client: OParlClient,
    kommune: Kommune,
    url: str,
    report: KommuneReport,
    *,
    limits: WalkLimits,
    guard: SyncGuard,
    progress: Progress,
    clock: Callable[[], datetime],
) -> PaperWalk:
    """Store the Kommune's new and changed papers; advance the list's watermark when complete."""
    state = await syncstate.get_state(kommune.slug, "paper")
    walk = PaperWalk(backfill=not state.first_sync_done)
    # A first sync capped by max_new_papers goes on in the next poll: the papers it stored
    # must not end the walk as "a run of known papers".
    resuming = walk.backfill and await paper_sync.has_papers(kommune.id)
    known_ids = await paper_sync.known_oparl_ids(kommune.id)
    known_refs = await paper_sync.known_reference_keys(kommune.id)
    # History before the first sync's window stays history: without this, a later walk
    # over a short list would reach those papers and announce them as new.
    # A first sync that found nothing leaves no history date: its window still bounds later
    # walks (else the next poll would announce every older paper of the server as new).
    cutoff = (
        limits.first_sync_cutoff
        if walk.backfill
        else await paper_sync.oldest_paper_date(kommune.id) or limits.first_sync_cutoff
    )

    def is_known(paper: model.Paper) -> bool:
        if resuming and paper.date is not None and cutoff is not None:
            return paper.date < cutoff
        if paper.oparl_id in known_ids:
            return True
        if paper.reference and normalise_reference(paper.reference) in known_refs:
            return True
        # First sync: papers older than the cutoff count as known, so the walk stops there.
        return cutoff is not None and paper.date is not None and paper.date < cutoff

    started = clock()
    # 1. New papers: the walk from the newest end.
    capped = False
    async for paper in client.walk_newest(url, is_known):
        change = await guard.isolated(
            kommune, "paper", paper.oparl_id, records.upsert_paper(kommune, paper), report
        )
        known_ids.add(paper.oparl_id)
        if change is not None and change.created:
            report.new += 1
        progress.update(kommune.slug, f"{report.new} neue Papiere")
        if report.new >= limits.max_new_papers:
            capped = True
            break
    # 2. Changed papers (new files, answers, deletions) since the watermark; after a capped
    # walk they wait for the next poll (the watermark stays, so nothing is skipped).
    if not walk.backfill and not capped:
        since = syncstate.since_for(state)
        capped = await _walk_changed(client, kommune, url, report, walk, guard, since, limits)
    await guard.note_cap(kommune.slug, capped, walk.backfill, limits.max_new_papers)
    if not capped:
        await syncstate.advance_watermark(state, started)
        if walk.backfill:
            await syncstate.mark_first_sync_done(state)
    return walk


async def _walk_changed(
    client: OParlClient,
    kommune: Kommune,
    url: str,
    report: KommuneReport,
    walk: PaperWalk,
    guard: SyncGuard,
    since: datetime | None,
    limits: WalkLimits,
) -> bool:
    """Store the papers changed since `since`; return True when stopped at the new-paper cap.

    Papers new to the store count against the same cap as the walk from the newest end: when
    that walk starts at the wrong end (a list whose order cannot be told, logged as "cannot
    tell the order"), every new paper arrives here. The watermark then stays, so the next poll
    reads the rest (the ones stored meanwhile are known by then).
    """
    async for page in client.iter_papers(url, modified_since=since):
        relevant = [p for p in page.items if modified_after(p, since)]
        for paper in relevant:
            if paper.deleted:
                report.deleted += int(await records.mark_paper_deleted(paper.oparl_id))
                continue
            change = await guard.isolated(
                kommune, "paper", paper.oparl_id, records.upsert_paper(kommune, paper), report
            )
            if change is None:
                continue
            if change.created:
                report.new += 1
                if report.new >= limits.max_new_papers:
                    return True
            elif change.changed:
                report.updated += 1
                if change.needs_parse:
                    walk.changed.add(change.paper_id)
                    await paper_sync.set_processed(change.paper_id, False)
        if since is not None and page.items and not relevant:
            # The server ignores modified_since (seen on several vendors): a page of
            # only old papers means the rest is old too; the walk above found new ones.
            log.warning(
                "kommune=%s server ignores modified_since on %s; stopped after one page",
                kommune.slug,
                url,
            )
            break
    return False
