"""The subject printed with a paper's type line: beside it ("Anfrage zu …") or below the head's
fields under it. Pure.

A letter or a Landtag paper prints its type as a heading and the subject a few lines below it,
after the lines that say who sends it, when and under which number: "Gesetzentwurf / der Fraktion
der SPD / <subject>", "Anfrage / der Stadtratsfraktion X / vom 04.02.2021 / Nummer: 21/00123 /
<subject> / Sehr geehrte …", a cover sheet's "Anfrage      Datum: 12.03.2021 / Vorlage-Nr.: … /
<subject> / Beratungsfolge:". Those lines have shapes of their own (a sender's "der Fraktion …",
a date, a short label with a number or a date as its value); the subject is the first line that
is none of them, and never a label, a salutation or a consultation table's head.
Used by header.find_title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import factions_in
from fetcher.parse.faction_phrases import group_like
from fetcher.parse.fields import at_width as _at_width
from fetcher.parse.fields import ends_value
from fetcher.parse.head_pieces import is_address_line, is_reference_line
from fetcher.parse.head_title import SENDER_AFTER
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.markers import list_marker
from fetcher.parse.non_subject import is_meeting_line
from fetcher.parse.subject_run import fields_only, without_run_after
from fetcher.parse.submitters import OF_FACTION
from fetcher.parse.text import DATE, HEADER_LINES, LABEL_LINE, join_lines, wraps
from fetcher.parse.type_names import MOTION_ORDER
from fetcher.parse.type_prefix import (
    prefix_only,
    subject_after_prefix,
    subject_after_prefix_in_run,
    without_mail_marks,
)
from fetcher.parse.wording import SALUTATION

# A head's field line: a date alone or after "vom"/"den"; a town and its date ("Musterstadt,
# 04.02.2021"); a short label with a value that holds a digit ("Nummer: 21/00123", "Datum:
# 12.03.2021", "Vorlage-Nr.: 2021/0123"), or with no value at all.
_FIELD_LINE = re.compile(
    rf"(?:(?:vom|den|am)\s+)?{DATE.pattern}"
    rf"|[A-ZÄÖÜ][\wäöüß-]+(?:\s[\wäöüß-]+)?,\s*(?:den\s+)?{DATE.pattern}"
    r"|[A-ZÄÖÜ][\wäöüß./ -]{0,25}:\s*(?:\S*\d\S*)?",
)
# The office that sends the paper, and its department in dashes: "Die Präsidentin des
# Niedersächsischen Landtages" / "- Landtagsverwaltung -", "Der Oberbürgermeister" (the titles
# of the offices that head a council's or a parliament's administration).
_OFFICE_LINE = re.compile(
    r"(?:(?:Die|Der)\s+)?(?:Präsident(?:in)?|(?:Ober)?[Bb]ürgermeister(?:in)?|Landrat|Landrätin"
    r"|Minister(?:in)?|Senator(?:in)?|Magistrat|Gemeindevorstand|Stadtverwaltung)\b.{0,60}"
    r"|-\s.{2,60}\s-",
)
_MAX_LINES = 4  # a subject wrapped at a letter's width


def _field(line: str) -> bool:
    """Whether a line is a head's field; a section's label ("Begründung:") is none."""
    line = line.strip()
    return bool(_FIELD_LINE.fullmatch(line)) and (
        bool(re.search(r"\d", line)) or not LABEL_LINE.match(line)
    )


def subject_below_type(lines: Sequence[str], index: int) -> str | None:
    """Return the subject below the type line at `index`, after its sender and field lines, or
    None: nothing skipped (a text that starts right under its type), or no subject there."""
    j = index + 1
    while j < len(lines) and (
        not lines[j]
        or OF_FACTION.match(lines[j])
        or _field(lines[j])
        or _OFFICE_LINE.fullmatch(lines[j].strip())
        or is_reference_line(lines[j])  # "Nr. OF 112/4 vom 02.03.2022", "AN 45/2022"
        or is_address_line(lines[j])  # "an den Oberbürgermeister"
        or prefix_only(lines[j])  # "zur Sitzung des Rates am 14.11.2024"
        or is_meeting_line(lines[j])  # "Sitzung des Rates am 16.05.2024 – TOP 7"
    ):
        j += 1
    if (j == index + 1 and not fields_only(lines[index])) or j >= len(lines):
        return None  # nothing skipped, unless the type line holds the head's fields (a paragraph)
    line = lines[j]
    if LABEL_LINE.match(line) or SALUTATION.match(line) or ends_value(line):
        return None
    return continued(lines, j, line)


def continued(lines: Sequence[str], j: int, first: str) -> str:
    """Return the subject that starts with `first` (on line j) and goes on in the lines below:
    wrapped at a word that goes on or at the page's width, up to a label, a salutation, a
    table's head, a type line or a sender."""
    subject = [first]
    k = j + 1
    while (
        (wraps(subject[-1]) or _at_width(lines[k - 1]))
        and len(subject) < _MAX_LINES
        and k < len(lines)
        and lines[k]
        and not (
            LABEL_LINE.match(lines[k])
            or SALUTATION.match(lines[k])
            or ends_value(lines[k])
            or DOC_LABEL.match(lines[k])
            or OF_FACTION.match(lines[k])
            or list_marker(lines[k])  # "A. Zielsetzung", "1. Wie …": the text's first section
        )
    ):
        subject.append(lines[k])
        k += 1
    title = join_lines(subject) if len(subject) > 1 else first
    # "… der Turmbergbahn FDP-OR-Fraktion": the sender's cell beside the subject
    bare = SENDER_AFTER.sub("", title)
    return bare if bare != title and len(bare.split()) >= 2 else title


