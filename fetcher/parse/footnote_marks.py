"""Footnotes at a page's foot and the marks that point to them, in text of any shape. Pure.

A footnote mark is glued to the word or the "?" it explains ("… sanierungsbedürftig?¹", "…?1"
as pdftotext reads a superscript), and the footnote it points to opens with the same number at
the page's foot ("¹ Vgl. Schulbericht 2020, S. 4."). Printed, the footnote is a line of its
own; run together (a page in one line, an OParl File.text) it runs on from the last words of the
page, and the list's last question, when it ends the page, takes it in; the mark glued to a
"?" keeps an inline list from being split there ("…?¹ 2. Bis wann …"). This pass runs before
the relining: it cuts the page's footnotes when a mark above points to the first of them, and
the marks that point to them. fetcher.parse.page_edges.footnotes_from reads the same structure
by lines, later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NOTES_MAX_CHARS = 1500  # a page's footnotes together: a few sources, never a page of text
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# A footnote opening at the page's foot: after a line break or, run together, after the page's
# last words (a number there that a word before it counts, "Seite 2", "Nr. 3", "Frage 1", is
# no note; after a date or a page counter, "2015 1 Vgl.", "Seite 2 von 2 1 Vgl.", it is), its
# number (a superscript, "1", "1)"; ASCII digits only) and a capital or a web address.
_NOTE_START = re.compile(
    r"(?:(?<=\n)|(?<=\S\s))[ \t]*(?P<n>[¹²³⁴⁵⁶⁷⁸⁹]|[1-9][0-9]?\)?)[ \t]+"
    r"(?=[A-ZÄÖÜ]|https?:|www\.)"
)
_ITEM = re.compile(r"(?<!\S)\d{1,2}\.\s+[A-ZÄÖÜ]")  # "2. Welche …": the list goes on below
_COUNTED = re.compile(
    r"(?:\b(?:Nr|Abs|Ziff|S|Bd|Kap)\.|\b(?:Seite|Frage|Punkt|Ziffer|Anlage|Absatz|Kapitel"
    r"|Nummer|Teil|Stufe|Phase)|[§–-])\s*$"
)
# A mark glued to what it explains: after a "?" or "!", a sentence mark, bracket or quote that
# follows a letter ("Sonntagszeitungen.1", "„Flagge“²"), or a word of three lower-case letters or
# more ("Schulbericht²"; "m2", "COVID-19" and "§§ 16,17,20" hold no marks).
_GLUED_BEFORE = r"(?:(?<=[?!])|(?<=[^\W\d][.,;:)“”\"])|(?<=[a-zäöüß]{3}))"


def _mark(number: str) -> re.Pattern[str]:
    """Return the pattern of a mark of this footnote number glued to the text above it."""
    if number in _SUPERSCRIPTS:  # glued as a digit is ("m²", "km²" are units, no marks)
        return re.compile(rf"{_GLUED_BEFORE}{number}(?!\d)")
    return re.compile(rf"{_GLUED_BEFORE}{re.escape(number.rstrip(')'))}\)?(?=[\s,.;:]|$)")


def _notes(page: str, before: str) -> tuple[int, set[str]]:
    """Return where the page's footnotes begin and their numbers ((len(page), set()): none).

    The footnotes are the page's tail from a footnote's opening (_NOTE_START) to its end, when a
    mark of its number stands glued above it (on this page or the one before), the tail holds
    no question and no list item ("2. Welche …") and is no longer than NOTES_MAX_CHARS.
    """
    foot = max(0, len(page.rstrip()) - NOTES_MAX_CHARS)  # only the page's foot holds its notes
    for match in _NOTE_START.finditer(page, foot):
        tail = page[match.start() :]
        if (
            _COUNTED.search(page[max(0, match.start() - 12) : match.start()])
            or "?" in tail
            or _ITEM.search(tail)
        ):
            continue  # a question or a list item below: the page's text goes on
        mark = _mark(match.group("n"))
        if not (mark.search(page, 0, match.start()) or mark.search(before)):
            continue
        numbers = [m.group("n") for m in _NOTE_START.finditer(page, match.start())]
        if _reads_as_notes(tail, numbers):
            return match.start(), set(numbers)
    return len(page), set()


MAX_NUMBER_SHARE = 0.3  # of a tail's words: a table's rows, not a few sources


def _reads_as_notes(tail: str, numbers: list[str]) -> bool:
    """Return True if a page's tail reads as its footnotes, not as a table run together.

    Footnotes are numbered once each, in order ("1 …", "2 …"), and cite in words; a table's rows
    repeat small numbers ("Ammerland 2 1 Aurich 1 2") or hold mostly figures ("500.000,00 €
    2024 2025").
    """
    values = [
        int(n.rstrip(")")) if n.rstrip(")").isascii() else _SUPERSCRIPTS.index(n) + 1
        for n in numbers
    ]
    if values != list(range(values[0], values[0] + len(values))):
        return False
    words = tail.split()
    figures = sum(1 for word in words if _FIGURE.fullmatch(word))
    return figures <= len(numbers) + 2 or figures <= MAX_NUMBER_SHARE * len(words)


_FIGURE = re.compile(r"[\d.,:/%€-]*\d[\d.,:/%€-]*")


def _unmarked(text: str, numbers: set[str]) -> str:
    """Return the text without the glued marks of these footnote numbers."""
    for number in numbers:
        text = _mark(number).sub("", text)
    return text


def unmarked_pages(pages: Sequence[str]) -> list[str]:
    """Return the pages without their footnotes and the marks glued to the words they explain.

    A page's notes (_notes) are cut, and each note's number loses its glued marks on that page
    and the one before. Pages with no superscript and no digit glued to a word are left as
    they are.
    """
    result = list(pages)
    for index, page in enumerate(pages):
        if not _has_digit_mark(page):
            continue
        before = pages[index - 1] if index else ""
        start, numbers = _notes(page, before)
        if numbers:
            result[index] = _unmarked(page[:start], numbers).rstrip(" \t")
            if index:
                result[index - 1] = _unmarked(result[index - 1], numbers)
    return result


def _has_digit_mark(page: str) -> bool:
    """Return True if a page may hold a footnote: a superscript or a digit glued after a word."""
    return any(c in page for c in _SUPERSCRIPTS) or bool(re.search(r"[a-zäöüß?.!)“\"]\d", page))
