"""What a title never is, and the subject inside a head whose lines ran together. Pure.

Text whose lines were run together (a PDF's paragraphs read as one line each, a scraped page)
prints a paper's head as one run: "Anfrage der SPD-Fraktion vom 12.03.2021 Nummer: 21/00123
Barrierefreie Haltestellen Sehr geehrte …", "Antwort Datum: 12.03.2021 Vorlage-Nr.: 19/11143
<subject> Beratungsfolge: …", "Bezeichnung: <subject> Anfrage der Abgeordneten … (CDU),
eingegangen am …". The pieces a head prints have shapes of their own: before the subject a type
word, a sender, a date, a number with or without its label; after it a salutation, the sender's
"Anfrage der Abgeordneten …", field labels printed empty ("Organisationseinheit: Datum:"), a
section's heading ("Vorbemerkung", "Begründung:"), the consultation table, the list's first item.
What stays between them is the subject.

A title is never a label, a date, a salutation, a type phrase, or a sender alone ("FDP -",
"SPD-Fraktion", "Stadtrat Jürgen Wenzel (FW)"): where nothing else is left there is no title.
Used by header.find_title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import faction_spans
from fetcher.parse.form_title import CELL_WORDS
from fetcher.parse.head_pieces import (
    LEAD_IN,
    QUESTION_OPENS,
    after_sender,
    is_address_line,
    is_reference_line,
    opens_lead_in,
)
from fetcher.parse.head_title import (
    SENDER_AFTER,
    SUBJECT_START,
    governed,
)
from fetcher.parse.paper_number import VALUE
from fetcher.parse.text import DATE, HEADER_LINES
from fetcher.parse.type_prefix import SENTENCE_OPENS, prefix_only

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
_MAX_SUBJECT_WORDS = 40  # the longest subjects of Landtag papers have 31
_SENTENCE_END = re.compile(r"[a-zäöüß]{3,}[.!]\s+[A-ZÄÖÜ]")


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
        elif (start := after_sender(title, faction_spans(title[:_SENDER_CHARS]))) is not None and (
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


# A head's line that the subject ran into: a label with its colon, a date, a paper's number.
_HEAD_PIECE = re.compile(rf"(?:^|\s)[A-ZÄÖÜ][\w.-]*:(?:\s|$)|{DATE.pattern}|\d+/\d+")


# A field's value the subject follows in a head run together: a labelled number ("Nummer:
# 19/11138", "Vorlage-Nr.: mAF0007/14"), a labelled date ("Datum: 12.03.2021", "vom 04.02.2021").
_FIELD_VALUE = re.compile(
    rf"(?:Nr\.?|[Nn]ummer)\s*:?\s*{VALUE}(?![\w/])|(?:Datum:|\bvom)\s*{DATE.pattern}"
    rf"|\b(?:Eingang|Eingegangen|Posteingang|Einreichung)(?:\s+am)?:\s*{DATE.pattern}"
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
    start = after_sender(line, faction_spans(line[:_SENDER_CHARS]))
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


_SENDER_CHARS = 200  # a type word, a member's name and a joint sender's parties
# What a subject after a field is read from: its words (at most _MAX_SUBJECT_WORDS) and the piece
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
        1 <= words <= _MAX_SUBJECT_WORDS
        and SUBJECT_START.match(subject)
        and not _SENTENCE_END.search(subject)
        and not _TYPE_FIRST.match(subject)
        and not not_subject(subject)
    ):
        return subject
    return None


# A subject label with its colon inside a head line run together: "Beratungsfolge: Gremium …
# Stadtrat 23.03.2023 Entscheidung öffentlich Gegenstand: Schulbaumaßnahmen".
_RUN_IN_SUBJECT = re.compile(
    r"(?<=\S)\s+(?:Betreff|Gegenstand|Bezeichnung|Titel|Thema)\s*:\s+(?=[A-ZÄÖÜ„\"\d])"
)


def subject_run_in(lines: Sequence[str]) -> str | None:
    """Return the value of a subject label run into a head line, up to the next label, or None."""
    for line in lines[:HEADER_LINES]:
        label = _RUN_IN_SUBJECT.search(line)
        if label is None:
            continue
        value = without_run_after(line[label.end() :].strip())
        if value and len(value.split()) <= _MAX_SUBJECT_WORDS and not _SENTENCE_END.search(value):
            return value
    return None


# What a title never is: field labels alone, a date, a salutation, a type phrase alone.
_NOT_SUBJECT = re.compile(
    r"(?:[^\s:]+:\s*)+"
    rf"|(?:[A-ZÄÖÜ][\wäöüß-]+,\s*)?(?:(?:vom|den|am)\s+)?{DATE.pattern}"
    r"|[„\"“]?Sehr\s+geehrte.*"
    r"|(?:(?:Kleine|Mündliche|Schriftliche|Große|Gemeinsame|Öffentliche)\s+)?"
    r"[\wäöüß]*(?i:anfrage|antrag|antwort|stellungnahme|vorlage|beantwortung|mitteilung)"
    r"(?:\s+(?:de[rs]|zur)\s+\w+)?\s*:?"
    # a sender's name and the date ("Freie Wähler Karlsruhe vom 04.02.2021")
    rf"|(?:[A-ZÄÖÜ/][^\s]*\s+){{1,5}}(?:vom|den)\s+{DATE.pattern}"
    rf"|(?:[A-ZÄÖÜ/][^\s]*\s+){{0,5}}[A-ZÄÖÜ][^\s,]*,\s*(?:den\s+)?{DATE.pattern}"
    # the session's status ("Beratung in öffentlicher Sitzung")
    r"|(?:Beratung\s+in\s+)?(?i:(?:nicht\s*)?öffentliche[rn]?)\s+Sitzung"
    # fields with their one-word values ("Verantwortlich: Dez.1 Dienststelle: VBK")
    r"|(?:[A-ZÄÖÜ][\w./-]*:\s*[^\s:]+\s*){2,}"
    # a paper's number alone ("2021/0123", "Nr. 17/2024")
    r"|(?:Nr\.?\s*)?\d[\d/.-]*"
    # an answer's label before its answer ("Ad 1)", "Zur Frage 1: …"), a table's head cells
    r"|(?:Ad|Zu|Zur\s+Frage|Frage|Antwort\s+zu(?:r\s+Frage)?)\s*\d{1,2}\s*[).:]?(?:\s.*)?"
    r"|Frage(?:\s*\|*\s*Antwort)?"
    # a numbered question, a footnote's address, a running head
    r"|\d{1,2}\.\)?\s+[A-ZÄÖÜ].*\?|\d{1,2}\s+https?://\S+.*|.*\bWahlperiode\b.*Drucksache\s+[\d/]+"
    # a type phrase with its sender and date ("Antwort des Ministeriums … vom 06.07.2026")
    r"|(?:Anfrage|Antwort|Antrag|Stellungnahme|Beantwortung)\s+de[rs]\s+[^.?!]{0,200}?"
    rf"\bvom\s+{DATE.pattern}"
    # an agenda item's label with its number ("Tagesordnungspunkt: 1 öffentliche Sitzung …")
    r"|(?:Tagesordnungspunkt|TOP)\s*:?\s*\d+[a-z]?\b.*"
    # the letterhead: the paper's type, the town and who heads its office ("BESCHLUSSVORLAGE
    # STADT KARLSRUHE Der Oberbürgermeister")
    r"|.*\b(?:Der|Die)\s+(?:Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Landrat|Landrätin"
    r"|Magistrat|Kreisausschuss)",
)
# a sentence's end and the next one's start, run together ("… Bratislava“). Gleichzeitig …")
# (a word of four letters at least: "bzw. Ausfallsicherheit" is an abbreviation's stop)
_SENTENCE_BREAK = re.compile(r"(?:[a-zäöüß]{4,}|[)“\"])[.!]\s+[A-ZÄÖÜ][a-zäöüß]")
_MAX_SENTENCE_BREAKS = 1  # a subject may print two sentences ("Radweg X. Sachstand"), not three
_LEAD_IN_WORDS = 6  # a subject ending in a second colon this long is a sentence before a quote
# A sender's words besides the party's name: the type word and its article, the group
# ("-Fraktion", "-Ortschaftsratsfraktion", "OR-Fraktion", "Gruppe"), the seat after it; a
# council member's title, name and party ("Stadtrat Jürgen Wenzel (FW)").
_GROUP_WORDS = re.compile(
    r"\b(?:(?:Gemeinsame|Große|Kleine|Dringliche|Schriftliche|Mündliche)\s+)?"
    r"(?:Anfrage|Antrag|Stellungnahme|Antwort)\b|\b(?:der|des|die|und)\b"
    r"|[\w‘'’/.+-]*(?i:fraktion|gruppe)\w*(?:\s+[A-ZÄÖÜ][\wäöüß-]+$)?|\bO?R\b|\bGR\b|[-–/,:()]"
)
_MEMBER = re.compile(
    r"(?:Stadträtin|Stadtrat|Stadtverordnete[r]?|Ratsherr|Ratsfrau|Ratsmitglied|Gemeinderätin"
    r"|Gemeinderat|Ortschaftsrätin|Ortschaftsrat|Bezirksverordnete[r]?|Kreisrätin|Kreisrat)"
    r"(?:\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\wäöüß.-]+){1,3}\s*\([^()]{1,25}\)"
)


_DATED = re.compile(rf"(?:[A-ZÄÖÜ][\wäöüß-]+,\s*)?(?:\b(?:vom|den|am)\s+)?{DATE.pattern}")


def names_sender_only(title: str) -> bool:
    """Return whether a title names only who sends the paper: a party or faction ("FDP -",
    "SPD-Fraktion", "Anfrage der GRÜNEN-Ortschaftsratsfraktion"), or a member and party."""
    text = " ".join(title.split())
    if _MEMBER.fullmatch(text):
        return True
    spans = faction_spans(text)
    if not spans and "fraktion" not in text.casefold():
        return False
    rest = text
    for start, end, _name in reversed(spans):
        rest = f"{rest[:start]} {rest[end:]}"
    rest = _DATED.sub(" ", rest)
    rest = _GROUP_WORDS.sub(" ", " ".join(rest.split()))
    return not re.search(r"[A-Za-zÄÖÜäöüß0-9]{2,}", rest)


_LABELLED_DATE = re.compile(rf"[\wäöü]+:\s*{DATE.pattern}")


def not_subject(title: str) -> bool:
    """Return whether a title is no subject: a label, a date, a salutation, a type phrase, a
    sender alone, or sentences run on."""
    text = " ".join(title.split()).strip(" -–,;")
    if len(text.split()) > _MAX_SUBJECT_WORDS and _SENTENCE_END.search(text):
        return True  # sentences run on: the text, not a subject
    if len(_SENTENCE_BREAK.findall(text)) > _MAX_SENTENCE_BREAKS:
        return True  # several sentences: prose, not a subject
    if text.endswith(":") and ": " in text and len(text.split()) >= _LEAD_IN_WORDS:
        # "… die diese Forderungen verstärken: In der Beschlussvorlage 2017/0699 heißt es:": a
        # sentence ending in a colon, then a quote's lead-in ("Wahl …, Beiräte und Gremien:" of
        # one colon stays a title)
        return True
    if len(_LABELLED_DATE.findall(text)) >= 2:
        return True  # a head's fields run together ("vom: 30.12.2005 eingegangen: 30.12.2005 …")
    if not CELL_WORDS.sub("", f"{text} ").strip():
        return True  # a consultation table's cells ("5 Ö Kenntnisnahme")
    if is_reference_line(text) or is_address_line(text) or opens_lead_in(text):
        return True  # a number's line, whom it is addressed to, the lead-in's sentence
    if prefix_only(text):
        return True  # "Auskunftsersuchen nach § 27 BezVG", "zur Sitzung des Rates am …"
    return not text or bool(_NOT_SUBJECT.fullmatch(text)) or names_sender_only(text)
