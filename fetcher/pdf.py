"""PDF → text per page (pypdfium2), header-block tables (pdfplumber), OCR (tesseract CLI). Does I/O.

CPU-bound; runs inside a ParserPool worker process. Measured on the fixture PDFs
(bench/bench_parse.py): pypdfium2's text layer is ~50× faster than pdfplumber's extract_text and
gives the same lines for the
text-based field parser, so every page goes through pypdfium2 and pdfplumber only reads the first
page's header table when the text alone did not yield the Beratungsfolge (see fetcher.parse).
Every failure becomes a PdfError with a `status` from the ParsedDocument contract.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium

from fetcher.ocr_text import normalise_ocr_page
from fetcher.pdf_columns import side_columns
from fetcher.pdf_order import ordered_text, text_rects
from fetcher.pdf_rules import page_could_rule_table

# A document with less text than this per page is treated as scanned (no text layer).
MIN_CHARS_PER_PAGE = 25
# Decompression-bomb guard: no single Flate stream may inflate beyond this, nor all together.
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_OCR_PAGES = 20
OCR_DPI = 300
OCR_PAGE_TIMEOUT_S = 30

_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_PDFIUM_SECURITY_ERROR = 5  # FPDF_ERR_SECURITY (unsupported security handler)
_STREAM = re.compile(rb"stream\r?\n")


class PdfError(Exception):
    """Raised when a file cannot be read as a PDF; `status` is the ParsedDocument.parse_status."""

    def __init__(self, status: str, message: str, page_count: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.page_count = page_count


@dataclass(frozen=True)
class PdfText:
    """The text layer of a PDF: one string per page read (at most max_pages)."""

    pages: tuple[str, ...]
    page_count: int
    ocr: bool = False
    # Set when the text could only be partly read (truncated file, page limit); parse goes on.
    warning_status: str | None = None
    warning: str | None = None


def sniff(data: bytes) -> None:
    """Raise PdfError unless `data` starts like a PDF (empty files and HTML pages are common)."""
    if not data.strip():
        raise PdfError("empty", "Leere Datei (0 Bytes) – kein PDF.")
    head = data[:1024]
    if b"%PDF-" not in head:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype" in lowered or b"<?xml" in lowered:
            raise PdfError(
                "not_pdf", "HTML-Seite statt PDF erhalten (z. B. Fehler- oder Login-Seite)."
            )
        raise PdfError("not_pdf", "Datei ist kein PDF (Kennung %PDF- fehlt).")


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """Return how many bytes the Flate stream at `start` inflates to (stops past `limit`)."""
    step = 1024 * 1024
    inflater = zlib.decompressobj()
    produced, pos = 0, start
    try:
        while produced <= limit and not inflater.eof:
            if inflater.unconsumed_tail:
                buf = inflater.unconsumed_tail
            elif pos < len(data):
                buf, pos = data[pos : pos + step], pos + step
            else:
                break
            produced += len(inflater.decompress(buf, step))
    except zlib.error:
        pass  # not Flate data (DCT image, other filter) or corrupt: pdfium decides
    return produced


def check_inflation(data: bytes) -> None:
    """Raise PdfError("broken") if a Flate stream inflates beyond the bomb limits."""
    total = 0
    for match in _STREAM.finditer(data):
        produced = _inflated_size(data, match.end(), MAX_STREAM_BYTES)
        total += produced
        if produced > MAX_STREAM_BYTES or total > MAX_INFLATED_BYTES:
            raise PdfError(
                "broken",
                "Dekompressionsbombe: ein Datenstrom würde über "
                f"{MAX_STREAM_BYTES // (1024 * 1024)} MB entpacken – nicht gelesen.",
            )


# What pdfium glues onto a hyphen at a page's last text line: the page footer printed after the
# body ("Genehmi\ufffeSeite 5 von 7", "… - 2 -", a bare page number). The break is put back, so
# the footer stays a line of its own for the furniture filter and the word's halves meet again
# when the question's lines are joined across the page break.
_HYPHEN_BEFORE_FOOTER = re.compile(
    r"[\ufffe\x02](?=(?:Seite\s+\d+(?:\s*(?:von|/)\s*\d+)?|[-–—]\s*\d+\s*[-–—]|\d{1,3})\s*(?:\n|$))",
    re.I,
)
# Words after a dash of an elided compound ("Sprach- und Integrationszertifikate").
_HYPHEN_BEFORE_CONJUNCTION = re.compile(r"[\ufffe\x02](?=(?:und|oder|bzw\.|sowie|bis)\s)")


def _clean_pdfium(text: str) -> str:
    # pdfium marks a hyphen at a line end as U+FFFE (or 0x02) and drops the line break: a
    # hyphenated word ("bau\ufffedurchführende") loses it, a compound before a capital keeps it.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffe" not in text and "\x02" not in text:
        return text
    text = _HYPHEN_BEFORE_FOOTER.sub("-\n", text)
    # A marker after a space is a dash ("Verordnung - Verbote"), one before "und"/"oder" the dash
    # of an elided compound: both keep the hyphen and a space. At a page's end the word goes on
    # on the next page: the hyphen stays for the join across the break.
    text = re.sub(r"(\s)[\ufffe\x02]", r"\1- ", text)
    text = _HYPHEN_BEFORE_CONJUNCTION.sub("- ", text)
    text = re.sub(r"[\ufffe\x02](?=[A-ZÄÖÜ0-9]|\s*$)", "-", text)
    return re.sub(r"[\ufffe\x02]", "", text)


def extract_text(path: Path, *, max_pages: int = 300, ocr: bool = True) -> PdfText:
    """Read the text layer of every page (OCR for scanned files); raise PdfError when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PdfError("broken", f"Datei nicht lesbar: {exc.strerror}") from exc
    sniff(data)
    check_inflation(data)
    truncated = b"%%EOF" not in data[-2048:]
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (_PDFIUM_PASSWORD_ERROR, _PDFIUM_SECURITY_ERROR):
            raise PdfError("encrypted", "PDF ist verschlüsselt (Passwort nötig).") from exc
        raise PdfError("broken", f"PDF beschädigt oder abgeschnitten ({exc}).") from exc
    try:
        page_count = len(doc)
        if page_count == 0:
            raise PdfError(
                "broken", "PDF enthält keine lesbaren Seiten (beschädigt oder abgeschnitten)."
            )
        pages: list[str] = []
        for index in range(min(page_count, max_pages)):
            page = doc[index]
            try:
                textpage = page.get_textpage()
                raw = textpage.get_text_range()
                rects = text_rects(textpage)
                text = side_columns(textpage, raw, page.get_width(), rects)
                if text is raw:  # no side columns: blocks drawn out of order go in place
                    text = ordered_text(textpage, raw, rects)
                pages.append(_clean_pdfium(text))
                textpage.close()
            finally:
                page.close()
        used_ocr = False
        if sum(len(p.strip()) for p in pages) < MIN_CHARS_PER_PAGE * len(pages):
            if not ocr:
                raise PdfError(
                    "no_text", "Kein Textlayer (gescanntes Dokument?), Texterkennung ausgeschaltet."
                )
            if tesseract_languages() is None:
                raise PdfError(
                    "ocr_unavailable",
                    "Gescanntes Dokument ohne Textlayer: Texterkennung (OCR) nötig, aber nicht "
                    "verfügbar (tesseract ist nicht installiert).",
                    page_count,
                )
            ocr_pages = _ocr_pages(doc, min(page_count, max_pages, MAX_OCR_PAGES))
            # Tesseract's text in the shape of a text-layer page, then the same cleaning.
            pages = [_clean_pdfium(normalise_ocr_page(page)) for page in ocr_pages]
            used_ocr = True
            if sum(len(p.strip()) for p in pages) < MIN_CHARS_PER_PAGE:
                raise PdfError("no_text", "Kein Text erkannt, auch nicht per Texterkennung (OCR).")
    finally:
        doc.close()
    warning_status = warning = None
    if page_count > max_pages:
        warning_status = "too_many_pages"
        warning = f"Nur die ersten {max_pages} von {page_count} Seiten gelesen (Seitenlimit)."
    elif truncated:
        warning_status = "broken"
        warning = "PDF ist abgeschnitten (Dateiende fehlt); nur der lesbare Teil wurde ausgewertet."
    return PdfText(tuple(pages), page_count, used_ocr, warning_status, warning)


