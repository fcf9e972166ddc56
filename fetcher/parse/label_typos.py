"""A numbered list's typed slip: a number printed twice or one left out ("1. 2. 2. 4."). Pure.

Numbers typed by hand (no auto-numbering) slip: "1. … 2. … 2. … 4. …" or "1. … 2. … 4. …".
A run that only takes the next number (markers.next_label) folds the slipped item and every
item after it into the one before. What still makes the line an item is the list's structure:
it opens with the same label mark as the open item's line ("2." under "2.", not "2)" or "2.)"
of another level), the open item asks (its answer may follow it), the slipped item asks from a
capital, and the number it stands for is printed nowhere below (a sub-list's "1. 2." under
"2." sits in a list whose "3." follows); a number printed twice is followed by the one after
the number it stands for ("4.").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fetcher.parse.markers import list_marker

_DIGITS = re.compile(r"\d{1,2}")
ITEM_LINES = 6  # an item's wrapped lines looked at for its "?"


def _asks(rest: str, below: Sequence[str]) -> bool:
    """Return True if an item's text up to the next label or blank line holds a "?"."""
    for line in [rest, *below]:
        if "?" in line:
            return True
        if not line or list_marker(line):
            return False
    return False


def _mark(line: str, rest: str) -> str:
    """Return the label's shape with its number blanked ("2.)" → "#.)")."""
    return _DIGITS.sub("#", line[: len(line) - len(rest)].strip(), count=1)


def label_before(
    lines: Sequence[str],
    i: int,
    open_line: int,
    label: str,
    marker: tuple[str, str, str] | None,
    last_marker: Mapping[tuple[str, str], int],
) -> str:
    """Return the label a numbered run holds before lines[i]: `label`, or when lines[i] opens the
    next item under a slipped number, that number less one (the run then takes it as the next).

    `open_line` is the line of the open item's label, `label` its number; `last_marker` maps
    (style, label) to the last line opening with it (questions.RunScan.last_marker).
    """
    slipped = _slipped(lines, i, open_line, label, marker, last_marker) if marker else None
    return slipped or label


def _slipped(
    lines: Sequence[str],
    i: int,
    open_line: int,
    label: str,
    marker: tuple[str, str, str],
    last_marker: Mapping[tuple[str, str], int],
) -> str | None:
    if not may_slip(lines, i, label, marker, last_marker):
        return None
    opened = list_marker(lines[open_line])
    if opened is None or not _asks(opened[2], lines[open_line + 1 : open_line + 1 + ITEM_LINES]):
        return None  # the open item asks too (its answer may follow it: "1. …? / Die …")
    if _mark(lines[i], marker[2]) != _mark(lines[open_line], opened[2]):
        return None
    return str(int(marker[1]) - 1)


def may_slip(
    lines: Sequence[str],
    i: int,
    label: str,
    marker: tuple[str, str, str] | None,
    last_marker: Mapping[tuple[str, str], int],
) -> bool:
    """Return True if lines[i] may open the item after `label` under a slipped number: what the
    line and the labels below it say, before the open item is looked at (see the module)."""
    if marker is None or marker[0] != "num" or not slips(label, marker[1]):
        return False
    value, current = int(marker[1]), int(label)
    rest = marker[2]
    if not (rest[:1].isupper() and _asks(rest, lines[i + 1 : i + 1 + ITEM_LINES])):
        return False
    if last_marker.get(("num", str(current + 1)), -1) > i:
        return False  # the number it skips or stands for is printed below: another list's
    # "2." again: "4." follows (a last number printed again is as often the question quoted
    # again above its answer: Landtag 19/11138's "3." before the answer to 3)
    return value != current or last_marker.get(("num", str(current + 2)), -1) > i


def slips(label: str, printed: str) -> bool:
    """Return True if `printed` may be a slip for the number after `label` (again or skipped)."""
    return printed.isdigit() and label.isdigit() and int(printed) - int(label) in (0, 2)
