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
    rows = [line.strip() for line in lines[:HEADER_LINES] if line.strip()]
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
    if any(re.match(r"Beratungsfolge|Gegenstand|Betreff", row) for row in rows[: k + 1]):
        return None  # a status column of the consultation table, under the labelled subject
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
