"""Render real fixture texts into PDFs with fpdf2 (tests, demo) through the disk cache. I/O.

Needs a Unicode TrueType font: DejaVuSans from Debian's `fonts-dejavu-core`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from standins.pdf_cache import cached_pdf

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def render_pdf(pages: list[str], path: Path, *, font_size: float = 10) -> Path:
    """Write `pages` (one string per page, long lines wrapped) to a PDF at `path`."""
    inputs = f"{font_size}\0" + "\f".join(pages)
    path.write_bytes(cached_pdf(_render, inputs, lambda: _render_with_fpdf(pages, font_size)))
    return path


def _render_with_fpdf(pages: list[str], font_size: float) -> bytes:
    """Import fpdf2 (with fontTools and Pillow: about 0.6 s of CPU), then render: only on a
    cache miss, so a process whose PDFs are all cached never loads it. (`_render`'s source is
    part of the cache key: it stays as it is.)"""
    global FPDF
    from fpdf import FPDF

    return _render(pages, font_size)


def _render(pages: list[str], font_size: float) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=font_size)
    for page in pages:
        pdf.add_page()
        for line in page.replace("\t", " ").split("\n"):
            if line.strip():
                pdf.multi_cell(0, font_size * 0.5, line.rstrip(), new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(font_size * 0.3)
    return bytes(pdf.output())


def render_text(text: str, path: Path) -> Path:
    """Render a document's text; form feeds and "-- n of m --" markers start new pages."""
    pages = re.split(r"\f|\n-- \d+ of \d+ --\n", text)
    return render_pdf([p for p in pages if p.strip()], path)
