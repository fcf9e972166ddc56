"""What a title never is: a label, a date, a salutation, a type phrase, a sender alone. Pure.

A title is never a label, a date, a salutation, a type phrase, or a sender alone ("FDP -",
"SPD-Fraktion", "Stadtrat Jürgen Wenzel (FW)"), nor sentences run on: where nothing else is left
there is no title. Used by header.find_title and head_subject.
"""

from __future__ import annotations

import re

from fetcher.factions import faction_spans
from fetcher.parse.form_title import CELL_WORDS
from fetcher.parse.head_pieces import is_address_line, is_reference_line, opens_lead_in
from fetcher.parse.text import DATE
from fetcher.parse.type_prefix import prefix_only

MAX_SUBJECT_WORDS = 40  # the longest subjects of Landtag papers have 31
SENTENCE_END = re.compile(r"[a-zäöüß]{3,}[.!]\s+[A-ZÄÖÜ]")

# A meeting with its date, and the agenda item or the session's status after it ("Sitzung des
# Rates am 16.05.2024 – Tagesordnungspunkt 7"): a head's line, never the subject.
_MEETING_LINE = re.compile(
    r"[\wäöüß-]*[Ss]itzung\b[^–—:]{0,60}?\bam\s+"
    rf"{DATE.pattern}(?:\s*[,–—-]?\s*(?:(?:Tagesordnungspunkt|TOP)\s*:?\s*\d+[a-z]?"
    r"|(?i:(?:nicht\s*)?öffentlich)))*"
)


def is_meeting_line(line: str) -> bool:
    """Return whether a line names only the meeting, its date and agenda item."""
    return bool(_MEETING_LINE.fullmatch(" ".join(line.split())))


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
    rf"|{_MEETING_LINE.pattern}"
    # a letterhead's contact line: a phone number or an e-mail address in it
    r"|.*(?:\bTel(?:efon)?\.?:?\s*[\d+(]|[\w.-]+@[\w-]+\.[a-z]{2,}\b).*"
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
    if not re.search(r"\w", text):
        return True  # a table's rule or a dash alone ("|")
    if len(text.split()) > MAX_SUBJECT_WORDS and SENTENCE_END.search(text):
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
