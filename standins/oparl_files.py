"""The PDFs the local OParl server serves: fixture texts rendered with fpdf2, or exact bytes. I/O.

Rendered PDFs are cached in memory and on disk (standins.pdf_cache): same input, same bytes.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from standins.pdf_cache import cached_pdf

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
RAW = "raw:"  # a file text starting so names bytes stored by `store_raw`, not text to render

_PDF_CACHE: dict[tuple[str, str], bytes] = {}
_PDF_LOCK = threading.Lock()


def render_pdf(text: str, title: str = "") -> bytes:
    """Render text into a real PDF with DejaVuSans (fpdf2); same input, same bytes (cached)."""
    key = (title, text)
    with _PDF_LOCK:
        if key in _PDF_CACHE:
            return _PDF_CACHE[key]
    data = cached_pdf(_render_pdf, f"{title}\0{text}", lambda: _render_pdf(text, title))
    with _PDF_LOCK:
        _PDF_CACHE[key] = data
    return data


def _render_pdf(text: str, title: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=10)
    clean = "".join(c if c >= " " or c == "\n" else " " for c in (title + "\n\n" + text).strip())
    pdf.multi_cell(0, 5, clean or " ")
    return bytes(pdf.output())


def store_raw(file_id: str, pdf_bytes: bytes) -> str:
    """Keep exact bytes to serve for a file; return the file text that names them."""
    text = f"{RAW}{file_id}"
    with _PDF_LOCK:
        _PDF_CACHE[("", text)] = pdf_bytes
    return text


def pdf_bytes(text: str) -> bytes:
    """Return the PDF to serve for a file text: stored bytes (`store_raw`) or the rendered text."""
    if text.startswith(RAW):
        with _PDF_LOCK:
            return _PDF_CACHE[("", text)]
    return render_pdf(text)
