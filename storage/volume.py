"""Stored papers of a time window, for "how many papers would this subscription have delivered?".

I/O: database reads only. Papers come with their Kommune and full text: bot/pipeline/volume.py runs
them through the live matching code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storage.models import Paper


async def papers_between(
    kommune_id: int | None, kinds: Sequence[str], since: date, until: date
) -> list[Paper]:
    """Return the visible papers dated from `since` to `until` (of the Kommune; all when None)."""
    query = Paper.filter(
        deleted=False, hidden=False, kind__in=list(kinds), date__gte=since, date__lte=until
    )
    if kommune_id is not None:
        query = query.filter(kommune_id=kommune_id)
    return await query.order_by("date", "id").select_related("kommune").all()


async def papers_by_id(paper_ids: Sequence[int]) -> dict[int, Paper]:
    """Return the papers with these ids (the inquiries of answers), by id."""
    if not paper_ids:
        return {}
    return {int(p.id): p for p in await Paper.filter(id__in=list(paper_ids)).all()}
