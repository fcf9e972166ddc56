"""The lines and phrases a head prints around its subject that are never the subject. Pure.

Above the subject a paper may print its number on a line of its own ("Nr. AF2015/13 vom
02.03.2022", "AN 45/2022", "Drucksache 19/11138") and whom it is addressed to ("an den
Oberbürgermeister", "An die Verwaltung der Stadt …"); below it the inquiry's lead-in ("Wir fragen
die Verwaltung:", "Ich frage den Oberbürgermeister:", "Die Verwaltung wird gebeten, folgende
Fragen zu beantworten:", "Der Magistrat wird gefragt:", "Frage 1:", "F:") or the first question
itself. Where a text's lines ran together, the subject runs on into those: the lead-in and a
question's sentence end it. A reference line, an address line or a sentence that asks ("Wir
möchten wissen, wie viele …") is never a title. The shapes are the language's own (a first person
and a verb of asking, a passive "wird gebeten", an interrogative that opens a sentence), not one
Kommune's wording. Used by subject_run, non_subject, head_subject and type_subject.
"""

from __future__ import annotations

import re

from fetcher.parse.paper_number import VALUE
from fetcher.parse.text import DATE

# A paper's number on a line of its own, with its label and date or bare ("AN 45/2022"): a bare
# number holds a "/" or "-" between digits (a subject's "B 17", "Tempo 30" holds none).
_REFERENCE_LINE = re.compile(
    r"(?:(?:[A-ZÄÖÜ][\w.-]*\s*[-–]?\s*)?(?:Nr\.?|Nummer|Drucksache|Drs\.)\s*:?\s*)?"
    rf"{VALUE}(?:\s*,?\s*(?:vom|v\.)\s+{DATE.pattern})?"
)
# The number's label left alone, its value read onto the next line ("… Nr." / "AF0028/14 …").
_LABEL_ALONE = re.compile(r"(?:[A-ZÄÖÜ][\w.-]*\s*[-–]?\s*)?(?:Nr\.?|Nummer|Drucksache|Drs\.)\s*:?")
_LABELLED = re.compile(r"(?:Nr\.?|Nummer|Drucksache|Drs\.)\s*:?\s*\S*\d")
_NUMBERED = re.compile(r"\d\s?[/-]\s?[A-Za-z]{0,5}\d")

# Whom the paper is addressed to: the head of the council's administration or the body itself,
# after "an den"/"an die" (the office titles of German municipal and county codes); _OFFICE also
# ends a sender's run-on address (_ADDRESS_AFTER).
_OFFICE = (
    r"(?:Ober)?[Bb]ürgermeister(?:in)?|Landr(?:at|ätin)|Magistrat|Gemeindevorstand|Senat|Bezirksamt"
    r"|[\wäöüß]*[Vv]erwaltung"
)
_ADDRESS_LINE = re.compile(
    r"(?i:an)\s+(?:den|die|das)"
    rf"(?:(?:\s+(?:Herrn|Frau))?\s+(?:{_OFFICE}|Kreisausschuss|Präsident(?:en|in)|Vorsitzende[nr]?"
    r"|(?:Stadt|Gemeinde|Orts|Kreis)?[Rr]at|Kreistag)(?:\s+\S+){0,6})?"
)

# A lead-in: the first person and a verb of asking ("Wir fragen die Verwaltung:", "Ich bitte um
# Beantwortung …", "Wir möchten wissen, …"); the office asked in the passive ("Die Verwaltung wird
# gebeten, …", "Der Magistrat wird gefragt:", "Die Ortsverwaltung möge …"); the sender asking
# ("Die Fraktion X fragt …"); a question's label ("Frage 1:", "F:").
LEAD_IN = (
    r"(?:Wir|Ich)\s+(?:fragen|frage|bitten|bitte|möchten|möchte|ersuchen|ersuche|stellen|stelle"
    r"|richten|richte|wollen|will|wüssten|würden\s+gerne?)\b"
    r"|(?:Die|Der|Das)\s+(?:[\wäöüß/-]+\s+){1,5}?(?:wird|werden)\s+(?:gebeten|gefragt|um\s"
    r"|aufgefordert|ersucht)|(?:Die|Der|Das)\s+(?:[\wäöüß/-]+\s+){1,3}?mögen?\s"
    r"|(?:Die|Der)\s+\S*(?:[Ff]raktion|Gruppe)\b[^.?!:]{0,60}?\s(?:fragt|bittet|stellt|richtet"
    r"|ersucht|hat\s+folgende)\b"
    r"|(?:Frage|F)\s?\d{0,2}\s?:\s|Frage\s+\d{1,2}\s?[.)]?\s+(?=[A-ZÄÖÜ])"
)
_LEAD_IN = re.compile(LEAD_IN)
# An interrogative that opens a sentence which ends in "?": inside a sentence German writes it in
# lower case, so a capitalised one after the subject's last word starts the first question (not
# after a word that names the subject: "Anfrage betreffend Wie ist …?").
QUESTION_OPENS = (
    r"(?<=[\wäöüß)\"“”])(?<!betreffend)(?<!bezüglich)(?<!Betreff)\s(?:Wie|Welche[rsmn]?|Warum|Weshalb|Wieso|Weswegen|Wann|Wo|Wohin|Woher"
    r"|Wer|Wen|Wem|Wessen|Was|Inwieweit|Inwiefern|Ist|Sind|Gibt|Gab|Hat|Haben|Wird|Werden|Wurde"
    r"|Wurden|Kann|Können|Plant|Planen|Liegt|Liegen|Besteht|Bestehen|Sieht|Teilt|Trifft)"
    r"\s[^?]{0,300}\?"
)


