"""Papers as the chat handlers look them up (I/O): by id, by Aktenzeichen, an answer's inquiry.

Only visible papers (not hidden, not deleted) are returned, each with its Kommune loaded.
"""

from __future__ import annotations

from collections.abc import Collection

from storage.models import Paper


async def visible_paper(paper_id: int) -> Paper | None:
    """Return a paper that may be shown (not hidden or deleted), its Kommune loaded."""
    return (
        await Paper.filter(id=paper_id, hidden=False, deleted=False)
        .select_related("kommune")
        .first()
    )


async def paper_with_kommune(paper_id: int) -> Paper | None:
    """Return a paper by row id, its Kommune loaded (hidden or deleted ones too)."""
    return await Paper.filter(id=paper_id).select_related("kommune").first()


async def papers_by_reference_keys(keys: Collection[str], limit: int = 10) -> list[Paper]:
    """Return the visible papers whose normalised Aktenzeichen is one of `keys`, newest first."""
    if not keys:
        return []
    return (
        await Paper.filter(reference_key__in=list(keys), hidden=False, deleted=False)
        .select_related("kommune")
        .order_by("-date", "-id")
        .limit(limit)
    )
