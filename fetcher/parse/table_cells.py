"""A "Frage | Antwort" table whose question cells wrap onto a second line, read row by row. Pure.

A two- or three-column answer table ("Frage Antwort", "Nr. Frage Antwort", cells split by "|" in
text exports) loses its column gap in text: each printed line holds the question cell's line,
then the answer cell's line. A question cell that wraps puts its first words on the row's line,
run into the answer's first words ("Wie viele Bauplätze sind im Baugebiet Von 46 Bauplätzen sind
39 verkauft."), and its tail on the next line ('"Am Heidberg" verkauft?'), which may go on with the
answer's next line ("Kindergartenjahr 2025/26? und 12 Elementarplätze."). A cell is one question:
its first words up to where the answer starts (a capitalised word that can only open a sentence:
an article, a preposition, "Derzeit", "Ja" …), then its tail up to the "?"; the rest is the
answer. Lines run together (text of any shape) are read sentence by sentence the same way. A
table without a number column is read only if a cell wraps (one line per row is table_pairs').
Used by fetcher.parse.answers after the readers of asked paragraphs and sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.asked_paragraphs import opens_asking
from fetcher.parse.question_answer import asked_prefix
from fetcher.parse.text import ABBREVIATIONS, join_lines

MIN_ROWS = 2
# The closing or the attachments' heading ("Anlagen:", "Anlage" alone), not a cell's line that
# starts with the word ("Anlagen, die geeignet …")
_END = re.compile(
    r"^\s*(?:Mit freundlichen Grüßen|Anlage/n|Anlagen?\s*(?::|$)|Unterzeichnet|gez\.)"
)
# The table's header row: an optional number column, the question column, the answer column;
# a row asking must follow it.
_HEAD = re.compile(
    r"(?:^|\s)(?:(?:Nr\.?|Lfd\.?\s*Nr\.?)\s+)?Fragen?\s+"
    r"(?:Antwort(?:en)?|Beantwortung|Stellungnahme)(?:\s+(?:der|des)\s+Verwaltung)?\s+"
    r"(?=(?:\d{1,2}\s*[.)]?\s+)?[„\"»]?[A-ZÄÖÜ])"
)
# not after a row's number ("2. Wie …"); after a year ("… im Herbst 2024. 2 Wann …")
_AFTER_DOT = re.compile(r"(?:(?<=\D\.)|(?<=\d{3}\.))\s+(?=\S)")
_ABBREVIATED = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(word) for word in ABBREVIATIONS) + r")$"
)
_ROW_NUMBER = re.compile(r"^(\d{1,2})\s*([.)]?)\s+(?=\S)")
# Words that open a sentence and stand capitalised nowhere else: where the answer cell starts on
# a row's line. Formal "Sie" is left out: a question addresses the office with it.
_OPENER_WORDS = (
    "Der Die Das Den Dem Des Ein Eine Einen Einem Eines Kein Keine Keinen Es Wir Er Dies Diese "
    "Dieser Dieses Hierzu Dazu Hier Hierfür Dafür Dabei Zudem Von Vom Zum Zur Im In Am An Auf Aus "
    "Bei Beim Bis Mit Nach Seit Für Über Unter Durch Ab Laut Gemäß Derzeit Aktuell Zurzeit "
    "Insgesamt Rund Etwa Ca. Ja Nein Nur Alle Bisher Bislang Bereits Geplant Vorgesehen Seitens "
    "Wegen Je Zunächst Siehe Grundsätzlich Soweit Sofern Gegenwärtig Momentan Hierbei Demnach "
    "Insoweit Allerdings"
)
_OPENERS = frozenset(_OPENER_WORDS.split())


def _answer_start(piece: str) -> int:
    """Return where the answer cell starts on a row's line without "?", else -1."""
    words = list(re.finditer(r"\S+", piece))
    for k in range(2, len(words) - 1):  # the question's first two words, the answer's two
        word = words[k].group().rstrip(",")  # "Nein, der …"
        if (word in _OPENERS or word[:1] == "§") and not words[k - 1].group().endswith(":"):
            return words[k].start()
    return -1


def _next_row(number: re.Match[str] | None, expected: int, style: str) -> bool:
    """Return whether a piece's number is the number column's next one, printed alike."""
    return number is not None and int(number[1]) == expected and number[2] == style


