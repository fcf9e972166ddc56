"""A council member's party, wherever it is printed: dev documents with the submitter rewritten as
a named member. Reads the dev corpus (I/O).

Run: .venv/bin/python -m bench.member_parties [--shape NAME] [--sample K] [--only TEXT]
     [--show VARIANT]

bench.faction_variants rewrites the faction PHRASE; this bench names a PERSON instead and puts
the party beside the name. For each dev document whose label names factions and whose submitter
phrases can be rewritten (bench.faction_variants.phrases: head lines, fields, letterhead or
signature lines naming a labelled faction, never prose), the phrases are replaced by one of the
variants below, in place (head, lead-in, field) or as a closing block at the end (the phrase
lines then go). Each variant is read twice: with the party as the label names it (the first
labelled party as printed; a second one, where the variant names two, is the label's second
or another known party) and with an unknown local name, one per document in turn: "UWG",
"Wählergemeinschaft Musterstadt", "Bürger für Musterstadt", "Die Guten", "Liste Zukunft" (the
shapes of local lists: an acronym, a "Wähler…" word, "… für …", an article and a word, a
"Liste"). The reader must take such a name from the structure: no faction table knows it.

Where the variants come from (German council conventions, none from a check document or a check
Kommune's layout):
- a member with a role noun, in the nominative alone on a head line ("Stadträtin Anna Schmidt
  (X)"), in the genitive of a lead-in ("Anfrage des Ratsmitglieds …") and in the dative
  ("eingereicht vom Ratsherrn …"): the role nouns of Germany's councils (Ratsmitglied/Ratsherr/
  Ratsfrau in Lower Saxony and NRW, Stadtrat/Stadträtin in Bavaria, Saxony, Baden-Württemberg,
  Stadtverordnete in Hesse and Brandenburg, Gemeinderat, Kreisrat, Kreistagsabgeordnete,
  Bezirksverordnete in Berlin and Hamburg, Bezirksvertreter in NRW's Bezirksvertretungen,
  Ortschaftsrat, Ortsbeiratsmitglied in Hesse, "Mitglied des Rates", sachkundige Bürger in NRW
  committees, Abgeordnete in Landtage); the forms rotate over the documents;
- without a role noun: "Anfrage von Anna Schmidt (X)", "eingereicht von …", a head line
  "Anna Schmidt (X)" alone, the party after a comma or a dash or on the next line;
- fields: "Einreicher: Stadtrat Peter Klein, X", "Antragsteller: Anna Schmidt (X)";
- several members, each with a party ("… Anna Schmidt (X) und Peter Klein (Y)", two head
  lines) or one for all ("Anfrage der Stadträte Anna Schmidt und Peter Klein (X)");
- the signature block: the name, then "(X)" or "Stadträtin, X" below it, or "Name, X";
- a joint group's slash name before its label ("X/FB-Fraktion", "X/FB-Gruppe", "X/Y-Gruppe im
  Rat"): both groups, the partner as printed ("X" and "FB": the dev label "FDP/FB" is the FDP
  with the Freie Bürger, Karlsruhe's "SPD/BL" the SPD with the Bürgerliste), never "/FB-Fraktion";
  both groups for "X/Y"; an unknown "X/FB" read whole counts as right.
Traps (expect NO faction): a place or an Ortsteil in brackets ("(Musterstadt-Nord)",
"(Ortsteil Lindenau)"), an office or a title ("(MdB)", "(Vorsitzende)", "(Bürgermeister)",
", Bürgermeisterin"), a date ("(12.03.2021)"), a committee ("(Bauausschuss)"), the
administration's signing of an answer ("Dr. Peter Klein (Bürgermeister)" under the closing), a
citizen ("Einwohnerfrage von Anna Schmidt (Musterstadt-Nord)"), "(parteilos)" (the dev labels read
no faction from a member's "(parteilos)" or "(fraktionslos)": Niedersachsen Drs. 19/11197,
Karlsruhe's FW letters name their group elsewhere). A trap row's wrong count includes documents
whose other text still names a group (as bench.faction_variants' negative rows).

Scores per variant: documents, right with the labelled name, right with the unknown name
(every expected faction reported, nothing else), and documents with a wrong faction (either
reading). --shape brings each text into a shape of bench.text_shapes first; --sample K reads
every K-th document only (quicker, for work in progress; the tables in docs/benchmarks.md read
all).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.faction_names import _known_swap, names_new
from bench.faction_variants import END, INPLACE, Outcome, _expected, _key, _score, phrases, rewrite
from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from tests.corpus_data import corpus_items

UNKNOWN = (
    "UWG",
    "Wählergemeinschaft Musterstadt",
    "Bürger für Musterstadt",
    "Die Guten",
    "Liste Zukunft",
)


@dataclass(frozen=True)
class Variant:
    """One way to name the member: templates ({p}: the party, {q}: a second party), rotated over
    the documents; `end`: a closing block after the text, not in place; `two`: names two
    parties; `trap`: expect none."""

    forms: tuple[str, ...]
    end: bool = False
    two: bool = False
    trap: bool = False


def _role(nominative: str, genitive: str, dative: str) -> Variant:
    """Return a role's three cases: a head line, a lead-in in the genitive, one in the dative."""
    return Variant(
        (
            f"{nominative} Anna Schmidt ({{p}})",
            f"Anfrage {genitive} Anna Schmidt ({{p}})",
            f"eingereicht {dative} Anna Schmidt ({{p}})",
        )
    )


