"""Find the question list of any document by scoring list structure and question signals. Pure.

Every run of consecutively labelled items (1. 2. 3., 5. 6., Frage 1:, a) b), A. B., I. II.,
bullets) is a candidate; so are lines ending in "?" after a lead-in ("Wir fragen die Verwaltung:").
A candidate scores by how many of its items read as questions ("?", interrogative opening, "ob …",
"Bitte … darstellen") and by a lead-in just before it; the best candidate above the threshold wins.
Sub-items (1.1, a) under 1.) stay inside their parent; Roman section headings above numbered
items are dropped and the numbered items kept. The list ends at a stop section (Begründung,
"Mit freundlichen Grüßen", signature), at an answer marker ("Zu 1.") and, after the last
question, before a paragraph of justification without heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from fetcher.parse.markers import is_first_label, join_item, next_label
from fetcher.parse.markers import list_marker as _list_marker
from fetcher.parse.text import STOP_SECTION, join_lines, sentences

# "1 Wird …", "2 Geschieht …": numbers without a dot (Karlsruhe 2018/…); only the question list
# scorer reads them, elsewhere a number at a line start is too often prose ("30 Sekunden …").
_BARE_NUMBER = re.compile(r"^(\d{1,2})\s+(?=[A-ZÄÖÜ][a-zäöüß]+\s)")


@lru_cache(maxsize=8192)
def list_marker(line: str) -> tuple[str, str, str] | None:
    """Return the list marker of a line (fetcher.parse.markers), or a bare number ("1 Wird …")."""
    marker = _list_marker(line)
    if marker is None and (bare := _BARE_NUMBER.match(line)):
        return "bare", bare.group(1), line[bare.end() :]
    return marker


INTRO = re.compile(
    r"(?:\b(?:wir|ich)\s+(?:fragen|frage)\s+(?:daher\s+|deshalb\s+|hiermit\s+|somit\s+)?"
    r"(?:sie\s+|an\s+|den\s+oberbürgermeister|die\s+oberbürgermeisterin|den\s+magistrat|"
    r"die\s+(?:stadt|gemeinde|kreis)?verwaltung|den\s+(?:stadt|gemeinde)?rat|die\s+landesregierung)?"
    r"(?:\s*\w+){0,3}?\s*[:.]"
    r"|\bfragen\s+(?:wir|ich)\s+(?:daher\s+|deshalb\s+)?(?:an|den\s+oberbürgermeister|die\s+verwaltung)?\s*:"
    r"|^(?:fragen|anfrage|die fragen lauten|fragestellung(?:en)?)\s*:"
    r"|\bfolgende(?:n)?\s+fragen(?:\s+\w+){0,6}\s*:"
    r"|\bfolgende\s+anfrage(?:\s+\S+){0,8}\s*:"
    r"|\bum\s+(?:auskunft|beantwortung(?:\s+\w+){0,3})\s+gebeten\s*:"
    r"|\bbitte[nt]?\s+(?:wir|ich)?\s*(?:sie\s+)?um\s+(?:die\s+)?(?:beantwortung|auskunft|"
    r"stellungnahme)(?:\s+\S+){0,6}\s*:)",
    re.I,
)
ANSWER_TO = re.compile(
    r"^(?:Antwort(?:\s+zu(?:r)?)?|Zu|ZU|Beantwortung)\s+(?:[Ff]rage\s+)?(\d{1,2})\s*(?:[.:)]|$|\s)"
)
_QUESTION_OPENING = re.compile(
    r"^(?:(?:in|auf|an|aus|bis|seit|mit|für|durch|nach|unter|von|bei|zu|um|über|gegen|ab)\s+)?"
    r"(?:wie|was|wann|wo|wer|wen|wem|wessen|welche[rsmn]?|warum|weshalb|wieso|weswegen|wo\w+|"
    r"inwie(?:weit|fern)|ob|gibt|ist|sind|hat|haben|wird|werden|wurde|wurden|kann|können|"
    r"könnte|plant|planen|sieht|teilt|teilen|liegen|liegt|besteht|bestehen|trifft|hält|halten|"
    r"beabsichtigt|sollte|soll|sollen|darf|dürfen|gab|war|waren|existiert|existieren)\b",
    re.I,
)
_REQUEST = re.compile(
    r"\bbitte\b.*\b(?:darstellen|darlegen|erläutern|auflisten|aufschlüsseln|mitteilen|"
    r"berichten|angeben|benennen|aufführen|nennen|beziffern)\b|\b(?:ob|inwieweit|inwiefern)\s",
    re.I,
)
_JUSTIFICATION = re.compile(
    r"^(?:Begründung|Hintergrund|Erläuterung|Sachverhalt|Vorbemerkung|Zur Begründung)", re.I
)
_CLOSING = re.compile(
    r"^(?:Mit freundlichen Grüßen|Mit freundlichem Gruß|(?:Freundliche|Beste|Viele|Herzliche)"
    r" Grüße|gez\.|i\.\s?A\.|"
    r"Unterschrift|Für die Fraktion|Für die .*[Ff]raktion)",
)
MAX_ITEM_LINES = 400  # 3× the longest question+answer in the dev corpus (129 lines): list over
MAX_TAIL_CHARS = 220  # text after the last "?" of the last item kept as part of that question


@dataclass
class _Run:
    start: int
    items: list[list[str]]
    score: float = 0.0
    item_lines: tuple[int, ...] = ()


def question_signal(text: str) -> float:
    """Return how much a list item reads as a question (1 = "?", 0 = plain statement)."""
    text = text.strip()
    if "?" in text:
        return 1.0
    if _QUESTION_OPENING.match(text):
        return 0.7
    if _REQUEST.search(text):
        return 0.6
    return 0.0


@lru_cache(maxsize=8192)
def _is_stop(line: str) -> bool:
    """Return True for a section heading or closing that ends a list.

    A heading stands alone or ends in a colon: "Anlagen vom 11. März …" or "Sachverhalt und
    prüft …" at the start of a wrapped prose line (Landtag answers) is no heading.
    """
    if _CLOSING.match(line):
        return True
    return bool(
        STOP_SECTION.match(line) and (len(line) <= 40 or re.match(r"^\S+(?:\s+\S+){0,3}\s*:", line))
    )


def _answers_begin(lines: Sequence[str], i: int, style: str, label: str) -> bool:
    """Return True if lines[i] ("Zu 1.", "Antwort zu Frage 1") opens answers after the list.

    When the list goes on after it ("Antwort zu Frage 1 und 2:" then "3. …"), the answers are
    interleaved and the line belongs to the item before it; "zu 3.a)" is a sub-answer.
    """
    answer = ANSWER_TO.match(lines[i])
    if not answer or answer.group(1) != "1":
        return False
    following = next_label(style, label)
    for line in lines[i + 1 :]:
        marker = list_marker(line)
        if marker and marker[0] == style and marker[1] == following:
            return False
    return True


def _build_run(lines: Sequence[str], start: int) -> tuple[_Run, int]:
    """Collect the labelled run starting at `start`; return it and the index where it ended."""
    first = list_marker(lines[start])
    assert first is not None
    style, label = first[0], first[1]
    items: list[list[str]] = [[first[2]] if first[2] else []]
    item_lines = [start]
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if _is_stop(line) or i - item_lines[-1] > MAX_ITEM_LINES:
            break
        if _answers_begin(lines, i, style, label):
            break
        if re.fullmatch(r"[IVX]{1,4}\.?|[A-H]\.", line):
            i += 1
            continue  # a bare section number ("II.") between numbered questions
        marker = list_marker(line)
        if marker and marker[0] == style and marker[1] == next_label(style, label):
            label = marker[1]
            items.append([marker[2]] if marker[2] else [])
            item_lines.append(i)
        elif marker and style == "num" and marker[1] == label and marker[2][1:3] == ") ":
            items[-1].append(marker[2])  # "1 b." under "1 a.": a sub-question of the same item
        elif (
            style == "num"
            and marker
            and marker[0] in ("roman", "letter")
            and marker[1].isupper()
            and _next_marker_is_one(lines, i + 1)
        ):
            label = "0"  # a section heading ("II. Schulen") above numbering that restarts at 1
        else:
            items[-1].append(line)
        i += 1
    if style == "num" and first[1] == "2":
        items.insert(0, _unnumbered_first(lines, start))
    kept = [item for item in items if any(item)]
    return _Run(start, kept, item_lines=tuple(item_lines)), i


def _unnumbered_first(lines: Sequence[str], start: int) -> list[str]:
    """Return the question just above a list that starts at 2 (its "1." was lost), if any."""
    k = start - 1
    while k >= 0 and not lines[k]:
        k -= 1
    if k < 0 or not lines[k].endswith("?"):
        return []
    block = [lines[k]]
    k -= 1
    while k >= 0 and lines[k] and not lines[k].endswith((".", ":", "?", "x")) and len(block) < 4:
        if list_marker(lines[k]) or re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}", lines[k]):
            break
        block.insert(0, lines[k])
        k -= 1
    return block


def _next_marker_is_one(lines: Sequence[str], start: int) -> bool:
    for line in lines[start : start + 4]:
        marker = list_marker(line)
        if marker:
            return marker[0] == "num" and marker[1] == "1"
    return False


def _has_intro_before(lines: Sequence[str], start: int, *, strict: bool = False) -> bool:
    seen = 0
    for line in reversed(lines[max(0, start - 6) : start]):
        if not line:
            continue
        if INTRO.search(line) or (not strict and line.rstrip().endswith(":")):
            return True
        seen += 1
        if seen >= 2:
            break
    return False


_ASKS = re.compile(
    r"\b(?:um\s+(?:\w+\s+)?Auskunft|Auskunft\s+(?:darüber|zu)|bitten\s+(?:wir|ich)\s+um\s+"
    r"(?:\w+\s+)?(?:Beantwortung|Auskunft|Darstellung|Information)|fragen\s+(?:wir|ich))\b"
    r"[^.?]*(?:\b(?:wie|ob|welche\w*|wann|wo|warum|inwieweit|inwiefern|in\s+welche\w*)\b"
    r"[^.?]*|:)\s*$",
    re.I,
)


def _asks_for_items(lines: Sequence[str], start: int) -> bool:
    """Return True if the two lines before a list ask a question the items complete."""
    before = [line for line in lines[max(0, start - 4) : start] if line][-2:]
    return bool(before) and bool(_ASKS.search(" ".join(before)))


def _own_text(item: Sequence[str]) -> str:
    """Return an item's first lines up to its first sub-item (a)-e) under "2." are not "2.")."""
    own: list[str] = []
    for k, line in enumerate(item[:4]):
        if k > 0 and list_marker(line):
            break
        own.append(line)
    return " ".join(own)


