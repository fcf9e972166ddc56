"""Questions that do not end in "?": dev documents with question signals rewritten. Reads dev (I/O).

Run: .venv/bin/python -m bench.ask_variants [--shape NAME] [--show VARIANT]

The documents are those of bench.list_variants (dev documents that ask numbered questions and whose
list is found in the text: the line "N. <first question>" and the labels N+1 … after it). Each
variant rewrites ONE question signal; every other word stays. The expected count is the label's,
the expected first question the label's `first_question_start`.

Variants and where they come from (issue #11: "question signals ('?' at the end, interrogative
openings, 'ob …' clauses, 'Wir fragen die Verwaltung')", and council practice at large):
- "no ?": every "?" from item 1's line to the end of the last item's question (its first line
  ending in "?", else the last line holding one within MAX_QUESTION_LINES lines) becomes "." —
  the typing slip of a letter written in haste, and forms whose list items are typed as
  sentences. The first question is compared with every "?" and "." removed from both sides
  (`mark_free`), so "Wie viele …." matches a label starting "Wie viele …?".
- "lead-in: …": the lead-in (the sentence before item 1 ending in ":", over at most four wrapped
  lines) replaced by one of LEAD_INS, the lead-ins councils print (ALLRIS/SessionNet inquiry
  templates "Wir bitten um Beantwortung folgender Fragen:", Landtag/Bezirksamt "Ich frage den …",
  Gemeinderat forms "Die Verwaltung wird gebeten, folgende Fragen zu beantworten:", a letter's
  "Wir bitten um Auskunft zu folgenden Punkten:", and "Fragen:" as a heading of its own); a
  document without such a lead-in gets one inserted on a line above item 1. Each also with
  "no ?" (", no ?").
- "request": each item's question turned into a request, "Bitte teilen Sie mit: <question>."
  (its "?" a "."); only where the transform is exact: every item's question ends in its only
  "?" (list_variants.Located.question_end). The first question may start with or without
  "Bitte teilen Sie mit:".
- Letters that ask in prose (the twenty-first round; questions typed one a line, no label):
  "no label, rhetorical ? above lead-in": the background's question RHETORICAL and the lead-in
  "Wir fragen die Verwaltung:" set in one line above the unlabelled questions (each keeps its
  "?"): a letter's rhetoric before the ask, which must not become question 1; "no label,
  lead-in: …, no mark": the questions typed without any closing mark, and "…, ? read as 7": each
  "?" read as "7", as OCR does with a faint question mark (both only on lists whose every
  item asks one question); "no label, 'Anfrage:' over
  background, …": a heading "Anfrage: <subject>" run into the background (BACKGROUND) and the
  rhetorical question, the lead-in below; "no label, 'Anfrage:' and salutation above, item 1 in
  lower case": the heading, then "Sehr geehrte Damen und Herren," and the first question
  continuing its sentence; "no label, 'Betreff:' and a statement above": a subject line and
  BACKGROUND above the questions, no lead-in.
The control "original" parses the located documents as they are.

Negatives (must NOT become questions; a second table): dev documents labelled with no questions
(motions, answers, Vorlagen) that print a numbered run "1." "2." …, as they are and with the
line above item 1 replaced by a motion's resolution heading (MOTION_HEADS: "Beschlussvorschlag:",
"Der Gemeinderat beschließt:", "Der Stadtrat möge beschließen:", ALLRIS/SessionNet Beschluss-
vorlagen and Fraktion motions). Right is no question at all, as the label says; a second column
counts the documents where question_items finds no list even when the paper's type is not read
(a motion is read strictly only when its type was printed).
Only the dev split is read; check is never used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.list_variants import (
    _LABEL,
    MAX_QUESTION_LINES,
    Located,
    _fold,
    locate,
    numbered_documents,
)
from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.parse import parse_text
from fetcher.parse.questions import question_items
from tests.corpus_data import corpus_items

LEAD_INS = (
    "Wir bitten um Beantwortung folgender Fragen:",
    "Die Verwaltung wird gebeten, folgende Fragen zu beantworten:",
    "Wir bitten um Auskunft zu folgenden Punkten:",
    "Wir fragen die Verwaltung:",
    "Ich frage den Oberbürgermeister:",
    "Fragen:",
)
MOTION_HEADS = (
    "Beschlussvorschlag:",
    "Der Gemeinderat beschließt:",
    "Der Stadtrat möge beschließen:",
)
REQUEST = "Bitte teilen Sie mit: "
_SENTENCE_START = re.compile(r"[.?!:]\s+(?=[A-ZÄÖÜ„\"])")
MAX_LEAD_IN_LINES = 4


def mark_free(text: str) -> str:
    """Return the folded text without any "?" or "." (a question compared without its mark)."""
    return re.sub(r"\s+", " ", re.sub(r"[?.]", "", _fold(text))).strip()


def _last_question_row(found: Located) -> int:
    """Return the row where the last item's question ends (its first line ending in "?", else
    the last line holding a "?" within MAX_QUESTION_LINES lines, else its own line)."""
    last = len(found.rows) - 1
    end = found.question_end(last)
    if end is not None:
        return end
    row, seen, result = found.rows[last], 0, found.rows[last]
    while row < len(found.lines) and seen < MAX_QUESTION_LINES:
        if found.lines[row].strip():
            seen += 1
            if "?" in found.lines[row]:
                result = row
        row += 1
    return result


def no_question_marks(found: Located) -> list[str]:
    """Return the lines with every "?" of the question items made a "."."""
    lines = list(found.lines)
    for row in range(found.rows[0], _last_question_row(found) + 1):
        lines[row] = lines[row].replace("?", ".")
    return lines


def _lead_in_rows(lines: list[str], first: int) -> tuple[int, int, str] | None:
    """Return (first row, last row, text kept before it) of the lead-in above row `first`."""
    above = first - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or not lines[above].rstrip().endswith(":"):
        return None
    top = above
    while (
        top > 0
        and above - top < MAX_LEAD_IN_LINES - 1
        and lines[top - 1].strip()
        and not lines[top - 1].rstrip().endswith((".", "?", "!", ":"))
        and not _LABEL.match(lines[top - 1])
    ):
        top -= 1
    joined = " ".join(line.strip() for line in lines[top : above + 1])
    starts = [m.end() for m in _SENTENCE_START.finditer(joined[:-1])]
    prefix = joined[: starts[-1]].rstrip() if starts else ""
    return top, above, prefix


def with_lead_in(lines: list[str], first: int, lead: str) -> list[str]:
    """Return the lines with the lead-in above row `first` replaced by `lead` (or `lead` inserted
    on a line of its own above it)."""
    found = _lead_in_rows(lines, first)
    if found is None:
        return [*lines[:first], lead, *lines[first:]]
    top, above, prefix = found
    return [*lines[:top], *([prefix] if prefix else []), lead, *lines[above + 1 :]]


def requests(found: Located) -> list[str] | None:
    """Return the lines with each item's question made "Bitte teilen Sie mit: <question>.", or
    None where an item's question does not end in its only "?"."""
    lines = list(found.lines)
    for k, row in enumerate(found.rows):
        end = found.question_end(k)
        if end is None or sum(line.count("?") for line in lines[row : end + 1]) != 1:
            return None
        rest = found.rest(k)
        if not rest.strip():
            return None
        lines[row] = lines[row][: found.ends[k]] + REQUEST + rest
        lines[end] = lines[end].rstrip()[:-1] + "."
    return lines


