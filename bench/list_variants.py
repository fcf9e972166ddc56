"""List styles never seen: dev documents with their question labels rewritten. Reads dev (I/O).

Run: .venv/bin/python -m bench.list_variants [--shape NAME] [--variant V]… [--show VARIANT]

For each dev document that asks numbered questions (label `questions` ≥ 1 and the list's labels
found in the text: the line "N. <first question>" and the following labels N+1, N+2 … in the same
form, one per labelled question), the LABELS of the top-level question items are rewritten into
each variant below; sub-items keep theirs and every other word stays. The expected count is the
label's, the expected first question the label's `first_question_start`. A variant that cannot
apply to a document (see each transform) skips it; the table says how many documents each used.

Variants and where they come from (issue #11's list of what fails on unseen Kommunen, and the
conventions of council systems and Landtage):
- "1)", "(1)", "1.)", "1.:", "Frage 1:", "Frage 1.": numbering as ALLRIS and SessionNet
  (Somacos) forms and word-processor templates of Ratsfraktionen print it; "Frage 1:" is the
  Landtag and Bezirksamt convention of answers that repeat each question;
- "a)", "A.", "A)": lettered lists (issue #11 "A./B./C., a)–c)");
- "I.": Roman numbers as top level (legal-style outlines of letters to the Oberbürgermeister);
- "start 5": numbering that goes on from an earlier inquiry (issue #11, "numbering that starts
  at 5"; Karlsruhe's follow-up 2018/0487 starts at 4);
- "– en dash", "• bullet", "- hyphen": dash and bullet lists (issue #11; Word's list styles);
- "no label": one question per line without any label (issue #11): the label is removed and the
  lines of each question up to its "?" are joined into one line (skips a document whose items do
  not each end in "?" before the next item, or hold sub-items there);
- "no label, topic heading", "no label, Fragestellung:": "no label" with a short topic line
  without a colon above every question (TOPICS: a heading in bold; run together, the heading
  runs into its question: "Zum Sachstand Wie viele …?", Karlsruhe 2021/0614's "I. Zu einer
  möglichen neuen internen Struktur … Wie soll …?"), or with "Fragestellung:" on a line of its
  own above the first (the label that opens the questions of oral inquiries' forms);
- "inline": the list run into the lead-in's paragraph ("Daher frage ich Sie: 1. … 2. …", issue
  #11): the lead-in line ending in ":" and every item are joined into one line, labels kept
  (skips a document without such a lead-in, or whose items hold more than their question: answers);
- "I. headings", "I. headings, restart": Roman section headings above numbered items (issue
  #11 "I.–III."; Landtag 19/11266 prints one): "I. Allgemeines" above the first item and "II.
  Einzelfragen" above the item after the middle, numbering going on or restarting at 1 under II;
- "sub 1.1", "sub a)": sub-questions under each item that stay inside their parent (issue #11):
  "N.1 Falls ja, seit wann?" / "N.2 Falls nein, warum nicht?" (or "a)" / "b)") on lines of their
  own right after each item's question line (skips a document whose items do not end in "?").
- "[1]": the number in square brackets (a word processor's numbering style);
- "right (1)": no label, the number "(N)" after the item's question line in a right-hand column
  (skips a document whose items do not end in "?");
- "topic heading:", "topic heading": a short topic line above every item ("Zu den Kosten:", or
  without the colon as a bold heading prints it), after the dev documents' own topic heads;
- "lead-in line": the lead-in ending in ":" and every item's question in one line, labels
  removed ("Ich frage die Verwaltung: Wie viele …? Welche …?"; skips a document whose items hold
  more than their one "?").
- "paragraph", "paragraph, follow-up", "paragraph, request", "paragraph, no lead-in": the labels
  removed and every item's question set in one paragraph below the lead-in ("Fragen:" / "Wie viele
  …? Welche …?", as a word processor or a writer who does not number them sets them), "Falls nein,
  warum nicht?" or "Bitte begründen." after the first question (both part of it), or without the
  lead-in line (skips a document without a lead-in ending in ":" right above its list, or whose
  items hold more than their one "?" sentence).
- "① circled", "❶ dingbat", "☐ box": a word processor's circled numbers (Unicode's enclosed and
  dingbat digits) and a form's empty check box before each item (twenty-first round);
- "1. 2. 2. 4.", "1. 2. 4. 5.": numbers typed by hand that slip, the third item's number the
  second's again or one left out (skips a list of fewer than four items);
- "1.1", "1.Wie": decimal leaves without their dot and without a parent "1." line, and numbers
  touching their first word ("1.Wie viele …?", typed without the space);
- "> 1. mail quote": the list quoted in an e-mail reply, "> " before each of its lines (skips a
  list whose last item does not end in "?").
The control "original" parses the located documents as they are. Only the dev split is read;
check is never used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

_UNITS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
ROMAN = tuple(tens + unit for tens in ("", "X", "XX", "XXX") for unit in _UNITS)[1:]  # I … XXXIX
# A top-level label of the original text: "1.", "1)", "1.)", "1.:", "Frage 1:"; group 1 the word
# "Frage", group 2 the number, group 3 the mark after it.
_LABEL = re.compile(r"^(\s*)(Frage\s+)?(\d{1,2})\s*(\.\)|\.:|[.):])(?:\s+|$)")
_SUB_LABEL = re.compile(r"^\s*(?:[a-z]\)|[a-z]\.\s|\d{1,2}\.\d{1,2}|[-–•]\s)")
MAX_QUESTION_LINES = 8  # lines of one question up to its "?" (the longest in dev: 6)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class Located:
    """The top-level question list found in a text: the row of each item and its label's end."""

    lines: tuple[str, ...]
    rows: tuple[int, ...]
    ends: tuple[int, ...]  # where the label (and the space after it) ends in each row
    numbers: tuple[int, ...]

    def rest(self, k: int) -> str:
        """Return item k's first line without its label."""
        return self.lines[self.rows[k]][self.ends[k] :]

    def indent(self, k: int) -> str:
        line = self.lines[self.rows[k]]
        return line[: len(line) - len(line.lstrip())]

    def question_end(self, k: int) -> int | None:
        """Return the row of the line ending in "?" that ends item k's question, if it has one
        (within MAX_QUESTION_LINES non-empty lines, no sub-item before it)."""
        stop = self.rows[k + 1] if k + 1 < len(self.rows) else len(self.lines)
        seen = 0
        for row in range(self.rows[k], stop):
            line = self.lines[row]
            if not line.strip():
                continue
            if row > self.rows[k] and _SUB_LABEL.match(line):
                return None
            seen += 1
            if line.rstrip().endswith("?"):
                return row
            if seen >= MAX_QUESTION_LINES:
                return None
        return None


