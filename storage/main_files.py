"""A paper's main document as the sync reads it (I/O): which file to fetch, no file at all."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import File, Paper


@dataclass(frozen=True)
class MainFile:
    """The stored main file of a paper: where to fetch it and what was read from it last."""

    oparl_id: str
    url: str
    sha256: str | None
    parse_status: str | None


async def main_file(paper_id: int) -> MainFile | None:
    """Return the paper's live main file with a URL (None when it has none)."""
    file = await File.filter(paper_id=paper_id, role="main", deleted=False).first()
    if file is None or not file.url:
        return None
    return MainFile(file.oparl_id, file.url, file.sha256, file.parse_status)


async def mark_no_file(paper_id: int) -> None:
    """Record that a paper still waiting for its document has none to read."""
    await Paper.filter(id=paper_id, parse_status="pending").update(parse_status="no_file")
