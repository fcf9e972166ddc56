"""Answer documents: split the repeated questions from the administration's answers. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.questions import list_marker, split_items, until_stop
from fetcher.parse.text import join_lines, sentences


def _split_question_answer(item: Sequence[str]) -> tuple[str, str]:
    lines = [line for line in item if line]
    for k, line in enumerate(lines[:10]):
        if line.rstrip().endswith("?"):
            return join_lines(lines[: k + 1]), join_lines(lines[k + 1 :])
    text = join_lines(lines)
    cut = text.find("?")
    if cut >= 0:
        return text[: cut + 1], text[cut + 1 :].strip()
    first = sentences(text)[:1]
    question = first[0] if first else text
    return question, text[len(question) :].strip()


def find_answers(lines: Sequence[str], body_start: int) -> tuple[list[str], list[str], str]:
    """Return (questions, answers, preamble) of an answer document that repeats the questions."""
    start = None
    for i in range(max(body_start, 0), len(lines)):
        marker = list_marker(lines[i])
        if marker and marker[0] == "num" and marker[1] == "1":
            start = i
            break
    if start is None:
        return [], [], join_lines(until_stop(lines, max(body_start, 0)))
    block: list[str] = []
    for line in lines[start:]:
        if re.match(r"^(?:Anlage/n|Anlagen\b|Unterzeichnet|Mit freundlichen Grüßen|gez\.)", line):
            break
        block.append(line)
    questions: list[str] = []
    answers: list[str] = []
    for item in split_items(block):
        question, answer = _split_question_answer(item)
        questions.append(question)
        answers.append(answer)
    return questions, answers, join_lines(lines[max(body_start, 0) : start])
