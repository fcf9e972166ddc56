"""The type phrase a printed subject line opens with, and the subject after it. Pure.

A letter or a form of any Kommune may print its subject line as the paper's type word with what
the head says about the paper, then the subject after a colon or a dash: "Anfrage gem. § 16 Abs.
1 GO: <subject>" (the legal basis: Gemeindeordnung, Geschäftsordnung, BezVG, GemO, NKomVG …),
"Anfrage zur Ratssitzung am 23.05.2024: <subject>" (the meeting it is for), "Ihre Anfrage vom
15.01.2024 – <subject>" (an answer letter's reference to the inquiry), "Anfrage der SPD-Fraktion
vom 04.02.2021: <subject>". Each of those pieces has a shape of its own (a paragraph sign with its
law, a meeting noun with its body and date, "vom <date>", a sender's group); the subject is what
follows them. A line of those pieces alone ("Auskunftsersuchen nach § 27 BezVG", "zur Sitzung des
Rates am 14.11.2024", "Anfrage für die Sitzung der Bezirksvertretung Nord am 14.03.2024") is no
subject: the subject is printed elsewhere.
Used by type_subject.without_type_word and non_subject.not_subject.
"""

from __future__ import annotations

import re

from fetcher.parse.text import DATE, LONG_DATE

# The paper's type, as council papers print it: "Anfrage", "Große Anfrage", "Ihre Anfrage",
# "Auskunftsersuchen", "Prüfauftrag", "Sachstandsanfrage", "Antrag", "Nachfrage".
_ANSWERING = (
    r"\b(?:Beantwortung|Antwort|Stellungnahme)\s+(?:(?:auf|zu)\s+(?:die|der|Ihre)|der|zur)\s+"
    r"(?:Kleinen\s+|Großen\s+)?(?:[A-ZÄÖÜ][a-zäöüß]*)?(?:anfrage|antrag|Anfrage|Antrag)\b"
)
_TYPE = (
    # an answer's phrase before the inquiry it answers ("Beantwortung der Anfrage …", "Antwort
    # auf die Anfrage …", "Stellungnahme zur Anfrage …")
    r"(?:(?:Beantwortung|Antwort|Stellungnahme)\s+(?:(?:auf|zu)\s+(?:die|der|Ihre)|der|zur)\s+)?"
    r"(?:(?:Ihre|Unsere|Eine|Die|Der|Kleine|Große|Mündliche|Schriftliche|Dringliche|Gemeinsame"
    r"|Öffentliche|Einwohner|Bürger)\s+)?"
    r"(?:[A-ZÄÖÜ][a-zäöüß]*(?:anfrage|antrag|ersuchen|auftrag)|Anfrage|Antrag|Auskunftsersuchen"
    r"|Nachfrage|Prüfauftrag|Berichtsantrag|Sachstandsanfrage)"
)
# A paragraph of a law or rules of procedure with its name ("gem. § 16 Abs. 1 GO", "nach § 24
# Abs. 4 GemO", "gemäß § 11 der Geschäftsordnung", "nach § 27 BezVG").
_LEGAL = (
    r"(?:gem\.|gemäß|nach|lt\.|laut|entsprechend|i\.\s?S\.\s?(?:d\.|v\.))\s*§§?\s*\d+(?:\s?[a-z]\b)?"
    r"(?:\s*(?:Abs\.|Absatz)\s*\d+)?(?:\s*(?:S\.|Satz)\s*\d+)?(?:\s*(?:Nr\.|Ziff\.)\s*\d+)?"
    r"(?:\s+(?:der|des|d\.))?\s+[A-ZÄÖÜ][\wÄÖÜäöüß-]*\.?"
    # a Land's or body's short name after the law's ("KVG LSA", "GO KT")
    r"(?:\s+[A-ZÄÖÜ][A-ZÄÖÜ-]{1,5}\b)?"
    # the body whose rules they are ("der Geschäftsordnung des Rates", "GO-Rat")
    r"(?:\s+(?:des|der)\s+(?:Rates|Kreistages|Kreistags|Gemeinderates|Stadtrates"
    r"|Stadtverordnetenversammlung|Gemeindevertretung|Bezirksversammlung))?"
)
# The meeting the paper is for ("zur Ratssitzung am 23.05.2024", "für die Sitzung der
# Bezirksvertretung Nord am 14.03.2024", "zur nächsten Sitzung des Bauausschusses").
_MEETING = (
    r"(?:zur|für\s+die|in\s+der|zu\s+der|an\s+die)\s+(?:(?:nächsten|kommenden|heutigen)\s+)?"
    r"[\wäöüß-]*[Ss]itzung\b"
    r"(?:\s+(?:de[rs]|am)\s+[^:–—\s][^:–—]{0,59}?(?=\s*(?::|\s[–—-]\s|$)))?"
)
_WHEN = rf"(?:vom|v\.|am)\s+(?:{DATE.pattern}|{LONG_DATE})"
# The sender after the type word: "der SPD-Fraktion", "der Fraktion DIE LINKE", "der Gruppe
# SPD/Grüne", "des Ratsherrn Peter Sommer".
_SENDER = (
    r"(?:de[rs]|von)\s+(?:\S+\s+){0,3}?\S*(?:[Ff]raktion|[Gg]ruppe)\S*"
    # the group's name after it ("der Fraktion DIE LINKE", "der Fraktion Bürger für Lindental")
    r"(?:\s+(?:[A-ZÄÖÜ]\S*|für|im|in|und)){0,4}?"
)
_PIECE = rf"(?:{_LEGAL}|{_MEETING}|{_WHEN}|{_SENDER})"
# the type word with at least one piece, or a meeting alone ("zur Sitzung des Rates am …")
_PREFIX = re.compile(rf"(?:{_TYPE}(?:\s+{_PIECE})+|{_MEETING}(?:\s+{_PIECE})*)")
_SEPARATOR = re.compile(
    r"(?:\s*(?::|[–—-](?=\s)|/(?=\s))|\s+(?:zum\s+Thema|zur|zum|zu|betreffend|betr\.|bzgl\.|bezüglich)"
    r"|[\s,;]+hier\s*:)"
    r"\s+(?=[A-ZÄÖÜ„\"“0-9])"
)
# the prefix up to the separator (a sender's name read as long as the separator follows it)
_PREFIX_BEFORE = re.compile(rf"{_PREFIX.pattern}(?={_SEPARATOR.pattern})")
# a meeting or the legal basis, one of which the prefix must hold to stand before a subject
# (a type word and a sender before a colon is read by type_subject already)
_MARK = re.compile(rf"{_LEGAL}|{_MEETING}|\b(?:Ihre|Unsere)\s|{_WHEN}|{_ANSWERING}")
# "hier:" separates a subject from a legal basis or a meeting; after a sender and a date it is
# part of the paper's name ("Anfrage der Grünen-OR-Fraktion vom 04.08.2025; hier: <subject>",
# the name Karlsruhe's council system gives an Ortschaftsrat's inquiry), kept whole as before
_FIRM_MARK = re.compile(rf"{_LEGAL}|{_MEETING}")


