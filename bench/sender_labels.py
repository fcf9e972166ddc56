"""Submitters behind a sender field's label: dev documents with the party removed, then printed
once in a labelled sender field. Reads the dev corpus (I/O).

Run: .venv/bin/python -m bench.sender_labels [--shape NAME] [--show ROW]

The removal is bench.letter_variants' (`strip_factions`); a document that still prints the party,
or whose label names more than one, is not used. The value is a submitter parse_text reads on the
dev documents themselves ("SPD-Ortschaftsratsfraktion", "Stadtrat Marc Bernhard (AfD)", "Fraktion
Bündnis 90/Die Grünen"): each document's own first submitter that names its labelled party, else
"Fraktion <party>". It is printed as the text's first line behind one of the sender labels of
council systems and letters ("Antragsteller/in:", "Verfasser:", "Absender:", "Urheber:",
"Einbringer:", "Von:", "Einreicher:", …; the gendered forms "/in", "*in", "In" as forms print
them). Rows "mixed case": the document's party as printed in the label, its words after the first
in a stylised case ("Die Linke" → "DIE lINKE", as "DIE aNDERE" prints itself), behind
"Einreicher: Fraktion"; only names of two words or more.
Scored per row: no submitter begins with a field label or a label's fragment ("/in: …"), and the
factions read are the label's (bench.faction_variants' scoring; mixed case: the name as printed,
any case).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from typing import Any

from bench.faction_names import names_new
from bench.faction_variants import _expected, _score
from bench.letter_variants import TOP, place, strip_factions
from bench.parse_accuracy import reader
from bench.variants import pct
from fetcher.parse import parse_text
from fetcher.parse.submitters import factions_of_submitter
from tests.corpus_data import corpus_items

LABELS = (
    "Antragsteller/in:",
    "Antragsteller*in:",
    "AntragstellerIn:",
    "Antragstellerin:",
    "Fragesteller/in:",
    "Einreicher:",
    "Einreicher/in:",
    "Eingereicht von:",
    "Verfasser:",
    "Verfasserin:",
    "Absender:",
    "Urheber:",
    "Einbringer:",
    "Von:",
)
MIXED = "mixed case: Einreicher: Fraktion"
# What a submitter never begins with: a field label ("Verfasser:", "Antragsteller/in:") or a
# label's fragment ("/in:", "in:").
_LABEL_START = re.compile(r"^(?:[/*:]?[iI]n(?:nen)?\s*:|[A-ZÄÖÜ][\wäöüß]*(?:[/*:]?[iI]n)?\s*:)")


def mixed_case(name: str) -> str | None:
    """Return a name's words after the first in a stylised case ("Die Linke" → "DIE lINKE"), or
    None for a name of one word."""
    words = name.split()
    if len(words) < 2:
        return None
    rest = [w[:1].lower() + w[1:].upper() if w[:1].isalpha() else w for w in words[1:]]
    return " ".join([words[0].upper(), *rest])


def _submitter(text: str, label: dict[str, Any], party: str) -> str:
    """Return the document's own first submitter that names its party, else "Fraktion <party>"."""
    want = _expected(label)
    for value in parse_text(text).submitters:
        if party in value and any(
            _expected({"factions": [f]}) == want for f in factions_of_submitter(value)
        ):
            return value
    return f"Fraktion {party}"


def outcomes(
    items: Iterable[Any], parse: Callable[[str], Any]
) -> dict[str, list[tuple[str, bool, bool, list[str]]]]:
    """Return row → [(document, no label in submitters, factions right, submitters)]."""
    result: dict[str, list[tuple[str, bool, bool, list[str]]]] = {}
    for item in items:
        label = item.label
        if len(label.get("factions") or []) != 1:
            continue
        read = strip_factions(item.text, label)
        if read is None:
            continue
        stripped, printed = read
        if len(printed) != 1:
            continue
        value = _submitter(item.text, label, printed[0])
        rows = [(name, f"{name} {value}") for name in LABELS]
        if mixed := mixed_case(printed[0]):
            rows.append((MIXED, f"Einreicher: Fraktion {mixed}"))
        for row, line in rows:
            doc = parse(place(stripped, line, TOP))
            clean = not any(_LABEL_START.match(s) for s in doc.submitters)
            if row == MIXED:
                right = bool(doc.factions) and all(names_new(f, printed[0]) for f in doc.factions)
            else:
                right = _score(doc.factions, _expected(label), "").right
            result.setdefault(row, []).append((item.name, clean, right, list(doc.submitters)))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", help="bench.text_shapes shape first")
    parser.add_argument("--show", help="list the documents a row gets wrong")
    args = parser.parse_args()
    result = outcomes(corpus_items("dev"), reader("text", args.shape))
    print("| sender field | documents | no label in submitters | factions right |")
    print("|---|---:|---:|---:|")
    for row in (*LABELS, MIXED):
        docs = result.get(row, [])
        no_label = pct(sum(d[1] for d in docs), len(docs))
        factions = pct(sum(d[2] for d in docs), len(docs))
        print(f"| {row} | {len(docs)} | {no_label} | {factions} |")
    if args.show:
        for name, clean, right, submitters in result.get(args.show, []):
            if not (clean and right):
                print(
                    name, "label" if not clean else "", "faction" if not right else "", submitters
                )


if __name__ == "__main__":
    main()
