"""Numbered questions each answered below it, an answer holding a numbered list of its own. Pure.

An answer paper repeats the inquiry's numbered questions and answers each right below it; an
answer may itself list what it reports, numbered again from 1 ("Folgende Spielplätze sind
vorgesehen: / 1. Spielplatz Am Weiher / 2. …", "Er setzt sich zusammen aus: 1. …, 2. …"). That
list is not more questions. What makes the layout is its structure:
- the questions: lines opening with a number ("1.", "2)", "Frage 1:") whose first sentence asks
  ("?"), numbered 1, 2, … n (n ≥ 2) in the order printed;
- between them, lines opening with a number whose first sentence does not ask: each such run
  numbered 1, 2, … again, after the first question (an answer's own list), at least one run;
- every question answered: text stands between it and the next question;
- the questions not quoted (a quotation's closing mark says where a quoted question ends: the
  numbered readers of fetcher.parse.answers).
A page run together into one line (or a paragraph) is read the same way: a number opens an item
where a sentence or a list item ends before it (". 1. …", ": 1. …", ", 2. …"), "Frage 2:" anywhere.
Used by fetcher.parse.answers before the readers of unnumbered and numbered questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.question_answer import split_question_answer
from fetcher.parse.text import join_lines

MIN_QUESTIONS = 2
_MARKER = re.compile(r"^\s*(?:Frage\s+)?(\d{1,2})\s*(?:[.)]|(?<=\d):)\s+(?=\S)")
# a number opening an item inside a run-together line: after a sentence's or list item's end
_RUN_IN = re.compile(
    r"(?<=[.?!:;,]) (?=(?:Frage\s+)?\d{1,2}\s*[.)]\s+[^\W\d_])"
    r"|(?<=\S) (?<!\b[Zz]u )(?<!\b[Aa]d )(?<!\bAntwort )(?=Frage\s+\d{1,2}:\s+[A-ZÄÖÜ])"
)
_END = re.compile(r"^\s*(?:Mit freundlichen Grüßen|Freundliche Grüße|Anlage/n|Anlagen\b|gez\.)")
# a sentence's end inside the text before the first "?": the item states before it asks
_STATES = re.compile(r"[.!:;](?:\s|$)")
_ABBREVIATION = re.compile(
    r"\b(?:Nr|ca|bzw|z\.\s?B|u\.\s?a|d\.\s?h|Abs|Str|vgl|ggf|inkl|bspw|evtl)\.$"
)


def _pieces(lines: Sequence[str]) -> list[str]:
    """Return the lines up to the letter's end, each split where a run-in number opens an item."""
    pieces: list[str] = []
    for line in lines:
        if _END.match(line):
            break
        pieces.extend(_RUN_IN.split(line) if len(line) > 0 else [line])
    return pieces


def _asks_first(text: str) -> int:
    """Return where the first sentence of an item ends asking (after its "?"), else 0."""
    mark = text.find("?")
    if mark < 0:
        return 0
    for stop in _STATES.finditer(text, 0, mark):
        if not _ABBREVIATION.search(text[max(0, stop.start() - 8) : stop.start() + 1]):
            return 0
    end = mark + 1
    while end < len(text) and text[end] in "\"“”»'":
        end += 1
    return end


def interleaved_with_lists(lines: Sequence[str], body: int) -> list[tuple[str, str]]:
    """Return (question, answer) pairs of numbered questions answered below each, else []."""
    pieces = _pieces(lines[max(body, 0) :])
    starts = [(k, int(m[1])) for k, piece in enumerate(pieces) if (m := _MARKER.match(piece))]
    if len(starts) < MIN_QUESTIONS + 1:
        return []
    items: list[tuple[int, str, int]] = []
    for j, (k, number) in enumerate(starts):
        end = starts[j + 1][0] if j + 1 < len(starts) else len(pieces)
        text = join_lines(pieces[k:end])
        opening = _MARKER.match(text)
        rest = text[opening.end() :] if opening else text
        items.append((number, rest, _asks_first(rest)))
    asked = [j for j, (_, _, cut) in enumerate(items) if cut]
    if len(asked) < MIN_QUESTIONS or [items[j][0] for j in asked] != list(range(1, len(asked) + 1)):
        return []
    if any(items[j][1][:1] in '„"»“' for j in asked):
        return []  # quoted questions: where the quotation closes, the answer starts (answers.py)
    if asked[0] != 0 and any(not cut for _, _, cut in items[: asked[0]]):
        return []  # a numbered list before the first question: not this layout
    listed = 0
    previous = 0
    for number, _, cut in items[asked[0] :]:
        if cut:
            previous = 0
            continue
        if number != previous + 1:
            return []  # an answer's own list counts from 1, one by one
        previous = number
        listed += 1
    if not listed:
        return []
    pairs: list[tuple[str, str]] = []
    for a, j in enumerate(asked):
        # the question's block: its lines and its answer's, the answer's own list included; where
        # the question ends ("…? Falls ja, wie viele …?") is split_question_answer's to say
        begin = starts[j][0]
        end = starts[asked[a + 1]][0] if a + 1 < len(asked) else len(pieces)
        opening = _MARKER.match(pieces[begin])
        first = pieces[begin][opening.end() :] if opening else pieces[begin]
        block = [first, *pieces[begin + 1 : end]]
        question, answer = split_question_answer(block, a + 1)
        if not question or not answer:
            return []
        pairs.append((question, answer))
    return pairs
