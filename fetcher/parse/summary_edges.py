"""What borders a justification's prose in text of any shape: run-on headings, a head run into
the text (salutation, head table, field labels), the closing and signature, the title. Pure.

summary.py reads the justification with these; text read as paragraphs or as whole pages
(bench.text_shapes "para", "flat") has its headings, heads and closings inside its lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import DATE, sentences

SECTION_HEADING = re.compile(
    r"^(?:Sachverhalt|Begründung|Ergänzende Erläuterungen|Erläuterung|Hintergrund"
    r"|Vorbemerkung(?:\s+de[rs]\s+(?:Abgeordneten|Fragesteller\w*))?\s*$"
    r"|Inhalt der Mitteilung|Zur Begründung|[A-Z]\.\s+Zielsetzung)",
    re.I,
)
# A justification heading run together with its text: a paragraph read as one line ("Vorbemerkung
# der Abgeordneten Nach aktuellen Berichten …"), a page run into one line ("… vom 23.07.2026
# Begründung: Seite 2 ___ Denn …"). It stands at the line's start or after a sentence end, a
# number or a rule, and a colon or a capitalised word follows it; "Hintergrund" and "Erläuterung"
# only with their colon (as prose words they open sentences: "Hintergrund ist, dass …").
_HEADING_NAME = (
    r"(?:Sachverhalt|Begründung(?:\s+des\s+Antrage?s)?|Problembeschreibung|Sachdarstellung)"
    r"(?:\s*(?:/|und)?\s*(?:Sachverhalt|Begründung(?:\s+des\s+Antrage?s)?))?"
)
_RUN_ON_HEADING = re.compile(
    # after "Inhalt", the box a cover sheet prints its sections in ("Inhalt / Sachverhalt / …")
    r"(?:^|(?<=^Inhalt\s)|(?<=[.!?:;)\d_])\s+)"
    rf"(?:(?:{_HEADING_NAME}|Vorbemerkung\s+de[rs]\s+(?:Abgeordneten|Fragesteller\w*))"
    r"(?:\s*:\s*|\s+(?=[A-ZÄÖÜ„\"]))"
    r"|(?:Hintergrund|Erläuterung(?:en)?|Zur Begründung)\s*:\s*)"
)
# "Seite 2" and the rule under it, where the heading's page ends (Karlsruhe forms)
PAGE_EDGE_START = re.compile(r"^(?:(?:Seite\s+\d+(?:\s+von\s+\d+)?|[_=]{5,})\s*)+")
# where a list of questions starts inside a run-together line: "… befasst.2 1. Wie hoch …"
LIST_START = re.compile(r"(?<=[.!?:])\d{0,2}\s+(?:1|a|I)[.)]\s+(?=[A-ZÄÖÜ„])")


def headings_apart(lines: Sequence[str]) -> list[str]:
    """Return the lines with each run-on justification heading on a line of its own."""
    out: list[str] = []
    for line in lines:
        if len(line) <= 60 or not _RUN_ON_HEADING.search(line):
            out.append(line)
            continue
        pos = 0
        for match in _RUN_ON_HEADING.finditer(line):
            heading = line[match.start() : match.end()].strip()
            if not SECTION_HEADING.match(heading):
                continue
            out.append(line[pos : match.start()])
            out.append(heading)
            pos = match.end()
        out.append(line[pos:])
    return [line for line in out if line.strip() or not line]


# where the justification ends inside a run-together text: the signature and the closing
_CLOSING_INLINE = re.compile(
    r"(?:^|\s)(?:[Uu]nterzeichnet\s+von|gezeichnet\s*:|gez\.\s|Mit freundlichen Grüßen"
    r"|Hochachtungsvoll)"
)
# a head field's label: "vom:", "Gremium:", "Aktenzeichen: (2)", "Telefon:"; three in a text
# that should be prose make it a form's head, not a justification
_FIELD_LABEL = re.compile(r"(?:^|\s)[A-ZÄÖÜa-zäöü][\wäöüß./-]{1,20}(?: am| Nr\.)?\s?:(?=\s|$)")


def before_closing(text: str) -> str:
    """Return the text up to its closing or signature, if one is run into it."""
    closing = _CLOSING_INLINE.search(text)
    return text[: closing.start()].rstrip() if closing else text


def reads_as_prose(line: str) -> bool:
    """Return True if a line reads as a sentence's words: no head block, no list of names."""
    words = line.split()
    lower = sum(1 for w in words if w[0].islower())
    return len(words) >= 4 and lower >= 0.3 * len(words) and len(_FIELD_LABEL.findall(line)) < 2


