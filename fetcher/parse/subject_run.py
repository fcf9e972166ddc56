"""Where a subject run together with what follows it ends, and the head's fields before it. Pure.

Text whose lines were run together (a PDF's paragraphs read as one line each, a scraped page)
prints a paper's head as one run: "Anfrage der SPD-Fraktion vom 12.03.2021 Nummer: 21/00123
Barrierefreie Haltestellen Sehr geehrte …". The pieces a head prints have shapes of their own:
before the subject a type word, a sender, a date, a number with or without its label; after it a
salutation, the sender's "Anfrage der Abgeordneten …", field labels printed empty
("Organisationseinheit: Datum:"), a section's heading ("Vorbemerkung", "Begründung:"), the
consultation table, the list's first item. What stays between them is the subject. Used by
head_subject and type_subject.
"""

from __future__ import annotations

import re

from fetcher.factions import faction_spans
from fetcher.parse.head_pieces import LEAD_IN, QUESTION_OPENS, after_sender
from fetcher.parse.head_title import SENDER_AFTER, governed
from fetcher.parse.paper_number import VALUE
from fetcher.parse.text import DATE
from fetcher.parse.type_prefix import SENTENCE_OPENS

SENDER_CHARS = 200  # a type word, a member's name and a joint sender's parties
# A type phrase with its sender ("Anfrage der Abgeordneten …", "Antwort des Ministeriums …",
# "Stellungnahme der Verwaltung"): a head's piece, where the subject before it ends.
_SENDER_PHRASE = re.compile(
    r"\s(?:(?:Kleine|Mündliche|Schriftliche|Große|Gemeinsame|Dringliche)\s+)?"
    r"(?:Anfrage|Antwort|Antrag|Stellungnahme|Beantwortung)\s+de[rs]\s+(?=[A-ZÄÖÜ])"
)
# A section's heading, in the language's own words.
_SECTION_WORDS = (
    r"(?:Vorbemerkung|Begründung|Sachverhalt|Einleitung|Fragen|Fragestellung"
    r"|Erläuterung(?:en)?|Beschlussvorschlag|Inhalt\s+der\s+Mitteilung)"
)
# Where a subject run together with what follows it ends: a salutation, field labels printed
# empty (a label before another label or at the end), a section's heading (the language's own
# words), the consultation table's head, the list's first item.
_STOP = re.compile(
    r"(?=\s[„\"“]?Sehr\s+geehrte"
    r"|\s[A-ZÄÖÜ][\wäöüß.-]*:(?=\s+[A-ZÄÖÜ][\wäöüß.-]*(?:\s+[\wäöüß.-]+)?:(?:\s|$)|\s*$)"
    rf"|\s{_SECTION_WORDS}(?:\s*:|\s+de[rs]\s)"
    r"|\sBeratungsfolge\b|\sGremi(?:um|en)\s+(?:Sitzung|Termin)"
    # the box a cover sheet prints its sections in, over the first ("Inhalt Sachverhalt …")
    rf"|\sInhalt(?=\s+{_SECTION_WORDS}\b)"
    # a committee's cell before the table's heads ("Ortschaftsrat Stupferich Termin TOP ö nö")
    r"|\s(?:(?:Gemeinderat|Ortschaftsrat|Stadtrat|Bezirksbeirat|Ausschuss)(?:\s+[A-ZÄÖÜ]\S*)?\s+)?"
    r"Termin\s+TOP\b"
    # (asking, or counted on by its second item: "§ 1896 (1) BGB", "Niederschrift 1.
    # Plenarsitzung" are the subject's own)
    r"|\s\(?(?:1|[aA])[.)]\s+(?=[A-ZÄÖÜ„\"](?:[^?]{0,300}\?|.{0,600}?\s\(?(?:2|[bB])[.)]\s))"
    # a lead-in run into the subject: a capitalised function word opens a sentence (inside one
    # German writes it in lower case) whose verb stands before "ich"/"wir" ("… Zündhütle Zur
    # nächsten Sitzung stelle ich namens unserer Fraktion folgende Anfrage")
    r"|\s(?:Zur|Zum|Zu|In|Im|Am|Auf|Aus|Mit|Nach|Vor|Bei|Für|Wegen|Aufgrund|Daher|Deshalb|Dazu"
    r"|Hierzu|Deswegen)\s[^.?!:]{0,80}?\s(?:stelle|stellen|bitte|bitten|frage|fragen|richte|richten)"
    r"\s+(?:ich|wir)\b"
    # an answer's sentence that opens on the inquiry ("Die Anfrage lautet:", "Die Fragen werden
    # wie folgt beantwortet")
    r"|\s(?:Die|Der)\s+(?:Anfrage|Fragen?|Antrag)\s+(?:lautet|lauten|wird|werden)\b"
    # the inquiry's lead-in, its first question (head_pieces)
    rf"|\s(?:{LEAD_IN})|{QUESTION_OPENS}"
    # the type word of the text below, alone after the subject
    r"|\s(?:Anfrage|Antrag|Antwort|Stellungnahme|\w*vorlage)\s*$"
    r")"
)
_QUESTION_STOP = re.compile(QUESTION_OPENS)
_ITEM_FIRST = re.compile(r"\(?\d{1,2}[.)]\s")
# an office's short name or code alone before a subject that asks ("OA", "VBK", "Gartenbauamt")
_OFFICE = re.compile(r"\s*(?:[A-ZÄÖÜ]{2,6}\d*|[A-ZÄÖÜ][a-zäöüß]+amt)\s*")
# an office's short name of mixed case, two capitals in it at least ("AfSta", "GfS", "SuS")
_OFFICE_CODE = re.compile(r"\s*(?=[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ])[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]{1,5}\d*\s*")


