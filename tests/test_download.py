"""Tests for fetcher.download: PDFs from the local OParl server, size cap, HTML error pages."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pypdfium2
import pytest

from fetcher.download import NotPdf, classify_failure, download_pdf, pdf_problem
from fetcher.http import FetchError, HttpClient, RetryPolicy, TooLarge
from fetcher.oparl import OParlClient
from standins.oparl_server import LOCAL_NETWORKS, OParlServer

# Karlsruhe paper 2024/1420 ("Planungen zur Umgestaltung der Steinkreuzstraße …"); its inquiry
# PDF is file 663803, rendered by the local server from file-contents/663803.txt.
PAPER_PATH = "/oparl/bodies/0001/papers/vo/51397"
ACCESS_PATH = "/oparl/bodies/0001/downloadfiles/a/00663803.pdf"


@pytest.fixture
async def server() -> AsyncIterator[OParlServer]:
    """Yield a running Karlsruhe OParl server."""
    async with OParlServer("karlsruhe") as srv:
        yield srv


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    """Yield an HttpClient with fast retries."""
    async with HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as client:
        yield client


def _files_in(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def _text_of(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return "\n".join(pages)


async def test_download_karlsruhe_inquiry_pdf(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """The inquiry PDF arrives on disk with its sha256, and holds the inquiry's real text."""
    result = await download_pdf(http, server.url(ACCESS_PATH), dest_dir=tmp_path)
    data = result.path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.size_bytes == len(data)
    assert result.path.parent == tmp_path
    text = _text_of(result.path)
    assert "Vorlage Nr.: 2024/1420" in " ".join(text.split())
    assert "Anfrage der CDU-Ortschaftsratsfraktion" in text


async def test_client_downloads_main_file_of_paper(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """OParlClient.download fetches a Paper's main file (picked from auxiliaryFile, Somacos)."""
    client = OParlClient(http, source="karlsruhe")
    await client.connect([server.system_url])
    paper = await client.get_paper(server.url(PAPER_PATH))
    assert paper.main_file is not None
    assert paper.main_file.name == "Anfrage Wolfartsweier"
    result = await client.download(paper.main_file, tmp_path)
    assert result.url == server.url(ACCESS_PATH)
    assert result.path.read_bytes()[:5] == b"%PDF-"


async def test_html_error_page_instead_of_pdf_is_rejected(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """An HTML error page with HTTP 200 raises NotPdf naming it, and leaves no file behind."""
    server.faults.pdf_html_error = True
    with pytest.raises(NotPdf, match="HTML page instead of PDF"):
        await download_pdf(http, server.url(ACCESS_PATH), dest_dir=tmp_path)
    assert _files_in(tmp_path) == []


async def test_size_cap_stops_download(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """A document above the cap raises TooLarge and leaves no file behind."""
    with pytest.raises(TooLarge):
        await download_pdf(http, server.url(ACCESS_PATH), dest_dir=tmp_path, max_bytes=1000)
    assert _files_in(tmp_path) == []


async def test_missing_document_is_fetch_error(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """A file URL answering 404 (Magdeburg-style) raises FetchError with the status."""
    url = server.url("/oparl/bodies/0001/downloadfiles/a/00000001.pdf")
    with pytest.raises(FetchError) as info:
        await download_pdf(http, url, dest_dir=tmp_path)
    assert info.value.status == 404
    assert _files_in(tmp_path) == []


async def test_added_paper_serves_exactly_its_pdf_bytes(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """A paper published at runtime with pdf_bytes serves those very bytes."""
    pdf_bytes = b"%PDF-1.4\n% test\n" + b"0" * 100 + b"\n%%EOF\n"
    paper = server.add_paper({"name": "Neue Anfrage", "paperType": "Anfrage"}, pdf_bytes=pdf_bytes)
    url = paper["auxiliaryFile"][0]["accessUrl"]
    result = await download_pdf(http, url, dest_dir=tmp_path)
    assert result.path.read_bytes() == pdf_bytes
    assert result.sha256 == hashlib.sha256(pdf_bytes).hexdigest()


def test_pdf_problem_judges_by_bytes_and_type() -> None:
    """Magic bytes decide; Sternberg's `application/octetstream` passes, text/html never does."""
    assert pdf_problem("application/octetstream", b"%PDF-1.7\n") is None
    assert pdf_problem("application/pdf", b"\n\n%PDF-1.4") is None
    assert pdf_problem("text/html", b"<!DOCTYPE html><html>") is not None
    assert pdf_problem("application/pdf", b"PK\x03\x04docx") == (
        "no %PDF- header (content-type application/pdf)"
    )
    assert pdf_problem("text/html", b"%PDF-1.4") == "unexpected content-type text/html"


async def _failure_of(
    http: HttpClient, url: str, tmp_path: Path, **kwargs: int
) -> tuple[str, bool]:
    try:
        await download_pdf(http, url, dest_dir=tmp_path, **kwargs)
    except FetchError as exc:
        failure = classify_failure(exc)
        assert failure.reason
        return failure.status, failure.transient
    raise AssertionError("the download should have failed")


async def test_server_errors_and_timeouts_are_transient(
    server: OParlServer, tmp_path: Path
) -> None:
    """A PDF server answering 503 past all retries, or hanging, is worth another try later."""
    server.faults.fail_next = 10
    server.faults.fail_status = 503
    server.faults.fail_path_prefix = "/oparl/bodies/0001/downloadfiles"
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=2), timeout_s=0.5
    ) as http:
        assert await _failure_of(http, server.url(ACCESS_PATH), tmp_path) == (
            "download_failed",
            True,
        )
        server.faults.fail_next = 0
        server.faults.hang_next = 2
        server.faults.hang_s = 2.0
        assert await _failure_of(http, server.url(ACCESS_PATH), tmp_path) == (
            "download_failed",
            True,
        )
    assert _files_in(tmp_path) == []


async def test_permanent_download_failures_are_not_retried(
    server: OParlServer, http: HttpClient, tmp_path: Path
) -> None:
    """404, 403, too large and an HTML page are final: each gets its own per-file status."""
    missing = server.url("/oparl/bodies/0001/downloadfiles/a/00000001.pdf")
    assert await _failure_of(http, missing, tmp_path) == ("download_gone", False)
    assert await _failure_of(http, server.url(ACCESS_PATH), tmp_path, max_bytes=1000) == (
        "too_large",
        False,
    )
    server.faults.dead_prefixes = {"/oparl/bodies/0001/downloadfiles": 403}
    assert await _failure_of(http, server.url(ACCESS_PATH), tmp_path) == ("download_denied", False)
    server.faults.dead_prefixes = {}
    server.faults.pdf_html_error = True
    assert await _failure_of(http, server.url(ACCESS_PATH), tmp_path) == ("not_pdf", False)