def _score(run: _Run, lines: Sequence[str], *, strict: bool = False) -> float:
    signals = [question_signal(_own_text(item)) for item in run.items]
    if not signals:
        return 0.0
    intro = _has_intro_before(lines, run.start, strict=strict)
    if _asks_for_items(lines, run.start):
        # "… wird um Auskunft gebeten, wie … 1. die Versorgung … 2. …": the lead-in asks, the items
        # complete its question (Karlsruhe 2022/…); each counts as a question.
        signals = [max(signal, 0.6) for signal in signals]
    mean = sum(signals) / len(signals)
    if strict and not intro:
        return 0.0
    if mean < 0.5 or (len(signals) == 1 and not (intro and signals[0] == 1.0)):
        return 0.0
    # A question list opens with a question: a run whose first item is a statement ("1. Einstiegs-
    # amt …" wrapped inside an answer) loses against the list it borrowed its later items from.
    opening = 0.0 if signals[0] > 0 else -1.5
    return sum(signals) + (2.0 if intro else 0.0) + mean + opening


def _question_lines_after_intro(lines: Sequence[str], body_start: int) -> _Run | None:
    """Return unnumbered questions after a lead-in: a new question after each line ending "?"."""
    for i in range(max(body_start, 0), len(lines)):
        match = INTRO.search(lines[i])
        if not match:
            continue
        rest = lines[i][match.end() :].strip()
        block = ([rest] if rest else []) + list(lines[i + 1 :])
        items: list[list[str]] = [[]]
        for line in block:
            if not line:
                continue
            if _is_stop(line) or list_marker(line):
                break
            items[-1].append(line)
            if line.rstrip().endswith("?"):
                items.append([])
        asked = [item for item in items if item and item[-1].rstrip().endswith("?")]
        if asked:
            return _Run(i, asked, score=len(asked) + 2.0)
    return None


