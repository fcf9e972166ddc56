"""The title of a form header: the line under its status column, found without blank lines. Pure.

A council form (Karlsruhe 2006–2020 inquiries, Ortschaftsrat papers) prints its header as a label
column ("Gremium:" / "Termin:" / "Vorlage Nr.:" / "TOP:") with the values in a second column,
read after the labels, and a status cell ("öffentlich", "Öffentlich Nichtöffentlich"); the
subject follows as the first line of its own, with no "Betreff:" before it. A text extracted with
blank lines shows the subject set apart; a PDF's text (pdfium) has no blank lines at all, so the
title is found by counting the column's values instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.head_title import (
    MAX_SUBJECT_WORDS,
    SENTENCE_END,
    SUBJECT_END,
    SUBJECT_START,
)
from fetcher.parse.text import DATE, HEADER_LINES, LABEL_LINE, join_lines, wraps

_STATUS = re.compile(r"(?:nicht\s*)?öffentlich(?:\s+nicht\s*öffentlich)?", re.I)
# "Gremium:", "Vorlage Nr.:"; the column's own words also bare ("Gremium" / "Termin" / "TOP").
_BARE_LABEL = re.compile(r"[A-ZÄÖÜ][\w .-]{0,20}:|Gremium|Termin|TOP")
# "verantwortlich: Dez. 5", "Vorsitzende/r: …"; a department value "Dez. 1 / ZJD" too.
_LABELLED = re.compile(
    r"[A-ZÄÖÜa-zäöü][\w ./-]{0,24}:\s+\S.*|(?:verantwortlich\s+)?Dez(?:\.|ernat)\s*\d.*", re.I
)
_NOT_A_TITLE = re.compile(
    r"^(?:(?-i:[A-ZÄÖÜ]{5,})$|\d+[.)]\s|[-•▪]\s|Stellungnahme|Antwort|Begründung|Sachverhalt|Seite\s+\d)",
    re.I,
)


# A consultation table ("Beratungsfolge": Gremium / Sitzung / Zuständigkeit / Status) and the
# words of its cells besides committees and dates: column heads, what a committee does with the
# paper, the session's status (council systems' own vocabulary, a word list).
CONSULTATION = re.compile(r"Beratungsfolge\b", re.I)
CELL_WORDS = re.compile(
    r"(?:\b(?:Beratungsfolge|Gremium|Gremien|(?:Sitzungs)?[Tt]ermin|Sitzung|Datum|Zuständigkeit"
    r"|Status|TOP|Stand|Abstimmung|Ergebnis|Kenntnisnahme|Beantwortung|Entscheidung|Vorberatung"
    r"|Beratung|Anhörung|Mitteilung|Beschlussfassung|Beschluss|Empfehlung|Verweisung|beratend"
    r"|beschließend|schriftliche|mündliche|(?:nicht\s*)?öffentlich|Ö|N|ö|nö|und"
    # the votes of an "Abstimmung" column
    r"|einstimmig|Ja-Stimmen|Nein-Stimmen|Stimmen?|Enthaltung(?:en)?|ja|nein)\b|[/:,()-]|\d+)\s*",
    re.I,
)


_ROLE = re.compile(
    r"\b(?:Kenntnisnahme|Beantwortung|Entscheidung|Vorberatung|Beratung|Anhörung|Mitteilung"
    r"|Beschlussfassung|Empfehlung|Verweisung|beratend|beschließend|(?:nicht\s*)?öffentlich)\b",
    re.I,
)


def _dated_row(row: str) -> bool:
    """Whether a row is one of the table's dated rows: a date and what the committee does."""
    return bool(DATE.search(row)) and bool(_ROLE.search(row))


def _cell(row: str) -> bool:
    """Whether a row is the consultation table's: it holds a date, or only its cell words."""
    return bool(DATE.search(row)) or not CELL_WORDS.sub("", row + " ").strip()


