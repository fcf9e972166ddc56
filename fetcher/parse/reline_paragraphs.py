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
MIN_PRINTED = 60  # a printed body line of a portrait page holds more characters than this
_PRINTED_CLUSTER = 1.25  # a line longer than this share of most long lines' width is a join

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
    filled = FILLED_LINE * printed_width(lines)
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines) and _runs_on(lines[index - 1], lines[index], filled):
            continue
        runs.append((start, index))
        start = index
    return runs


def printed_width(lines: list[str]) -> int:
    """Return the page's printed line width: its widest line, not counting lines far wider than
    most of the page's long lines.

    pdfium drops the line break after a word hyphenated at the line's end, so a PDF's page text
    holds lines of two or three printed lines ("… Unterorganisationen der Partei …", 220
    characters among lines of 80). Such a line is longer than PRINTED_CLUSTER times the widest
    length most lines reach (the length with the most lines within 0.85 of it, a printed body
    line of at least MIN_PRINTED characters); it does not set the width.
    """
    lengths = sorted(len(line.rstrip()) for line in lines if len(line) <= LONG_LINE_CHARS)
    if not lengths:
        return 0
    widest = lengths[-1]
    if widest <= MIN_PRINTED * _PRINTED_CLUSTER:
        return widest
    best, best_count, low = 0, 0, 0
    for high, length in enumerate(lengths):
        while lengths[low] < 0.85 * length:
            low += 1
        if high - low + 1 >= best_count:
            best, best_count = length, high - low + 1
    if best < MIN_PRINTED:
        return widest
    return max(length for length in lengths if length <= _PRINTED_CLUSTER * best)


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
