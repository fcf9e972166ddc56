"""What the sync must remember across processes and restarts (I/O): cap streaks, polling grace.

With RATSBOT_ROLE the fetch worker and the process that tells operators (role chat) are
different processes, and any of them may restart; so this lives in `sync_state`, in lists of
its own next to the leases (storage/leases.py):

- list "cap", per Kommune: polls in a row that reached the cap of new papers
  (`consecutive_failures`) and since when (`failing_since`); an operator message about it
  (`last_error`), `alert_sent_at` None while it waits to be sent; `last_error_at` set while the
  alert about the current run of capped polls stands (so its end is reported once).
- list "wanted", per Kommune polled on demand: until when it is polled although nobody is
  subscribed any more (`next_attempt_at`), the grace after the last subscription went away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import F

from storage.models import SyncState
from storage.syncstate import get_state

CAP, WANTED = "cap", "wanted"


@dataclass(frozen=True)
class CappedSource:
    """A Kommune whose polls keep reaching the cap of new papers, with an alert standing."""

    source: str
    polls: int
    since: datetime | None


async def count_cap_streak(source: str, capped: bool, now: datetime) -> tuple[int, int]:
    """Count one poll at the cap, or end the run; return the polls in a row before and after.

    One sync per Kommune runs at a time (leases), so read-then-write is safe here.
    """
    state = await get_state(source, CAP)
    before = state.consecutive_failures
    if capped:
        await SyncState.filter(id=state.id).update(
            consecutive_failures=F("consecutive_failures") + 1,
            failing_since=state.failing_since or now,
        )
        return before, before + 1
    if before:
        await SyncState.filter(id=state.id).update(consecutive_failures=0, failing_since=None)
    return before, 0


async def raise_cap_alert(source: str, text: str, now: datetime) -> None:
    """Queue `text` for the operators and remember that an alert about this run stands."""
    await get_state(source, CAP)
    await SyncState.filter(source=source, list_name=CAP).update(
        last_error=text, last_error_at=now, alert_sent_at=None
    )


async def end_cap_alert(source: str, text: str) -> bool:
    """Queue `text` (the all-clear) if an alert stands; return whether one did."""
    ended = await SyncState.filter(
        source=source, list_name=CAP, last_error_at__isnull=False
    ).update(last_error=text, last_error_at=None, alert_sent_at=None)
    return bool(ended)


async def take_cap_messages(now: datetime) -> list[str]:
    """Return the operator messages waiting to be sent and mark them sent; a message is taken
    by one process only (a conditional UPDATE), whichever process queued it."""
    waiting = await SyncState.filter(
        list_name=CAP, last_error__isnull=False, alert_sent_at__isnull=True
    ).order_by("source")
    taken = []
    for state in waiting:
        if await SyncState.filter(id=state.id, alert_sent_at__isnull=True).update(
            alert_sent_at=now
        ):
            taken.append(str(state.last_error))
    return taken


async def capped_sources() -> list[CappedSource]:
    """Return the Kommunen with a standing cap alert (for `/status`)."""
    rows = await SyncState.filter(list_name=CAP, last_error_at__isnull=False).order_by("source")
    return [CappedSource(r.source, r.consecutive_failures, r.failing_since) for r in rows]


async def keep_polling(slugs: Iterable[str], until: datetime) -> None:
    """Remember that these on-demand Kommunen are polled at least until `until`."""
    wanted = sorted(set(slugs))
    if not wanted:
        return
    rows = await SyncState.filter(list_name=WANTED, source__in=wanted).values_list(
        "source", flat=True
    )
    known = {str(source) for source in rows}
    for slug in wanted:
        if slug not in known:
            await get_state(slug, WANTED)
    await SyncState.filter(list_name=WANTED, source__in=wanted).update(next_attempt_at=until)


async def polled_until(now: datetime) -> dict[str, datetime]:
    """Return the on-demand Kommunen still within their grace at `now`, with its end."""
    rows = await SyncState.filter(list_name=WANTED, next_attempt_at__gt=now).values_list(
        "source", "next_attempt_at"
    )
    return {str(source): until for source, until in rows}
