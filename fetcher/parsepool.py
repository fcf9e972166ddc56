"""ParserPool: parse_pdf_file in worker processes with a time limit. Does I/O (processes).

The one place where CPU-bound work crosses into processes. Each worker is a long-lived spawned
process (pdfplumber/pypdfium2 imported once) that parses one file at a time; a parse that exceeds
the time limit gets its worker killed and replaced, and a worker that dies (pdfium crash, memory
limit hit by a decompression bomb) is replaced too. Either way the caller gets a ParsedDocument.

Memory is bounded twice (issue #13: a doubly Flate-compressed bomb took the tree to 1.5 GB): a hard
RLIMIT_AS of the budget in each worker (inherited by its tesseract children), and a watch of the
resident memory of the worker's whole process tree, polled while it parses, that kills the tree
past the budget. A worker that failed is never reused.
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
from typing import TYPE_CHECKING

from fetcher.model import ParsedDocument

if TYPE_CHECKING:
    from fetcher.parse.hints import PaperHints

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_PAGES = 300
# A real council PDF peaks below 70 MB in a worker (measured on ../shared/fixtures/pdfs).
DEFAULT_MEMORY_MB = 512
DEFAULT_MEMORY_LIMIT_BYTES = DEFAULT_MEMORY_MB * 1024 * 1024
WATCH_INTERVAL_S = 0.1
MEMORY_ERROR = "Speicherlimit von {mb} MB beim Lesen überschritten – nicht gelesen."


def _worker_main(conn: Connection, max_pages: int, memory_limit_bytes: int | None) -> None:
    """Serve parse requests (a path string per message) until the pipe closes."""
    # Ctrl-C on a terminal reaches the whole process group: the parent shuts the pool down,
    # workers must not die mid-parse with a KeyboardInterrupt traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit_bytes:
        # Not every platform enforces RLIMIT_AS (macOS); the parent's RSS watch still applies.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit_bytes, memory_limit_bytes))
    from fetcher.parse import parse_pdf_file

    while True:
        try:
            path, hints = conn.recv()
        except (EOFError, OSError):
            return
        try:
            doc = parse_pdf_file(Path(path), max_pages=max_pages, hints=hints)
        except MemoryError:
            mb = (memory_limit_bytes or 0) // (1024 * 1024)
            doc = ParsedDocument(parse_status="broken", parse_error=MEMORY_ERROR.format(mb=mb))
            conn.send(doc)
            return  # a heap that hit the limit is not trusted with the next file
        conn.send(doc)


def tree_rss_bytes(pid: int) -> int:
    """Return the resident memory of a process and all its descendants (0 where /proc lacks)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.peak_rss_bytes = 0

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
        address_space_limit: bool = True,
    ) -> None:
        self.size = size or os.cpu_count() or 1
        self.timeout_s = timeout_s
        self.max_pages = max_pages
        self.memory_limit_bytes = memory_limit_bytes
        # False: the RSS watch alone (no RLIMIT_AS in the workers).
        self.address_space_limit = address_space_limit
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
            args=(
                child,
                self.max_pages,
                self.memory_limit_bytes if self.address_space_limit else None,
            ),
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

    async def parse(
        self, path: Path, *, timeout_s: float | None = None, hints: PaperHints | None = None
    ) -> ParsedDocument:
        """Parse one PDF in a worker; a limit exceeded or a crash comes back as a status.

        `hints` (the paper's OParl metadata) win over what the PDF says (fetcher.parse.hints).
        """
        if self._closed:
            raise RuntimeError("ParserPool is closed")
        limit = self.timeout_s if timeout_s is None else timeout_s
        async with self._slots:
            worker = self._idle.pop() if self._idle else self._start_worker()
            try:
                worker.conn.send((str(path), hints))
                stopped = await self._watch(worker, limit)
                if stopped is not None:
                    self._discard(worker)
                    return stopped
                doc: ParsedDocument = worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                worker.process.join(timeout=2)
                text = self._crash_text(worker)
                self._discard(worker)
                return ParsedDocument(parse_status="broken", parse_error=text)
            except BaseException:
                self._discard(worker)
                raise
            if doc.parse_status == "broken" or not worker.process.is_alive():
                self._discard(worker)  # recycled: a worker that failed is not reused
            else:
                self._idle.append(worker)
            return doc

    async def _watch(self, worker: _Worker, limit_s: float) -> ParsedDocument | None:
        """Wait for the worker's answer; return a status if it took too long or too much memory."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit_s
        ready = asyncio.ensure_future(self._ready(worker.conn))
        worker.peak_rss_bytes = 0
        try:
            while True:
                left = deadline - loop.time()
                if left <= 0:
                    return ParsedDocument(
                        parse_status="timeout",
                        parse_error=f"Zeitlimit von {limit_s:g} s beim Lesen überschritten.",
                    )
                done, _ = await asyncio.wait({ready}, timeout=min(WATCH_INTERVAL_S, left))
                if done:
                    return None
                pid = worker.process.pid
                rss = tree_rss_bytes(pid) if pid is not None else 0
                worker.peak_rss_bytes = max(worker.peak_rss_bytes, rss)
                if self.memory_limit_bytes and rss > self.memory_limit_bytes:
                    mb = self.memory_limit_bytes // (1024 * 1024)
                    return ParsedDocument(
                        parse_status="broken", parse_error=MEMORY_ERROR.format(mb=mb)
                    )
        finally:
            ready.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ready

    def _crash_text(self, worker: _Worker) -> str:
        """Return why a worker died: the memory limit if it was close to it, else a bad file.

        pdfium's allocations past RLIMIT_AS end in std::bad_alloc, which aborts (SIGABRT).
        """
        limit = self.memory_limit_bytes
        aborted = worker.process.exitcode == -signal.SIGABRT
        if limit and (aborted or worker.peak_rss_bytes > limit * 0.6):
            return MEMORY_ERROR.format(mb=limit // (1024 * 1024))
        return "Leseprozess abgestürzt (beschädigtes PDF)."

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
