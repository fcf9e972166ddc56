"""How strongly a run of list items reads as a question list. Pure.

fetcher.parse.questions finds every run of consecutively labelled items; each run is scored here by
how many of its items read as questions ("?", an interrogative opening, "ob …", sub-questions under
a lead-in ending in ":") and by a lead-in just above it ("Wir fragen die Verwaltung:", "… wird um
Auskunft gebeten, wie …").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.ask_signals import asking_signal
from fetcher.parse.markers import LINE_CHARS, OUTLINE, lines_before, lines_from
from fetcher.parse.wording import INTRO, list_marker, question_signal


def _has_intro_before(lines: Sequence[str], start: int, *, strict: bool = False) -> bool:
    """Return True if a lead-in ("Wir fragen die Verwaltung:") stands right above a list.

    The lead-in may be wrapped over the lines above ("Vor diesem Hintergrund fragen wir" /
    "die Verwaltung:"): it is read in each line and in the lines joined.
    """
    before = lines_before(lines, start, 2 * LINE_CHARS)[-3:]
    if not strict and any(line.rstrip().endswith(":") for line in before[-2:]):
        return True
    return any(INTRO.search(line) for line in [*before[-2:], " ".join(before)])


_ASKS = re.compile(
    r"\b(?:um\s+(?:\w+\s+)?(?:Auskunft|Beantwortung)|Auskunft\s+(?:darüber|zu)|bitten\s+(?:wir|ich)\s+um\s+"
    r"(?:\w+\s+)?(?:Beantwortung|Auskunft|Darstellung|Information|Aufklärung)|fragen\s+(?:wir|ich))\b"
    r"[^.?]*(?:\b(?:wie|ob|welche\w*|wann|wo|warum|inwieweit|inwiefern|in\s+welche\w*)\b"
    r"[^.?]*|:)\s*$",
    re.I,
)


# A resolution heading or a motion's lead-in: "Beschlussvorschlag:", "Der Gemeinderat beschließt:",
# "Der Stadtrat möge beschließen:", "Wir beantragen,", "stellen wir den Antrag, … durchzuführen:".
# Its numbered items are what the council is to resolve, never questions to answer, even where an
# item asks ("- Wie viele Räume werden … benötigt?" as the scope of a survey, Grötzingen 2021).
_RESOLUTION_HEADING = re.compile(
    r"(?:Beschluss(?:vorschlag|antrag|empfehlung|text)?|Antrag)\s*:?", re.I
)
_RESOLUTION = re.compile(
    r"\bbeschlie(?:ß|ss)(?:t|en)\s*:$"
    r"|\b(?:(?:wir|ich)\s+beantragen|beantrag(?:en|t)\s+(?:wir|ich)|"
    r"stell(?:en|e)\s+(?:wir|ich)\s+(?:hiermit\s+)?(?:den|folgenden)\s+Antrag)\b[^.?!]*[:,]$",
    re.I,
)
# What a motion's lead-in never names: the questions or the information it asks for.
_ASKED_FOR = re.compile(r"Frage|Auskunft|Beantwortung|Stellungnahme", re.I)


def under_resolution(lines: Sequence[str], start: int) -> bool:
    """Return True if a list stands right below a resolution heading or a motion's lead-in
    that does not ask ("Beschlussvorschlag:", "Wir beantragen,")."""
    before = [line.strip() for line in lines_before(lines, start, 2 * LINE_CHARS)]
    text = " ".join([line for line in before if line][-2:])
    last = re.split(r"(?<=[.?!])\s+", text)[-1].strip()
    if before and _RESOLUTION_HEADING.fullmatch(before[-1]):
        return True
    return bool(_RESOLUTION.search(last)) and not _ASKED_FOR.search(last)


def asks_for_items(lines: Sequence[str], start: int) -> bool:
    """Return True if the two lines before a list ask a question the items complete."""
    before = lines_before(lines, start, 2 * LINE_CHARS)
    return bool(before) and bool(_ASKS.search(" ".join(before)))


def own_text(item: Sequence[str]) -> str:
    """Return an item's first lines up to its first sub-item (a)-e) under "2." are not "2.")."""
    own: list[str] = []
    for k, line in enumerate(lines_from(item, 0, 4 * LINE_CHARS)):
        if k > 0 and list_marker(line):
            break
        own.append(line)
    return " ".join(own)


