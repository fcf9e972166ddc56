"""Text shapes: the same document as other extractors and servers deliver it. Pure functions.

The labelled corpus holds each text with the line breaks its source gave. Real input comes in
other shapes too, and the parser should read the same fields from all of them:
- "flat": every page one line (an OParl File.text or an HTML page with its lines run together,
  as the Berlin BVV scraper stored its papers);
- "para": every block between blank lines one line (text from a word processor or a web page,
  one line per paragraph); a page without blank lines becomes one line, as in "flat";
- "wrap50", "wrap40": every line wrapped again at 50 or 40 characters, between words only (a narrow
  column, a table cell, a two-column print);
- "flatwrap": "flat", then every page wrapped at 90 characters (a run-together text printed to a PDF
  and read back: printed-width lines whose breaks fall anywhere, lists run on inside them).
- "flathyph": "flat", then every page wrapped at 75 characters with words of ten letters or more
  hyphenated at the line's end the way standins/pdf_render.py's paged style sets them ("Verwal-" /
  "tung"): a run-together text printed to a PDF and read back by an extractor that keeps the
  printed line ends (pdftotext; pdfium joins a hyphenated word's lines itself).
Used by bench.parse_accuracy --shape and bench.parse_failures --shape.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from standins.pdf_render import hyphenation_cuts

_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def flat(text: str) -> str:
    """Return the text with every page (form feed separated) run together into one line."""
    return "\f".join(_SPACE.sub(" ", page).strip() for page in text.split("\f"))


def paragraphs(text: str) -> str:
    """Return the text with every blank-line separated block run together into one line."""
    return "\f".join(
        "\n\n".join(_SPACE.sub(" ", block).strip() for block in _BLANK_LINE.split(page))
        for page in text.split("\f")
    )


def wrapped(width: int) -> Callable[[str], str]:
    """Return a function that wraps every line of a text again at `width` characters."""

    def wrap_line(line: str) -> str:
        return (
            textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
            if line.strip()
            else line
        )

    def wrap(text: str) -> str:
        pages = text.split("\f")
        return "\f".join("\n".join(map(wrap_line, page.split("\n"))) for page in pages)

    return wrap


def flat_wrapped(text: str) -> str:
    """Return the text run together per page ("flat"), then wrapped at 90 characters."""
    return wrapped(90)(flat(text))


HYPHENATED_WIDTH = 75  # what the paged render's A4 line at 11 pt holds


def _hyphenated(room: int, word: str) -> tuple[str, str] | None:
    """Split `word` where the paged render would (standins.pdf_render.hyphenation_cuts), its head
    with the hyphen at most `room` characters."""
    cut = next((cut for cut in hyphenation_cuts(word) if cut + 1 <= room), None)
    return (f"{word[:cut]}-", word[cut:]) if cut is not None else None


def hyphen_wrapped(text: str, width: int = HYPHENATED_WIDTH) -> str:
    """Return the text with every line wrapped at `width`, long words hyphenated at line ends."""

    def wrap_line(line: str) -> list[str]:
        out: list[str] = []
        current = ""
        words = line.split()
        while words:
            word = words.pop(0)
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width or not current:
                current = candidate
                continue
            split = _hyphenated(width - len(current) - 1, word)
            if split:
                out.append(f"{current} {split[0]}")
                words.insert(0, split[1])
                current = ""
            else:
                out.append(current)
                current = word
        return [*out, current] if current else out

    pages = text.split("\f")
    return "\f".join(
        "\n".join(wrapped for line in page.split("\n") for wrapped in wrap_line(line) or [line])
        for page in pages
    )


def flat_hyphenated(text: str) -> str:
    """Return the text run together per page ("flat"), then wrapped at 75 and hyphenated."""
    return hyphen_wrapped(flat(text))


SHAPES: dict[str, Callable[[str], str]] = {
    "flat": flat,
    "flatwrap": flat_wrapped,
    "flathyph": flat_hyphenated,
    "para": paragraphs,
    "wrap50": wrapped(50),
    "wrap40": wrapped(40),
}