def locate(text: str, count: int, first_start: str) -> Located | None:
    """Return the labelled list of `count` items whose first item opens with `first_start`."""
    lines = text.split("\n")
    want = _fold(first_start)
    for row, line in enumerate(lines):
        match = _LABEL.match(line)
        if not match:
            continue
        opening = " ".join([line[match.end() :], *lines[row + 1 : row + 4]])
        if not _fold(opening).startswith(want[: max(len(want), 1)]):
            continue
        form = (match.group(2) or "", match.group(4))
        rows, ends, numbers = [row], [match.end()], [int(match.group(3))]
        for _ in range(count - 1):
            wanted = numbers[-1] + 1
            for nxt in range(rows[-1] + 1, len(lines)):
                found = _LABEL.match(lines[nxt])
                if (
                    found
                    and int(found.group(3)) == wanted
                    and (found.group(2) or "", found.group(4)) == form
                ):
                    rows.append(nxt)
                    ends.append(found.end())
                    numbers.append(wanted)
                    break
            else:
                return None
        return Located(tuple(lines), tuple(rows), tuple(ends), tuple(numbers))
    return None


def _relabel(found: Located, label: Callable[[int, int], str]) -> str:
    """Return the text with item k's label replaced by label(k, its number)."""
    lines = list(found.lines)
    for k, row in enumerate(found.rows):
        rest = found.rest(k)
        new = label(k, found.numbers[k])
        lines[row] = found.indent(k) + (f"{new} {rest}" if rest else new).strip()
    return "\n".join(lines)


