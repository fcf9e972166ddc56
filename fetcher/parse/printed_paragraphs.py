"""Paragraphs of printed lines that hold a run-together text's structure. Pure.

A run-together text printed to a PDF comes back as paragraphs of printed-width lines (fetcher.
parse.reline_paragraphs) whose structure sits inside the lines: a form's head cells ("… Sitzung
am: 18.04.2013 Gegenstand: VB-Plan 573.1 Fragen: „…"), a letter's salutation after its subject
("… mAF0014/14 Sehr geehrter Herr Krien, Ihre …"), the list label expected next after a table's
last cell ("… 12.846.874 Euro 6. Welchen Landesanteil …?"). fetcher.parse.relines joins such a
paragraph and breaks it where its structure starts a line, as it breaks one over-long line.
Also here: the page's runs with its foot apart, and whether a page's paragraphs are joined.
"""

from __future__ import annotations

import re

from fetcher.parse.reline_labels import (
    LABEL,
    after_sentence,
    label_style,
    list_cuts,
    opens_item,
)
from fetcher.parse.reline_paragraphs import LONG_LINE_CHARS, paragraphs
from fetcher.parse.text import is_flattened, is_furniture

SALUTATION = re.compile(r"(?<!\S)[„\"]?Sehr geehrte[^,;.?!]{0,160},")
# A form's head cell label: one capitalised word and a colon ("Gegenstand:", "Einleitung:",
# "Gremium:"), read as a field only in the head, before the line's first sentence.
CELL_LABEL = re.compile(r"(?<=\s)[A-ZÄÖÜ][a-zäöüß]{3,}:(?=\s|$)")
FIRST_SENTENCE = re.compile(r"[a-zäöüß]{2}[.?!]\s")
_MORE_SALUTATIONS = re.compile(r"(?:(?:und\s+)?sehr\s+geehrte[^,;.?!]{0,160},\s*)+", re.I)
_QUESTION_REACH = 600  # how far a question reaches after its label
_STATED = re.compile(r"[a-zäöüß)]{2}[.!]\s+[A-ZÄÖÜ„]")  # the end of a sentence that states

Joined = tuple[str, list[int]]  # a paragraph's text and where each printed line starts in it


