"""The head's lines as the reference readers weigh them: table borders and wrapped numbers. Pure.

Two printed shapes hide a labelled number from readers that look for a label and its value on one
line, both from the way a head's table reaches the text:
- a table printed with its cell borders ("| Drucksache | 2024/0815 |", a council system's page
  or a word processor's table saved as text; "│" and "¦" as box drawing prints them): the
  borders stand where a form prints a gap between cells, so they are read as one;
- a number wrapped after its separator in a narrow cell ("Drucksache Nr. 0456/" / "2024",
  "Vorlage - VO/2024/" / "0456"): its last group is set back after the separator;
- a label glued to its number and the number to the next cell's word by an extractor that drops
  the gap between cells ("Vorlage2024/0815Anfrage der …"): the gaps are set again;
- an e-mail's subject field whose value the relining set on the next line ("Betreff: WG:" /
  "Anfrage Nr. 17/2024 der FDP-Fraktion …", a forward's mark read as a label): joined again.
Used by header.find_reference on the cleaned lines, whose spaces are folded: a border becomes a
gap of two spaces, as a cell's gap prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.number_cells import SUBJECT_FIELD

# A cell border: a vertical bar with the spaces around it.
_BORDER = re.compile(r"\s*[|│¦]\s*")
# A row of cells: a border opening or ending the line, or two borders inside it.
_BORDERED = re.compile(r"^\s*[|│¦]|[|│¦]\s*$|[|│¦][^|│¦]*[|│¦]")
# A number's groups up to a separator that ends the line ("0456/", "VO/2024/", "24-"): at least one
# digit among them, no space in the last group.
_CUT = re.compile(
    r"(?<![\w/-])(?:[A-ZÄÖÜ]{1,5}[/-])?[A-Za-zÄÖÜ]{0,5}\d\w*(?:[/-][A-Za-zÄÖÜ0-9]+)*[/-]$"
)
# The rest on the next line: one group of digits (letters before or after), alone or before a gap.
_REST = re.compile(r"^([A-Za-zÄÖÜ]{0,3}\d{1,6}[A-Za-z]{0,2})(?=\s|$)")


# A paper-number label glued to its number, the number perhaps glued to a capitalised word after
# it: "Vorlage2024/0815Anfrage", "Drucksache19/1234", "Drucksachen-Nr.0456/2024".
_GLUED = re.compile(
    r"(?<![\w-])(?P<label>(?i:[a-zäöüß]*(?:vorlage|drucksache))(?:n?-?Nr\.|nummer)?)"
    r"(?P<ref>\d[\w/-]{0,20}?\d)(?P<word>[A-ZÄÖÜ][a-zäöüß]{2,})?(?![\w/-])"
)


def unglued(line: str) -> str:
    """Return the line with a gap between a number label and its number glued to it, and between
    the number and a word glued after it ("Vorlage2024/0815Anfrage" → "Vorlage 2024/0815
    Anfrage")."""
    if not re.search(r"[a-zäöüß.]\d", line):
        return line
    return _GLUED.sub(
        lambda m: f"{m['label']} {m['ref']}" + (f" {m['word']}" if m["word"] else ""), line
    )


def without_borders(line: str) -> str:
    """Return a row of table cells with each border read as a cell's gap ("| Drucksache |
    2024/0815 |" → "Drucksache  2024/0815"); any other line as it is."""
    if "|" not in line and "│" not in line and "¦" not in line:
        return line
    if not _BORDERED.search(line):
        return line
    return "  ".join(cell for cell in _BORDER.split(line) if cell)


def rejoined(lines: Sequence[str]) -> list[str]:
    """Return the lines with table borders read as gaps and a number wrapped after its separator
    joined again: the rest moves up from the next line ("Drucksache Nr. 0456/" / "2024" →
    "Drucksache Nr. 0456/2024" / ""). The lines keep their places (index for index)."""
    result = [unglued(without_borders(line)) for line in lines]
    for k in range(len(result) - 1):
        line = result[k].rstrip()
        if line.endswith(":") and result[k + 1].strip() and SUBJECT_FIELD.search(line[-80:]):
            result[k], result[k + 1] = f"{line} {result[k + 1].strip()}", ""
            continue
        if not line.endswith(("/", "-")) or not _CUT.search(line[-40:]):
            continue
        rest = _REST.match(result[k + 1].lstrip())
        if rest is None:
            continue
        result[k] = line + rest.group(1)
        result[k + 1] = result[k + 1].lstrip()[rest.end() :].lstrip()
    return result
