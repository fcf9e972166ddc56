"""Decimal outline labels inside a run-together line, for the relining pre-pass. Pure.

A question list numbered as an outline ("1. … 1.2. Falls ja, … 2.1. Wie … 2.4.1. … 3. Nach …",
"Fragen: 4. Nach … 4.1 Liegen … 4.2. Falls ja: …", "… bitten wir um Aufklärung darüber, 1.1. wie
viele … 1.2. welche …") prints every label at a line's start. Run together, fetcher.parse.
reline_labels does not see its decimal labels ("1.2." is no "1." before white space), and a
lone "4." above its "4.1", "4.2." forms no sequence of its own: the list stayed one line.
What makes decimal labels an outline is their order: each one continues the one before it as
an outline counts (1.1 → 1.2, 1.4 → 2.1, 2.4 → 2.4.1, 2.4.3.1 → 3 → 3.1), and a plain "N."
right before "N.1" is their parent. Each label of a run of two or more decimal labels that
follow each other so starts a line, where it opens an item (after a sentence end, a colon or a
comma, or where a line starts already), never after a lower-case word ("um 1.5 Millionen")
and never a date ("am 12.3. 2019": the outline regex of fetcher.parse.markers).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from fetcher.parse.reline_labels import MAX_LABELS_PER_LINE, after_sentence, opens_item

# A decimal label ("1.2.", "4.1", "2.4.3.1.") or a plain number ("3.") after white space, before
# a word or an opening quote; not a date with its year ("23.09.2008", "12.3. 2019").
_OUTLINE = re.compile(
    r"(?<!\S)(?!\d{1,2}\.\d{1,2}\.\s*(?:1[89]|20)\d\d\b)"
    r"(?P<label>\d{1,2}(?:\.\d{1,2}){0,4})(?P<dot>\.?)(?=\s+[\w„\"“(])"
)
_COMMA_BEFORE = re.compile(r",\s*$")
MIN_DECIMALS = 2  # two decimal labels in order make an outline; one may be a measure ("1.5 m")
MAX_DEPTH = 5  # "2.4.3.1.1": the deepest label _OUTLINE reads

Label = tuple[int, tuple[int, ...]]  # (position, numbers)


def _successors(before: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Return the labels an outline may print next after `before`: its first child, or the next
    label of its level or of a level above it, maybe with first children ("2.4.3.1." → "3.",
    "3.1.")."""
    found = [(*before, 1)]
    for level in range(1, len(before) + 1):
        head = (*before[: level - 1], before[level - 1] + 1)
        found += [(*head, *(1,) * extra) for extra in range(MAX_DEPTH - level + 1)]
    return found


def _opens(line: str, pos: int, cuts: Collection[int]) -> bool:
    """Whether a label at `pos` may open an item: where a line starts already, after a sentence
    end or colon, after a comma ("darüber, 1.1. wie viele …"), after a capitalised word or a
    number (a title, a table cell)."""
    if pos in cuts or after_sentence(line, pos) or opens_item(line, pos):
        return True
    return bool(_COMMA_BEFORE.search(line[max(0, pos - 4) : pos]))


def outline_cuts(line: str, cuts: Collection[int]) -> set[int]:
    """Return where the labels of decimal outline runs inside the line start."""
    chains: list[list[Label]] = []
    waiting: dict[tuple[int, ...], list[Label]] = {}  # chains by the labels that go on them
    for count, match in enumerate(_OUTLINE.finditer(line)):
        if count >= MAX_LABELS_PER_LINE:
            break
        numbers = tuple(int(n) for n in match.group("label").split("."))
        if len(numbers) == 1 and not match.group("dot"):
            continue  # a bare number ("2019", "3 Fahrzeuge") is no label
        if not _opens(line, match.start(), cuts):
            continue
        chain = waiting.pop(numbers, None)
        if chain is None or numbers not in _successors(chain[-1][1]):
            chain = []
            chains.append(chain)
        chain.append((match.start(), numbers))
        for successor in _successors(numbers):
            waiting[successor] = chain
    starts: set[int] = set()
    for chain in chains:
        decimals = [numbers for _, numbers in chain if len(numbers) >= 2]
        if len(decimals) >= MIN_DECIMALS:
            starts.update(pos for pos, _ in chain)
    return starts
