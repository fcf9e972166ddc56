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
_BARE_LABEL = re.compile(r"[A-ZÄÖÜ][\w .-]{0,20}:")  # "Gremium:", "Vorlage Nr.:"
# "verantwortlich: Dez. 5", "Vorsitzende/r: …"; a department value "Dez. 1 / ZJD" too.
_LABELLED = re.compile(
    r"[A-ZÄÖÜa-zäöü][\w ./-]{0,24}:\s+\S.*|(?:verantwortlich\s+)?Dez(?:\.|ernat)\s*\d.*", re.I
)
_NOT_A_TITLE = re.compile(
    r"^(?:\d+[.)]\s|[-•▪]\s|Stellungnahme|Antwort|Begründung|Sachverhalt|Seite\s+\d)", re.I
)


def title_after_form(lines: Sequence[str]) -> str | None:
    """Return the subject printed under a form header's status cell, or None.

    "Gremium: / Termin: / Vorlage Nr.: / TOP:" then four values, "öffentlich", then the title
    "Zukunft der Nachtstromspeicher-Heizungen"; values left over after the status cell (a column
    read on, "Dez. 1 / ZJD") and labelled lines ("verantwortlich: Dez. 5") come before it.
    """
    rows = [line.strip() for line in lines[:HEADER_LINES] if line.strip()]
    status = next((i for i, line in enumerate(rows) if _STATUS.fullmatch(line)), None)
    if status is None or status > 30:
        return None
    labels = [i for i in range(status) if _BARE_LABEL.fullmatch(rows[i])]
    if not labels and not any(_LABELLED.fullmatch(row) for row in rows[:status]):
        return None  # no form header before the status word
    values_before = status - labels[-1] - 1 if labels else 0
    k = status + 1
    if any(re.match(r"Beratungsfolge|Gegenstand|Betreff", row) for row in rows[:status]):
        return None  # a status column of the consultation table, under the labelled subject
    # The column's value left over after the status cell: the last label's ("Verantwortlich:"
    # "Dez. 1 / ZJD"); one at most, as a value missing before it ("TOP:" empty) would shift it.
    for _ in range(min(1, len(labels) - values_before)):
        while wraps(rows[k]) and k + 1 < len(rows):
            k += 1  # "Sozial-und Jugendbehörde," / "Kinderbüro": one value
        k += 1
        if k >= len(rows):
            return None
    while k < len(rows) and (_LABELLED.fullmatch(rows[k]) or _STATUS.fullmatch(rows[k])):
        while wraps(rows[k]) and k + 1 < len(rows):
            k += 1  # "Ort: Großer Sitzungssaal," / "Rathaus Marktplatz"
        k += 1
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
    title = [first]
    while (wraps(title[-1]) or title[-1].endswith(";")) and k + 1 < len(rows) and len(title) < 4:
        k += 1
        title.append(rows[k])
    return join_lines(title)
