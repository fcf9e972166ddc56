"""A paper's number run together with the head's fields: before its type, in a label run. Pure.

Text whose head lines were run together (a scraped HTML page, copied text, one line per page)
and split again at the head's words keeps the number where the relining left it:
- the number, then the type ("2023/0123 Anfrage", ALLRIS and regisafe heads) split at the type
  word, the number ending the line before with another field's value ("Datum: 25. Januar 2013
  AF2006/13" / "Anfrage Fraktion …", "Der Oberbürgermeister 2013/0017" / "Anfrage Stadtrat …"),
  or alone on it after a page counter ("1/1 VII-F-08613" / "Anfrage");
- a page counter before the number and its type ("1/2 VII-A-08607 Antrag");
- a field table read column-wise: the type's label, the number's label, then their values in the
  same order ("Vorlagenart: Vorlage-Nr.: Stellungnahme zur Anfrage 535 Stadtrat …"): the number
  follows the type's words.
Used by header.find_reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.classify import kind_from_paper_type
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.paper_number import MONTH_YEAR, VALUE, is_value, tidy
from fetcher.parse.reference_labels import without_page_counter
from fetcher.parse.text import DATE, LONG_DATE
from fetcher.parse.type_names import NUMBER_LABEL_REST

# The number ending a line: a token with a separator and four digits or more, or (the line being
# the number alone) a plain number of three digits or more.
_SHAPED = r"(?=[\w/-]*[/-])(?=(?:[^\d\s]*\d){4})[A-Za-z]{0,4}[\w-]*\d[\w/-]*\d"
_AT_END = re.compile(
    rf"(?:^|(?<=\s))(?P<number>{_SHAPED}|\d{{3,6}})"
    r"(?P<qualifier>\s+[A-ZÄÖÜ][a-zäöüß]{2,}(?:e|er|es))?\s*$"  # "Gemeinsame" / "Anfrage"
)
_TOKEN_CHARS = 40
# The number opening a line, its type after it ("2023/0123 Anfrage", "535 Stellungnahme …").
_AT_START = re.compile(rf"(?P<number>{_SHAPED}|\d{{3,6}})\s+(?P<rest>\S.*)")
# What may stand before it: a date (the date field's value), a word (a letterhead's "Der
# Oberbürgermeister"); never a digit group (a phone number "0351 488-2822", a postbox) or a label
# that names another number ("Tel.:", "Az.:", "Fax").
_DATE_BEFORE = re.compile(rf"(?:{DATE.pattern}|{LONG_DATE})\s*$")
_OTHER_NUMBER_BEFORE = re.compile(
    r"\b(?:Az|AZ|GZ|Zeichen|Tel|Telefon|Fax|Telefax|Postfach|Flurst\w*|Konto|IBAN|BLZ)\b\.?:?\s*$"
    # a label or a short prefix of its own ("DS A 0123/21", "Drs. 19/1234"): read as labelled
    r"|[:(|│]\s*$|(?<!\S)[A-ZÄÖÜ][\w.]{0,3}\s*$"  # "2019 | 1.234 | 56/78": a table's cell
    # a paper named before it ("Bezug: Vorlage 2023/0123"): another paper, or the labelled readers'
    r"|(?:Vorlage|Drucksache|Antrag|Anfrage|Bezug|vgl|siehe|gemäß)\W*$"
    # a word in lower case: the number ends a sentence or a note ("DS 70/2011 wird ergänzt durch
    # 2020/0815" / "Mitteilungsvorlage …": the paper that amends this one)
    r"|(?<![\w-])[a-zäöüß]+\s*$",
)


def _types_line(line: str) -> bool:
    """Whether a line opens with a paper's type word, not with a number label ("Anfrage Nr.")."""
    if _NOTICE.match(line):
        return True
    typed = DOC_LABEL.match(line.strip())
    return typed is not None and not NUMBER_LABEL_REST.match(typed.group("rest"))


_NOTICE = re.compile(r"\s*(?:Mitteilungsvorlage|Informationsvorlage)\b")


