"""ParserPool runs parses in worker processes, enforces the time limit and survives bad files."""

from __future__ import annotations

import asyncio
import struct
import zlib
from pathlib import Path

from fetcher.parse.hints import PaperHints
from fetcher.parsepool import DEFAULT_MEMORY_LIMIT_BYTES, ParserPool, tree_rss_bytes
from tests.fixtures_path import PDF_FIXTURES
from tests.pdf_bytes import one_page_pdf


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


def _zeros_zlib(inflated_mb: int) -> bytes:
    """Return a zlib stream of `inflated_mb` MB of "0" bytes, built in about a second.

    Full flushes make each 1 MB block byte-identical, so the block is compressed once and
    repeated instead of deflating a gigabyte.
    """
    chunk = b"0" * (1024 * 1024)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.flush()
    adler = 1
    for _ in range(inflated_mb):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + block * inflated_mb + tail + struct.pack(">I", adler)


def _nested_flate_bomb(path: Path, inflated_mb: int) -> Path:
    """Write a one-page PDF whose content stream is Flate inside Flate (about 5 KB on disk).

    The outer layer inflates to about 1 MB (below the parser's single-stream bomb guard);
    the inner one to `inflated_mb` MB, which only pdfium unpacks.
    """
    stream = zlib.compress(_zeros_zlib(inflated_mb), 9)
    return one_page_pdf(path, stream, b"[/FlateDecode /FlateDecode]")


async def test_nested_flate_bomb_stays_within_memory_budget(tmp_path: Path) -> None:
    """A 2 GB Flate-in-Flate bomb ends as 'broken' (memory limit) under the default 512 MB."""
    bomb = _nested_flate_bomb(tmp_path / "bomb.pdf", inflated_mb=2048)
    assert bomb.stat().st_size < 64 * 1024
    assert DEFAULT_MEMORY_LIMIT_BYTES == 512 * 1024 * 1024
    async with ParserPool(size=1) as pool:
        task = asyncio.ensure_future(pool.parse(bomb))
        peak = 0
        pids: set[int] = set()
        while not task.done():
            for worker in list(pool._all):
                if worker.process.pid is not None:
                    pids.add(worker.process.pid)
                    peak = max(peak, tree_rss_bytes(worker.process.pid))
            await asyncio.sleep(0.02)
        doc = task.result()
        assert doc.parse_status == "broken"
        assert (
            doc.parse_error == "Speicherlimit von 512 MB beim Lesen überschritten – nicht gelesen."
        )
        assert peak <= DEFAULT_MEMORY_LIMIT_BYTES
        # The failed worker was recycled: the next file gets a fresh process and parses.
        stuttgart = await pool.parse(PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf")
        assert stuttgart.parse_status == "ok"
        assert stuttgart.reference == "23/2018"
        assert {w.process.pid for w in pool._all}.isdisjoint(pids)


async def test_rss_watch_stops_a_worker_past_the_budget() -> None:
    """The RSS watch alone (no RLIMIT_AS) stops a parse whose process tree outgrows the budget."""
    path = PDF_FIXTURES / "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf"
    # 20 MB: less than the interpreter itself (about 50 MB resident), so the watch must fire.
    async with ParserPool(
        size=1, memory_limit_bytes=20 * 1024 * 1024, address_space_limit=False
    ) as pool:
        doc = await pool.parse(path)
        assert doc.parse_status == "broken"
        assert (
            doc.parse_error == "Speicherlimit von 20 MB beim Lesen überschritten – nicht gelesen."
        )
        assert not pool._all  # the worker was killed, not kept


async def test_metadata_hints_cross_into_the_worker() -> None:
    """The paper's OParl metadata reaches the worker and wins: the reference OParl gives the
    Stuttgart answer (the sync passes paperType, reference and name) replaces the printed one."""
    stuttgart = PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf"
    hints = PaperHints(paper_type="Stellungnahme", reference="GRDrs 23/2018", name="Antwort")
    async with ParserPool(size=1) as pool:
        plain = await pool.parse(stuttgart)
        hinted = await pool.parse(stuttgart, hints=hints)
    assert plain.parse_status == hinted.parse_status == "ok"
    assert hinted.reference == "GRDrs 23/2018"
    assert hinted.title == "Antwort"
    assert hinted.kind == "Antwort"  # paperType "Stellungnahme" names an answer
