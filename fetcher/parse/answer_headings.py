"""Answer headings: a label that refers back to a question, above or before its answer. Pure.

An answer document heads each answer with a label that points back at the question it answers,
in whatever words the administration uses. What makes such a label is its structure, not one
fixed wording:
- a pointer back to a question's number: a referring word ("Zu", "Zur", "Ad", "Betr."), an
  answer word ("Antwort", "Beantwortung", "Stellungnahme") or both, an optional question word
  ("Frage", "Fragen", "Punkt", "Ziffer", "Nr."), then the number; one answer may cover several
  ("Zu 2. und 3.", "Antwort zu Frage 2 + 3:", "Zu den Fragen 2 bis 4:");
- a bare answer word ending in ":" ("Antwort:", "Beantwortung:", "Antwort der Verwaltung:",
  "Stellungnahme der Verwaltung:"): it answers the question right above it.
The heading stands alone on its line ("Zu 1.", "Ad 1.") or opens the answer's first line
("Antwort zu Frage 1: Die …", "Zu 1: Der …"); run on, it needs a ":" (or "." / ")" after the
number) before the answer. "Frage 1:" alone is a question's label, not an answer's.
The words are the German administrative ones (Latin "ad" included), a closed list as the
language gives it; the structure is the point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ANSWER_WORD = r"(?:Antwort|Beantwortung|Stellungnahme)(?:\s+(?:der|des)\s+\w+)?"
_REFER_WORD = r"(?:Zu|ZU|Zur|Ad|AD|ad)"
_QUESTION_WORD = r"(?:(?:den\s+|der\s+)?(?:[Ff]ragen?|Punkte?|Ziffer|Nr\.))"
_JOINT = rf"(?:\s*[.)]?\s*(?:\+|und|&|,|/|bis|-|–)\s*(?:{_QUESTION_WORD}\s*)?(\d{{1,2}}))?"
# A pointer back to a question's number, heading its answer: group 1 the number, group 2 the
# last number of a joint answer. It ends the line or is followed by punctuation or a space
# (the reach of the earlier wording.ANSWER_TO, which this replaces).
NUMBERED_ANSWER = re.compile(
    rf"^(?:{_ANSWER_WORD}(?:\s+(?:zu|zur|auf))?|{_REFER_WORD})\s+(?:{_QUESTION_WORD}\s*)?"
    rf"(\d{{1,2}}){_JOINT}\s*(?:[.:)]|$|\s)"
)
# The words of an answer heading before its number, as the relining pre-pass looks for them in a
# run-together line ("… statt? Ad 1. In der …", "… Zu Frage 2: …", "… Antwort 3: …").
RUN_IN_WORDS = r"(?:(?:Antwort|Beantwortung)\s+(?:zu\s+)?|[Zz]u\s+|A[dD]\s+)(?:[Ff]rage\s+)?"
_HEADING_END = re.compile(r"\s*[a-z]?\)?\s*[.:)]{0,2}\s*")
# Bare: "Antwort:", "Beantwortung:", "Stellungnahme der Verwaltung:".
BARE_ANSWER = re.compile(rf"^{_ANSWER_WORD}\s*:\s*", re.I)


def answer_heading(line: str) -> tuple[int | None, int | None, int] | None:
    """Return (first number, last number, end) of an answer heading opening `line`, else None.

    The numbers are None for a bare answer word ("Antwort:"); `end` is where the answer's own
    text starts on the line (its length when the heading stands alone).
    """
    text = line.lstrip()
    offset = len(line) - len(text)
    match = NUMBERED_ANSWER.match(text)
    if match:
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        number_end = match.end(2) if match.group(2) else match.end(1)
        tail = _HEADING_END.match(text, number_end)
        return first, max(first, last), offset + (tail.end() if tail else number_end)
    bare = BARE_ANSWER.match(text)
    if bare:
        return None, None, offset + bare.end()
    return None


def without_heading(answer: str, number: int | None = None) -> str:
    """Return an answer's text without the heading it opens with ("Zu 1. Die …" → "Die …").

    A numbered heading goes only when it names `number` (or a run that includes it); a bare
    answer word always goes; the answer is left whole when what follows starts in lower case
    (a heading read only in part: "Zu 3 b) und c) Gibt es …").
    """
    heading = answer_heading(answer)
    if heading is None:
        return answer
    first, last, end = heading
    if first is not None and number is not None and not (first <= number <= (last or first)):
        return answer
    rest = answer[end:].lstrip()
    return answer if rest[:1].islower() else rest  # "Zu 3 b) und c) …": more heading than read


_JOINT_PLAIN = _JOINT.replace("(\\d", "(?:\\d")  # the same, capturing nothing
# A heading run into the text before it (a page or paragraph in one line): after a sentence's
# end, "Zu 1." / "Ad 2:" / "Antwort zu Frage 3:" / "Antwort:" opening the next sentence; or
# after a page number that opens the line ("3 Zu 9. Bei der …": the page's number run into it).
_RUN_IN = re.compile(
    r"(?:(?<=[.?!:\"“”)])|(?<=^\d)|(?<=^\d\d)|(?<=^\d\d\d))\s+(?=(?:"
    rf"(?:{_ANSWER_WORD}(?:\s+(?:zu|zur|auf))?|Zu|ZU|Zur|Ad|AD)\s+(?:{_QUESTION_WORD}\s*)?"
    rf"\d{{1,2}}{_JOINT_PLAIN}\s*[.:)]{{1,2}}(?:\s|$)"  # "Zu 2.:"; "Zu 1." ending the line
    # "Zu Nr. 2 Nach …", "Zur Frage 2 Die …": a question word before the number, no stop after it
    rf"|(?:Zu|Zur)\s+{_QUESTION_WORD}\s*\d{{1,2}}{_JOINT_PLAIN}\s+(?-i:[A-ZÄÖÜ])"
    rf"|{_ANSWER_WORD}\s*:(?:\s|$)"  # "… verfahren?" Antwort:" at the line's end too
    r"))"
)


# A dot that ends an abbreviation, not a sentence: "vgl.", "s.", "bzw.", "z. B.".
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Za-zäöü]|vgl|bzw|ggf|ca|Nr|Dr|Prof|Abs|Art|inkl|evtl|sog|Str|St|etc|bspw"
    r"|i\.\s?V\.\s?m|o\.\s?g|z\.\s?B|u\.\s?a|d\.\s?h)\.$",
    re.I,
)
_ABBREVIATION_CHARS = 16  # more than its longest match (" i. V. m." is 9 characters)


def split_run_in_headings(lines: Sequence[str]) -> list[str]:
    """Return the lines with each answer heading run into a line moved to a line of its own start.

    "… in Dresden?" Zu 1. Die Konzessionen …" → "… in Dresden?"" / "Zu 1. Die Konzessionen …":
    the heading then heads its answer as in a printed layout. Only after a sentence's end, so
    "siehe Antwort zu Frage 1." in prose stays.
    """
    out: list[str] = []
    for line in lines:
        start = 0
        for match in _RUN_IN.finditer(line):
            # the abbreviation ends right before the heading: a short window, not the whole line
            # again for every heading (10,000 "Antwort zu 1:" on one line were quadratic)
            window = max(match.start() - _ABBREVIATION_CHARS, 0)
            if not _ABBREVIATION.search(line, window, match.start()):  # "vgl. Antwort zu Frage 8."
                out.append(line[start : match.start()])
                start = match.end()
        out.append(line[start:])
    return out