def unlabelled(found: Located, *, marks: str = ".", single: bool = False) -> list[str] | None:
    """Return the lines with each item's label removed, its question joined into one line, and
    every "?" of the list made `marks` (list_variants' "no label", then "no ?"; "" drops it, "7"
    as OCR reads it, "?" keeps it), or None where an item does not end in "?" within
    MAX_QUESTION_LINES lines."""
    ends = [found.question_end(k) for k in range(len(found.rows))]
    if any(end is None for end in ends):
        return None
    if single and any(
        sum(line.count("?") for line in found.lines[row : end + 1]) != 1
        for row, end in zip(found.rows, ends, strict=True)
        if end is not None
    ):
        return None  # `single`: only lists whose every item asks one question
    lines: list[str | None] = list(found.lines)
    for k, row in enumerate(found.rows):
        end = ends[k]
        assert end is not None
        parts = [found.rest(k), *found.lines[row + 1 : end + 1]]
        joined = " ".join(part.strip() for part in parts if part.strip())
        lines[row] = found.indent(k) + joined
        lines[row + 1 : end + 1] = [None] * (end - row)
    for row in range(found.rows[0], _last_question_row(found) + 1):  # as "no ?" does
        line = lines[row]
        lines[row] = None if line is None else line.replace("?", marks)
    return [line for line in lines if line is not None]