def after_consultation(rows: Sequence[str], k: int) -> int:
    """Return the row after a consultation table that starts at row k.

    Read row by row ("Stadtrat 23.03.2023 Entscheidung öffentlich") or column by column (the
    heads, the committees, the dates, the roles, the statuses): the table ends at the first row
    that is none of its cells once its dates were read, with no dated row of the table in the
    next two (a committee's name or a vote wrapped onto lines of their own).
    """
    dated = False
    for j in range(k + 1, min(len(rows), k + 40)):
        # a committee's name wrapped onto a line of its own ("Soziales, Demographie") has the
        # table's next dated row below it
        below = any(_dated_row(row) for row in rows[j + 1 : j + 3])
        wrapped = rows[j][:1].islower()  # a cell's word wrapped: "Beschluss-" … "fassung"
        if dated and not _cell(rows[j]) and not below and not wrapped:
            return j
        dated = dated or bool(DATE.search(rows[j]))
    return len(rows)


def _label_run(rows: Sequence[str]) -> tuple[int, int] | None:
    """Return (start, end) of the first run of three or more bare labels ("Gremium:"), or None."""
    i = 0
    while i < min(len(rows), 30):
        if _BARE_LABEL.fullmatch(rows[i]):
            j = i
            while j < len(rows) and _BARE_LABEL.fullmatch(rows[j]):
                j += 1
            if j - i >= 3:
                return i, j
            i = j
        i += 1
    return None


def _skip_value(rows: Sequence[str], k: int) -> int:
    """Return the row after the value at k and its wrapped rest ("Ort: Großer Sitzungssaal,")."""
    while wraps(rows[k]) and k + 1 < len(rows):
        k += 1
    return k + 1


def title_after_form(lines: Sequence[str]) -> str | None:
    """Return the subject printed under a form header's label column, or None.

    "Gremium: / Termin: / Vorlage Nr.: / TOP:" then four values, "öffentlich", then the title
    "Zukunft der Nachtstromspeicher-Heizungen". The status cell may stand among the values and
    counts as none; a department ("Dez. 1 / ZJD") is the last label's value and ends the column
    (a value missing before it, "TOP:" empty, does not shift the title). Without a label column:
    labelled lines ("vom: 30.12.2005"), the status cell, "verantwortlich: Dez. 5", the title.
    """
    # twice the header's lines: a consultation table read column-wise takes many
    rows = [line.strip() for line in lines[: 2 * HEADER_LINES] if line.strip()]
    status = next((i for i, line in enumerate(rows) if _STATUS.fullmatch(line)), None)
    run = _label_run(rows)
    if run is not None and (status is None or run[0] < status):
        k, counted = run[1], 0
        while k < len(rows) and counted < run[1] - run[0]:
            if _STATUS.fullmatch(rows[k]):
                k += 1
                continue
            department = bool(_LABELLED.fullmatch(rows[k]))
            k = _skip_value(rows, k)
            counted += 1
            if department:
                break
    elif status is not None and status <= 30 and any(_LABELLED.fullmatch(r) for r in rows[:status]):
        k = status + 1
    else:
        return None  # no form header
    while k < len(rows) and (_LABELLED.fullmatch(rows[k]) or _STATUS.fullmatch(rows[k])):
        k = _skip_value(rows, k)
    if k < len(rows) and CONSULTATION.match(rows[k]) and _FIELD_ROW.fullmatch(rows[k - 1]):
        k = after_consultation(rows, k)  # the table between the fields and the subject
    elif any(re.match(r"Beratungsfolge|Gegenstand|Betreff", row) for row in rows[: k + 1]):
        return None  # a status column of the consultation table, under the labelled subject
    return _title_at(rows, k)


# A row of the head's fields right above the table: the session's status, the paper's number
# (with its label), its date or the department.
_FIELD_ROW = re.compile(
    r"(?:Beratung\s+in\s+)?(?:nicht\s*)?öffentlich(?:e[rn]?\s+Sitzung)?(?:\s+nicht\s*öffentlich)?"
    r"|[\w .-]*(?:Nr\.?|nummer)\s*:?\s*\S*|(?:(?:Datum|vom)\s*:?\s*)?\d{1,2}\.\d{1,2}\.\d{2,4}"
    r"|(?:(?:DS|Drs\.?)\s*)?[A-Za-z]*\d+[/-][\w/-]*"
    r"|(?:verantwortlich:?\s+)?Dez(?:\.|ernat)\s*\d.*",  # the department ("Dez. 1 / ZJD")
    re.I,
)


