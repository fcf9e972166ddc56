"""Per-record and per-poll guards of the sync (I/O: log, SyncState): poison records, the cap.

A record that cannot be stored (storage.poison) is skipped: logged once with its id, counted in
its list's SyncState, never stopping its Kommune. A poll that reaches the cap of new papers is
logged once, and after CAP_ALERT_POLLS in a row (outside a first sync) reported as an ERROR.
The run of capped polls and the operator messages about it are kept in the database
(storage.sync_memory): the process that tells operators may not be the one that syncs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from bot.pipeline.documents import describe
from bot.pipeline.sync_report import KommuneReport
from fetcher.clock import utc_now
from storage import sync_memory, syncstate
from storage.poison import RECORD_ERRORS

if TYPE_CHECKING:
    from storage.models import Kommune

log = logging.getLogger("bot.pipeline.sync")

T = TypeVar("T")
CAP_ALERT_POLLS = 3  # polls in a row at the cap of new papers before the operators hear of it


# German operator messages (ADMIN_CHAT_IDS) about a list that keeps producing new papers.
CAP_ALERT = (
    "⚠️ Ratsinfo {kommune}: {polls} Abrufe in Folge mit mehr als {cap} neuen Papieren – "
    "eine Liste, die nie endet? Quelle prüfen."
)
CAP_RECOVERED = "✅ Ratsinfo {kommune}: wieder unter der Obergrenze neuer Papiere."


class SyncGuard:
    """Remembers which poison records were reported; counts capped polls in the database."""

    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        """Start with nothing seen."""
        # (source, list, oparl id) of poison records already logged and counted.
        self._poison: set[tuple[str, str, str]] = set()
        self._clock = clock

    async def isolated(
        self,
        kommune: Kommune,
        list_name: str,
        oparl_id: str,
        work: Awaitable[T],
        report: KommuneReport | None,
    ) -> T | None:
        """Await one record's storage; a poison record is skipped (logged and counted once)."""
        try:
            return await work
        except RECORD_ERRORS as exc:
            key = (kommune.slug, list_name, oparl_id)
            if key in self._poison:
                log.debug("kommune=%s %s=%s skipped again", kommune.slug, list_name, oparl_id)
                return None
            self._poison.add(key)
            if report is not None:
                report.skipped_records += 1
            log.warning(
                "kommune=%s %s=%s skipped, cannot be stored: %s",
                kommune.slug,
                list_name,
                oparl_id,
                describe(exc)[:300],
            )
            await syncstate.record_skipped(kommune.slug, list_name)
            return None

    async def note_cap(self, slug: str, capped: bool, backfill: bool, cap: int) -> None:
        """Log the first capped poll and, if it persists outside a first sync, alert once."""
        before, polls = await sync_memory.count_cap_streak(slug, capped, self._clock())
        if not capped:
            if before:
                log.info("kommune=%s below the cap of new papers again", slug)
            await sync_memory.end_cap_alert(slug, CAP_RECOVERED.format(kommune=slug))
            return
        if polls == 1:
            log.warning(
                "kommune=%s %d new papers in one poll: stopped there (%s)",
                slug,
                cap,
                "first sync goes on next poll" if backfill else "the rest comes next poll",
            )
        elif polls == CAP_ALERT_POLLS and not backfill:
            text = CAP_ALERT.format(kommune=slug, cap=cap, polls=polls)
            await sync_memory.raise_cap_alert(slug, text, self._clock())
            log.error(
                "kommune=%s cap of %d new papers reached %d polls in a row: a list that never "
                "ends? Check the source.",
                slug,
                cap,
                polls,
            )

    async def take_warnings(self) -> list[str]:
        """Return the operator messages queued by any process since the last call, once."""
        return await sync_memory.take_cap_messages(self._clock())
