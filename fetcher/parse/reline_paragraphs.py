"""Paragraphs of printed-width lines that hold a list or a field inside them. Pure.

A run-together text printed to a PDF, or an inline list set over several printed lines ("Daher
frage ich Sie: 1. Wie …? 2. Wann …?"), comes back as lines filled to the page's width. A paragraph
is a run of such lines each of which runs on into the next; fetcher.parse.relines joins one that
holds a list label of a sequence or a header field inside its lines and breaks it like one
over-long line.
"""

from __future__ import annotations

import re

from fetcher.parse.reline_labels import FIELD, LABEL, after_sentence, list_cuts
from fetcher.parse.text import LABEL_LINE, STOP_SECTION

LONG_LINE_CHARS = 250  # a printed line holds about 100 characters; a paragraph run together more
FILLED_LINE = 0.6  # a line of a paragraph runs on if it fills this share of the page's widest

# What a line that starts a new paragraph starts with.
_STARTS_STRUCTURE = re.compile(
    rf"{LABEL.pattern[7:]}|(?i:{LABEL_LINE.pattern[1:]}|{STOP_SECTION.pattern[1:]})"
    r"|[„\"]?Sehr geehrte|Mit\s+freundliche|[•▪●◦➢►\uf0b7\uf0a7–-]\s"
)
# A list label after a sentence end, "?" or ":" (what the trigger needs, looked for cheaply first).
_AFTER_SENTENCE = re.compile(
    r"[.?!;][\"“”'’)]?\s+(?:(?:Antwort\s+)?[Zz]u\s+(?:[Ff]rage\s+)?|Frage\s+)?(?:\d{1,2}|[a-hA-H]|[IVX]{1,4})[.):]"
)


def paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """Return the page's lines as runs (start, end): a paragraph of non-blank lines each of
    which runs on into the next, or a line of its own (blank, over-long, short, or followed by
    a line that starts with structure: a list label, a header label, a salutation, a closing)."""
    printed = [len(line.rstrip()) for line in lines if len(line) <= LONG_LINE_CHARS]
    filled = FILLED_LINE * max(printed, default=0)
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines) and _runs_on(lines[index - 1], lines[index], filled):
            continue
        runs.append((start, index))
        start = index
    return runs


def _runs_on(line: str, following: str, filled: float) -> bool:
    """Whether `following` continues the paragraph `line` belongs to: `line` is filled to the
    printed width (a short line ends its paragraph, or is a table cell)."""
    if len(line.rstrip()) < filled or len(line) > LONG_LINE_CHARS:
        return False
    if len(following) > LONG_LINE_CHARS:
        return False
    text = following.strip()
    return bool(text) and not _STARTS_STRUCTURE.match(text)


def joined_lines(lines: list[str]) -> tuple[str, list[int]]:
    """Return a paragraph's lines joined by a space, and where each line starts in the join."""
    starts: list[int] = []
    pieces: list[str] = []
    position = 0
    for line in lines:
        text = line.strip()
        starts.append(position)
        pieces.append(text)
        position += len(text) + 1
    return " ".join(pieces), starts


def inline_structure(joined: tuple[str, list[int]], expect: dict[str, int]) -> bool:
    """Whether a paragraph over LONG_LINE_CHARS holds a list or a field inside its lines: a list
    label of a sequence (two labels, or the one expected after the previous line's) after a
    sentence end, a "?" or a ":" not at a line's start, or a header label with its colon."""
    text, line_starts = joined
    if len(text) <= LONG_LINE_CHARS or not (":" in text or _AFTER_SENTENCE.search(text)):
        return False
    at_start = set(line_starts)
    starts = list_cuts(text, dict(expect), set())
    if any(start not in at_start and after_sentence(text, start) for start in starts):
        return True  # not "… der Laufbahngruppe 1, 2. Einstiegsamt …" (a number before)
    for match in FIELD.finditer(text):
        line_start = max(start for start in line_starts if start <= match.start())
        head = LABEL_LINE.match(text, line_start)
        if match.group(0).endswith(":") and not (head and head.end() >= match.end()):
            return True  # not the "Begründung:" of a line's "Sachverhalt / Begründung:"
    return False