def _letter(base: str) -> Callable[[int, int], str]:
    return lambda k, _n: f"{chr(ord('a') + k)}{base}" if k < 26 else f"z{k}{base}"


LABELS: dict[str, Callable[[int, int], str]] = {
    "1)": lambda _k, n: f"{n})",
    "(1)": lambda _k, n: f"({n})",
    "1.)": lambda _k, n: f"{n}.)",
    "1.:": lambda _k, n: f"{n}.:",
    "Frage 1:": lambda _k, n: f"Frage {n}:",
    "Frage 1.": lambda _k, n: f"Frage {n}.",
    "a)": _letter(")"),
    "A.": lambda k, _n: f"{chr(ord('A') + k)}.",
    "A)": lambda k, _n: f"{chr(ord('A') + k)})",
    "I.": lambda k, _n: f"{ROMAN[k]}." if k < len(ROMAN) else f"{k + 1}.",
    "start 5": lambda k, _n: f"{k + 5}.",
    "– en dash": lambda _k, _n: "–",
    "• bullet": lambda _k, _n: "•",
    "- hyphen": lambda _k, _n: "-",
    "1 -": lambda _k, n: f"{n} -",
    "1 –": lambda _k, n: f"{n} –",
    "1.-": lambda _k, n: f"{n}.-",
    "1/": lambda _k, n: f"{n}/",
    "1 bare": lambda _k, n: f"{n}",
    "Frage 1 -": lambda _k, n: f"Frage {n} -",
    "Frage 1 –": lambda _k, n: f"Frage {n} –",
    "Frage Nr. 1:": lambda _k, n: f"Frage Nr. {n}:",
    "Frage 1": lambda _k, n: f"Frage {n}",
    "Nr. 1": lambda _k, n: f"Nr. {n}",
    "Punkt 1:": lambda _k, n: f"Punkt {n}:",
    "F1:": lambda _k, n: f"F{n}:",
    "F 1:": lambda _k, n: f"F {n}:",
    "1. Frage:": lambda _k, n: f"{n}. Frage:",
    "1.1.": lambda _k, n: f"1.{n}.",
    "[1]": lambda _k, n: f"[{n}]",
    "o bullet": lambda _k, _n: "o",
    "▪ square": lambda _k, _n: "▪",
    "■ block": lambda _k, _n: "■",
    "► pointer": lambda _k, _n: "►",
    "➢ arrowhead": lambda _k, _n: "➢",
    "→ arrow": lambda _k, _n: "→",
    "➔ arrow": lambda _k, _n: "➔",
    "✓ check": lambda _k, _n: "✓",
    "❖ diamond": lambda _k, _n: "❖",
}
# German ordinal adverbs as labels ("Erstens: …", "Zweitens: …"): lists of at most twelve items.
ORDINALS = (
    "Erstens",
    "Zweitens",
    "Drittens",
    "Viertens",
    "Fünftens",
    "Sechstens",
    "Siebtens",
    "Achtens",
    "Neuntens",
    "Zehntens",
    "Elftens",
    "Zwölftens",
)


def ordinals(found: Located) -> str | None:
    """Return the text with item k labelled "Erstens:", "Zweitens:" …; None beyond twelve."""
    if len(found.rows) > len(ORDINALS):
        return None
    return _relabel(found, lambda k, _n: f"{ORDINALS[k]}:")