def title_after_consultation(lines: Sequence[str]) -> str | None:
    """Return the subject printed below a consultation table in a form's head, or None.

    "DS 70/2011" / "Mitteilungsvorlage" / "Beratungsfolge Sitzungstermin Stand" / "Rat 15.12.2011
    Mitteilung" / "Anfrage der CDU-Fraktion zur Vermarktung der Baugrundstücke": the subject
    follows the table when the table follows the head's fields (a field, the status, a number
    above it). Not where a labelled subject ("Gegenstand:", "Betreff:") stands above it.
    """
    rows = [line.strip() for line in lines[: 2 * HEADER_LINES] if line.strip()]
    table = next((i for i, row in enumerate(rows[:40]) if CONSULTATION.match(row)), None)
    if table is None or any(re.match(r"Gegenstand|Betreff|Thema", row) for row in rows[:table]):
        return None
    if table == 0 or not _FIELD_ROW.fullmatch(rows[table - 1]):
        return None  # the table below a title ("… aus Sicht von Städterankings" / "Beratungsfolge")
    return _title_at(rows, after_consultation(rows, table))


def _title_at(rows: Sequence[str], k: int) -> str | None:
    """Return the title that starts at row k (and its wrapped lines), or None if k is none."""
    if k >= len(rows):
        return None
    first = rows[k]
    if (
        _NOT_A_TITLE.match(first)
        or LABEL_LINE.match(first)
        or first.endswith(":")
        or DATE.search(first)
        or len(first) > 160
        or re.fullmatch(r"[\d\s/.-]+", first)
    ):
        return None
    if re.search(r"\b(?:ich|wir)\b", first):
        return None  # a letter's sentence ("Zur nächsten … stelle ich namens unserer Fraktion")
    title = [first]
    while (
        (
            wraps(title[-1])
            or title[-1].endswith(";")
            or (rows[k + 1][:1].islower() and not re.match(r"[a-z]\)", rows[k + 1]))
        )
        if k + 1 < len(rows)
        else False
    ) and len(title) < 4:
        k += 1
        title.append(rows[k])
    return join_lines(title)


_COMMITTEE_WORDS = 4  # a committee's name before its date in a row: "Ausschuss für Umwelt und"


def title_after_consultation_run(lines: Sequence[str]) -> str | None:
    """Return the subject after a consultation table run together into one line, or None.

    "… Beratungsfolge Sitzungstermin Stand Rat 15.12.2011 Mitteilung Anfrage der CDU-Fraktion zur
    Vermarktung der Baugrundstücke Inhalt der Mitteilung: 1. …": once a date was read, the first
    word that is none of the table's cells and has no date in the words after it (a committee's
    name before its row's date) opens the subject; it ends at a label, a list's first item or the
    consultation table of the next layout; a subject that runs on into sentences is not told.
    """
    rows = [line.strip() for line in lines[: 2 * HEADER_LINES] if line.strip()]
    for k, row in enumerate(rows[:40]):
        table = re.search(r"(?<!\S)Beratungsfolge\b:?", row)
        if table is None:
            continue
        before = [*rows[:k], row[: table.start()]]
        if any(re.search(r"(?:^|\s)(?:Gegenstand|Betreff|Thema)\b", x) for x in before):
            return None  # the labelled subject above the table is read as labelled
        tokens = row[table.end() :].split()
        dated = -1  # the last date's token
        for j, token in enumerate(tokens):
            if DATE.fullmatch(token.strip(",;")):
                dated = j
            elif dated >= 0 and CELL_WORDS.sub("", token + " ").strip():
                following = tokens[j + 1 : j + 1 + _COMMITTEE_WORDS]
                if any(DATE.fullmatch(x.strip(",;")) for x in following):
                    continue  # a committee's name, its row's date after it
                if token[:1].islower() and j - 1 > dated + 1 and tokens[j - 1][:1].isupper():
                    j -= 1  # "… 27.11.2014 Kenntnisnahme Beantwortung einer Anfrage …": the row
                    # holds one role, a second cell word opens the subject
                rest = " " + " ".join(tokens[j:])
                end = SUBJECT_END.search(rest)
                subject = (rest[: end.start()] if end else rest).strip()
                if (
                    len(subject.split()) <= MAX_SUBJECT_WORDS
                    and SUBJECT_START.match(subject)
                    and not SENTENCE_END.search(subject)
                ):
                    return subject
                return None
        return None
    return None
