"""Questions quoted inside the answer headings that point back at them. Pure.

An answer letter may repeat each question only inside the heading of its answer, enclosed after the
question's number: "Zu Frage 1 (Wie viele Kinder …?):", "Zu 1. „Wie viele …?“", "Frage 1 – Wie viele
…? –", "Antwort zu Frage 2 ("Wann …?"):". What makes the layout is its structure: a pointer back to
a question's number (a referring or answer word, or "Frage"), then the question enclosed in
brackets, quotation marks or dashes, asking ("?", a request may follow it), then the answer up to
the next such heading; the numbers count from 1. The text is read as one string, so a page run
together into one line reads as its printed lines do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import join_lines

MIN_HEADINGS = 2
MAX_QUESTION_CHARS = 600
# The pointer back to the question: "Zu (Frage) 1", "Ad 1", "Antwort zu (Frage) 1", "Frage 1".
_POINTER = r"(?:(?:(?:Antwort|Beantwortung)\s+zur?\s+|Zu\s+|ZU\s+|Ad\s+)(?:Frage\s+)?|Frage\s+)"
# The enclosed question: up to its last "?", and a request after it ("…? Bitte nach Jahren
# aufschlüsseln."), within the enclosing marks; the request holds no "?", so each "?" is tried
# once (linear in the enclosed text).
_ASKED = rf"{{3,{MAX_QUESTION_CHARS}}}?\?"
_AFTER = r"{0,300}?"
# Inside brackets: no bracket, pairs of its own ("Wie viele Konzessionen (Inland und Ausland)
# gibt es …?"), list labels ("hinsichtlich a) Teilnahmegebühren, b) …").
_UNBRACKETED = r"(?:[^()]|\([^()]{0,300}\)|(?<!\S)\w{1,2}\)(?=\s))"
# Inside dashes: no dash standing between spaces (a hyphen inside a word, "Kita-Plätze", is the
# question's), so the question ends at the first dash that closes it.
_UNDASHED = r"(?:[^–—\s]|\s(?![–—-](?:\s|$)))"
_HEADING = re.compile(
    rf"(?<!\S){_POINTER}(?P<n>\d{{1,2}})\.?\s*:?\s*"
    rf"(?:\((?P<bracket>{_UNBRACKETED}{_ASKED}(?:(?!\?){_UNBRACKETED}){_AFTER})\s*\)"
    rf"|[„\"»](?P<quoted>[^„“”\"»«]{_ASKED}[^„“”\"»«?]{_AFTER})\s*[“”\"«]"
    rf"|[–—-]\s+(?P<dashed>{_UNDASHED}{_ASKED}(?:(?!\?){_UNDASHED}){_AFTER})\s[–—-](?!\S))"
    r"\s*[:.]?"
)
# Where the last answer ends: the letter's closing, a signature, the attachments.
_END = re.compile(
    r"(?m)^\s*(?:Anlage/n|Anlagen\b|Unterzeichnet)|\bMit freundlichen Grüßen\b"
    r"|\bFreundliche Grüße\b|(?<!\S)gez\.\s"
)


def _question(match: re.Match[str]) -> str:
    asked = match.group("bracket") or match.group("quoted") or match.group("dashed") or ""
    return join_lines(asked.split("\n"))


def heading_questions(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of answers headed by their question enclosed, else []."""
    text = "\n".join(lines[max(body_start, 0) :])
    headings: list[re.Match[str]] = []
    for match in _HEADING.finditer(text):
        if int(match.group("n")) == len(headings) + 1:
            headings.append(match)
    if len(headings) < MIN_HEADINGS:
        return []
    # a plain heading for the next number ("Zu 3.") after the last: the headings quote only some
    following = re.compile(rf"(?<!\S){_POINTER}{len(headings) + 1}(?!\d)")
    if following.search(text, headings[-1].end()):
        return []
    pairs: list[tuple[str, str]] = []
    for k, heading in enumerate(headings):
        if k + 1 < len(headings):
            stop = headings[k + 1].start()
        else:  # the last answer ends at the letter's closing
            end = _END.search(text, heading.end())
            stop = end.start() if end else len(text)
        pairs.append((_question(heading), join_lines(text[heading.end() : stop].split("\n"))))
    if sum(1 for _, answer in pairs if answer) < MIN_HEADINGS:
        return []
    return pairs
