"""Unnumbered questions each answered under "Antwort:", and question | answer tables. Pure.

Two answer layouts that set each repeated question apart by what follows it, not by a number:
- "Antwort:" (or "Beantwortung:", "Stellungnahme der Verwaltung:") on the line below every
  question or opening its answer's first line, the question itself plain (set in italics or bold,
  which text does not keep): the question is what asks right above the label, back to the first
  sentence that states (the answer above it, or the context before the first question);
- a two-column table "Frage | Antwort" read row by row: under its header row ("Frage Antwort",
  "Fragen Antworten", "Anfrage Stellungnahme") each row's line opens with the question's asking
  sentences and goes on with the answer's first line; the answer runs to the next row that asks;
- the same table exported with its cells split by "|" ("Frage | Antwort", "Fragen der Fraktion |
  Antwort der Verwaltung", "Nr. | Frage | Antwort"), read cell by cell also when the rows run
  together into one line: the first cell after the header asks; every further cell is an answer,
  a question, or an answer run into the next row's question (the asking sentences ending it); a
  number column's cells are dropped.
Both need two questions at least, each answered; a question that opens with a number or a
"Frage 1:" label belongs to the numbered readers (fetcher.parse.answers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.answer_headings import BARE_ANSWER
from fetcher.parse.asked_paragraphs import MAX_QUESTION_CHARS, ends_asking, opens_asking
from fetcher.parse.asked_sentences import after_lead_in, asked_run_on
from fetcher.parse.markers import list_marker
from fetcher.parse.question_answer import asked_prefix
from fetcher.parse.question_tail import REQUEST
from fetcher.parse.text import join_lines, sentences

MIN_PAIRS = 2
_END = re.compile(r"^\s*(?:Mit freundlichen Grüßen|Anlage/n|Anlagen\b|Unterzeichnet|gez\.)")
_NUMBERED = re.compile(r"^[„\"»]?\s*(?:Frage\s+)?\(?\d{1,2}\s*(?:\.\)|[.):])\s")
_LABEL_ALONE = re.compile(r"^Frage\s+\d{1,2}\s*[.:)]?\s*$")
# A table's header row: the question column's name, then the answer column's.
_TABLE_HEAD = re.compile(
    r"^(?:Fragen?|Anfrage)\s+(?:Antwort(?:en)?|Beantwortung|Stellungnahme)"
    r"(?:\s+(?:der|des)\s+Verwaltung)?(?:\s+|$)"
)
# The header of a table exported with "|" between its cells, anywhere in a line (rows run together).
_PIPED_HEAD = re.compile(
    r"(?<!\S)(?:Fragen?|Anfrage)(?:\s+(?:der|des)\s+[A-ZÄÖÜ]\w+)?\s*\|\s*"
    r"(?:Antwort(?:en)?|Beantwortung|Stellungnahme)(?:\s+(?:der|des)\s+[A-ZÄÖÜ]\w+)?\s*(?:\|\s*)?"
)
_CELL_GAP = re.compile(r"\s*\|\s*")
_NUMBER_CELL = re.compile(r"\d{1,2}\.?")
_ROW_NUMBER = re.compile(r"\s+\d{1,2}\.?$")


def _body(lines: Sequence[str], body_start: int) -> list[str]:
    body: list[str] = []
    for line in lines[max(body_start, 0) :]:
        if _END.match(line):
            break
        body.append(line.strip())
    return body


def _numbered(body: Sequence[str]) -> bool:
    """Whether the questions are numbered ("1. Wie …?", „Frage 2: Welche …", "Frage 3:" alone)."""
    return any(
        ((number := _NUMBERED.match(line)) and ("?" in line or opens_asking(line[number.end() :])))
        or _LABEL_ALONE.match(line)
        for line in body
    )


def _asked_tail(text: str) -> tuple[str, str] | None:
    """Return (what comes before, question) of a text that ends asking: the question is its run
    of asking sentences up to its end (requests and asides after a "?" included), else None."""
    parts = [piece for part in sentences(text) for piece in asked_run_on(part)]
    end = len(parts)
    while end and (REQUEST.match(parts[end - 1]) or parts[end - 1].startswith("(")):
        end -= 1  # "…? Bitte nach Jahren aufschlüsseln." / "…? (soweit bekannt)"
    if not end or not ends_asking(parts[end - 1]):
        return None
    start = end - 1
    while start and (ends_asking(parts[start - 1]) or REQUEST.match(parts[start - 1])):
        start -= 1
    lead_in, first = after_lead_in(parts[start])
    if not (opens_asking(first) or lead_in or first[:1].isupper()):
        return None  # "… und ob es …?": no sentence's start, the question is not whole
    before = " ".join([*parts[:start], lead_in]).strip()
    question = " ".join([first, *parts[start + 1 :]])
    return (before, question) if len(question) <= MAX_QUESTION_CHARS else None


def labelled_pairs(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of unnumbered questions each answered under "Antwort:", else []."""
    body = _body(lines, body_start)
    labels = [k for k, line in enumerate(body) if BARE_ANSWER.match(line)]
    if len(labels) < MIN_PAIRS or _numbered(body[: labels[-1]]):  # not an attachment's quote
        return []
    # the text between two labels: the answer above, then the next question
    pieces: list[str] = []
    begin = 0
    for label in labels:
        pieces.append(join_lines([x for x in body[begin:label] if x]))
        begin = label
    last = [BARE_ANSWER.sub("", body[begin]), *body[begin + 1 :]]
    pieces.append(join_lines([x for x in last if x]))
    pieces[1:] = [BARE_ANSWER.sub("", piece, count=1) for piece in pieces[1:]]
    questions: list[str] = []
    answers: list[str] = []
    for k, piece in enumerate(pieces[:-1]):
        asked = _asked_tail(piece)
        if asked is None or _NUMBERED.match(asked[1]) or list_marker(asked[1]):
            return []
        if k:
            answers.append(asked[0])
        questions.append(asked[1])
    answers.append(pieces[-1])
    if sum(1 for answer in answers if answer) < MIN_PAIRS or not answers[-1]:
        return []
    return list(zip(questions, answers, strict=True))


def table_pairs(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of a "Frage | Antwort" table read row by row, else []."""
    body = _body(lines, body_start)
    head = next((k for k, line in enumerate(body) if _TABLE_HEAD.match(line)), None)
    if head is None:
        return []
    # the header row may open the first row's line (text that joins what ends no sentence)
    first = body[head][_TABLE_HEAD.match(body[head]).end() :]  # type: ignore[union-attr]
    rows: list[tuple[str, list[str]]] = []
    for line in [first, *body[head + 1 :]]:
        # a row: the question's cell, asking from its capital, then the answer's cell (which the
        # text may set on the next line: a question of two sentences cut at its "?")
        asks = "?" in line and line[:1].isupper() and opens_asking(line)
        cut = asked_prefix(line) if asks else -1
        if cut > 0 and not _NUMBERED.match(line):
            if rows and not any(rows[-1][1]):  # the question's next sentence
                rows[-1] = (f"{rows[-1][0]} {line[:cut].strip()}", [line[cut:].strip()])
            else:
                rows.append((line[:cut].strip(), [line[cut:].strip()]))
        elif rows:
            rows[-1][1].append(line)
    pairs = [(question, join_lines([x for x in answer if x])) for question, answer in rows]
    if len(pairs) < MIN_PAIRS or sum(1 for _, answer in pairs if answer) < MIN_PAIRS:
        return []
    return pairs


def piped_table_pairs(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of a "Frage | Antwort" table exported with "|" between its
    cells, read cell by cell (rows on lines of their own or run together), else []."""
    # the header may stand in the head's last line when the page is run together
    text = " ".join(line for line in _body(lines, 0) if line)
    head = _PIPED_HEAD.search(text)
    if head is None:
        return []
    # a number column ("Nr. | Frage | Antwort"): its cells go, and the next row's number run
    # into the answer before it
    cells = [
        _ROW_NUMBER.sub("", cell)
        for cell in _CELL_GAP.split(text[head.end() :])
        if cell and not _NUMBER_CELL.fullmatch(cell)
    ]
    if len(cells) < MIN_PAIRS + 1 or not ends_asking(cells[0]) or not opens_asking(cells[0]):
        return []
    rows: list[tuple[str, list[str]]] = []
    for cell in cells:
        asked = _asked_tail(cell)
        if asked is None:  # an answer's cell, or its second line
            if not rows:
                return []
            rows[-1][1].append(cell)
            continue
        before, question = asked
        if before:  # the answer's cell run into the next row's question cell
            if not rows:
                return []
            rows[-1][1].append(before)
        elif rows and not rows[-1][1]:
            return []  # two question cells in a row: not read here
        rows.append((question, []))
    if len(rows) < MIN_PAIRS or not all(answer for _, answer in rows):
        return []
    return [(question, " ".join(answer)) for question, answer in rows]
