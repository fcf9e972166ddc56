"""Questions and answers each under a label of its own, the two labels alternating. Pure.

An answer paper may set every repeated question under a question label and every answer under an
answer label: "Frage zu 1.: … / Antwort zu 1.: …", "Frage 1: … / Antwort 1: …", "F1: … / A1: …", "F:
… / A: …" (an interview's initials). What makes the layout is the alternation: a question label,
then an answer label, then the next question label …, the numbers (where printed) counting from 1
and the answer's number the question's. The text is read as one string, so a page run together into
one line (or a paragraph) splits as the printed lines do. An unnumbered "Frage:" / "Antwort:" pair
is read by fetcher.parse.quoted_pairs; a question label without an answer label after it ("Frage 1:"
then the answer's prose) by fetcher.parse.answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import join_lines

MIN_PAIRS = 2
MAX_QUESTION_CHARS = 1500  # a question longer than this is no question's text
# A label: the question word or its initial, an optional "zu" and the number; a colon after it.
# It stands after a space or at a line's start: a head run together into one line ("… Betreff:
# Winterdienst F: Welche …?") does not end in a sentence's end before the first label.
_WHERE = r"(?<!\S)"
_NUMBER = r"(?:\s*(?:zu\s+)?(?P<n>\d{1,2})\s*[.)]?)"
_ANSWER_NUMBER = _NUMBER.replace("?P<n>", "?P<m>")
_LABEL = re.compile(
    rf"(?m){_WHERE}(?:(?P<q>Frage|F){_NUMBER}?|(?P<a>Antwort|A){_ANSWER_NUMBER}?)\s*:(?=\s)"
)
# Where the last answer ends: the letter's closing, a signature, the attachments.
_END = re.compile(
    r"(?m)^\s*(?:Anlage/n|Anlagen\b|Unterzeichnet)|\bMit freundlichen Grüßen\b"
    r"|\bFreundliche Grüße\b|(?<!\S)gez\.\s"
)


def _text(piece: str) -> str:
    return join_lines(piece.split("\n"))


_QUOTED = re.compile(r"^[„\"»](?P<inner>[^„“”\"»«]*)[“”\"«]$")


def _unquoted(question: str) -> str:
    """Return a question without the quotation marks enclosing it whole („Wie viele …?“)."""
    quoted = _QUOTED.match(question)
    return quoted.group("inner").strip() if quoted else question


def _opens_question(match: re.Match[str], number: int, before: Sequence[re.Match[str]]) -> bool:
    """Whether a label opens question `number`: a question label, numbered so (or, initials
    only, unnumbered as the first one was)."""
    word, printed = match.group("q"), match.group("n")
    if not word:
        return False
    if printed is not None:
        return int(printed) == number and (not before or before[0].group("n") is not None)
    # "F:" unnumbered; "Frage:" / "Antwort:" is fetcher.parse.quoted_pairs' layout
    return len(word) == 1 and (not before or before[0].group("n") is None)


def _answers(match: re.Match[str], asked: re.Match[str]) -> bool:
    """Whether a label answers the question label `asked`: initials pair with initials, words
    with words ("F:" / "A:", "Frage 1:" / "Antwort 1:"), the number (where printed) the same."""
    word, printed = match.group("a"), match.group("m")
    if not word or (len(word) == 1) != (len(asked.group("q")) == 1):
        return False
    return printed is None or printed == asked.group("n")


def labelled_alternation(lines: Sequence[str]) -> list[tuple[str, str]]:
    """Return (question, answer) of questions and answers under alternating labels, else [].

    The whole text is read: the first question label marks where the head ends (a subject line
    run together with it, "Betreff: Winterdienst F: Welche …?", is no part of the question).
    """
    text = "\n".join(lines)
    # question and answer labels alternate, numbered from 1 (where numbered); a label out of
    # turn ("siehe Frage 3:" inside an answer) is the text's own, and a question label that
    # no answer label follows before the next one opened no question (a letterhead's fax "F:")
    labels: list[re.Match[str]] = []
    for match in _LABEL.finditer(text):
        number = len(labels) // 2 + 1  # of the question to open, or the one open
        if len(labels) % 2 == 0:
            if _opens_question(match, number, labels):
                labels.append(match)
        elif _answers(match, labels[-1]):
            labels.append(match)
        elif _opens_question(match, number, labels[:-1]):
            labels[-1] = match
    if len(labels) < 2 * MIN_PAIRS:
        return []
    labels = labels[: len(labels) - len(labels) % 2]
    pairs: list[tuple[str, str]] = []
    for k in range(0, len(labels), 2):
        asked, answered = labels[k], labels[k + 1]
        if k + 2 < len(labels):
            stop = labels[k + 2].start()
        else:  # the last answer ends at the letter's closing
            end = _END.search(text, answered.end())
            stop = end.start() if end else len(text)
        question = _unquoted(_text(text[asked.end() : answered.start()]))
        answer = _text(text[answered.end() : stop])
        if not question or len(question) > MAX_QUESTION_CHARS:
            return []
        pairs.append((question, answer))
    asking = sum(1 for question, _ in pairs if "?" in question)
    if asking * 2 < len(pairs) or sum(1 for _, answer in pairs if answer) < MIN_PAIRS:
        return []
    return pairs
