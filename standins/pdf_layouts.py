"""More real PDF layouts for the fixture texts: a ruled head table, drawing order unlike reading
order, two text boxes side by side. Renders with fpdf2 through the disk cache. I/O.

Each style is the "paged" style of standins.pdf_render (A4, 11 pt, running head, "Seite N von M",
hyphenated wrap) with one thing changed that word processors and council systems do:

- "table": the head's labelled lines ("Vorlage Nr.: 2024/0495", "Datum: …", "Gegenstand:" over
  its value) printed as a ruled table, label cell left and value cell right, two key/value pairs
  per row where both values are short, as ALLRIS and SessionNet print sheets do ("Vorlage-Nr.: |
  … | Status: | …"); a long value ("Betreff") gets a row of its own. The lines before the first
  labelled line stand above the table.
- "drawn": the head block (the first page's lines before the salutation or the first prose line)
  written into the page after the body, the footer ("Seite N von M") before it: the content
  stream's order is not the page's, as with a Word letter whose letterhead is a text box or a
  header drawn last.
- "boxes": the column style's information block (date, reference, office, labelled values,
  standins.pdf_render.side_column) and the address block in two text boxes beside each other,
  the right-hand box written first, each box as its own block of lines.

No invented wording: every line is the document's own.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from standins.pdf_cache import cached_pdf
from standins.pdf_render import (
    FONT,
    PAGED_FONT_SIZE,
    RIGHT_COLUMN_X_MM,
    _after_header,
    _PagedLayout,
    running_head,
    side_column,
    text_pages,
)

if TYPE_CHECKING:
    from fpdf import FPDF as _Base
else:
    _Base = object

LINE_H = PAGED_FONT_SIZE * 0.45
HEAD_MAX_LINES = 14  # the head table and the drawn head block are looked for in these lines
# "Vorlage Nr.: 2024/0495", "Gegenstand:", "Datum: 6. März 2013": a label of at most four words.
_LABELLED = re.compile(r"^(?P<label>[^\W\d][^:]{0,30}?:)(?:\s+(?P<value>.*))?$")
_SALUTATION = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s|Guten Tag)")
SHORT_VALUE = 30  # two key/value pairs share a row when both values are this short
LABEL_MM = 32.0
MAX_DRAWN_HEAD = 8
PROSE_CHARS = 60  # a head line is shorter; the first longer line is the body's prose


def _head_lines(text: str) -> list[tuple[str, bool]]:
    """Return the first page's non-empty lines, each with whether a blank line stands above it."""
    out: list[tuple[str, bool]] = []
    blank = False
    for line in text_pages(text)[0].split("\n"):
        if line.strip():
            out.append((line.strip(), blank))
        blank = not line.strip()
    return out


def _label(line: str) -> re.Match[str] | None:
    match = _LABELLED.match(line)
    return match if match and len(match.group("label").split()) <= 4 else None


def head_table(text: str) -> tuple[list[str], list[tuple[str, str]], int]:
    """Return the first page's head as (lines above the table, label/value rows) and how many of
    the text's non-empty lines it takes; no rows when the head has fewer than two labelled lines.

    A label alone on its line takes the line right under it as its value ("Gegenstand:" /
    "Sanierung …"), not one after a blank line (an empty field: "Dienststelle:" / blank / the
    title). The table is the first run of labelled lines; it ends at the first other line.
    """
    head = _head_lines(text)[:HEAD_MAX_LINES]
    lines = [line for line, _blank in head]
    above: list[str] = []
    rows: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _label(line)
        if _SALUTATION.match(line) or (not match and rows):
            break
        if not match:
            above.append(line)
            index += 1
            continue
        value = match.group("value") or ""
        nxt = lines[index + 1] if index + 1 < len(lines) and not head[index + 1][1] else ""
        if not value and nxt and not _label(nxt) and not _SALUTATION.match(nxt):
            value, index = nxt, index + 1
        rows.append((match.group("label"), value))
        index += 1
    if len(rows) < 2:
        return [], [], 0
    return above, rows, index


