"""bench.parse_accuracy's PDF reader leaves no folder behind in the temp dir."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

from bench.parse_accuracy import via_pdf
from tests.fixtures_path import TEXT_FIXTURES


def _bench_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("ratsbot-bench-pdf-*"))


def test_pdf_reader_removes_its_render_folder_when_dropped() -> None:
    """A reader renders a real diverse text to a PDF and parses it; once the reader is gone, the
    folder it rendered into is gone too (each bench run left one empty folder before)."""
    before = _bench_folders()
    parse = via_pdf("plain")
    text = sorted((TEXT_FIXTURES / "diverse").glob("*.txt"))[0].read_text("utf-8")
    assert parse(text).pages >= 1
    made = _bench_folders() - before
    assert len(made) == 1
    del parse
    gc.collect()
    assert not any(folder.exists() for folder in made)
