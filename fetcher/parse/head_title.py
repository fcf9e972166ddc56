"""The subject run together with the head's fields: the words after the last field's value. Pure.

Text whose head lines were run together (a scraped page, copied text, one line per page) and split
again at the head's words leaves the subject on the line of the field printed before it: "Eingang:
18.05.2021 Interne Struktur des Staatstheaters …", "Eingang: 30.04.2024, CDU-Ortschaftsratsfraktion
Barrierefreie Bushaltestelle …", "Vorlagenart: Vorlage-Nr.: Anfrage 2016/0153 Stadtrat … (KULT)
vom 23. März 2016 Aktueller Stand der Anmeldungen …". A field's value has a shape of its own (a
date, with the submitting group after it; a labelled paper number): the subject starts after the
last such value, on a line that is a head's (a label with a colon, a date after "vom").
Used by header.find_title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.paper_number import VALUE
from fetcher.parse.text import DATE, HEADER_LINES, LONG_DATE

# The end of a field's value: a date ("vom 23. März 2016", "Eingang: 18.05.2021") and the group
# that submitted the paper after it ("30.04.2024, CDU-Ortschaftsratsfraktion"), a labelled paper
# number ("Vorlage Nr.: 2024/0495"), a submitter's group ("Stadtrat Jürgen Wenzel (FW)",
# "AfD-Gemeinderatsfraktion"), a session status cell.
VALUE_END = re.compile(
    rf"(?:{DATE.pattern}|{LONG_DATE})(?:\s*,\s*[\w.|-]*[Ff]raktion\b)?"
    rf"|(?:Nr\.?|[Nn]ummer)\s*:?\s*{VALUE}(?![\w/])"
    r"|\([^()\s]{1,12}(?:\s[^()\s]{1,12})?\)|(?<!\S)[\w.|-]*[Ff]raktion\b"
    # a consultation row's status cell ("Stadtrat 23.03.2023 Entscheidung öffentlich")
    r"|(?<!\S)(?:nicht\s*)?öffentlich(?=\s|$)"
)
# The group that submitted the paper, printed beside the subject in a cell of its own
# ("… Durlach-Aue CDU-OR-Fraktion", "… in Wettersbach Anfrage der Bündnis90/Die
# Grünen-Ortschaftsratsfraktion Wettersbach").
SENDER_AFTER = re.compile(
    r"\s+(?:(?:Anfrage|Antrag)\s+de[rs]\s+(?:\S+\s+){0,3}?)?\S*[Ff]raktion"
    r"(?:\s+(?-i:[A-ZÄÖÜ])[\wäöüß-]+)?\s*$"
)
# A head's line: a label with its colon ("Eingang:", "Vorlage-Nr.:"), a date after "vom", or the
# submitters opening it, the paper's type word before them or not ("Anfrage Stadtrat Jürgen
# Wenzel (FW) …", "AfD-Gemeinderatsfraktion …"; a council member's title as rules of procedure
# name it).
_HEAD_LINE = re.compile(
    r"(?:^|\s)[A-ZÄÖÜ][\w.-]*:(?:\s|$)|\bvom:?\s+\d"
    r"|^(?:(?:Gemeinsame\s+)?(?:Anfrage|Antrag|Stellungnahme\s+zur\s+Anfrage)\s+)?"
    r"(?=(?:Stadträtin|Stadtrat|Stadtverordnete[r]?|Ratsherr|Ratsfrau|Ratsmitglied"
    r"|Gemeinderätin|Gemeinderat|Bezirksverordnete[r]?|Kreisrätin|Kreisrat"
    r"|[\w.|-]*[Ff]raktion)\b)"
    # a running head: the type word and the paper's number ("Anfrage 2016/0760 Seite 1 von 2")
    r"|^(?:Gemeinsame\s+)?(?:Anfrage|Antrag|Stellungnahme\s+zur\s+Anfrage)\s+\S*\d"
)
SUBJECT_START = re.compile(r"[A-ZÄÖÜ„\"“0-9]")
_MIN_WORDS = 2
_MAX_SUBJECT_CHARS = 400  # the subject and the sender cell after it


def subject_after_fields(line: str) -> str | None:
    """Return the words after the last field's value of a head line the subject ran into, or
    None: no head line, no value, or no subject after it (another label, a lower-case word).

    The values are tried from the line's end: "(KVV Nextbike) in Wettersbach" is the subject's
    own bracket, the submitter's "(AfD)" before it ends the field.
    """
    if not _HEAD_LINE.search(line):
        return None
    for match in reversed(list(VALUE_END.finditer(line))):
        if len(line) - match.end() > _MAX_SUBJECT_CHARS:
            break  # a subject's words, not a page run together: earlier values only leave more
        rest = SENDER_AFTER.sub("", line[match.end() :]).strip()
        if (
            len(rest.split()) >= _MIN_WORDS
            and SUBJECT_START.match(rest)
            and not _HEAD_LINE.search(rest)  # another field follows: the value is not the last
        ):
            return rest
    return None


# A form's status cell and the department after it ("24 öffentlich Dez. 4", "Öffentlich
# Nichtöffentlich verantwortlich: Dez. 5"): the last values of the label column (form_title).
_STATUS_END = re.compile(
    r"(?<!\S)(?i:nicht\s*)?(?i:ö)ffentlich(?:\s+(?i:nicht\s*)?(?i:ö)ffentlich)?"
    r"(?:\s+(?:verantwortlich:?\s+)?Dez(?:\.|ernat)\s*\d+(?:\s*/\s*[A-ZÄÖÜ]{2,5})?)?(?=\s|$)"
)
# Where a subject run into the text ends: a numbered or lettered item ("1. Wie …", "A. Führt
# …"), a label of up to three words ("Stellungnahme des Bürgermeisteramtes:", "Inhalt der
# Mitteilung:"), the
# consultation table's head ("Gremium Termin TOP").
SUBJECT_END = re.compile(
    r"\s(?:\(?\d{1,2}[.)]|[A-Za-z][.)])\s+(?=[A-ZÄÖÜ])"
    r"|\s(?:[A-ZÄÖÜ][\w-]*\s+(?:(?:de[rs]|zu[rm]?)\s+)?)?[A-ZÄÖÜ][\w-]*:(?:\s|$)"
    r"|\sGremi(?:um|en)\s+Termin\b"
)
MAX_SUBJECT_WORDS = 25  # a subject that runs on into the text cannot be told from it
SENTENCE_END = re.compile(r"[a-zäöüß]{3,}[.!]\s")


def subject_after_status(lines: Sequence[str]) -> str | None:
    """Return the subject printed after a form's status cell on a head line run together, or None.

    "Termin: TOP: 63. Plenarsitzung Gemeinderat 22.07.2014 16 öffentlich Baumkataster" /
    "A. Führt …": the label column's values on one line, the subject after the status (and the
    department) up to the line's end, a list's first item or the next label.
    """
    for line in lines[:HEADER_LINES]:
        if not re.match(r"[A-ZÄÖÜ][\w .-]{0,30}:", line):
            continue
        status = _STATUS_END.search(line)
        if status is None or re.search(r"Status:\s*$", line[: status.start()]):
            continue  # "Status: öffentlich": a labelled field of a row, not the label column's cell
        rest = line[status.end() :]
        end = SUBJECT_END.search(rest)
        subject = (rest[: end.start()] if end else rest).strip()
        words = len(subject.split())
        if (
            _MIN_WORDS - 1 <= words <= MAX_SUBJECT_WORDS
            and SUBJECT_START.match(subject)
            and not SENTENCE_END.search(subject)  # the text's sentences after it: no end seen
            and not re.search(rf"{DATE.pattern}|{LONG_DATE}", subject)  # another field's value
        ):
            return subject
    return None


# Words before a type phrase that make it a part of the subject ("Ergänzung zur Anfrage der
# CDU-Fraktion", "Umsetzung der Antwort des Senats"): articles and prepositions.
_GOVERNS = re.compile(
    r"der|die|das|den|dem|des|zur|zum|zu|auf|in|im|an|am|aus|einer|eine|einen|ihre|ihrer|seine"
    r"|seiner|unsere|unserer|und|oder|sowie|über|von|vom|nach|mit|betr\.|bzgl\.",
    re.I,
)


_WINDOW_CHARS = 24  # more than the longest word that governs ("unserer") and its spaces


def governed(text: str, at: int) -> bool:
    """Whether the word before position `at` governs what follows (an article, a preposition).

    Only the characters just before `at` are read: a governing word is short.
    """
    start = max(0, at - _WINDOW_CHARS)
    words = text[start:at].split()
    if not words:
        return False
    cut = start > 0 and not text[start - 1].isspace() and not text[start].isspace()
    if cut and len(words) == 1:
        return False  # the tail of a long word fills the window
    return bool(_GOVERNS.fullmatch(words[-1]))


def in_brackets(text: str, at: int) -> bool:
    """Whether position `at` stands inside a bracket left open before it ("(Teil 1) …")."""
    head = text[:at]
    return head.count("(") > head.count(")")


_RUN_ON_WORDS = 20  # words after a label that open the text, not a subject's second half


def without_run_on(value: str) -> str:
    """Return a labelled subject without the text run on after it: "Neubau eines Ablaufkanals …
    Inhalt der Mitteilung: Die CDU-Fraktion hat …" ends at the next label or list item, when many
    words follow it (a subject's own colon, "Radverkehr: Ausbau der Radwege", has few)."""
    for end in SUBJECT_END.finditer(value):
        if in_brackets(value, end.start()) or governed(value, end.start()):
            continue  # "(Teil 1) Anfrage …", "am 5. Dezember 2025": no item opens there
        if (
            len(value[: end.start()].split()) >= 1
            and len(value[end.end() :].split()) >= _RUN_ON_WORDS
        ):
            return value[: end.start()].strip()
    return value


# What follows a labelled subject on its line in a head run together: the next label alone
# ("… 2006/12 Einleitung:"), a label and the letter's salutation ("… Fragen: „Sehr geehrte …"),
# two labels with no value between (empty fields: "… Sitzungstermin: TOP: …").
_LABEL_AFTER = re.compile(
    r"\s+[A-ZÄÖÜ][\wäöüß-]*:(?:\s*$|\s+[„\"]?Sehr geehrte.*$)|\s+[„\"]?Sehr geehrte.*$"
    # fields printed empty after it, and what follows them ("… Sitzungstermin: TOP: …")
    r"|\s+[A-ZÄÖÜ][\wäöüß.-]*:\s+[A-ZÄÖÜ][\wäöüß.-]*:(?:\s.*)?$"
)


def without_label_after(value: str) -> str:
    """Return a labelled subject without a label (and the salutation) run on after it."""
    bare = _LABEL_AFTER.sub("", value).strip()
    return bare if bare else value


_OFFICE_WORDS = 3  # an office's name ("Stadtplanungsamt", "Ortsverwaltung Wolfartsweier")


def subject_in_office_field(line: str) -> str | None:
    """Return the subject run into an empty "Dienststelle:" cell above the consultation table.

    "Dienststelle: Zuständigkeit und Nutzung des denkmalgeschützten Zündhütle-Turmes" / "Gremium
    Termin TOP": the cell was empty, the subject followed it; an office's own name is shorter.
    """
    field = re.fullmatch(r"Dienststelle:\s*(?P<value>.*)", line.strip())
    if field is None:
        return None
    value = field.group("value")
    # words, not abbreviations: "UA i. B. m." (in Benehmen mit) is an office's cell too
    words = [w for w in value.split() if not w.endswith(".")]
    if len(words) <= _OFFICE_WORDS or not SUBJECT_START.match(value):
        return None
    return value if not SENTENCE_END.search(value) else None


# A subject label inside a head run together: "… Eingereicht von Fraktion Bündnis 90/Die Grünen
# Betreff Gemeinwesenarbeit – Vernetzung – Synergie" (a council system's page as text, its
# table's label cells without colons).
_INNER_SUBJECT_LABEL = re.compile(
    r"(?<=\S)\s+(?:(?:Betreff|Gegenstand)\s*:?|(?:Thema|Bezeichnung|Titel|Betr\.)\s*:)\s+(?=[A-ZÄÖÜ„\"\d])"
)


def after_subject_label(title: str) -> str:
    """Return the words after the last subject label inside a title read from a head run
    together, else the title as it is."""
    labels = list(_INNER_SUBJECT_LABEL.finditer(title))
    title = title[labels[-1].end() :].strip() if labels else title
    # a label the head's reading left before its value: the short form "Betr.:" (the long ones
    # are read as labels), a table's rule after the label cell ("Betreff | <subject>")
    return _LEADING_LABEL.sub("", title, count=1)


_LEADING_LABEL = re.compile(
    r"^(?:Betr\.\s*:?|(?:Betreff|Gegenstand|Bezeichnung|Titel|Thema)\s*\|)\s*"
)
