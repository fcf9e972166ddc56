"""Find the question list of any document by scoring list structure and question signals. Pure.

Every run of consecutively labelled items (1. 2. 3., 5. 6., Frage 1:, a) b), A. B., I. II.,
bullets) is a candidate; so are lines ending in "?" after a lead-in ("Wir fragen die Verwaltung:").
A candidate scores by how many of its items read as questions ("?", interrogative opening, "ob …",
"Bitte … darstellen") and by a lead-in just before it; the best candidate above the threshold wins.
Sub-items (1.1, a) under 1.) stay inside their parent; Roman section headings above numbered
items are dropped and the numbered items kept. The list ends at a stop section (Begründung,
"Mit freundlichen Grüßen", signature), at an answer marker ("Zu 1.") and, after the last
question, before a paragraph of justification without heading. The wording it reads (lead-ins,
interrogatives, closings) and the unnumbered forms live in fetcher.parse.wording and
fetcher.parse.unlisted; quotation marks around quoted questions in fetcher.parse.quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fetcher.parse.asked_openings import from_opening, question_in_head
from fetcher.parse.asked_runs import with_follow_ups
from fetcher.parse.glued_items import split_glued_items
from fetcher.parse.item_ends import (
    fold_statement_bullets,
    lone_item_above,
    question_above,
    trim_context,
    unnumbered_first,
)
from fetcher.parse.label_runs import split_label_runs, unbracket_labels
from fetcher.parse.label_typos import label_before
from fetcher.parse.list_score import asks_for_items, asks_or_heads, own_text, score_run
from fetcher.parse.markers import (
    flatten_outline,
    is_first_label,
    join_item,
    next_label,
)
from fetcher.parse.no_items import (
    footnote_mark,
    item_labels,
    no_item,
    printed_again,
    without_page_numbers,
)
from fetcher.parse.prose_requests import requests_in_prose
from fetcher.parse.question_lines import question_lines
from fetcher.parse.quotes import (
    cut_at_quote_end,
    drop_lead_in,
    ends_of_quoted_questions,
    outside_quotation,
    questions_in_quotation,
    tidy_question,
    unquote_lines,
)
from fetcher.parse.run_in_body import body_in_subject
from fetcher.parse.run_segments import APPEND, EVENT, RunScan, bare_section, goes_on
from fetcher.parse.sections import (
    heading_below,
    heads_sections,
    next_num_label,
    section_above,
)
from fetcher.parse.unlisted import (
    heading_question_wins,
    questions_after_lead_in,
    under_sub_questions_label,
)
from fetcher.parse.unmarked_ends import end_last_item
from fetcher.parse.unmarked_lines import unmarked_questions
from fetcher.parse.wording import (
    ANSWER_TO,
    INTRO,
    is_stop,
    list_marker,
    question_signal,
    questions_in_prose,
    split_inline_lists,
)

MAX_ITEM_LINES = 400  # 3× the longest question+answer in the dev corpus (129 lines): list over


@dataclass
class _Run:
    start: int
    items: list[list[str]]
    score: float = 0.0
    item_lines: tuple[int, ...] = ()
    end: int = 0
    style: str = ""


def _answers_begin(lines: Sequence[str], i: int, style: str, label: str, scan: RunScan) -> bool:
    """Return True if lines[i] ("Zu 1.", "Antwort zu Frage 1") opens answers after the list.

    When the list goes on after it ("Antwort zu Frage 1 und 2:" then "3. …"), the answers are
    interleaved and the line belongs to the item before it; "zu 3.a)" is a sub-answer.
    """
    answer = ANSWER_TO.match(lines[i])
    if not answer or answer.group(1) != "1":
        return False
    return scan.last_marker.get((style, next_label(style, label)), -1) <= i


def _build_run(lines: Sequence[str], start: int, scan: RunScan) -> tuple[_Run, int]:
    """Collect the labelled run starting at `start`; return it and the index where it ended.

    Stretches of lines that only go on the open item (or are passed over) are jumped over as
    `scan` found them for an earlier start in the same state: each start costs its own items,
    not every line up to MAX_ITEM_LINES again (a label on every line was quadratic).
    """
    labels = scan.labels
    first = list_marker(lines[start])
    assert first is not None
    style, label = first[0], first[1]
    items: list[list[str]] = [[first[2]] if first[2] else []]
    item_lines = [start]
    parent_next = scan.parent_next(start) if style != "num" else None
    in_heading = False  # the wrapped lines of a section heading ("II. Über den … hinaus …")
    section = section_above(lines, start) if style == "num" else None
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if i - item_lines[-1] > MAX_ITEM_LINES:
            break
        end, kind = scan.segments.stretch(i, (style, label, parent_next, section, in_heading))
        if kind != EVENT:  # lines that only go on the open item or are passed over
            end = min(end, scan.segments.first_nonempty(item_lines[-1] + MAX_ITEM_LINES + 1))
            if kind == APPEND:
                items[-1].extend(filter(None, lines[i:end]))
            i = end
            continue
        if is_stop(line) and not goes_on(lines[i - 1], line):
            break
        if line.rstrip().endswith(":") and INTRO.search(line) and not list_marker(line):
            break  # a new lead-in ("In diesem Kontext frage ich:") opens the list that asks
        if parent_next and (up := list_marker(line)) and up[:2] == ("num", parent_next):
            break  # "a. … b. …" under "1." ends at "2.": its "c." belongs to another parent
        if _answers_begin(lines, i, style, label, scan):
            break
        if bare_section(lines, i, style, label):
            i += 1
            continue  # a bare section number ("II.") between numbered questions
        marker = list_marker(line)
        if in_heading and not marker:
            i += 1
            continue
        in_heading = False
        if marker and style == "letter" and marker[0] == "roman" and marker[1] in "IVX":
            marker = ("letter", marker[1], marker[2])  # "H." then "I." (Karlsruhe 2015/0499)
        goes_on_from = label_before(lines, i, item_lines[-1], label, marker, scan.last_marker)
        if (
            marker
            and marker[0] == style
            and marker[1] == next_label(style, goes_on_from)  # or a slip: "2. … 2. …"
            and not no_item(lines, i, marker, labels)
        ):
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
            and (below := next_num_label(lines, i + 1)) in heading_below(marker, label, section)
            and not question_signal(marker[2])
        ):  # a heading that asks ("C. Welche Auswirkungen …: 1. …") is a question, not a section
            label = "0" if below == "1" else label  # "II. Schulen" above numbers restarting at 1
            in_heading, section = True, (marker[0], marker[1])
        else:
            items[-1].append(line)
        i += 1
    if style == "num" and first[1] == "2":
        items.insert(0, unnumbered_first(lines, start))
    kept = [item for item in items if any(item)]
    return _Run(start, kept, item_lines=tuple(item_lines), end=i, style=style), i


def _question_lines_after_intro(lines: Sequence[str], body_start: int) -> _Run | None:
    found = questions_after_lead_in(lines, body_start)
    return _Run(found[0], found[1], score=len(found[1]) + 2.0) if found else None


def question_items(
    lines: Sequence[str], body_start: int, *, trim: bool = True, strict: bool = False
) -> list[list[str]]:
    """Return the best-scoring question list as items of lines (markers removed).

    `trim` cuts a justification after the last question; answer documents keep it (the answer).
    `strict` (motions) accepts a list only after a lead-in that asks the administration.
    """
    lines = split_label_runs(split_glued_items(lines[max(body_start, 0) :]))
    quote_ends = ends_of_quoted_questions(lines)
    lines = flatten_outline(split_inline_lists(unbracket_labels(unquote_lines(lines))))
    lines = without_page_numbers(lines)
    body_start = 0
    candidates: list[_Run] = []
    labels = item_labels(lines)
    scan = RunScan(lines, labels)
    continued: set[int] = set()  # lines that continue a run already scored: never a new start
    for i in range(max(body_start, 0), len(lines)):
        marker = list_marker(lines[i])
        if i in continued or not marker or not is_first_label(marker[0], marker[1]):
            continue
        if not marker[2] and (footnote_mark(lines, i) or printed_again(lines, i, marker, labels)):
            continue
        run, _end = _build_run(lines, i, scan)
        continued.update(run.item_lines)
        run.score = score_run(run.items, lines, run.start, strict=strict)
        if run.score > 0:
            candidates.append(run)
    unnumbered = None if strict else _question_lines_after_intro(lines, body_start)
    if unnumbered is not None:
        candidates.append(unnumbered)
    found = None if strict else question_lines(lines, body_start, answered=not trim)
    unlabelled = _Run(found[0], found[1], score=len(found[1]) + 1.0) if found else None
    if unlabelled is not None and any(
        (
            len(run.items) >= len(unlabelled.items)
            or (
                run.start < unlabelled.start < run.end
                and len(unlabelled.items) == len(run.items) + 1
            )
        )
        and question_signal(own_text(run.items[0]))
        for run in candidates
        if run.style
    ):
        # a labelled list that asks from its first item, as long (or one shorter and holding the
        # first of them: a follow-up quoted below its last item): the lines that ask without a
        # label are its items' own or quoted after it ("Nachfrage: „Darf ich …?"")
        unlabelled = None
    if unlabelled is not None:
        # one question after another, no label: a question each, as a labelled list's items
        candidates.append(unlabelled)
    if not candidates:
        return []
    best = max(candidates, key=lambda run: (run.score, -run.start))
    # A long sub-list ("6. Miethöhe" with a.–i.) must not beat the numbered list it sits in:
    # the questions are the top-level items (Karlsruhe 2022/0919).
    parents = [
        run
        for run in candidates
        if run.style
        and run.style != best.style
        and run.start < best.start < run.end
        and len(run.items) >= 2
        and all(asks_or_heads(item) for item in run.items)
        and not heads_sections(run.style, run.items, best.style)
        # a weaker parent still wins when every one of its items asks itself ("1. Wie …?",
        # "2. Wie ist … in folgenden Bereichen: a. … h. …", "3. Welche …?"; Karlsruhe 2024/1272)
        and (run.score >= 0.5 * best.score or all(question_signal(own_text(i)) for i in run.items))
    ]
    if parents and best is not unlabelled:  # page numbers ("2", "3") hold no unlabelled list
        best = max(parents, key=lambda run: (run.score, -run.start))
    if heads_sections(best.style, best.items, "num"):  # "I. Allgemeines" / "1. …?" / "II. …"
        best = next((r for r in candidates if best.start < r.start < best.end), best)
    if unnumbered is not None and heading_question_wins(
        lines, unnumbered.start, best.start, best.style
    ):
        best = unnumbered
    items = [list(item) for item in best.items]
    if (
        unnumbered is not None
        and best.style == "num"
        and unnumbered.start < best.start
        and under_sub_questions_label(lines, best.start)
    ):
        # "… folgender Frage:" / "Welche …?" / "Unterfragen:" / "1.) …" "2.) …": the main question
        # comes first, its numbered sub-questions follow (Dresden mAF0008/14)
        items = [list(item) for item in unnumbered.items] + items
    if best.style == "bullet" and (parent := question_above(lines, best.start)):
        # "Wird … benötigt?" / "Wenn ja:" / "- Wurde …?" "- Welche …?": the dashes are its
        # follow-ups and stay inside it, each on its own line (Karlsruhe 2024/0989, 2022/0039)
        items = [parent + [line for line in lines[best.start : best.end] if line]]
    elif best.style == "bullet" and not asks_for_items(lines, best.start):
        items = fold_statement_bullets(items, lines[best.start][0])
    first = list_marker(lines[best.start])
    if (
        best.style == "num"
        and first
        and first[1] == "1"
        and (lone := lone_item_above(lines, best.start))
    ):
        items.insert(0, lone)
    if trim:
        # „1. Wie …?" then the answer: the closing mark ends a quoted question (answer letters)
        items = [cut_at_quote_end(item, quote_ends) for item in items]
        items = [trim_context(item) for item in items[:-1]] + [end_last_item(items[-1])]
    return items


def find_questions(
    lines: Sequence[str], body_start: int, *, kind: str = "sonstiges", requests: bool = True
) -> list[str]:
    """Return the document's questions, one per top-level item, numbering removed.

    Motions need a lead-in before their list (their lettered items may be questions for someone
    else); an inquiry without any list gives the sentences of its letter that end in "?", and
    without those its one request sentence ("Wir bitten um …"), unless `requests` is False (a
    paper whose type was not printed: a letter that asks for something is not yet an inquiry).
    """
    body_start = question_in_head(lines, body_start)  # "… Heizungen Wie gedenken …?" in the head
    lines, body_start = body_in_subject(lines, body_start)  # "Betreff: … Wir bitten um …"
    items = question_items(lines, body_start, strict=kind == "Antrag")
    if not items and kind == "Anfrage" and requests:
        items = unmarked_questions(lines, body_start)  # "Wie viele …." / "Welche …." (typed)
    if not items and kind == "Anfrage":
        # a letter quoting the inquiry: its quotation holds the question, also one without "?",
        # unless the letter asks in its own words (an inquiry quoting a newspaper, then asking)
        quoted, _last = questions_in_quotation(lines, body_start)
        start = max(body_start, 0)  # "Anfrage Gibt es …?": the heading word is no part of it
        own = (
            outside_quotation(lines, body_start)
            if quoted
            else [*lines[:start], *split_glued_items(lines[start:])]
        )
        asked = questions_in_prose(unquote_lines(own), body_start) or quoted
        asked = [from_opening(drop_lead_in(question)) for question in asked]
        asked = with_follow_ups(asked)  # "Falls nein, warum nicht?" asks on from the one before
        return asked or (requests_in_prose(lines, body_start) if requests else [])
    return [tidy_question(join_item(item)) for item in items]
