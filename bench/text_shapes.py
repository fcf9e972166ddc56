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
Used by bench.parse_accuracy --shape and bench.parse_failures --shape.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

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


SHAPES: dict[str, Callable[[str], str]] = {
    "flat": flat,
    "flatwrap": flat_wrapped,
    "para": paragraphs,
    "wrap50": wrapped(50),
    "wrap40": wrapped(40),
}
