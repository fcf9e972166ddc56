"""Where a question opens inside a line that run-together text joined to it. Pure.

A printed page keeps a heading, a field's value or a label on a line of its own: "Betreff:
Sanierung der Grundschulen" / "Wie viele Grundschulen …?". Text whose lines were run together
(an OParl File.text, a scraper's HTML text, one line per paragraph) puts them in one line, and a
subject has no full stop, so no sentence boundary is seen before the question: "… Betreff:
Sanierung der Grundschulen Wie viele Grundschulen sind sanierungsbedürftig?". Inside a sentence
German writes an interrogative ("Wie", "Welche", "In welchen") or a verb ("Gibt", "Ist", "Können")
in lower case; capitalised after a word without closing punctuation, it opens a new sentence,
and that sentence is the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.wording import ASKING_OPENING, question_signal

OPENING_CHARS = 80  # the words an opening is read from ("In welchem Umfang …", "Inwiefern …")
MAX_QUESTION_CHARS = 1500  # a question opens at most this far before its "?"
# A clause that opens after a sentence end, a colon or an earlier question's "?".
CLAUSE_START = re.compile(r"(?:[.!:]|\?[\"“”)]?)\s+(?=[„\"A-ZÄÖÜ])")
# A capitalised interrogative or verb-first opening after a word: only a sentence's first word
# is written so. Explicit "wo-" words (not "wo\w+": "Wohnungsbau" is a noun); a space follows
# ("Ist-Zustand" is a noun too).
_OPENER = (
    r"(?:(?:In|Auf|An|Aus|Bis|Seit|Mit|Für|Durch|Nach|Unter|Von|Bei|Zu|Um|"
    r"Über|Gegen|Ab)\s+(?:welche[rsmn]?|wie|wann|wem|wen|wessen)\s"
    r"|(?:Wie|Was|Wann|Wo|Wer|Wen|Wem|Wessen|Welche[rsmn]?|Warum|Weshalb|Wieso|Weswegen|Wofür|"
    r"Wozu|Woher|Wohin|Womit|Wodurch|Worin|Worauf|Woran|Worüber|Inwieweit|Inwiefern|Ob|Gibt|"
    r"Ist|Sind|Hat|Haben|Wird|Werden|Wurde|Wurden|Kann|Können|Könnte|Plant|Planen|Sieht|Teilt|"
    r"Teilen|Liegen|Liegt|Besteht|Bestehen|Trifft|Hält|Halten|Beabsichtigt|Sollte|Soll|Sollen|"
    r"Darf|Dürfen|Gab|Existiert|Existieren)\s"
    # a verb before its reflexive or "es" ("Befindet sich", "Stellt sich", "Handelt es sich"):
    # no noun stands before "sich"/"es" without a comma
    r"|[A-ZÄÖÜ][a-zäöüß]+(?:t|en)\s+(?:sich|es)\s)"
)
_OPENING_INSIDE = re.compile(rf"(?<=[\w)\]])\s+(?={_OPENER})")
_OPENS = re.compile(_OPENER)


def capital_opening(text: str) -> bool:
    """Return True if a text opens with a capitalised interrogative or verb ("Befindet sich …")."""
    return bool(_OPENS.match(text))


def opens_asking(text: str) -> bool:
    """Return True if a text opens with a question's first words ("Wie viele …", "Gibt es …")."""
    # only the opening words count (wording.question_signal without "?"): a short slice keeps
    # the test cheap on a line that holds a whole page
    return question_signal(text[:OPENING_CHARS].replace("?", "")) >= ASKING_OPENING


def asking_start(text: str) -> int:
    """Return where the question ending at the text's first "?" opens in it, or -1.

    0 when the text opens asking; else the last clause before the "?" that opens asking (after
    a sentence end or a colon: "… Einleitung. Im Einzelnen: Wie wird …?"); else, inside that
    last clause, the first capitalised interrogative after a word ("… Grundschulen Wie viele
    …?": a heading or field value without closing punctuation above the question).
    """
    end = text.find("?")
    if end < 0:
        return -1
    if opens_asking(text[:end]):
        return 0
    found = list(CLAUSE_START.finditer(text, max(0, end - MAX_QUESTION_CHARS), end))
    starts = [m.end() for m in found]
    for start in reversed(starts):
        if opens_asking(text[start:end]):
            return start
    # a number's full stop ("zum 1. Januar", "am 3. Mai") ends no sentence: the question may
    # open run in before it ("… in der Innenstadt Warum wurden … zum 1. Januar erhöht …?")
    ends = [m.end() for m in found if not _ORDINAL_STOP.match(text, max(m.start() - 1, 0))]
    return run_in_opening(text, ends[-1] if ends else 0)


_ORDINAL_STOP = re.compile(r"\d\.")


def run_in_opening(text: str, clause: int = 0) -> int:
    """Return where a question run into the words before it opens inside the clause from
    `clause` to the text's first "?" (a capitalised interrogative after a word), or -1."""
    end = text.find("?")
    clause = max(clause, end - MAX_QUESTION_CHARS)
    inside = _OPENING_INSIDE.search(text, clause, end) if end > clause else None
    return inside.end() if inside else -1


def from_opening(question: str) -> str:
    """Return a question from where it opens: without a heading or field run into it."""
    opening = asking_start(question)
    return question[opening:] if opening > 0 else question


def question_in_head(lines: Sequence[str], body_start: int) -> int:
    """Return where an inquiry's body starts: one line earlier if the head's last line ends
    with the first question run into it ("Vorlage Nr.: … Zukunft der Nachtstromspeicher-Heizungen
    Wie gedenken die Stadtwerke … zu reagieren?"), else `body_start`.

    Only a question opening after a word without closing punctuation counts: a subject that
    asks after its field's colon ("Betreff: Wie geht es weiter?") is the paper's title.
    """
    if not 0 < body_start <= len(lines):
        return body_start
    line = lines[body_start - 1].rstrip()
    if not line.endswith("?") or line.count("?") > 1:
        return body_start
    clauses = [m.end() for m in CLAUSE_START.finditer(line)]
    clause = clauses[-1] if clauses else 0
    if opens_asking(line[clause:]):
        return body_start
    return body_start - 1 if run_in_opening(line, clause) > 0 else body_start


# What follows the last question run into its closing, in any case ("… u.a.? mit freundlichen
# Grüßen Hans-Jürgen Muskulus"): the closing words of wording.is_stop, lower case allowed.
_CLOSING_AFTER = re.compile(
    r"\?[\"“”)]?\s+(?=(?:mit\s+freundlichen\s+Grüßen|mit\s+freundlichem\s+Gruß|"
    r"(?:freundliche|beste|viele|herzliche)\s+Grüße)\b)",
    re.I,
)


def closing_run_in(line: str) -> int:
    """Return where the last question of a line ends before a closing run into it, else -1."""
    match = _CLOSING_AFTER.search(line)
    return match.start() + len(match.group(0).rstrip()) if match else -1


def item_from_opening(item: list[str]) -> list[str]:
    """Return a question item's lines from where its question opens: without a topic heading
    on a line above it ("Zum Sachstand" / "Wie viele …?") or run into its first line ("Zum
    Sachstand Wie viele …?"), the opening found as asking_start finds it."""
    text = " ".join(item)
    start = asking_start(text)
    if start <= 0:
        return item
    offset = 0
    for k, line in enumerate(item):
        if start < offset + len(line) + 1:
            return [line[start - offset :], *item[k + 1 :]]
        offset += len(line) + 1
    return item
