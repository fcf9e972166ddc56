"""Render real fixture texts into PDFs with fpdf2 (tests, demo) through the disk cache. I/O.

Needs a Unicode TrueType font: DejaVuSans from Debian's `fonts-dejavu-core`.
"""

from __future__ import annotations

import inspect
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


def text_pages(text: str) -> list[str]:
    """Return a text's non-empty pages: form feeds and "-- n of m --" markers start new ones."""
    return [p for p in re.split(r"\f|\n-- \d+ of \d+ --\n", text) if p.strip()]


def render_text(text: str, path: Path) -> Path:
    """Render a document's text; form feeds and "-- n of m --" markers start new pages."""
    return render_pdf(text_pages(text), path)


# The "paged" style: what real council PDFs add to a text. A4 at 11 pt between 25/20 mm margins
# wraps at about 75 characters (a Word letter's width); long words are hyphenated at line ends;
# pages 2 … M carry a running head made of the document's own first line and reference line,
# every page a footer "Seite N von M"; pages break wherever the text reaches the bottom margin.
PAGED_FONT_SIZE = 11.0
_REFERENCE_LINE = re.compile(r"\d+\s*/\s*\d{2,4}\b|\b\d{2}-\d{3,5}\b")


def running_head(text: str) -> str:
    """Return a running head from the text's own lines: its first line and its reference line."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:15]
    if not lines:
        return ""
    head = lines[0]
    if not _REFERENCE_LINE.search(head):
        reference = next((x for x in lines[1:] if _REFERENCE_LINE.search(x) and len(x) <= 60), None)
        if reference:
            head = f"{head} – {reference}"
    return head[:90]


# fpdf2 is imported only on a cache miss (`_render_with_fpdf`), so the paged document's methods
# live in a mixin whose fpdf2 base is joined in when a PDF is rendered (`_paged_pdf`).
if TYPE_CHECKING:
    from fpdf import FPDF as _LayoutBase
else:
    _LayoutBase = object


_VOWELS = "aeiouäöüy"


def hyphenation_cuts(word: str) -> list[int]:
    """Return where a word of ten letters or more may be hyphenated, last place first: before a
    consonant that opens a syllable, at least four letters from either end, not inside "ch",
    "ck", "sc", "ph", "th". Shorter words and words with other characters give none."""
    if len(word) < 10 or not word.isalpha():
        return []
    return [
        cut
        for cut in range(len(word) - 4, 3, -1)
        if word[cut].lower() not in _VOWELS
        and word[cut + 1].lower() in _VOWELS
        and word[cut - 1 : cut + 1].lower() not in ("ch", "ck", "sc", "ph", "th")
    ]


class _PagedLayout(_LayoutBase):
    """fpdf2 document with a running head, a "Seite N von M" footer and hyphenating wrap."""

    head = ""

    def header(self) -> None:
        if self.page_no() > 1 and self.head:
            self.set_font("DejaVu", size=PAGED_FONT_SIZE - 2)
            self.cell(0, 5, self.head, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_font("DejaVu", size=PAGED_FONT_SIZE)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=PAGED_FONT_SIZE - 2)
        self.cell(0, 5, f"Seite {self.page_no()} von {{nb}}", align="C")
        self.set_font("DejaVu", size=PAGED_FONT_SIZE)

    def _fits(self, text: str) -> bool:
        return self.get_string_width(text) <= self.epw

    def _hyphenated(self, line: str, word: str) -> tuple[str, str] | None:
        """Split `word` before a consonant that opens a syllable so that `line word-part-` fits."""
        for cut in hyphenation_cuts(word):
            head = f"{line} {word[:cut]}-" if line else f"{word[:cut]}-"
            if self._fits(head):
                return head, word[cut:]
        return None

    def wrapped(self, line: str) -> list[str]:
        """Return `line` broken into the lines it takes at the text width, hyphenated."""
        out: list[str] = []
        current = ""
        words = line.split()
        while words:
            word = words.pop(0)
            candidate = f"{current} {word}" if current else word
            if self._fits(candidate):
                current = candidate
                continue
            split = self._hyphenated(current, word)
            if not split and not self._fits(word):  # a URL wider than the line: cut anywhere
                room = [k for k in range(len(word), 1, -1) if self._fits(f"{current} {word[:k]}")]
                split = (f"{current} {word[: room[0]]}".strip(), word[room[0] :]) if room else None
            if split:
                out.append(split[0])
                current = ""
                words.insert(0, split[1])
            else:
                out.append(current)
                current = word
        if current:
            out.append(current)
        return out

    def write_pages(self, pages: list[str]) -> None:
        """Write each page's lines; a page that overflows breaks onto the next one."""
        line_h = PAGED_FONT_SIZE * 0.45
        for page in pages:
            self.add_page()
            for line in page.replace("\t", " ").split("\n"):
                if not line.strip():
                    self.ln(PAGED_FONT_SIZE * 0.3)
                    continue
                for part in self.wrapped(line.strip()):
                    self.cell(0, line_h, part, new_x="LMARGIN", new_y="NEXT")


