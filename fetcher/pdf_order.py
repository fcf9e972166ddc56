"""Reading order on a PDF page whose content stream draws its blocks out of order. Pure core
(`reading_order`) with a thin pdfium shell (`ordered_text`).

pdfium returns a page's text in the order the content stream draws it. Word processors draw the
footer, a letterhead in a text box, or an information block beside the address whenever they
like: "Seite 1 von 2" before the body, the letterhead ("Anfrage Nr.: AF2008/13", "Datum: …")
after it, the right-hand text box before the left one. The parser reads the head from the first
lines and the questions up to the closing, so such a page loses its reference or its questions.

Structure decides: the page's lines in stream order fall into runs, each going down the page
(a line entirely above the one before it opens a new run). Pages with one run, nearly all, keep
pdfium's text as it is. Otherwise a run that stands above every other run is a head drawn late
and goes first (a footer drawn first, below every other run, stays first: the page-edge rules
read furniture at either end of a page); a run whose
neighbouring lines all stand clear of it on one side is a text box beside them: after the block
of lines on its left (left before right, as fetcher.pdf_columns reads side columns), before the
lines on its right. Any other run stays where the stream has it, and so do pages whose lines run
up the page (turned slides) or that are drawn in many pieces. Every line keeps pdfium's text
byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# A line is above the one before it when its bottom clears that line's top by this much (pt):
# a superscript or a raised footnote mark stays on its line.
JUMP_PT = 1.0
# Lines of one block follow each other closer than this many line heights (as side columns'
# runs in fetcher.pdf_columns); a paragraph's gap or more ends the block.
BLOCK_GAP_HEIGHTS = 1.2
MAX_RUNS = 12  # more runs than this: a page drawn piece by piece, left in pdfium's order


# A line break, or pdfium's mark of a hyphen at a line's end that it joined to whatever the
# stream draws next ("betrof\ufffeAnfrage Nr.: AF2020/13": the body's last word, then the
# letterhead drawn after the body): the text after it may stand elsewhere on the page.
_LINE_END = re.compile(r"\r\n|\n|\r|(?<=[\ufffe\x02])(?![\r\n])")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the text's lines, line breaks left out; a line ends
    after pdfium's line-end hyphen mark too."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _LINE_END.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class Box:
    """A line's box on the page (PDF points, y upwards)."""

    left: float
    bottom: float
    right: float
    top: float


def has_jump(boxes: list[tuple[float, float, float, float]]) -> bool:
    """Tell whether any text box (left, bottom, right, top, in text order) stands entirely above
    the box before it: the cheap test before any per-line work."""
    return any(b[1] > a[3] + JUMP_PT for a, b in pairwise(boxes))


def _runs(boxes: Sequence[Box | None]) -> list[list[int]]:
    """Split the lines (indices) into runs going down the page; lines without a box join the
    run they stand in."""
    runs: list[list[int]] = [[]]
    last: Box | None = None
    for index, box in enumerate(boxes):
        if box is not None and last is not None and box.bottom > last.top + JUMP_PT:
            runs.append([])
        runs[-1].append(index)
        last = box or last
    return [run for run in runs if run]


def _union(boxes: Sequence[Box]) -> Box | None:
    """Return the smallest box around all of `boxes` (None if there is none)."""
    if not boxes:
        return None
    return Box(
        min(b.left for b in boxes),
        min(b.bottom for b in boxes),
        max(b.right for b in boxes),
        max(b.top for b in boxes),
    )


def _extent(run: list[int], boxes: Sequence[Box | None]) -> Box | None:
    return _union([b for i in run if (b := boxes[i]) is not None])


def _overlap_v(a: Box, b: Box) -> bool:
    return a.bottom < b.top and b.bottom < a.top


def _side_place(order: list[int], box: Box, boxes: Sequence[Box | None]) -> int | None:
    """Return where in `order` a side box goes: after the block of lines beside it on its left
    (the lines beside it and the lines under them that go on without a paragraph's gap), or
    before the first line beside it on its right; None unless every line of `order` beside it
    stands clear of it on one side (a line across its width: no side box)."""
    beside = [(k, b) for k, i in enumerate(order) if (b := boxes[i]) and _overlap_v(b, box)]
    if not beside:
        return None
    if all(b.left >= box.right for _k, b in beside):
        return beside[0][0]
    if not all(b.right <= box.left for _k, b in beside):
        return None
    at, last = beside[-1]
    while at + 1 < len(order) and (b := boxes[order[at + 1]]) is not None:
        if b.right > box.left or b.top < last.bottom - BLOCK_GAP_HEIGHTS * (last.top - last.bottom):
            break  # a line across the box's side, or a paragraph's gap: the block ends
        at, last = at + 1, b
    return at + 1