def _unlabelled(
    lead: str | None, marks: str = ".", *, single: bool = False
) -> Callable[[Located], str | None]:
    def transform(found: Located) -> str | None:
        lines = unlabelled(found, marks=marks, single=single)
        if lines is None:
            return None
        if lead is not None:  # item 1 keeps its row: only lines below it were joined
            lines = with_lead_in(lines, found.rows[0], lead)
        return "\n".join(lines)

    return transform


# A question of the background set before the lead-in, asked of nobody (a letter's rhetoric):
# never one of the questions.
RHETORICAL = "Wie lange soll dieser Zustand noch andauern?"


SUBJECT = "Sachstand der Planung"  # a subject line's words, no full stop
BACKGROUND = "Der Zustand ist seit Jahren unverändert."


def _above(lead: str, *, lower: bool = False) -> Callable[[Located], str | None]:
    """Return a transform: the unlabelled list ("?" kept) with `lead` (lines joined by "\n")
    in place of its lead-in; `lower`: item 1 opening in lower case (after a salutation)."""

    def transform(found: Located) -> str | None:
        lines = unlabelled(found, marks="?")
        if lines is None:
            return None
        row = found.rows[0]
        if lower:
            lines[row] = lines[row][:1].lower() + lines[row][1:]
        return "\n".join(with_lead_in(lines, row, lead))

    return transform


def _lead(lead: str, *, marks: bool) -> Callable[[Located], str | None]:
    def transform(found: Located) -> str | None:
        lines = list(found.lines) if marks else no_question_marks(found)
        return "\n".join(with_lead_in(lines, found.rows[0], lead))

    return transform


def _requests(found: Located) -> str | None:
    lines = requests(found)
    return None if lines is None else "\n".join(lines)


ORIGINAL = "original"
VARIANTS: dict[str, Callable[[Located], str | None]] = {
    ORIGINAL: lambda found: "\n".join(found.lines),
    "no ?": lambda found: "\n".join(no_question_marks(found)),
    **{f"lead-in: {lead}": _lead(lead, marks=True) for lead in LEAD_INS},
    **{f"lead-in: {lead}, no ?": _lead(lead, marks=False) for lead in LEAD_INS},
    "request": _requests,
    "no label, no ?": _unlabelled(None),
    **{f"no label, lead-in: {lead}, no ?": _unlabelled(lead) for lead in LEAD_INS[3:4]},
    # the twenty-first round: letters that ask in prose (prose21)
    "no label, rhetorical ? above lead-in": _above(f"{RHETORICAL} {LEAD_INS[3]}"),
    "no label, 'Anfrage:' over background, rhetorical ? above lead-in": _above(
        f"Anfrage: {SUBJECT} {BACKGROUND} {RHETORICAL}\n{LEAD_INS[3]}"
    ),
    "no label, 'Anfrage:' and salutation above, item 1 in lower case": _above(
        f"Anfrage: {SUBJECT}\n\nSehr geehrte Damen und Herren,\n", lower=True
    ),
    "no label, 'Betreff:' and a statement above": _above(f"Betreff: {SUBJECT}\n{BACKGROUND}"),
    f"no label, lead-in: {LEAD_INS[0]}, no mark": _unlabelled(LEAD_INS[0], "", single=True),
    f"no label, lead-in: {LEAD_INS[0]}, ? read as 7": _unlabelled(LEAD_INS[0], "7", single=True),
}


def rewrite(text: str, label: dict[str, Any], variant: str) -> str | None:
    """Return the text rewritten into `variant`, or None if the variant cannot apply."""
    if not label.get("questions") or not label.get("first_question_start"):
        return None
    found = locate(text, label["questions"], label["first_question_start"])
    return VARIANTS[variant](found) if found else None


def first_right(variant: str, got: str, want: str) -> bool:
    """Return True if a first question `got` reads as the label's start `want` in `variant`."""
    if variant == ORIGINAL or (
        "?" not in variant and variant != "request" and "mark" not in variant
    ):
        return _fold(got).startswith(_fold(want))
    got_free, want_free = mark_free(got), mark_free(want)
    if variant == "request":
        got_free = got_free.removeprefix(mark_free(REQUEST)).strip()
    return got_free.startswith(want_free)