# the columns of a session head table: "Gremium Termin TOP ö nö" (öffentlich, nichtöffentlich)
_HEAD_ROW = re.compile(r"\b(?:Termin|TOP)\s+(?:TOP\s+)?ö\s+nö\b")
_ROW_VALUES = re.compile(
    r"(?:\s+(?!x\b)\S+){0,8}?\s+\d{1,2}\.\d{1,2}\.\d{2,4}\s+\d{1,3}\s+[xX]\b\s*"
)
_ATTACHMENT_LABEL = re.compile(
    r"^Anlage\s+\d+\s*[A-Z]?\s+zu\s+TOP\s+\d+\s*"
)  # "Anlage 2 A zu TOP 5"
# the subject in quotes over the text, run into it: „Versorgungssicherheit in …“ Bedingt durch …
_QUOTED_SUBJECT = re.compile(r"^[„\"»][^“\"«]{10,200}(?<![.!?])[“\"«]\s+(?=[A-ZÄÖÜ])")
_SALUTATION_INLINE = re.compile(r"(?:^|\s)(?:Sehr geehrte|Liebe[rs]?\s)[^,.:;]{0,80},\s*")


def without_head(text: str) -> str:
    """Return the text without a head run into it: what stands before the letter's salutation,
    a page's "Seite 2" and rule, leading sentences of head fields ("Beratungsfolge", "vom:
    … Gremium: …")."""
    salutation = _SALUTATION_INLINE.search(text[:400])
    if salutation:
        text = text[salutation.end() :]
    if row := _HEAD_ROW.search(text[:400]):
        # a form's head table run into the text: title, committee, date, item number, a cross
        # in the "ö" or "nö" column; the text starts after its row of values
        values = _ROW_VALUES.match(text, row.end())
        text = text[values.end() :] if values else ""
    text = _ATTACHMENT_LABEL.sub("", PAGE_EDGE_START.sub("", text))
    text = _QUOTED_SUBJECT.sub("", text)
    parts = sentences(text)
    dropped = 0
    while dropped < len(parts) and (
        "Beratungsfolge" in parts[dropped] or len(_FIELD_LABEL.findall(parts[dropped])) >= 2
    ):
        dropped += 1
    return " ".join(parts[dropped:]) if dropped else text


_HEAD_CHARS = 300  # a head's lines left before the title: a meeting, a label, an addressee
# a sentence's end in what stands before the title: prose, not a head
_PROSE_END = re.compile(r"[a-zäöüß]{2}[.!?]\s")
# a head's field after the title: the type phrase with its sender and date ("Anfrage der
# FDP-Gruppe im Ortsrat vom 14.02.2024"), a label with a short value ("Datum: 05.11.2024")
_FIELD_AFTER = re.compile(
    r"(?:(?:Kleine|Große|Schriftliche|Mündliche)\s+)?(?:Anfrage|Antrag)\s+de[rs]\s+[^.?!:]{1,80}?"
    rf"\bvom\s+{DATE.pattern}\s+(?=[A-ZÄÖÜ])"
)


def after_title_in_head(text: str, title: str) -> str:
    """Return the text after the title, where the head's lines (a meeting, a subject label, an
    addressee, no sentence) stand before it and a field or none after it; else the text."""
    at = text.lower().find(title.lower(), 0, _HEAD_CHARS + len(title))
    if at <= 0 or _PROSE_END.search(text, 0, at) or text[at - 1] in '„"“»(':
        return text  # prose before it, or the title quoted in a sentence ("zum Thema „…“")
    rest = text[at + len(title) :]
    if not rest.startswith(" "):
        return text  # the title's words run on ("… Durlach – Sachstand …“")
    rest = rest.lstrip()
    if field := _FIELD_AFTER.match(rest):
        rest = rest[field.end() :]
    first = sentences(rest)[:1]
    if not (re.match(r"[A-ZÄÖÜ„\"]", rest) and first and reads_as_prose(first[0])):
        return text  # a table, a form's cells after it: the head goes on
    return rest if "|" not in first[0] else text


def mostly_title(sentence: str, title: str) -> bool:
    """Return True if a sentence is mostly the title: a run of at least 70 % of the title's
    words (four at least) that makes half of the sentence's words or more."""
    words = re.findall(r"\w+", sentence.lower())
    title_words = re.findall(r"\w+", title.lower())
    if len(title_words) < 4 or len(words) > 2 * len(title_words):
        return False
    joined = f" {' '.join(words)} "
    need = max(4, -(-7 * len(title_words) // 10))
    return any(
        f" {' '.join(title_words[start : start + need])} " in joined and 2 * need >= len(words)
        for start in range(len(title_words) - need + 1)
    )
