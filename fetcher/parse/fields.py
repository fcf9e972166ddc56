"""Labelled header values ("Betreff:", "Eingereicht von:") and where the header block ends. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.consultations import HEADER_ONLY
from fetcher.parse.continued_lead_ins import opens_continued_item
from fetcher.parse.form_title import CELL_WORDS, CONSULTATION
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.markers import list_marker
from fetcher.parse.text import HEADER_LINES, LABEL_LINE, wraps

_PRINTED_WIDTH = 55  # a subject's line broken at the page's width, not at its end


def value_after(
    lines: Sequence[str],
    label: re.Pattern[str],
    *,
    limit: int = HEADER_LINES,
    max_lines: int = 4,
    width_wraps: bool = False,
) -> tuple[list[str], int]:
    """Return the lines that follow a label (inline value first) up to the next label/blank.

    With `width_wraps`, an inline value as long as a printed line that ends without a stop goes
    on in the line below (a subject wrapped at the page's width: "Betreff: … der JVA Sehnde -
    heutige" / "Bewertung der Unterbringungssituation").
    """
    for i, line in enumerate(lines[:limit]):
        match = label.match(line)
        if not match:
            continue
        values: list[str] = []
        inline = line[match.end() :].strip(" :")
        if inline:
            values.append(inline)
        j = i + 1
        bounded = False
        while j < len(lines):
            nxt = lines[j]
            if not nxt:
                if values:
                    bounded = True
                    break
                j += 1
                continue
            if (
                LABEL_LINE.match(nxt)
                or DOC_LABEL.match(nxt)
                or HEADER_ONLY.match(nxt)
                # "… Wir bitten darzustellen," / "1. ob …": the list, in a page run together
                or opens_continued_item(nxt, values[-1] if values else line)
                or ends_value(nxt)
            ):
                bounded = True
                break
            if len(values) >= max_lines or (
                inline
                and len(values) == 1
                and not wraps(values[-1])
                and not (width_wraps and at_width(line) and not list_marker(nxt))
            ):
                break
            values.append(nxt)
            j += 1
        if not bounded and len(values) > 1:
            # The value ran into prose: keep the first line and its evident continuations only.
            kept = values[:1]
            while len(kept) < len(values) and (wraps(kept[-1]) or values[len(kept)][:1].islower()):
                kept.append(values[len(kept)])
            values = kept
            j = i + 1 + len(kept) - (1 if inline else 0)
        return values, j
    return [], -1


def at_width(line: str) -> bool:
    """Whether a line reaches a printed line's width and ends without a stop."""
    line = line.rstrip()
    # a subject goes on after "…;" and after an abbreviation ("… Höhenstadtteilen bzw.")
    stop = line.endswith((".", "?", "!", ":")) and not re.search(r"\s[a-zäöü]{1,4}\.$", line)
    return len(line) >= _PRINTED_WIDTH and not stop


# Fields printed empty ("Organisationseinheit: Datum:", "Sitzungstermin: TOP:"): a council
# system prints its labels whether filled or not; and a consultation table's head row ("Gremium
# Sitzungstermin Status"), its cells' words only.
_EMPTY_FIELDS = re.compile(r"(?:[A-ZÄÖÜ][\wäöüß./-]*(?:\s[\wäöüß./-]+)?:\s*)+")


def ends_value(line: str) -> bool:
    """Return whether a line ends the value above it: empty fields, a consultation table's head."""
    line = line.strip()
    if _EMPTY_FIELDS.fullmatch(line) or CONSULTATION.match(line):
        return True
    return (
        len(line.split()) >= 2
        and not re.search(r"\d", line)
        and not CELL_WORDS.sub("", line + " ").strip()
    )


_HEADER_FIELD = re.compile(
    r"^(?:Status:|Betreff|Eingereicht von|Eingang:|Dienststelle:|Vorlage Nr|Thema:|Datum\b"
    r"|Anlagen\b"
    r"|Stadträtinnen/Stadträte)",
)


def find_header_end(lines: Sequence[str]) -> int:
    """Return the index after the header block's last labelled field and its value lines."""
    end = 0
    for i, line in enumerate(lines[:HEADER_LINES]):
        if re.match(r"^(?:Sachverhalt|Begründung|Beschlussvorschlag)", line) or list_marker(line):
            break
        if _HEADER_FIELD.match(line):
            _, value_end = value_after(lines[i:], _HEADER_FIELD, max_lines=3)
            end = max(end, i + max(value_end, 1))
    return end
