"""Answers that quote the inquiry in other ways: the rewrites bench.answer_variants adds. Pure.

Each function takes a dev answer document cut by bench.answer_variants.segments into (lines
before the first question, [(question lines, answer lines)], closing lines) and writes it again
with only the way the questions are quoted changed; every answer line stays as it is. The
layouts are those answer letters and Stellungnahmen print (Dresden's answer letters quote each
question „…"; Karlsruhe's and Nordstemmen's answers repeat it unnumbered; letters of
Bürgermeister and Bezirksämter introduce it "Sie fragen:" / "Ihre Frage lautete:" / "Zu Ihrer
ersten Frage:"); none is taken from a check document or a check Kommune's layout:
- "unnumbered ?": every question without its number, a paragraph of its own, then its answer
  (only documents whose every question ends with "?": nothing else sets such a question apart);
- "„…“ unnumbered" / '"…" unnumbered': every question without its number in quotation marks;
- "„1. …“": the number inside the quotation mark;
- "Frage: / Antwort:": "Frage:" opening the question, "Antwort:" opening its answer, no number;
- "Frage: … Antwort: … one line": both labels on one line, the question between them and the
  answer's first line after "Antwort:" (a form's two fields in a row);
- "table Frage | Antwort": a two-column table read row by row, the question and the answer's
  first line on one line under a "Frage Antwort" header row (a Stellungnahme set as a table);
- "unnumbered, Antwort:": the question's lines without number or marks, "Antwort:" on the line
  before its answer (the questions set in italics, which text does not keep);
- "Sie fragen:", "Ihre Frage lautete: „…“", "Zu Ihrer ersten Frage:": an introducing phrase
  before each unnumbered question (the ordinal counts: "zweiten", "dritten", …);
- "Auf Ihre Frage „…“ antworte ich:": the question quoted inside the sentence that answers it;
- "inquiry whole, then letter": the inquiry quoted whole (its lead-in, the numbered questions,
  a justification) before a letter that answers "Zu 1." … or in one text ("… whole");
- "letter": a salutation to the asker, a lead-in, the answers (numbered as printed, or
  unnumbered "?" paragraphs), "Mit freundlichen Grüßen", the official's name and title.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Pairs = list[tuple[list[str], list[str]]]
Cut = tuple[list[str], Pairs, list[str]]

_NUMBER = re.compile(r"^(\s*)[„\"]?\s*(?:Frage\s+)?\d{1,2}\s*(?:\.\)|\)|\.|:)\s*")
_OPENING = '„"“»'
_CLOSING = '“”"«'
_SALUTATION = re.compile(r"^\s*(?:Sehr geehrte|Liebe[rs]?\s)")
_CLOSING_LINE = re.compile(r"^\s*Mit freundlichen Grüßen")
_ORDINALS = [
    "ersten",
    "zweiten",
    "dritten",
    "vierten",
    "fünften",
    "sechsten",
    "siebten",
    "achten",
    "neunten",
    "zehnten",
    "elften",
    "zwölften",
    "dreizehnten",
    "vierzehnten",
    "fünfzehnten",
    "sechzehnten",
    "siebzehnten",
    "achtzehnten",
    "neunzehnten",
]
_UNITS = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
JUSTIFICATION = [
    "Begründung:",
    "Die Fragen ergeben sich aus Hinweisen von Bürgerinnen und Bürgern. Die Fraktion bittet",
    "um schriftliche Beantwortung.",
]
SIGNATURE = ["Mit freundlichen Grüßen", "", "Max Muster", "Bürgermeister"]


def ordinal(k: int) -> str:
    """Return the German ordinal in the dative after "Ihrer" ("ersten", "einundzwanzigsten")."""
    if k < 20:
        return _ORDINALS[k - 1]
    tens = {2: "zwanzigsten", 3: "dreißigsten", 4: "vierzigsten"}[k // 10]
    return tens if k % 10 == 0 else f"{_UNITS[k % 10 - 1]}und{tens}"


def bare_question(question: list[str]) -> list[str]:
    """Return a question's lines without its number and without the marks quoting it."""
    lines = [line.rstrip() for line in question]
    lines[0] = _NUMBER.sub(r"\1", lines[0])
    stripped = lines[0].lstrip()
    if stripped[:1] in _OPENING:
        lines[0] = stripped[1:].lstrip()
    if lines[-1][-1:] in _CLOSING and lines[-1][-2:-1] in set(".?!)"):
        lines[-1] = lines[-1][:-1].rstrip()
    return lines


def _asks(question: list[str]) -> bool:
    return bare_question(question)[-1].endswith("?")


def _quoted(lines: list[str], opening: str = "„", closing: str = "“") -> list[str]:
    return (
        [opening + lines[0], *lines[1:-1], lines[-1] + closing]
        if len(lines) > 1
        else [f"{opening}{lines[0]}{closing}"]
    )


def _inline(head: str, lines: list[str]) -> list[str]:
    """Return lines with `head` opening the first non-empty one."""
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return [*lines[:first], f"{head} {lines[first].lstrip()}", *lines[first + 1 :]]


