"""Side columns on a PDF page: read a letter's right-hand column after its left-hand block. Pure
core (`read_columns`) with a thin pdfium shell (`side_columns`).

German letters (DIN 5008) and many council forms print an information block (sender office,
"Datum", "Aktenzeichen", the letterhead) in a column right of the address block. pdfium follows
the content stream, and where both columns share a baseline it returns one line: "Stadtteilbeirat
Büchenbach Erlangen, den 16.12.2020". A column is told apart by structure: a run of consecutive
lines (no blank line between them) that all leave the same wide vertical gutter free, with text
right of it starting in the page's right half, and at least one line of the run on one side only.
One wide gap in one line is no column (a centred head with its number far right, a table row),
nor is a label tabbed apart from its value ("Ende:      20:30 Uhr"), nor a run where every line
has both sides (a table) unless at least half its right sides are labels ("Datum: 12.3.2026",
"GZ:": an information block). Inside such a run the left column's lines come first, then the
right column's; every other line keeps pdfium's text byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# A gutter is at least this many line heights wide (and never under MIN_GUTTER_PT): a tab inside
# a sentence or a justified line leaves far less.
GUTTER_HEIGHTS = 3.0
MIN_GUTTER_PT = 24.0
# Consecutive lines: the blank between their boxes is at most this many line heights (single or
# one-and-a-half spacing; an empty line between them ends the run).
LINE_GAP_HEIGHTS = 1.2
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
# An information block's line: a label and its value ("Datum: 12.3.2026", "Anfrage Nr.: AF2018/13").
# A run whose every line has both sides is a table, unless at least half its right sides are
# labels or labelled values.
_LABELLED = re.compile(r"[^\W\d][\w./ -]{0,24}:(?:\s|$)")
# text start, end → one piece per visible character with its text offset
CharPieces = Callable[[int, int], list["Piece"]]


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of text on the page (a pdfium text rectangle): its box and where its text starts
    in the page's text."""

    left: float
    right: float
    bottom: float
    top: float
    start: int


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    pieces: list[Piece]

    @property
    def bottom(self) -> float:
        return min(p.bottom for p in self.pieces)

    @property
    def top(self) -> float:
        return max(p.top for p in self.pieces)

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _gutter_width(height: float) -> float:
    return max(GUTTER_HEIGHTS * height, MIN_GUTTER_PT)


def widest_gap(pieces: list[Piece], page_width: float) -> tuple[float, float] | None:
    """Return the widest column-wide gap (x from, x to) of one line's pieces whose right side
    starts in the page's right half, or None."""
    if len(pieces) < 2:
        return None
    height = max(p.top for p in pieces) - min(p.bottom for p in pieces)
    best: tuple[float, float] | None = None
    ordered = sorted(pieces, key=lambda p: p.left)
    reach = ordered[0].right
    for piece in ordered[1:]:
        gap = piece.left - reach
        if (
            gap >= _gutter_width(height)
            and piece.left >= page_width / 2
            and (best is None or gap > best[1] - best[0])
        ):
            best = (reach, piece.left)
        reach = max(reach, piece.right)
    return best


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the text's lines, line breaks left out."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans


def _sides(line: _Line, gutter: tuple[float, float]) -> tuple[list[Piece], list[Piece]] | None:
    """Split a line's pieces into those left and right of the gutter; None when one crosses it."""
    left: list[Piece] = []
    right: list[Piece] = []
    middle = (gutter[0] + gutter[1]) / 2
    for piece in line.pieces:
        if piece.right <= gutter[1] and (piece.left < gutter[0] or piece.right <= middle):
            left.append(piece)
        elif piece.left >= gutter[0]:
            right.append(piece)
        else:
            return None
    return left, right


def _narrowed(
    gutter: tuple[float, float], left: list[Piece], right: list[Piece], height: float
) -> tuple[float, float] | None:
    start = max([gutter[0], *(p.right for p in left)])
    end = min([gutter[1], *(p.left for p in right)])
    return (start, end) if end - start >= _gutter_width(height) else None


def _split_at(left: list[Piece], right: list[Piece]) -> tuple[int, bool] | None:
    """Return where a line's text turns from one side to the other and whether the left side's
    text comes first; None when pdfium interleaved the two sides."""
    left_starts = [p.start for p in left]
    right_starts = [p.start for p in right]
    if max(left_starts) < min(right_starts):
        return min(right_starts), True
    if max(right_starts) < min(left_starts):
        return min(left_starts), False
    return None


@dataclass(slots=True)
class _Run:
    first: int
    last: int
    gutter: tuple[float, float]
    bottom: float
    top: float
    one_sided: bool = False


def _joins(line: _Line, run: _Run) -> tuple[float, float] | None:
    """Return the run's gutter narrowed by `line` when the line continues the run, else None."""
    if not line.pieces:
        return None
    height = line.height
    if line.top < run.bottom - LINE_GAP_HEIGHTS * height:
        return None
    if line.bottom > run.top + LINE_GAP_HEIGHTS * height:
        return None
    sides = _sides(line, run.gutter)
    if sides is None:
        return None
    return _narrowed(run.gutter, *sides, height)


def _grow(lines: list[_Line], run: _Run, floor: int) -> None:
    """Extend the run over the lines before (down to `floor`) and after it that continue it."""
    for step in (-1, 1):
        index = run.first - 1 if step < 0 else run.last + 1
        while floor <= index < len(lines):
            line = lines[index]
            gutter = _joins(line, run)
            if gutter is None:
                break
            left, right = _sides(line, gutter) or ([], [])
            run.one_sided = run.one_sided or not left or not right
            run.gutter = gutter
            run.bottom, run.top = min(run.bottom, line.bottom), max(run.top, line.top)
            if step < 0:
                run.first = index
            else:
                run.last = index
            index += step


