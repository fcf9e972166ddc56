"""The real parser pool, remembering each PDF's reading for the rest of the test process.

The sync tests sync the same rendered Karlsruhe PDFs in every test (and the fault matrix once per
fault); parsing them is most of those tests' CPU time. Parsing is a pure function of the file's
bytes and the paper's hints, so the first reading of a file is the reading: every later test
gets it without a worker process. Readings that depend on the machine (a timeout, a crashed or
killed worker) are not kept. The pool itself is tested in tests/test_parsepool.py.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import ClassVar

from fetcher.model import ParsedDocument
from fetcher.parse.hints import PaperHints
from fetcher.parsepool import ParserPool

NOT_KEPT = frozenset({"timeout", "broken"})


class RememberingParserPool(ParserPool):
    """A ParserPool whose readings are kept per (file bytes, hints) for the test process."""

    readings: ClassVar[dict[tuple[str, PaperHints | None], ParsedDocument]] = {}

    async def parse(
        self, path: Path, *, timeout_s: float | None = None, hints: PaperHints | None = None
    ) -> ParsedDocument:
        """Return the kept reading of these bytes and hints, or parse them in a worker."""
        data = await asyncio.to_thread(path.read_bytes)
        key = (hashlib.sha256(data).hexdigest(), hints)
        kept = self.readings.get(key)
        if kept is not None:
            return kept
        doc = await super().parse(path, timeout_s=timeout_s, hints=hints)
        if doc.parse_status not in NOT_KEPT:
            self.readings[key] = doc
        return doc
