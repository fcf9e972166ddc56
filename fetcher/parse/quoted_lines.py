"""Quoted numbered questions run together with other text, set on lines of their own. Pure.

An answer letter quotes each numbered question and answers below it: „1. Wie viele …?“ / "Im
Jahr …". A page whose lines run together (one line per page or per paragraph) keeps the marks but
loses the line breaks: "… verwiesen. „2. Wie hoch …?“ Auf die Vorbemerkung …". The quotation
still says where the question starts and ends: it opens where a line or a sentence starts, its
first word is a list number, and it closes right after the question's last sentence ends. The
text before it and the answer after it go to lines of their own, so the quoted item reads as it
does when printed line by line (fetcher.parse.answers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# An opening mark, then a list number and a capital: „1. Wie …", "2) Welche …", »3. …
_OPENING = re.compile(r"[„\"»]\s*\d{1,2}[.)]\s+(?=[A-ZÄÖÜ])")
# Where a sentence or a line starts: after ".", "?", ":", a closing mark, or a page number.
_SENTENCE_START = re.compile(r"(?:^|[.?!:“”\"«)]\s+|(?:^|\s)\d{1,3}\s+)$")
_CLOSE = {"„": '“”"', '"': '"', "»": "«"}
_REACH = 3000  # characters: a quoted question is never longer
_INNER_QUOTATIONS = 3  # quoted names or terms inside one quoted question, at most


def _quotation_end(text: str, at: int) -> int:
    """Return the index after the mark closing the quotation opened at `at`, else -1.

    Quotations inside it pair up („… die „Medizinstrategie 2035“ …?“); the closing mark follows
    a sentence's end (".", "?", "!", ")").
    """
    mark = text[at]
    depth = inner = 1
    for k in range(at + 1, min(len(text), at + _REACH)):
        char = text[k]
        opens = (mark == "„" and char == "„") or (
            mark == '"' and char == '"' and depth == 1 and text[k - 1] not in ".?!)"
        )  # '"' opens a quotation inside as it closes one
        if opens:
            depth += 1
            inner += 1
            if depth > 2 or inner > _INNER_QUOTATIONS:
                return -1  # quotations within quotations, or many: no question quoted whole
        elif char in _CLOSE[mark]:
            if depth > 1:
                depth -= 1
            elif text[k - 1] in ".?!)":
                return k + 1
            else:
                return -1
    return -1


def _cuts(line: str) -> Iterable[int]:
    """Yield where a run-together line breaks around its quoted numbered questions."""
    at = 0
    while (match := _OPENING.search(line, at)) is not None:
        start = match.start()
        end = _quotation_end(line, start)
        # the window's own start is no line start unless the line's is ("\0" stands before it)
        window = ("\0" if start > 12 else "") + line[max(0, start - 12) : start]
        opens = _SENTENCE_START.search(window) is not None
        if end < 0 or "?" not in line[start:end]:
            # closed on a later line ("„9. Liegen … vor?" / "Falls ja, welche?“"): a quoted
            # item still opens where a sentence starts
            if start and opens and end < 0:
                yield start
            at = match.end()
            continue
        after = line[end:].lstrip()
        if not opens and (line[end - 2] != "?" or after[:1].islower()):
            # mid-sentence only a whole quoted question that the answer follows („6. Welche …?“
            # after a table's last cell); "Die Frage „1. Wie …?“ wurde …" goes on
            at = match.end()
            continue
        if start:
            yield start
        if after:
            # the answer opens after the quotation (a table's lower-case cell too: "… dar-
            # stellen)?“ rGB Haushaltsjahr …")
            yield end
        at = end


# "… beantworte ich Ihnen wie folgt: Frage 1: „Wie viele …?"": a question's label run into the
# lead-in before it, after the lead-in's colon or a sentence's end.
_LABEL_RUN_IN = re.compile(r"(?<=[.?!:“”\"])\s+(?=Frage\s+\d{1,2}\s*:(?:\s*[„\"»]?[A-ZÄÖÜ]|\s*$))")


def _label_cuts(line: str) -> Iterable[int]:
    """Yield where a question's label "Frage 1:" is run into the text before it."""
    for match in _LABEL_RUN_IN.finditer(line):
        yield match.end()


# A lead-in quoting the inquiry, run into its question ("Ihre Anfrage lautete: Wann …?", "Sie
# fragen: „Wie viele …?“"): a verb of asking or quoting, its colon, then a mark or a capital.
_LEAD_IN = re.compile(
    r"\b(?:fragen|fragt|fragte|fragten|lautet|lautete|lauten|lauteten)\s*:\s+(?=[„\"»]?[A-ZÄÖÜ][^?\n]{0,600}\?)"
)


def _lead_in_cuts(line: str) -> Iterable[int]:
    """Yield where a question starts after the lead-in quoting it, on one line."""
    for match in _LEAD_IN.finditer(line):
        yield match.end()


def split_quoted_questions(lines: Sequence[str], lead_ins: bool = True) -> list[str]:
    """Return the lines with quoted numbered questions run together with other text set apart,
    a question's label run into the lead-in before it on a line of its own, and a question
    after the lead-in quoting it ("Sie fragen: „Wie …?“") too."""
    out: list[str] = []
    for line in lines:
        marked = "„" in line or '"' in line or "»" in line or "Frage" in line
        if not marked and not (lead_ins and ":" in line):
            out.append(line)
            continue
        begin = 0
        led = _lead_in_cuts(line) if lead_ins else ()
        for cut in sorted({*_cuts(line), *_label_cuts(line), *led}):
            out.append(line[begin:cut].strip())
            begin = cut
        out.append(line[begin:].strip())
    return out


def with_quoted_questions_apart(lines: Sequence[str], body: int) -> tuple[list[str], int]:
    """Return the lines with split_quoted_questions applied from the body on, and the body's start.

    The header's last row may run together with the first quoted question ("Ortschaftsrat
    Wolfartsweier 13.07.2021 9 ☒ ☐ „1. Gibt es …?“"): the body then starts at the question.
    """
    head = list(lines[:body])
    rest = list(lines[body:])
    # (a lead-in run into the head's last row stays there: "… Sie fragen: Wie …?" opens the body)
    if head and len(pieces := split_quoted_questions(head[-1:], lead_ins=False)) > 1:
        head, rest = [*head[:-1], pieces[0]], [*pieces[1:], *rest]
    return [*head, *split_quoted_questions(rest)], len(head)
