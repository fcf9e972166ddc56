"""An answer section below an inquiry's questions, headed by who answers and on which date. Pure.

A paper may print the inquiry (its type line, the questions) and then the answer under a heading
of its own: "Antwort des Magistrats vom 10.04.2024:", "Stellungnahme der Verwaltung vom 3. Mai
2024:", "Beantwortung durch das Bürgermeisteramt vom 12.1.2024:". A paper holding the inquiry
and its answer is an answer, as the dev labels have it (the Landtag's "Kleine Anfrage … mit
Antwort", Karlsruhe's "Stellungnahme zur Anfrage" that repeats the questions). The heading's
structure: an answer word, who answers (a noun after an article or "durch"), the date after
"vom", a colon; not after a word in lower case on its line (then it is part of a sentence:
"wie in der Antwort des Magistrats vom …: …"); the answer states below it (no more questions
asked after it than before it: a follow-up inquiry quoting an earlier dated answer above its
questions asks again). An inquiry in prose may ask without a "?". The heading without a date
("Antwort der Verwaltung:") is form_fields.answered_below's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_DATE = r"\d{1,2}\.\s?(?:\d{1,2}\.\s?|[A-ZÄÖÜ][a-zäöü]+\s)\d{2,4}"
_HEADING = re.compile(
    r"(?<!\S)(?:Antwort|Beantwortung|Stellungnahme)\s+(?:de[rs]|durch\s+(?:den|die|das))"
    rf"\s+[A-ZÄÖÜ][\w-]*(?:\s+[\w-]+){{0,3}}?\s+vom\s+{_DATE}\s*:",
    re.M,
)
# The word before a heading run into the text: in lower case it is part of a sentence ("wie in
# der Antwort des Magistrats vom …:").
_WORD_BEFORE = re.compile(r"(\S+)\s*$")
_ANSWER_WORDS = 5  # words after the heading at least
_ANSWER_CHARS = 200  # where they are looked for


def dated_answer_below(lines: Sequence[str]) -> bool:
    """Whether a dated answer heading heads an answer: words after it, no more questions asked
    after it than before it."""
    text = "\n".join(lines)
    total = text.count("?")
    before, counted = 0, 0  # question marks before a heading, counted up to `counted`
    for match in _HEADING.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        word = _WORD_BEFORE.search(text, max(match.start() - 40, line_start), match.start())
        if word and word.group(1)[:1].islower():
            continue  # run into a sentence (a heading opening its line stands)
        before += text.count("?", counted, match.start())
        counted = match.start()
        words = text[match.end() : match.end() + _ANSWER_CHARS].split()
        if len(words) >= _ANSWER_WORDS and total - before <= before:
            return True
    return False
