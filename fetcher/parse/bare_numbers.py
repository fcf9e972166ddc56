"""A paper's own number printed without a label: by its shape and its place in the head. Pure.

Many council systems print the number in the head with no label at all: in a cell of its own
("S0123/21" on a line alone), after the type word ("Anfrage S0123/21"), in a letterhead's
right-hand column ("Stadt Musterstadt <gap> RAT/038/2026"), or in the running head of the pages
after the first. Without a label only the value's shape and its place say what it is, so both
are strict: letters and digits joined by "/" or "-" with a group of three digits or more, and
either letters in it or a year ("2021/0123", "1234/21/2", "19/11138"); alone in its place,
never after another field's label ("Sitzungs-Nr.:" / "GR/045/2023"), never a date, a phone
number, a span of years ("2021/22"), a month ("03/2021"), a parcel ("123/4") or a page ("1/3").
Read after every labelled reader (fetcher.parse.header.find_reference); `paper_reference` is the
reference as parse_pages reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.answer_citations import cited_inquiry
from fetcher.parse.header import find_reference
from fetcher.parse.label_rows import table_value
from fetcher.parse.paper_number import (
    RUNNING_HEAD,
    VALUE,
    WORD_BEFORE,
    is_value,
    page_foot_value,
    tidy,
    year_range,
)
from fetcher.parse.text import DATE, HEADER_LINES

_HEAD_PRINTED = 15  # a head's printed lines: letterhead, type, number, date, addressee
_RUN_HEAD_LINES = 3  # a head run together: its fields in the first lines, as relined
_YEAR = re.compile(r"(?:19|20)\d\d")
_POSTCODE = re.compile(r"[A-Z]{1,2}-\d{5}")  # "D-79098": a country's mark before a postcode
_MONTH = re.compile(r"(?:0?[1-9]|1[0-2])[/-](?:19|20)?\d\d")


def bare_number(token: str) -> bool:
    """Whether a token printed without a label has the shape of a paper's number.

    "S0123/21", "RAT/038/2026", "BV 7/0123/2021", "21/SVV/0456", "VII-A-01234", "2021/0123",
    "1234/21/2"; never "1/3", "123/4", "22808/35", "2021/22", "03/2021", "0761/2011234", "D-79098".
    """
    if len(token) > 30 or not re.fullmatch(VALUE, token) or WORD_BEFORE.match(token):
        return False  # "Fax 0761/201-1299": a field's name before its number
    value = tidy(token)
    groups = re.split(r"[/-]|\s", value)
    if not re.search(r"[/-]", value) or not is_value(value) or year_range(value):
        return False
    if _MONTH.fullmatch(value):
        return False
    if DATE.fullmatch(value) or _POSTCODE.fullmatch(value):
        return False
    if not any(len(re.sub(r"\D", "", g)) >= 3 for g in groups):
        return False  # "12/34", "B-27": no group a number is counted in
    if len(groups) <= 2 and len(re.sub(r"\D", "", groups[-1])) < 2:
        return False  # "123/4", "8782/8": a parcel, an item's part
    if any(c.isalpha() for c in value):
        return True
    # Digits only: a year among the groups ("2021/0123", "0123/2021"), an electoral period before
    # the number ("19/11138"), or a number, its year and its version ("1234/21/2"); never a
    # parcel's number and part ("22808/35") nor a phone number.
    digits = [g for g in groups if g]
    if any(_YEAR.fullmatch(g) for g in digits):
        return True
    if len(digits) == 2:
        return len(digits[0]) == 2 and len(digits[1]) >= 3 and not digits[0].startswith("0")
    return len(digits) == 3 and len(digits[0]) >= 3 and len(digits[1]) == 2 and len(digits[2]) <= 2


# A type word before the number on its line ("Anfrage S0123/21", "Kleine Anfrage 19/1234",
# "STELLUNGNAHME 2021/0123"): the line names the paper and its number, nothing else.
_TYPE_WORD = (
    r"(?:(?:Kleine|Große|Schriftliche|Mündliche|Öffentliche|Gemeinsame|Dringliche)\s+)?"
    r"(?=[A-ZÄÖÜ])[\wÄÖÜäöüß]*?(?i:anfrage|antrag|vorlage|drucksache|antwort|stellungnahme|mitteilung"
    r"|beantwortung|niederschrift)"
)
_TYPED = re.compile(rf"{_TYPE_WORD}\s+(?:[-–]\s+)?(?P<ref>{VALUE})")
# A right-hand column: a cell, a gap of three spaces or a tab, the number ending the line.
_COLUMN = re.compile(rf"(?P<before>\S.{{0,120}}?)(?:\s{{3,}}|\t\s*)(?P<ref>{VALUE})\s*")
# What ends a cell whose next cell is its value, not the paper's number: a label ("Datum:",
# "Sitzungs-Nr.", "Tel."), a field that names another number.
_LABEL_END = re.compile(
    r"(?::|\bNr\.?|\b(?:Az|AZ|GZ|Zeichen|Tel|Telefon|Fax|Telefax|Postfach|Flurst\w*|Konto|IBAN"
    r"|BLZ|TOP|Top|Seite|Anlage|Bezug|vgl|siehe|zu[rm]?|Ihre?|Unser)\.?)\s*$"
)


# A number inside a head line run together ("Stadt Karlsruhe S0123/21 Der Oberbürgermeister": a
# right-hand column read without its gap, a head whose lines were joined): only one with letters
# in it, and nothing before it that makes it another's: a label, a paper's noun or a preposition
# citing one ("zur Anfrage F0045/21"), an article, a bracket.
_RUN_CHARS = 160
_IN_RUN = re.compile(rf"(?<![\w/.,-])(?P<ref>{VALUE})(?![\w/-])")
_NOT_OWN_BEFORE = re.compile(
    r"(?:[:(]|\b(?:[\wäöüß]*(?:anfrage|antrag|vorlage|drucksache|nummer|zeichen|plan|sitzungs?)|Drs"
    r"|DS|Nr|vom|der|die|das|des|den|dem|zu[rm]?|und|oder|siehe|vgl|gem)\.?)\s*(?:[|│¦]\s*)?$",
    re.I,
)


def _bare_in_run(line: str) -> str | None:
    """Return a bare number with letters in it inside the opening of a head line run together."""
    head = line[:_RUN_CHARS]
    for match in _IN_RUN.finditer(head):
        ref = match.group("ref")
        before = head[: match.start()]
        opening = not before.strip() and bool(re.match(r"\s+[A-ZÄÖÜ]", head[match.end() :]))
        if not (opening or re.search(r"[A-Za-zÄÖÜ]", ref)) or not bare_number(ref):
            continue  # digits only where the number opens the text ("2024/0456 Stadt …": the
            # stamp top right run into the letterhead), a capitalised word after it
        if _LABEL_END.search(before) or _NOT_OWN_BEFORE.search(before):
            continue
        if re.match(r"\s*(?:vom\s+\d|[a-zäöüß])", head[match.end() :]):
            continue  # "… S0123/21 vom 12.03.2021", "… S0123/21 beantworte ich": cited in prose
        return tidy(ref)
    return None


# A head's date field and its value, the next cell's bare number run in after it ("Eingang:
# 05.09.2022 AN 45/2022 …", "Datum: 12.03.2021 S0123/21 …": a head run together, the number's
# cell printed without a label beside the date's).
_AFTER_DATE_FIELD = re.compile(
    rf"(?:^|(?<=\s))[A-ZÄÖÜ][\wäöüß.-]{{1,30}}:\s*{DATE.pattern}\s+(?P<ref>{VALUE})(?![\w/-])"
)


def _after_date_field(line: str) -> str | None:
    """Return a bare number that follows a date field's value in a head line run together."""
    for match in _AFTER_DATE_FIELD.finditer(line[: _RUN_CHARS * 2]):
        ref = match.group("ref")
        if not bare_number(ref):
            continue
        if re.match(r"\s*(?:vom\s+\d|[a-zäöüß]|[-–:])", line[match.end() :]):
            continue  # "… S0123/21 vom …", "… 2021/0123 beantworte ich": prose, another paper's
        return tidy(ref)
    return None