_SECTION_HEADING = re.compile(rf"{_SECTION_WORDS}\s*:")
_LAST_LABEL = re.compile(r"\s[A-ZÄÖÜ][\wäöüß.-]*:\s*$")


def _phrase_end(text: str, at: int) -> bool:
    """Whether the stop at `at` is a noun with a colon that ends the text and that a lower-case
    word before it belongs to ("… zur angefragten Thematik:"): the phrase's end, not a field
    label printed empty."""
    if not _LAST_LABEL.match(text, at) or _SECTION_HEADING.match(text, at + 1):
        return False
    before = text[max(0, at - 40) : at].split()
    return bool(before) and before[-1][:1].islower()


def subject_end(text: str) -> int:
    """Return where the subject at the start of `text` ends: at the first piece a head or the
    text prints after it, else the text's end.

    Linear in the text: the stops are tried in order and the first that counts ends the search;
    the brackets left open are counted on the way.
    """
    end, opened, counted = len(text), 0, 0
    for match in _STOP.finditer(text):
        at = match.start()
        opened += text.count("(", counted, at) - text.count(")", counted, at)
        counted = at
        if _QUESTION_STOP.match(text, at) and _OFFICE.fullmatch(text, 0, at):
            continue  # an office's code or name before a subject that asks: a cell, not the subject
        if at > 0 and opened <= 0 and not governed(text, at) and not _phrase_end(text, at):
            end = at
            break
    for match in _SENDER_PHRASE.finditer(text, 0, end):
        if match.start() > 0 and not governed(text, match.start()):
            return match.start()
    return end


