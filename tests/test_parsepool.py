"""ParserPool runs parses in worker processes, enforces the time limit and survives bad files."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fetcher.parsepool import ParserPool
from tests.fixtures_path import PDF_FIXTURES


async def test_pool_parses_in_parallel_workers() -> None:
    """Several PDFs parsed concurrently in two workers give the same result as one by one."""
    paths = sorted(PDF_FIXTURES.glob("*.pdf"))[:6]
    async with ParserPool(size=2) as pool:
        docs = await asyncio.gather(*(pool.parse(p) for p in paths))
    assert [d.parse_status for d in docs] == ["ok"] * len(paths)
    assert all(d.pages > 0 for d in docs)
    stuttgart = PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf"
    async with ParserPool(size=1) as pool:
        doc = await pool.parse(stuttgart)
    assert doc.reference == "23/2018"


async def test_timeout_kills_worker_and_pool_recovers(tmp_path: Path) -> None:
    """A parse over the time limit returns 'timeout'; the next parse gets a fresh worker."""
    path = PDF_FIXTURES / "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf"
    async with ParserPool(size=1) as pool:
        doc = await pool.parse(path, timeout_s=0.001)
        assert doc.parse_status == "timeout"
        assert doc.parse_error
        assert "Zeitlimit" in doc.parse_error
        again = await pool.parse(path)
    assert again.parse_status == "ok"
    assert again.reference == "17/273"


async def test_broken_file_in_worker(tmp_path: Path) -> None:
    """A broken file comes back as a status from the worker, not as an exception."""
    path = tmp_path / "x.pdf"
    path.write_bytes(b"<html>nope</html>")
    async with ParserPool(size=1) as pool:
        doc = await pool.parse(path)
    assert doc.parse_status == "not_pdf"
