"""A paper's own number beside its label, wherever the label's value was printed. Pure.

A form prints "Vorlage Nr.:" and its number in a label column and a value column; a letter or
a form run together by an extractor (one line per paragraph or per page) puts the labels first
and the values after them on the same line ("Termin: Vorlage Nr.: TOP: 53. Plenarsitzung
Gemeinderat" / "24.09.2013 2013/0017 24"). Used by header.find_reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.letter_head import PAPER_NUMBER
from fetcher.parse.number_cells import head_cells
from fetcher.parse.paper_number import (
    ANSWER_HEAD,
    VALUE,
    bare_year,
    date_or_year,
    is_value,
    tidy,
    without_amendment,
)
from fetcher.parse.text import DATE

# A reference as printed: "IV/A 12", "F-00724/14", "VII-F-08507-AW-01", "2025/0833", "535".
REF = r"(?:[IVX]+/[A-Z]{1,3}\s\d+|[A-ZÄÖÜ0-9][A-Za-z0-9ÄÖÜ]*(?:\s?[/-]\s?[A-Za-z0-9ÄÖÜ]+)+|\d{3,})"

_COLUMN_LABEL = re.compile(r"^[A-ZÄÖÜ][\w .-]{0,20}:$")


# A paper-number label that ends a line whose value a narrow column or cell pushed to the next:
# "SPD-Ortschaftsratsfraktion Vorlage Nr.:" / "2023/0493", "schriftliche Antwort zur Anfrage-Nr."
# / "VII-F-08507-AW-01".
# "19. Wahlperiode Drucksache" / "19/11138": a Drucksache needs no "Nr." (Landtag heads). An
# abbreviated noun with its "Nr." ("Vorl.-Nr.", "Ds.-Nr."), or a bare number word ("Nr.", "Nummer",
# "Lfd. Nr.") after the head's other cells ("19. Wahlperiode Nummer:" / "19/11138").
_LABEL_AT_END = re.compile(
    r"(?P<before>.*?)(?:(?<![\w-])[\wÄÖÜäöü]*(?:vorlage|drucksache|anfrage|antrag)(?:n|s)?\s*-?\s*"
    r"(?:Nr\.?|nummer)|(?<![\w-])(?:Drucksache|Drs\.)"
    r"|(?<![\w-])(?:Vorl|Ds|Drs)\.?\s*-?\s*(?:Nr\.?|nummer)"
    r"|(?<![\w-])(?P<bare>(?:lfd\.?\s*-?\s*|laufende\s+)?(?:Nr\.?|nummer)))\s*:?$",
    re.I,
)


def value_below_label(lines: Sequence[str], index: int) -> str | None:
    """Return the number on the line below a paper-number label that ends `lines[index]`."""
    label = _LABEL_AT_END.fullmatch(lines[index])
    if not label or index + 1 >= len(lines):
        return None
    before = label.group("before")
    # the word right before the label (searched near the end only: the search stays linear)
    cited = CITED.search(before, max(0, len(before) - _CITED_REACH))
    if before.strip() and cited and not ANSWER_HEAD.match(before):
        return None  # "… wie in der Drucksache Nr." / "19/1234 …": a paper cited in prose
    if _OTHER_PAPER.search(before):
        return None  # "Anfrage …, eingegangen am 27.05.2026 - Drs." / "19/10761,": another paper
    value = lines[index + 1].strip()
    bare = label.group("bare") and before.strip()
    if bare and not (head_cells(before) and re.search(r"[/-]", value)):
        return None  # a bare "Nr." after words of a sentence, or a plain number below it
    if re.fullmatch(REF, value) and re.search(r"\d", value) and not date_or_year(value):
        return re.sub(r"\s*([/-])\s*", r"\1", value)
    return None


def value_in_column(lines: Sequence[str], index: int) -> str | None:
    """Return the value printed in a second column: labels first, then values in label order.

    Karlsruhe 2013–2015: "Gremium: / Termin: / Vorlage Nr.: / TOP:" then "53. Plenarsitzung
    Gemeinderat / 24.09.2013 / 2013/0017 / 24": the third value belongs to the third label.
    """
    block: list[int] = []
    for k in range(max(0, index - 6), min(len(lines), index + 7)):
        if not lines[k]:
            continue
        if _COLUMN_LABEL.match(lines[k]):
            block.append(k)
        elif block and block[-1] >= index:
            break
        else:
            block = []  # a value line between labels: the column starts after it
    if index not in block:
        return None
    values = [without_amendment(x) for x in lines[block[-1] + 1 : block[-1] + 12] if x]
    values = values[: len(block)]
    position = block.index(index)
    # A paper number: "2013/0017", "535" (Karlsruhe 2010), "A0087/09" (Dresden), any shape of
    # paper_number.VALUE ("21-1234", "VO/2021/1234"); never a date.
    if position < len(values) and bare_year(values[position]):
        return None  # a year alone in the value column: a date's, another label's value
    if position < len(values) and (
        re.fullmatch(
            r"\d{4}/\d{3,5}(?:/\d{1,2})?|[A-ZÄÖÜ]{0,6}\d{3,6}(?:/\d{2,4})?", values[position]
        )
        or (re.fullmatch(VALUE, values[position]) and is_value(values[position]))
    ):
        return tidy(values[position])
    return None


# The word before a paper noun that makes it a citation in a sentence, not a label.
CITED = re.compile(
    r"(?:^|\s)(?:der|die|den|dem|des|einer?|in|im|mit|laut|lt\.|per|zur|zum|aus|unter|nach|"
    r"und|sowie|bzw\.|oder|bis|seit|durch|für|von|vgl\.|s\.|siehe|unse?re?[mnrs]?|ihre?[mnrs]?|"
    r"diese[mnrs]?|eine[mns])\s*$",
    re.I,
)


# A paper-number label inside a line: "Vorlage Nr.:", "Antrag Nr.:", "Vorlagen-Nr.",
# "Drucksachennummer"; never another noun's number ("Objekt-Nr.", "Top-Nr.", "Tel.-Nr.").
# A label column's "Drucksache:" / "Vorlage:" (its colon makes it a field's name) counts too:
# "Drucksache: Datum: 2024/0815 12.03.2024", the column of labels run before its values.
_NUMBER_LABEL = re.compile(
    r"(?<![\w-])[\wÄÖÜäöü]*(?:vorlage|drucksache|anfrage|antrag)(?:n|s)?\s*-?\s*(?:Nr\.?|nummer)"
    r"\s*:?|(?<![\w-])(?!bezug)[\wÄÖÜäöü]*(?:vorlage|drucksache):",
    re.I,
)
# Any label of a head: "Termin:", "TOP:", "Verantwortlich:", "Vorlage Nr.:", "Datum:".
_ANY_LABEL = re.compile(r"(?:[\wÄÖÜäöü.-]+\s+)?Nr\.?\s*:|[\wÄÖÜäöü.-]+:(?=\s|$)")
_PAPER = re.compile(PAPER_NUMBER)
_PLAIN = re.compile(r"\d{3,6}")
_PREFIX = re.compile(r"[A-ZÄÖÜ][A-Za-z]{0,2}")
_OTHER_PAPER = re.compile(
    r"\bvom\s+\d|eingegangen am(?!\s*:)|\b(?:vgl|siehe|gem|gemäß|Bezug)\b", re.I
)


def clause(line: str, start: int, end: int) -> str:
    """Return the text around line[start:end] up to the labels before and after it.

    "vom 05.08.2013 Gremium: Termin: Vorlage Nr.:" (a head's labels run together): the date
    belongs to another label, as anything before a label with a colon; "Antrag … Nr. 266/2019
    vom 21.10.2019" is one clause.
    """
    before = line[:start].rsplit(":", 1)[-1][-80:]
    if ":" in line[start:end]:
        before = ""  # "(KULT) vom 23. März 2016 Vorlage Nr.: 2016/0153": a form's own label
    return before + line[start:end] + line[end : end + 30].split(":", 1)[0]


_CITED_REACH = 200  # characters before a label in which CITED's word and its blanks stand


def value_after_label_run(lines: Sequence[str], index: int) -> str | None:
    """Return the number belonging to a paper-number label printed without its value beside it.

    The label is followed by other labels or the line's end ("Termin: Vorlage Nr.: TOP:"), its
    value comes after them, on the same line or the next lines, in the values' run: the first
    paper number there ("2013/0017", "A0087/09"; dates skipped), or a plain number of three or
    more digits when only labels and dates come before it ("Verantwortlich: 19.10.2010 535 25").
    """
    line = lines[index]
    for label in _NUMBER_LABEL.finditer(line):
        before = line[: label.start()]
        # the word right before the label (searched from near the end: a line of many labels
        # would otherwise be searched from its start once per label)
        cited = CITED.search(before, max(0, len(before) - _CITED_REACH))
        if (cited and not ANSWER_HEAD.match(before)) or _OTHER_PAPER.search(
            clause(line, label.start(), label.end())
        ):
            continue
        after = line[label.end() :].lstrip()
        if after and not _ANY_LABEL.match(after):
            continue  # "Vorlage Nr.: 2016/0760": the value beside it, read by the patterns
        run = " ".join([after, *[x for x in lines[index + 1 : index + 7] if x][:3]])
        run = re.sub(r"(?<=\d) / (?=\d)", "/", run)  # "2021 / 0123": one value, spaced
        return _first_number(_ANY_LABEL.sub(" : ", run).split()[:40])
    return None


def _first_number(tokens: Sequence[str]) -> str | None:
    only_labels = True  # only labels and dates so far: a plain number is the label's value
    for k, raw in enumerate(tokens):
        token = raw.rstrip(",;")
        if token == ":" or DATE.fullmatch(token):
            continue
        following = tokens[k + 1].rstrip(",;") if k + 1 < len(tokens) else ""
        if re.search(r"\d/[A-ZÄÖÜ]{1,4}$", token) and re.fullmatch(r"\d{1,2}", following):
            token = f"{token} {following}"  # "0123/2021/FB 3": the filing office's number after it
        if (
            _PAPER.fullmatch(token)
            and sum(c.isdigit() for c in token) >= 4
            and is_value(token)  # no phone number, no span of years ("0123/2021" is a paper's)
        ):
            # a short prefix set apart by a space belongs to it ("RA 123/2021", "A 0123/21")
            prefix = tokens[k - 1] if k else ""
            return f"{prefix} {token}" if _PREFIX.fullmatch(prefix) else token
        if only_labels and _PLAIN.fullmatch(token) and not bare_year(token):
            following = tokens[k + 1] if k + 1 < len(tokens) else ""
            if re.fullmatch(r"[a-zäöüß]{2,}\W*", following):
                return None  # "2019 aufgenommene Migranten …": a title opening with a number
            return token
        only_labels = False
    return None


# A page counter run into the head's first line ("1/2 Antrag-Nr. VII-A-08607", a page's text
# run together: the counter printed above the head on a line of its own).
_PAGE_COUNTER = re.compile(r"^(\d{1,2})\s?/\s?(\d{1,2})\s+(?=\D)")


def without_page_counter(line: str) -> str:
    """Return the line without a leading page counter "n/m" (n ≤ m)."""
    counter = _PAGE_COUNTER.match(line)
    if counter and 0 < int(counter.group(1)) <= int(counter.group(2)):
        return line[counter.end() :]
    return line


# "DS" beside the date at a line's end, its number wrapped to the next line ("Telefon: 800 - 27
# 20.03.2017 DS" / "19/2017 Mitteilungsvorlage …", a head run together and printed again).
_DS_AT_END = re.compile(r"(?:^|(?<=\d\.\d{4}\s))(?:DS|Drs\.?)$")
_NUMBER_OPENING = re.compile(r"(\d{1,5}\s*/\s*\d{2,4})(?=\s|$)")


def number_below_ds(lines: Sequence[str], index: int) -> str | None:
    """Return the number opening the next line when `lines[index]` ends in "DS" after a date."""
    if index + 1 >= len(lines) or not _DS_AT_END.search(lines[index].rstrip()):
        return None
    number = _NUMBER_OPENING.match(lines[index + 1])
    return re.sub(r"\s+", "", number.group(1)) if number else None