def _column_lines(text: str, lines: list[_Line], run: _Run, chars: CharPieces) -> list[str] | None:
    """Return the run's lines, left column first; None when the run is no side column."""
    lefts: list[str] = []
    rights: list[str] = []
    labelled = 0
    for line in lines[run.first : run.last + 1]:
        segment = text[line.start : line.end]
        left, right = _sides(line, run.gutter) or ([], [])
        if not right:
            lefts.append(segment)
        elif not left:
            rights.append(segment)
        else:
            each = _sides(_Line(line.start, line.end, chars(line.start, line.end)), run.gutter)
            split = _split_at(*each) if each and each[0] and each[1] else None
            if split is None:
                return None
            cut = split[0] - line.start
            head, tail = segment[:cut].rstrip(" "), segment[cut:]
            if (head if split[1] else tail).rstrip().endswith(":"):
                return None  # a label and its value, tabbed apart ("Ende:      20:30 Uhr")
            lefts.append(head if split[1] else tail)
            rights.append(tail if split[1] else head)
            labelled += bool(_LABELLED.match(rights[-1]))
    if not run.one_sided and not (2 * labelled >= len(rights) and run.last > run.first):
        return None
    return lefts + rights


def read_columns(
    text: str, line_pieces: list[list[Piece]], page_width: float, chars: CharPieces
) -> str:
    """Return the page text with each side-column run read left column first, then right.

    `line_pieces` holds each line's text boxes (lines as `line_spans` gives them); `chars(start,
    end)` returns one piece per visible character of text[start:end], with its offset, for the
    lines whose two sides must be cut apart."""
    lines = [
        _Line(start, end, pieces)
        for (start, end), pieces in zip(line_spans(text), line_pieces, strict=True)
    ]
    out = [[text[line.start : line.end]] for line in lines]
    index = floor = 0
    changed = False
    while index < len(lines):
        line = lines[index]
        gap = widest_gap(line.pieces, page_width)
        if gap is None:
            index += 1
            continue
        run = _Run(index, index, gap, line.bottom, line.top)
        _grow(lines, run, floor)
        columns = _column_lines(text, lines, run, chars)
        if columns is None:
            index += 1
            continue
        out[run.first : run.last + 1] = [columns] + [[] for _ in range(run.first, run.last)]
        changed = True
        index = floor = run.last + 1
    return "\r\n".join(part for parts in out for part in parts) if changed else text


def _rows_with_gap(rects: list[tuple[float, float, float, float]], page_width: float) -> bool:
    """Tell whether any row of text boxes has a column-wide gap (the cheap test before any
    per-line work)."""
    half = page_width / 2
    row: list[tuple[float, float]] = []
    bottom = top = 0.0
    for left, low, right, high in sorted(rects, key=lambda r: -r[3]):
        if row and bottom < (low + high) / 2 < top:
            row.append((left, right))
            bottom, top = min(bottom, low), max(top, high)
            continue
        if _row_gap(row, top - bottom, half):
            return True
        row, bottom, top = [(left, right)], low, high
    return _row_gap(row, top - bottom, half)


def _row_gap(row: list[tuple[float, float]], height: float, half: float) -> bool:
    if len(row) < 2 or max(left for left, _ in row) < half:
        return False
    row.sort()
    reach = row[0][1]
    for left, right in row[1:]:
        if left - reach >= _gutter_width(height) and left >= half:
            return True
        reach = max(reach, right)
    return False


def side_columns(
    textpage: pdfium.PdfTextPage,
    text: str,
    page_width: float,
    page_rects: list[tuple[float, float, float, float]] | None = None,
) -> str:
    """Return the page's text (pdfium's `get_text_range`) with side columns read one after the
    other; pages without a wide gap on any row return `text` as it is. `page_rects`: the page's
    text boxes when the caller has them (fetcher.pdf_order.text_rects)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))

    def rects(first: int, count: int) -> list[tuple[float, float, float, float]]:
        # pdfium_c directly, with the four doubles made once: pypdfium2's get_rect makes four
        # per call, which showed in the parse benchmark.
        out = []
        for index in range(pdfium_c.FPDFText_CountRects(raw, first, count)):
            pdfium_c.FPDFText_GetRect(raw, index, left, top, right, bottom)
            out.append((left.value, bottom.value, right.value, top.value))
        return out

    if not _rows_with_gap(rects(0, -1) if page_rects is None else page_rects, page_width):
        return text

    def char_at(offset: int) -> int:
        index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, offset)
        if index < 0:
            raise IndexError(offset)
        return int(index)

    def boxes(start: int, end: int) -> list[Piece]:
        if end <= start:
            return []
        first = char_at(start)
        return [_piece(box, -1) for box in rects(first, char_at(end - 1) - first + 1)]

    def chars(start: int, end: int) -> list[Piece]:
        return [
            _piece(textpage.get_charbox(char_at(offset)), offset)
            for offset in range(start, end)
            if not text[offset].isspace() and text[offset] not in "\ufffe\x02"
        ]

    try:
        pieces = [boxes(start, end) for start, end in line_spans(text)]
        return read_columns(text, pieces, page_width, chars)
    except (IndexError, pdfium.PdfiumError):  # a box pdfium cannot give: its own reading order
        return text


def _piece(box: tuple[float, float, float, float], start: int) -> Piece:
    left, bottom, right, top = box
    return Piece(left, right, bottom, top, start)