def reading_order(text: str, boxes: Sequence[Box | None]) -> str:
    """Return the page text with its runs of lines in reading order (see the module's doc);
    `boxes` holds each line's box (lines as `line_spans` gives them), None
    for a line without visible text."""
    runs = _runs(boxes)
    if len(runs) < 2 or len(runs) > MAX_RUNS:
        return text
    placed = [b for b in boxes if b is not None]
    if 2 * sum(b.top - b.bottom > b.right - b.left for b in placed) > len(placed):
        return text  # lines running up the page (a turned page): "above" means nothing here
    extents = [_extent(run, boxes) for run in runs]
    tops: list[int] = []
    feet: set[int] = set()
    rest: list[int] = []  # runs (indices) read where the stream has them, or as side boxes
    frame = max(range(len(runs)), key=lambda k: len(runs[k]))  # the body: the longest run
    for k, box in enumerate(extents):
        others = [b for j, b in enumerate(extents) if j != k and b is not None]
        if box is None or not others or k == frame:
            rest.append(k)
        elif all(box.top < b.bottom for b in others):
            # A footer drawn before the body stays where the stream has it: the page-edge rules
            # read a page's furniture at either end, and a page's text moved behind its last
            # line reads differently once pages are run together (bench.kind_mixed, flat).
            rest.append(k)
            feet.add(k)
        elif all(box.bottom > b.top for b in others):
            tops += runs[k]  # a letterhead drawn after the body
        else:
            rest.append(k)
    sides: list[int] = []
    for k in rest:
        box = extents[k]
        if k == frame or box is None or k in feet:
            continue
        lines = [i for j in rest if j != k and j not in sides for i in runs[j]]
        if _side_place(lines, box, boxes) is not None:
            sides.append(k)  # a text box beside the other lines, drawn before or after them
    middle = [i for k in rest if k not in sides for i in runs[k]]
    for k in sides:
        box = extents[k]
        assert box is not None
        at = _side_place(middle, box, boxes)
        at = len(middle) if at is None else at
        middle[at:at] = runs[k]
    order = tops + middle
    if order == sorted(order):
        return text
    spans = line_spans(text)
    parts: list[str] = []
    for pos, i in enumerate(order):
        start, end = spans[i]
        if pos + 1 < len(order) and order[pos + 1] == i + 1:
            parts.append(text[start : spans[i + 1][0]])  # the stream's own break, or none
        elif text[start:end].endswith(("\ufffe", "\x02")):
            parts.append(text[start : end - 1] + "-\r\n")  # a hyphen whose word goes on elsewhere
        else:
            parts.append(text[start:end] + "\r\n")
    return "".join(parts).removesuffix("\r\n")


def text_rects(textpage: pdfium.PdfTextPage) -> list[tuple[float, float, float, float]]:
    """Return the page's text boxes (left, bottom, right, top) in text order."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    # pdfium_c directly, with the four doubles made once: pypdfium2's get_rect makes four per
    # call, which showed in the parse benchmark (as in fetcher.pdf_columns).
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    out = []
    for index in range(pdfium_c.FPDFText_CountRects(raw, 0, -1)):
        pdfium_c.FPDFText_GetRect(raw, index, left, top, right, bottom)
        out.append((left.value, bottom.value, right.value, top.value))
    return out


def ordered_text(
    textpage: pdfium.PdfTextPage, text: str, rects: list[tuple[float, float, float, float]]
) -> str:
    """Return the page's text (pdfium's `get_text_range`) in reading order; a page whose text
    boxes (`rects`: left, bottom, right, top in text order) never jump up returns `text`."""
    if not has_jump(rects):
        return text
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))

    def char_index(offset: int) -> int:
        return int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, offset))

    def line_box(start: int, end: int) -> Box | None:
        # the line's first and last visible character (pdfium's own breaks and spaces aside)
        visible = [k for k in (start, end - 1) if start < end]
        while visible and visible[0] < end and text[visible[0]].isspace():
            visible[0] += 1
        while visible and visible[-1] > start and text[visible[-1]].isspace():
            visible[-1] -= 1
        if not visible or visible[0] > visible[-1]:
            return None
        first, last = char_index(visible[0]), char_index(visible[-1])
        if first < 0 or last < first:
            return None
        boxes = []
        for k in range(pdfium_c.FPDFText_CountRects(raw, first, last - first + 1)):
            pdfium_c.FPDFText_GetRect(raw, k, left, top, right, bottom)
            boxes.append(Box(left.value, bottom.value, right.value, top.value))
        return _union(boxes)

    try:
        return reading_order(text, [line_box(start, end) for start, end in line_spans(text)])
    except pdfium.PdfiumError:  # a box pdfium cannot give: its own reading order
        return text