def item_signal(item: Sequence[str]) -> float:
    """Return how much an item reads as a question; a lead-in ending in ":" reads its sub-items.

    "2. Falls 1. mit Nein beantwortet wird: a) Warum nicht? b) …" (Karlsruhe 2022/2202) is a
    question through its sub-questions.
    """
    own = own_text(item)
    signal = asking_signal(own)  # "?", an interrogative, a request, a question in a later clause
    if signal:
        return signal
    # twelve lines' worth of characters, at most 36 lines (a chart's column of short numbers)
    head = lines_from(item, 0, 12 * LINE_CHARS)[:36]
    if len(item) > 1:
        if own.rstrip().endswith(":"):
            signal = question_signal(" ".join(lines_from(item, 0, 8 * LINE_CHARS)))
        else:  # "1. <statement>. a) Wie …? b) Wie …?" (Karlsruhe 2016/0622)
            for k, line in enumerate(head):
                # a sub-question, it may wrap; "1.1 Wie viele …" below a topic "1. Fälle in …"
                # asks without "?" too (Karlsruhe 2025/0900 typed with "." ends)
                child = list_marker(line) or _outline_child(line)
                if k and child:
                    part = " ".join([child[2], *lines_from(head, k + 1, 2 * LINE_CHARS)])
                    signal = max(signal, asking_signal(part))
                    if signal == 1.0:
                        break
    if not signal and any(line.rstrip().endswith("?") for line in head):
        signal = 0.6  # "A. <statements> … Hat sich damit …?": a paragraph that ends asking
    return signal


def _outline_child(line: str) -> tuple[str, str, str] | None:
    """Return ("num", its first number, its text) of a decimal outline label ("1.1 Wie …")."""
    match = OUTLINE.match(line)
    return ("num", match.group(1), line[match.end() :]) if match else None


def asks_or_heads(item: Sequence[str]) -> bool:
    """Return True if an item asks itself or is a topic heading ("6. Miethöhe") over its parts.

    A section of prose ("I. Am 26.02.2019 hat sich … erklärt.") above restarting numbers is no
    parent: its numbered parts are the questions (Karlsruhe 2019/1329).
    """
    own = own_text(item).strip()
    return bool(question_signal(own)) or (len(own.split()) <= 10 and not own.endswith("."))


def score_run(
    items: Sequence[Sequence[str]], lines: Sequence[str], start: int, *, strict: bool = False
) -> float:
    """Return how strongly a list run (its items, its first line `start`) reads as a question list;
    0 when it does not (strict: only after a lead-in)."""
    signals = [item_signal(item) for item in items]
    if not signals:
        return 0.0
    if under_resolution(lines, start):
        return 0.0
    intro = _has_intro_before(lines, start, strict=strict)
    asking = intro and _has_intro_before(lines, start, strict=True)
    if asks_for_items(lines, start) or asking:
        # "… wird um Auskunft gebeten, wie … 1. die Versorgung … 2. …": the lead-in asks, the items
        # complete its question (Karlsruhe 2022/…); each counts as a question. So does each item
        # under a lead-in that asks for answers ("Wir fragen die Verwaltung:", "Fragen:"), "?" or
        # not (a "." typed for it, a noun phrase, a request).
        signals = [max(signal, 0.6) for signal in signals]
    mean = sum(signals) / len(signals)
    if strict and not intro:
        return 0.0
    first = list_marker(lines[start])
    # "4. Nach den Angaben …" with its own "4.1 Liegen …?", "4.2. Falls ja: …?" below is one
    # question with its sub-questions, whatever its number (Karlsruhe 2018/0487, asked again).
    parent = bool(first and first[0] == "num" and _asks_in_children(items[0], first[1]))
    if len(signals) == 1 and first and first[0] == "num" and first[1] != "1" and not parent:
        # one item numbered "10." is a value ("10. Plenarsitzung" below "TOP:", Karlsruhe
        # 2015/0002), not a list that starts above 1 ("5. … 6. …" has at least two items)
        return 0.0
    lone = len(signals) == 1 and not parent and not (intro and signals[0] == 1.0)
    if mean < 0.5 or lone:
        return 0.0
    # A question list opens with a question: a run whose first item is a statement ("1. Einstiegs-
    # amt …" wrapped inside an answer) loses against the list it borrowed its later items from.
    opening = 0.0 if signals[0] > 0 else -1.5
    # A lead-in that asks ("In diesem Kontext frage ich:") outweighs a plain label ending in ":"
    # ("Zusammenstellung bekannter Probleme:" over bullets that half ask; Grötzingen 2025).
    return sum(signals) + (2.0 if intro else 0.0) + (2.0 if asking else 0.0) + mean + opening


def _asks_in_children(item: Sequence[str], number: str) -> bool:
    """Return True if an item holds at least two decimal children of its own number that ask."""
    asking = 0
    for line in item:  # stops at the second: an item may hold hundreds of lines
        if (label := OUTLINE.match(line)) and label.group(1) == number and question_signal(line):
            asking += 1
            if asking == 2:
                return True
    return False
