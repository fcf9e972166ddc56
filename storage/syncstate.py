"""SyncState bookkeeping (I/O): watermarks, health per source and list, and worker leases."""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from storage.models import SyncState

# Re-read this much before the watermark: servers' clocks and `modified` stamps are not exact.
WATERMARK_OVERLAP = timedelta(hours=1)


async def get_state(source: str, list_name: str) -> SyncState:
    """Return the SyncState row for (source, list), creating it when missing."""
    row, _ = await SyncState.get_or_create(source=source, list_name=list_name)
    return row


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


async def acquire_lease(
    source: str, list_name: str, owner: str, now: datetime, *, ttl: timedelta
) -> bool:
    """Take the lease on (source, list) for `owner` unless another live worker holds it.

    On PostgreSQL the row is locked with `FOR UPDATE SKIP LOCKED`, so two workers racing for the
    same Kommune never both win; on SQLite (one process) a conditional UPDATE does the same.
    """
    await get_state(source, list_name)
    conn = get_connection("default")
    expires = now + ttl
    if conn.capabilities.dialect == "postgres":
        async with in_transaction() as tx:
            rows = await tx.execute_query_dict(
                "SELECT id, lease_owner, lease_expires_at FROM sync_state "
                "WHERE source = $1 AND list_name = $2 FOR UPDATE SKIP LOCKED",
                [source, list_name],
            )
            if not rows:
                return False
            row = rows[0]
            held = row["lease_owner"] not in (None, owner) and row["lease_expires_at"] is not None
            if held and row["lease_expires_at"] > now:
                return False
            await tx.execute_query(
                "UPDATE sync_state SET lease_owner = $1, lease_expires_at = $2 WHERE id = $3",
                [owner, expires, row["id"]],
            )
            return True
    updated = (
        await SyncState.filter(source=source, list_name=list_name)
        .filter(lease_owner=None)
        .update(lease_owner=owner, lease_expires_at=expires)
    )
    if updated:
        return True
    updated = await SyncState.filter(source=source, list_name=list_name, lease_owner=owner).update(
        lease_expires_at=expires
    )
    if updated:
        return True
    updated = await SyncState.filter(
        source=source, list_name=list_name, lease_expires_at__lt=now
    ).update(lease_owner=owner, lease_expires_at=expires)
    return bool(updated)


async def release_lease(source: str, list_name: str, owner: str) -> None:
    """Give the lease back so another worker may take the source at once."""
    await SyncState.filter(source=source, list_name=list_name, lease_owner=owner).update(
        lease_owner=None, lease_expires_at=None
    )