def _paged_pdf() -> _PagedLayout:
    from fpdf import FPDF as Base

    paged: type[_PagedLayout] = type("_PagedPdf", (_PagedLayout, Base), {})
    return paged(format="A4")


def _write_paged(pdf: _PagedLayout, pages: list[str], bottom_margin: float) -> bytes:
    """Lay out `pages` on a paged-style PDF (margins, font, fixed date) and return its bytes."""
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=bottom_margin)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=PAGED_FONT_SIZE)
    pdf.write_pages(pages)
    return bytes(pdf.output())


def _render_paged(pages: list[str], head: str) -> bytes:
    pdf = _paged_pdf()
    pdf.head = head
    return _write_paged(pdf, pages, bottom_margin=25)


def render_paged_text(text: str, path: Path) -> Path:
    """Render a document's text the "paged" way (running head, "Seite N von M", narrow wrap)."""
    pages = text_pages(text)
    head = running_head(text)
    inputs = f"paged\0{head}\0" + "\f".join(pages)
    # The layout's and the shared writer's sources are part of the cache key, with _render_paged's.
    stamp = inspect.getsource(_PagedLayout) + inspect.getsource(_write_paged)
    data = cached_pdf(_render_paged, inputs + stamp, lambda: _render_paged(pages, head))
    path.write_bytes(data)
    return path


# The "letter" style: the paged style with the sender's block repeated at every page's foot, as a
# Fraktion's or an administration's letter paper prints its name and address (with telephone and
# bank rows) under each page. The block is made of the document's own first lines (its letterhead),
# no invented wording, followed by "Seite N von M".
LETTER_FOOTER_LINES = 4


def letter_footer(text: str) -> list[str]:
    """Return the document's own first lines, the footer block of the "letter" style."""
    return [line.strip() for line in text.split("\n") if line.strip()][:LETTER_FOOTER_LINES]


class _LetterLayout(_PagedLayout):
    """The paged layout with a multi-line sender block above the page number at every foot."""

    foot: tuple[str, ...] = ()

    def footer(self) -> None:
        self.set_y(-15 - 4 * len(self.foot))
        self.set_font("DejaVu", size=PAGED_FONT_SIZE - 3)
        for line in self.foot:
            self.cell(0, 4, line[:110], new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", size=PAGED_FONT_SIZE - 2)
        self.cell(0, 5, f"Seite {self.page_no()} von {{nb}}", align="C")
        self.set_font("DejaVu", size=PAGED_FONT_SIZE)


def _render_letter(pages: list[str], head: str, foot: list[str]) -> bytes:
    from fpdf import FPDF as Base

    letter: type[_LetterLayout] = type("_LetterPdf", (_LetterLayout, Base), {})
    pdf = letter(format="A4")
    pdf.head, pdf.foot = head, tuple(foot)
    return _write_paged(pdf, pages, bottom_margin=25 + 4 * len(foot))


def render_letter_text(text: str, path: Path) -> Path:
    """Render a document's text the "letter" way: paged, its letterhead repeated at each foot."""
    pages = text_pages(text)
    head, foot = running_head(text), letter_footer(text)
    inputs = f"letter\0{head}\0" + "\0".join(foot) + "\0" + "\f".join(pages)
    stamp = "".join(inspect.getsource(x) for x in (_PagedLayout, _LetterLayout, _write_paged))
    data = cached_pdf(_render_letter, inputs + stamp, lambda: _render_letter(pages, head, foot))
    path.write_bytes(data)
    return path


# The "column" style: the paged style whose first page opens the way a DIN 5008 letter or a
# council form does, with an information block in a right-hand column beside the address block.
# The document's own first lines up to its salutation, subject label or first line wider than the
# address field (the subject) make the left column;
# the lines among them that name a date, a reference, an office or a labelled value ("GZ:",
# "Datum:", "Anfrage Nr.: …", "Die Oberbürgermeisterin") move into the right column, printed on
# the same baselines as the left column's lines, so that pdfium reads both into one line as it
# does on real letters. No invented wording; the rest flows as in the paged style.
HEADER_MAX_LINES = 14
_HEADER_END = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s|Guten Tag|Betreff\b|Betr\.|Gegenstand\b)")
_DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b"
    r"|\b\d{1,2}\.\s*(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\w*\.?\s+\d{4}\b"
)
_INFO_LABEL = re.compile(
    r"^(?:Datum|GZ|Az\.?|Aktenzeichen|Unser Zeichen|Ihr Zeichen|Telefon|Tel\.|Fax|E-Mail|"
    r"Auskunft|Bearbeiter\w*|Zimmer|Drucksache|Vorlage|Anfrage|Antrag)\b[^:]{0,12}:",
    re.I,
)
_OFFICE = re.compile(
    r"^(?:Der|Die)\s+(?:Ober)?[Bb]ürgermeister\w*$|^(?:Amt|Dezernat|Geschäftsbereich)\b"
)
LEFT_COLUMN_MM = 80.0  # a DIN 5008 address field: 85 mm from 20 mm; info block at 125 mm
RIGHT_COLUMN_X_MM = 125.0
LEFT_COLUMN_CHARS = 42  # what 80 mm hold at 11 pt