# A paper's type as the page's heading, in the words of council papers ("Antwort",
# "Stellungnahme der Verwaltung", "Mitteilungsvorlage", "Beantwortung einer Anfrage"): a short
# line, a type word first, no number; the date's column may stand beside it ("Anfrage      Datum:
# 12.03.2021", a two-column head read line by line).
_HEADING = re.compile(
    r"(?P<type>(?i:[\wäöüß]*(?:anfrage|antwort|antrag|vorlage|stellungnahme|mitteilung"
    r"|beantwortung|drucksache))(?:\s+[\wäöüß-]+){0,3}?)(?:\s+[A-ZÄÖÜ][\wäöüß.-]*:\s*\S*)?"
)


def subject_below_heading(lines: Sequence[str], before: int | None = None) -> str | None:
    """Return the subject below a page that opens with its type as the heading (above line
    `before`, the type line found elsewhere), or None."""
    filled = [i for i, line in enumerate(lines[:HEADER_LINES]) if line.strip()]
    if not filled or (before is not None and filled[0] >= before):
        return None
    first = filled[0]
    heading = _HEADING.fullmatch(lines[first].strip())
    if fields_only(lines[first]):
        pass  # "Antwort der Fraktion AfD Eingang: 05.09.2022 19/11158": the head in one paragraph
    elif heading is None or re.search(r"\d", heading.group("type")):
        # the head's fields in one paragraph below the letterhead ("Gemeinde X" / "Eingang: <date>
        # Anfrage der Gruppe F Sitzung des Rates am <date>" / <subject>)
        # (only where no type line stands elsewhere: this paragraph holds the paper's type)
        below = next(
            (
                i
                for i in filled[1:_FIELDS_LINE]
                if fields_only(lines[i]) and _TYPED.search(lines[i])
            ),
            None,
        )
        if below is None or before is not None:
            return None
        return subject_below_type(lines, below)
    return subject_below_type(lines, first)


