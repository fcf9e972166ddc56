"""The paper's own number printed without a label: dev documents with their number made bare. I/O.

Run: .venv/bin/python -m bench.bare_references [--shape NAME] [--show PLACE] [--all-values]

Reads the dev corpus (I/O); check is never read. For each dev document whose label has a printed
reference, EVERY occurrence of its number is taken out with the label printed before it
(bench.noref_variants.without_number: "Anfrage Nr.: AF0028/14", "Vorlage Nr.:" / "2016/0760",
"Drucksache 19/11138" at a running head's end; a line left with a label only goes whole, so a type
word that only served as the number's label goes with it). A new number V is then printed in
one place (rows):
- "own line": V alone on a line below the first printed line (SessionNet, ALLRIS and regisafe
  heads print the number in a cell of its own, its label in the template's graphics or nowhere);
- "after the type": V after the type word on one line ("Anfrage S0123/21", "ANFRAGE S0123/21":
  the type line where the document prints one filling its line, else a new line below the first
  printed line with the label's kind word: Anfrage, Antwort, Antrag, Vorlage, …);
- "right column": V at the end of the first printed line after a column gap ("Stadt Musterstadt
  <spaces> S0123/21": a letterhead with the number in its right-hand column);
- "page 2 head": V alone as the first line of page 2 only (a page break made where the text has
  none, as bench.noref_variants does): a running head printed on the pages after the first;
- "label with a note": "<label> V" below the first printed line, the label carrying a note in
  brackets or a second label ("Drucksache Nr. (ggf. Nachtragsvermerk)", "Vorlage DS-Nr.");
- "answer: own, then cited" / "answer: cited, then own" (documents labelled Antwort only): V
  alone on a line and "Antwort zur Anfrage F0045/21" (the inquiry it answers) below the first
  printed line, in both orders. Expected: V, the answer's own number: the dev labels name the
  inquiry's number only where the answer prints none of its own (Dresden's letters, whose only
  number is the inquiry's; Karlsruhe's Stellungnahmen, which share the inquiry's Vorlage Nr.).
- "stamp, run in" (twentieth round): V opening the first printed line, the line's text after it
  (a number stamped at the page's top right, read into the letterhead's first line);
- "page 2 running head" (twentieth round): "V – Seite 2" as the first line of page 2 only; "… after
  a cell": "Stadt Musterstadt – V – Seite 2 von 3" (an office template's head, its first cell, the
  number and the page counter).
Expected everywhere: V. A number of another paper left in the text that the parser reads makes a
row miss; "number removed" (the text with nothing printed) is the control and should read none.

The values V (each document gets one, cycling, so every value meets every kind of document;
--all-values prints every value in every place), in shapes generalised from the dev references,
never from a check Kommune's: a letter prefix before number and two-digit year ("S0123/21",
Dresden's "AF2008/13" and "A0087/09" with another letter), a council's or an office's code before
number and year ("RAT/038/2026", "AT/12345/2021"; ALLRIS's "VO/2021/1234" with other codes), a
type's abbreviation and an electoral period before number and year ("BV 7/0123/2021"; the
Landtag's "19/11138" with a prefix), year, council code and number ("21/SVV/0456"), Leipzig's
period, type and number ("VII-A-01234"), Karlsruhe's year and number ("2021/0123"), a number with
a version after it ("1234/21/2").
Scores per place and per value: "right" (V) and "no invented" (V or none).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bench.kind_variants import type_spot
from bench.noref_variants import reference_reader, with_page_2_trap, without_number
from bench.reference_variants import _fold, own_number
from bench.text_shapes import SHAPES
from bench.variants import pct
from tests.corpus_data import corpus_items

VALUES = (
    "S0123/21",
    "RAT/038/2026",
    "AT/12345/2021",
    "BV 7/0123/2021",
    "21/SVV/0456",
    "VII-A-01234",
    "2021/0123",
    "1234/21/2",
)
# Labels with a note or a second label before the number ("label with a note" cycles them).
NOTE_LABELS = (
    "Drucksache Nr. (ggf. Nachtragsvermerk)",
    "Vorlage DS-Nr.",
    "Vorlagen-Nr. (neu)",
    "Drucksache (Ergänzung)",
    "Anfrage Drucksachen-Nr.",
    "Vorlage Nr. (öffentlich):",
)
CITED_INQUIRY = "Antwort zur Anfrage F0045/21"
# The kind word printed before the number where the document prints no type line of its own.
KIND_WORDS = {
    "Anfrage": "Anfrage",
    "Antwort": "Antwort",
    "Antrag": "Antrag",
    "Vorlage": "Vorlage",
    "Informationsvorlage": "Informationsvorlage",
    "Niederschrift": "Niederschrift",
    "sonstiges": "Mitteilung",
}
GAP = "        "
REMOVED = "number removed"
PLACES = (
    "own line",
    "after the type",
    "right column",
    "page 2 head",
    "label with a note",
    "answer: own, then cited",
    "answer: cited, then own",
    "stamp, run in",
    "page 2 running head",
    "page 2 running head after a cell",
)


def _first_printed(lines: list[str]) -> int:
    return next((k for k, line in enumerate(lines) if line.strip()), 0)


def _below_first(text: str, *new: str) -> str:
    lines = text.split("\n")
    at = _first_printed(lines) + 1
    return "\n".join([*lines[:at], *new, *lines[at:]])


def _after_type(text: str, value: str, kind: str) -> str:
    lines = text.split("\n")
    spot = type_spot(lines)
    if spot is not None and not spot.in_label and not lines[spot.line][spot.end :].strip():
        lines[spot.line] = f"{lines[spot.line].rstrip()} {value}"
        return "\n".join(lines)
    return _below_first(text, f"{KIND_WORDS.get(kind, 'Mitteilung')} {value}")


def _right_column(text: str, value: str) -> str:
    lines = text.split("\n")
    at = _first_printed(lines)
    lines[at] = f"{lines[at].rstrip()}{GAP}{value}"
    return "\n".join(lines)


def _stamp_run_in(text: str, value: str) -> str:
    lines = text.split("\n")
    at = _first_printed(lines)
    lines[at] = f"{value} {lines[at].lstrip()}"
    return "\n".join(lines)


def placed(text: str, place: str, value: str, kind: str, k: int = 0) -> str | None:
    """Return `text` (its own number removed) with `value` printed at `place`, or None when the
    place does not apply (the answer rows for a document not labelled Antwort)."""
    if place == "own line":
        return _below_first(text, value)
    if place == "after the type":
        return _after_type(text, value, kind)
    if place == "right column":
        return _right_column(text, value)
    if place == "page 2 head":
        return with_page_2_trap(text, value)
    if place == "stamp, run in":
        return _stamp_run_in(text, value)
    if place == "page 2 running head":
        return with_page_2_trap(text, f"{value} – Seite 2")
    if place == "page 2 running head after a cell":
        return with_page_2_trap(text, f"Stadt Musterstadt – {value} – Seite 2 von 3")
    if place == "label with a note":
        return _below_first(text, f"{NOTE_LABELS[k % len(NOTE_LABELS)]} {value}")
    if kind != "Antwort":
        return None
    if place == "answer: own, then cited":
        return _below_first(text, value, CITED_INQUIRY)
    return _below_first(text, CITED_INQUIRY, value)


@dataclass(frozen=True)
class Case:
    """One rewritten document: its row, the value printed (None: the control) and its text."""

    place: str
    value: str | None
    text: str


def cases(items: Iterable[Any], all_values: bool = False) -> list[tuple[str, Case]]:
    """Return (document name, case) for every dev document with a printed reference."""
    result = []
    k = 0
    for item in items:
        if own_number(item.text, item.label) is None:
            continue
        removed = without_number(item.text, item.label)
        if removed is None:
            continue
        result.append((item.name, Case(REMOVED, None, removed)))
        for p, place in enumerate(PLACES):
            values = VALUES if all_values else (VALUES[(k + p) % len(VALUES)],)
            for value in values:
                text = placed(removed, place, value, item.label.get("kind") or "", k)
                if text is not None:
                    result.append((item.name, Case(place, value, text)))
        k += 1
    return result


@dataclass
class Tally:
    """Documents used, read right (the value printed), read as another number."""

    used: int = 0
    right: int = 0
    wrong: int = 0
    missed: list[str] = field(default_factory=list)


def score(
    items: Iterable[Any],
    read: Callable[[str], str | None],
    all_values: bool = False,
    only: str | None = None,
) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """Return (place → tally, value → tally) over the dev items (`only`: this place)."""
    places: dict[str, Tally] = {}
    values: dict[str, Tally] = {}
    for name, case in cases(items, all_values):
        if only is not None and case.place != only:
            continue
        got = read(case.text)
        expected = _fold(re.sub(r"\s*([/-])\s*", r"\1", case.value)) if case.value else None
        tallies = [places.setdefault(case.place, Tally())]
        if case.value is not None:
            tallies.append(values.setdefault(case.value, Tally()))
        for tally in tallies:
            tally.used += 1
            if expected is not None and _fold(got) == expected:
                tally.right += 1
            elif got is not None:
                tally.wrong += 1
        if _fold(got) != (expected or ""):
            tallies[0].missed.append(f"{name} [{case.value}]: {got!r}")
    return places, values


def table(places: dict[str, Tally], values: dict[str, Tally]) -> list[str]:
    """Return markdown rows: place or value, documents, right, no invented."""
    rows = ["| place / value | documents | right | no invented |", "|---|---:|---:|---:|"]
    for name, t in [*places.items(), *((f"value {v}", t) for v, t in values.items())]:
        right = pct(t.right, t.used) if name != REMOVED else "–"
        rows.append(f"| {name} | {t.used} | {right} | {pct(t.used - t.wrong, t.used)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show", help="only this place, with the documents it reads wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument("--all-values", action="store_true", help="every value in every place")
    args = parser.parse_args()
    places, values = score(
        corpus_items("dev"), reference_reader(args.shape), args.all_values, args.show
    )
    print("\n".join(table(places, values)))
    if args.show:
        print("\n".join(places[args.show].missed))


if __name__ == "__main__":
    main()