def _separates(prefix: str, separator: str) -> bool:
    """Whether the separator after a type phrase starts its subject."""
    return "hier" not in separator or bool(_FIRM_MARK.search(prefix))


_MIN_SUBJECT_CHARS = 3
# a subject line longer than this is a head run together with the text after it; a shorter one is
# the printed subject, whose capitalised words ("Parken Am Markt und Zur Post …") open no sentence
RUN_SUBJECT_CHARS = 160


# An e-mail's reply or forward marks before its subject ("AW: ", "WG: ", "Re: ", "Fwd: ").
_MAIL_MARKS = re.compile(r"(?:(?:AW|Aw|WG|Wg|RE|Re|FW|Fw|Fwd|FWD|Antw)\s*:\s*)+(?=\S)")


def without_mail_marks(title: str) -> str:
    """Return a title without an e-mail's reply or forward marks before it ("AW: Anfrage: …")."""
    marks = _MAIL_MARKS.match(title)
    return title[marks.end() :] if marks else title


def subject_after_prefix(title: str) -> str | None:
    """Return the subject after a type phrase with its legal basis, meeting or date and a colon
    or dash ("Anfrage gem. § 16 Abs. 1 GO: <subject>"), or None."""
    prefix = _PREFIX_BEFORE.match(title)
    if prefix is None or not _MARK.search(prefix.group()):
        return None
    separator = _SEPARATOR.match(title, prefix.end())
    if separator is None or not _separates(prefix.group(), separator.group()):
        return None
    subject = title[separator.end() :].strip()
    if len(subject) > RUN_SUBJECT_CHARS and (sentence := SENTENCE_OPENS.search(subject)):
        subject = subject[: sentence.start()]  # a head run together: the text's first sentence
    return subject if len(subject) >= _MIN_SUBJECT_CHARS else None


# The type phrase inside a head run together into one line (a page's text as one line): the type
# word first, after a space or at the line's start.
_TYPED_PREFIX = re.compile(rf"(?<!\S){_TYPE}(?:\s+{_PIECE})+(?={_SEPARATOR.pattern})")
RUN_CHARS = 800  # the head of a page run together: its letterhead, address, date and subject
# a word hyphenated across a printed line, its two halves run together ("Stel- lungnahmen"); not
# a word left open before "und" ("Bus- und Bahnhaltestellen")
# the text's first sentence run on after the subject: a capitalised article, pronoun or
# preposition opens it and a full stop ends it ("<subject> Der Breitbandzweckverband hat … .")
SENTENCE_OPENS = re.compile(
    r"\s(?=(?:Der|Die|Das|Dem|Den|Im|In|Seit|Nach|Vor|Zum|Zur|Am|Auf|Mit|Bei|Wir|Es|Ein|Eine)\s"
    r"[^.?!:]{10,300}[a-zäöüß]{2}[.!](?:\s|$))"
)
_HYPHEN_RUN = re.compile(r"(?<=[a-zäöüß])- (?=[a-zäöüß])(?!(?:und|oder|bzw|sowie)\b)")


def subject_after_prefix_in_run(line: str) -> str | None:
    """Return what follows the first type phrase with its legal basis, meeting or date and a
    colon or dash inside a head run together ("… Flensmünde, 02.09.2024 Anfrage gem. § 16 Abs. 1
    GO: <subject> Sehr geehrter …"): the subject and the text after it, or None."""
    for prefix in _TYPED_PREFIX.finditer(line, 0, RUN_CHARS):
        before = line[max(0, prefix.start() - 40) : prefix.start()].split()
        if not _MARK.search(prefix.group()) or (before and before[-1][:1].islower()):
            continue  # a lower-case word before it: the type word inside a sentence
        separator = _SEPARATOR.match(line, prefix.end())
        if separator and _separates(prefix.group(), separator.group()):
            run = _HYPHEN_RUN.sub("", line[separator.end() : separator.end() + RUN_CHARS])
            sentence = SENTENCE_OPENS.search(run)
            return run[: sentence.start()] if sentence else run
    return None


def prefix_only(title: str) -> bool:
    """Return whether a title is a type phrase with its legal basis or meeting alone
    ("Auskunftsersuchen nach § 27 BezVG", "zur Sitzung des Rates am 14.11.2024"): no subject."""
    text = " ".join(title.split()).rstrip(" :")
    prefix = _PREFIX.fullmatch(text)
    return prefix is not None and bool(_MARK.search(text))