# A number printed above its caption ("2024/0815" / "Vorlagen-Nr.", a form whose field names stand
# under the fields), the two run together in flat text: the number, the number's caption, then the
# line's end or the next field's value, a date ("… 2024/0815 Vorlagen-Nr. 12.03.2024 Datum …").
_CAPTION = (
    r"(?i:(?!bezug)[\wäöüß]*(?:vorlage|drucksache|anfrage|antrag)(?:n|s)?\s*-?\s*(?:Nr\.?|nummer)"
    r"|drucksache|(?:vorl|ds|drs)\.?\s*-?\s*nr\.?)"
)
_ABOVE_CAPTION = re.compile(
    rf"(?:^|(?<=\s))(?P<ref>{VALUE})\s+{_CAPTION}(?=\s*$|\s+{DATE.pattern}(?:\s|$))"
)


def _other_caption(line: str) -> bool:
    """Whether a line is the caption of another field's number ("Sitzungs-Nr.", "Az.",
    "Bezugsvorlagen-Nr."), printed under its value: the number above it is that field's."""
    return (
        len(line) <= 30
        and bool(_LABEL_END.search(line))
        and not line.endswith(":")
        and not re.fullmatch(_CAPTION, line)
    )


def caption_value(lines: Sequence[str]) -> str | None:
    """Return a number that stands right before its caption in a head line, or None."""
    for line in lines[:HEADER_LINES]:
        for match in _ABOVE_CAPTION.finditer(line[: _RUN_CHARS * 2]):
            ref, before = match.group("ref"), line[: match.start()]
            if not bare_number(ref) or _LABEL_END.search(before) or _NOT_OWN_BEFORE.search(before):
                continue  # "Sitzung: 2021/0815 …", "zur Anfrage 2021/0815 …": another's number
            return tidy(ref)
    return None