class _TableLayout(_PagedLayout):
    """The paged layout whose first page opens with its head's labelled lines in a ruled table."""

    def write_table(self, above: list[str], rows: list[tuple[str, str]]) -> None:
        """Write the lines above the table, then the table: two short pairs per row."""
        for line in above:
            for part in self.wrapped(line):
                self.cell(0, LINE_H, part, new_x="LMARGIN", new_y="NEXT")
        self.ln(LINE_H)
        value_mm = (self.epw - 2 * LABEL_MM) / 2
        with self.table(
            col_widths=(LABEL_MM, value_mm, LABEL_MM, value_mm),
            first_row_as_headings=False,
            line_height=LINE_H,
            text_align="LEFT",
        ) as table:
            index = 0
            while index < len(rows):
                label, value = rows[index]
                row = table.row()
                row.cell(label)
                pair = rows[index + 1] if index + 1 < len(rows) else None
                if pair and len(value) <= SHORT_VALUE and len(pair[1]) <= SHORT_VALUE:
                    row.cell(value)
                    row.cell(pair[0])
                    row.cell(pair[1])
                    index += 2
                else:
                    row.cell(value, colspan=3)
                    index += 1
        self.ln(LINE_H)


def _document(layout: type[_PagedLayout], head: str) -> _PagedLayout:
    from fpdf import FPDF as Base

    pdf: _PagedLayout = type(f"_{layout.__name__}Pdf", (layout, Base), {})(format="A4")
    pdf.head = head
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=PAGED_FONT_SIZE)
    return pdf


def _write_lines(pdf: _PagedLayout, page: str) -> None:
    """Write one page's lines from the current position (they overflow onto new pages)."""
    for line in page.replace("\t", " ").split("\n"):
        if not line.strip():
            pdf.ln(PAGED_FONT_SIZE * 0.3)
            continue
        for part in pdf.wrapped(line.strip()):
            pdf.cell(0, LINE_H, part, new_x="LMARGIN", new_y="NEXT")


def _render_table(pages: list[str], head: str, above: list[str], rows: list[list[str]]) -> bytes:
    pdf = _document(_TableLayout, head)
    assert isinstance(pdf, _TableLayout)
    if rows:
        pdf.add_page()
        pdf.write_table(above, [(label, value) for label, value in rows])
        _write_lines(pdf, pages[0])
        pages = pages[1:]
    pdf.write_pages(pages)
    return bytes(pdf.output())


def _stamp(*parts: Callable[..., object]) -> str:
    sources: tuple[Callable[..., object], ...] = (_PagedLayout, _document, _write_lines, *parts)
    return "".join(inspect.getsource(x) for x in sources)


def render_table_text(text: str, path: Path) -> Path:
    """Render a document's text the "table" way: paged, its head's labelled lines a ruled table."""
    pages = text_pages(text)
    head = running_head(text)
    above, rows, taken = head_table(text)
    if taken:
        pages = [_after_header(pages[0], taken), *pages[1:]]
    inputs = "table\0" + "\0".join([head, *above, "", *(f"{k}\1{v}" for k, v in rows), ""])
    inputs += "\f".join(pages)
    plain_rows = [[k, v] for k, v in rows]
    data = cached_pdf(
        _render_table,
        inputs + _stamp(_TableLayout, head_table),
        lambda: _render_table(pages, head, above, plain_rows),
    )
    path.write_bytes(data)
    return path


def drawn_head(text: str) -> tuple[list[str], int]:
    """Return the first page's head block (its lines before the salutation, the first prose line
    or a blank line after two lines at least, at most MAX_DRAWN_HEAD) and how many non-empty lines
    it takes; none when it is shorter than two lines."""
    raw = text_pages(text)[0].split("\n")
    block: list[str] = []
    for line in raw:
        line = line.strip()
        if not line:
            if len(block) >= 2:
                break
            continue
        if _SALUTATION.match(line) or len(line) > PROSE_CHARS or len(block) == MAX_DRAWN_HEAD:
            break
        block.append(line)
    return (block, len(block)) if len(block) >= 2 else ([], 0)