# A head's field before the subject: a labelled number, a labelled date, "vom <date>".
_FIELD_BEFORE = re.compile(
    r"^(?:[\wäöüß]*(?i:anfrage|antrag|antwort|stellungnahme|vorlage)\s+(?=\S*(?:Nr|Nummer|Datum)))?"
    rf"(?:(?:[A-ZÄÖÜ][\w.-]*)?(?:Nr\.?|[Nn]ummer)\s*:?\s*{VALUE}(?:\s+vom\s+{DATE.pattern})?"
    rf"|Datum:\s*{DATE.pattern}"
    # a received date, a bare number ("Eingang: 05.09.2022 AN 45/2022 <subject>")
    rf"|[A-ZÄÖÜ][\wäöüß.-]*(?:\s+am)?:\s*{DATE.pattern}"
    rf"|(?=[A-Za-zÄÖÜ]{{0,5}}\s?\d+\s?/|[A-ZÄÖÜ]{{1,5}}(?:-[A-ZÄÖÜ]{{1,3}})*-\d){VALUE}"
    rf"|vom\s+{DATE.pattern}"
    # the responsible department's code, a cell printed in the column before the subject ("Dez.
    # 5", "FB 3", "Dez. 1 / ZJD"; a letterhead spells its office out: "Dezernat 3" / its name)
    r"|(?:Dez\.|GB|FB)\s*\d{1,2}\b(?:\s*/\s*[A-ZÄÖÜ]{2,5}\b)?"
    # the meeting the paper is for, after the sender's town or not ("Karlsruhe zur Sitzung des
    # Rates am 14.11.2024 <subject>")
    rf"|(?:[A-ZÄÖÜ][\wäöüß-]+\s+)?(?:(?:zur|für\s+die|in\s+der)\s+)?[\wäöüß-]*[Ss]itzung\b"
    rf"(?:\s+[\wäöüß.-]+){{0,5}}?\s+am\s+{DATE.pattern}"
    r"(?:\s*[,–—-]?\s*(?:Tagesordnungspunkt|TOP)\s*:?\s*\d+[a-z]?\b)?"
    # the sender, the town and the date ("der Fraktion AfD Musterstadt, 04.02.2021")
    rf"|(?:\S+\s+){{0,6}}?[A-ZÄÖÜ][\wäöüß-]+,\s*(?:den\s+)?{DATE.pattern}"
    # the sender and date before the number ("CDU vom 04.02.2021 Nummer: 19/11138 …")
    rf"|(?:\S+\s+){{0,5}}?vom\s+{DATE.pattern}(?=\s+\S*(?:Nr|Nummer)))"
    r"\s+(?=[A-ZÄÖÜ„\"“0-9])"
)


_SUBJECT_OPENS = re.compile(r"\s+[A-ZÄÖÜ„\"“0-9]")


def without_fields_before(title: str) -> str:
    """Return a title without the head's fields and the type word and sender before it."""
    while True:
        if field := _FIELD_BEFORE.match(title):
            title = title[field.end() :]
        elif (start := after_sender(title, faction_spans(title[:SENDER_CHARS]))) is not None and (
            _SUBJECT_OPENS.match(title, start)
        ):
            title = title[start:].strip()  # "Anfrage der Fraktion SPD <subject> …"
        else:
            return title


def without_run_after(title: str) -> str | None:
    """Return a title without the head's fields before it and the text run on after it; None if
    nothing is left."""
    title = without_fields_before(title)
    cut = title[: subject_end(f" {title}") - 1].strip(" ,;")  # a piece opening it is its own
    if (sentence := SENTENCE_OPENS.search(cut)) and not _ITEM_FIRST.match(cut):
        # "<subject> Der Zweckverband hat … verschoben.": the text's first sentence run on (an
        # item of a list is no subject to cut)
        before = cut[: sentence.start()]
        if _OFFICE.fullmatch(before) or _OFFICE_CODE.fullmatch(before):
            # "AfSta Der „…“ neuen Schwung verleihen!": an office's code, then the subject
            cut = cut[sentence.start() :].strip()
        elif not before.endswith(":"):
            # a colon before it: the title's second part ("Strategie 2035: Der … verleihen!")
            cut = before
    sender = SENDER_AFTER.search(cut)
    if sender and not governed(cut, sender.start() + 1) and len(cut[: sender.start()].split()) >= 2:
        # "… der Turmbergbahn FDP-OR-Fraktion": the sender's cell, with all of its party's name
        # ("… Pfinzstraße B ́90/DIE GRÜNEN-OR-Fraktion")
        named = [a for a, b, _name in faction_spans(cut) if b > sender.start()]
        start = min([sender.start(), *named])
        cut = (_JOINT_HEAD.sub("", cut[:start]) if start < sender.start() else cut[:start]).rstrip()
    return cut or None


# The first part of a joint party name left before the name's end: "B ́90/" of "B ́90/DIE GRÜNEN".
_JOINT_HEAD = re.compile(r"(?:\s+\S{1,3})?\s+\S{0,4}/\s*$")


def fields_only(line: str) -> bool:
    """Return whether a head's line holds only its type word, sender and fields ("Antwort der
    Fraktion AfD Eingang: 05.09.2022 19/11158"): the subject is on the next line."""
    text = " ".join(line.split())
    rest = without_fields_before(f"{text} X")
    return rest == "X" and len(text) > len(rest)