_FIELDS_LINE = 3  # the letterhead's lines above the head's fields
_TYPED = re.compile(r"\b(?:[A-ZÄÖÜ][a-zäöüß]*)?(?:[Aa]nfrage|[Aa]ntrag|Antwort|Stellungnahme)\b")


# The type line names its subject: "Anfrage zu <subject>", "Antrag betreffend <subject>".
_NAMES_SUBJECT = re.compile(r"(?:zu|betreffend|betr\.|bzgl\.|bezüglich)\s+(?=[A-ZÄÖÜ„\"\d])")
_MIN_CHARS = 12
# the type word alone before a capitalised subject in an e-mail's subject line
_MAIL_TYPE = re.compile(
    r"(?:(?:Kleine|Große|Schriftliche|Mündliche)\s+)?(?:Anfrage|Antrag)\s+"
    r"(?=[A-ZÄÖÜ„\"])(?!(?:Nr|Nummer|Drucksache|Vorlage)\b)"
)
_MIN_NAMED_CHARS = 3  # "B172", "Schulbau": after the type word that names it, a subject


def subject_named(rest: str) -> str | None:
    """Return the subject a type line names after "zu"/"betreffend" ("Anfrage zu <subject>")."""
    named = _NAMES_SUBJECT.match(rest.strip())
    if named is None:
        return None
    subject = rest.strip()[named.end() :].strip()
    return subject if len(subject) > _MIN_CHARS and not DATE.search(subject) else None


# A type word that opens the title and names the subject after it: "Anfrage: <subject>",
# "Anfrage zu <subject>", "Antrag betreffend <subject>", "Prüfauftrag: <subject>".
_TYPE_OPENS = re.compile(
    r"(?:Gemeinsame\s+|Interfraktionelle\s+)?"
    rf"(?:[A-ZÄÖÜ][\wäöüß]*(?:anfrage|antrag|Anfrage|Antrag)|{MOTION_ORDER})"
    r"\s*(?::\s*|\s+(?=(?:zu|betreffend|betr\.|bzgl\.|bezüglich)\s))"
    r"|(?:Anfrage|Antrag)\s*(?::\s*|\s+(?=(?:zu|betreffend|betr\.|bzgl\.|bezüglich)\s))"
)


def subject_line_after_prefix(lines: Sequence[str]) -> str | None:
    """Return the subject of the head's first line that prints it after a type phrase with its
    legal basis, meeting or date ("Anfrage gem. § 16 Abs. 1 GO: <subject>"), or None."""
    for j, line in enumerate(lines[:HEADER_LINES]):
        if subject := subject_after_prefix(line.strip()):
            return continued(lines, j, subject)
        if run := subject_after_prefix_in_run(line):
            return run  # a head run together: find_title cuts what runs on after the subject
    return None


_HEADING_WORDS = 10
_LEAD_IN_WORDS = 3
_FIRST_ITEM = re.compile(r"(?:\(?1[.)]|\(?[aA][.)]|[-–•*])\s+\S")  # the list's first item


def heading_above_list(lines: Sequence[str]) -> str | None:
    """Return a short heading between a lead-in and the list of questions, or None.

    An e-mail or a letter whose subject line names only the meeting ("Betreff: Anfrage für die
    Sitzung der Bezirksvertretung Nord am 14.03.2024") prints its subject as a heading over the
    questions: "… stelle ich folgende Anfrage:" / "Spielplatz Lindenweg" / "1) Warum …". A lead-in
    that announces the paper itself ("folgende Anfrage:", "folgenden Antrag:") names it on the
    next line whatever follows (prose, a form's label); run together, right after its colon.
    """
    filled = [(i, x.strip()) for i, x in enumerate(lines[:HEADER_LINES]) if x.strip()]
    for k in range(1, len(filled) - 1):
        line, lead_in = filled[k][1], filled[k - 1][1]
        if not lead_in.endswith(":") or len(lead_in.split()) < _LEAD_IN_WORDS:
            continue  # a label, not a sentence
        if _ANNOUNCES.search(lead_in):
            heading = without_run_after(_announced(lines, filled[k][0]))
            if heading and _heading(heading, _ANNOUNCED_WORDS):
                return heading
        elif _FIRST_ITEM.match(filled[k + 1][1]) and _heading(line, _HEADING_WORDS):
            return line
    for _, line in filled[:_RUN_HEAD_LINES]:
        announced = _ANNOUNCES.search(line, 0, _ANNOUNCE_CHARS)
        if announced and (rest := line[announced.end() :].strip()) and rest[0] != "1":
            heading = without_run_after(rest[:_ANNOUNCE_CHARS])
            if heading and _heading(heading, _ANNOUNCED_WORDS):
                return heading
    return None