def _trim_last(item: list[str]) -> list[str]:
    """Cut a justification or closing that follows the last question of the list."""
    asked = [k for k, line in enumerate(item) if "?" in line]
    if not asked:
        return item
    last = asked[-1]
    tail = item[last + 1 :]
    if not tail:
        return item
    if _JUSTIFICATION.match(tail[0]) or len(" ".join(tail)) > MAX_TAIL_CHARS:
        return item[: last + 1]
    return item


_INLINE_FIRST = re.compile(r"(?<=[:?])\s+1[.)]\s+(?=[A-ZÄÖÜ„])")


def split_inline_lists(lines: Sequence[str]) -> list[str]:
    """Give each item of a list run into the prose its own line ("… frage ich Sie: 1. Wie …? 2. …").

    The list must start with "1." after a colon or "?"; later numbers are split off after a
    sentence end as long as they follow in order, also on the following (wrapped) lines.
    """
    out: list[str] = []
    expected: int | None = None
    for line in lines:
        if not line or _is_stop(line):
            expected = None
            out.append(line)
            continue
        pieces = [line]
        if expected is None:
            first = _INLINE_FIRST.search(line)
            if first is None:
                out.append(line)
                continue
            pieces = [line[: first.start()], line[first.start() :].strip()]
            expected = 2
        marker = list_marker(pieces[-1])
        if len(pieces) == 1 and marker and marker[0] == "num" and marker[1] == str(expected):
            expected += 1  # the list went on at a line start
        rest = pieces.pop()
        while found := re.search(rf"(?<=[?.!])\s+{expected}[.)]\s+(?=[A-ZÄÖÜ„])", rest):
            pieces.append(rest[: found.start()])
            rest = rest[found.start() :].strip()
            expected += 1
        pieces.append(rest)
        out += [piece for piece in pieces if piece]
    return out