def side_column(text: str) -> tuple[list[str], list[str], int]:
    """Return the first page's header as (left column lines, right column lines) and how many
    of the text's non-empty lines it takes; no right column lines when the header names none."""
    lines = [line.strip() for line in text_pages(text)[0].split("\n") if line.strip()]
    end = next(
        (k for k, line in enumerate(lines[:HEADER_MAX_LINES]) if _HEADER_END.match(line)), None
    )
    if not end:
        return [], [], 0
    # A line wider than the address field is the subject, which runs at full width below both
    # columns (DIN 5008): the columns end before it.
    end = next((k for k, line in enumerate(lines[:end]) if len(line) > LEFT_COLUMN_CHARS), end)
    left: list[str] = []
    right: list[str] = []
    for index, line in enumerate(lines[:end]):
        after_label = index > 0 and lines[index - 1].endswith(":") and lines[index - 1] in right
        if (
            after_label
            or _INFO_LABEL.match(line)
            or _OFFICE.match(line)
            or (_DATE.search(line) and len(line) <= 40)
            or (_REFERENCE_LINE.search(line) and len(line) <= 30)
        ):
            right.append(line)
        else:
            left.append(line)
    if not left or not right:
        return [], [], 0
    return left, right, end


class _ColumnLayout(_PagedLayout):
    """The paged layout whose first page opens with a left block and a right-hand column."""

    left_column: tuple[str, ...] = ()
    right_column: tuple[str, ...] = ()

    def _wrapped_to(self, line: str, width_mm: float) -> list[str]:
        out: list[str] = []
        current = ""
        for word in line.split():
            candidate = f"{current} {word}" if current else word
            if current and self.get_string_width(candidate) > width_mm:
                out.append(current)
                current = word
            else:
                current = candidate
        return [*out, current] if current else out

    def write_lines(self, page: str) -> None:
        """Write one page's lines on the current page (it overflows onto new pages)."""
        for line in page.replace("\t", " ").split("\n"):
            if not line.strip():
                self.ln(PAGED_FONT_SIZE * 0.3)
                continue
            for part in self.wrapped(line.strip()):
                self.cell(0, PAGED_FONT_SIZE * 0.45, part, new_x="LMARGIN", new_y="NEXT")

    def write_header(self) -> None:
        """Write the two columns row by row: each row's left cell, then its right cell."""
        left = [p for line in self.left_column for p in self._wrapped_to(line, LEFT_COLUMN_MM)]
        width = self.w - self.r_margin - RIGHT_COLUMN_X_MM
        right = [p for line in self.right_column for p in self._wrapped_to(line, width)]
        line_h = PAGED_FONT_SIZE * 0.45
        for row in range(max(len(left), len(right))):
            y = self.get_y()
            if row < len(left):
                self.cell(LEFT_COLUMN_MM, line_h, left[row])
            if row < len(right):
                self.set_xy(RIGHT_COLUMN_X_MM, y)
                self.cell(width, line_h, right[row])
            self.set_xy(self.l_margin, y + line_h)
        self.ln(line_h)  # a letter leaves an empty line between its header and the salutation


def _render_column(pages: list[str], head: str, left: list[str], right: list[str]) -> bytes:
    from fpdf import FPDF as Base

    column: type[_ColumnLayout] = type("_ColumnPdf", (_ColumnLayout, Base), {})
    pdf = column(format="A4")
    pdf.head, pdf.left_column, pdf.right_column = head, tuple(left), tuple(right)
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=PAGED_FONT_SIZE)
    if left:
        pdf.add_page()
        pdf.write_header()
        pdf.write_lines(pages[0])
        pages = pages[1:]
    pdf.write_pages(pages)
    return bytes(pdf.output())


def _after_header(page: str, taken: int) -> str:
    """Return a page's text without its first `taken` non-empty lines."""
    lines = page.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        if seen == taken:
            return "\n".join(lines[index:])
        seen += bool(line.strip())
    return ""


def render_column_text(text: str, path: Path) -> Path:
    """Render a document's text the "column" way: paged, its header in two columns."""
    pages = text_pages(text)
    head = running_head(text)
    left, right, taken = side_column(text)
    if taken:
        pages = [_after_header(pages[0], taken), *pages[1:]]
    inputs = (
        f"column\0{LEFT_COLUMN_MM}\0{RIGHT_COLUMN_X_MM}\0{head}\0"
        + "\0".join(left)
        + "\0\0"
        + "\0".join(right)
        + "\0"
    )
    inputs += "\f".join(pages)
    stamp = "".join(inspect.getsource(x) for x in (_PagedLayout, _ColumnLayout, _render_column))
    data = cached_pdf(
        _render_column, inputs + stamp, lambda: _render_column(pages, head, left, right)
    )
    path.write_bytes(data)
    return path