@cache
def tesseract_languages() -> str | None:
    """Return the tesseract language argument ("deu", "deu+eng" …), or None without tesseract."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        listing = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    langs = {line.strip() for line in listing.splitlines()[1:]}
    return "deu" if "deu" in langs else "eng"


def _ocr_pages(doc: pdfium.PdfDocument, count: int) -> list[str]:
    exe = shutil.which("tesseract")
    langs = tesseract_languages()
    assert exe is not None
    assert langs is not None
    # One thread per tesseract: the parser pool already runs several documents side by side, and
    # tesseract's OpenMP threads spin on a busy small box (a scanned page: 12.5 → 6.4 s of CPU on
    # 2 cores). An operator's own OMP_THREAD_LIMIT wins.
    env = {**os.environ}
    env.setdefault("OMP_THREAD_LIMIT", "1")
    pages: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ratsbot-ocr-") as tmp:
        for index in range(count):
            page = doc[index]
            try:
                image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            png = Path(tmp) / f"page-{index}.png"
            image.save(png)
            try:
                result = subprocess.run(
                    [exe, str(png), "stdout", "-l", langs],
                    capture_output=True,
                    text=True,
                    timeout=OCR_PAGE_TIMEOUT_S,
                    check=False,
                    env=env,
                )
                pages.append(result.stdout)
            except subprocess.TimeoutExpired:
                pages.append("")
            png.unlink()
    return pages


def header_tables(path: Path) -> list[list[list[str]]]:
    """Return the ruled tables of page 1 via pdfplumber (the ALLRIS/SessionNet header block)."""
    tables: list[list[list[str]]] = []
    try:
        data = path.read_bytes()
    except OSError:
        return tables
    if not _first_page_could_rule_table(data):
        return tables  # no vertical rule on page 1: pdfplumber would find no table
    # Imported here: pdfplumber (pdfminer) costs ~0.2 s of start-up that most documents never need.
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                return tables
            page = pdf.pages[0]
            try:
                for table in page.extract_tables():
                    tables.append([[cell or "" for cell in row] for row in table])
            finally:
                page.close()  # releases pdfplumber's per-page layout caches
    except Exception:
        return []
    return tables


def _first_page_could_rule_table(data: bytes) -> bool:
    """Return whether page 1 may hold a ruled table (True when pdfium cannot tell)."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return True
    try:
        if len(doc) == 0:
            return True
        page = doc[0]
        try:
            return page_could_rule_table(page)
        finally:
            page.close()
    except pdfium.PdfiumError:
        return True
    finally:
        doc.close()
