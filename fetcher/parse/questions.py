"""List markers, list items and the inquiry's questions. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import DATE, STOP_SECTION, join_lines

INTRO = re.compile(
    r"(?:\b(?:wir|ich)\s+(?:fragen|frage)\s+(?:daher\s+|deshalb\s+|hiermit\s+|somit\s+)?"
    r"(?:an|den\s+oberbürgermeister|die\s+verwaltung|die\s+stadtverwaltung|den\s+stadtrat)?\s*[:.]?"
    r"|\bfragen\s+(?:wir|ich)\s+(?:daher\s+|deshalb\s+)?(?:an|den\s+oberbürgermeister|die\s+verwaltung)?\s*:"
    r"|^(?:fragen|anfrage|die fragen lauten)\s*:"
    r"|\bfolgende(?:n)?\s+fragen(?:\s+\w+){0,4}\s*:"
    r"|\bum\s+(?:auskunft|beantwortung(?:\s+\w+){0,3})\s+gebeten\s*:"
    r"|\bbitten\s+(?:wir|ich)\s+um\s+(?:die\s+)?(?:beantwortung|auskunft)(?:\s+\w+){0,4}\s*:)",
    re.I,
)


NUM = re.compile(r"^(?:Frage\s+)?(\d{1,2})\s*(?:\.\)|[.)]|:(?=\s))\s*(?!\d)(?=\S)")


_ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


_ROMAN = re.compile(r"^(I{1,3}|IV|VI{0,3}|IX|XI{0,2})\s*[.)]\s+(?=\S)")


_NUM_ALONE = re.compile(r"^(?:Frage\s+)?(\d{1,2})\s*[.):]?$")


_LETTER = re.compile(r"^([A-Za-z])\s*[.)]\s+(?=\S)")


_BULLET = re.compile(r"^([•\-–·▪◦●*])(?:\s+|$)")


_ANSWER_TO = re.compile(r"^(?:Antwort|Zu)\s+(?:zu\s+)?(?:Frage\s+)?(\d{1,2})\b.*$", re.I)


def list_marker(line: str) -> tuple[str, str, str] | None:
    """Return (style, label, rest) of a list marker at the start of a line."""
    if DATE.match(line):
        return None
    match = NUM.match(line)
    if match:
        return "num", match.group(1), line[match.end() :]
    match = _NUM_ALONE.match(line)
    if match:
        return "num", match.group(1), ""
    match = _ROMAN.match(line)
    if match:
        return "roman", match.group(1), line[match.end() :]
    match = _LETTER.match(line)
    if match and not re.match(r"^[A-Za-z]\.\s*[A-Za-z]\.", line):
        return "letter", match.group(1), line[match.end() :]
    match = _BULLET.match(line)
    if match:
        return "bullet", match.group(1), line[match.end() :]
    return None


def _next_label(style: str, label: str) -> str:
    if style == "num":
        return str(int(label) + 1)
    if style == "letter":
        return chr(ord(label) + 1)
    if style == "roman" and label in _ROMAN_NUMERALS[:-1]:
        return _ROMAN_NUMERALS[_ROMAN_NUMERALS.index(label) + 1]
    return label


def split_items(block: Sequence[str]) -> list[list[str]]:
    """Split lines into top-level list items; sub-items and follow-up lines stay with them."""
    items: list[list[str]] = []
    style = label = None
    for line in block:
        if not line:
            continue
        marker = list_marker(line)
        if (
            marker
            and style is None
            and (marker[0] != "num" or marker[1] == "1")
            and (marker[0] != "letter" or marker[1] in "aA")
            and (marker[0] != "roman" or marker[1] == "I")
        ):
            style, label = marker[0], marker[1]
            items.append([marker[2]] if marker[2] else [])
            continue
        if (
            marker
            and style == marker[0]
            and label is not None
            and (
                (style == "bullet" and marker[1] == label) or marker[1] == _next_label(style, label)
            )
        ):
            label = marker[1]
            items.append([marker[2]] if marker[2] else [])
            continue
        if items:
            items[-1].append(line)
    return [item for item in items if any(item)]


def _block_after_intro(lines: Sequence[str], body_start: int) -> list[str] | None:
    for i in range(max(body_start, 0), len(lines)):
        match = INTRO.search(lines[i])
        if not match:
            continue
        block: list[str] = []
        rest = lines[i][match.end() :].strip()
        if rest:
            block.append(rest)
        for line in lines[i + 1 :]:
            if STOP_SECTION.match(line) and block:
                break
            block.append(line)
        return block
    return None


def _first_list_block(lines: Sequence[str], body_start: int) -> list[str]:
    start = None
    for i in range(max(body_start, 0), len(lines)):
        marker = list_marker(lines[i])
        if marker and marker[1] in ("1", "I") and marker[0] in ("num", "roman"):
            start = i
            break
    if start is None:  # a bullet list with questions (Karlsruhe Ortschaftsrat inquiries)
        for i in range(max(body_start, 0), len(lines)):
            marker = list_marker(lines[i])
            if marker and marker[0] == "bullet":
                block = until_stop(lines, i)
                if any("?" in " ".join(item) for item in split_items(block)):
                    return block
        return []
    return until_stop(lines, start)


def until_stop(lines: Sequence[str], start: int) -> list[str]:
    block: list[str] = []
    for line in lines[start:]:
        if STOP_SECTION.match(line) and block:
            break
        block.append(line)
    return block


def find_questions(lines: Sequence[str], body_start: int) -> list[str]:
    """Return the inquiry's questions, one per top-level item, numbering removed."""
    block = _block_after_intro(lines, body_start)
    if block is None or not split_items(block):
        listed = _first_list_block(lines, body_start)
        if listed:
            block = listed
    if not block:
        return []
    items = split_items(block)
    if not items:
        text = join_lines(block)
        return [text] if "?" in text else []
    return [join_lines(item) for item in items]
