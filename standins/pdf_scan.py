"""The "scan" render style: a paged PDF printed and scanned back, image pages only. I/O.

Real council PDFs of smaller Kommunen are often scans: a signed letter run through the office
copier, no text layer, so `ratsbot parse` reads them through tesseract (fetcher.pdf). This style
makes such a file from a labelled text: the "paged" rendering (standins.pdf_render), each page
rasterised at SCAN_DPI in grey, turned by a fraction of a degree as a sheet lies on the glass,
its contrast lowered (grey paper, grey toner), stored as JPEG and written back as an image-only
PDF with fpdf2. Cached on disk like the other styles; the OCR itself is not (it is the parser's
work, a few seconds of CPU per page).
"""

from __future__ import annotations

import hashlib
import inspect
import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from standins.pdf_cache import cached_pdf
from standins.pdf_render import render_paged_text

SCAN_DPI = 200
SCAN_ROTATION_DEG = 0.4  # counter-clockwise; a sheet laid by hand is rarely straighter
SCAN_JPEG_QUALITY = 70
PAPER_GREY = 238  # white paper through a copier's glass
TONER_GREY = 35


def _render_scan(paged: bytes) -> bytes:
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image

    span = (PAPER_GREY - TONER_GREY) / 255
    levels = [round(TONER_GREY + v * span) for v in range(256)]
    document = pdfium.PdfDocument(paged)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # fixed bytes for the cache
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                image = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
            finally:
                page.close()
            image = image.point(levels)
            image = image.rotate(
                SCAN_ROTATION_DEG, resample=Image.Resampling.BICUBIC, fillcolor=PAPER_GREY
            )
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=SCAN_JPEG_QUALITY)
            pdf.add_page()
            pdf.image(jpeg, x=0, y=0, w=210, h=297)
    finally:
        document.close()
    return bytes(pdf.output())


def render_scan_text(text: str, path: Path) -> Path:
    """Render a document's text the "scan" way: paged, then rasterised into image-only pages."""
    with tempfile.TemporaryDirectory(prefix="ratsbot-scan-") as tmp:
        paged = render_paged_text(text, Path(tmp) / "paged.pdf").read_bytes()
    inputs = (
        f"scan\0{SCAN_DPI}\0{SCAN_ROTATION_DEG}\0{SCAN_JPEG_QUALITY}\0{PAPER_GREY}\0{TONER_GREY}\0"
        + hashlib.sha256(paged).hexdigest()
    )
    stamp = inspect.getsource(_render_scan)
    data = cached_pdf(_render_scan, inputs + stamp, lambda: _render_scan(paged))
    path.write_bytes(data)
    return path
