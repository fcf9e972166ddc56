"""Questions printed one after another without labels, each a sentence that ends in "?". Pure.

Issue #11's "one unnumbered question per line": no number, no dash, no lead-in needed, only the
questions one below the other ("Wie gedenken die Stadtwerke … zu reagieren?" / "Können die
Stadtwerke …?" / "Gibt es Entwicklungen, …?"). A question opens a sentence (at a line start,
after a blank line or a line that ends a sentence) and ends in "?" within a few printed lines;
a question of two sentences set on one line ("Wie viele …? Und welche davon …?") is one.
- An inquiry's list is the questions in a row, blank lines between at most: the first line that
  asks nothing (a justification, a signature) ends it.
- An answer document repeats each question and answers it below, the answer up to the next
  question (Landtag "Kleine Anfrage mit Antwort" typed without numbers): there the list runs over
  the answers and ends at a closing or a section heading only.
A preliminary remark ("Vorbemerkung der Abgeordneten") comes before the questions: nothing
above it is one of them (a paper's title that ends in "?"). fetcher.parse.questions weighs the
list found here against the labelled ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.asked_openings import CLAUSE_START, asking_start, opens_asking
from fetcher.parse.question_tail import ends_sentence
from fetcher.parse.text import sentences
from fetcher.parse.wording import (
    ANSWER_TO,
    ASKING_OPENING,
    INTRO,
    SALUTATION,
    is_stop,
    list_marker,
    question_signal,
)

MAX_QUESTION_LINES = 4  # printed lines of one question up to its "?" (an unlabelled one is short)
MIN_QUESTIONS = 2  # one question alone is a letter's prose question (wording.questions_in_prose)
# A list label inside a line, after a sentence end or a colon ("Fragen: 4. Nach …? 4.5. Falls
# nein: …?"): a labelled list run together, whose items are no unlabelled questions.
_LABEL_INSIDE = re.compile(r"[.:?]\s+\d{1,2}(?:\.\d{1,2})*[.)]\s+[„\"A-ZÄÖÜ]")
# A numbered block heading over repeated questions ("Frage 2 + 3:", "Zu Frage 2 und 3:"), as
# fetcher.parse.answers reads it.
_BLOCK_HEADING = re.compile(
    r"(?:(?:Antwort\s+)?(?:Zu|ZU)\s+(?:[Ff]rage\s+)?|Beantwortung\s+(?:[Ff]rage\s+)?|Frage\s+)"
    r"\d{1,2}(?:\s*(?:\+|und|&|,|/)\s*\d{1,2})?\s*[.:)]{1,2}(?:\s*$|\s+(?=[„\"A-ZÄÖÜ]))"
)
# A follow-up that only asks on from the question above ("Wenn ja, in welcher Form?", "Falls
# nein, warum nicht?"): part of that question, on a line of its own.
_FOLLOW_UP = re.compile(
    r"(?:Und\s+(?:wenn|falls|sofern)|Wenn|Falls|Sofern)\s+(?:ja|nein|nicht)\b"
)  # "Und wenn nein, …?"


def _ends_sentence(text: str) -> bool:
    """Whether a printed line ends a sentence or a lead-in: not an abbreviation's full stop ("…
    Nightliner/24 bzw. 47 bzw." / "NL6 am Zündhütle …?" goes on below; question_tail)."""
    return text.rstrip().endswith(":") or ends_sentence(text)


_ENDS_ASKING = re.compile(r"\?[\"“”)]?$")
# "… des Landkreises? und -anschließende Berichterstattung …": the question ends at its "?" also
# before a lower-case "und"/"oder"/"sowie" that joins a request of another kind (run together).
_ASKED_THEN_JOINED = re.compile(r"\?[\"“”)]?\s+(?:und|oder|sowie)\s")
# A section heading the questions follow, never precede: a preliminary remark, the background.
# A question's one sentence, then what does not open a sentence (a table's cells in lower case).
_ASKED_ABOVE_TABLE = re.compile(r"[^.?!]{1,600}\?(?=\s+[^\sA-ZÄÖÜ„\"(])")
# Alone on its line, or run into its paragraph ("Vorbemerkung des Abgeordneten Aktuellen …").
_PRELIMINARY = re.compile(
    r"(?:Vorbemerkung(?:en)?|Einleitung|Hintergrund|Vorwort)(?:\s+(?:der|des)\s+\S+)?"
    r"(?:\s*:|\s*$|\s+(?=[A-ZÄÖÜ]))"
)


