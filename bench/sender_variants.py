"""A letter's sender named where bench.letter_variants does not look: dev documents with every
mention of the labelled party removed, then the sender printed in ONE new place. Reads the dev
corpus (I/O).

Run: .venv/bin/python -m bench.sender_variants [--shape NAME] [--via-pdf paged] [--styles]
     [--only VARIANT] [--show VARIANT] [--letters]

The removal is bench.letter_variants' (`strip_factions`: every phrase, prose mention and address
naming a labelled party goes; a text that still prints it is not used). Each variant then prints
the sender in one place (first line, after the last line, the foot of every page), and the
expected factions are the label's, canonicalised as bench.faction_variants does. Where each place
comes from (general conventions of German letters, DIN 5008 letter paper and council groups'
practice; none from a check document, none from the check Kommunen's layouts):
- the signature only: "<Name>, Fraktionsvorsitzende" above a line with the group's name; "<Name>
  (<group>)"; "Stadtrat <Name>, <group>"; two signers of two groups (a joint inquiry: both
  expected), each with the group in brackets or after a comma;
- a role line without the word "Fraktion": "Gruppe X" (a council group too small for a faction,
  Lower Saxony's and other councils), "Gruppe X/Y im Rat …", "Ratsgruppe X/Y" under a signature,
  "Die Ratsmitglieder der X" under the signers, "X Ortsverband Musterstadt" (a party's local
  branch as letterhead); "Wählergemeinschaft X e.V." as a style (--styles);
- the sender only in the letterhead's or footer's e-mail or web line: "E-Mail:
  fraktion@x-musterstadt.de", "www.x-fraktion-musterstadt.de", a contact line on every page
  (the party's address form is its slug, fetcher.factions.faction_slug: "gruene", "spd");
- the group's name alone as letterhead (address lines below), or in one line with the address,
  or a footer "X · address": with --styles the acronym and slash groups local councils have
  ("GfK", "WIR", "BIW", "FWG", "UWG", "BfB", "SPD/Volt", "Wählergemeinschaft Musterstadt e.V.",
  "Bürger für Musterstadt").
What is and is not a faction here, by structure: a council group (Fraktion, Gruppe, Ratsgruppe,
Zählgemeinschaft), the council members of a party signing together, and a party's local branch
(Ortsverband) sending the letter name the group behind the paper; a group the letter is
ADDRESSED to, copied to or distributed to names none.
Negatives (expect none), on the same stripped texts AND on the dev documents whose label names no
faction (answers, citizens' and the administration's letters; there "SPD" and "CDU" are put):
an addressee block "An die X-Fraktion im Rat …", an addressee person "Herrn Max Muster /
Vorsitzender der X-Fraktion", "Verteiler: an die Fraktionen X und Y", a cc line "Kopie: X-Fraktion,
Y-Fraktion", a cc e-mail "cc: fraktion@x-musterstadt.de". The two addressee negatives skip the
replies (label kind "Antwort", and "sonstiges", Dresden's interim notices): a reply is addressed
to the faction that asked, and the dev labels name that faction for it (Dresden's answers print
"CDU-Fraktion / im Stadtrat … / Herrn Stadtrat …" as their addressee block).

Scores as bench.letter_variants (right, found, letters right, documents with a wrong faction).
--styles puts the style names into the variants marked for it (documents labelled with one
party). --via-pdf paged renders each rewritten text (after --shape) to a paged PDF and reads it
with parse_pdf_file (slow: use --letters or --only). --letters: letters only.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.faction_names import _known_swap, names_new
from bench.faction_variants import Outcome, _expected, _score, table
from bench.letter_variants import END, PAGES, TOP, place, strip_factions
from bench.parse_accuracy import reader
from fetcher.factions import faction_slug
from tests.corpus_data import corpus_items

_CLOSE = "Mit freundlichen Grüßen\n\n"
_ADDRESS = "Rathaus, Marktplatz 1, 12345 Musterstadt"


@dataclass(frozen=True)
class Variant:
    """One place and phrasing: its template ({p}, {q}: parties; {ps}, {qs}: their slugs)."""

    template: str
    place: str
    joint: bool = False
    negative: bool = False
    styles: bool = False
    addressee: bool = False  # not on replies: a reply's addressee is the inquirer


VARIANTS: dict[str, Variant] = {
    "signature: Name, Fraktionsvorsitzende / X": Variant(
        _CLOSE + "Erika Beispiel, Fraktionsvorsitzende\n{p}", END, styles=True
    ),
    "signature: Name (X)": Variant(_CLOSE + "Max Muster ({p})", END, styles=True),
    "signature: Stadtrat Name, X": Variant(_CLOSE + "Stadtrat Max Muster, {p}", END, styles=True),
    "signature: two signers (X) (Y)": Variant(
        _CLOSE + "Max Muster ({p})\nErika Beispiel ({q})", END, joint=True
    ),
    "signature: Stadtrat Name, X / Stadträtin Name, Y": Variant(
        _CLOSE + "Stadtrat Max Muster, {p}\nStadträtin Erika Beispiel, {q}", END, joint=True
    ),
    "letterhead: Gruppe X": Variant("Gruppe {p}", TOP, styles=True),
    "letterhead: Gruppe X/Y im Rat": Variant(
        "Gruppe {p}/{q} im Rat der Stadt Musterstadt", TOP, joint=True
    ),
    "signature: Name / Ratsgruppe X/Y": Variant(
        _CLOSE + "Max Muster\nRatsgruppe {p}/{q}", END, joint=True
    ),
    "signature: Die Ratsmitglieder der X": Variant(
        _CLOSE + "Max Muster     Erika Beispiel\nDie Ratsmitglieder der {p}", END, styles=True
    ),
    "letterhead: X Ortsverband Musterstadt": Variant("{p} Ortsverband Musterstadt", TOP),
    "letterhead: X alone, address below": Variant(
        "{p}\nMarktplatz 1\n12345 Musterstadt", TOP, styles=True
    ),
    "letterhead: X · address": Variant("{p} · Marktplatz 1 · 12345 Musterstadt", TOP, styles=True),
    "footer: X · address": Variant(
        "{p} · Marktplatz 1 · 12345 Musterstadt · Tel. 0123 456-789", END, styles=True
    ),
    "letterhead: e-mail fraktion@x-musterstadt.de": Variant(
        f"{_ADDRESS}\nTel. 0123 456-789\nE-Mail: fraktion@{{ps}}-musterstadt.de", TOP
    ),
    "footer: www.x-fraktion-musterstadt.de": Variant(
        "Rathaus · Marktplatz 1 · 12345 Musterstadt · www.{ps}-fraktion-musterstadt.de", END
    ),
    "footer on every page: Tel. · e-mail": Variant(
        "Marktplatz 1 · 12345 Musterstadt · Tel. 0123 456-789 · "
        "E-Mail: fraktion@{ps}-musterstadt.de",
        PAGES,
    ),
    "negative: An die X-Fraktion (addressee)": Variant(
        "An die\n{p}-Fraktion im Rat der Stadt Musterstadt\nHerrn Max Muster\n"
        "Marktplatz 1\n12345 Musterstadt",
        TOP,
        negative=True,
        addressee=True,
    ),
    "negative: Herrn Name / Vorsitzender der X-Fraktion (addressee)": Variant(
        "Herrn\nMax Muster\nVorsitzender der {p}-Fraktion\nMarktplatz 1\n12345 Musterstadt",
        TOP,
        negative=True,
        addressee=True,
    ),
    "negative: Verteiler an die Fraktionen X und Y": Variant(
        "Verteiler: an die Fraktionen {p} und {q}", END, negative=True
    ),
    "negative: Kopie: X-Fraktion, Y-Fraktion": Variant(
        "Kopie: {p}-Fraktion, {q}-Fraktion", END, negative=True
    ),
    "negative: cc: fraktion@x-musterstadt.de": Variant(
        "cc: fraktion@{ps}-musterstadt.de", END, negative=True
    ),
}
STYLES = (
    "GfK",
    "WIR",
    "BIW",
    "FWG",
    "UWG",
    "BfB",
    "SPD/Volt",
    "Wählergemeinschaft Musterstadt e.V.",
    "Bürger für Musterstadt",
)
# The parties put into the negatives of documents whose label names none.
_UNLABELLED = ("SPD", "CDU")
NO_FACTION = "no faction in the label"


def _slug(name: str) -> str:
    """Return a party's address form ("gruene", "spd"), as its e-mail and web addresses print it."""
    return faction_slug(name)


