"""Where a repeated question ends and its answer begins, inside one item. Pure.

An answer document repeats each question and answers below it: "Antwort:" or "Antwort zu Frage
1:" label the answer, else the question runs to its last "?" line (with a follow-up wrapped
narrower: "… orientiert?" / "Falls" / "ja, gilt …?"), or, in one line per paragraph, over the
sentences that ask. Used by fetcher.parse.answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.answer_headings import BARE_ANSWER, answer_heading
from fetcher.parse.markers import BULLET_SIGNS, LINE_CHARS, OUTLINE, join_item, lines_from
from fetcher.parse.question_tail import (
    REQUEST,
    note_after_question,
    paragraph_after_question,
    request_run_on,
)
from fetcher.parse.text import join_lines, sentences
from fetcher.parse.wording import ANSWER_TO

_LETTERED = re.compile(r"^[a-h][.)]\s")  # "a) …", "b. …" (not "z. B.")
_CHILD_CHARS = 6 * LINE_CHARS  # one sub-question up to its "?": six printed lines' worth
_CLOSERS = ")]\"“”'’»«"
_ANSWER_LABEL = BARE_ANSWER  # "Antwort:", "Beantwortung:", "Stellungnahme der Verwaltung:"


def split_question_answer(item: Sequence[str], number: int | None = None) -> tuple[str, str]:
    lines = [line for line in item if line]
    for k, line in enumerate(lines):
        if _ANSWER_LABEL.match(line):
            rest = [_ANSWER_LABEL.sub("", line), *lines[k + 1 :]]
            return join_item(lines[:k]), join_lines(rest)
        answer_to = ANSWER_TO.match(line)
        if answer_to and k > 0:  # "Antwort zu Frage 1 und 2:" after the question
            if _points_elsewhere(number, line):  # "10. Warum …?" / "Antwort Nr. 9": no heading
                continue
            heading = answer_heading(line)  # "Zu 1. In der Regel …": the answer runs on
            rest = [line[heading[2] :] if heading else "", *lines[k + 1 :]]
            return join_item(lines[:k]), join_lines(rest)
    # "4. Nach den Angaben …" / "4.1 Liegen …?" … "4.7. Falls nein: Weshalb nicht?": a question's
    # own decimal sub-questions that ask belong to it; its answer starts after the last of them
    floor = _last_asking_child(lines)
    runs_on = paragraph_after_question(lines, floor)
    if runs_on is not None:
        return join_item(lines[: runs_on + 1]), join_lines(lines[runs_on + 1 :])
    for k, line in enumerate(lines_from(lines, floor, 10 * LINE_CHARS), floor):
        if line.rstrip().endswith("?") and not (
            k + 1 < len(lines) and lines[k + 1].rstrip().endswith("?")
        ):
            k = note_after_question(lines, question_goes_on(lines, k))
            cut = request_run_on(lines[k + 1]) if k + 1 < len(lines) else 0
            if cut:  # "…?" / "Bitte … aufschlüsseln. Zunächst wird …" run together
                asked, answered = lines[k + 1][:cut].rstrip(), lines[k + 1][cut:]
                return join_item([*lines[: k + 1], asked]), join_lines([answered, *lines[k + 2 :]])
            return join_item(lines[: k + 1]), join_lines(lines[k + 1 :])
    text = join_lines(lines)
    cut = asked_prefix(text)
    if cut >= 0:
        return text[:cut], text[cut:].strip()
    first = sentences(text)[:1]
    question = first[0] if first else text
    return question, text[len(question) :].strip()


def _points_elsewhere(number: int | None, line: str) -> bool:
    """Return True if an answer heading under question `number` names another number: the
    answer refers to an earlier one ("10. Warum …?" / "Antwort Nr. 9"), it heads nothing."""
    heading = answer_heading(line)
    if number is None or heading is None or heading[0] is None:
        return False
    return not heading[0] <= number <= (heading[1] or heading[0])


def _asks_to_its_end(segment: Sequence[str]) -> bool:
    """Return True if lines end asking: the last sentence asks, requests after a "?" aside."""
    parts = sentences(join_lines([line for line in segment if line]))
    while len(parts) > 1 and REQUEST.match(parts[-1]):
        parts.pop()
    return bool(parts) and parts[-1].rstrip(_CLOSERS).endswith("?")


def _last_asking_child(lines: Sequence[str]) -> int:
    """Return the line of the last sub-question ("4.7. …?", "b) …?") asked in one run, else 0.

    The run goes on while each sub-question follows the "?" of the one before (a request after
    it aside: "a) Um welche …? Bitte spezifizieren …" / "b) Was …?"); an answer between them
    ("1.1 Wie …?" / "Es wurden …" / "1.2 Wie …?") ends it: each is answered on its own.
    """
    last = 0
    for k, line in enumerate(lines[1:], 1):
        if not (OUTLINE.match(line) or _LETTERED.match(line)):
            continue
        asked_above = lines[k - 1].rstrip().endswith("?") or _asks_to_its_end(lines[last:k])
        if not asked_above and (last or any(x.rstrip().endswith("?") for x in lines[:k])):
            break  # the question above was answered before this one
        # its own lines, wrapped ("a) Welche Formate … vorgese-" / "hen? Beabsichtigt …" / … /
        # "tung einer entsprechenden Plattform?"), up to the next sub-question
        own = next(
            (
                j
                for j in range(k + 1, len(lines))
                if OUTLINE.match(lines[j]) or _LETTERED.match(lines[j])
            ),
            len(lines),
        )
        window = lines_from(lines[:own], k, _CHILD_CHARS)
        # a request among the sub-questions ("a. Bitte geben Sie … getrennt an." / "b. Wie …?")
        requests = bool(REQUEST.match(line.split(maxsplit=1)[-1]))
        if not requests and not any(x.rstrip().endswith("?") for x in window):
            break
        last = k
    return last


def asked_prefix(text: str) -> int:
    """Return where the question of a question and its answer in one line ends (-1: no "?").

    A paragraph per line (word-processor or web text) puts "Wurden … abgeschlossen? Falls ja,
    mit welchem Ergebnis? Es wird auf … verwiesen." in one line: the question runs over the
    sentences that ask, and a bracket right after them ("… betroffen? (soweit bekannt)"), up to
    the first sentence that states (Niedersachsen Landtag 19/11141, Dresden AF2015/13).
    """
    if "?" not in text:
        return -1
    end = 0
    for part in sentences(text):
        at = text.find(part, end)
        if at < 0:
            break
        asks = (
            part.endswith("?")
            or (end and part.startswith("(") and part.endswith(")") and "." not in part[-2:])
            or (end and REQUEST.match(part))  # "…? Bitte nach Jahren aufschlüsseln."
            # "… aufführen (s." / "Seite 8 des BKA-Berichts …).": the bracket it opened goes on
            or (end and text[:at].count("(") > text[:at].count(")"))
        )
        if not asks:
            break
        end = at + len(part)
    return end if end else text.find("?") + 1


# "bzw.", "z. B.": a dot that ends no sentence ("… erfolgten bzw. sollen diese" / "erfolgen?")
_ABBREVIATION_DOT = re.compile(
    r"\b(?:bzw|ca|ggf|evtl|vgl|usw|etc|inkl|Nr|Abs|Dr|Prof|St|Str|z\.\s?B|u\.\s?a|d\.\s?h)\."
)


def question_goes_on(lines: Sequence[str], k: int) -> int:
    """Return the last line of a question whose "?" line `k` is followed by more of it.

    Lines wrapped narrower than the question ("… orientiert?" / "Falls" / "ja, gilt …?"): the
    text up to the next line ending in "?", within five lines' worth of characters, that states
    nothing (no ".") and opens no sub-item or bullet is still the question; an answer states.
    """
    reach = len(lines_from(lines, k + 1, 5 * LINE_CHARS))
    for end in range(k + 1, min(k + 1 + reach, len(lines))):
        states = re.search(r"\.(?:\s|$)", _ABBREVIATION_DOT.sub("", lines[end]))
        if states or re.match(rf"[-–○*{BULLET_SIGNS}]|[a-z1-9][.)]\s", lines[end]):
            return k
        if lines[end].rstrip().endswith("?"):
            return end
    return k
