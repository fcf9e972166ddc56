"""List markers at line starts (1. / 1) / Frage 1: / a) / A. / I. / bullets), list items. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from fetcher.parse.text import DATE, join_lines

# German ordinal adverbs as labels ("Erstens: Wie …", "Zweitens: …"): the counter spelt out.
ORDINAL_WORDS = (
    "Erstens",
    "Zweitens",
    "Drittens",
    "Viertens",
    "Fünftens",
    "Sechstens",
    "Siebtens",
    "Achtens",
    "Neuntens",
    "Zehntens",
    "Elftens",
    "Zwölftens",
)
ORDINAL_LABEL = r"(?:" + "|".join(ORDINAL_WORDS) + r")\s*[:.)]"
# A number label, whatever councils' templates print: a word naming the item ("Frage 1:", "Frage
# Nr. 1:", "Nr. 1", "Punkt 1:", "F1:"), a mark ending it (".", ")", ":", ".)", ".:", ".-", " -",
# " –", "/") or the word after it ("1. Frage:"). After a word, the number alone is a label too
# when a capital follows ("Nr. 1 Wie …"); a bare number is only read by the question scorer
# (fetcher.parse.wording). NUMBER_LABEL is the pattern for the modules that find a label inside
# a line or before a quotation mark; NUM reads one at a line start.
LABEL_WORD = r"(?:Frage\s+(?:Nr\.\s*)?|Nr\.\s*|Punkt\s+|F\s?(?=\d{1,2}\s*:))"
# CLOSED_MARK: the marks a dash bullet's reading cannot share ("Seite 2 – Weshalb …" is a dash).
CLOSED_MARK = r"(?:\.\)|\.:|\.[-–](?=\s)|\.\s+Frage\s*:|[.)](?!\))|:(?=\s)|/(?=\s))"
LABEL_MARK = rf"(?:{CLOSED_MARK}|(?<=\s)[-–](?=\s))"
# After a word and no mark, a word in capitals and lower case follows ("Nr. 1 Wie …"), never an
# abbreviation ("§ 315c Abs. 1 Nr. 1 StGB", "Nr. 2 GO" wrapped to a line start).
WORD_AFTER = r"(?=\s+[„\"]?[A-ZÄÖÜ][a-zäöüß]+[\s,?:])"
NUMBER_LABEL = (
    rf"(?:{LABEL_WORD}?\d{{1,2}}\s*{LABEL_MARK}|{LABEL_WORD}\d{{1,2}}{WORD_AFTER}"
    rf"|{ORDINAL_LABEL})"
)
# The same without a bare dash after the number: in running text "14 - ungenügender
# Sicherheitsabstand" is a code and its meaning (a table's key column), as often as a label.
CLOSED_LABEL = (
    rf"(?:{LABEL_WORD}?\d{{1,2}}\s*{CLOSED_MARK}|{LABEL_WORD}\d{{1,2}}{WORD_AFTER}"
    rf"|{ORDINAL_LABEL})"
)
# A dash set apart after the mark of a label opening its line ("1. - Wie …", "2) – Wann …")
# belongs to the label: the item starts after it. Inside a line "… Fragen 1 und 3. – Welche …"
# is a sentence's end and a dash item, so only NUM reads it.
_DASH_AFTER = r"(?:(?<=[.)])\s[-–](?=\s))"
# ... and "Zu 1.:" where an answer repeats each question after "Zu N.:" (Karlsruhe Stellungnahmen).
NUM = re.compile(
    rf"^(?:(?P<word>{LABEL_WORD})|Zu\s+(?=\d{{1,2}}\.?:))?(\d{{1,2}})\s*"
    rf"(?:{LABEL_MARK}{_DASH_AFTER}?|(?(word){WORD_AFTER}|(?!)))\s*(?!\d)(?=\S)"
)
_DASH_OR_SLASH = re.compile(r"\d\s*[-–/]")
_ORDINAL = re.compile(rf"^({ORDINAL_LABEL})\s+(?=\S)")
_UNITS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
# I … XXXIX: a Roman-numbered question list runs as long as a numbered one (Landtag lists of 36).
ROMAN_NUMERALS = tuple(tens + unit for tens in ("", "X", "XX", "XXX") for unit in _UNITS)[1:]
_ROMAN = re.compile(r"^(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)]\s+(?=\S)")
_NUM_LETTER = re.compile(r"^(\d{1,2})\s?([a-z])[.)]\s+(?=\S)")
# "10.)" alone too; "1," alone is an OCR'd "1." (Dresden mAF0369/13)
_NUM_ALONE = re.compile(r"^(?:Frage\s+(?:Nr\.\s*)?|Nr\.\s*)?(\d{1,2})\s*(?:\.\)|\.[-–]|[.):,/])?$")
# A Roman or letter label alone on its line, its item on the next ("X." / "Was geschieht …?").
_ROMAN_ALONE = re.compile(r"^(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)]$")
_LETTER_ALONE = re.compile(r"^([A-Za-z])[.)]$")
_LETTER = re.compile(r"^([A-Za-z])\s*[.)]\s+(?=\S)")
# Word's Symbol/Wingdings bullets (U+F0B7, U+F0A7 from pdfium) arrive as • and ▪: clean_lines
# maps them (text._WORD_SYMBOLS: also ➢ → ■ ❖ ➔ ✓) before any line reaches this. BULLET_SIGNS
# are the list signs that are never prose; dashes, "·" and "*" are read beside them at a line
# start.
BULLET_SIGNS = "•▪●◦➢►→■❖➔✓"
# Inside a line an arrow is prose as often ("männlich → weiblich", "„Planung“ → „Was?“"): the
# signs that open an item after any word leave the arrows out; an arrow after a sentence's end
# opens one ("„Planung“ → „Was?“" has a quote's end before it).
ARROWS = "→➔"
INLINE_BULLET_SIGNS = "".join(sign for sign in BULLET_SIGNS if sign not in ARROWS)
# A bullet inside a line of text run together (Word's Symbol bullets as pdfium gives them too).
INLINE_BULLET = rf"(?<=\s)[{INLINE_BULLET_SIGNS}\uf0b7\uf0a7](?=\s)|(?<=[?!.:]\s)[{ARROWS}](?=\s)"
# A lower-case "o" before a capital is the bullet of Word's second list level typed or read as a
# letter (Courier New "o"): no German word is the letter o alone.
_BULLET = re.compile(rf"^([{BULLET_SIGNS}\-–·*]|o(?=\s+[„\"A-ZÄÖÜ]))(?:\s+|$)")
# A sub-item inside a question: "1.1", "a)", "1." under "E.", "- …"; it starts its own line
# within the question.
_SUB_ITEM = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}\.?\s|\([a-z\d]\)\s|\d{1,2}[.)]\s+(?=[a-zäöü]|[A-ZÄÖÜ][a-zäöüß]+\s)|[a-z]\)(?:\s|$)|[a-h]\.(?:\s(?![A-ZÄÖÜ]\.)|$)"
    rf"|[{BULLET_SIGNS}\-–·*\uf0b7\uf0a7]\s)"
)


# Windows around an item are measured in characters, not lines: the same words come in more,
# shorter lines when a PDF prints them in a narrow column or a table cell (issue 11, wrap9). One
# line of a page printed at a letter's width holds about this many characters.
LINE_CHARS = 80


def lines_before(lines: Sequence[str], start: int, chars: int) -> list[str]:
    """Return the non-empty lines right above `start`, in order, up to about `chars` characters.

    The line that reaches the limit is included, so the nearest line always is.
    """
    found: list[str] = []
    total = 0
    k = start - 1
    while k >= 0 and total < chars:
        if lines[k]:
            found.append(lines[k])
            total += len(lines[k]) + 1
        k -= 1
    return found[::-1]


def lines_from(lines: Sequence[str], start: int, chars: int) -> list[str]:
    """Return the non-empty lines from `start` on, up to about `chars` characters (see above)."""
    found: list[str] = []
    total = 0
    k = max(start, 0)
    while k < len(lines) and total < chars:  # by index: a slice would copy the rest each call
        if lines[k]:
            found.append(lines[k])
            total += len(lines[k]) + 1
        k += 1
    return found


@lru_cache(maxsize=8192)
def list_marker(line: str) -> tuple[str, str, str] | None:
    """Return (style, label, rest) of a list marker at the start of a line.

    Cached: the list scorer asks for the same lines from every candidate start.
    """
    if DATE.match(line):
        return None
    match = NUM.match(line)
    if match and not (match.group(2)[0] == "0" and _DASH_OR_SLASH.search(match.group(0))):
        # "01 - Alkoholeinfluss", "37 - Fehler beim Einfahren …": a code and its meaning (a key
        # of accident causes in a Landtag answer's table), never a counter padded with zero
        return "num", match.group(2), line[match.end() :]
    match = _ORDINAL.match(line)
    if match:
        word = match.group(1).rstrip(" :.)")
        return "num", str(ORDINAL_WORDS.index(word) + 1), line[match.end() :]
    match = _NUM_LETTER.match(line)
    if match:  # "1 a. …", "1 b. …": sub-questions a, b of question 1 (Karlsruhe 2021/0373)
        return "num", match.group(1), f"{match.group(2)}) {line[match.end() :]}"
    match = _NUM_ALONE.match(line)
    if match:
        return "num", match.group(1), ""
    match = _ROMAN.match(line) or _ROMAN_ALONE.match(line)
    if match:
        return "roman", match.group(1), line[match.end() :]
    match = _LETTER_ALONE.match(line)
    if match:  # "A." / its question on the next line, as "1." alone (_NUM_ALONE)
        return "letter", match.group(1), ""
    match = _LETTER.match(line)
    if match and not re.match(r"^[A-Za-z]\.\s*[A-Za-z]\.", line):
        return "letter", match.group(1), line[match.end() :]
    match = _BULLET.match(line)
    if match:
        return "bullet", match.group(1), line[match.end() :]
    return None


def next_label(style: str, label: str) -> str:
    """Return the label that continues a list after `label` (bullets repeat themselves)."""
    if style in ("num", "bare"):
        return str(int(label) + 1)
    if style == "letter":
        return chr(ord(label) + 1)
    if style == "roman" and label in ROMAN_NUMERALS[:-1]:
        return ROMAN_NUMERALS[ROMAN_NUMERALS.index(label) + 1]
    return label


def is_first_label(style: str, label: str) -> bool:
    """Return True if a list can start with this label (numbers may start anywhere up to 20)."""
    if style == "num":
        return 1 <= int(label) <= 20
    if style == "bare":
        return label == "1"
    if style == "letter":
        return label in "aA"
    if style == "roman":
        return label == "I"
    return True


def split_items(block: Sequence[str]) -> list[list[str]]:
    """Split lines into top-level list items; sub-items and follow-up lines stay with them."""
    items: list[list[str]] = []
    style = label = None
    for line in block:
        if not line:
            continue
        marker = list_marker(line)
        if marker and style is None and is_first_label(marker[0], marker[1]):
            style, label = marker[0], marker[1]
            items.append([marker[2]] if marker[2] else [])
            continue
        if (
            marker
            and style == marker[0]
            and label is not None
            and marker[1] == next_label(style, label)
        ):
            label = marker[1]
            items.append([marker[2]] if marker[2] else [])
            continue
        if items:
            items[-1].append(line)
    return [item for item in items if any(item)]


# A line ending in an article runs on into a noun phrase: a number opening the next line is an
# ordinal inside it ("Welche relevanten Informationen den" / "3. Bauabschnitt im nächsten Jahr").
ARTICLE_END = re.compile(r"(?:^|\s)(?:der|die|das|den|dem|des|zur|zum|vom|beim)$", re.I)


def join_item(lines: Sequence[str]) -> str:
    """Join an item's lines; each sub-item (1.1, a), bullet) keeps a line of its own."""
    segments: list[list[str]] = [[]]
    for line in lines:
        if not line:
            continue
        if _SUB_ITEM.match(line) and segments[-1] and not ARTICLE_END.search(segments[-1][-1]):
            segments.append([])
        segments[-1].append(line)
    return "\n".join(text for text in (join_lines(s) for s in segments) if text)


