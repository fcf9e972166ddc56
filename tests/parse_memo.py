"""The real parser pool, remembering each PDF's reading for the rest of the test run.

The sync tests sync the same rendered Karlsruhe PDFs in every test (and the fault matrix once per
fault); parsing them is most of those tests' CPU time. Parsing is a pure function of the file's
bytes and the paper's hints, so the first reading of a file is the reading: every later test
gets it without a worker process. Readings are kept in the process and, once `directory` is set
(tests/conftest.py sets the run's shared directory), as files there, so the other pytest-xdist
workers of the run reuse them too. Readings that depend on the machine (a timeout, a crashed or
killed worker) are not kept. The pool itself is tested in tests/test_parsepool.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import pickle
from pathlib import Path
from typing import ClassVar

from fetcher.model import ParsedDocument
from fetcher.parse.hints import PaperHints
from fetcher.parsepool import ParserPool
from standins.pdf_cache import write_whole

NOT_KEPT = frozenset({"timeout", "broken"})


def _load(path: Path) -> ParsedDocument | None:
    try:
        doc = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    assert isinstance(doc, ParsedDocument)
    return doc


def _store(path: Path, doc: ParsedDocument) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, pickle.dumps(doc))  # atomic: another worker reads the whole reading or none


class RememberingParserPool(ParserPool):
    """A ParserPool whose readings are kept per (file bytes, hints) for the test run."""

    readings: ClassVar[dict[tuple[str, PaperHints | None], ParsedDocument]] = {}
    directory: ClassVar[Path | None] = None

    async def parse(
        self, path: Path, *, timeout_s: float | None = None, hints: PaperHints | None = None
    ) -> ParsedDocument:
        """Return the kept reading of these bytes and hints, or parse them in a worker."""
        data = await asyncio.to_thread(path.read_bytes)
        key = (hashlib.sha256(data).hexdigest(), hints)
        kept = self.readings.get(key)
        file = None
        if self.directory is not None:
            name = hashlib.sha256(repr(key).encode()).hexdigest()
            file = self.directory / f"{name}.pickle"
            kept = kept or await asyncio.to_thread(_load, file)
        if kept is not None:
            self.readings[key] = kept
            return kept
        doc = await super().parse(path, timeout_s=timeout_s, hints=hints)
        if doc.parse_status not in NOT_KEPT:
            self.readings[key] = doc
            if file is not None:
                await asyncio.to_thread(_store, file, doc)
        return doc
