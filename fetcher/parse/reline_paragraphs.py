"""Paragraphs of printed-width lines that hold a list or a field inside them. Pure.

A run-together text printed to a PDF, or an inline list set over several printed lines ("Daher
frage ich Sie: 1. Wie …? 2. Wann …?"), comes back as lines filled to the page's width. A paragraph
is a run of such lines each of which runs on into the next; fetcher.parse.relines joins one that
holds a list label of a sequence or a header field inside its lines and breaks it like one
over-long line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from fetcher.parse.answer_headings import RUN_IN_WORDS
from fetcher.parse.markers import ROMAN_NUMERALS
from fetcher.parse.page_edges import edge_key
from fetcher.parse.reline_labels import (
    FIELD,
    LABEL,
    after_sentence,
    label_style,
    list_cuts,
)
from fetcher.parse.reline_runs import run_cuts
from fetcher.parse.text import LABEL_LINE, STOP_SECTION, line_joint

LONG_LINE_CHARS = 250  # a printed line holds about 100 characters; a paragraph run together more
FILLED_LINE = 0.6  # a line of a paragraph runs on if it fills this share of the page's widest
MIN_PRINTED = 60  # a printed body line of a portrait page holds more characters than this
_HEAD_PREFIX = 15  # a later page's head continuing the first page's first line shares this much
_PRINTED_CLUSTER = 1.25  # a line longer than this share of most long lines' width is a join

# What a line that starts a new paragraph starts with.
_STARTS_STRUCTURE = re.compile(
    rf"{LABEL.pattern[7:]}|(?i:{LABEL_LINE.pattern[1:]}|{STOP_SECTION.pattern[1:]})"
    r"|[„\"]?Sehr geehrte|Mit\s+freundliche|[•▪●◦➢►\uf0b7\uf0a7–-]\s"
)
# A number that ends the text before a label: a table's cell or a page number, not "1," of a
# run of numbers.
_NUMBER_BEFORE = re.compile(r"(?<!\S)\d+(?:[.,]\d+)*\s+$")
# A list label after a sentence end, "?" or ":" (what the trigger needs, looked for cheaply first).
_AFTER_SENTENCE = re.compile(
    rf"[.?!;][\"“”'’)]?\s+(?:{RUN_IN_WORDS}|Frage\s+)?(?:\d{{1,2}}|[a-zA-Z]|[IVX]{{1,6}})[.):]"
)

# A label only fetcher.parse.reline_runs reads after a sentence end: a dash, a bullet, a
# bracketed label (a cheap look first).
_RUN_LABEL = re.compile(r"[.?!:;)\"“”]\s+(?:[•–—\-▪●◦➢►\uf0b7\uf0a7]|\(\w{1,3}\))\s")


def paragraphs(lines: list[str], head: int | None = None) -> list[tuple[int, int]]:
    """Return the page's lines as runs (start, end): a paragraph of non-blank lines each of
    which runs on into the next, or a line of its own (blank, over-long, short, followed by
    a line that starts with structure: a list label, a header label, a salutation, a closing;
    or the page's running head, line `head`)."""
    filled = FILLED_LINE * printed_width(lines)
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if (
            index < len(lines)
            and index - 1 != head
            and _runs_on(lines[index - 1], lines[index], filled)
        ):
            continue
        runs.append((start, index))
        start = index
    return runs


def running_heads(pages: Sequence[str]) -> list[int | None]:
    """Return per page the index of its first line where that line is a running head: on a
    later page, the same line (its numbers aside) as on another later page's top, or the first
    page's first line continued or cut short ("Niedersächsischer Landtag – 19. Wahlperiode
    Drucksache 19/11168 1 Kleine" over page 1, "… 1 Kleine Anfrage zur schri" over page 2).

    A head is set above the body; where the page's first paragraph runs on below it, the two
    are no paragraph (the head would be glued to the text and no longer repeat).
    """
    firsts: list[tuple[int, str]] = []
    for page in pages:
        lines = page.split("\n")
        index = next((i for i, line in enumerate(lines) if line.strip()), -1)
        firsts.append((index, lines[index].strip() if index >= 0 else ""))
    keys = Counter(edge_key(line) for _, line in firsts[1:] if line)
    top = firsts[0][1] if firsts else ""
    heads: list[int | None] = [None]
    for index, line in firsts[1:]:
        repeats = bool(line) and len(line) <= LONG_LINE_CHARS and keys[edge_key(line)] >= 2
        shorter, longer = sorted((top, line), key=len)
        continued = len(shorter) >= _HEAD_PREFIX and longer.startswith(shorter)
        heads.append(index if index >= 0 and (repeats or continued) else None)
    return heads[: len(pages)]


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
    # "Siehe Antwort" / "zu Frage 3.": a lower-case "zu" goes on with the line above.
    return bool(text) and (text.startswith("zu ") or not _STARTS_STRUCTURE.match(text))


def joined_lines(lines: list[str]) -> tuple[str, list[int]]:
    """Return a paragraph's lines joined as text.join_lines joins them (a word hyphenated at a
    line's end whole again, "CDU-" + "Fraktion" with its hyphen), and where each line starts."""
    starts: list[int] = []
    pieces: list[str] = []
    position = 0
    for line in lines:
        text = line.strip()
        between = ""
        if pieces:
            last = pieces[-1]
            # line_joint looks only at a hyphen or a URL at the end; any other line takes a space
            hyphen_or_url = last.endswith("-") or "://" in last or "www." in last
            drop, between = line_joint(last, text) if hyphen_or_url else (0, " ")
            if drop:
                pieces[-1] = pieces[-1][:-drop]
                position -= drop
        position += len(between)
        starts.append(position)
        pieces.append(between + text)
        position += len(text)
    return "".join(pieces), starts


def inline_structure(joined: tuple[str, list[int]], expect: dict[str, int]) -> bool:
    """Whether a paragraph over LONG_LINE_CHARS holds a list or a field inside its lines: a list
    label of a sequence (two labels, or the one expected after the previous line's) after a
    sentence end, a "?" or a ":" not at a line's start, or a header label with its colon."""
    text, line_starts = joined
    if len(text) <= LONG_LINE_CHARS:
        return False
    first = LABEL.match(text)  # "12. Wie bewertet … 13. Welche …": 13 is expected as well
    after_first = {**expect, label_style(first)[0]: label_style(first)[1] + 1} if first else {}
    if not (
        ":" in text
        or _AFTER_SENTENCE.search(text)
        or _RUN_LABEL.search(text)
        or _holds_expected(text, expect)
        or _holds_expected(text, after_first)
    ):
        return False
    at_start = set(line_starts)
    starts = list_cuts(text, dict(expect), set())
    if any(start not in at_start and after_sentence(text, start) for start in starts):
        return True  # not "… der Laufbahngruppe 1, 2. Einstiegsamt …" (a number before)
    if any(start not in at_start and _after_number(text, start) for start in starts):
        return True
    if any(start not in at_start for start in run_cuts(text, set(), dict(expect))):
        return True  # "… Anfrage: - Inwieweit …? - Wie …?", "(1) Wie …? (2) Wann …?"
    for match in FIELD.finditer(text):
        line_start = max(start for start in line_starts if start <= match.start())
        head = LABEL_LINE.match(text, line_start)
        if match.group(0).endswith(":") and not (head and head.end() >= match.end()):
            return True  # not the "Begründung:" of a line's "Sachverhalt / Begründung:"
    return False


def _after_number(text: str, start: int) -> bool:
    """Whether a label of a sequence stands after a number: a table's last cell or a page number
    ("… 82,7 3. Welche Maßnahmen …", "… Drucksache 19/11168 4 4. Welche …"); not after
    "Laufbahngruppe 1," or a word ("im Bereich 2. Ausnahmsweise …")."""
    return bool(_NUMBER_BEFORE.search(text[max(0, start - 30) : start]))


def _holds_expected(text: str, expect: dict[str, int]) -> bool:
    """Whether the label the previous lines' or page's list expects next stands in the text
    (a cheap look: "3." or "3)" for the numbers, "c)" for letters …)."""
    for style, value in expect.items():
        if style == "num" and (f" {value}." in text or f" {value})" in text):
            return True
        if style in ("low", "lowdot", "up") and 1 <= value <= 26:
            letter = chr(ord("A" if style == "up" else "a") + value - 1)
            if f" {letter}{')' if style == 'low' else '.'}" in text:
                return True
        if style == "roman" and f" {ROMAN_NUMERALS[min(value, len(ROMAN_NUMERALS)) - 1]}." in text:
            return True
        if style in ("zu", "frage") and f" {value}" in text:
            return True
    return False