class _DrawnLayout(_PagedLayout):
    """The paged layout with the footer drawn when a page opens (before its body) and the first
    page's head block drawn after the whole body."""

    def header(self) -> None:
        y = self.get_y()
        self.set_auto_page_break(False)
        self.set_y(-15)
        self.set_font("DejaVu", size=PAGED_FONT_SIZE - 2)
        self.cell(0, 5, f"Seite {self.page_no()} von {{nb}}", align="C")
        self.set_font("DejaVu", size=PAGED_FONT_SIZE)
        self.set_auto_page_break(True, margin=25)
        self.set_y(y)
        super().header()

    def footer(self) -> None:
        pass

    def draw_head(self, block: list[str]) -> None:
        """Go back to page 1 and write the head block into the space left at its top."""
        last = self.page
        self.page = 1
        self.set_xy(self.l_margin, self.t_margin)
        for line in block:
            self.cell(0, LINE_H, line[:90], new_x="LMARGIN", new_y="NEXT")
        self.page = last


def _render_drawn(pages: list[str], head: str, block: list[str]) -> bytes:
    pdf = _document(_DrawnLayout, head)
    assert isinstance(pdf, _DrawnLayout)
    if not block:
        pdf.write_pages(pages)
        return bytes(pdf.output())
    pdf.add_page()
    pdf.set_y(pdf.t_margin + LINE_H * (len(block) + 1))
    _write_lines(pdf, pages[0])
    pdf.write_pages(pages[1:])
    pdf.draw_head(block)
    return bytes(pdf.output())


def render_drawn_text(text: str, path: Path) -> Path:
    """Render a document's text the "drawn" way: paged, its footer drawn before each page's
    body and its head block drawn after the whole body."""
    pages = text_pages(text)
    head = running_head(text)
    block, taken = drawn_head(text)
    if taken:
        pages = [_after_header(pages[0], taken), *pages[1:]]
    inputs = "drawn\0" + "\0".join([head, *block, ""]) + "\f".join(pages)
    data = cached_pdf(
        _render_drawn,
        inputs + _stamp(_DrawnLayout, drawn_head),
        lambda: _render_drawn(pages, head, block),
    )
    path.write_bytes(data)
    return path


class _BoxesLayout(_PagedLayout):
    """The paged layout whose first page opens with two text boxes: information block right,
    address block left, the right one written first."""

    def write_boxes(self, left: list[str], right: list[str]) -> None:
        """Write the right box's lines from the top, then the left box's, then go on below both."""
        top = self.get_y()
        width = self.w - self.r_margin - RIGHT_COLUMN_X_MM
        bottom = top
        for x, lines, box_w in ((RIGHT_COLUMN_X_MM, right, width), (self.l_margin, left, 0.0)):
            self.set_xy(x, top)
            for line in lines:
                self.set_x(x)
                self.multi_cell(
                    box_w or RIGHT_COLUMN_X_MM - 5 - x, LINE_H, line, new_x="LEFT", new_y="NEXT"
                )
            bottom = max(bottom, self.get_y())
        self.set_xy(self.l_margin, bottom + LINE_H)


def _render_boxes(pages: list[str], head: str, left: list[str], right: list[str]) -> bytes:
    pdf = _document(_BoxesLayout, head)
    assert isinstance(pdf, _BoxesLayout)
    if left:
        pdf.add_page()
        pdf.write_boxes(left, right)
        _write_lines(pdf, pages[0])
        pages = pages[1:]
    pdf.write_pages(pages)
    return bytes(pdf.output())


def render_boxes_text(text: str, path: Path) -> Path:
    """Render a document's text the "boxes" way: paged, its head in two text boxes side by side."""
    pages = text_pages(text)
    head = running_head(text)
    left, right, taken = side_column(text)
    if taken:
        pages = [_after_header(pages[0], taken), *pages[1:]]
    inputs = "boxes\0" + "\0".join([head, *left, "", *right, ""]) + "\f".join(pages)
    data = cached_pdf(
        _render_boxes,
        inputs + _stamp(_BoxesLayout),
        lambda: _render_boxes(pages, head, left, right),
    )
    path.write_bytes(data)
    return path


STYLES = {"table": render_table_text, "drawn": render_drawn_text, "boxes": render_boxes_text}
