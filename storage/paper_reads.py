"""Single-paper reads (I/O) for the push pipeline and the demo: by row id, by OParl id."""

from __future__ import annotations

from collections.abc import Iterable

from storage.models import Paper


async def paper_by_id(paper_id: int) -> Paper | None:
    """Return the paper with this row id, or None."""
    return await Paper.get_or_none(id=paper_id)


async def paper_id_by_oparl_id(oparl_id: str) -> int | None:
    """Return the row id of the paper with this OParl id, or None."""
    paper = await Paper.get_or_none(oparl_id=oparl_id).only("id")
    return paper.id if paper is not None else None


async def papers_with_kommune(paper_ids: Iterable[int]) -> dict[int, Paper]:
    """Return the papers with these row ids, their Kommune loaded, by id (missing ids left out)."""
    ids = sorted(set(paper_ids))
    if not ids:
        return {}
    return {int(p.id): p for p in await Paper.filter(id__in=ids).select_related("kommune")}