def _roles(*cases: tuple[str, str, str]) -> Variant:
    return Variant(tuple(form for case in cases for form in _role(*case).forms))


_CLOSE = "Mit freundlichen Grüßen\n\n"
VARIANTS: dict[str, Variant] = {
    "role: Ratsmitglied": _roles(("Ratsmitglied", "des Ratsmitglieds", "vom Ratsmitglied")),
    "role: Ratsherr / Ratsfrau": _roles(
        ("Ratsherr", "des Ratsherrn", "vom Ratsherrn"),
        ("Ratsfrau", "der Ratsfrau", "von Ratsfrau"),
    ),
    "role: Stadtrat / Stadträtin": _roles(
        ("Stadtrat", "des Stadtrats", "vom Stadtrat"),
        ("Stadträtin", "der Stadträtin", "von Stadträtin"),
    ),
    "role: Stadtverordnete/r": _roles(
        ("Stadtverordneter", "des Stadtverordneten", "vom Stadtverordneten"),
        ("Stadtverordnete", "der Stadtverordneten", "von der Stadtverordneten"),
    ),
    "role: Gemeinderat / -rätin": _roles(
        ("Gemeinderat", "des Gemeinderates", "von Gemeinderat"),
        ("Gemeinderätin", "der Gemeinderätin", "von der Gemeinderätin"),
    ),
    "role: Kreisrat / -rätin": _roles(
        ("Kreisrat", "des Kreisrats", "vom Kreisrat"),
        ("Kreisrätin", "der Kreisrätin", "von Kreisrätin"),
    ),
    "role: Kreistagsabgeordnete/r": _roles(
        ("Kreistagsabgeordneter", "des Kreistagsabgeordneten", "vom Kreistagsabgeordneten"),
        ("Kreistagsabgeordnete", "der Kreistagsabgeordneten", "von der Kreistagsabgeordneten"),
    ),
    "role: Bezirksverordnete/r": _roles(
        ("Bezirksverordneter", "des Bezirksverordneten", "vom Bezirksverordneten"),
        ("Bezirksverordnete", "der Bezirksverordneten", "von der Bezirksverordneten"),
    ),
    "role: Bezirksvertreter/in": _roles(
        ("Bezirksvertreter", "des Bezirksvertreters", "vom Bezirksvertreter"),
        ("Bezirksvertreterin", "der Bezirksvertreterin", "von der Bezirksvertreterin"),
    ),
    "role: Ortschaftsrat / -rätin": _roles(
        ("Ortschaftsrat", "des Ortschaftsrats", "vom Ortschaftsrat"),
        ("Ortschaftsrätin", "der Ortschaftsrätin", "von Ortschaftsrätin"),
    ),
    "role: Ortsbeiratsmitglied": _roles(
        ("Ortsbeiratsmitglied", "des Ortsbeiratsmitglieds", "vom Ortsbeiratsmitglied")
    ),
    "role: Mitglied des Rates": _roles(
        ("Mitglied des Rates", "des Mitglieds des Rates", "vom Mitglied des Rates")
    ),
    "role: sachkundige/r Bürger/in": _roles(
        ("Sachkundige Bürgerin", "der sachkundigen Bürgerin", "von der sachkundigen Bürgerin"),
        ("Sachkundiger Bürger", "des sachkundigen Bürgers", "vom sachkundigen Bürger"),
    ),
    "role: Abgeordnete/r": _roles(
        ("Abgeordneter", "des Abgeordneten", "vom Abgeordneten"),
        ("Abgeordnete", "der Abgeordneten", "von der Abgeordneten"),
    ),
    "no role: Anfrage von Name (X)": Variant(("Anfrage von Anna Schmidt ({p})",)),
    "no role: eingereicht von Name (X)": Variant(("eingereicht von Anna Schmidt ({p})",)),
    "no role: head line Name (X)": Variant(("Anna Schmidt ({p})", "Dr. Peter Klein ({p})")),
    "no role: Name, X": Variant(("Anna Schmidt, {p}", "Anfrage von Peter Klein, {p}")),
    "no role: Name – X": Variant(("Anna Schmidt – {p}", "Peter Klein - {p}")),
    "no role: Name / (X) next line": Variant(("Anna Schmidt\n({p})", "Peter Klein\n{p}")),
    "role: Name, X": Variant(("Stadtrat Peter Klein, {p}", "Ratsfrau Anna Schmidt, {p}")),
    "role: Name – X": Variant(("Stadträtin Anna Schmidt – {p}", "Ratsherr Peter Klein - {p}")),
    "role: Name / (X) next line": Variant(("Stadträtin Anna Schmidt\n({p})",)),
    "Einreicher: Stadtrat Name, X": Variant(("Einreicher: Stadtrat Peter Klein, {p}",)),
    "Antragsteller: Name (X)": Variant(("Antragsteller: Anna Schmidt ({p})",)),
    "two members, two parties": Variant(
        (
            "Anfrage der Bezirksverordneten Anna Schmidt ({p}) und Peter Klein ({q})",
            "Anfrage von Anna Schmidt ({p}) und Peter Klein ({q})",
            "Anna Schmidt ({p})\nPeter Klein ({q})",
            "Stadträtin Anna Schmidt, {p}\nStadtrat Peter Klein, {q}",
        ),
        two=True,
    ),
    "two members, one party": Variant(
        (
            "Anfrage der Stadträte Anna Schmidt und Peter Klein ({p})",
            "Anfrage von Anna Schmidt und Peter Klein ({p})",
            "Ratsmitglieder Anna Schmidt, Peter Klein ({p})",
        )
    ),
    "signature: Name / (X)": Variant((_CLOSE + "Anna Schmidt\n({p})",), end=True),
    "signature: Name / Stadträtin, X": Variant(
        (_CLOSE + "Anna Schmidt\nStadträtin, {p}", _CLOSE + "Peter Klein\nRatsherr, {p}"), end=True
    ),
    "signature: Name, X": Variant(
        (_CLOSE + "Anna Schmidt, {p}", _CLOSE + "Peter Klein – {p}"), end=True
    ),
    "signature: two signers (X) (Y)": Variant(
        (_CLOSE + "Anna Schmidt ({p})\nPeter Klein ({q})",), end=True, two=True
    ),
    "slash group: X/FB-Fraktion": Variant(
        ("Anfrage der {p}/FB-Fraktion", "{p}/FB-Gruppe im Rat", "Antrag der {p}/FB-Fraktion")
    ),
    "slash group: X/Y-Gruppe": Variant(
        ("{p}/{q}-Gruppe im Rat", "Anfrage der {p}/{q}-Fraktion", "Gruppe {p}/{q}"), two=True
    ),
    "trap: Anfrage von Name (Musterstadt-Nord)": Variant(
        ("Anfrage von Anna Schmidt (Musterstadt-Nord)", "Anna Schmidt (Musterstadt-Nord)"),
        trap=True,
    ),
    "trap: Stadträtin Name (Musterstadt-Nord)": Variant(
        ("Stadträtin Anna Schmidt (Musterstadt-Nord)",), trap=True
    ),
    "trap: (Ortsteil Lindenau)": Variant(
        ("Anfrage von Anna Schmidt (Ortsteil Lindenau)", "Anna Schmidt, Ortsteil Lindenau"),
        trap=True,
    ),
    "trap: (MdB)": Variant(("Anfrage von Anna Schmidt (MdB)", "Peter Klein (MdL)"), trap=True),
    "trap: (Vorsitzende)": Variant(
        ("Anfrage von Anna Schmidt (Vorsitzende)", "Anna Schmidt – Vorsitzende"), trap=True
    ),
    "trap: (Bürgermeister)": Variant(
        ("Anfrage von Dr. Peter Klein (Bürgermeister)", "Anna Schmidt, Bürgermeisterin"),
        trap=True,
    ),
    "trap: (12.03.2021)": Variant(("Anfrage von Anna Schmidt (12.03.2021)",), trap=True),
    "trap: (Bauausschuss)": Variant(
        ("Anfrage von Anna Schmidt (Bauausschuss)", "Anna Schmidt, Bauausschuss"), trap=True
    ),
    "trap: answer signed (Bürgermeister)": Variant(
        (_CLOSE + "Dr. Peter Klein (Bürgermeister)", _CLOSE + "Dr. Peter Klein\nBürgermeister"),
        end=True,
        trap=True,
    ),
    "trap: citizen": Variant(("Einwohnerfrage von Anna Schmidt (Musterstadt-Nord)",), trap=True),
    "trap: (parteilos)": Variant(
        ("Stadträtin Anna Schmidt (parteilos)", "Anfrage von Peter Klein (parteilos)"), trap=True
    ),
}