def question_items(
    lines: Sequence[str], body_start: int, *, trim: bool = True, strict: bool = False
) -> list[list[str]]:
    """Return the best-scoring question list as items of lines (markers removed).

    `trim` cuts a justification after the last question; answer documents keep it (the answer).
    `strict` (motions) accepts a list only after a lead-in that asks the administration.
    """
    lines = split_inline_lists(lines[max(body_start, 0) :])
    body_start = 0
    candidates: list[_Run] = []
    continued: set[int] = set()  # lines that continue a run already scored: never a new start
    for i in range(max(body_start, 0), len(lines)):
        marker = list_marker(lines[i])
        if i in continued or not marker or not is_first_label(marker[0], marker[1]):
            continue
        run, _end = _build_run(lines, i)
        continued.update(run.item_lines)
        run.score = _score(run, lines, strict=strict)
        if run.score > 0:
            candidates.append(run)
    unnumbered = None if strict else _question_lines_after_intro(lines, body_start)
    if unnumbered is not None:
        candidates.append(unnumbered)
    if not candidates:
        return []
    best = max(candidates, key=lambda run: (run.score, -run.start))
    items = [list(item) for item in best.items]
    if trim:
        items[-1] = _trim_last(items[-1])
    return items


SALUTATION = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s|Hallo\b)", re.I)
_FAREWELL = re.compile(
    r"^(?:Mit freundlichen|Freundliche Grüße|Beste Grüße|Viele Grüße|gez\.)", re.I
)


def _questions_in_prose(lines: Sequence[str], body_start: int) -> list[str]:
    """Return the sentences ending in "?" of a letter's body (an inquiry without a list)."""
    start = max(body_start, 0)
    for i in range(start, len(lines)):
        if SALUTATION.match(lines[i]):
            start = i + 1
            break
    body: list[str] = []
    for line in lines[start:]:
        if _FAREWELL.match(line) or _is_stop(line):
            break
        body.append(line)
    asked = [
        s
        for s in sentences(join_lines(body))
        if s.endswith("?") or re.search(r"\?\s+(?:[a-z]\)|[-•–])\s", s)  # "…? a) … b) …"
    ]
    return asked if len(asked) <= 10 else []


def find_questions(lines: Sequence[str], body_start: int, *, kind: str = "sonstiges") -> list[str]:
    """Return the document's questions, one per top-level item, numbering removed.

    Motions need a lead-in before their list (their lettered items may be questions for someone
    else); an inquiry without any list gives the sentences of its letter that end in "?".
    """
    items = question_items(lines, body_start, strict=kind == "Antrag")
    if not items and kind == "Anfrage":
        return _questions_in_prose(lines, body_start)
    return [join_item(item) for item in items]
