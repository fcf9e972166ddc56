"""Download council documents (PDFs) with a size cap and type checks. Does network and disk I/O.

Real servers hand out HTML error pages with HTTP 200 where a PDF should be, label PDFs
`application/octetstream; charset=UTF-8` (Sternberg, OPARL-NOTES.md §4.5) or `pdf` (ALLRIS), and
some documents are huge; so the body's first bytes decide, not the label, and a cap stops the
stream early. `classify_failure` turns any download error into a per-file status and says whether
a later poll should try again (503, timeouts) or not (404, refused, too large, not a PDF).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fetcher.http import FetchError, HttpClient, Refused, SourceUnavailable, TooLarge

DEFAULT_MAX_PDF_BYTES = 50 * 1024 * 1024

# Content types a real PDF arrives with; anything else (text/html above all) is refused even
# before the magic check. Sternberg's misspelt "octetstream" is real (§4.5).
PDF_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/x-pdf",
        "application/octet-stream",
        "application/octetstream",
        "binary/octet-stream",
        "application/download",
        "application/force-download",
        "",
    }
)


class NotPdf(FetchError):
    """Raised when a downloaded document is not a PDF (e.g. an HTML error page with HTTP 200)."""


@dataclass(frozen=True)
class DownloadedFile:
    """A PDF on local disk: where it is, its sha256, size and the URL it came from."""

    path: Path
    sha256: str
    size_bytes: int
    content_type: str
    url: str


@dataclass(frozen=True)
class DownloadFailure:
    """Why a document could not be fetched: a per-file status, retry or not, and the detail.

    `status` fits the File/Paper `parse_status` column (≤ 30 characters):

        download_failed   transient: 5xx, 429, 408, timeout, network error, source paused
        download_gone     permanent: 404 or 410
        download_denied   permanent: any other 4xx (401, 403, …)
        download_refused  permanent: not http(s), a refused address, too many redirects
        too_large         permanent: over the size cap
        not_pdf           permanent: an HTML page or other non-PDF body
    """

    status: str
    transient: bool
    reason: str


# Client errors a later try may cure: Request Timeout, Too Many Requests (after retries).
TRANSIENT_CLIENT_STATUSES = frozenset({408, 425, 429})


def classify_failure(exc: BaseException) -> DownloadFailure:
    """Return the per-file status of a failed download and whether to retry on a later poll."""
    reason = (str(exc) or type(exc).__name__)[:500]
    if isinstance(exc, NotPdf):
        return DownloadFailure("not_pdf", False, reason)
    if isinstance(exc, TooLarge):
        return DownloadFailure("too_large", False, reason)
    if isinstance(exc, Refused):
        return DownloadFailure("download_refused", False, reason)
    if isinstance(exc, SourceUnavailable):
        return DownloadFailure("download_failed", True, reason)
    status = exc.status if isinstance(exc, FetchError) else None
    if status is not None and 400 <= status < 500 and status not in TRANSIENT_CLIENT_STATUSES:
        return DownloadFailure(
            "download_gone" if status in (404, 410) else "download_denied", False, reason
        )
    return DownloadFailure("download_failed", True, reason)


def pdf_problem(content_type: str, head: bytes) -> str | None:
    """Return why a body is not a PDF (from its content type and first bytes), or None if it is."""
    start = head.lstrip()[:64].lower()
    if start.startswith((b"<!doctype", b"<html", b"<!--", b"<?xml", b"<head", b"<body")):
        return f"HTML page instead of PDF (content-type {content_type or 'none'})"
    # PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1 annex H.3).
    if b"%PDF-" not in head[:1024]:
        return f"no %PDF- header (content-type {content_type or 'none'})"
    if content_type.lower() not in PDF_CONTENT_TYPES:
        return f"unexpected content-type {content_type}"
    return None


async def download_pdf(
    http: HttpClient,
    url: str,
    *,
    dest_dir: Path | None = None,
    max_bytes: int = DEFAULT_MAX_PDF_BYTES,
    source: str | None = None,
) -> DownloadedFile:
    """Download a PDF to a temp file in `dest_dir`; raise NotPdf, TooLarge or FetchError.

    The caller owns the returned file and deletes it when done; on any error nothing is left.
    """
    fd, name = tempfile.mkstemp(prefix="ratsbot-", suffix=".pdf", dir=dest_dir)
    os.close(fd)
    path = Path(name)
    try:
        result = await http.download(url, path, max_bytes=max_bytes, source=source)
        problem = pdf_problem(result.content_type, result.head)
        if problem is not None:
            raise NotPdf(f"{problem}: {url}", url=url, status=result.status)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return DownloadedFile(
        path=path,
        sha256=result.sha256,
        size_bytes=result.size_bytes,
        content_type=result.content_type,
        url=result.url,
    )
