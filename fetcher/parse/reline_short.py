"""A list inside a line shorter than a run-together line, for the relining pre-pass. Pure.

fetcher.parse.relines breaks only lines far longer than a printed line (LONG_LINE_CHARS). A short
text run into one line (an OParl File.text of a one-paragraph inquiry, a word processor's
paragraph "Wir bitten um Beantwortung folgender Fragen: 1. Anzahl … 2. Zeitplan …") keeps its list
inside that line, and the question finder reads its first item from the line's first word, or no
item at all where the items do not ask. Such a line is broken like a long one when it holds a
list by structure: two labels or more of one sequence (fetcher.parse.reline_labels, .reline_runs,
the Roman section headings of .reline_runs.roman_cuts), one of them inside the line after a
sentence end or a colon ("… Grundschulen: 1. …", "… saniert? 2. …"), never only a table row's
cells ("1. Quartal 2. Quartal") or a date.
"""

from __future__ import annotations

import re

from fetcher.parse.reline_labels import after_sentence, list_cuts
from fetcher.parse.reline_runs import roman_cuts, run_cuts

MIN_CHARS = 60  # a shorter line holds no two items with their words
# A cheap first look: two list labels of any style in the line, one after a sentence end.
_TWO_LABELS = re.compile(
    r"[.?!:]\s+(?:Frage\s+)?(?:\d{1,2}|[IVX]{1,4}|[A-Za-z]|\(\d{1,2}\)|\[\d{1,2}\])[.):\]]?\s"
)


def holds_short_list(line: str, expect: dict[str, int]) -> bool:
    """Whether a line no longer than a run-together one holds a list to break it at (see the
    module); `expect` (the labels expected next) is not changed."""
    if len(line) < MIN_CHARS or not _TWO_LABELS.search(line):
        return False
    starts = list_cuts(line, dict(expect), set()) | run_cuts(line, set(), dict(expect))
    inside = [start for start in starts if start > 0 and after_sentence(line, start)]
    return (len(starts) >= 2 and bool(inside)) or bool(roman_cuts(line) - {0})
