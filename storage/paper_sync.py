"""A Kommune's papers as the sync walks them (I/O): what is known, what still waits for its PDF.

Named queries for bot/pipeline/sync.py and sync_papers.py; the rules (when a walk stops, who is
notified) stay there.
"""

from __future__ import annotations

from datetime import date

from storage.models import Paper


async def has_papers(kommune_id: int) -> bool:
    """Return whether any paper of the Kommune is stored."""
    return await Paper.filter(kommune_id=kommune_id).exists()


async def known_oparl_ids(kommune_id: int) -> set[str]:
    """Return the OParl ids of every stored paper of the Kommune."""
    rows = await Paper.filter(kommune_id=kommune_id).values_list("oparl_id", flat=True)
    return {str(v) for v in rows}


async def known_reference_keys(kommune_id: int) -> set[str]:
    """Return the normalised Aktenzeichen of every stored paper of the Kommune that has one."""
    rows = await Paper.filter(kommune_id=kommune_id, reference_key__isnull=False).values_list(
        "reference_key", flat=True
    )
    return {str(v) for v in rows}


async def oldest_paper_date(kommune_id: int) -> date | None:
    """Return the date of the oldest dated paper stored for the Kommune (None when it has none)."""
    oldest = await Paper.filter(kommune_id=kommune_id, date__isnull=False).order_by("date").first()
    return oldest.date if oldest is not None else None


async def unprocessed_paper_ids(kommune_id: int) -> list[int]:
    """Return the ids of the Kommune's papers not processed yet, oldest first."""
    rows = await (
        Paper.filter(kommune_id=kommune_id, processed=False)
        .order_by("date", "id")
        .values_list("id", flat=True)
    )
    return [int(v) for v in rows]  # type: ignore[call-overload]


async def set_processed(paper_id: int, processed: bool) -> None:
    """Mark a paper processed (read and notified) or, after a change, waiting to be read again."""
    await Paper.filter(id=paper_id).update(processed=processed)
