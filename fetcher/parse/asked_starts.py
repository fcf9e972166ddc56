"""Where a question starts in an asking paragraph that a head or a lead-in runs into. Pure.

An answer repeats a question as a paragraph of its own; when the page's lines run together, the
letterhead, the subject or a lead-in quoting the question runs into it with no sentence's end
between: "Stadt Oberwil Der Oberbürgermeister Einwohnerfrage von Frau K. vom 14.03.2024 Wird die
Buslinie 7 …?", "Frage von Herrn Müller: Wann wird …?". The question starts at the first word that
opens asking with a capital right after a colon or a number (a date, a paper's number), which a
question's own words never put there.
"""

from __future__ import annotations

import re

from fetcher.parse.asked_paragraphs import opens_asking

# A capitalised word after a colon or a number ending a date, a count or a paper's number.
_AFTER_HEAD = re.compile(r"(?:(?<=:)|(?<=\d))\s+(?=[A-ZÄÖÜ])")


def asked_start(text: str) -> int:
    """Return where the question of an asking paragraph starts after what ran into it, else 0."""
    for match in _AFTER_HEAD.finditer(text):
        if opens_asking(text[match.end() :]):
            return match.end()
    return 0
