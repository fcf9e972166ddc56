"""Answers that set each repeated question apart by quotation marks or a phrase, not a number. Pure.

An answer letter quotes the inquiry's questions without their numbers and answers each below it:
- in quotation marks: „Wie viele …?“ / "Wie viele …?" followed by the answer;
- after an introducing phrase: "Frage: … / Antwort: …", "Sie fragen: …", "Ihre Frage lautete:
  „…“", "Zu Ihrer ersten Frage: …", or quoted inside the answering sentence ("Auf Ihre Frage
  „…?“ antworte ich wie folgt: …").
What makes the layout is its structure: at least two questions, each opening where a line or a
sentence starts, each with the same kind of opener (a mark, or a phrase naming the question),
and an answer after the last one. The text is read as one string, so a page run together into one
line reads as its printed lines do. A quotation opened right after a list number ("1. „Wie …")
belongs to a numbered list, which fetcher.parse.answers reads.
An answer letter may also quote the inquiry whole first (its lead-in, the numbered questions, its
justification) and answer below its own salutation in one text (letter_after).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from fetcher.parse.answer_headings import BARE_ANSWER
from fetcher.parse.markers import (
    BULLET_SIGNS,
    CLOSED_LABEL,
    LABEL_WORD,
    LINE_CHARS,
    ORDINAL_LABEL,
)
from fetcher.parse.pattern_gates import gated
from fetcher.parse.question_tail import REQUEST
from fetcher.parse.text import join_lines, sentences
from fetcher.parse.wording import SALUTATION

# A phrase introducing a repeated question, ending in ":" (or before the quotation it introduces);
# fetcher.parse.asked_paragraphs takes it off the question it heads.
INTRO = (
    r"(?:(?:Zu|Zur|Auf)\s+(?:Ihre[rn]?|die|der|den)\s+(?:\w+\s+)?Frage(?:\s+lautet(?:e)?)?\s*:"
    r"|(?:Ihre|Die)\s+(?:\w+\s+)?Frage\s+lautet(?:e)?\s*:"
    r"|Sie\s+(?:fragen|fragten|möchten\s+wissen|wollen\s+wissen)\s*:"
    r"|Frage\s*:"
    r"|(?:Zu|Auf)\s+(?:Ihre[rn]?|die|der)\s+Frage(?=\s*[„\"»]))"
)
# An opener: a phrase, a quotation mark, or both (where one may stand: _opens_here).
# A phrase that addresses the asker or names the question's place opens one wherever it stands
# ("… durchführen zu können Sie fragen: …" in a page run together); a bare "Frage:" does not.
_NAMED = re.compile(r"(?!Frage\s*:)")
_ANSWER_LABEL = re.compile(r"(?<!\S)Antwort\s*:")
_ANSWER_LABEL = gated(_ANSWER_LABEL)  # the same matches, tried only where one can start
_MARK = r"(?:„(?=\w)|[\"»](?=[A-ZÄÖÜ]))"  # "„" opens whatever follows; '"' only a capital
_OPENER = re.compile(rf"(?<!\S)(?:(?P<intro>{INTRO})\s*(?P<mark>{_MARK})?|(?P<alone>{_MARK}))")
_OPENER = gated(_OPENER)  # the same matches, tried only where one can start
_NUMBERED_INSIDE = re.compile(rf"(?:^|[.?!:]\s+|\n\s*){CLOSED_LABEL}\s")
_ASIDE_CHARS = 160
_QUOTE_REACH = 3000  # characters
_RUN_TOGETHER = 150  # characters: longer than a printed line
_LAST_WORD = re.compile(r"(\S+)\s*$")
_CLOSE = {"„": '“”"', '"': '"', "»": "«"}
# A list label right before a quotation mark: "1.", "(1)", "1.)", "Frage 2:", "a)", "A.", "IV.",
# a dash or bullet ("1. „Wie …", "– „Wie …"): the quotation is a labelled list's item.
_LIST_NUMBER = re.compile(
    rf"(?:^|\n|[.?!:“”\"]\s)[ \t]*(?:{LABEL_WORD}?\(?\d{{1,2}}\s*"
    rf"(?:\.\)|\.:|\.[-–]|\.\s+Frage\s*:|[.):/])|{LABEL_WORD}\d{{1,2}}|{ORDINAL_LABEL}"
    rf"|\(?[A-Za-z][.)]|[IVX]{{1,4}}\."
    rf"|[-–*○{BULLET_SIGNS}]|o)$"
)
_END = re.compile(r"(?m)^\s*(?:Anlage/n|Anlagen\b|Unterzeichnet|gez\.)|\bMit freundlichen Grüßen\b")
# What the answering sentence says before its colon: "antworte ich (Ihnen) wie folgt:".
ANSWERING_LEAD_IN = re.compile(
    r"^[^.?!„\"]{0,60}?\b(?:antworte|beantworte|teile)\b[^.?!]{0,40}:\s*"
)


def _quotation_end(text: str, at: int, mark: str) -> int:
    """Return the index after the mark closing the quotation opened at `at`, else -1.

    Quotations inside it („… die „Haushaltsabgabe“ …“) pair up; the closing mark follows the
    sentence's end (".", "?", "!", ")"). A question is never longer than _QUOTE_REACH.
    """
    depth = 1
    for k in range(at + 1, min(len(text), at + _QUOTE_REACH)):
        char = text[k]
        if mark == "„" and char == "„":
            depth += 1
            if depth > 2:
                return -1  # quotations within quotations within a question: none is one
        elif char in _CLOSE[mark]:
            if depth > 1:
                depth -= 1
            elif text[k - 1] in ".?!)":
                return k + 1
            else:
                return -1  # a quoted name or term („Schulstreik“ am …), not a question
    return -1


_ASKED_RUN_ON = re.compile(r"\?[)\]\"“”'»«]*(?=\s)")


def _asked_end(text: str) -> int:
    """Return where the asking sentences opening `text` end (a request after them included)."""
    parts = sentences(text)
    end, asked = 0, False
    for part in parts:
        at = text.find(part, end)
        if at < 0:
            break
        if asked and part.startswith("("):  # "…? (Wenn ja, wann?) Eine …": the aside asks too
            close = part.find(")")
            end = at + close + 1 if 0 < close <= _ASIDE_CHARS else end
            break
        if part.rstrip(")]\"“”'»«").endswith("?") or (asked and REQUEST.match(part)):
            asked = True
            end = at + len(part)
            continue
        break
    if asked:
        return end
    if parts and (mark := _ASKED_RUN_ON.search(parts[0])):
        # "… fallen? § 45 SGB VIII regelt …", "… angeben)? 2021: 19 340": the answer opens with
        # what opens no sentence (a sign, a number, a table's lower-case cell) right after the "?"
        return text.find(parts[0]) + mark.end()
    return text.find(parts[0]) + len(parts[0]) if parts else len(text)


def _lines_text(text: str) -> str:
    return join_lines([line.strip() for line in text.split("\n")])


def _opens_here(text: str, start: int, phrase: bool) -> bool:
    """Return True if a question may open at `start`: at a line's start, after a sentence's
    end, or after a token that is no part of a sentence running on (a number, a table cell, a
    checkbox: a page run together into one line, "… 82,7 Sie fragen: …"). A phrase may also
    follow a capitalised word (a table's last cell, a page's running head: "… Uelzen Sie
    fragen: …"); a quotation mark after a word is a quotation inside the sentence."""
    before = text[max(0, start - 80) : start]
    if not before.strip() or "\n" in before[len(before.rstrip()) :]:
        return True
    word = _LAST_WORD.search(before)
    if word is None:
        return True
    last = word.group(1)
    if re.search(r"[.?!:“”\"»)]\d{0,2}$", last) or not any(char.isalpha() for char in last):
        return True
    return phrase and last[0].isupper() and last[-1] not in ",;"


def _after_list_number(text: str, start: int) -> bool:
    """Return True if a list label stands right before `start` ("1. „Wie …", "a) „…", "– „…")."""
    tail = text[max(0, start - 40) : start].rstrip()
    number = _LIST_NUMBER.search(tail)
    return number is not None and (number.start() > 0 or start <= 40)


def quoted_pairs(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of an answer setting its unnumbered questions apart, else []."""
    # a header line run together with the body (a page in one line) may hold the first question
    start = max(body_start, 0)
    if start and len(lines[start - 1]) > _RUN_TOGETHER:
        start -= 1
    text = "\n".join(lines[start:])
    closing = _END.search(text)
    text = text[: closing.start()] if closing else text
    # (opener's start, question's start, question's end, intro, mark) of every question
    found: list[tuple[int, int, int, bool, bool]] = []
    candidates = list(_OPENER.finditer(text))
    # "Frage: …" / "Antwort: …" in pairs: the labels stand wherever they are printed
    paired_labels = len(_ANSWER_LABEL.findall(text)) >= 2
    candidates = [
        m
        for m in candidates
        if m.group("alone")
        or _NAMED.match(m.group("intro"))
        or paired_labels
        or _opens_here(text, m.start(), True)
    ]
    if len(candidates) < 2:
        return []
    # an unquoted question asks up to the next phrase at the latest
    phrases = [m.start() for m in candidates if m.group("intro")]
    limits = [
        phrases[at] if (at := bisect_right(phrases, m.start())) < len(phrases) else len(text)
        for m in candidates
    ]
    for match, limit in zip(candidates, limits, strict=True):
        intro, mark = match.group("intro") or "", match.group("mark") or match.group("alone") or ""
        start = match.start()
        if mark and not intro and _after_list_number(text, start):
            return []  # "1. „Wie …": a labelled list's quoted item (fetcher.parse.answers)
        if found and start < found[-1][2]:
            continue  # inside the question before (a quotation within it)
        begin = match.end()
        if mark:
            end = _quotation_end(text, begin - 1, mark)
            if end < 0:
                continue
            if _NUMBERED_INSIDE.search(text[begin : end - 1]):
                return []  # „1. Wie …?“, „… Frage 1: Warum …?“: numbered, fetcher.parse.answers
            if "?" not in text[begin:end] and not intro:
                continue  # a quoted statement or a title, not a question
            if not intro and text[end - 2] != "?" and not _opens_here(text, start, False):
                continue  # inside a sentence only a whole question („Wie …?“) is one
        else:  # the asking sentences, up to where the next question opens at the latest
            end = begin + _asked_end(text[begin : min(limit, begin + 1500)].replace("\n", " "))
        found.append((start, begin, end, bool(intro), bool(mark)))
    if len(found) < 2 or len({f[3] for f in found}) != 1:  # all by a phrase, or all by marks
        return []
    pairs: list[tuple[str, str]] = []
    stops = [f[0] for f in found[1:]] + [len(text)]
    for (_, begin, end, _intro, mark), stop in zip(found, stops, strict=True):
        question = text[begin : end - 1] if mark else text[begin:end]
        answer = text[end:stop].strip()
        answer = ANSWERING_LEAD_IN.sub("", answer, count=1)
        answer = BARE_ANSWER.sub("", answer, count=1)
        pairs.append((_lines_text(question), _lines_text(answer)))
    if not pairs[-1][1] or sum(1 for _, answer in pairs if answer) * 2 < len(pairs):
        return []
    return pairs


def letter_after(lines: Sequence[str], last: int) -> str:
    """Return the text of a letter that starts with a salutation after line `last`, else "".

    Its lead-in ("Ihre Anfrage beantworte ich wie folgt:") is no part of the answer.
    """
    salutation = next((k for k in range(last + 1, len(lines)) if SALUTATION.match(lines[k])), None)
    if salutation is None:
        return ""
    body: list[str] = []
    for line in lines[salutation + 1 :]:
        if _END.search(line):
            break
        if line.strip():
            body.append(line)
    if body and body[0].rstrip().endswith(":") and len(body[0]) <= 2 * LINE_CHARS // 3:
        body = body[1:]
    return join_lines(body)
