"""A paper's own number by structure: a label naming it and the value beside or below it. Pure.

Council systems print the same thing in many shapes: a label that names a paper's number
("Drucksache:", "Drucksachen-Nr.:", "Vorlage -", "Ds.-Nr.", "DS", "Anfrage Nr.", "Nummer:") and
a value of letters and digits joined by "/" or "-" ("8/2021", "VO/2021/1234", "21/SVV/1234",
"SV-21/123", "A 0123/21", "VII-F-08507-AW-01"). The value is taken whole, whatever its
separators; what the label names and where it stands decide whether it is the paper's own
(not "Bezug: Drucksache …", "(Drs. 19/10297)", "in der Drucksache …", a date, a phone number).
Used by header.find_reference before its older, shape-bound patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import islice

from fetcher.parse.number_cells import (
    answered_paper_at,
    head_cells,
    submitter_after,
    typed_sender_before,
)
from fetcher.parse.text import DATE

# One group of a value: digits with up to five letters before and three after ("mAF0014",
# "2021", "AW01"), or capitals alone ("VO", "SVV", "VII"), which may name a department with its
# number set apart ("0123/2021/FB 3": the office that filed it, a part of the number).
_GROUP = r"(?:[A-Za-zÄÖÜ]{0,5}\d+[A-Za-z]{0,3}|[A-ZÄÖÜ]{1,5}(?:\s\d{1,2}(?![\w/.,-]))?)"
# A paper number as printed: groups joined by "/" or "-", a short prefix set apart by a space
# ("A 0123/21", "RA 123/2021").
VALUE = rf"(?:[A-ZÄÖÜ][A-Za-z]{{0,3}}\s(?=\d))?{_GROUP}(?:\s?[/-]\s?{_GROUP})*"

# A word after the number that names an amended version ("0123/2021 Ergänzung", "… 1. Nachtrag",
# SessionNet and ALLRIS print the version beside the number): the number is the paper's.
AMENDMENT = (
    r"(?:\s+(?:\d\.\s*)?(?:Ergänzung|Neufassung|Änderung|Nachtrag|Fortschreibung)(?:\s+\d{1,2})?)"
)


def without_amendment(value: str) -> str:
    """Return a value without the amended version's word after it ("0123/2021 Ergänzung")."""
    return re.sub(rf"{AMENDMENT}\s*$", "", value.strip())


