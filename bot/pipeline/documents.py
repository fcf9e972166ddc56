"""Reading a paper's main document (I/O): download, parse in the worker pool, store, retry later.

A failed download (the server answered 503, the connection broke) or a crashed parse is tried
again on later polls with a doubling pause, up to `max_attempts` (storage.document_retry); when
the questions arrive after the push went out, the chats that got it receive a follow-up
(storage.outbox.enqueue_followups). A file that is not a PDF or too large is not retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path

from fetcher import model
from fetcher.download import NotPdf
from fetcher.http import FetchError, TooLarge
from fetcher.oparl import OParlClient
from fetcher.parse.hints import PaperHints, disagreements
from fetcher.parsepool import ParserPool
from storage import document_retry, main_files, outbox, paper_reads, records

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """Return `Type: message` of an exception (at most 500 characters), for logs and SyncState."""
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:500]


class DocumentReader:
    """Reads main documents of stored papers; one per SyncService."""

    def __init__(
        self,
        parser: ParserPool,
        *,
        download_dir: Path | None,
        clock: Callable[[], datetime],
        retry_base: timedelta,
        max_attempts: int,
    ) -> None:
        """Configure: the first retry after `retry_base`, doubling, `max_attempts` tries in all."""
        self.parser = parser
        self.download_dir = download_dir
        self.clock = clock
        self.retry_base = retry_base
        self.max_attempts = max_attempts

    async def retry_due(self, client: OParlClient, kommune_id: int, slug: str) -> int:
        """Try failed documents again; a paper pushed without questions gets a follow-up.

        Returns how many were read this time.
        """
        read = 0
        for paper_id in await document_retry.due_retries(kommune_id, self.clock()):
            outcome = await self.read(client, paper_id)
            if outcome != "ok":
                continue
            read += 1
            await document_retry.clear_retry(paper_id)
            followups = await outbox.enqueue_followups(paper_id)
            log.info(
                "kommune=%s paper=%s read on a later try; follow-ups=%d",
                slug,
                paper_id,
                followups,
            )
        return read

    async def _schedule_retry(self, file_oparl_id: str) -> None:
        attempt = await document_retry.schedule_retry(
            file_oparl_id,
            self.clock(),
            base=self.retry_base,
            max_attempts=self.max_attempts,
        )
        if attempt is None:
            log.warning("file=%s given up after %d tries", file_oparl_id, self.max_attempts)

    async def read(self, client: OParlClient, paper_id: int) -> str:
        """Download and parse a paper's main file; return the parse status (never raises)."""
        file = await main_files.main_file(paper_id)
        if file is None:
            await main_files.mark_no_file(paper_id)
            return "no_file"
        oparl_file = model.File(oparl_id=file.oparl_id, access_url=file.url)
        try:
            downloaded = await client.download(oparl_file, self.download_dir)
        except (NotPdf, TooLarge) as exc:
            return await self._store_failure(paper_id, file.oparl_id, "not_pdf", describe(exc))
        except FetchError as exc:
            return await self._store_failure(
                paper_id, file.oparl_id, "download_failed", describe(exc)
            )
        try:
            if downloaded.sha256 == file.sha256 and file.parse_status == "ok":
                return "unchanged"
            hints = await _hints_of(paper_id)
            parsed = await self.parser.parse(downloaded.path, hints=hints)
        finally:
            with suppress(OSError):
                downloaded.path.unlink()
        for line in disagreements(parsed, hints):  # metadata won; worth a look when it repeats
            log.info("paper=%s pdf and metadata differ: %s", paper_id, line)
        await records.apply_parsed(paper_id, file.oparl_id, parsed, sha256=downloaded.sha256)
        if parsed.parse_status in document_retry.RETRYABLE:
            await self._schedule_retry(file.oparl_id)
        if parsed.parse_status != "ok":
            log.warning(
                "paper=%s file=%s parse_status=%s error=%s",
                paper_id,
                file.oparl_id,
                parsed.parse_status,
                parsed.parse_error,
            )
        return parsed.parse_status

    async def _store_failure(
        self, paper_id: int, file_oparl_id: str, status: str, error: str
    ) -> str:
        log.warning("paper=%s file=%s %s: %s", paper_id, file_oparl_id, status, error)
        failed = model.ParsedDocument(parse_status=status, parse_error=error)
        await records.apply_parsed(paper_id, file_oparl_id, failed, sha256=None)
        if status in document_retry.RETRYABLE:
            await self._schedule_retry(file_oparl_id)
        return status


async def _hints_of(paper_id: int) -> PaperHints | None:
    """Return what OParl says of the paper (paperType, reference, name): it wins over the PDF."""
    paper = await paper_reads.paper_by_id(paper_id)
    if paper is None:
        return None
    return PaperHints(paper_type=paper.paper_type, reference=paper.reference, name=paper.title)
