"""SyncState bookkeeping (I/O): watermarks and health per source and list (leases: leases.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError

from storage.models import SyncState

# Re-read this much before the watermark: servers' clocks and `modified` stamps are not exact.
WATERMARK_OVERLAP = timedelta(hours=1)


async def get_state(source: str, list_name: str) -> SyncState:
    """Return the SyncState row for (source, list), creating it when missing.

    Two workers may create it at the same moment; the loser reads the winner's row. (Tortoise's
    get_or_create retries inside its transaction, which PostgreSQL has already aborted: the
    IntegrityError of issue #13.)
    """
    row = await SyncState.get_or_none(source=source, list_name=list_name)
    if row is not None:
        return row
    try:
        return await SyncState.create(source=source, list_name=list_name)
    except IntegrityError:
        return await SyncState.get(source=source, list_name=list_name)


def since_for(state: SyncState) -> datetime | None:
    """Return the `modified_since` to ask for: the watermark minus the overlap window."""
    if state.watermark is None:
        return None
    return state.watermark - WATERMARK_OVERLAP


async def advance_watermark(state: SyncState, seen_until: datetime | None) -> None:
    """Move the watermark forward (never back) after a page's objects are committed."""
    if seen_until is None:
        return
    if state.watermark is None or seen_until > state.watermark:
        state.watermark = seen_until
        await state.save(update_fields=["watermark"])


async def record_success(state: SyncState, now: datetime, *, new_papers: int = 0) -> None:
    """Mark a successful sync: clears the error streak and the failure alert."""
    state.last_attempt_at = now
    state.last_success_at = now
    state.first_sync_done = True
    state.consecutive_failures = 0
    state.failing_since = None
    state.next_attempt_at = None
    state.alert_sent_at = None
    state.papers_new_total += new_papers
    # Only these fields: another holder of this row may have advanced the watermark meanwhile.
    await state.save(
        update_fields=[
            "last_attempt_at",
            "last_success_at",
            "first_sync_done",
            "consecutive_failures",
            "failing_since",
            "next_attempt_at",
            "alert_sent_at",
            "papers_new_total",
        ]
    )


async def record_failure(
    state: SyncState, now: datetime, error: str, *, retry_after: timedelta
) -> None:
    """Mark a failed sync: keep the error visible and schedule the next try (circuit breaker)."""
    state.last_attempt_at = now
    state.last_error = error[:2000]
    state.last_error_at = now
    state.consecutive_failures += 1
    if state.failing_since is None:
        state.failing_since = now
    state.next_attempt_at = now + retry_after
    await state.save(
        update_fields=[
            "last_attempt_at",
            "last_error",
            "last_error_at",
            "consecutive_failures",
            "failing_since",
            "next_attempt_at",
        ]
    )


async def record_parse_failure(state: SyncState) -> None:
    """Count one document that could not be parsed."""
    state.parse_failures_total += 1
    await state.save(update_fields=["parse_failures_total"])


async def record_skipped(source: str, list_name: str, count: int = 1) -> None:
    """Count records of a list that could not be stored (poison records, skipped)."""
    state = await get_state(source, list_name)
    state.records_skipped_total += count
    await state.save(update_fields=["records_skipped_total"])


async def set_active_url(state: SyncState, url: str) -> None:
    """Remember the System URL that answered (the first of a Kommune's URLs that works)."""
    if state.active_url != url:
        state.active_url = url
        await state.save(update_fields=["active_url"])


async def mark_first_sync_done(state: SyncState) -> None:
    """Record that the list's history has been read once (later walks notify)."""
    state.first_sync_done = True
    await state.save(update_fields=["first_sync_done"])