def page_runs(lines: list[str], head: int | None) -> list[tuple[int, int]]:
    """Return the page's paragraphs (reline_paragraphs.paragraphs), the page furniture below its
    last text ("Seite 2 von 4") a line of its own: the foot is no part of the paragraph above
    it, whose last item goes on at the next page's top."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or is_furniture(lines[end - 1])):
        end -= 1
    return paragraphs(lines[:end], head) + [(index, index + 1) for index in range(end, len(lines))]


def joins_paragraphs(lines: list[str]) -> bool:
    """Whether the relining pass joins the page's paragraphs: not where text.clean_lines
    unflattens the page itself (its labels inside lines), unless the page holds an over-long
    line the pass breaks (its labels then start lines, and clean_lines reads the page as laid
    out: "… Beratungsfolge … Beantwortung Sachverhalt Frage 1: Wurde …" over printed lines)."""
    return not is_flattened(lines) or any(len(line) > LONG_LINE_CHARS for line in lines)


def holds_printed_structure(joined: Joined, expect: dict[str, int]) -> bool:
    """Whether a paragraph of printed lines holds a form's head cells, a letter's salutation
    inside its lines, or the list label expected next opening a question."""
    return _head_cells(joined[0]) or _salutation_inside(joined) or _expected_inside(joined, expect)


def _head_cells(text: str) -> bool:
    """Whether a paragraph holds a form's head cells run together before its first sentence
    ("… Sitzung am: 18.04.2013 Gegenstand: VB-Plan 573.1 Fragen: „Bürger wiesen …"): two cell
    labels, each after a capitalised word, a number or a sentence end, and each with a value that
    opens like a field's (not in lower case: "Willkommenshaus Karlsruhe: aktueller Sachstand" is a
    title with its colon, whose printed line ends where the field does)."""
    if text.count(":") < 2:
        return False  # the cheap look first
    sentence = FIRST_SENTENCE.search(text)
    cells = [
        match
        for match in CELL_LABEL.finditer(text, 0, sentence.start() if sentence else len(text))
        if (opens_item(text, match.start()) or after_sentence(text, match.start()))
        and not text[match.end() :].lstrip()[:1].islower()
    ]
    return len(cells) >= 2


def _salutation_inside(joined: Joined) -> bool:
    """Whether a letter's salutation is run together with the text around it: it stands inside a
    printed line ("… mAF0014/14 Sehr geehrter Herr Krien, Ihre …"), or its line goes on after
    its comma ("Sehr geehrte Frau Oberbürgermeisterin, in der Information …"); where it was
    written it is a line of its own ("Sehr geehrte Frau A, sehr geehrter Herr B," one line)."""
    text, line_starts = joined
    if "geehrte" not in text:
        return False  # the cheap look first
    at_start = set(line_starts)
    for match in SALUTATION.finditer(text):
        line_end = next((start for start in line_starts if start > match.end()), len(text))
        rest = text[match.end() : line_end].strip()
        if match.start() not in at_start or (rest and not _MORE_SALUTATIONS.fullmatch(rest)):
            return True
    return False


def _expected_inside(joined: Joined, expect: dict[str, int]) -> bool:
    """Whether the label the list above expects next opens a question inside a paragraph's
    lines after a capitalised word or a number ("… Beantwortung Sachverhalt Frage 1: Wurde …?",
    "… Grund: Platzüberangebot, Abriss 13. „Mit wem … verhandelt?“"): a list of questions set in
    printed lines goes on there. Not "Der 3. Bauabschnitt … wird vorbereitet." in an answer."""
    text, line_starts = joined
    if not expect or "?" not in text:
        return False  # no list under way, or nothing asks
    at_start = set(line_starts)
    for start in list_cuts(text, dict(expect), set()):
        match = LABEL.match(text, start)
        if start in at_start or match is None:
            continue
        style, value = label_style(match)
        if (
            expect.get(style) == value
            and _asks(text, match.end())
            and not _inside_item_before(joined, start, (style, value - 1))
        ):
            return True
    return False


def _inside_item_before(joined: Joined, start: int, before: tuple[str, int]) -> bool:
    """Whether the label at `start` stands inside the question of the item before it: that item's
    label opens a printed line above it in the paragraph and its question has not asked yet
    ("1. Wie viele laufende Meter Gewässer 2. Ordnung (kommunale Gewässer) gibt es …?")."""
    text, line_starts = joined
    for line_start in line_starts:
        if line_start >= start:
            break
        match = LABEL.match(text, line_start)
        if match and label_style(match) == before and "?" not in text[match.end() : start]:
            return True
    return False


def _asks(text: str, start: int) -> bool:
    """Whether the sentence that starts at `start` ends in a question mark."""
    window = text[start : start + _QUESTION_REACH]
    asked = window.find("?")
    stated = _STATED.search(window)
    return asked >= 0 and (stated is None or asked < stated.start())


def one_question_line(lines: list[str], index: int) -> bool:
    """Whether an over-long line that ends in "?" is one question of a list printed one per line.

    "Wie sieht der Ablauf aus? Ich bitte um eine Prozessbeschreibung. … Gibt es dafür ein
    Verfahren?" set on a line of its own, right below or above printed lines (a question list
    without labels, an answer below each question): the line is the unit its author made, and its
    inner "?" opens no new question. A paragraph run together (one line per paragraph, blank lines
    between; a page on one line) has no printed line beside it, and is broken after each "?".
    """
    if not lines[index].rstrip().endswith("?"):
        return False
    beside = [lines[k] for k in (index - 1, index + 1) if 0 <= k < len(lines)]
    return any(line.strip() and len(line) <= LONG_LINE_CHARS for line in beside)