def _style_score(reported: Iterable[str], new: str, layout: str) -> Outcome:
    """Score a style: each group of a slash name is expected ("SPD/Volt"), "e.V." is no part."""
    reported = list(reported)
    parts = [re.sub(r"\s*e\.\s?V\.$", "", p.strip()) for p in new.split("/")]
    found = all(any(names_new(f, p) for f in reported) for p in parts)
    wrong = [f for f in reported if not any(names_new(f, p) for p in parts)]
    return Outcome(layout, found, found and not wrong, wrong)


def _fill(variant: Variant, p: str, q: str) -> str:
    return variant.template.format(p=p, q=q, ps=_slug(p), qs=_slug(q))


def outcomes(
    items: Iterable[Any],
    parse: Callable[[str], Any],
    *,
    styles: bool = False,
    only: str | None = None,
    letters: bool = False,
) -> tuple[dict[str, list[tuple[str, Outcome]]], dict[str, int]]:
    """Return variant → [(document, outcome)] over dev items, and the skip counts."""
    result: dict[str, list[tuple[str, Outcome]]] = {}
    skipped = {"still printed": 0}
    chosen = {n: v for n, v in VARIANTS.items() if not only or only == n}
    for item in items:
        label = item.label
        layout = label.get("layout") or "unknown"
        if letters and layout != "letter":
            continue
        # a reply (an answer, an interim notice) is addressed to the faction that asked
        answer = label.get("kind") in ("Antwort", "sonstiges")
        if not label.get("factions"):
            if styles:
                continue
            for name, variant in chosen.items():
                if variant.negative and not (variant.addressee and answer):
                    text = place(item.text, _fill(variant, *_UNLABELLED), variant.place)
                    outcome = _score(parse(text).factions, [], layout)
                    result.setdefault(f"{name} · {NO_FACTION}", []).append((item.name, outcome))
            continue
        expected = _expected(label)
        read = strip_factions(item.text, label)
        if read is None:
            skipped["still printed"] += 1
            continue
        stripped, printed = read
        for name, variant in chosen.items():
            if styles:
                if not variant.styles or len(expected) > 1:
                    continue
                for new in STYLES:
                    text = place(stripped, _fill(variant, new, new), variant.place)
                    outcome = _style_score(parse(text).factions, new, layout)
                    result.setdefault(f"{name} · {new}", []).append((item.name, outcome))
                continue
            if len(expected) != len(printed) or len(expected) > 2:
                continue  # "FW|FÜR", one label naming two groups, is not used
            if variant.addressee and answer:
                continue
            other = printed[1] if len(printed) > 1 else _known_swap(label)
            if variant.negative:
                want: list[str] = []
            elif variant.joint:
                want = expected if len(expected) > 1 else [*expected, _known_swap(label)]
            elif len(expected) > 1:
                continue  # one party's phrasing cannot name several
            else:
                want = expected
            text = place(stripped, _fill(variant, printed[0], other), variant.place)
            result.setdefault(name, []).append(
                (item.name, _score(parse(text).factions, want, layout))
            )
    return result, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant misses or gets wrong")
    parser.add_argument("--shape", help="bench.text_shapes shape first")
    parser.add_argument("--via-pdf", choices=("paged",), help="read through a rendered PDF")
    parser.add_argument("--only", help="run one variant only")
    parser.add_argument("--styles", action="store_true", help="acronym, slash and local groups")
    parser.add_argument("--letters", action="store_true", help="letters only")
    args = parser.parse_args()
    result, skipped = outcomes(
        corpus_items("dev"),
        reader(args.via_pdf or "text", args.shape),
        styles=args.styles,
        only=args.only,
        letters=args.letters,
    )
    print("\n".join(table(result)))
    print(f"not used (a name still printed after the removal): {skipped['still printed']}")
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.right:
                print(name, outcome.layout, "found" if outcome.found else "MISSED", outcome.wrong)


if __name__ == "__main__":
    main()
