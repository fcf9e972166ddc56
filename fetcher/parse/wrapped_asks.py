"""A paragraph of several questions wrapped across printed lines: read as one line. Pure.

A writer who does not number the questions sets them as one paragraph ("Wie viele Taubenhäuser
betreibt die Stadt? Wie viele Eier werden dort jährlich ausgetauscht? Gibt es Pläne …?"), and
every PDF breaks that paragraph into lines wherever the column ends: "… betreibt die Stadt? Wie
viele Eier werden dort jährlich" / "ausgetauscht? Gibt es Pläne …?". Cut line by line, the
second question's end is a line's start and the first line no question at all. The paragraph is
told from a list of one question per line by its shape: every line but its last is full (the
next line's first word would not have fitted behind it; the column's width is the longest line
of the paragraph), and joined it holds more full questions (fetcher.parse.asked_runs) than it has
lines ending in "?". A list whose questions each end their line keeps its lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fetcher.parse.asked_runs import asked_runs
from fetcher.parse.text import join_lines
from fetcher.parse.wording import is_stop, list_marker

MAX_PARAGRAPH_LINES = 40  # a paragraph of questions; a page run together is longer
# A wrapped line fills its column up to the word that did not fit behind it; proportional type
# and justified setting let the characters of full lines differ by a tenth or so.
FULL_LINE = 0.85


def _full(length: int, below: str, width: int) -> bool:
    """Whether a line of `length` characters ends only because the next line's first word did
    not fit behind it."""
    word = below.split()[0] if below.split() else ""
    return length + 1 + len(word) >= FULL_LINE * width


MERGED = 1.5  # a line this much longer than every other is two printed lines run together


def _column(widths: Sequence[int]) -> int:
    """Return a paragraph's column width in characters: its longest line, unless that line is
    far longer than all others (two printed lines the text extraction ran together)."""
    ordered = sorted(widths, reverse=True)
    if len(ordered) > 2 and ordered[0] > MERGED * ordered[1]:
        return ordered[1]
    return ordered[0]


def wrapped_questions(lines: Sequence[str], start: int, rest: str = "") -> tuple[str, int]:
    """Return (the paragraph of questions joined, the index in `lines` after it), or ("", start).

    The paragraph is `rest` (the words after a lead-in in the line above `start`, which is as
    wide as that printed line) and the printed lines from `start` up to its last line ending in
    "?", before a blank line, a list label or a closing; it is joined only when wrapped (see the
    module's docstring).
    """
    run = [rest.strip()] if rest.strip() else []
    widths = [len(lines[start - 1].strip())] if run else []
    k = start
    while k < len(lines) and len(run) < MAX_PARAGRAPH_LINES:
        line = lines[k].strip()
        if not line or is_stop(line) or list_marker(line):
            break
        run.append(line)
        widths.append(len(line))
        k += 1
    asked = [n for n, line in enumerate(run) if line.endswith("?")]
    if not asked or asked[-1] < 1:
        return "", start
    span = run[: asked[-1] + 1]
    width = _column(widths[: len(span)])
    if not all(_full(widths[n], span[n + 1], width) for n in range(len(span) - 1)):
        return "", start
    if all(line.endswith((".", ":", "?", "!")) for line in span[:-1]):
        return "", start  # no line breaks inside a sentence: lines of their own, not wrapped
    joined = join_lines(span)
    if len(asked_runs(joined)) <= len(asked):
        return "", start  # each question ends its own line: a list, not a paragraph
    return joined, start + len(span) - (1 if rest.strip() else 0)


def _below_lead_in(lines: Sequence[str], index: int) -> bool:
    """Whether a printed line stands right below a line ending in ":" (a blank line between)."""
    if not lines[index].strip():
        return False
    above = index - 1
    if above > 0 and not lines[above].strip():
        above -= 1
    return above >= 0 and lines[above].rstrip().endswith(":")


def with_paragraphs(lines: Sequence[str], start: int, rest: str = "") -> Iterator[tuple[str, bool]]:
    """Yield (line, whether it is a wrapped paragraph of questions joined) for `rest` and the
    lines from `start` on: right below a lead-in (the first line, or a line below one that ends
    in ":", "Fragen:" or "… folgende Fragen zu beantworten:"), a wrapped paragraph of questions
    is one line. Further down, where one question per line has gone before, a question of two
    sentences wrapped over full lines is no paragraph of two (the dev labels count the line)."""
    k = start
    while not rest.strip() and k < len(lines) and not lines[k].strip():
        yield lines[k], False  # the blank lines below the lead-in
        k += 1
    paragraph, k = wrapped_questions(lines, k, rest)
    if paragraph:
        yield paragraph, True
    else:
        if rest.strip():
            yield rest, False
        if k < len(lines):
            yield lines[k], False
            k += 1
    while k < len(lines):
        if _below_lead_in(lines, k):
            paragraph, after = wrapped_questions(lines, k)
            if paragraph:
                yield paragraph, True
                k = after
                continue
        yield lines[k], False
        k += 1