def _heading(line: str, max_words: int) -> bool:
    """Whether a line reads as a short heading: capitalised, no sentence, label or list item."""
    return (
        1 <= len(line.split()) <= max_words
        and bool(re.match(r"[A-ZÄÖÜ„\"]", line))
        and not re.search(r"[.:?!,;]$", line)
        and not (list_marker(line) or LABEL_LINE.match(line) or DOC_LABEL.match(line))
    )


def _announced(lines: Sequence[str], at: int) -> str:
    """Return the subject named below an announcing lead-in: its lines up to a blank line (a
    subject wrapped at a letter's width), or its first line where prose or a label follows."""
    taken = [lines[at].strip()]
    for line in lines[at + 1 : at + _MAX_LINES + 1]:
        if not line.strip():
            return join_lines(taken)
        if re.search(r"[.:?!;]$", line.strip()) or list_marker(line) or LABEL_LINE.match(line):
            break
        taken.append(line.strip())
    return taken[0]


# A lead-in's end that announces the paper itself: its name follows ("… stelle ich folgende
# Anfrage:", "… stellen wir folgenden Antrag:").
_ANNOUNCES = re.compile(
    r"\bfolgenden?\s+(?:(?:Kleine|Große|Schriftliche|Mündliche|Dringliche)\s+)?(?:Anfrage|Antrag)"
    r"\s*:(?=\s|$)"
)
_RUN_HEAD_LINES = 3  # a head run together into a line or two
_ANNOUNCE_CHARS = 1500  # an e-mail's head and salutation before the lead-in
_ANNOUNCED_WORDS = 20  # a subject the paper's announcement names, run together with the text


def names_sender(value: str) -> bool:
    """Return whether the value after "Anfrage:" names who sends it ("SPD", "UWG", "CDU-Fraktion"),
    not the subject."""
    return bool(factions_in(value)) or "fraktion" in value.lower() or group_like(value)


def without_type_word(title: str) -> str:
    """Return the title without a type word that opens it and names the subject after it."""
    unmarked = without_mail_marks(title)
    if unmarked != title and (typed := _MAIL_TYPE.match(unmarked)):
        # "AW: WG: Anfrage Straßenbeleuchtung im Ortsteil …": an e-mail's subject names the type
        # and the subject without a separator (a sender after it is none)
        mailed = unmarked[typed.end() :].strip()
        if len(mailed) >= _MIN_NAMED_CHARS and not names_sender(mailed):
            return mailed
    title = unmarked
    if after_prefix := subject_after_prefix(title):
        return after_prefix  # "Anfrage gem. § 16 Abs. 1 GO: <subject>"
    opens = _TYPE_OPENS.match(title)
    if opens is None:
        return title
    rest = title[opens.end() :].strip()
    named = _NAMES_SUBJECT.match(rest)
    if named:  # "Anfrage zu Schulbau": a short subject is one too, a date none
        subject: str | None = rest[named.end() :].strip()
        if subject and DATE.search(subject):
            return title
    else:
        subject = rest if not rest.startswith(("zu ", "betr")) else None
    if subject is None or len(subject) < _MIN_NAMED_CHARS or names_sender(subject):
        return title
    return subject