# A decimal outline label: "1.1", "2.3.", "1. 1." (a glued "1.1."), "1.2.3"; groups: the first
# two numbers. A date whose year a space sets off ("31.12. 2012 (bitte gesondert …" wrapped to a
# line start, Dresden AF2022/13) is none: read as one, its line lost the month.
OUTLINE = re.compile(
    r"^(?!\d{1,2}\.\d{1,2}\.\s+(?:1[89]|20)\d\d\b)(\d{1,2})\.\s?(\d{1,2})(?:\.\d{1,2})*\.?\s+(?=\S)"
)


def flatten_outline(lines: Sequence[str]) -> list[str]:
    """Give a decimal outline (1.1, 1.2, 2.1 …) without "1."/"2." parent lines its top level.

    Leaves of several first numbers group under them: the first "2.1." line opens item 2 and
    the other leaves stay inside as sub-items (Karlsruhe 2018/0735; "1. 1." is a glued "1.1.").
    Leaves of one first number only ("1.1.", "1.2." restarting under each section heading) are
    the list themselves (Karlsruhe 2019/1329). Lines under a printed parent stay as they are.
    """
    found = [(i, m) for i, line in enumerate(lines) if (m := OUTLINE.match(line))]
    if len(found) < 2:
        return list(lines)
    out = list(lines)
    opened: set[str] = {
        marker[1]
        for line in lines[: found[0][0]]
        if (marker := list_marker(line)) and marker[0] == "num"
    }
    firsts = {m.group(1) for _, m in found}
    if len(firsts) == 1:
        if not firsts & opened:  # "1.1 Baustellenkoordinierung" under a printed "1." stays
            for i, match in found:
                out[i] = f"{int(match.group(2))}. {lines[i][match.end() :]}"
        return out
    outline = dict(found)
    for i, line in enumerate(lines):
        leaf = outline.get(i)
        if leaf is None:
            marker = list_marker(line)
            if marker and marker[0] == "num":
                opened.add(marker[1])  # a printed parent "2." before its "2.1"
        elif leaf.group(1) not in opened:
            opened.add(leaf.group(1))
            out[i] = f"{int(leaf.group(1))}. {line[leaf.end() :]}"
    return out
