"""Whether a PDF page draws lines that could rule a table. Pure core (`could_rule_table`) with a
thin pdfium shell (`page_could_rule_table`).

fetcher.pdf reads a header table with pdfplumber, whose default ("lines") table finder needs
vertical edges at least `edge_min_length` (3 pt) long after joining the edges on one line that
are at most `join_tolerance` (3 pt) apart; a table's cells are where such vertical edges cross
horizontal ones. Every edge lies inside the bounding box of the path it comes from. So a page
whose paths, stacked on one vertical line whatever their x, never reach that length (minutes
whose only drawings are underlines and horizontal rules) holds no table that pdfplumber finds,
and the 0.2 s pdfplumber spends laying out the page is saved. pdfium's bounding boxes include
the stroke width, so they are never smaller than pdfminer's; both tolerances get a margin.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# pdfplumber's TableFinder defaults (table.py: DEFAULT_JOIN_TOLERANCE, edge_min_length), each
# with a 1 pt margin for the difference between pdfium's float32 and pdfminer's float64 boxes.
JOIN_GAP_PT = 3.0 + 1.0
MIN_EDGE_PT = 3.0 - 1.0


def could_rule_table(spans: Iterable[tuple[float, float]]) -> bool:
    """Return whether vertical extents (bottom, top) of a page's paths, joined where at most
    JOIN_GAP_PT apart, reach MIN_EDGE_PT: a vertical rule pdfplumber could draw a cell with.
    Pure."""
    reach_bottom = reach_top = None
    for bottom, top in sorted(spans):
        if reach_top is None or bottom > reach_top + JOIN_GAP_PT:
            reach_bottom, reach_top = bottom, top
        else:
            reach_top = max(reach_top, top)
        assert reach_bottom is not None
        if reach_top - reach_bottom >= MIN_EDGE_PT:
            return True
    return False


def page_could_rule_table(page: pdfium.PdfPage) -> bool:
    """Return whether the page may hold a ruled table for pdfplumber (True when unsure: a turned
    page, whose vertical is pdfium's horizontal, or a form XObject, whose boxes are in its own
    space)."""
    import pypdfium2.raw as pdfium_c

    if page.get_rotation() % 360:
        return True
    spans: list[tuple[float, float]] = []
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            _left, bottom, _right, top = obj.get_bounds()
            spans.append((bottom, top))
    return could_rule_table(spans)