def _bare_in_line(line: str) -> str | None:
    text = line.strip()
    if bare_number(text):
        return tidy(text)
    if len(text) > _RUN_CHARS + 40:
        return None  # a paragraph, not a head's line
    typed = _TYPED.fullmatch(text)
    if typed and bare_number(typed.group("ref")):
        return tidy(typed.group("ref"))
    column = _COLUMN.fullmatch(text)
    if (
        column
        and bare_number(column.group("ref"))
        and not _LABEL_END.search(column.group("before"))
    ):
        return tidy(column.group("ref"))
    return None


_NUMBER_CELL = re.compile(r"\d[\d/.,-]*")


def _in_number_column(printed: Sequence[str], k: int) -> bool:
    """Whether a number of digits only stands in a column of numbers (a site plan's parcels
    "22809" / "22808/35" / "22808/37", a table read column-wise): a number of three digits or
    more alone above or below it (a date or a page's number is none)."""
    if re.search(r"[A-Za-zÄÖÜ]", printed[k]):
        return False
    return any(
        0 <= j < len(printed)
        and _NUMBER_CELL.fullmatch(printed[j])
        and sum(c.isdigit() for c in printed[j]) >= 3
        and not DATE.fullmatch(printed[j])
        for j in (k - 1, k + 1)
    )


