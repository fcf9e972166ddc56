"""Factions never heard of: dev documents with their party renamed. Reads the dev corpus (I/O).

Run: .venv/bin/python -m bench.faction_names [--show NAME] [--shape flat|para|wrap50|wrap40]

For each dev document whose label names factions, the PARTY NAME of its first labelled faction is
replaced inside every faction phrase of the text ("CDU-Ortschaftsratsfraktion" → "UWG-
Ortschaftsratsfraktion", "Fraktion DIE LINKE" → "Fraktion Freie Liste Neustadt", "(AfD)" →
"(Tierschutzpartei)", "Antragsteller: SPD", a letterhead or signature line that is the party alone),
not in running prose. Each unseen name of a different shape is put in turn, and the parser's
`factions` are scored:
- found: the new name is reported, canonical (faction table) or as written (case and spacing
  folded; one trailing word allowed, a letterhead's "Freie Wähler Karlsruhe"); a joint name
  ("WIR/Freie Liste") also as its groups, each reported;
- wrong: a reported faction that is neither the new name, nor a labelled faction, nor reported on
  the original text (a place, a person, an office, or a piece of the new name).
The control "known swap" puts another known party instead (SPD, CDU, FDP …), "original" is the text
as it is (found = the replaced faction reported). --shape brings each text, renamed or not, into a
shape of bench.text_shapes before it is read. Only the dev split is read; check is never used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.factions import canonical_faction, faction_spans
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

# Unseen names of different shapes (shape → name). "Freie Wähler …", "Die PARTEI" and
# "Tierschutzpartei" are in the faction table (canonicalised); the others are not.
UNSEEN: dict[str, str] = {
    "acronym": "UWG",
    "Wählergemeinschaft X": "Wählergemeinschaft Musterstadt",
    "Bürger für X": "Bürger für Lindenau",
    "Freie Wähler X": "Freie Wähler Neustadt",
    "Freie Liste X": "Freie Liste Neustadt",
    "Die PARTEI": "Die PARTEI",
    "one word": "Tierschutzpartei",
    "article + word": "Die Unabhängigen",
    "slash": "WIR/Freie Liste",
    # a local list whose name does not say it is a group (no "Liste", "Wähler", "für", acronym):
    # only its place in the letterhead does (twenty-first round)
    "plain words": "Aktive Bürger Neustadt",
}
KNOWN = ("SPD", "CDU", "FDP", "AfD", "Die Linke", "Bündnis 90/Die Grünen")
KNOWN_SWAP = "known swap"
ORIGINAL = "original"

_SEP = r"(?:,\s*|\s+und\s+|\s*/\s*|\s*&\s*)"
_OTHERS = rf"(?:[^\s,()]+{_SEP}){{0,2}}"
# What makes a mention of a party a faction phrase: the words around it on its line.
_AFTER_LABEL = re.compile(
    r"^\s?[-–]?\s?(?:[\wÄÖÜäöüß.]+-)*[\wäöüß]*(?:fraktion|gruppe)(?![\wäöüß])", re.I
)
_BEFORE_LABEL = re.compile(rf"(?:fraktion(?:en)?|gruppe)\s+(?:der\s+|von\s+)?{_OTHERS}$", re.I)
_BEFORE_BRACKET = re.compile(rf"\(\s*{_OTHERS}$")
_AFTER_BRACKET = re.compile(rf"^(?:{_SEP}[^()]{{0,30}})?\s*\)")
_BEFORE_FIELD = re.compile(
    r"^\s*(?:Anfrage|Antrag|Antragsteller(?:in)?|Eingereicht von|Einreicher(?:in)?|"
    rf"Interfraktionelle\s+\w+|Gemeinsame\s+\w+)\s*:?\s*{_OTHERS}$"
)
_BEFORE_ALONE = re.compile(r"^\s*(?:(?:i\.\s*A\.\s*)?für\s+die\s+)?$", re.I)
_AFTER_ALONE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\wäöüß-]+)?\s*$")


def in_faction_phrase(line: str, start: int, end: int) -> bool:
    """Return whether the party name at line[start:end] is part of a faction phrase."""
    before, after = line[:start], line[end:]
    return bool(
        _AFTER_LABEL.match(after)
        or _BEFORE_LABEL.search(before)
        or (_BEFORE_BRACKET.search(before) and _AFTER_BRACKET.match(after))
        or _BEFORE_FIELD.match(before)
        or (_BEFORE_ALONE.match(before) and _AFTER_ALONE.match(after))
    )


def _party(label_name: str) -> tuple[str | None, str]:
    """Return (canonical party, printed name) of a labelled faction ("Fraktion der SPD")."""
    canonical = canonical_faction(label_name)
    printed = re.sub(
        r"^(?:\w*fraktion|gruppe)\s+(?:der\s+)?|-?\s*(?:\w+-)?\w*fraktion(?:\s+\w+)?$",
        "",
        label_name.strip(),
        flags=re.I,
    ).strip()
    return canonical, printed


def _spans(line: str, canonical: str | None, printed: str) -> list[tuple[int, int]]:
    if canonical:
        return [(s, e) for s, e, name in faction_spans(line) if name == canonical]
    return [(m.start(), m.end()) for m in re.finditer(re.escape(printed), line)]


def substitute(text: str, label_name: str, new: str) -> tuple[str, int]:
    """Return the text with the labelled faction's party renamed in its faction phrases, and how
    many phrases were changed."""
    canonical, printed = _party(label_name)
    count = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        for start, end in reversed(_spans(line, canonical, printed)):
            # "B‘90/DIE GRÜNEN": the table reads only "GRÜNEN" after the typographic apostrophe.
            abbreviation = re.search(r"B\W?90\s*/\s*$", line[:start])
            start = abbreviation.start() if abbreviation else start
            address = re.search(r"\S*$", line[:start]).group(0) + re.match(
                r"\S*", line[end:]
            ).group(0)
            if in_faction_phrase(line, start, end) and not re.search(r"@|www\.|https?:", address):
                line = line[:start] + new + line[end:]
                count += 1
        lines[i] = line
    return "\n".join(lines), count


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def names_new(reported: str, new: str) -> bool:
    """Return whether a reported faction is the new name (canonical, as written, or + a place)."""
    canonical = canonical_faction(new)
    if canonical and canonical_faction(reported) == canonical:
        return True
    got, want = _fold(reported), _fold(new)
    return got == want or (got.startswith(want + " ") and len(got[len(want) :].split()) == 1)


def names_joint(reported: tuple[str, ...], new: str) -> bool:
    """Return whether a joint name ("WIR/Freie Liste") came out as its groups, each one."""
    parts = [p.strip() for p in new.split("/")]
    return len(parts) > 1 and all(any(names_new(f, p) for f in reported) for p in parts)


@dataclass
class Outcome:
    """One document read with one name: was the name found, which wrong factions came out."""

    layout: str
    found: bool
    wrong: list[str]


def _known_swap(label: dict[str, Any]) -> str:
    taken = {canonical_faction(f) or f for f in label["factions"]}
    return next(k for k in KNOWN if canonical_faction(k) not in taken)


def outcomes(
    items: Iterable[Any], parse: Callable[[str], Any] = parse_text
) -> dict[str, list[tuple[str, Outcome]]]:
    """Return name shape → [(document, outcome)] over labelled dev items."""
    result: dict[str, list[tuple[str, Outcome]]] = {}
    for item in items:
        label = item.label
        if not label.get("factions"):
            continue
        first = label["factions"][0]
        labelled = {canonical_faction(f) or _fold(f) for f in label["factions"]}
        original = parse(item.text).factions
        before = {canonical_faction(f) or _fold(f) for f in original}
        layout = label.get("layout") or "unknown"
        orig_canonical = canonical_faction(first) or _fold(first)
        result.setdefault(ORIGINAL, []).append(
            (item.name, Outcome(layout, orig_canonical in before, []))
        )
        names = {**UNSEEN, KNOWN_SWAP: _known_swap(label)}
        for shape, new in names.items():
            text, count = substitute(item.text, first, new)
            if not count:
                continue
            factions = parse(text).factions
            joint = names_joint(factions, new)
            found = joint or any(names_new(f, new) for f in factions)
            wrong = [
                f
                for f in factions
                if not names_new(f, new)
                and not (joint and any(names_new(f, p) for p in new.split("/")))
                and (canonical_faction(f) or _fold(f)) not in labelled | before
            ]
            result.setdefault(shape, []).append((item.name, Outcome(layout, found, wrong)))
    return result


def table(result: dict[str, list[tuple[str, Outcome]]]) -> list[str]:
    """Return markdown rows: per name shape, found overall / letter / form, documents with wrong."""
    rows = [
        "| name shape | name | found (all) | letter | form | documents with a wrong faction |",
        "|---|---|---:|---:|---:|---:|",
    ]
    totals = [0, 0]
    for shape, docs in result.items():
        cells = []
        for layout in (None, "letter", "form"):
            chosen = [o for _, o in docs if layout is None or o.layout == layout]
            cells.append(pct(sum(o.found for o in chosen), len(chosen)))
        wrong = sum(bool(o.wrong) for _, o in docs)
        name = UNSEEN.get(shape, "SPD, CDU, … (another)" if shape == KNOWN_SWAP else "as printed")
        rows.append(f"| {shape} | {name} | {' | '.join(cells)} | {wrong} |")
        if shape in UNSEEN:
            totals[0] += sum(o.found for _, o in docs)
            totals[1] += len(docs)
    rows.append(f"| all unseen | | {pct(*totals)} | | | |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a name shape misses or gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    args = parser.parse_args()
    parse = shaped_parse(args.shape)
    result = outcomes(corpus_items("dev"), parse)
    print("\n".join(table(result)))
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.found or outcome.wrong:
                print(name, outcome.layout, "found" if outcome.found else "MISSED", outcome.wrong)


if __name__ == "__main__":
    main()