@dataclass
class Reading:
    """One rewritten document read with the labelled name and with an unknown one."""

    labelled: Outcome
    unknown: Outcome


Parse = Callable[[str], Any]


def _unknown_score(reported: Iterable[str], want: list[str], new: str, layout: str) -> Outcome:
    """Score a reading with an unknown name `new` in place of the first expected party."""
    reported = list(reported)
    rest = {_key(w) for w in want[1:]}
    found = not want or (
        any(names_new(f, new) for f in reported) and rest <= {_key(f) for f in reported}
    )
    wrong = [f for f in reported if not names_new(f, new) and _key(f) not in rest]
    if not want:
        found, wrong = not reported, list(reported)
    return Outcome(layout, found, found and not wrong, wrong)


def rewritten(
    text: str, label: dict[str, Any], form: str, *, end: bool = False, **names: str
) -> str:
    """Return a dev text with its submitter phrases replaced by `form` ({p}, {q}: `names`, else
    the parties as printed), or the text unchanged when no phrase can be rewritten."""
    read = phrases(text, label)
    if not read:
        return text
    found, printed = read
    parties = {"p": printed[0], "q": printed[1] if len(printed) > 1 else _known_swap(label)}
    return rewrite(text, found, form.format(**{**parties, **names}), END if end else INPLACE)