def number_then_type(lines: Sequence[str], index: int) -> str | None:
    """Return the paper's number printed before its type, around `lines[index]`, or None.

    Opening the line before its type ("535 Stellungnahme zur Anfrage …", "1/2 VII-F-08507-AW-01
    schriftliche Antwort zur Anfrage": a page counter before it), or ending the line with the
    type word opening the next ("… AF2006/13" / "Anfrage Fraktion …", "… 2016/0726 Gemeinsame" /
    "Anfrage …").
    """
    line = without_page_counter(lines[index].strip())
    tokens = line.split()
    if not tokens:
        return None
    # A paper number is a short token: longer ones are never tried (the patterns stay linear).
    first = _AT_START.match(line) if len(tokens[0]) <= _TOKEN_CHARS else None
    if first and _types_line(first.group("rest")) and _numbered(first.group("number")):
        return tidy(first.group("number"))
    if index + 1 >= len(lines) or any(len(token) > _TOKEN_CHARS for token in tokens[-2:]):
        return None
    tail = line.rfind(tokens[-2], 0, line.rfind(tokens[-1])) if len(tokens) > 1 else 0
    end = _AT_END.search(line, tail)
    if end is None or not _types_line(f"{end.group('qualifier') or ''} {lines[index + 1]}"):
        return None
    number, before = end.group("number"), line[: end.start()]
    if number.isdigit() and (before.strip() or end.group("qualifier")):
        return None  # a plain number only alone on its line: "586" / "Anfrage Stadtrat …", not
        # a postcode and its town ("76133 Karlsruhe" / "ANTRAG")
    if re.search(r"\d\s*$", before) and not _DATE_BEFORE.search(before):
        return None  # a digit group before it: a phone number, a postbox, a table's row
    if _OTHER_NUMBER_BEFORE.search(before) or not _numbered(number):
        return None
    return tidy(number)


def _numbered(number: str) -> bool:
    """Whether a number can be a paper's own: never a date's month and year ("12/2021") nor a
    parcel's number and part ("123/4", a site plan's Flurstück: one digit after the slash)."""
    value = tidy(number)
    return (
        is_value(number)
        and not MONTH_YEAR.fullmatch(value)
        and not re.fullmatch(r"\d+[/-]\d", value)
    )


# A field table read column-wise and run together: the type's label first, the number's label
# among the labels after it, then the values in the labels' order: the type's words, the number.
_TYPE_FIELD_NAME = (
    r"(?:Vorlagen?-?(?:art|typ)|Art\s+der\s+(?:Vorlage|Drucksache)|Drucksachen(?:art|typ)"
    r"|Dokumen(?:t|ten)(?:art|typ)|Typ|Art)"
)
_NUMBER_LABEL = (
    r"(?:[\wÄÖÜäöü]*(?:[Vv]orlage|[Dd]rucksache|[Aa]nfrage|[Aa]ntrag)(?:n|s)?\s*-?\s*(?:Nr\.?|nummer)"
    r"|Nr\.?|Nummer)"
)
_TYPE_THEN_NUMBER_RUN = re.compile(
    rf"(?<!\S){_TYPE_FIELD_NAME}\s*:\s+(?:(?-i:[A-ZÄÖÜ])[\w.-]*:\s+)*?{_NUMBER_LABEL}\s*:\s+"
    r"(?:(?-i:[A-ZÄÖÜ])[\w.-]*:\s+)*"
    r"(?P<type>(?:[^\s\d:]+\s+){1,6}?)(?=(?-i:[A-ZÄÖÜ][A-Za-z]{0,3}\s)?\S*\d)"
    rf"(?P<number>{VALUE})(?![\w/])",
    re.I,
)


def number_in_type_run(line: str) -> str | None:
    """Return the number of a column-wise field table run together after its type's words.

    "Vorlagenart: Vorlage-Nr.: Beantwortung einer Anfrage 2023/0640 …": the type's value is
    printed first, as its label is; the number (a plain one too: "Anfrage 586") follows it.
    """
    run = _TYPE_THEN_NUMBER_RUN.search(line)
    if run is None or kind_from_paper_type(run.group("type"), None) == "sonstiges":
        return None
    number = run.group("number")
    return tidy(number) if _numbered(number) else None
