"""ParserPool: parse_pdf_file in worker processes with a time limit. Does I/O (processes).

The one place where CPU-bound work crosses into processes. Each worker is a long-lived spawned
process (pdfplumber/pypdfium2 imported once) that parses one file at a time; a parse that exceeds
the time limit gets its worker killed and replaced, and a worker that dies (pdfium crash, memory
limit hit by a decompression bomb) is replaced too. Either way the caller gets a ParsedDocument.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import resource
import signal
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from fetcher.model import ParsedDocument

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_PAGES = 300
DEFAULT_MEMORY_LIMIT_BYTES = 2 * 1024 * 1024 * 1024


def _worker_main(conn: Connection, max_pages: int, memory_limit_bytes: int | None) -> None:
    """Serve parse requests (a path string per message) until the pipe closes."""
    # Ctrl-C on a terminal reaches the whole process group: the parent shuts the pool down,
    # workers must not die mid-parse with a KeyboardInterrupt traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit_bytes, memory_limit_bytes))
    from fetcher.parse import parse_pdf_file

    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        try:
            doc = parse_pdf_file(Path(path), max_pages=max_pages)
        except MemoryError:
            doc = ParsedDocument(
                parse_status="broken", parse_error="Speicherlimit beim Lesen überschritten."
            )
        conn.send(doc)


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class ParserPool:
    """Parse PDFs in `size` worker processes, each parse limited to `timeout_s` and `max_pages`."""

    def __init__(
        self,
        size: int | None = None,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_pages: int = DEFAULT_MAX_PAGES,
        memory_limit_bytes: int | None = DEFAULT_MEMORY_LIMIT_BYTES,
    ) -> None:
        self.size = size or os.cpu_count() or 1
        self.timeout_s = timeout_s
        self.max_pages = max_pages
        self.memory_limit_bytes = memory_limit_bytes
        # spawn, not fork: the bot's event loop runs threads, and forking them is unsafe.
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._slots = asyncio.Semaphore(self.size)
        self._closed = False

    def _start_worker(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.max_pages, self.memory_limit_bytes),
            daemon=True,
            name="ratsbot-parser",
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.add(worker)
        return worker

    async def _ready(self, conn: Connection) -> None:
        loop = asyncio.get_running_loop()
        ready = loop.create_future()

        def on_readable() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(conn.fileno(), on_readable)
        try:
            await ready
        finally:
            loop.remove_reader(conn.fileno())

    async def parse(self, path: Path, *, timeout_s: float | None = None) -> ParsedDocument:
        """Parse one PDF in a worker; return parse_status "timeout" when the limit is exceeded."""
        if self._closed:
            raise RuntimeError("ParserPool is closed")
        limit = self.timeout_s if timeout_s is None else timeout_s
        async with self._slots:
            worker = self._idle.pop() if self._idle else self._start_worker()
            try:
                worker.conn.send(str(path))
                await asyncio.wait_for(self._ready(worker.conn), timeout=limit)
                doc: ParsedDocument = worker.conn.recv()
            except TimeoutError:
                self._discard(worker)
                return ParsedDocument(
                    parse_status="timeout",
                    parse_error=f"Zeitlimit von {limit:g} s beim Lesen überschritten.",
                )
            except (EOFError, OSError, BrokenPipeError):
                self._discard(worker)
                return ParsedDocument(
                    parse_status="broken",
                    parse_error="Leseprozess abgestürzt (beschädigtes PDF oder Speicherlimit).",
                )
            except BaseException:
                self._discard(worker)
                raise
            self._idle.append(worker)
            return doc

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        self._all.discard(worker)

    async def close(self) -> None:
        """Stop all worker processes."""
        self._closed = True
        for worker in list(self._all):
            self._discard(worker)
        self._idle.clear()

    async def __aenter__(self) -> ParserPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