@dataclass
class Outcome:
    """One document read in one variant: count and first question right, what came out."""

    count: bool
    first: bool
    got: int
    first_got: str


def outcomes(
    items: Iterable[Any], parse: Callable[[str], Any] = parse_text
) -> dict[str, list[tuple[str, Outcome]]]:
    """Return variant → [(document, outcome)] over labelled dev items with numbered questions."""
    result: dict[str, list[tuple[str, Outcome]]] = {name: [] for name in VARIANTS}
    for item, found, counts in numbered_documents(items):
        label = item.label
        for name, transform in VARIANTS.items():
            text = transform(found)
            if text is None:
                continue
            questions = parse(text).questions
            first = questions[0] if questions else ""
            right = bool(questions) and first_right(name, first, label["first_question_start"])
            result[name].append(
                (item.name, Outcome(len(questions) in counts, right, len(questions), first[:70]))
            )
    return result


def numbered_run(text: str) -> int | None:
    """Return the row of a "1." line followed later by a "2." line (a numbered run), if any."""
    lines = text.split("\n")
    for row, line in enumerate(lines):
        match = _LABEL.match(line)
        if not match or match.group(2) or match.group(3) != "1" or not line[match.end() :]:
            continue
        for later in lines[row + 1 : row + 60]:
            found = _LABEL.match(later)
            if found and found.group(3) == "2" and found.group(4) == match.group(4):
                return row
    return None


def _headed(head: str) -> Callable[[list[str], int], list[str]]:
    return lambda lines, row: with_lead_in(lines, row, head)


NEGATIVES: dict[str, Callable[[list[str], int], list[str]]] = {
    ORIGINAL: lambda lines, _row: lines,
    **{f"head: {head}": _headed(head) for head in MOTION_HEADS},
}


def negative_outcomes(
    items: Iterable[Any], parse: Callable[[str], Any] = parse_text
) -> dict[str, list[tuple[str, int, int]]]:
    """Return variant → [(document, questions read, list items found)] over dev items labelled
    without questions that print a numbered run. The list items are question_items' over the
    whole text, as for a paper whose type is not printed (no motion's strictness)."""
    result: dict[str, list[tuple[str, int, int]]] = {name: [] for name in NEGATIVES}
    for item in items:
        if item.label.get("questions"):
            continue
        row = numbered_run(item.text)
        if row is None:
            continue
        for name, transform in NEGATIVES.items():
            text = "\n".join(transform(item.text.split("\n"), row))
            listed = len(question_items(text.split("\n"), 0))
            result[name].append((item.name, len(parse(text).questions), listed))
    return result


def table(result: dict[str, list[tuple[str, Outcome]]]) -> list[str]:
    """Return markdown rows: per variant, documents used, count right, first question right."""
    rows = ["| variant | documents | count | first question |", "|---|---:|---:|---:|"]
    for name, docs in result.items():
        count = sum(o.count for _, o in docs)
        first = sum(o.first for _, o in docs)
        total = len(docs)
        rows.append(f"| {name} | {total} | {pct(count, total)} | {pct(first, total)} |")
    return rows


def negative_table(result: dict[str, list[tuple[str, int, int]]]) -> list[str]:
    """Return markdown rows: per negative variant, documents used, read without questions, and
    without a question list even as an untyped paper."""
    rows = [
        "| negative | documents | no questions | no question list, untyped |",
        "|---|---:|---:|---:|",
    ]
    for name, docs in result.items():
        right = sum(got == 0 for _, got, _l in docs)
        unlisted = sum(listed == 0 for _, _g, listed in docs)
        total = len(docs)
        rows.append(f"| {name} | {total} | {pct(right, total)} | {pct(unlisted, total)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    args = parser.parse_args()
    parse = shaped_parse(args.shape)
    items = corpus_items("dev")
    result = outcomes(items, parse)
    print("\n".join(table(result)))
    negatives = negative_outcomes(items, parse)
    print()
    print("\n".join(negative_table(negatives)))
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.count or not outcome.first:
                print(name, outcome.got, repr(outcome.first_got))
        for name, got, listed in negatives.get(args.show, []):
            if got or listed:
                print(name, got, listed)


if __name__ == "__main__":
    main()
