"""List labels whose sequence runs on over paragraphs and pages of printed lines. Pure.

A run-together text printed to a PDF comes back as lines filled to the page's width, its list
labels inside them ("… eingestellt. 1." / "Welche Landes-Investitionsmittel …"). The relining
pass (fetcher.parse.relines) breaks a paragraph before a list label only where the label belongs
to a sequence: two labels in the paragraph, or the one the lines above expect. A list whose items
each hold a long answer puts "1." in one paragraph (or on one page) and "2." in the next, so
neither paragraph holds two. Read over the whole document, as the same text run together into one
line is read, the labels do form a sequence: its first label is expected from the start.
"""

from __future__ import annotations

from collections.abc import Sequence

from fetcher.parse.reline_labels import LABEL, label_style, list_cuts

MAX_DOCUMENT_CHARS = 400_000  # beyond this a document is a report, not a paper with a list


def first_labels(pages: Sequence[str]) -> dict[str, int]:
    """Return per label style the first label of the document's first list read over all its
    lines run together: the label expected before any line has been read."""
    text = " ".join(" ".join(page.split()) for page in pages)[:MAX_DOCUMENT_CHARS]
    firsts: dict[str, tuple[int, int]] = {}  # style → (position, value)
    for start in list_cuts(text, {}, set()):
        match = LABEL.match(text, start)
        if match is None:
            continue
        style, value = label_style(match)
        if style not in firsts or start < firsts[style][0]:
            firsts[style] = (start, value)
    return {style: value for style, (_, value) in firsts.items()}