def no_label(found: Located, above: Callable[[int], str] | None = None) -> str | None:
    """Return the text with each item's label removed and its question joined into one line;
    `above(k)`, when given and not empty, is a line of its own set above item k's question."""
    ends = [found.question_end(k) for k in range(len(found.rows))]
    if any(end is None for end in ends):
        return None
    lines: list[str | None] = list(found.lines)
    for k, row in enumerate(found.rows):
        end = ends[k]
        assert end is not None
        parts = [found.rest(k), *(line for line in found.lines[row + 1 : end + 1] if line.strip())]
        lines[row] = found.indent(k) + " ".join(p.strip() for p in parts if p.strip())
        if above is not None and (heading := above(k)):
            lines[row] = f"{found.indent(k)}{heading}\n{lines[row]}"
        for other in range(row + 1, end + 1):
            lines[other] = None
    return "\n".join(line for line in lines if line is not None)


def inline(found: Located) -> str | None:
    """Return the text with the lead-in and every item run into one line, labels kept."""
    lead = found.rows[0] - 1
    while lead >= 0 and not found.lines[lead].strip():
        lead -= 1
    if lead < 0 or not found.lines[lead].rstrip().endswith(":"):
        return None
    last = found.question_end(len(found.rows) - 1)
    if last is None:
        return None
    for k in range(len(found.rows) - 1):  # an item holds its question only, no answer
        block = [line for line in found.lines[found.rows[k] : found.rows[k + 1]] if line.strip()]
        if not block[-1].rstrip().endswith("?") or found.question_end(k) is None:
            return None
    joined = " ".join(line.strip() for line in found.lines[lead : last + 1] if line.strip())
    return "\n".join([*found.lines[:lead], joined, *found.lines[last + 1 :]])


def short_inline(found: Located, label: Callable[[int, int], str] | None = None) -> str | None:
    """Return only the document's subject and its items run into one line, the lead-in left out,
    labels kept (or rewritten by `label`): a one-paragraph inquiry as an OParl File.text or a web
    page gives it ("Betreff: Sanierung der Grundschulen 1. Wie …? 2. …?"); skips a document that
    `inline` skips."""
    text = inline(found if label is None else locate_again(found, label))
    if text is None:
        return None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    joined = next(line for line in lines if line.endswith("?") and ": " in line)
    items = joined[joined.index(": ") + 2 :]
    at = next((k for k, line in enumerate(lines) if line.startswith(_SUBJECTS)), None)
    if at is None:
        title = next((line for line in lines if len(line) > 20 and line != joined), "")
    elif lines[at].endswith(":") and at + 1 < len(lines) and lines[at + 1] != joined:
        title = f"{lines[at]} {lines[at + 1]}"
    else:
        title = lines[at]
    return f"{title} {items}".strip()


_SUBJECTS = ("Betreff", "Gegenstand", "Anfrage:", "Thema")


def locate_again(found: Located, label: Callable[[int, int], str]) -> Located:
    """Return the list with its labels rewritten by `label`, located again."""
    lines = _relabel(found, label).split("\n")
    ends = [len(found.indent(k)) + len(label(k, n)) + 1 for k, n in enumerate(found.numbers)]
    return Located(tuple(lines), found.rows, tuple(ends), found.numbers)


def right_number(found: Located) -> str | None:
    """Return the text with each item's label removed and its number "(N)" set after the item's
    question line, in a right-hand column (spaces before it, as pdftotext keeps a column)."""
    ends = [found.question_end(k) for k in range(len(found.rows))]
    if any(end is None for end in ends):
        return None
    lines = list(found.lines)
    for k, row in enumerate(found.rows):
        lines[row] = found.indent(k) + found.rest(k)
        end = ends[k]
        assert end is not None
        lines[end] = f"{lines[end].rstrip()}{' ' * 6}({found.numbers[k]})"
    return "\n".join(lines)


# Topic headings between items: the section heads of the dev documents' own lists (Karlsruhe's
# "Zum Zustand …", Landtag answers' "Zu den Kosten"), each a short noun phrase.
TOPICS = ("Zum Sachstand", "Zu den Kosten", "Zum Zeitplan", "Zur Finanzierung", "Zur Beteiligung")