# A label that names a paper's number: a paper noun ("Vorlage", "Drucksache", "Anfrage",
# "Antrag", compounds such as "Beschlussvorlage", "Einwohneranfrage"), its abbreviation ("DS",
# "Drs.", "Ds.", "Drucks.", "Vorl."), either with "Nr."/"nummer"; or "Nr."/"Nummer" alone.
_PAPER_NOUN = r"[A-Za-zÄÖÜäöüß]*(?:[Vv]orlage|[Dd]rucksache|[Aa]nfrage|[Aa]ntrag)(?:n|s)?"
# The file sign of a paper, named as the paper's ("Aktenzeichen der Vorlage:"); "Az.:" alone is a
# file's sign, not the paper's number.
_FILE_SIGN_OF_PAPER = rf"(?:Aktenzeichen|Az\.?)\s+de[rs]\s+{_PAPER_NOUN}"
_NOUN = (
    rf"(?:{_FILE_SIGN_OF_PAPER}|{_PAPER_NOUN}"
    r"|VORLAGE|DRUCKSACHE|ANFRAGE|ANTRAG|DS|Ds|Drs|Drucks|Vorl)\.?"
)
# A dash as a label prints it: a hyphen, an en or em dash (a word processor's autocorrect turns
# "Drucksachen-Nr." into "Drucksachen–Nr."; soft and non-breaking hyphens are made plain by
# text.fixed_chars).
DASH = "[-–—]"
_NUMBER_WORD = rf"(?:\s*{DASH}?\s*(?:Nr\.?|[Nn]ummer))"
# A bare number word, also as a running number's ("Lfd. Nr.", "lfd. Nr.", "laufende Nummer"): a
# form's field for the paper's number in its register of papers.
_BARE = rf"(?:(?:[Ll]fd\.?\s*{DASH}?\s*|[Ll]aufende\s+)?(?:Nr\.?|Nummer))"
# A note in brackets between a label and its value: "Drucksache Nr. (ggf. Nachtragsvermerk)",
# "Vorlagen-Nr. (neu)", "Drucksache (Ergänzung)": a template's field name that says which version.
_NOTE = r"(?:\s*\([^()\n]{1,40}\))?"
# An answer's own number label: its word with "Nr."/"Nummer" ("Stellungnahme Nr.", "Antwort Nr."):
# never the number of the inquiry it answers, wherever the head names that inquiry.
_ANSWER_NUMBER = rf"(?:Antwort|Beantwortung|Stellungnahme|Mitteilung){_NUMBER_WORD}"
_LABELLED = re.compile(
    rf"(?<![\w-])(?:(?P<noun>{_NOUN})(?P<nr>{_NUMBER_WORD})?|(?P<own>{_ANSWER_NUMBER})"
    rf"|(?P<bare>{_BARE})){_NOTE}"
    rf"\s*(?P<colon>:\s*{DASH}|:|{DASH})?\s*(?P<ref>{VALUE})(?![\w/])"
)
# The same label ending its line; a type word alone ("Anfrage", "Antrag") is a type line, not a
# label: it needs "Nr.", a colon or a dash, unless it is "Drucksache" or an abbreviation.
_LABEL_ALONE = re.compile(
    rf"(?:{_NOUN}{_NUMBER_WORD}|{_BARE})\s*:?\s*{DASH}?|{_NOUN}\s*(?::\s*{DASH}?|{DASH})"
    r"|(?:Drucksache|DRUCKSACHE|DS|Drs\.?)"
)
# An answer's heading names the inquiry it answers: "schriftliche Antwort zur Anfrage-Nr. …".
ANSWER_HEAD = re.compile(
    r"^(?:\w+\s+)?(?:Antwort|Beantwortung|Stellungnahme|Mitteilung)\s+zu[rm]?\s*$", re.I
)
# Words before a label that make its number another paper's: a reference back ("Bezug:",
# "vgl."), a receipt in prose ("eingegangen am … - Drs."), a bracket in a sentence.
_BACK = re.compile(
    r"(?:\b(?:Bezug|Bezugnahme|bezugnehmend|vgl|siehe|gem|gemäß|laut|lt)\b\.?[^:]{0,12}:?"
    r"|eingegangen\s+am\b.*|(?<=\S)\s*\()\s*$",
    re.I,
)
_PHONE = re.compile(r"0\d{2,5}\s?[/-]\s?\d{4,}")
_YEAR = r"(?:19|20)\d\d"
MONTH_YEAR = re.compile(rf"(?:0?[1-9]|1[0-2])\s?/\s?{_YEAR}")
_ISO_DATE = re.compile(rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")
_YEARS = re.compile(rf"({_YEAR})\s?[/–-]\s?((?:19|20)?\d\d)")


def tidy(value: str) -> str:
    """Return the value without spaces around its separators ("19 / 2017" → "19/2017")."""
    return re.sub(r"\s*([/-])\s*", r"\1", value.strip())


def year_range(token: str) -> bool:
    """Whether a number is a span of years ("2017-2027", "2008/2009", "2012/13"), not a paper's."""
    years = _YEARS.fullmatch(token)
    if not years:
        return False
    first, second = int(years.group(1)), int(years.group(2))
    return second > first if second >= 1900 else second == (first + 1) % 100


def bare_year(value: str) -> bool:
    """Whether a value is a year alone ("2023"): a date's part, never a paper's plain number."""
    return bool(re.fullmatch(_YEAR, value.strip()))


def date_or_year(value: str) -> bool:
    """Whether a value is a date ("12.03.2023", "2023-03-12") or a year alone ("2023")."""
    value = value.strip()
    return bool(DATE.fullmatch(value) or _ISO_DATE.fullmatch(value) or bare_year(value))


def is_value(value: str) -> bool:
    """Whether a token printed beside a number label can be a paper's number.

    Three digits at least; never a date ("12.03.2023", "2023-03-12"), a year alone, a span of
    years ("2012/13") or a phone number ("0351/4881234"; "0123/2021", a year after the slash,
    is a number of the year).
    """
    value = tidy(value)
    if sum(c.isdigit() for c in value) < 3 or DATE.fullmatch(value) or year_range(value):
        return False
    if _ISO_DATE.fullmatch(value) or bare_year(value):
        return False  # "2023-03-12" (a date as a program prints it), "2023" (a year alone)
    phone = _PHONE.fullmatch(value)
    return not (phone and not re.search(rf"[/-]\s?{_YEAR}$", value))


# What stands around a number in a sentence, not in a head: a bracket opened before its label
# in a sentence ("… in Hannover“ (Drs. 19/10297)"), a dash after other words ("Antrag der
# Fraktion … - Drs. 19/7497"), a lowercase word after it ("Drucksache 19/10558 ergibt sich",
# "(Drs. 19/10138) teilt …"), a comma ending the line (a receipt wrapped from "eingegangen am
# 12.06.2026 -" to "Drs. 19/10950,").
_IN_SENTENCE_BEFORE = re.compile(r"\S\s*\(\s*$|\S\s+[-–]\s*$")
# Not a sentence's words: the number's date, the public status a head prints beside it ("2021/0123
# öffentlich", a row of cells run together), the note of the paper that amends or replaces it
# ("0123/2021 wird ergänzt durch 0124/2021", a SessionNet version note).
_IN_SENTENCE_AFTER = re.compile(
    r"^\s*,\s*$|^\)?\s+(?!vom\b|von\b|(?:nicht\s*)?öffentlich\b"
    r"|(?:wird|wurde|ist)\s+(?:ergänzt|ersetzt|geändert|aufgehoben)\s+durch\b)[a-zäöüß]{2,}"
)


# A number's date followed by the rest of a sentence: "Antrag Nr. 2023/0815 vom 12.03.2023 und
# fragen:", "… vom 12. März 2023." (a sentence wrapped before its label); a head's own "Vorlage
# Nr. 2023/0123 vom 12.03.2023" ends its line or goes on with another label.
_DATED_IN_SENTENCE = re.compile(
    r"\s*,?\s*vom\s+\d{1,2}\.\s?(?:\d{1,2}\.\s?|[A-ZÄÖÜ][a-zäöü]+\s+)\d{2,4}"
    r"(?:\s*\.\s*$|,?\s+[a-zäöüß]{2,})"
)


def in_sentence(before: str, after: str) -> bool:
    """Whether a labelled number with this text before and after it is cited in a sentence."""
    return bool(_IN_SENTENCE_BEFORE.search(before) or _IN_SENTENCE_AFTER.match(after))


# The end of a line whose sentence goes on below it: a dash set apart after words ("Antrag der
# Fraktion der SPD … -" / "Drs. 19/9632", a Landtag Unterrichtung naming the motion it reports on).
# Not a comma or an article: a PDF's line breaks put those before a letter's own label too.
_GOES_ON = re.compile(r"\S\s+[-–]\s*$")


def sentence_goes_on(previous: str, line: str) -> bool:
    """Whether `line` continues the sentence of `previous` with a number label opening it: then
    the label cites another paper. A label later in the line is not the sentence's
    ("Aktenzeichen: (2) -" / "Höl/mü … Telefon: 800 - 20 15.12.2011 DS 70/2011": a letterhead's
    fields, run together)."""
    return bool(_GOES_ON.search(previous)) and bool(_LABELLED.match(line.lstrip()))


def _cell_start(before: str) -> bool:
    """Whether a label with this text before it opens its line or a cell after a gap."""
    return not before.strip() or bool(re.search(r"\S(?:\s{2,}|\t)$", before))


def _labels_own(line: str, start: int, bare: bool, numbered: bool) -> bool:
    """Whether the label at line[start:] is the line's own: at its start, after a cell gap, or
    after a capitalised word (a running head's "… Wahlperiode Drucksache"), not in a sentence."""
    before = line[:start]
    if ANSWER_HEAD.match(before) and numbered:
        return True  # the answer's number is its inquiry's ("Antwort zur Anfrage-Nr. …-AW-01");
        # "Stellungnahme zur Beschlussvorlage 6131/67/2022" names the paper it comments on
    if _cell_start(before):
        return not _BACK.search(before)
    if _BACK.search(before):
        return False
    if bare:
        # "… 19. Wahlperiode Nr. 19/11138": the head's cells before it; "Anfrage der Grünen im
        # Ortsbeirat Nr. …": the head's type line and its sender
        return head_cells(before) or typed_sender_before(before)
    if re.search(rf"{DATE.pattern}\s*[-–]\s*$", before):
        return False  # "(eingegangen am) 11.06.2026 - Drs. 19/10936": the inquiry's receipt
    last = before.split()[-1]
    return not last[0].islower() and last[-1] not in "(„\"'"


# A title line: a paper's type word opening it ("Anfrage zu Radwegen im Stadtgebiet Nr. 0123/2021",
# a SessionNet or regisafe print's heading), a bare "Nr." and a shaped value ending it. Not when
# the word before "Nr." names another numbered thing ("Antrag zum Bebauungsplan Nr. 12/2021").
_TYPE_FIRST = re.compile(rf"^\s*{_PAPER_NOUN}\s+\S")
_OTHER_NUMBERED = re.compile(
    r"(?:plan|plans|planes|stück|stücks|haus|hauses|objekt|objekts|linie|beschluss|beschlusses|"
    r"sitzung|gesetz|gesetzes|vertrag|vertrags|vertrages|los|abschnitt|abschnitts|top)\W*$",
    re.I,
)


def _titled(line: str, match: re.Match[str]) -> bool:
    """Whether a bare "Nr." and its value end a title line that a paper's type word opens."""
    before = line[: match.start()]
    return bool(
        _TYPE_FIRST.match(before)
        and not line[match.end() :].strip()
        and re.search(r"[/-]", match.group("ref"))
        and not _OTHER_NUMBERED.search(before)
        and not _BACK.search(before)
    )


def _labels(line: str) -> Iterator[re.Match[str]]:
    """Yield the number labels of a line, one inside a short value too: "Vorlage DS-Nr. 1234/21/2"
    is "Vorlage" with the value "DS" (no number), then "DS-Nr." with its value. A long value is
    passed over whole, as finditer does: the search stays linear ("DS/DS/DS/…")."""
    at = 0
    while (match := _LABELLED.search(line, at)) is not None:
        yield match
        short = len(match.group("ref")) <= _SHORT_VALUE
        at = match.start("ref") if short else match.end()


_SHORT_VALUE = 12
MAX_LABELS = 24  # number labels weighed on one line (labelled_value)


def labelled_value(line: str) -> str | None:
    """Return the value of the first number label on a line that names the paper's own number.

    Only the line's first `MAX_LABELS` labels are weighed: each is weighed against the whole line
    before it, and a line of thousands of labels (a table or a blob run into one line) would take
    the square of its length. A head line prints a handful."""
    answered = answered_paper_at(line)
    for match in islice(_labels(line), MAX_LABELS):
        numbered = bool(match.group("nr") or match.group("own"))
        if (
            answered is not None
            and match.start() >= answered
            and not match.group("own")
            and not (ANSWER_HEAD.match(line[: match.start()]) and match.group("nr"))
        ):
            continue  # "Antwort … auf die Anfrage … (Drucksache 0123/2021)": the inquiry's number,
            # read last (answer_citations) when the answer prints none of its own
        titled = bool(match.group("bare")) and _titled(line, match)
        if not titled and not _labels_own(line, match.start(), bool(match.group("bare")), numbered):
            continue
        ref = match.group("ref")
        noun = match.group("noun") or ""
        if noun.lower().startswith("bezug"):
            continue  # "Bezugsvorlage: 2025/0053": the paper this one refers to
        if (
            not (numbered or match.group("colon") or match.group("bare"))
            and re.fullmatch(r"\d+", ref)
            and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{5,}", noun)
            and not noun.endswith("drucksache")
        ):
            continue  # "Haushaltsantrag 2021", "Anfrage 535 …": a bare noun needs a shaped number;
            # a Drucksache is a number's label whatever it is called ("Ratsdrucksache 586")
        after = line[match.end() :]
        if (
            match.group("bare")
            and not titled
            and not _cell_start(line[: match.start()])
            and not re.search(r"[/-]\s?[A-Za-zÄÖÜ]{0,5}\s?\d[\w ]*$", ref)
        ):
            continue  # "2. Austrag BTB Nr. 03563": a register's plain number after the cells; a
            # paper's number ends in a group with digits ("19/11138", not "03563 - OV")
        field = numbered and (match.group("colon") or "").startswith(":")
        if not field and submitter_after(line[: match.start()], after):
            field = True  # "Anfrage Nr. 2021/0123 der SPD-Fraktion": the paper's sender after it
        if in_sentence(line[: match.start()], "" if field else after):
            continue  # "Vorlage-Nr.: 518 der CDU-…": a field's label and value, run together
        before = line[: match.start()]
        if re.match(r"\s*,?\s*vom\s+\d", after) and (
            (
                before.strip()
                and not (match.group("bare") and head_cells(before))
                and not typed_sender_before(before)
            )
            or _DATED_IN_SENTENCE.match(after)
        ):
            continue  # "… Antrag Nr. 266/2019 vom 21.10.2019" inside a sentence, "Ihre Anfrage
            # 2020/0815 vom …" (a reply line): another paper; a bare "Nr." after a head's cells
            # ("… 19. Wahlperiode Nr. 2021/0123 vom …", run together) is the paper's own
        if is_value(ref) or _running_count(line, match):
            return tidy(ref)
    return None


def _running_count(line: str, match: re.Match[str]) -> bool:
    """Whether a number of one or two digits is the paper's own: the line is its paper noun's
    label with "Nr."/"Nummer" and the number alone, perhaps dated ("Anfrage Nummer 45", "Antrag
    Nr. 7 vom 12.03.2021": a small council counts its papers per term). Elsewhere so short a
    number is an item's or a page's."""
    return bool(
        match.group("nr")
        and re.fullmatch(_PAPER_NOUN, match.group("noun") or "")
        and not line[: match.start()].strip()
        and re.fullmatch(rf"\s*(?:,?\s*vom\s+{DATE.pattern})?\s*", line[match.end() :])
        and re.fullmatch(r"[1-9]\d?", match.group("ref"))
    )


def value_below(lines: Sequence[str], index: int) -> str | None:
    """Return the value on the next line when `lines[index]` is a number label alone."""
    line = lines[index].strip()
    if not line or not _LABEL_ALONE.fullmatch(line) or index + 1 >= len(lines):
        return None
    value = lines[index + 1].strip()
    if re.fullmatch(VALUE, value) and is_value(value):
        return tidy(value)
    return None


# A page counter beside a number in a running head: "Seite 2 von 5", "Seite 2", "- 2 -".
_COUNTER = r"(?:Seite\s+\d+(?:\s*(?:von|/)\s*\d+)?|-\s*\d+\s*-)"
_LONE = re.compile(rf"(?:{_COUNTER}\s*[-–|]?\s*)?(?P<ref>{VALUE})(?:\s*[-–|]?\s*{_COUNTER})?", re.I)


# The running head opening a page run together with the rest of it: number and counter first.
_RUNNING = re.compile(rf"(?P<ref>{VALUE})\s*[-–|]?\s*{_COUNTER}(?=\s)", re.I)
# The same opening a later page, alone or with the page's text run in after it (bare_numbers).
RUNNING_HEAD = re.compile(rf"(?P<ref>{VALUE})\s*[-–|]?\s*{_COUNTER}(?!\S)", re.I)


def lone_value(lines: Sequence[str]) -> str | None:
    """Return a paper number standing alone on the text's first line, or beside a page counter
    in a running head of the first lines.

    "2021/0123" printed top right above the letterhead, "2021/0123 – Seite 1 von 2" as a
    running head. Only values with a separator whose last group has two digits or more: never
    a month and year ("12/2021") nor a parcel ("8782/8", a site plan's lone numbers).
    """
    texts = [x.strip() for x in lines[:HEAD_LINES] if x.strip()]
    for k, text in enumerate(texts):
        lone = _LONE.fullmatch(text) or _RUNNING.match(text)
        if not lone or (k > 0 and lone.group(0) == lone.group("ref")):
            continue
        ref = tidy(lone.group("ref"))
        if (
            re.search(r"[/-]", ref)
            and not re.search(r"[/-]\d?$", ref)
            and is_value(ref)
            and not MONTH_YEAR.fullmatch(ref)
            and not WORD_BEFORE.match(ref)
        ):
            return ref
    return None


# A word set apart before the digits ("Fax 0761/201-1299", "Tel 0761/201-1234"): a field's name, not
# the short capitals that open a paper's number ("RA 123/2021", "BV 7/0123/2021").
WORD_BEFORE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+\s")


# A page foot of the paper: its number (a number label before it or none) beside a page counter,
# the line holding nothing else ("2021/0123 – Seite 1 von 2", "Drucksache 2021/0123 - Seite 2/3",
# "Seite 1 von 2 | VO/2021/1234"): SessionNet, ALLRIS and office templates print the number in
# the foot instead of the head. A counter is required: a number alone at a text's end is a list's.
_FOOT = re.compile(
    rf"(?:{_COUNTER}\s*[-–|]?\s*)?(?:(?:{_NOUN}){_NUMBER_WORD}?\s*:?\s*)?(?P<ref>{VALUE})"
    rf"(?:\s*[-–|]?\s*{_COUNTER})?",
    re.I,
)


def foot_value(lines: Sequence[str]) -> str | None:
    """Return the paper number a page foot prints beside its page counter, or None.

    Read after everything else: the number is on no label of the head. The foot stays in the
    text where it is printed once (one page, or the last page's foot kept by clean_lines).
    """
    for line in lines:
        text = line.strip()
        if not text or not re.search(_COUNTER, text, re.I):
            continue
        foot = _FOOT.fullmatch(text)
        if not foot:
            continue
        before, after = text[: foot.start("ref")], text[foot.end("ref") :]
        if not re.search(_COUNTER, f"{before} {after}", re.I):
            continue  # the counter must stand beside the number, not inside it ("A-2021-0012")
        if before[-1:].strip() or after[:1].strip():
            continue  # a space parts them: "-42-38-80" is a table's row of numbers, not "- 42 -"
        ref = tidy(foot.group("ref"))
        if _foot_number(ref):
            return ref
    return None


# A foot run into the end of its page's text ("… Mit freundlichen Grüßen 2021/0123 – Seite 1 von
# 2", a page whose lines were run together): the number, then a counter with its page total.
_FOOT_AT_END = re.compile(
    rf"(?<!\S)(?<!\d\s)(?P<ref>{_GROUP}(?:[/-]{_GROUP})+)\s*[-–|]?\s*"
    r"Seite\s+\d+\s*(?:von|/)\s*\d+\s*$"
)
# Words before such a number that make it another's: a file sign, a phone, a citation.
_NOT_FOOT = re.compile(r"\b(?:Az|AZ|GZ|Zeichen|Tel|Telefon|Fax|Flurst\w*)\b\.?:?\s*$")


def page_foot_value(pages: Sequence[str]) -> str | None:
    """Return the paper number of the pages' feet (the last printed lines of each page), or None.

    A foot repeated on every page is page furniture that clean_lines takes out of the lines:
    read from the pages as printed.
    """
    for page in pages:
        printed = [line for line in page.split("\n") if line.strip()]
        # the last two lines joined: a foot that the relining split at its dash ("Drucksache
        # 2021/0123" / "– Seite 1 von 2", a run-together page)
        if found := foot_value([*printed[-_FOOT_LINES:], " ".join(printed[-2:])]):
            return found
        last = printed[-1][-120:] if printed else ""
        end = _FOOT_AT_END.search(last)
        before = last[: end.start()] if end else ""
        if (
            end
            and _foot_number(tidy(end.group("ref")))
            and not _NOT_FOOT.search(before)
            and not _BACK.search(before)
        ):
            return tidy(end.group("ref"))
    return None


def _foot_number(ref: str) -> bool:
    """Whether a value beside a page counter is a paper's number: a separator, a last group of two
    digits or more, never a month and year ("12/2021") nor a phone number."""
    return bool(
        re.search(r"[/-]", ref)
        and not re.search(r"[/-]\d?$", ref)
        and is_value(ref)
        and not MONTH_YEAR.fullmatch(re.sub(r"^[A-Za-zÄÖÜäöüß]+\s", "", ref))
    )


_FOOT_LINES = 3
HEAD_LINES = 12
# An agenda item's heading in minutes ("Punkt 42 der Tagesordnung:", "Tagesordnungspunkt 3",
# "TOP 4 Projektpartnerschaft …"):
# a paper number labelled below it ("Vorlage: 2019/0099") is the item's, not the minutes' own.
# A form's "TOP 26" alone is none: its own number follows it.
AGENDA_ITEM = re.compile(
    r"^(?:Punkt\s+[\d.]+\s+der\s+Tagesordnung|Tagesordnungspunkt\s*[\d.]+"
    r"|TOP\s*[\d.]+\s+[A-ZÄÖÜ][a-zäöüß])"
)
