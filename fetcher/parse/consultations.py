"""The Beratungsfolge table: committee, date and role per row (text or table cells). Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from fetcher.model import ConsultationInfo
from fetcher.parse.kind import DOC_LABEL
from fetcher.parse.markers import NUM
from fetcher.parse.text import DATE, HEADER_LINES, LABEL_LINE, STOP_SECTION, wraps

_TABLE_HEADER_WORDS = re.compile(
    r"\(Änderungen vorbehalten\):?"
    r"|\b(?:Beratungsfolge|Gremium|Gremien(?=\s+Termin)|Voraussichtlicher"
    r"|Sitzungstermin|Termin|Zuständigkeit|TOP|Ö\s*/\s*N|ö\s+nö)\b:?",
)


HEADER_ONLY = re.compile(
    r"^(?:Gremium|Gremien|Voraussichtlicher|Sitzungstermin|Termin|Zuständigkeit|"
    r"TOP|Ö\s*/\s*N|Gremien Termin.*|Gremium Termin.*|[☐\s]+)$"
)


def _parse_date(text: str) -> date | None:
    match = DATE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _row(committee: str, rest: str, when: date | None) -> ConsultationInfo | None:
    committee = _TABLE_HEADER_WORDS.sub(" ", committee)
    committee = re.sub(r"\s+", " ", committee).strip(" :")
    rest = _TABLE_HEADER_WORDS.sub(" ", rest)
    rest = re.sub(r"^\s*\d{1,3}(?:\.\d+)?\s+", " ", rest)  # TOP number
    rest = re.sub(r"^\s*[ÖN](?:\s+|$)", " ", rest)  # Ö / N column
    role = re.sub(r"\s+", " ", rest).strip() or None
    if not committee or len(committee) > 80:
        return None
    return ConsultationInfo(committee=committee, date=when, role=role)


def find_consultations(lines: Sequence[str]) -> tuple[list[ConsultationInfo], int]:
    """Return the Beratungsfolge rows and the index of the first line after the table (or -1)."""
    start = -1
    for i, line in enumerate(lines[:HEADER_LINES]):
        if re.match(r"^(?:Beratungsfolge|Gremien\s+Termin|Gremium\s+Termin)", line):
            start = i
            break
    if start < 0:
        return [], -1
    rows: list[tuple[str, str]] = []
    dates: list[date | None] = []
    pending_committee = ""
    first = _TABLE_HEADER_WORDS.sub(" ", lines[start]).strip(" :")
    numbered = [(start, first)] if first else []
    numbered += [(k, lines[k]) for k in range(start + 1, len(lines))]
    end = start + 1
    for i, line in numbered:
        if not line:
            continue
        if HEADER_ONLY.match(line) and not rows:
            end = i + 1
            continue
        match = DATE.search(line)
        if match and _is_row(line, match, bool(rows)):
            committee = (pending_committee + " " + line[: match.start()]).strip()
            if not committee and rows:
                committee = rows[-1][0]
            rows.append((committee, line[match.end() :]))
            dates.append(_parse_date(match.group(0)))
            pending_committee = ""
            end = i + 1
            continue
        if (
            LABEL_LINE.match(line)
            or STOP_SECTION.match(line)
            or DOC_LABEL.match(line)
            or NUM.match(line)
        ):
            break
        if (
            len(line.split()) <= 3
            and not re.search(r"\d", line)
            and not line.endswith((".", ":", "?"))
        ):
            if rows and not pending_committee and _row_role_open(rows[-1][1]):
                rows[-1] = (rows[-1][0], rows[-1][1] + " " + line)
            else:
                pending_committee = (pending_committee + " " + line).strip()
            end = i + 1
            continue
        break
    consultations = [
        r for r in (_row(c, rest, d) for (c, rest), d in zip(rows, dates, strict=True)) if r
    ]
    return consultations, end


def _is_row(line: str, match: re.Match[str], after_first: bool) -> bool:
    """Return True if a dated line is a Beratungsfolge row, not prose that mentions a date."""
    committee, rest = line[: match.start()].strip(), line[match.end() :].strip()
    if len(committee) > 70 or re.search(r"\b(?:vom|am|seit|bis|zum|ab|den)$", committee, re.I):
        return False
    return not (after_first and len(rest) > 45)


def _row_role_open(role: str) -> bool:
    role = role.strip()
    return bool(role) and (
        wraps(role) or bool(re.search(r"(?:schriftliche|mündliche|mündliche/schriftliche)$", role))
    )


def consultations_from_tables(tables: Sequence[Sequence[Sequence[str]]]) -> list[ConsultationInfo]:
    """Return Beratungsfolge rows from pdfplumber table cells (committee, date, …, role)."""
    result: list[ConsultationInfo] = []
    for table in tables:
        for cells in table:
            texts = [re.sub(r"\s+", " ", c).strip() for c in cells]
            for k, cell in enumerate(texts):
                match = DATE.fullmatch(cell) or (DATE.search(cell) if len(cell) < 30 else None)
                if not match:
                    continue
                before = [t for t in texts[:k] if t]
                after = [t for t in texts[k + 1 :] if t and not re.fullmatch(r"\d+|[ÖN]", t)]
                if before:
                    row = _row(before[-1], " ".join(after[-1:]), _parse_date(match.group(0)))
                    if row:
                        result.append(row)
                break
    return result