def _interleaved(
    pairs: Pairs, write: Callable[[int, list[str], list[str]], list[str]]
) -> list[str]:
    return [x for k, (q, a) in enumerate(pairs, 1) for x in write(k, bare_question(q), a)]


def _head_before_salutation(head: list[str]) -> list[str]:
    """Return the lines before a letter's own salutation (its lead-in goes with it)."""
    at = next((i for i, line in enumerate(head) if _SALUTATION.match(line)), len(head))
    return head[:at]


def _tail_without_closing(tail: list[str]) -> list[str]:
    return tail[1:] if tail and _CLOSING_LINE.match(tail[0]) else tail


def _letter(head: list[str], body: list[str], tail: list[str]) -> list[str]:
    return [
        *_head_before_salutation(head),
        "Sehr geehrte Frau Muster,",
        "",
        "Ihre Anfrage beantworte ich wie folgt:",
        "",
        *body,
        "",
        *SIGNATURE,
        *_tail_without_closing(tail),
    ]


def quoting_variants(head: list[str], pairs: Pairs, tail: list[str]) -> dict[str, tuple[str, bool]]:
    """Return variant name → (text, answered per question) of one segmented document."""

    def join(body: list[str]) -> str:
        return "\n".join([*head, *body, *tail])

    out: dict[str, tuple[str, bool]] = {}
    every_asks = all(_asks(q) for q, _ in pairs)
    if every_asks:
        out["unnumbered ?"] = (join(_interleaved(pairs, lambda k, q, a: ["", *q, "", *a])), True)
    out["„…“ unnumbered"] = (join(_interleaved(pairs, lambda k, q, a: [*_quoted(q), *a])), True)
    out['"…" unnumbered'] = (
        join(_interleaved(pairs, lambda k, q, a: [*_quoted(q, '"', '"'), *a])),
        True,
    )
    out["„1. …“"] = (
        join(_interleaved(pairs, lambda k, q, a: [*_quoted(_inline(f"{k}.", q)), *a])),
        True,
    )
    out["Frage: / Antwort:"] = (
        join(_interleaved(pairs, lambda k, q, a: [*_inline("Frage:", q), *_inline("Antwort:", a)])),
        True,
    )
    out["Sie fragen:"] = (
        join(_interleaved(pairs, lambda k, q, a: ["", *_inline("Sie fragen:", q), *a])),
        True,
    )
    out["Ihre Frage lautete: „…“"] = (
        join(_interleaved(pairs, lambda k, q, a: ["Ihre Frage lautete:", *_quoted(q), *a])),
        True,
    )
    out["Zu Ihrer ersten Frage:"] = (
        join(_interleaved(pairs, lambda k, q, a: [f"Zu Ihrer {ordinal(k)} Frage:", *q, *a])),
        True,
    )
    out["Auf Ihre Frage „…“ antworte ich:"] = (
        join(_interleaved(pairs, lambda k, q, a: [*_asked_in_sentence(q), *a])),
        True,
    )
    out["unnumbered, Antwort:"] = (
        join(_interleaved(pairs, lambda k, q, a: [*q, "Antwort:", *a])),
        True,
    )
    out["Frage: … Antwort: … one line"] = (
        join(_interleaved(pairs, lambda k, q, a: _same_line("Frage:", q, "Antwort:", a))),
        True,
    )
    out["table Frage | Antwort"] = (
        join(["Frage Antwort", *_interleaved(pairs, lambda k, q, a: _same_line("", q, "", a))]),
        True,
    )
    inquiry = ["Die Anfrage lautet:", "", *[x for q, _ in pairs for x in q], "", *JUSTIFICATION]
    for name, numbered in (("Zu 1.", True), ("whole", False)):
        answers = [
            x for k, (_, a) in enumerate(pairs, 1) for x in ([f"Zu {k}.", *a] if numbered else a)
        ]
        out[f"inquiry whole, then letter: {name}"] = (
            "\n".join(_letter([*_head_before_salutation(head), *inquiry, ""], answers, tail)),
            numbered,
        )
    numbered_body = [x for q, a in pairs for x in [*q, *a]]
    out["letter: numbered"] = ("\n".join(_letter(head, numbered_body, tail)), True)
    if every_asks:
        unnumbered = _interleaved(pairs, lambda k, q, a: ["", *q, "", *a])
        out["letter: unnumbered ?"] = ("\n".join(_letter(head, unnumbered, tail)), True)
    return out


def _same_line(ask: str, question: list[str], answer_label: str, answer: list[str]) -> list[str]:
    """Return a question and its answer on one line ("Frage: Wie …? Antwort: Die …"): a form's
    two labels in a row, or a two-column table's row read left to right (no labels); the
    answer's further lines (its paragraphs, a table) follow below."""
    asked = " ".join(x.strip() for x in question if x.strip())
    lines = [x for x in answer if x.strip()]
    first = lines[0].strip() if lines else ""
    row = " ".join(x for x in (ask, asked, answer_label, first) if x)
    return [row, *lines[1:]]


def _asked_in_sentence(question: list[str]) -> list[str]:
    """Return "Auf Ihre Frage „…?“ antworte ich wie folgt:" around a question's lines."""
    return _quoted(question, "Auf Ihre Frage „", "“ antworte ich wie folgt:")