def _topics(found: Located, *, colon: bool) -> str | None:
    """Return the text with a topic heading on a line of its own above every item ("Zu den
    Kosten:", or without the colon as a bold heading prints)."""
    lines = list(found.lines)
    for k in reversed(range(len(found.rows))):
        heading = TOPICS[k % len(TOPICS)] + (":" if colon else "")
        lines.insert(found.rows[k], found.indent(k) + heading)
    return "\n".join(lines)


def lead_in_line(found: Located) -> str | None:
    """Return the text with the lead-in and every item's question run into one line, labels
    removed ("Ich frage die Verwaltung: Wie viele …? Welche …?"); skips a document whose items
    hold more than their one question."""
    lead = found.rows[0] - 1
    while lead >= 0 and not found.lines[lead].strip():
        lead -= 1
    if lead < 0 or not found.lines[lead].rstrip().endswith(":"):
        return None
    parts = [found.lines[lead].strip()]
    last = len(found.rows) - 1
    for k, row in enumerate(found.rows):
        end = found.question_end(k)
        stop = found.rows[k + 1] if k < last else (end or row) + 1
        if end is None or any(line.strip() for line in found.lines[end + 1 : stop]):
            return None
        item = " ".join([found.rest(k), *found.lines[row + 1 : end + 1]])
        if item.count("?") != 1:
            return None
        parts.append(" ".join(item.split()))
    end = found.question_end(last)
    assert end is not None
    return "\n".join([*found.lines[:lead], " ".join(parts), *found.lines[end + 1 :]])


def _one_question_each(found: Located) -> list[str] | None:
    """Return every item's question joined into one line, labels removed, or None if an item
    holds more than its one "?" sentence (an answer, a second question, sub-items)."""
    last = len(found.rows) - 1
    asked = []
    for k, row in enumerate(found.rows):
        end = found.question_end(k)
        stop = found.rows[k + 1] if k < last else (end or row) + 1
        if end is None or any(line.strip() for line in found.lines[end + 1 : stop]):
            return None
        item = " ".join(" ".join([found.rest(k), *found.lines[row + 1 : end + 1]]).split())
        if item.count("?") != 1 or not item[:1].isupper():
            return None
        asked.append(item)
    return asked


# What a writer adds after a question in a paragraph of them: a conditional follow-up that asks
# on from it, or a request that is no question (both stay part of that question).
AFTER_FIRST = {"": "", "follow-up": "Falls nein, warum nicht?", "request": "Bitte begründen."}


def paragraph(found: Located, *, after: str = "", lead_in: bool = True) -> str | None:
    """Return the text with every item's question set in one paragraph below the lead-in, labels
    removed ("Wir fragen die Verwaltung:" / "Wie viele …? Welche …? Bis wann …?"), `after`
    written after the first question; without `lead_in` the lead-in line is left out (the
    paragraph follows the subject). Skips a document without a lead-in ending in ":" right above
    its list or whose items hold more than their one question."""
    lead = found.rows[0] - 1
    while lead >= 0 and not found.lines[lead].strip():
        lead -= 1
    asked = _one_question_each(found)
    if lead < 0 or not found.lines[lead].rstrip().endswith(":") or asked is None:
        return None
    if after:
        asked[0] = f"{asked[0]} {after}"
    end = found.question_end(len(found.rows) - 1)
    assert end is not None
    head = found.lines[: lead + 1] if lead_in else found.lines[:lead]
    return "\n".join([*head, " ".join(asked), *found.lines[end + 1 :]])


