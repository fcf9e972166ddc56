"""Whether the text below a question replies to it, or justifies an inquiry. Pure.

An answer repeats the questions and states a reply below each one; an inquiry's questions are
followed by the next question or by the justification. content_kind weighs these readings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A sentence's end after a word ("… im Bestand des Bauhofs."), not a list item's number ("1.").
_SENTENCE_END = re.compile(r"[a-zäöüß]{2}[.!](?:\s|$)|^Siehe\s")


# The next item of a list run on after an answer: "… keine Reinigung durch. a) Wie häufig …",
# "… 108 Personen 1.2 Wie viele Anträge …" (a sub-question the answer reader left inside it).
_NEXT_ITEM = re.compile(r"(?<=[.!\w)]\s)(?:\d{1,2}(?:\.\d{1,2})+\.?|[a-h]\))\s+(?=[A-ZÄÖÜ])")


def declarative(answer: str) -> bool:
    """Whether an answer text states: a few words, a sentence ended, no question of its own
    before the next sub-item ("1.2", "a)") that runs on after it."""
    item = _NEXT_ITEM.search(answer)
    stated = answer[: item.start()] if item else answer
    return len(stated.split()) >= 4 and "?" not in stated and bool(_SENTENCE_END.search(stated))


REPLY_WORDS = 40  # a reply below the last question: a paragraph, not a note


# Where the text after an inquiry's last question turns to its justification or its signature.
_AFTER_ASKING = re.compile(
    r"(?<![\w-])(?:Begründung|Sachverhalt|Erläuterung\w*)\s*:|\bMit\s+freundlichen\s+Grüßen\b"
    r"|\bunterzeichnet\s+von\b",
    re.I,
)


def after_last_question(text: str) -> str:
    """Return the text after the last question mark, up to a justification's heading or a
    signature (the whole of it in a page run together, where no item is read)."""
    end = text.rfind("?")
    if end < 0:
        return ""
    tail = text[end + 1 :]
    cut = _AFTER_ASKING.search(tail)
    return tail[: cut.start()] if cut else tail


def interleaved(answers: Sequence[str]) -> int:
    """Return how many questions but the last are followed by declarative text (their answers);
    an inquiry's last question may be followed by its justification, which answers nothing."""
    return sum(declarative(a) for a in answers[:-1])


# A justification under its own heading.
_JUSTIFIED = re.compile(r"(?<![\w-])(?:Begründung|Sachverhalt\s*/\s*Begründung)\s*:", re.I)


def justifies(text: str) -> bool:
    """Whether the text holds an inquiry's justification heading: before its questions, or
    right below them; not below a long reply to the last question (a "Begründung:" cell in the
    table of an answer's annex)."""
    heading = _JUSTIFIED.search(text)
    if heading is None:
        return False
    asked = text.rfind("?", 0, heading.start())
    between = text[asked + 1 : heading.start()] if asked >= 0 else ""
    return not (declarative(between) and len(between.split()) >= REPLY_WORDS)
