"""List labels and closings run into a line that holds more than one item. Pure.

Text with one line per paragraph (a word processor, a web page) or with a page run together
keeps a list's structure only in its words: the label that continues the list stands inside
the line of the item before it ("… eingerichtet? 11.) Welche …", "… eingerichtet? 11.)" with
its question in the next paragraph), after the page number of a new page ("4 7. Welche …"),
after a section heading ("I. Sanierungsstand … Risiken 1. Welche …?"), and a closing or a
heading with its colon follows the last question in its line ("… geprüft? Für die
Beantwortung … verbleibe mit freundlichen Grüßen Matteo Böhme"). The question finder gives
each of them a line of its own before it reads the list (fetcher.parse.questions). Labels are
split off only where the list they continue is open and after a sentence end; numbers in
prose ("am 2. Mai", "Abs. 2. Welche") stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from fetcher.parse.markers import list_marker, next_label
from fetcher.parse.wording import is_stop, question_signal

_LABEL_END = r"(?:\.\)|[.)](?!\)))"
# The word before a label's dot ends a sentence: three lower-case letters ("… Vereine usw."),
# never an abbreviation of one or two letters ("Abs.", "Nr.", "ca.").
# A footnote mark after the sentence end counts with it ("… hinterher.3 1. Wie viele …").
_AFTER_SENTENCE = (
    r"(?:(?<=[?!:“”\"])|(?<=[a-zäöüß]{3}\.)|(?<=\)\.)|(?<=[a-zäöüß]{2}[.?]\d)"
    r"|(?<=[a-zäöüß]{2}[.?]\d\d))"
)
_PAGE_NUMBER = re.compile(r"^\d{1,3}\s+(?=\d{1,2}" + _LABEL_END + r"\s+[A-ZÄÖÜ„\"])")
_CLOSING_IN_LINE = re.compile(
    r"(?<=[?.!])\s+(?=Mit freundlichen Grüßen|Mit freundlichem Gruß|Für die \S*\s?[Ff]raktion"
    r"|Für die \S+-[Ff]raktion)|(?<=\w)\s+(?=mit\s+freundliche[nm]\s+Gr[üu]ß)"
)
# a heading with its colon after the last question ("… aussehen? Begründung: Die …")
_HEADING_IN_LINE = re.compile(r"(?<=\?)\s+(?=[A-ZÄÖÜ][a-zäöüß]+(?:\s+[a-zäöüß]+)?\s*:\s)")
_OPENS_ASKING = re.compile(
    r"[„\"]?(?:Wie|Was|Wann|Wo|Wer|Welche[rsmn]?|Warum|Weshalb|Wieso|Inwie(?:weit|fern)|Gibt"
    r"|Ist|Sind|Hat|Haben|Wird|Werden|Wurde|Wurden|Kann|Können|Liegen|Plant|Sieht|Teilt|Setzte?"
    r"|Sollte|Soll|Sollen|Gab|Trifft|Besteht|Bestehen)\s"
)
# A number after these is an ordinal or a reference ("am 2. Welche"), never a list label.
_BEFORE_ORDINAL = re.compile(
    r"(?:^|\s)(?:am|im|an|in|bis|ab|seit|zu|vom|zum|zur|beim|der|die|das|den|dem|des|Nr\.|Abs\.|S\."
    r"|Ziffer|Punkt|Frage|Anlage|Stufe|Tabelle|Kapitel|Teil|Paragraph|§)$",
    re.I,
)
# A number and a dash at a line start: a label ("1 - Wie …") where it continues the open list, a
# code and its meaning in a table otherwise ("37 - Fehler beim Einfahren …", Landtag 19/11198).
_DASHED_NUMBER = re.compile(r"^\d{1,2}\s+[-–]\s")
FIRST_LABEL_WINDOW = 12  # non-empty lines below in which "2." must open a line after a glued "1."


def _inline_label(text: str, number: int, *, asking: bool = False) -> re.Match[str] | None:
    """Return the label `number` inside `text` after a sentence end, before a capital or the end.

    `asking`: also after a word with a dot that may be an abbreviation ("… jedweder Art. 20.
    Welche Rolle …", Landtag 19/11180) when the label continues the open list and its item opens
    like a question.
    """
    if f"{number}." not in text and f"{number})" not in text and "Frage" not in text:
        return None
    found = re.search(
        _AFTER_SENTENCE + rf"\s+(?:[„\"]?{number}{_LABEL_END}(?=\s+[A-ZÄÖÜ„\"]|\s*$)"
        # "… nicht bekannt. Frage 2 + 3: Was hält …?" (Karlsruhe Stellungnahme 2018/0649)
        rf"|Frage\s+{number}(?:\s*(?:[+,/&]|und)\s*\d{{1,2}})?\s*:(?=\s))",
        text,
    )
    if found or not asking:
        return found
    # "… jedweder Art. 20. Welche …"; "… verwiesen 17. Werden …" (no sentence end printed);
    # "Gewinn 21.652,40 € 2. Wie viele …"; "- 2 - 4. Welche …" (a page number run in)
    for loose in re.finditer(rf"(?<=\S)\s+[„\"]?{number}{_LABEL_END}\s+", text):
        if _OPENS_ASKING.match(text[loose.end() :]) and not _BEFORE_ORDINAL.search(
            text[: loose.start()]
        ):
            return loose
    return None


def _inline_letter(text: str, label: str) -> re.Match[str] | None:
    """Return the capital letter label that continues an open list inside `text`, if its item
    opens like a question ("… Ergebnis? Seite 2 ____ G. Setzte sich …", Karlsruhe 2015/0499)."""
    if not ("A" <= label <= "Z") or (f"{label}." not in text and f"{label})" not in text):
        return None  # after "Z." no letter follows
    for found in re.finditer(rf"(?<=\S)\s+{label}[.)]\s+", text):
        if _OPENS_ASKING.match(text[found.end() :]):
            return found
    return None


def _opens_below(lines: Sequence[str], i: int, label: str) -> bool:
    """Return True if a line below `i` (within FIRST_LABEL_WINDOW non-empty lines) opens `label`."""
    seen = 0
    for line in lines[i + 1 :]:
        if not line:
            continue
        marker = list_marker(line.lstrip('„"'))
        if marker and marker[0] == "num":
            return marker[1] == label
        if _inline_label(line, int(label), asking=True):  # "… Verzug. 2.", its question below
            return True
        seen += 1
        if seen >= FIRST_LABEL_WINDOW:
            break
    return False


def _first_label(lines: Sequence[str], i: int) -> int:
    """Return where a list's glued first "1." starts in lines[i], or -1.

    After a page number ("2 1. Zu welchem …"), after a sentence end, or after a section heading
    that opens the line ("I. Sanierungsstand … Risiken 1. Welche …"); the item asks and "2."
    opens a line below.
    """
    line = lines[i]
    if "1." not in line and "1)" not in line:
        return -1
    page = _PAGE_NUMBER.match(line)
    if page and line[page.end() :].startswith("1"):
        found: re.Match[str] | None = re.match(r"1" + _LABEL_END, line[page.end() :])
        at = page.end() if found else -1
    else:
        # after a sentence end, or after a title run into it when the item asks ("Erneuerbare
        # Energien … Ausbaumöglichkeiten 1. Wie hat sich …?", Karlsruhe 2010 run together)
        found = _inline_label(line, 1, asking=True)
        heading = re.search(r"\s1" + _LABEL_END + r"\s+(?=[A-ZÄÖÜ„])", line)
        marker = list_marker(line)
        if found is None and heading and marker and marker[0] in ("roman", "letter"):
            found = heading
        at = found.start() if found else -1
    if at < 0:
        return -1
    item = re.sub(r"^\s*[„\"]?1\S*\s*", "", line[at:])
    if not item:  # "… abzeichnet. 1." at the line end: its question opens the next line
        item = next((below for below in lines[i + 1 :] if below), "")
    if not question_signal(item):
        return -1
    return at if _opens_below(lines, i, "2") else -1


# One heading word run into the first item: "Anfrage A. Wie lange …?" (B. below), "Fragen 1. …",
# "Anfrage Gibt es Planungen …?" (a question opens with its verb, never after a noun).
_HEADING_WORD = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{3,}:?\s+(?=[A-HIa-h1][.)]\s+[A-ZÄÖÜ„]|[A-ZÄÖÜ])")


def _split_heading(lines: Sequence[str], i: int) -> list[str]:
    """Split one heading word off the first item or question run into its line."""
    line = lines[i]
    head = _HEADING_WORD.match(line) if "?" in line else None
    if head is None:
        return [line]
    rest = line[head.end() :]
    marker = list_marker(rest)
    if marker and marker[0] in ("letter", "roman", "num"):
        following = next((below for below in lines[i + 1 :] if below), "")
        up = list_marker(following)
        if up and up[0] == marker[0] and up[1] == next_label(marker[0], marker[1]):
            return [line[: head.end()].rstrip(), rest]
        return [line]
    if _OPENS_ASKING.match(rest) and rest.split()[0] not in ("Ist", "Hat", "Wird", "Sind"):
        return [line[: head.end()].rstrip(), rest]
    return [line]


def _first_letter(lines: Sequence[str], i: int) -> int:
    """Return where a lettered list's glued first item ("… installiert. A) Wann …?") starts, or -1.

    After a sentence end, the item asks, and "B)" opens the next labelled line below (Karlsruhe
    Stellungnahme 2016/0760 run together).
    """
    if "?" not in lines[i]:
        return -1  # the item asks in its line
    found = re.search(_AFTER_SENTENCE + r"\s+([Aa])[.)]\s+(?=[A-ZÄÖÜ„])", lines[i])
    if found is None or not question_signal(lines[i][found.end() :]):
        return -1
    for line in lines[i + 1 : i + 1 + FIRST_LABEL_WINDOW]:
        marker = list_marker(line)
        if marker:
            following = next_label("letter", found.group(1))
            return found.start() if marker[:2] == ("letter", following) else -1
    return -1


def _split_closing(line: str) -> list[str]:
    """Split a closing, or a heading with its colon after a question, off the end of a line."""
    if "?" not in line and "Gr" not in line and "raktion" not in line:
        return [line]
    for pattern in (_CLOSING_IN_LINE, _HEADING_IN_LINE):
        found = pattern.search(line)
        if found is None:
            continue
        rest = line[found.end() :]
        rest = rest[:1].upper() + rest[1:]
        if is_stop(rest):
            return [line[: found.start()].rstrip(), rest]
    return [line]


def split_glued_items(lines: Sequence[str]) -> list[str]:
    """Give each list label and closing run into a line a line of its own (see the module)."""
    return list(_split_glued(tuple(lines)))


@lru_cache(maxsize=4)  # the question finder and the answer reader ask for the same lines
def _split_glued(lines: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    last: int | None = None  # the last label of the numbered list that is open
    letter: str | None = None  # the last label of an open list "A." "B." …
    for i, line in enumerate(lines):
        if not line or is_stop(line):
            last = None if line else last
            letter = None if line else letter
            out.append(line)
            continue
        marker = list_marker(line.lstrip('„"'))  # „2. Welche …" in a quoted inquiry
        if not marker and len(heading := _split_heading(lines, i)) > 1:
            out.append(heading[0])
            line = heading[1]
            marker = list_marker(line)
        if marker and marker[0] == "num":
            number = int(marker[1])
            if last is None or number <= last + 1 or not _DASHED_NUMBER.match(line):
                last = number  # not "37 - Fehler beim Einfahren …" between "2." and "3.": a code
        elif last is not None and (page := _PAGE_NUMBER.match(line)):
            rest = line[page.end() :]
            if re.match(rf"{last + 1}{_LABEL_END}", rest):
                line, last = rest, last + 1  # "4 7. Welche …": the page number went before it
        if not marker and (at := _first_letter(lines, i)) >= 0:
            out.append(line[:at].rstrip())
            line = line[at:].lstrip()
        elif (last is None or not marker) and (at := _first_label(lines, i)) >= 0:
            if line[:at].strip() and not _PAGE_NUMBER.match(line):
                out.append(line[:at].rstrip())
            line, last = line[at:].lstrip(), 1
        pieces: list[str] = []
        while last is not None and (found := _inline_label(line, last + 1, asking=True)):
            pieces.append(line[: found.start()].rstrip())
            line, last = line[found.start() :].lstrip(), last + 1
        if marker and marker[0] == "letter" and marker[1].isupper():
            letter = marker[1]
        elif (
            marker and marker[0] == "roman" and letter and marker[1] == next_label("letter", letter)
        ):
            letter = marker[1]  # "H. …" then "I. …": the letter, not Roman one
        while letter and (found := _inline_letter(line, next_label("letter", letter))):
            pieces.append(line[: found.start()].rstrip())  # "Seite 2 ____ G. Setzte sich …?"
            line, letter = line[found.start() :].lstrip(), next_label("letter", letter)
        out += pieces + _split_closing(line)
    return tuple(out)