def _headings(found: Located, *, restart: bool) -> str | None:
    """Return the text with "I. Allgemeines" above item 1 and "II. Einzelfragen" above the item
    after the middle; under II the numbers go on, or restart at 1."""
    if len(found.rows) < 2:
        return None
    middle = (len(found.rows) + 1) // 2
    lines = list(found.lines)
    if restart:
        for k in range(middle, len(found.rows)):
            row, line = found.rows[k], lines[found.rows[k]]
            match = _LABEL.match(line)
            assert match
            lines[row] = line[: match.start(3)] + str(k - middle + 1) + line[match.end(3) :]
    indent = found.indent(0)
    lines.insert(found.rows[middle], f"{indent}II. Einzelfragen")
    lines.insert(found.rows[0], f"{indent}I. Allgemeines")
    return "\n".join(lines)


def _sub_questions(found: Located, *, decimal: bool) -> str | None:
    """Return the text with two sub-questions on lines of their own after each item's question."""
    ends = [found.question_end(k) for k in range(len(found.rows))]
    if any(end is None for end in ends):
        return None
    lines = list(found.lines)
    for k in reversed(range(len(found.rows))):
        end = ends[k]
        assert end is not None
        first, second = (
            (f"{found.numbers[k]}.1", f"{found.numbers[k]}.2") if decimal else ("a)", "b)")
        )
        indent = found.indent(k)
        lines[end + 1 : end + 1] = [
            f"{indent}{first} Falls ja, seit wann?",
            f"{indent}{second} Falls nein, warum nicht?",
        ]
    return "\n".join(lines)


def _glued(found: Located) -> str:
    """Return the text with each item's number touching its first word ("1.Wie viele …?")."""
    lines = list(found.lines)
    for k, row in enumerate(found.rows):
        lines[row] = f"{found.indent(k)}{found.numbers[k]}.{found.rest(k)}"
    return "\n".join(lines)


def _slipped(found: Located, *, again: bool) -> str | None:
    """Return the text with the third item's number typed wrong: the second's again ("1. 2. 2.
    4.") or left out ("1. 2. 4. 5."). Skips a list of fewer than four items."""
    if len(found.rows) < 4:
        return None
    if again:
        return _relabel(found, lambda k, n: f"{n - 1}." if k == 2 else f"{n}.")
    return _relabel(found, lambda k, n: f"{n + 1}." if k >= 2 else f"{n}.")


def _mail_quoted(found: Located) -> str | None:
    """Return the text with every line of the list quoted as a reply quotes a mail ("> 1. Wie
    …?"), up to the last item's "?". Skips a list whose last item does not end in "?"."""
    end = found.question_end(len(found.rows) - 1)
    if end is None:
        return None
    lines = list(found.lines)
    for row in range(found.rows[0], end + 1):
        lines[row] = f"> {lines[row]}" if lines[row].strip() else ">"
    return "\n".join(lines)


def _glyph(first: int, last: int) -> Callable[[int, int], str]:
    """Return a label of glyphs numbered from code point `first` ("①"); past `last`, "N."."""
    return lambda _k, n: chr(first + n - 1) if 1 <= n <= last else f"{n}."


