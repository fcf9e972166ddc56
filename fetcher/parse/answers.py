"""Answer documents: the repeated questions and the administration's answer to each. Pure.

Three layouts: each question followed by its answer (Landtag "Kleine Anfrage mit Antwort",
Nordstemmen Mitteilungsvorlagen), an "Antwort:" line after each question, and the questions
first with "Zu 1." / "Antwort zu Frage 1:" blocks after them. Without a split, the whole text is
the answer (preamble) and no question is invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.markers import join_item
from fetcher.parse.questions import question_items
from fetcher.parse.text import STOP_SECTION, join_lines, sentences
from fetcher.parse.wording import ANSWER_TO

_ANSWER_LABEL = re.compile(r"^(?:Antwort(?: der Verwaltung)?|Stellungnahme)\s*:\s*", re.I)
_END = re.compile(r"^(?:Anlage/n|Anlagen\b|Unterzeichnet|Mit freundlichen Grüßen|gez\.)")


def _split_question_answer(item: Sequence[str]) -> tuple[str, str]:
    lines = [line for line in item if line]
    for k, line in enumerate(lines):
        if _ANSWER_LABEL.match(line):
            rest = [_ANSWER_LABEL.sub("", line), *lines[k + 1 :]]
            return join_item(lines[:k]), join_lines(rest)
        answer_to = ANSWER_TO.match(line)
        if answer_to and k > 0:  # "Antwort zu Frage 1 und 2:" after the question
            rest = [re.sub(r"^[^:]*:\s*", "", line) if ":" in line else "", *lines[k + 1 :]]
            return join_item(lines[:k]), join_lines(rest)
    for k, line in enumerate(lines[:10]):
        if line.rstrip().endswith("?") and not (
            k + 1 < len(lines) and lines[k + 1].rstrip().endswith("?")
        ):
            return join_item(lines[: k + 1]), join_lines(lines[k + 1 :])
    text = join_lines(lines)
    cut = text.find("?")
    if cut >= 0:
        return text[: cut + 1], text[cut + 1 :].strip()
    first = sentences(text)[:1]
    question = first[0] if first else text
    return question, text[len(question) :].strip()


def _answer_blocks(lines: Sequence[str], start: int) -> dict[int, str]:
    """Return number → answer text of "Zu 1." / "Antwort zu Frage 1:" blocks after `start`."""
    blocks: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines[start:]:
        if _END.match(line):
            break
        match = ANSWER_TO.match(line)
        if match:
            current = int(match.group(1))
            blocks.setdefault(current, []).append(line[match.end() :].strip(" :.)"))
        elif current is not None:
            blocks[current].append(line)
    return {n: join_lines(text) for n, text in blocks.items()}


def _repeated_in_blocks(lines: Sequence[str], start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of "Zu 1." blocks that repeat their question before answering.

    "Zu 1. / Teilt die Verwaltung …? / Nein, …" (Karlsruhe Ortschaftsrat Stellungnahmen): the
    question runs to its "?" line. Blocks in order from 1, each asking, else none.
    """
    blocks: list[list[str]] = []
    for line in lines[start:]:
        if _END.match(line):
            break
        match = ANSWER_TO.match(line)
        if match and int(match.group(1)) == len(blocks) + 1:
            blocks.append([line[match.end() :].strip(" :.)")])
        elif blocks:
            blocks[-1].append(line)
    if len(blocks) < 2:
        return []
    pairs = []
    for block in blocks:
        asked = [x for x in block if x][:10]
        if not any(x.rstrip().endswith("?") for x in asked):
            return []
        pairs.append(_split_question_answer(block))
    return pairs


def find_answers(lines: Sequence[str], body_start: int) -> tuple[list[str], list[str], str]:
    """Return (questions, answers, preamble) of an answer document that repeats the questions."""
    body = max(body_start, 0)
    items = question_items(lines, body_start, trim=False)
    first_answer = next((i for i in range(body, len(lines)) if ANSWER_TO.match(lines[i])), None)
    if not items and first_answer is not None:
        repeated = _repeated_in_blocks(lines, first_answer)
        if repeated:
            return [q for q, _ in repeated], [a for _, a in repeated], ""
    if not items:
        preamble: list[str] = []
        for line in lines[body:]:
            if STOP_SECTION.match(line) and preamble:
                break
            preamble.append(line)
        return [], [], join_lines(preamble)
    start = next((i for i in range(body, len(lines)) if lines[i] and items[0][0] in lines[i]), body)
    last = next(
        (i for i in range(len(lines) - 1, body - 1, -1) if lines[i] and items[-1][0] in lines[i]),
        start,
    )
    if first_answer is not None and first_answer > last:
        blocks = _answer_blocks(lines, first_answer)
        questions = [join_item(item) for item in items]
        answers = [blocks.get(n, "") for n in range(1, len(items) + 1)]
        return questions, answers, join_lines(lines[body:start])
    questions, answers = [], []
    for item in items:
        question, answer = _split_question_answer(item)
        questions.append(question)
        answers.append(answer)
    return questions, answers, join_lines(lines[body:start])