def _question_at(lines: Sequence[str], start: int) -> int | None:
    """Return the index of the line that ends the question opening at `start`, if one does."""
    line = lines[start]
    greeted = _below_salutation(lines, start)  # "Sehr geehrter Herr …," / "wie ist …?"
    if not line or not (line[:1].isupper() or line[:1] in '„"' or greeted) or list_marker(line):
        return None
    if not (greeted or _opens_sentence(lines, start)):
        return None  # the line goes on from the one above
    for k in range(start, min(start + MAX_QUESTION_LINES, len(lines))):
        text = lines[k].rstrip()
        if k > start and _below_salutation(lines, k):
            return None  # the head above a letter's salutation asks nothing (run together)
        if not text or (k > start and (_new_item(lines, k) or _ends_list(text))):
            return None  # a new item, a closing or a heading opens no question's second line
        if _LABEL_INSIDE.search(text) and not (k == start and _label_in_head(text)):
            return None  # labelled items run together
        if _ENDS_ASKING.search(text) or _ASKED_THEN_JOINED.search(text):
            return k
        if _ends_sentence(text):
            return None  # a statement or a lead-in
    return None


def _below_salutation(lines: Sequence[str], index: int) -> bool:
    """Whether a line follows a letter's salutation ("Sehr geehrter Herr Bürgermeister,"): it
    opens the body's first sentence, in lower case after the comma."""
    above = lines[index - 1].rstrip() if index > 0 else ""
    return above.endswith(",") and bool(SALUTATION.match(above))


SUBHEADING_CHARS = 60  # a group's heading above its questions is short


def _subheading(lines: Sequence[str], index: int) -> bool:
    """Whether a line heads the next group of questions: short, ending in a colon, not a closing
    or a section of its own ("Begründung:"), a question opening right below it."""
    line = lines[index].strip()
    if not line.endswith(":") or len(line) > SUBHEADING_CHARS or _ends_list(line):
        return False
    below = next((k for k in range(index + 1, len(lines)) if lines[k].strip()), None)
    return below is not None and _question_at(lines, below) is not None


def _new_item(lines: Sequence[str], index: int) -> bool:
    """Whether a labelled line opens an item of its own: a dash or a number after a sentence's
    end; after a line that goes on ("… im derzeitigen Bestand" / "- ohne Verlängerung … zu
    rechnen?") it is the sentence's own dash or number."""
    return bool(list_marker(lines[index])) and _ends_sentence(lines[index - 1].rstrip())


def _asked_part(item: list[str]) -> list[str]:
    """Return a question item without what was joined to it: the words before its question in
    its first line (the text above, run together), the words after a "? und" in its last."""
    last = item[-1]
    if (joined := _ASKED_THEN_JOINED.search(last)) and not _ENDS_ASKING.search(last.rstrip()):
        item = [*item[:-1], last[: joined.start() + 1]]
    if question_signal(item[0].replace("?", "")) >= ASKING_OPENING:
        return item
    text = " ".join(item)
    # where a question may start inside the line that opens a list run together with the text
    # above it ("… in der Einrichtung. Im Einzelnen: Wie wird …?"): after a sentence end or a
    # colon; only the clause's opening words are read (linear on a line that holds a page)
    for match in reversed(list(CLAUSE_START.finditer(text))):
        if opens_asking(text[match.end() :]):
            return [text[match.end() :]]
    opening = asking_start(text)  # "… Betreff: Sanierung der Grundschulen Wie viele …?"
    return [text[opening:]] if opening > 0 else item


def _lead_in_before(question: list[str], asked: list[str]) -> bool:
    """Whether a lead-in that asks ("Wir fragen daher:") stands before the question that
    _asked_part cut out of its lines: the text above, run together with it, ends in it."""
    text, part = " ".join(question), " ".join(asked)
    before = text[: text.rfind(part)] if part and part != text else ""
    return before.rstrip().endswith(":") and any(
        not before[match.end() :].strip() for match in INTRO.finditer(before[-INTRO_CHARS:])
    )


INTRO_CHARS = 200  # a lead-in's words before the question it opens


def _label_in_head(text: str) -> bool:
    """Whether every list label inside a line stands before its question opens: in the head run
    into it ("TOP: 53. Plenarsitzung … Zukunft der Nachtstromspeicher Wie gedenken …?"), not
    labelling the question ("Fragen: 4. Nach welchen …? 4.5. Falls nein: …?")."""
    opening = asking_start(text)
    return opening > 0 and all(m.end() - 1 < opening for m in _LABEL_INSIDE.finditer(text))


def _opens_sentence(lines: Sequence[str], index: int) -> bool:
    """Whether a line opens a sentence: the first, below a blank line, a sentence end or a page
    number."""
    above = lines[index - 1] if index > 0 else ""
    # a page number alone above it (pages run together, broken again at the running head)
    return not above or _ends_sentence(above.rstrip()) or above.strip().isdigit()


def _ends_list(line: str) -> bool:
    """Whether a line ends an answer document's question list: a closing, a section heading."""
    return is_stop(line) or bool(_PRELIMINARY.match(line.strip()))


