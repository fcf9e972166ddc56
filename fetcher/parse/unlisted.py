"""Questions without list labels: after a lead-in, under an "Anfrage:" heading. Pure.

A lead-in ("Wir fragen die Verwaltung:", "Fragen:") followed by lines ending in "?"; a later
lead-in before anything asked; "Zu 1." labels of a follow-up inquiry; the question under an
"Anfrage:" heading over a list of topics; a main question above "Unterfragen:".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from fetcher.parse.ask_signals import request_signal
from fetcher.parse.asked_openings import closing_run_in, item_from_opening
from fetcher.parse.asked_openings import opens_asking as opens_with_question
from fetcher.parse.asked_runs import asked_runs
from fetcher.parse.prose_requests import cut_at_requests
from fetcher.parse.unmarked_lines import FOLLOW_UP, opens_asking
from fetcher.parse.wording import (
    ASKING_OPENING,
    INTRO,
    SALUTATION,
    is_stop,
    list_marker,
    question_signal,
)
from fetcher.parse.wrapped_asks import with_paragraphs

# A lead-in ending in "Frage:"/"Fragen:" ("Hierzu meine Fragen:", "Dazu habe ich folgende
# Frage:") and "Zu 1." labels of a follow-up inquiry referring to an earlier one's items.
_LATER_LEAD_IN = re.compile(r"\bFragen?\s*:\s*$")
_SUB_QUESTIONS = re.compile(r"(?:Unter|Teil|Zusatz|Detail)fragen\s*:?", re.I)
_ZU_LABEL = re.compile(r"^Zu\s+(\d{1,2})\.\s+(?=\S)")
# A follow-up that only asks on from the question above ("Wenn ja, …?", "Falls nein, …?").


def questions_after_lead_in(
    lines: Sequence[str], body_start: int
) -> tuple[int, list[list[str]]] | None:
    """Return (lead-in line, items) of unnumbered questions: a new one after each line ending "?".

    A later lead-in before anything asked ("„Sehr geehrte …" / background / "Hierzu meine
    Fragen:" or "Ich frage dazu: Gibt es …?") makes what came before it context. Items
    labelled "Zu 1.", "Zu 2." in order (a follow-up inquiry) are one question each.
    """
    ends: dict[int, tuple[int, int]] = {}
    for i in range(max(body_start, 0), len(lines)):
        match = INTRO.search(lines[i])
        if not match:
            continue
        rest = lines[i][match.end() :].strip()
        end, asking = _block_end(lines, i + 1, ends)
        if "?" not in rest and asking >= end:
            continue  # nothing below it asks before the list ends: no question to find
        if (
            _HEADING.match(lines[i].lstrip())
            and _heading_over_background(rest)
            and any(
                INTRO.search(lines[k]) for k in range(i + 1, min(end, i + 1 + MAX_BACKGROUND_LINES))
            )
        ):
            continue  # "Anfrage: Baumfällungen … gefällt. Warum …?" / "Wir fragen daher: …?"
        # a paragraph of questions wrapped across lines is read as the one line it was typed as
        block = with_paragraphs(lines, i + 1, rest)
        items: list[list[str]] = [[]]
        labelled: set[int] = set()
        run_in: set[int] = set()  # items opened inside a paragraph of questions (asked_runs)
        closed = False  # the last line held the closing run into its question
        # questions one per line ("Wie ist …? Wann ist …?" / "Welche …?"): each line is one,
        # however many sentences it holds; one paragraph of them is cut at each (asked_runs)
        listed = sum(lines[k].rstrip().endswith("?") for k in range(i + 1, end)) >= 2
        for line, opens in _pieces(block, cut=not listed):
            if closed:
                break
            if not line:
                continue
            if opens and not labelled and items[-1]:
                items.append([])  # "Wie viele …? Bitte … aufschlüsseln. Bis wann …?"
            if is_stop(line) or list_marker(line):
                break
            if (closing := closing_run_in(line)) > 0:
                line, closed = line[:closing], True  # "… u.a.? mit freundlichen Grüßen …"
            if not any(item and item[-1].rstrip().endswith("?") for item in items) and (
                later := INTRO.search(line) or _LATER_LEAD_IN.search(line)
            ):
                items, labelled = [[]], set()  # the lines before a later lead-in were context
                line = line[later.end() :].strip()
                if not line:
                    continue
            if (
                SALUTATION.match(line)
                and line.rstrip().endswith(",")
                and not any("?" in piece for piece in items[-1])
            ):
                # "Anfrage: Sozialticket im Stadtbus" / "Sehr geehrter Herr …," / "Wie …?": the
                # subject on the heading's line is none of the question below
                items[-1] = []
                continue  # "Fragen:" / "Sehr geehrte Frau Oberbürgermeisterin," / "Nach …?"
            if (zu := _ZU_LABEL.match(line)) and int(zu.group(1)) == len(labelled) + 1:
                if items[-1]:
                    items.append([])
                labelled.add(len(items) - 1)
                line = line[zu.end() :]
            if (
                not items[-1]
                and len(items) > 1
                and len(items) - 1 not in labelled  # "Zu 2. Falls ja, welche?" is item 2
                and FOLLOW_UP.match(line)
            ):
                items.pop()  # "Wenn ja, wie viel …?" below "Hat die Stadtverwaltung …?": its part
            items[-1].append(line)
            if opens is not None and "?" in line:
                run_in.add(len(items) - 1)  # a question of a paragraph of them, a remark after it
            if line.rstrip().endswith("?") and not labelled:
                items.append([])
        for k in labelled:  # "Zu 2. Liegt … vor? Weiter siehe 1." / the signature below
            asks = [n for n, line in enumerate(items[k]) if "?" in line]
            items[k] = items[k][: asks[-1] + 1] if asks else []
        asked = [
            item_from_opening(item)  # "Zum Sachstand" / "Wie viele …?": the heading is none of it
            for k, item in enumerate(items)
            if item and (k in labelled or k in run_in or item[-1].rstrip().endswith("?"))
        ]
        if asked:
            # "Wie viele … verbraucht." / "Welche … saniert." / … / "… zu erreichen?": typed with
            # "." but the last, the sentences that each open asking are the questions
            typed = _unmarked_items(lines, i, match) if lines[i].rstrip().endswith(":") else []
            return i, typed if len(typed) > len(asked) else asked
    return _unmarked_after_lead_in(lines, body_start)


MAX_BACKGROUND_LINES = 12  # lines of background between a heading and the lead-in below it
_HEADING = re.compile(r"^(?:Anfrage|Fragen?|Fragestellung)\s*:")


def _heading_over_background(rest: str) -> bool:
    """Whether what follows an "Anfrage:" heading on its line is a subject and background run
    together, not a question: it asks only after a statement ("Baumfällungen im Stadtpark Im
    Stadtpark wurden … gefällt. Warum …?"). A lead-in further down then opens the list."""
    asked = rest.find("?")
    return (
        asked > 0 and not opens_with_question(rest) and bool(_STATEMENT_END.search(rest, 0, asked))
    )


_STATEMENT_END = re.compile(r"[a-zäöüß]{2}\.\s+[A-ZÄÖÜ]")


def _pieces(block: Iterable[tuple[str, bool]], *, cut: bool) -> Iterator[tuple[str, bool | None]]:
    """Yield (line or piece, whether it opens a question inside its line) for every line of a
    block, when `cut` a line that holds several full questions cut before each (asked_runs), and
    a wrapped paragraph of questions joined (wrapped_asks) always; None for a line not cut."""
    for line, paragraph in block:
        pieces = asked_runs(line) if cut or paragraph else [line]
        if len(pieces) == 1:
            yield line, None
            continue
        yield pieces[0], False
        for piece in pieces[1:]:
            yield piece, True


def _block_end(
    lines: Sequence[str], start: int, ends: dict[int, tuple[int, int]]
) -> tuple[int, int]:
    """Return (the line that ends a lead-in's block from `start`, the first line asking in it).

    The block ends at a stop or a list label (questions_after_lead_in); a line asking holds a
    "?". `ends` keeps the answer for every line walked over, so a lead-in on every line (or
    "Fragen:" again and again) does not walk the same lines again from each.
    """
    walked: list[int] = []
    k = start
    while k < len(lines) and k not in ends:
        line = lines[k]
        if line and (is_stop(line) or list_marker(line)):
            break
        walked.append(k)
        k += 1
    end, asking = ends.get(k, (k, k))
    for index in reversed(walked):
        if "?" in lines[index]:
            asking = index
        ends[index] = (end, asking)
    return (end, asking) if walked else (end, asking if start in ends else end)


def _opens_asking(line: str) -> bool:
    """Return True if a line opens with a question or a request ("Wie viele …", "Bitte …")."""
    # an opening, not "ob"
    return question_signal(line) >= ASKING_OPENING or bool(request_signal(line))


def _unmarked_after_lead_in(
    lines: Sequence[str], body_start: int
) -> tuple[int, list[list[str]]] | None:
    """Return (lead-in line, items) of questions typed with "." after a lead-in that asks.

    "Wir fragen die Verwaltung:" / "Wie viele Kita-Plätze … fehlen." / "Welche Träger …
    geplant.": no label and no "?", but each line after a sentence end opens asking, so each
    opens a question; a wrapped line or a follow-up ("Wenn ja, …") goes on, a line that opens
    otherwise after a sentence end (a signature, a justification) ends the list.
    """
    for i in range(max(body_start, 0), len(lines)):
        match = INTRO.search(lines[i])
        if not match or not lines[i].rstrip().endswith(":"):
            continue
        if items := _unmarked_items(lines, i, match):
            return i, items
    return None


def _unmarked_items(lines: Sequence[str], i: int, match: re.Match[str]) -> list[list[str]]:
    """Return the questions typed with "." after the lead-in `match` in lines[i] (see above)."""
    rest = lines[i][match.end() :].strip()
    items: list[list[str]] = []
    remark = False  # the open item holds a remark in brackets
    for line in chain([rest] if rest else [], (lines[k] for k in range(i + 1, len(lines)))):
        if not line.strip():
            continue
        if is_stop(line) or list_marker(line):
            break
        last = items[-1][-1].rstrip() if items else ""
        # a remark in brackets below a question ends where its bracket closes
        ended = not items or last.endswith((".", "?")) or (last.endswith(")") and remark)
        remark = remark or (ended and line.startswith("("))
        if items and (FOLLOW_UP.match(line) or (ended and line.startswith("("))):
            # "Wenn ja, wie viel …." asks on in the same question; "(soweit bekannt)" below
            # it is its remark
            items[-1].append(line)
        elif ended and (_opens_asking(line) or opens_asking(line)):
            items.append([line])
            remark = False
        elif not ended:
            items[-1].append(line)  # the question wraps
        else:
            break
    last = items[-1][-1].rstrip() if items else ""
    if items and not (last.endswith((".", "?")) or (last.endswith(")") and remark)):
        items.pop()  # ran on into something that is no sentence of its own
    return [piece for item in items for piece in cut_at_requests(item)]


# A sentence's end inside a line, before the next sentence's capital.
_SENTENCE_END = re.compile(r"(?<=[a-zäöüß]{2}[.!?])\s+(?=[A-ZÄÖÜ„])")


def heading_question_wins(lines: Sequence[str], heading: int, start: int, style: str) -> bool:
    """Return True if the question under an "Anfrage:" heading is the ask, not a later list.

    "Anfrage:" / "Teilt die Stadtverwaltung die Ansicht, dass … sinnvoll ist?" / a paragraph of
    statements / "Fragen, die in einer solchen Untersuchung beantwortet werden könnten, sind
    Folgende:" / "1. … 7. uvm.": the list below a label that does not ask the administration is
    the scope of what is asked for (Karlsruhe 2023/0493). A list right below the heading, or
    after a lead-in that asks ("Wir fragen daher:"), stays the question list.
    """
    if not style or start <= heading:
        return False
    if not re.fullmatch(r"(?:Anfrage|Fragen?|Fragestellung)\s*:", lines[heading].strip()):
        return False
    between = [line for line in lines[heading + 1 : start] if line]
    asked = [k for k, line in enumerate(between) if line.rstrip().endswith("?")]
    if not asked:
        return False
    lead_in = between[-1]
    statements = " ".join(between[asked[-1] + 1 : -1])
    if asked[-1] < len(between) - 1 and (ends := list(_SENTENCE_END.finditer(lead_in))):
        # one paragraph per line (run-together text): its statements, then the lead-in
        statements, lead_in = f"{statements} {lead_in[: ends[-1].end()]}", lead_in[ends[-1].end() :]
    return bool(re.search(r"[a-zäöüß]{2}\.(?:\s|$)", statements)) and not INTRO.search(lead_in)


def under_sub_questions_label(lines: Sequence[str], start: int) -> bool:
    """Return True if the line above a list labels it as sub-questions ("Unterfragen:")."""
    above = [line for line in lines[:start] if line][-1:]
    return bool(above) and bool(_SUB_QUESTIONS.fullmatch(above[0].strip()))
