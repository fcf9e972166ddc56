"""A form's header fields, whatever the layout: the number before the type, the session status
before it, and an answer given below the questions. Pure.

Council systems print the same fields in many layouts (bench/form_variants.py):
- the paper's number first, then its type on the same line ("2023/0123 Anfrage", "AF0028/14
  Mitteilungsvorlage", "VII-F-08507-AW-01 Schriftliche Antwort zur Anfrage": ALLRIS and regisafe
  heads): the number is the paper's own, the rest of the line its type line;
- the session status before the type ("Öffentliche Mitteilungsvorlage", "Nichtöffentliche
  Anfrage": SessionNet): a status is a field of its own, not a part of the type's name;
- an inquiry form that holds its answer below the questions ("Antwort:", "Antwort der
  Verwaltung:", "Die Verwaltung beantwortet die Anfrage wie folgt:", "Namens der Landesregierung
  beantworte ich die Kleine Anfrage wie folgt:"): a paper holding inquiry and answer is an answer
  (as the Landtag's "Kleine Anfrage … mit Antwort" papers are labelled).
The answer's words are the language's own (Antwort, Beantwortung, Stellungnahme; "beantworten …
wie folgt"): a word list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A paper number at the start of a line: a token of four digits or more with a "/" or "-"
# ("2023/0123", "AF0028/14", "VII-F-08507-AW-01", "DS 70/2011"; a page counter "1/2" is none),
# then a capitalised word.
_NUMBER = (
    r"(?:(?:DS|Drs\.?)[ \t]*)?(?P<number>(?=[\w/-]*[/-])(?=(?:[^\d\s]*\d){4})"
    r"[A-Za-z]{0,4}[\w-]*\d[\w/-]*\d)"
)
_NUMBER_FIRST = re.compile(rf"^\s*{_NUMBER}\s+(?=[A-ZÄÖÜ])")
# The session status before a type word: "Öffentliche Mitteilungsvorlage", "nichtöffentliche …".
_STATUS = r"(?:nicht[ \t]*)?(?i:ö)ffentliche[rs]?[ \t]+(?=[A-ZÄÖÜ])"
STATUS_BEFORE = re.compile(rf"^\s*{_STATUS}", re.I)
# What may stand before a type word at a line's start: the number, the status (a pattern string).
TYPE_PREFIX = rf"(?:{_NUMBER.replace('?P<number>', '')}[ \t]+)?(?:{_STATUS})?"


def type_after_number(line: str) -> tuple[str, str] | None:
    """Return (number, rest) of a line that starts with a paper number, else None."""
    match = _NUMBER_FIRST.match(line)
    if match is None:
        return None
    return match.group("number"), line[match.end() :]


# A field's label alone on its line: "Vorlagenart:", "Vorlage-Nr.:", "Datum:".
_BARE_LABEL = re.compile(r"^\s*[A-ZÄÖÜ][\w .-]{0,30}:\s*$")


def column_value(lines: Sequence[str], index: int) -> int | None:
    """Return the line of the value of the bare label at `index`, or None.

    A field table read column-wise prints its labels first, then its values in the same order
    ("Vorlagenart:" / "Vorlage-Nr.:" / "Datum:" / "Anfrage" / "2023/0123" / "12.03.2023"); a
    label alone has its value on the next printed line. Blank lines count for nothing.
    """
    printed = [i for i, line in enumerate(lines) if line.strip()]
    if index not in printed:
        return None
    at = printed.index(index)
    start = at
    while start > 0 and _BARE_LABEL.match(lines[printed[start - 1]]):
        start -= 1
    end = at
    while end + 1 < len(printed) and _BARE_LABEL.match(lines[printed[end + 1]]):
        end += 1
    value = end + 1 + (at - start)
    if value >= len(printed) or _BARE_LABEL.match(lines[printed[value]]):
        return None
    return printed[value]


def without_status(line: str) -> str:
    """Return a head line without a session status before its type ("Öffentliche Anfrage")."""
    return STATUS_BEFORE.sub("", line, count=1)


# An answer below the questions: a heading of its own ("Antwort:", "Antwort der Verwaltung:",
# "Stellungnahme der Verwaltung:") at a line's start or after a sentence's end, or the answerer's
# declaration ("… beantwortet die Anfrage wie folgt:", "Die Anfrage wird wie folgt beantwortet").
_ANSWER_BELOW = re.compile(
    r"(?:^|(?<=[.?!]\s))(?-i:Antwort|Beantwortung|Stellungnahme)(?:\s+de[rs]\s+(?-i:[A-ZÄÖÜ])\w+)?"
    r"\s*:"
    r"|\bbeantworte[tn]?\s+(?:(?:ich|wir)\s+)?(?:die|diese|Ihre|Eure)\s+(?:[\w-]+\s+){0,3}"
    r"(?:Anfrage|Fragen)\b[^.?!]{0,80}?\bwie\s+folgt\b"
    r"|\b(?:Anfrage|Fragen)\s+(?:wird|werden)\s+wie\s+folgt\s+beantwortet\b",
    re.I | re.M,
)


# The first question: a question mark at a line's or a sentence's end, or the list's first item
# (questions in prose without either stay an inquiry's: their answer would not split from them).
_ASKED = re.compile(
    r"\?[\s“”\"]*(?:\n|$)|\?\s+(?=[A-ZÄÖÜ0-9])|(?:^|\s)(?:Frage\s+)?1\s*[.):]\s+(?=[A-ZÄÖÜ])",
    re.M,
)


_ANSWER_WORDS = 5  # words after an answer's heading at least


def answered_below(lines: Sequence[str]) -> bool:
    """Return True if an answer is given below the first question: its heading or the
    answerer's declaration, and words after it."""
    text = "\n".join(lines)
    asked = _ASKED.search(text)
    if asked is None:
        return False
    # with an answer after it: an empty "Stellungnahme:" slot at a form's end answers nothing
    return any(
        len(text[match.end() :].split()) >= _ANSWER_WORDS
        for match in _ANSWER_BELOW.finditer(text, asked.end())
    )
