"""Quotation marks around quoted questions, quoted blocks in answer letters, lead-ins. Pure.

An answer letter quotes the inquiry: „1. Wie …?", "„2. Welche …" (the mark before the number),
a whole inquiry in „…" with its question somewhere inside. The marks are no part of a list item
or a question; a quoted block in a letter that answers holds the questions, the unquoted text
after it is the answer. A lead-in sentence ending in ":" ("Dazu habe ich folgende Frage:") is no
part of the question it introduces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from fetcher.parse.markers import NUMBER_LABEL, list_marker
from fetcher.parse.wording import (
    ASKING_OPENING,
    question_signal,
    questions_in_prose,
    request_in_prose,
)

OPENING = '„“‚‘"»«'
CLOSING = '“”‘’"«»'
_MARKS = set(OPENING + CLOSING + "”’")
_MARKER_AND_QUOTE = re.compile(
    rf"^((?:{NUMBER_LABEL}|[a-z]\s*(?:\.\)|\.:|[.):]))\s*)([„“‚‘\"»«])\s*(?=\S)"
)


def _marks(text: str) -> int:
    return sum(1 for char in text if char in _MARKS)


def _whole(rest: str) -> bool:
    """Return True if text after an opening mark ends with the mark closing it ("Wie …?"")."""
    text = rest.rstrip()
    return (
        len(text) > 1 and text[-1] in CLOSING and text[-2] in ".?!,)" and _marks(text[:-1]) % 2 == 0
    )


def _quote_start(line: str) -> tuple[str, str, str] | None:
    """Return (prefix, rest, "open" or "whole") of a line opening a quotation, else None.

    The mark stands at the line start or after a list marker ("„2. Welche …", "1. „Wie …");
    "whole" when the line also closes it at its end, "open" when the line does not close it
    (the marks after it pair up among themselves: „Die neue „Haushaltsabgabe" … opens).
    """
    match = _MARKER_AND_QUOTE.match(line)
    if match:
        prefix, rest = match.group(1).rstrip() + " ", line[match.end() :]
    elif line[:1] and line[0] in OPENING:
        prefix, rest = "", line[1:].lstrip()
    else:
        return None
    if _whole(rest):
        return prefix, rest, "whole"
    return (prefix, rest, "open") if _marks(rest) % 2 == 0 else None


def opening_mark_removed(line: str) -> str:
    """Return a line without the mark opening a quotation it does not close („Seit …)."""
    start = _quote_start(line)
    if start is None or start[0] or start[2] != "open":
        return line
    return start[1]


def unquote_line(line: str) -> str:
    """Return a line without the quotation marks around a quoted list item or question.

    An opening mark before a list item or a question ("„2. Welche …", "1. „Wie …", "„Wie
    hoch …") goes, with its closing mark when the line ends with it; a closing mark right
    after a "?" at the line's end ("… 2012?"") goes when it closes nothing opened on the line.
    Quoted statements („Aktuell ist …") and quotations inside the line („Karlsruhe“ – wie …?)
    keep their marks.
    """
    start = _quote_start(line)
    if start is not None:
        prefix, rest, extent = start
        if prefix or list_marker(rest) or question_signal(rest.replace("?", "")) >= ASKING_OPENING:
            line = prefix + (rest.rstrip()[:-1].rstrip() if extent == "whole" else rest)
            return line
    if len(line) > 1 and line[-1] in CLOSING and line[-2] == "?" and _marks(line[:-1]) % 2 == 0:
        line = line[:-1].rstrip()
    return line


def unquote_lines(lines: Sequence[str]) -> list[str]:
    """Return the lines with unquote_line applied (one line out for each line in)."""
    return [unquote_line(line) for line in lines]


def _closes(line: str) -> bool:
    """Return True if a line ends a quotation opened above ("… zu stoppen."", "… Jahres aus?"")."""
    stripped = line.rstrip()
    return (
        len(stripped) > 1
        and stripped[-1] in CLOSING
        and stripped[-2] in ".?!)"
        and _marks(stripped[:-1]) % 2 == 0
    )


def quoted_blocks(lines: Sequence[str], start: int) -> list[tuple[int, int]]:
    """Return (first, last) line indexes of the quotations spanning lines, from `start` on.

    A quotation opens at a line whose first mark it does not close and ends at the first line
    that ends with a closing mark after the sentence's end; one left open ends nowhere and is
    not returned.
    """
    blocks: list[tuple[int, int]] = []
    closing: dict[int, int] = {}  # the next closing line and the next opening line from a line,
    opening: dict[int, int] = {}  # found once: an opening on every line looked again to the end
    i = max(start, 0)
    while i < len(lines):
        opened = _quote_start(lines[i])
        if opened is None:
            i += 1
            continue
        if opened[2] == "whole":
            blocks.append((i, i))
            i += 1
            continue
        end = _next_line(lines, i + 1, _closes, closing)
        if end == len(lines) or _next_line(lines, i + 1, _quote_start, opening) < end:
            i += 1
            continue
        blocks.append((i, end))
        i = end + 1
    return blocks


def _next_line(
    lines: Sequence[str], start: int, test: Callable[[str], object], found: dict[int, int]
) -> int:
    """Return the first index from `start` on whose line passes `test` (len(lines) if none);
    `found` remembers it for every line walked over."""
    walked: list[int] = []
    k = start
    while k < len(lines) and k not in found and not test(lines[k]):
        walked.append(k)
        k += 1
    end = found.get(k, k)
    for index in walked:
        found[index] = end
    return end


# "Dazu habe ich folgende Frage:", "Daher fragen wir:", "Ich möchte wissen:": an asking word
# before the colon; the question after it opens with a capital.
_LEAD_IN = re.compile(
    r"^[^:?]{0,80}\b(?:folgende[nr]?\s+(?:\w+\s+)?(?:Fragen?|Anfrage)|(?:frage|fragen)\s+(?:ich|wir)"
    r"|(?:ich|wir)\s+(?:\w+\s+){0,3}?(?:frage|fragen|wissen|erfahren)|Frage\s+lautet)\b"
    r"[^:?]{0,30}:\s+(?=(?-i:[A-ZÄÖÜ]))",
    re.I,
)


def drop_lead_in(question: str) -> str:
    """Return a question without a lead-in sentence ending in ":" before it.

    "Dazu habe ich folgende Frage: Warum …?" → "Warum …?". The lead-in must name the asking
    ("folgende Frage", "fragen wir", "ich möchte wissen"); a topic or label before a colon
    ("Radverkehr: Wie …?", "Ergänzend zu Frage 2: Zu welchen …?") stays.
    """
    match = _LEAD_IN.match(question)
    if match and "?" in question[match.end() :]:
        return question[match.end() :]
    return question


def quoted_question_lines(lines: Sequence[str], start: int) -> list[str]:
    """Return the lines of the quotations in a letter's body that open right after its lead-in.

    The first quotation must open within three lines after a lead-in ending in ":" ("Ihre o. g.
    Anfrage beantworte ich wie folgt:"); every quotation after it counts too. Lines outside
    quotations come out empty, so indexes stay those of `lines`.
    """
    blocks = quoted_blocks(lines, start)
    if not blocks:
        return []
    first = blocks[0][0]
    before = [line for line in lines[max(start, 0) : first] if line][-3:]
    if not any(line.rstrip().endswith(":") for line in before):
        return []
    kept = [""] * len(lines)
    for begin, end in blocks:
        block = list(lines[begin : end + 1])
        prefix, rest, _extent = _quote_start(block[0]) or ("", block[0], "")
        block[0] = prefix + rest
        block[-1] = block[-1].rstrip()[:-1]  # the marks that open and close the quotation
        kept[begin : end + 1] = unquote_lines(block)
    return kept


def questions_in_quotation(lines: Sequence[str], body_start: int) -> tuple[list[str], int]:
    """Return the questions a letter's quotation of the inquiry holds, and its last line's index.

    The sentences ending in "?" inside the quotations; without one, the quoted request sentence
    ("Deswegen möchte ich wissen, welche Mehrkosten … und ob … zu stoppen."): a quoted inquiry
    asks, so its one request is its question. ([], -1) when the letter quotes nothing.
    """
    quoted = quoted_question_lines(lines, body_start)
    if not any(quoted):
        return [], -1
    last = max(k for k, line in enumerate(quoted) if line)
    asked = questions_in_prose(quoted, body_start) or request_in_prose(quoted, body_start)
    return [drop_lead_in(question) for question in asked], last


def outside_quotation(lines: Sequence[str], body_start: int) -> list[str]:
    """Return the lines with those of the quoted inquiry emptied (what the letter says itself)."""
    quoted = quoted_question_lines(lines, body_start)
    return [line if not quoted or not quoted[k] else "" for k, line in enumerate(lines)]


def ends_of_quoted_questions(lines: Sequence[str]) -> set[str]:
    """Return the unquoted text of the lines that close a quoted question ("… aus?"").

    Only quotations opened at a line start or after a list marker count, and only those that
    end asking ("?"") or open a quoted item or question and ask inside: the closing mark ends
    the quoted question and what follows it is the answer. A quoted statement stays.
    """
    ends: set[str] = set()
    for begin, end in quoted_blocks(lines, 0):
        asks = (
            lines[end].rstrip()[-2] == "?"
            or (
                unquote_line(lines[begin]) != lines[begin]  # „6. Wie … Duldung? (Kita)"
                and any("?" in line for line in lines[begin : end + 1])
            )
        )
        if asks:
            line = unquote_line(lines[end])
            marker = list_marker(line)
            ends |= {line, marker[2]} if marker else {line}  # an item's first line loses its "1."
    return ends


def cut_at_quote_end(item: list[str], ends: set[str]) -> list[str]:
    """Return an item up to the line that closed its quoted question (the answer follows)."""
    for k, line in enumerate(item[:-1]):
        if line in ends:
            return item[: k + 1]
    return item


def tidy_question(question: str) -> str:
    """Return a question without a quotation mark left unpaired at its start or end.

    "… Bildungseinrichtungen? (Kita/Schule)"": the mark closed the quotation the question
    was; marks that pair up („Schaffung … Flüchtlinge") stay.
    """
    text = question.strip()
    if len(text) > 1 and text[-1] in CLOSING and _marks(text) % 2 == 1:
        text = text[:-1].rstrip()
    if len(text) > 1 and text[0] in OPENING and _marks(text) % 2 == 1:
        text = text[1:].lstrip()
    return text