ORIGINAL = "original"
VARIANTS: dict[str, Callable[[Located], str | None]] = {
    # several unlabelled questions in one paragraph (issue #11, nineteenth round)
    "paragraph": paragraph,
    "paragraph, follow-up": partial(paragraph, after=AFTER_FIRST["follow-up"]),
    "paragraph, request": partial(paragraph, after=AFTER_FIRST["request"]),
    "paragraph, no lead-in": partial(paragraph, lead_in=False),
    ORIGINAL: lambda found: "\n".join(found.lines),
    **{name: partial(_relabel, label=label) for name, label in LABELS.items()},
    "Erstens:": ordinals,
    "no label": no_label,
    "no label, topic heading": partial(no_label, above=lambda k: TOPICS[k % len(TOPICS)]),
    "no label, Fragestellung:": partial(no_label, above=lambda k: "" if k else "Fragestellung:"),
    "inline": inline,
    "I. headings": lambda found: _headings(found, restart=False),
    "I. headings, restart": lambda found: _headings(found, restart=True),
    "sub 1.1": lambda found: _sub_questions(found, decimal=True),
    "sub a)": lambda found: _sub_questions(found, decimal=False),
    "right (1)": right_number,
    "topic heading:": lambda found: _topics(found, colon=True),
    "topic heading": lambda found: _topics(found, colon=False),
    "lead-in line": lead_in_line,
    "short inline": short_inline,
    "short inline, Frage 1": lambda found: short_inline(found, LABELS["Frage 1"]),
    # Nineteenth round (refslists19): a dash set apart after the number's mark ("1. - Wie …",
    # "1) – Wann …"), as typed lists print a number and a dash before each item.
    "1. -": partial(_relabel, label=lambda _k, n: f"{n}. -"),
    "1) –": partial(_relabel, label=lambda _k, n: f"{n}) –"),
    # Twenty-first round (lists21): labels printed as glyphs (a word processor's circled
    # numbering, a form's empty check boxes), numbers typed by hand that slip, a decimal leaf
    # without its dot and a number touching its word.
    "① circled": partial(_relabel, label=_glyph(0x2460, 20)),
    "❶ dingbat": partial(_relabel, label=_glyph(0x2776, 10)),
    "☐ box": partial(_relabel, label=lambda _k, _n: "☐"),
    "1. 2. 2. 4.": partial(_slipped, again=True),
    "1. 2. 4. 5.": partial(_slipped, again=False),
    "1.1": partial(_relabel, label=lambda _k, n: f"1.{n}"),
    "1.Wie": _glued,
    "> 1. mail quote": _mail_quoted,
}


def rewrite(text: str, label: dict[str, Any], variant: str) -> str | None:
    """Return the text with its top-level question labels in `variant`, or None if it cannot."""
    if not label.get("questions") or not label.get("first_question_start"):
        return None
    found = locate(text, label["questions"], label["first_question_start"])
    return VARIANTS[variant](found) if found else None


def numbered_documents(items: Iterable[Any]) -> Iterator[tuple[Any, Located, set[int]]]:
    """Yield (item, located list, accepted counts) for the labelled items whose numbered question
    list is found in the text: the documents every list-rewriting bench reads."""
    for item in items:
        label = item.label
        if not label.get("questions") or not label.get("first_question_start"):
            continue
        found = locate(item.text, label["questions"], label["first_question_start"])
        if found is not None:
            yield item, found, {label["questions"], *(label.get("questions_alt") or [])}


@dataclass
class Outcome:
    """One document read in one variant: count and first question right, what came out."""

    layout: str
    count: bool
    first: bool
    got: int
    first_got: str


def outcomes(
    items: Iterable[Any],
    parse: Callable[[str], Any] = parse_text,
    names: Iterable[str] | None = None,
) -> dict[str, list[tuple[str, Outcome]]]:
    """Return variant → [(document, outcome)] over labelled dev items with numbered questions
    (only the variants `names` when given)."""
    chosen = {name: VARIANTS[name] for name in (names or VARIANTS)}
    result: dict[str, list[tuple[str, Outcome]]] = {name: [] for name in chosen}
    for item, found, counts in numbered_documents(items):
        label = item.label
        want = _fold(label["first_question_start"])
        for name, transform in chosen.items():
            text = transform(found)
            if text is None:
                continue
            questions = parse(text).questions
            first = _fold(questions[0]) if questions else ""
            outcome = Outcome(
                label.get("layout") or "unknown",
                len(questions) in counts,
                first.startswith(want),
                len(questions),
                first[:70],
            )
            result[name].append((item.name, outcome))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument(
        "--variant", action="append", choices=list(VARIANTS), help="only these rows (repeatable)"
    )
    args = parser.parse_args()
    parse = shaped_parse(args.shape)
    names = [*(args.variant or []), *([args.show] if args.show else [])] or None
    result = outcomes(corpus_items("dev"), parse, dict.fromkeys(names) if names else None)
    print("\n".join(table(result)))
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.count or not outcome.first:
                print(name, outcome.got, repr(outcome.first_got))


if __name__ == "__main__":
    main()
