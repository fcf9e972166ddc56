"""Several unlabelled questions set in one line or paragraph: where each of them opens. Pure.

A question list without labels is printed one question per line ("Wir fragen die Verwaltung:" /
"Wie viele …?" / "Bis wann …?"), but a word processor or a web page sets them as one paragraph,
and a writer who does not number them may too: "Wie viele Taubenhäuser betreibt die Stadt? Wie
viele Eier werden dort jährlich ausgetauscht? Gibt es Pläne für weitere Taubenhäuser?". Each
sentence that is itself a full question (it ends in "?" and opens with an interrogative or its
verb, "Und"/"Oder" before them allowed) opens a new question, as a new line would. What asks on
from the question before it stays with it: a conditional follow-up ("Falls nein, warum nicht?",
"Und wenn ja, welche?") and any sentence that does not open asking ("Bitte nach Stadtteilen
aufschlüsseln."). Read only in a paragraph that ends in "?" (a run of questions, not a page run
together), and only where no label numbers the questions: in a labelled item, several question
sentences are one question (the hand-read dev labels count the item, Niedersachsen Landtag
"11253": "1. Wie groß …? Wie groß …? Wie groß …?" is one).
"""

from __future__ import annotations

import re

from fetcher.parse.asked_openings import opens_asking
from fetcher.parse.text import sentences
from fetcher.parse.unmarked_lines import FOLLOW_UP

# A paragraph that ends asking: its last sentence closes with "?" (a quote or bracket after it).
_ENDS_ASKING = re.compile(r"\?[\"“”)»]?\s*$")
# A conjunction before an asking sentence's opening ("Und wofür …?", "Oder wird …?").
_JOINED = re.compile(r"^(?:Und|Oder|Sowie)\s+(?=\S)")
MAX_RUN_CHARS = 3000  # a paragraph of questions; a page run together is longer


def opens_question(sentence: str) -> bool:
    """Return True if a sentence is a full question of its own: it ends in "?" and opens asking
    ("Wie viele …?", "Gibt es …?", "Und wofür …?"), not asking on from the one before it ("Falls
    nein, warum nicht?", "Und wenn ja, welche?")."""
    if not _ENDS_ASKING.search(sentence) or FOLLOW_UP.match(sentence):
        return False
    return opens_asking(_JOINED.sub("", sentence, count=1))


def asked_runs(line: str) -> list[str]:
    """Return a line that holds several full questions cut before each after the first, else
    [line].

    The line is read from "?" to "?": each stretch whose sentence opening it, or following a
    statement in it ("Bitte begründen. Bis wann …?"), is a full question opens a piece there;
    the words before the first full question stay in the first piece (a wrapped question's end,
    a lead-in); a follow-up or a statement after a question stays in that question's piece.
    """
    if len(line) > MAX_RUN_CHARS or line.count("?") < 2 or not _ENDS_ASKING.search(line):
        return [line]
    pieces: list[str] = []
    at = 0
    for mark in [*_AFTER_ASKED.finditer(line), None]:
        stretch = line[at : mark.end() if mark else len(line)].strip()
        at = mark.end() if mark else len(line)
        if not stretch:
            continue
        if not pieces:
            pieces.append(stretch)
            continue
        parts = sentences(stretch)
        opening = next((k for k in range(len(parts)) if opens_question(" ".join(parts[k:]))), None)
        if opening is None:
            pieces[-1] = f"{pieces[-1]} {stretch}"  # "Falls nein, warum nicht?"
            continue
        if opening:
            pieces[-1] = f"{pieces[-1]} {' '.join(parts[:opening])}"  # "Bitte begründen."
        pieces.append(" ".join(parts[opening:]))
    return pieces if len(pieces) > 1 else [line]


# The end of a question inside a line: its "?" (a closing quote or bracket after it) and space.
_AFTER_ASKED = re.compile(r"\?[\"“”)»]*\s+(?=\S)")


def with_follow_ups(questions: list[str]) -> list[str]:
    """Return a letter's prose questions with each conditional follow-up ("Falls nein, warum
    nicht?", "Und wenn ja, welche?") joined to the question before it, which it asks on from."""
    joined: list[str] = []
    for question in questions:
        if joined and FOLLOW_UP.match(question):
            joined[-1] = f"{joined[-1]} {question}"
        else:
            joined.append(question)
    return joined