def readings(
    items: Iterable[Any], parse: Parse, *, sample: int = 1, only: str = ""
) -> dict[str, list[tuple[str, str, Reading]]]:
    """Return variant → [(document, text form, reading)] over labelled dev items."""
    result: dict[str, list[tuple[str, str, Reading]]] = {}
    usable = [item for item in items if item.label.get("factions")]
    for index, item in enumerate(usable[::sample]):
        read = phrases(item.text, item.label)
        if not read:
            continue
        found, printed = read
        expected = _expected(item.label)
        layout = item.label.get("layout") or "unknown"
        printed += [e for e in expected if e not in {_key(p) for p in printed}]
        second = printed[1] if len(expected) > 1 else _known_swap(item.label)
        new = UNKNOWN[index % len(UNKNOWN)]
        for name, variant in VARIANTS.items():
            if only and only not in name:
                continue
            if len(expected) > 1 and not variant.two and not variant.trap:
                continue  # one party named: the label's second would be missing
            form = variant.forms[index % len(variant.forms)]
            place = END if variant.end else INPLACE
            if variant.trap:
                want: list[str] = []
            elif variant.two:
                want = [expected[0], expected[1] if len(expected) > 1 else second]
            elif "/FB" in form:
                want = [*expected[:1], "FB"]  # the joint group's partner as printed
            else:
                want = expected[:1]
            q = printed[1] if len(expected) > 1 else second
            labelled_text = rewrite(item.text, found, form.format(p=printed[0], q=q), place)
            unknown_text = rewrite(item.text, found, form.format(p=new, q=q), place)
            unknown = parse(unknown_text).factions
            if "/FB" in form and [_key(f) for f in unknown] == [_key(f"{new}/FB")]:
                unknown = (new, "FB")  # no part known: the joint group's name read whole
            reading = Reading(
                _score(parse(labelled_text).factions, want, layout),
                _unknown_score(unknown, want, new, layout),
            )
            result.setdefault(name, []).append((item.name, form, reading))
    return result


def table(result: dict[str, list[tuple[str, str, Reading]]]) -> list[str]:
    """Return markdown rows: per variant, documents, right (labelled name, unknown name), wrong."""
    rows = [
        "| variant | docs | right, labelled name | right, unknown name | docs with a wrong "
        "faction |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, docs in result.items():
        reads = [r for _, _, r in docs]
        wrong = sum(bool(r.labelled.wrong or r.unknown.wrong) for r in reads)
        rows.append(
            f"| {name} | {len(reads)} | {pct(sum(r.labelled.right for r in reads), len(reads))} | "
            f"{pct(sum(r.unknown.right for r in reads), len(reads))} | {wrong} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument("--sample", type=int, default=1, help="every K-th document only")
    parser.add_argument("--only", default="", help="the variants whose name holds this text")
    args = parser.parse_args()
    result = readings(
        corpus_items("dev"), shaped_parse(args.shape), sample=args.sample, only=args.only
    )
    print("\n".join(table(result)))
    if args.show:
        for doc, form, reading in result.get(args.show, []):
            for which, outcome in (("labelled", reading.labelled), ("unknown", reading.unknown)):
                if not outcome.right:
                    missed = "found" if outcome.found else "MISSED"
                    print(doc, which, repr(form), missed, outcome.wrong)


if __name__ == "__main__":
    main()
