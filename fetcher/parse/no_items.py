"""Numbers at a line start that open no list item. Pure.

A footnote mark with its URL below, a page number left alone between a running head and the
page's text (its label opens the real item further down), a subscript ("CO" / "2"), an ordinal
after an article ("… Informationen den" / "3. Bauabschnitt"). fetcher.parse.questions skips them
when it builds a list run.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

from fetcher.parse.markers import ARTICLE_END, LINE_CHARS, list_marker

Labels = dict[tuple[str, str], list[int]]
_BARE_NUMBER = re.compile(r"\d{1,3}")
MIN_HEAD_CHARS = 12  # a running head's line ("Drucksache 19/11143") holds at least this much


def without_page_numbers(lines: Sequence[str]) -> list[str]:
    """Return the lines with each number alone on its line right below a line that repeats in the
    text blanked: the page number under a running head that pages joined without a form feed
    leave mid-text ("Drucksache 19/11143" / "3" between "C) …" and "D) …", Landtag 19/11143
    run together). It opens no item, and no list of its own around a lettered or dashed one.
    A number a numbered list above would go on with stays, and so do all of them in a text
    without a lettered, Roman or dashed item (there the question finder tells them apart).
    """
    if not any((marker := list_marker(line)) and marker[0] != "num" for line in lines if line):
        return list(lines)  # no list of another style for the numbers to form a list around
    counts = Counter(line for line in lines if len(line) >= MIN_HEAD_CHARS)
    out = list(lines)
    above = ""
    last = 0  # the number of the last numbered item above
    for i, line in enumerate(lines):
        if not line:
            continue
        if _BARE_NUMBER.fullmatch(line):
            # the label a numbered list expects next may be that number: the question finder
            # tells the two apart (printed_again)
            if counts[above] >= 2 and int(line) != last + 1:
                out[i] = ""
        elif (marker := list_marker(line)) and marker[0] == "num":
            last = int(marker[1])
        above = line
    return out


def item_labels(lines: Sequence[str]) -> Labels:
    """Return (style, label) → the indices of the lines that open an item with text, in order."""
    found: Labels = {}
    for i, line in enumerate(lines):
        marker = list_marker(line) if line else None
        if marker and marker[2]:
            found.setdefault(marker[:2], []).append(i)
    return found


def no_item(lines: Sequence[str], i: int, marker: tuple[str, str, str], labels: Labels) -> bool:
    """Return True if the label opening lines[i] is no item of the list it would continue.

    "2" / "https://taz.de/…" is a footnote inside an answer; "… Informationen den" / "3.
    Bauabschnitt …" is an ordinal inside a noun phrase that ran on; a page number (see below).
    """
    if not marker[2] and (footnote_mark(lines, i) or printed_again(lines, i, marker, labels)):
        return True
    return marker[0] == "num" and bool(ARTICLE_END.search(lines[i - 1]))


def printed_again(
    lines: Sequence[str], i: int, marker: tuple[str, str, str], labels: Labels
) -> bool:
    """Return True if a bare number is a page number: its label opens an item further down.

    A page run together and broken again at its running head leaves "Drucksache 19/11184" / "2"
    / the answer's text / … / "2. Welche Kapazitäten …?" (Landtag 19/11184 flat): the "2" alone
    is page 2, the item is printed below it (within sixty lines' worth of characters). `labels`
    is item_labels(lines).
    """
    rows = labels.get((marker[0], marker[1]), [])
    k = bisect_right(rows, i)
    if k == len(rows):
        return False
    chars = 0
    for line in lines[i + 1 : rows[k]]:
        chars += len(line) + 1 if line else 0
        if chars > 60 * LINE_CHARS:
            return False
    return True


def footnote_mark(lines: Sequence[str], i: int) -> bool:
    """Return True if a number alone on its line marks a footnote: its URL follows below.

    "1 https://www.kbv.de/…" printed in a narrow column puts the URL on a line of its own
    (Niedersachsen Landtag 19/11276): the "1" opens no list.
    """
    k = i + 1
    while k < len(lines) and not lines[k]:
        k += 1
    return k < len(lines) and lines[k].startswith(("http", "www.")) and " " not in lines[k]