def _pieces(lines: Sequence[str]) -> list[tuple[str, bool]]:
    """Return the table's lines cut after each "." that ends a sentence (an answer's line ends
    there, a wrapped question's tail may start after it, in lower case: "… verkauft. derzeit …"),
    each with whether it opens its line."""
    pieces: list[tuple[str, bool]] = []
    for line in lines:
        parts: list[list[str]] = []
        for part in _AFTER_DOT.split(line):
            if parts and _ABBREVIATED.search(parts[-1][-1]):  # "ca. 3.000", "bzw. Planstellen"
                parts[-1].append(part)
            elif part.strip():
                parts.append([part])
        pieces += [(" ".join(part), k == 0) for k, part in enumerate(parts)]
    return pieces


def wrapped_table_pairs(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of a question | answer table with wrapped cells, else []."""
    body: list[str] = []
    for line in lines[max(body_start, 0) :]:
        if _END.match(line):
            break
        body.append(re.sub(r"\s*\|\s*", " ", line).strip())  # "1 | Wie …? | Die …" (text export)
    text = "\n".join(body)
    head = _HEAD.search(text)
    if head is None:
        return []
    rows: list[tuple[list[str], list[str]]] = []
    asking = False  # a row's question cell still waits for its "?"
    wrapped = False  # a question cell went on over a row's next line
    queue = _pieces(text[head.end() :].split("\n"))[::-1]  # popped from the end: in order
    # a number column: each row starts at the next number, whatever its cell's first words
    numbered = bool(queue) and bool(re.match(r"1\s*[.)]?\s", queue[-1][0]))
    # the header row stands on one line and ends it: the table keeps its lines, a row's number
    # opens a line (a number inside an answer's line is the answer's: "… Mittel. 23 Haben …")
    printed = head.group().strip()
    lined = "\n" not in printed and "\n" in head.group()[head.group().index(printed) :]
    # the number column prints every number alike: "1." … "5.", not "5 Mio. €" of an answer
    style = (_ROW_NUMBER.match(queue[-1][0]) or [""] * 3)[2] if numbered else ""
    while queue:
        piece, opens_line = queue.pop()
        number = _ROW_NUMBER.match(piece)
        cell = piece[number.end() :] if number else piece
        if numbered and lined:
            # the next number opening a line: a row, its first word in any case (a lower-case
            # "ist vorgesehen, …" cut off the cell's question word)
            starts = opens_line and _next_row(number, len(rows) + 1, style)
        elif numbered:
            starts = _next_row(number, len(rows) + 1, style) and cell[:1].isupper()
        else:
            starts = not asking and cell[:1].isupper() and opens_asking(cell)
        if asking and not numbered and cell[:1].isupper() and opens_asking(cell):
            # a cell waiting for its "?" never opens a new question: the row before was an
            # answer's sentence that opens like one ("Wie unter Frage 1 ausgeführt, gab es …"),
            # back to the answer it goes on
            question, answer = rows.pop()
            if rows:
                rows[-1][1].extend(question + answer)
            asking = False
            queue.append((piece, opens_line))
        elif starts:
            asking = False
            if "?" in cell:
                cut = asked_prefix(cell)
                rows.append(([cell[:cut]], []))
                queue.append((cell[cut:].strip(), False))  # the answer's line, or the next row
            else:
                # no answer's start found: the whole line to the question (its count and
                # opening stay right, the answer's first line is lost to it)
                cut = _answer_start(cell)
                rows.append(([cell[:cut]], [cell[cut:]]) if cut > 0 else ([cell], []))
                asking = True
        elif not rows:
            return []  # the header row is followed by no question
        elif asking and "?" not in piece:
            # a middle line of a question cell over three lines: the question's words, then the
            # answer's, which no word tells apart; the question keeps them (its opening and end
            # stay whole)
            rows[-1][0].append(piece)
        elif asking:
            cut = piece.index("?") + 1
            rows[-1][0].append(piece[:cut])
            queue.append((piece[cut:].strip(), False))  # the answer's next line, or the next row
            asking = False
            wrapped = True
        elif piece.strip():
            rows[-1][1].append(piece)
    if (asking or not wrapped) and not numbered:
        return []  # no cell wrapped: a table of one line per row is table_pairs' (or prose)
    pairs = [(join_lines(question), join_lines(answer)) for question, answer in rows]
    if len(pairs) < MIN_ROWS or not (numbered or all(q.endswith("?") for q, _ in pairs)):
        return []
    if sum(1 for _, answer in pairs if answer) < MIN_ROWS:
        return []
    if not (numbered or lined) and any("?" in answer for _, answer in pairs):
        # run together, a question left in an answer is a row the cells' openings did not tell
        # (a question opening "Soweit …: Welche …?"); the rows would be miscounted, the table
        # is not read (a table keeping its lines prints a cell's tail "Falls ja, welche?" there)
        return []
    return pairs