def is_reference_line(text: str) -> bool:
    """Return whether a line is a paper's number, labelled or bare, with or without its date."""
    line = " ".join(text.split())
    if _LABEL_ALONE.fullmatch(line):
        return True
    return bool(_REFERENCE_LINE.fullmatch(line)) and bool(
        _LABELLED.match(line) or _NUMBERED.search(line)
    )


# A type word before the address ("Anfrage an die Verwaltung"): the type line, no subject.
_TYPE_BEFORE = re.compile(
    r"(?:[\wäöüß]*(?i:anfrage|antrag|stellungnahme|antwort)\s+(?:de[rs]\s+\S+\s+)?)?"
)


def is_address_line(text: str) -> bool:
    """Return whether a line names whom the paper is addressed to ("an den Oberbürgermeister"),
    its type word before it or not ("Anfrage an die Verwaltung")."""
    line = " ".join(text.split())
    line = line[_TYPE_BEFORE.match(line).end() :]  # type: ignore[union-attr]
    return bool(_ADDRESS_LINE.fullmatch(line)) and not line.endswith(("?", "."))


def opens_lead_in(text: str) -> bool:
    """Return whether a text opens with an inquiry's lead-in, not with a subject."""
    return bool(_LEAD_IN.match(" ".join(text.split())))


# A type word and its sender opening a head run together: "Anfrage der Fraktion SPD …",
# "Anfrage der Ratsfrau Petra Lang, Fraktion Freie Wähler an den Oberbürgermeister …".
_TYPE_SENDER = re.compile(
    r"(?:(?:Kleine|Mündliche|Schriftliche|Große|Gemeinsame|Interfraktionelle)\s+)?"
    r"[\wäöüß]*(?:Anfrage|Antrag|Anträge|Antwort|Stellungnahme|Vorlage)\s+(?:de[rs]|von)\s+"
)
_SENDER_GAP = 40  # "Ratsfrau Petra Lang, Fraktion ": the words before the party's name
# The group after the party's name ("-Fraktion", "-OR-Fraktion", " Ortschaftsratsfraktion").
_GROUP_AFTER = re.compile(r"(?:[-\s]+(?:[A-Z]{1,3}-)?\S*(?i:fraktion|gruppe)\b)?")
_NAME_RUNS_ON = re.compile(r"\S*")  # the rest of the name's word: "FDP/FB", "B‘90/DIE GRÜNEN-OR-…"
_PLACE_BEFORE_FIELD = re.compile(
    rf"\s+[A-ZÄÖÜ][\wäöüß-]+(?=\s+(?:Nr\.|Nummer|vom\s|Datum|Eingang|{DATE.pattern}))"
)
_PARTY_JOINS = re.compile(r"\s*(?:/|,|und|sowie)?\s*")
# The address after the sender: "an den Oberbürgermeister (der Stadt X)".
_ADDRESS_AFTER = re.compile(
    r"(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?\s+(?i:an)\s+(?:den|die|das)\s+(?:Herrn\s+|Frau\s+)?"
    rf"(?:{_OFFICE})"
    r"(?:\s+de[rs]\s+(?:Stadt|Gemeinde|Kreises|Landkreises)\s+[A-ZÄÖÜ][\wäöüß-]+)?"
)


def after_sender(text: str, spans: list[tuple[int, int, str]]) -> int | None:
    """Return where the text after a type word and its sender starts ("Anfrage der Fraktion SPD
    <subject> …"), the party's name read from `spans` (fetcher.factions.faction_spans), or None."""
    opens = _TYPE_SENDER.match(text)
    if opens is None:
        return None
    end = None
    for start, stop, _name in spans:
        gap = text[end if end is not None else opens.end() : start]
        if end is None and (start - opens.end() > _SENDER_GAP or re.search(r"\d|[.?!:]", gap)):
            return None
        if end is not None and not _PARTY_JOINS.fullmatch(gap):
            break
        end = stop
    if end is None:
        return None
    end = _NAME_RUNS_ON.match(text, end).end()  # type: ignore[union-attr]
    end = _GROUP_AFTER.match(text, end).end()  # type: ignore[union-attr]
    if place := _PLACE_BEFORE_FIELD.match(text, end):
        end = place.end()  # "Freie Wähler Karlsruhe Nr. …": the group's town before a field
    if address := _ADDRESS_AFTER.match(text, end):
        end = address.end()
    return end
