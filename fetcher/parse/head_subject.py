"""The subject inside a head whose lines ran together. Pure.

Text whose lines were run together (a PDF's paragraphs read as one line each, a scraped page)
prints a paper's head as one run: "Anfrage der SPD-Fraktion vom 12.03.2021 Nummer: 21/00123
Barrierefreie Haltestellen Sehr geehrte …", "Antwort Datum: 12.03.2021 Vorlage-Nr.: 19/11143
<subject> Beratungsfolge: …", "Bezeichnung: <subject> Anfrage der Abgeordneten … (CDU),
eingegangen am …". The subject starts after the head's fields or sender and ends where
subject_run finds the next piece (what a title never is: non_subject). Used by
header.find_title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import faction_spans
from fetcher.parse.head_pieces import after_sender
from fetcher.parse.head_title import SENDER_AFTER, SUBJECT_START
from fetcher.parse.non_subject import MAX_SUBJECT_WORDS, SENTENCE_END, not_subject
from fetcher.parse.paper_number import VALUE
from fetcher.parse.subject_run import SENDER_CHARS, without_run_after
from fetcher.parse.text import DATE, HEADER_LINES

# A head's line that the subject ran into: a label with its colon, a date, a paper's number.
_HEAD_PIECE = re.compile(rf"(?:^|\s)[A-ZÄÖÜ][\w.-]*:(?:\s|$)|{DATE.pattern}|\d+/\d+")


# A field's value the subject follows in a head run together: a labelled number ("Nummer:
# 19/11138", "Vorlage-Nr.: mAF0007/14"), a labelled date ("Datum: 12.03.2021", "vom 04.02.2021").
_FIELD_VALUE = re.compile(
    rf"(?:Nr\.?|[Nn]ummer)\s*:?\s*{VALUE}(?![\w/])|(?:Datum:|\bvom)\s*{DATE.pattern}"
    rf"|\b(?:Eingang|Eingegangen|Posteingang|Einreichung)(?:\s+am)?:\s*{DATE.pattern}"
    # the meeting the paper is for, with its date ("zur Sitzung des Rates am 14.11.2024",
    # "Ratssitzung am …", "Sitzung der Bezirksvertretung Nord am …")
    rf"|[Ss]itzung\b(?:\s+[\wäöüß.-]+){{0,5}}?\s+am\s+{DATE.pattern}"
    r"(?:\s*[,–—-]?\s*(?:Tagesordnungspunkt|TOP)\s*:?\s*\d+[a-z]?\b)?"
)
# A type word or an office opening what follows a field: the next head line, not the subject
# ("… Drucksache 19/10957 - Antwort des Ministeriums …", "GB 2 Die Oberbürgermeisterin").
_TYPE_FIRST = re.compile(
    r"(?:(?:Kleine|Große|Mündliche|Schriftliche|Dringliche)\s+)?(?:Anfrage|Antwort|Antrag"
    r"|Stellungnahme|Beantwortung|Mitteilung)\b|(?:Die|Der)\s+(?:Präsident|(?:Ober)?[Bb]ürgermeister)"
    # a sender or an addressee ("FDP-Fraktion im Stadtrat … Herrn Stadtrat …"), a status cell
    r"|\S*[Ff]raktion\b|(?i:(?:nicht\s*)?öffentlich)\b"
)


# The next field of a head: a label and a short value ("Verantwortlich: Dez. 6"); a subject may
# open with a word and a colon too ("Krankenhausplanung: Wie sind die Kapazitäten …?").
_NEXT_FIELD = re.compile(r"[A-ZÄÖÜ][\w.-]*:(?:\s|$)")
_FIELD_WORDS = 4
_NEXT_FIELD_LATER = re.compile(rf"\s{_NEXT_FIELD.pattern}")  # "… Dienststelle: GBA …"


def subject_in_head_run(line: str) -> str | None:
    """Return the subject between a head's fields and what follows it on one line, or None.

    "Antwort der Fraktion CDU vom 04.02.2021 Nummer: 19/11138 <subject> Anfrage der
    Abgeordneten …": the subject starts after the first field's value (a date, a labelled
    number; the fields that follow it are taken off) and ends at the first piece printed after
    it. "Anfrage der Fraktion SPD <subject> Wir fragen …": after the type word and its sender.
    """
    start = after_sender(line, faction_spans(line[:SENDER_CHARS]))
    if start is not None and (subject := _subject_at(line[start : start + _RUN_CHARS].strip())):
        return subject
    if not _HEAD_PIECE.search(line):
        return None
    for match in _FIELD_VALUE.finditer(line, 0, _HEAD_RUN_CHARS):
        if _EMPTY_CELL.search(line, 0, match.start()):
            return None  # a table's empty cell before it ("Keine Stellungnahme ---"): the body
        if subject := _subject_at(line[match.end() : match.end() + _RUN_CHARS].strip()):
            return subject
    return None


# What a subject after a field is read from: its words (at most MAX_SUBJECT_WORDS) and the piece
# that ends it; each field's value is read on so much, not the whole line, so a line of many
# fields is read in linear time.
_RUN_CHARS = 1000
# how far into a line a head's field is looked for: a whole paper run into one line prints fields
# in its body too ("Bürgerverein Rintheim vom 06.01.2019 Dachbegrünung …", a heading thousands of
# characters in), which head no subject
_HEAD_RUN_CHARS = 2000
# a table's empty cell, a dash run alone ("Keine Stellungnahme --- Bürgerverein … vom <date>")
_EMPTY_CELL = re.compile(r"(?<!\S)[-–—]{3,}(?!\S)")


def _subject_at(rest: str) -> str | None:
    """Return the subject that opens `rest` (after a head's field or sender), or None."""
    subject = without_run_after(rest)
    if subject is None:
        return None
    subject = SENDER_AFTER.sub("", subject).strip()
    field = _NEXT_FIELD.match(subject)
    if field and (
        len(subject.split()) <= _FIELD_WORDS or _NEXT_FIELD_LATER.search(subject, field.end())
    ):
        return None  # "Vorlage Nr.: 2026/0121 Verantwortlich: Dez. 6": the next field, no subject
    words = len(subject.split())
    if (
        1 <= words <= MAX_SUBJECT_WORDS
        and SUBJECT_START.match(subject)
        and not SENTENCE_END.search(subject)
        and not _TYPE_FIRST.match(subject)
        and not not_subject(subject)
    ):
        return subject
    return None


# A subject label with its colon inside a head line run together: "Beratungsfolge: Gremium …
# Stadtrat 23.03.2023 Entscheidung öffentlich Gegenstand: Schulbaumaßnahmen".
_RUN_IN_SUBJECT = re.compile(
    r"(?<=\S)\s+(?:Betreff|Betr\.|Gegenstand|Bezeichnung|Titel|Thema)\s*:\s+(?=[A-ZÄÖÜ„\"\d])"
)


def subject_run_in(lines: Sequence[str]) -> str | None:
    """Return the value of a subject label run into a head line, up to the next label, or None."""
    for line in lines[:HEADER_LINES]:
        label = _RUN_IN_SUBJECT.search(line)
        if label is None:
            continue
        value = without_run_after(line[label.end() :].strip())
        if value and len(value.split()) <= MAX_SUBJECT_WORDS and not SENTENCE_END.search(value):
            return value
    return None
