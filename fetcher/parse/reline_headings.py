"""Where a question heading, its lead-in or a lone question starts a line, for relining. Pure.

A printed inquiry sets its heading "Fragen:" or "Anfrage:" on a line of its own and the question
below it. Run together ("… Gegenstand: B172 Fragen: Von der B172 ist es …", "… ☒ ☐ Anfrage Gibt es
Planungen …?", "Anfrage: Teilt die Stadtverwaltung … die Ansicht, …?") the heading starts a line
(fetcher.parse.relines) but its question stayed glued to it, and the question finder, which
reads the lines under such a heading, found none. The heading's line ends after it:
- "Fragen:" always (no title follows that word: what follows is the questions);
- "Anfrage" with or without its colon only before a sentence that asks ("Anfrage: Stromversorgung
  in Wohngebäude" in a form's head is the paper's title and stays on the heading's line).
A heading word that ends a lead-in ("… bitten wir um die Beantwortung dieser Fragen: 4. Nach …",
"… stellen daher folgende Anfrage: Die Ortsverwaltung …") is no heading: the lead-in's sentence
starts the line and the text under it the next (`lead_in_cuts`). A label glued to a heading
("Anfrage A. Wieviele …", "Fragen: 4. Nach …") or right after a page mark cut off already
("… gegeben? – 2 – 2. Welche …") opens an item as a label after a sentence end does
(`after_heading`, for fetcher.parse.reline_labels). A question asked right after a quotation
("… Linien.“ Welche Argumente … sprechen gegen diese Aussage?") starts a line (`asking_starts`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from fetcher.parse.wording import ASKING_OPENING, INTRO, question_signal

# The heading words a question list stands under, their colon and the white space after them.
_QUESTION_HEADING = re.compile(r"(?P<word>Fragen|Anfrage)(?P<colon>\s*:)?\s+")
# The sentence after the heading, up to its "?" (a question's first sentence).
_ASKED = re.compile(r"[A-ZÄÖÜ„\"](?:[^.?!]|\.(?!\s+[A-ZÄÖÜ„])){0,400}\?")  # "ggf. auch"
# A question heading alone between a line's start and a label ("Anfrage A.", "Fragen: 4.").
_HEADING_WORD = re.compile(r"(?:Anfrage|Fragen?|Fragestellung(?:en)?|Antwort(?:en)?)\s*:?")
_HEADING_CHARS = 20
# A list label at a line's start: a number, an outline label, a letter ("4. ", "4.1 ", "a) ").
_LIST_LABEL = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Za-z][.)]|\d{1,2}\))\s")


def question_heading_end(line: str, start: int) -> int | None:
    """Return where the text under a question heading starting at `start` begins, if the
    heading ends its line there."""
    match = _QUESTION_HEADING.match(line, start)
    if not match or match.end() >= len(line):
        return None
    if match.group("word") == "Fragen":
        return match.end() if match.group("colon") else None
    asked = _ASKED.match(line, match.end())
    if asked and question_signal(asked.group(0)[:-1]) >= ASKING_OPENING:
        return match.end()
    return None


def after_heading(line: str, pos: int, starts: Sequence[int]) -> bool:
    """Whether a line starts at `pos` already (`starts`, sorted: the cuts so far, white space
    after one: "– 2 – 2. Welche …") or only a heading word stands between a start and `pos`."""
    k = bisect_left(starts, pos - _HEADING_CHARS)
    while k < len(starts) and starts[k] <= pos:
        between = line[starts[k] : pos].strip()
        if not between or _HEADING_WORD.fullmatch(between):
            return True
        k += 1
    return False


# The end of the sentence before a lead-in ("… haben. Daher bitten wir …"), and a lower-case word
# right before the heading word ("dieser Fragen:", "meine Fragen:", "folgende Anfrage:").
# Not a day's dot ("vom 3. März"): a number ends a sentence with three digits or more ("… 2025.").
_SENTENCE_END = re.compile(r"(?:[a-zäöüß)“\"]|\d(?<=\d{3}))[.!?][\"“”]?\s+(?=[A-ZÄÖÜ])")
# "Wir"/"Ich" in capitals starts a sentence, also after a title run into it without its full stop
# ("… Betreff: Sanierung der Grundschulen Wir bitten um Beantwortung folgender Fragen: 1. …").
_SUBJECT_START = re.compile(r"(?<=\s)(?:Wir|Ich)\s+(?=[a-zäöüß])")
_LOWER_BEFORE = re.compile(r"(?<!\S)[a-zäöüß]{3,}\s+$")
_LEAD_IN_CHARS = 300  # a lead-in sentence's length, at most


def lead_in_cuts(line: str, start: int) -> set[int] | None:
    """Return where a lead-in ending in the heading word at `start` starts and where the text
    under it begins, if the word ends a sentence ("… verhindern. Daher bitten wir nun also
    nochmals um die Beantwortung dieser Fragen: 4. Nach …", "… Hierzu meine Fragen: Ist es …?"):
    printed, the lead-in is a line of its own above the questions. None if the word is no
    "Fragen"/"Anfrage" heading or no lead-in's last word (no lower-case word before it); empty
    if it ends no sentence."""
    heading = _QUESTION_HEADING.match(line, start)
    if not heading or not _LOWER_BEFORE.search(line, max(0, start - 20), start):
        return None
    if not heading.group("colon") or heading.end() >= len(line):
        return set()
    low = max(0, start - _LEAD_IN_CHARS)
    ends = list(_SENTENCE_END.finditer(line, low, start))
    # No sentence end near (a head run into the lead-in: "… 4. Mai 2010 3 öffentlich <title> Zur
    # nächsten Sitzung stelle ich … folgende Anfrage: Wann …?"): where the lead-in starts is not
    # known, but when the words before the colon lead in ("stelle ich … folgende Anfrage:"), a
    # question that asks right after it still begins a line.
    unbounded = not ends and low > 0
    if unbounded and not INTRO.search(line, low, heading.end()):
        return set()  # "… Regionalentwicklung Frage 1 der Anfrage: Welche …?" is no lead-in
    sentence = ends[-1].end() if ends else 0  # or the line's first: "Dazu meine Fragen: Wer …?"
    subjects = list(_SUBJECT_START.finditer(line, max(sentence, low), start))
    sentence = subjects[-1].start() if subjects else sentence
    asked = _ASKED.match(line, heading.end())
    if (
        (not unbounded and _LIST_LABEL.match(line, heading.end()))
        or (asked and question_signal(asked.group(0)[:-1]) >= ASKING_OPENING)
        # a lead-in the question finder knows ("… stellen daher folgende Anfrage: Die
        # Ortsverwaltung wird beauftragt zu prüfen, ob …"): a request without "?" follows
        or (not unbounded and INTRO.search(line, sentence, heading.end()))
    ):
        return {sentence, heading.end()} - {0}
    return set()


# A sentence's start after a quotation ends ("… Linien.“ Welche Argumente …?").
_SENTENCE_START = re.compile(r"(?<=[.!?])[\"“”]\s+(?=[A-ZÄÖÜ])")
_ASKING_SENTENCE = re.compile(r"[A-ZÄÖÜ][^.?!]{0,400}\?")


def asking_starts(line: str) -> set[int]:
    """Return where a sentence that asks from its first word up to its "?" starts right after a
    quotation ("… gar die Einführung zusätzlicher Linien.“ Welche Argumente … sprechen gegen
    diese Aussage?"): the question about a quoted passage is a line of its own in print, as its
    "?" ends one. (After any sentence end it is not: a justification's questions stay in it.)"""
    starts: set[int] = set()
    for match in _SENTENCE_START.finditer(line):
        asked = _ASKING_SENTENCE.match(line, match.end())
        if asked and question_signal(asked.group(0)[:-1]) >= ASKING_OPENING:
            starts.add(match.end())
    return starts
