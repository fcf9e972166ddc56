"""The title in a form's table: a subject label as a cell, its value beside or below it. Pure.

A council form laid out as a table prints the subject's label as a cell of its own: alone on its
line with the value on the next ("Titel" / "Barrierefreiheit der Bushaltestellen"), beside the
value in one row ("Betreff | Beantwortung der Anfrage …"), or as a column head in a row of labels
with the values in the row below ("Anfrage-Nr. | Betreff | Datum" / "2024/112 | <subject> |
22.02.2024"). Cells are set apart by a rule ("|") or by a wide gap of spaces, as a PDF's text
prints a table's columns. Used by header.find_title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import HEADER_LINES, LABEL_LINE, join_lines, wraps

# the subject's label in the words of council forms, with or without its colon
_LABEL = r"(?:Betreff|Betr\.|Titel|Bezeichnung|Gegenstand|Thema)\s*:?"
_LABEL_CELL = re.compile(rf"{_LABEL}")
# alone, or with an e-mail's reply and forward marks only ("Betreff: AW: WG:" / "Anfrage <subject>":
# a text run together and split again at its labels)
_LABEL_ALONE = re.compile(rf"\s*{_LABEL}\s*(?P<marks>(?:(?:AW|WG|RE|Re|FW|Fw|Fwd|Antw)\s*:\s*)*)")
_LABEL_BESIDE = re.compile(rf"\s*{_LABEL}\s*\|\s*(?P<value>\S.*)")
# a label cell without its colon joined to its value in a paragraph of its own ("Titel
# Barrierefreiheit der Bushaltestellen"; not "Thema", a subject's own first word)
_LABEL_JOINED = re.compile(r"\s*(?:Betreff|Titel|Bezeichnung|Gegenstand)\s+(?=[A-ZÄÖÜ„\"])")
_CELL_GAP = re.compile(r"\s*\|\s*|\s{3,}")
_MAX_LINES = 3  # a subject wrapped in its cell


def _cells(line: str) -> list[str]:
    return [cell for cell in _CELL_GAP.split(line.strip()) if cell]


def _value_below(lines: Sequence[str], at: int) -> str | None:
    """Return the value on the lines after `at` (blank lines skipped), wrapped or not."""
    k = at + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k >= len(lines) or LABEL_LINE.match(lines[k]) or _LABEL_CELL.fullmatch(lines[k].strip()):
        return None
    taken = [lines[k].strip()]
    while wraps(taken[-1]) and len(taken) < _MAX_LINES and k + 1 < len(lines):
        k += 1
        if not lines[k].strip() or LABEL_LINE.match(lines[k]):
            break
        taken.append(lines[k].strip())
    return join_lines(taken)


def table_title(lines: Sequence[str]) -> str | None:
    """Return the value of the subject's cell in a form's table, or None."""
    head = lines[:HEADER_LINES]
    for i, line in enumerate(head):
        if not line.strip():
            continue
        if alone := _LABEL_ALONE.fullmatch(line):
            value = _value_below(head, i)
            # the marks kept: they tell an e-mail's "Anfrage <subject>" (type_subject)
            return f"{alone.group('marks')}{value}" if value else None
        if (
            (cell := _LABEL_JOINED.match(line))
            and (i == 0 or not head[i - 1].strip())
            and (i + 1 >= len(head) or not head[i + 1].strip())
        ):
            return line[cell.end() :].strip()  # "Titel <subject>": the cells' paragraph joined
        if beside := _LABEL_BESIDE.fullmatch(line):
            return beside.group("value").strip(" |")
        cells = _cells(line)
        if len(cells) < 2 or ("|" not in line and not re.search(r"\S\s{3,}\S", line)):
            continue
        column = next((c for c, cell in enumerate(cells) if _LABEL_CELL.fullmatch(cell)), None)
        if column is None:
            continue
        below = next((x for x in head[i + 1 : i + 3] if x.strip()), "")
        values = _cells(below)
        if len(values) == len(cells):
            return values[column]
    return None
