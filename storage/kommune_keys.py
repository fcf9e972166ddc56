"""The Amtlicher Gemeindeschlüssel of the Kommunen whose Body gave one (I/O)."""

from __future__ import annotations

from storage.models import Kommune


async def ags_by_kommune() -> dict[int, str]:
    """Return Kommune row id → AGS (or RGS) for every Kommune that has one."""
    rows = await Kommune.filter(ags__isnull=False).values_list("id", "ags")
    return {int(kommune_id): str(ags) for kommune_id, ags in rows}