def asked_head(line: str) -> int:
    """Return where the answer starts in a line that opens with its question, else 0.

    "Wie hoch sind die Landesmittel …? Es wird auf die Antwort zu Frage 1 verwiesen." (an
    answer document with one line per paragraph): the sentences ending in "?" that open the
    line, the first asking from its first word, are the question; the statements after it the
    answer. A line without a statement after its question is no such line.
    """
    parts = sentences(line)
    asked = 0
    while asked < len(parts) and parts[asked].endswith("?"):
        asked += 1
    if not asked and (table := _ASKED_ABOVE_TABLE.match(line)):
        # "Wie viele …(bitte tabellarisch darstellen)? rGB Haushaltsjahr …": a table answers
        return table.end() if question_signal(table.group(0)[:-1]) >= ASKING_OPENING else 0
    if not asked or asked == len(parts) or question_signal(parts[0][:-1]) < ASKING_OPENING:
        return 0
    last = parts[asked - 1]
    return line.find(last) + len(last)


def asked_tail(line: str) -> int:
    """Return where the question starts in a line that ends with it after other sentences, or -1.

    "… liegen keine Zahlen vor. Wie viele dieser Plätze stehen …?" (an answer document run
    together, broken after each "?"): the sentences ending in "?" that close the line, the first
    opening asking, are the next question; the statements before them the answer above it.
    """
    parts = sentences(line)
    asked = len(parts)
    while asked > 0 and parts[asked - 1].endswith("?"):
        asked -= 1
    if asked == len(parts) or asked == 0:
        return -1
    while asked < len(parts) and question_signal(parts[asked][:-1]) < ASKING_OPENING:
        asked += 1  # "Falls ja, welche?" asks on from the sentence before it
    if asked == len(parts):
        return -1
    return line.rfind(parts[asked])


def question_lines(
    lines: Sequence[str], body_start: int, *, answered: bool = False
) -> tuple[int, list[list[str]]] | None:
    """Return (first line, items) of the longest list of unlabelled questions, if it holds two.

    `answered`: an answer document's layout, each item its question and the answer below it.
    """
    best: tuple[int, list[list[str]]] | None = None
    items: list[list[str]] = []
    first = 0
    answered_yet = False  # the last question has an answer below it
    i = max(body_start, 0)

    def close() -> None:
        nonlocal best, items
        asked = sum(1 for item in items if item)
        if asked >= MIN_QUESTIONS and (best is None or asked > len(best[1])):
            opening = question_signal(items[0][0].replace("?", ""))
            if opening >= ASKING_OPENING or asked > MIN_QUESTIONS:
                best = (first, [item for item in items if item])
        items = []

    labelled = False  # in a labelled question's item ("1. Welchen …?" / "Wie …?" below it)
    while i < len(lines):
        line = lines[i]
        if line[:1].isupper() and (ANSWER_TO.match(line) or _BLOCK_HEADING.match(line)):
            close()  # "Zu Frage 1: Wie …?", "Zu 1.": numbered answer blocks, read by answers.py
            labelled = True  # the questions below "Zu Frage 2 und 3:" are that block's
            i += 1
            continue
        if list_marker(line) and _ENDS_ASKING.search(line.rstrip()):
            close()  # a labelled question: the list is labelled, the lines below it its own
            labelled = True
            i += 1
            continue
        if labelled and line:
            if _question_at(lines, i) is not None or _ENDS_ASKING.search(line.rstrip()):
                i += 1
                continue
            labelled = False
        end = _question_at(lines, i)
        if end is not None and answered and not opens_asking(line) and asked_tail(line) > 0:
            end = None  # "Vorbemerkung … Sie gliedern sich …. Welche …?": the question closes it
        if end is not None:
            if not items:
                first = i
            if items and not answered_yet and _FOLLOW_UP.match(line):
                items[-1] += lines[i : end + 1]
            else:
                question = list(lines[i : end + 1])
                asked = _asked_part(question)
                if items and not answered and _lead_in_before(question, asked):
                    # "… Wir meinen: …. Wir fragen daher: Wie viele …?" (run together): the
                    # lead-in opens the list, what was asked above it was the background's
                    items, first = [], i
                items.append(asked)
            answered_yet = False
            i = end + 1
            continue
        if line and items and not answered and _subheading(lines, i):
            i += 1  # "Ergänzend zu Frage 3:" between groups of questions: the list goes on
            continue
        if line and items and (_ends_list(line) or not answered):
            close()  # a preliminary remark may still end with the first question (below)
        head = asked_head(line) if answered and "?" in line and _opens_sentence(lines, i) else 0
        tail = asked_tail(line) if answered and not head and _ENDS_ASKING.search(line) else -1
        if tail > 0:
            if items:
                items[-1].append(line[:tail].strip())  # the answer above, run together
            else:
                first = i
            items.append([line[tail:]])
            answered_yet = False
        elif head:
            if not items:
                first = i
            items.append([line[:head], line[head:].strip()])
            answered_yet = True
        elif line and items:
            items[-1].append(line)  # the answer below the question
            answered_yet = True
        i += 1
    close()
    if best is not None and answered:
        best = (best[0], [_without_blanks(item) for item in best[1]])
    return best


def _without_blanks(item: list[str]) -> list[str]:
    return [line for line in item if line]
