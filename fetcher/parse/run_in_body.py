"""Where an inquiry's body opens inside a head line that run-together text joined to it. Pure.

A printed letter keeps its subject on a line of its own: "Betreff: Radwegenetz im Landkreis" /
"Wir bitten um Darstellung, wie viele …". Text whose lines were run together (an OParl
File.text, a scraper's HTML, a PDF read back without its line ends) puts both in one line, and
a subject has no full stop, so no sentence end is seen before the body: "Betreff: Radwegenetz
im Landkreis Wir bitten um Darstellung, wie viele …". The head then swallows the whole body and
the request is read as part of the subject. German writes a personal pronoun ("wir", "ich"),
"es wird", "bitte" and a salutation in lower case inside a sentence; capitalised after a word
without closing punctuation, they open a new sentence, and that sentence opens the body. So does
the addressed office as a request's subject ("Die Verwaltung wird gebeten, …", "Der Magistrat
wird gebeten …"). fetcher.parse.asked_openings finds a question run in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_BODY_WORDS = 6  # a body sentence, not a subject's last words ("… Wir für Rohrbach")
OPENING_CHARS = 2000  # a subject is short: the opening is looked for in its first characters
# The words that open a letter's body sentence, never written so inside one: a pronoun that
# asks or requests, a passive request, a salutation, the office asked as the subject.
_OFFICE = (
    r"(?:Die\s+(?:Stadt|Gemeinde|Kreis|Amts|Samtgemeinde|Verbandsgemeinde)?[Vv]erwaltung"
    r"|Der\s+(?:Magistrat|Gemeindevorstand|Kreisausschuss|Landrat|(?:Ober)?[Bb]ürgermeister)"
    r"|Die\s+(?:Landrätin|(?:Ober)?[Bb]ürgermeisterin))\s+(?:wird|möge|soll)\b"
)
_OPENER = (
    rf"(?:(?:Wir|Ich)\s+(?!für\b|in\b|im\b)[a-zäöüß]|Es\s+(?:wird|werden)\s|Bitte\s+[a-zäöüß]"
    rf"|Sehr\s+geehrte|{_OFFICE})"
)
# After a word without closing punctuation, or after a sentence end: the subject's line may hold
# a statement of the background before the request ("… Strelitz-Alt Der Radweg … ist in
# schlechtem Zustand. Wir fragen daher an: Wann …?").
# A sentence that opens with a request's own words (not a salutation, which a head may follow).
_OPENS = re.compile(
    rf"(?:(?:Wir|Ich)\s+(?!für\b|in\b|im\b)[a-zäöüß]|Es\s+(?:wird|werden)\s|Bitte\s+[a-zäöüß]|{_OFFICE})"
)
_OPENING_INSIDE = re.compile(rf"(?:(?<=[\w)\]\"“])|(?<=[a-zäöüß]{{2}}[.!]))\s+(?={_OPENER})")
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)")
# A subject field's label at the line's start ("Betreff:", "Betr.:", "Thema:", "Gegenstand:").
_SUBJECT_LABEL = re.compile(
    r"^\s*(?:Betreff|Betr\.|Thema|Gegenstand|Titel|Anfrage|Bezeichnung|Inhalt)\s*:\s*\S"
)


def body_opening(text: str) -> int:
    """Return where a letter's body run into the words before it opens in `text`, else -1.

    The body is the first sentence that opens with a capitalised pronoun, "Es wird", "Bitte",
    a salutation or the office asked, after a word without closing punctuation or after a
    sentence end, and runs on to a sentence end with at least MIN_BODY_WORDS words.
    """
    for match in _OPENING_INSIDE.finditer(text, 0, min(len(text), OPENING_CHARS)):
        rest = text[match.end() : match.end() + OPENING_CHARS]  # bounded: linear on any line
        end = _SENTENCE_END.search(rest)
        if end and len(rest[: end.start()].split()) >= MIN_BODY_WORDS:
            return match.end()
    return -1


def from_body_opening(sentence: str) -> str:
    """Return a request sentence from where its body opens: without a head run into it. Words
    before it that open asking ("Hat die Stadtverwaltung Kenntnis … Ich bitte um …", questions
    typed without a mark), a sentence that opens the body itself or one in lower case (after a
    salutation) are the body already: the sentence stays whole."""
    opening = body_opening(sentence)
    if opening <= 0 or _ASKS.match(sentence) or _OPENS.match(sentence) or sentence[:1].islower():
        return sentence  # "Wir bitten um …: Hat … Ich bitte um …": it opened the body itself
    return sentence[opening:]


# A question's or request's first words (wording's interrogatives and verbs first), read at the
# sentence's start: what a head never opens with.
_ASKS = re.compile(
    r"(?:(?:In|Auf|An|Aus|Bis|Seit|Mit|Für|Von|Bei|Zu|Nach|Unter|Über)\s+)?"
    r"(?:W(?:ie|as|ann|o|er|elche[rsmn]?|arum|eshalb|ieso)|Inwie(?:weit|fern)|Ob|Gibt|Ist|Sind"
    r"|Hat|Haben|Wird|Werden|Wurde|Wurden|Kann|Können|Plant|Sieht|Liegt|Liegen|Besteht)\s"
)


def body_in_subject(lines: Sequence[str], body_start: int) -> tuple[Sequence[str], int]:
    """Return (lines, body start) with the head's last line cut where the body runs into it.

    "Betreff: Zustand der Brücken Die Verwaltung wird gebeten, … zu berichten: Frage 1: …"
    (run-together text): the subject stays in the head, the rest becomes the body's first line.
    Lines without a subject label, or whose subject runs into no body, come back unchanged.
    """
    if not 0 < body_start <= len(lines):
        return lines, body_start
    line = lines[body_start - 1]
    if not _SUBJECT_LABEL.match(line):
        return lines, body_start
    opening = body_opening(line)
    if opening <= 0:
        opening = _asked_after_statement(line)
    if opening <= 0:
        return lines, body_start
    cut = [line[:opening].rstrip(), line[opening:]]
    return [*lines[: body_start - 1], *cut, *lines[body_start:]], body_start


# The last sentence of a line, after a statement's end: "… geöffnet. Aus welchen Gründen …?"
_LAST_SENTENCE = re.compile(r"(?<=[a-zäöüß]{2}[.!])\s+(?=[A-ZÄÖÜ][^.!?]*\?$)")


def _asked_after_statement(line: str) -> int:
    """Return where a question opens that ends a subject's line after a statement of the body
    ("Betreff: Freibad Henstedt Das Freibad hat … geöffnet. Aus welchen Gründen …?"), else -1.
    A subject that asks itself ("Betreff: Wie geht es weiter?") holds no statement before it."""
    if not line.rstrip().endswith("?"):
        return -1
    match = _LAST_SENTENCE.search(line.rstrip(), max(0, len(line) - OPENING_CHARS))
    return match.end() if match else -1