def head_bare_value(pages: Sequence[str]) -> str | None:
    """Return the paper's number printed without a label among the head's first printed lines.

    Alone on its line, after the type word, or in a right-hand column (read from the pages as
    relined, whose lines keep the gap between cells); not the value of another field's label
    printed on the line above it ("Sitzungs-Nr.:" / "GR/045/2023").
    """
    printed: list[str] = []
    for page in pages:
        printed += [line.strip() for line in page.split("\n") if line.strip()]
        if len(printed) >= _HEAD_PRINTED:
            break
    printed = printed[:_HEAD_PRINTED]
    for k, line in enumerate(printed):
        found = _bare_in_line(line)
        if (
            found
            and not (k and _LABEL_END.search(printed[k - 1]))
            and not _in_number_column(printed, k)
            and not (k + 1 < len(printed) and _other_caption(printed[k + 1]))
        ):
            return found
    for line in printed[:_RUN_HEAD_LINES]:
        if found := _after_date_field(line):
            return found
    return _bare_in_run(printed[0]) if printed else None


def page_head_value(pages: Sequence[str]) -> str | None:
    """Return the number a later page prints alone as its running head's first line, or None."""
    for page in pages[1:]:
        top = [line.strip() for line in page.split("\n", 40)[:40] if line.strip()][:2]
        if top and bare_number(top[0]) and not _in_number_column(top, 0):
            return tidy(top[0])
        for line in top:
            running = RUNNING_HEAD.match(line) or _HEAD_CELL_RUNNING.search(line[:_RUN_CHARS])
            if running and bare_number(running.group("ref")):
                return tidy(running.group("ref"))  # "2021/0123 – Seite 2 von 3 …": the running
                # head, with the page's text run in after it; "Stadt … – 2021/0123 – Seite 2
                # von 3": after the head's own cell
    return None


# A running head's number after its first cell, the page counter after it ("Stadt Musterstadt –
# 2021/0123 – Seite 2 von 3", the page's text run in after it in flat text).
_HEAD_CELL_RUNNING = re.compile(
    rf"\S\s+[-–|]\s+(?P<ref>{VALUE})\s*[-–|]\s*Seite\s+\d+(?:\s*(?:von|/)\s*\d+)?(?!\S)"
)


# A head line that names the inquiry an answer answers ("Antwort zur Anfrage F0045/21", "Ihre
# Anfrage F0045/21 vom …", "Stellungnahme zur Anfrage Nr. …"): its number is the inquiry's.
_ANSWERED = re.compile(
    r"(?:\b(?:Antwort|Beantwortung|Stellungnahme|Mitteilung)\w*\s+zu[rm]?\s+(?:der\s+)?"
    r"|\bIhre?\s+)\w*(?:anfrage|antrag)\b",
    re.I,
)


def _answered_number(lines: Sequence[str], found: str) -> bool:
    """Whether the first head line printing `found` names it as the paper an answer answers."""
    for line in lines[:HEADER_LINES]:
        at = tidy(line).find(found)
        if at >= 0:
            return bool(_ANSWERED.search(tidy(line)[:at]))
    return False


def paper_reference(lines: Sequence[str], pages: Sequence[str]) -> str | None:
    """Return the paper's own reference: labelled first, then printed without a label.

    `lines` are the cleaned lines, `pages` the relined pages (a page's foot and head as printed).
    An answer's own number, printed bare, wins over the number of the inquiry it names ("Antwort
    zur Anfrage F0045/21" with "S0123/21" above or below it): the inquiry's number is the
    answer's reference only where the answer prints none of its own.
    """
    found = find_reference(lines)
    if found is not None:
        if _answered_number(lines, found) and (bare := head_bare_value(pages)) and bare != found:
            return bare
        return found
    return (
        table_value(pages)  # a head's label row, the values under it by column (label_rows)
        or caption_value(lines)  # "2024/0815" above its caption "Vorlagen-Nr.", run together
        or page_foot_value(pages)
        or head_bare_value(pages)
        or page_head_value(pages)
        or cited_inquiry(lines)  # the answer names the inquiry it answers, and prints no own
    )
