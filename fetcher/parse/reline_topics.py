"""Topic headings run into the list items under them, for the relining pre-pass. Pure.

A question list grouped by topic prints a short heading above an item ("Zum Zustand der
Gebäude:" / "1. Wie …?" / "Zu den Kosten" / "2. Welche …?"; bold, with or without a colon). Run
together, the heading stands between the last question's "?" and the next label ("… registriert?
Zu den Kosten 2. Wie viele …?"), and the question finder read it as the end of that question.
What makes it a heading is its structure: a few words after a sentence end that neither end a
sentence nor ask, then a number label before a capital; and the labels under such headings count
on by one (1, 2, 3 …), or the heading opens a paragraph whose item asks. The heading and the
label each start a line, as printed.
"""

from __future__ import annotations

import re

from fetcher.parse.wording import ASKING_OPENING, question_signal

# A heading of one to six words (no sentence end inside) after a sentence end (also one closing a
# remark in brackets or a quotation: "… mit ein.) Zu den Kosten 2."), then a closed number label
# and a capital.
_TOPIC = re.compile(
    r"(?:^|(?<=[.?!:]\s)|(?<=[.?!:][)\"“”]\s))(?P<head>[A-ZÄÖÜ][^\s.?!:;]*(?:\s+[^\s.?!:;]+){0,5}):?"
    r"\s+(?P<label>(?P<num>\d{1,2})(?:\.\)|\.:|[.):]))\s+(?=[„\"A-ZÄÖÜ])"
)
# A word that names the number after it ("Frage 2:", "Punkt 3:", "F 1:", "Zu 2.", "Antwort zu
# 1."): a label or an answer's heading, no topic.
_NAMING_WORD = re.compile(
    r"(?:^|\s)(?:Frage|Fragen|Punkt|Punkte|F|Nr|Nummer|Ziffer|Teil|Abschnitt|Anlage|Seite"
    r"|[Zz]u|ZU|Ad|Antwort)$"
)
# A number joined to the label's ("Frage 2 + 3:", "Zu 4 und 5.", "Fragen 6 bis 8:"): a heading
# that answers or names several items, no topic.
_JOINED_NUMBER = re.compile(r"\d{1,2}[a-z]?\s*(?:\+|&|und|bis|sowie|[-–,/])$")
# A label right before the words ("II. Einzelfragen 1. …"): its own heading (reline_runs).
_LABEL_BEFORE = re.compile(r"(?<!\S)(?:[IVX]{1,4}|[A-Za-z]|\d{1,2})(?:\.\)|[.)])\s+$")
_ITEM_CHARS = 80  # how much of an item is read to see it ask


def topic_cuts(line: str) -> set[int]:
    """Return where topic headings run into their items start, and where the labels under them
    start (see the module): a run of two or more counting on, or one at the line's start."""
    found = [
        match
        for match in _TOPIC.finditer(line)
        if not question_signal(match["head"])
        and not _NAMING_WORD.search(match["head"])
        and not _JOINED_NUMBER.search(match["head"])
        and not _LABEL_BEFORE.search(line, max(0, match.start() - 8), match.start())
        and question_signal(line[match.end() : match.end() + _ITEM_CHARS]) >= ASKING_OPENING
    ]
    cuts: set[int] = set()
    for k, match in enumerate(found):
        value = int(match["num"])
        before = k > 0 and int(found[k - 1]["num"]) + 1 == value
        after = k + 1 < len(found) and int(found[k + 1]["num"]) == value + 1
        if before or after or match.start() == 0:
            cuts.update((match.start(), match.start("label")))
    return cuts
