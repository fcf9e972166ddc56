"""A head printed as a table: a row of labels, the row of their values under it, by column. Pure.

A paper's head as a table of cells (an office template, a council system's print, a form's
"Nummer / Datum / Status" block) puts the labels on one printed line and the values on the next,
each value under its label: "Nummer       Datum         Status" / "A 0123/2021  12.03.2021
öffentlich". Two spaces or more part the cells; the value of the number label is the cell under it
(the one that shares the most of its column). Read from the relined pages, whose spaces are as
printed (clean_lines folds them). Used by bare_numbers.paper_reference when no label on a line of
the head has its value beside or below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.parse.paper_number import VALUE, is_value, tidy

# A cell: words set apart by one space; two spaces or a tab end it.
_CELL = re.compile(r"\S+(?: \S+)*")
# A label cell: up to three capitalised words or abbreviations, no digit ("Datum", "Vorlage-Nr.",
# "Lfd. Nr.", "Status:", "Federführendes Amt").
_LETTERS = r"(?:[^\W\d_]|[.-])"
_LABEL_CELL = re.compile(rf"[A-ZÄÖÜ]{_LETTERS}*(?: {_LETTERS}+){{0,2}}:?")
# The number label: a paper noun with "Nr."/"Nummer", "Drucksache", "DS", or "Nr."/"Nummer" alone.
_NUMBER_LABEL = re.compile(
    r"(?:[\wÄÖÜäöüß]*(?:[Vv]orlage|[Dd]rucksache|[Aa]nfrage|[Aa]ntrag)(?:n|s)?|DS|Drs\.?|Ds\.?|"
    r"Vorl\.?)\s*-?\s*(?:Nr\.?|[Nn]ummer)|Drucksache|DS|Drs\.|(?:[Ll]fd\.\s*)?(?:Nr\.|Nummer)",
)
# A number label of another paper: the one this paper refers to ("Bezugsvorlagen-Nr.", "Bezug").
_BACK = re.compile(r"(?i:bezug)")
_BARE = re.compile(r"(?:[Ll]fd\.\s*)?(?:Nr\.|Nummer)")
_ROWS = 12  # printed lines of a page's head searched for the label row


def _cells(line: str) -> list[tuple[int, int, str]]:
    """Return the cells of a printed line as (start, end, text)."""
    return [(m.start(), m.end(), m.group(0)) for m in _CELL.finditer(line.expandtabs(8))]


def _label_row(cells: list[tuple[int, int, str]]) -> int | None:
    """Return the index of the number label in a row of label cells, or None."""
    if len(cells) < 2 or not all(_LABEL_CELL.fullmatch(c) and len(c) <= 25 for _, _, c in cells):
        return None
    numbered = [
        k
        for k, (_, _, c) in enumerate(cells)
        if _NUMBER_LABEL.fullmatch(c.rstrip(":")) and not _BACK.match(c)
    ]
    return numbered[0] if len(numbered) == 1 else None


def _under(labels: list[tuple[int, int, str]], k: int, values: list[tuple[int, int, str]]) -> str:
    """Return the value cell under label k: the one that shares the most of the label's column."""
    start = labels[k][0]
    stop = labels[k + 1][0] if k + 1 < len(labels) else 10**6
    best, shared = "", 0
    for v_start, v_end, text in values:
        overlap = min(stop, v_end) - max(start, v_start)
        if overlap > shared:
            best, shared = text, overlap
    return best


def table_value(pages: Sequence[str]) -> str | None:
    """Return the number under the number label of a head's label row, or None.

    "Nummer  Datum  Status" above "A 0123/2021  12.03.2021  öffentlich" → "A 0123/2021". A bare
    "Nr."/"Nummer" needs a number with a separator ("0123/2021"): a table of the body numbers its
    rows 1, 2, 3.
    """
    printed = [x for x in pages[0].split("\n") if x.strip()][:_ROWS] if pages else []
    for above, below in pairwise(printed):
        labels = _cells(above)
        k = _label_row(labels)
        values = _cells(below) if k is not None else []
        if k is None or len(values) < 2:
            continue
        value = _under(labels, k, values)
        if not re.fullmatch(VALUE, value) or not is_value(value):
            continue
        if _BARE.fullmatch(labels[k][2].rstrip(":")) and not re.search(r"[/-]", value):
            continue
        return tidy(value)
    return None
