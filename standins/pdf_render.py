"""Test helper: render real fixture texts into PDFs with fpdf2 (into tmp_path). Writes files.

Needs a Unicode TrueType font: DejaVuSans from Debian's `fonts-dejavu-core`.
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def render_pdf(pages: list[str], path: Path, *, font_size: float = 10) -> Path:
    """Write `pages` (one string per page, long lines wrapped) to a PDF at `path`."""
    pdf = FPDF(format="A4")
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
    pdf.output(str(path))
    return path


def render_text(text: str, path: Path) -> Path:
    """Render a document's text; form feeds and "-- n of m --" markers start new pages."""
    pages = re.split(r"\f|\n-- \d+ of \d+ --\n", text)
    return render_pdf([p for p in pages if p.strip()], path)
