"""Faction phrasings: dev documents with the submitter phrase rewritten. Reads the dev corpus (I/O).

Run: .venv/bin/python -m bench.faction_variants [--shape NAME] [--show VARIANT] [--only REGEX]

bench.faction_names renames the PARTY inside a faction phrase; this bench rewrites the PHRASE
around the party. For each dev document whose label names factions, the submitter phrase (every
line of the head, a field, the letterhead or the signature that names a labelled faction in a
faction phrase, found with bench.faction_names' matcher) is put into another real phrasing:
consecutive phrase lines (a list of members "Stadtrat X (FDP)" …) become one line, a line's own
tail after the phrase (", eingegangen am …", " vom 21.08.2020 – Titel", " - Drs. 19/7497") and a
line's leading field with a number ("Eingang: 30.04.2024, ") stay. A document whose faction is
also named in running prose ("Die CDU-Fraktion hat folgende Fragen") cannot be rewritten
without changing a sentence: it is skipped, and the bench says how many documents each variant
used. The expected factions come from the label (joint variants add a second known party to a
document that names one); negatives expect none.

Where each phrasing comes from (the issue's list first, then council-system conventions):
- members with the party in brackets: Landtag "Anfrage der Abgeordneten … (CDU)" (issue #11, the
  Niedersachsen Drucksachen of dev), "Stadtverordnete …" (Hessian Stadtverordnetenversammlungen),
  "Stadtrat … (Die Linke)" (Karlsruhe/Bavarian forms), "Ratsmitglied …, CDU-Fraktion" (NRW councils,
  ALLRIS "Antragsteller" values), "Bezirksverordneter …" (Hamburg Bezirksversammlungen);
- the faction as the subject of the request ("die Fraktion BÜNDNIS 90/DIE GRÜNEN bittet …", issue);
- the faction with its council body ("SPD-Fraktion in der Bezirksvertretung …", issue: the place
  must not come out);
- field labels of SessionNet/ALLRIS/SD.NET paper heads: "Antragsteller:", "Einreicher:",
  "Fragesteller:";
- groups: "Gruppe X im Rat" (Lower Saxony's councils and Landtag), "Zählgemeinschaft X/Y" (Berlin
  style counting alliances, taken from the issue's wording, not from a check document),
  "Fraktionen von X und Y" (joint motions);
- a signature block "Für die Fraktion X / Name / Fraktionsvorsitzender" and the party alone in the
  letterhead (letters of factions, the issue's list); letterheads "X-Fraktion im Rat der Stadt …"
  and "Ratsfraktion" above the party, a signature "Name / Fraktionsvorsitzende / X-Fraktion" and
  a signer with the party in brackets (common letter layouts of council factions);
- negatives: "fraktionslos", "Einzelstadtrat", "Einzelstadtverordneter" (members without a
  faction), a Stadtteilbeirat, an Ortsvorsteher and a citizen as submitter.
No phrasing was taken from a document of the check split.

Scores per variant: used documents, "right" (every expected faction reported, nothing else),
"found" (every expected faction reported) and documents with a wrong faction reported. With
--shape each rewritten text is first brought into a shape of bench.text_shapes. The unseen table
puts bench.faction_names' UNSEEN names (a few) into the variants marked for it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.faction_names import UNSEEN, _known_swap, _party, _spans, in_faction_phrase, names_new
from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.factions import canonical_faction, factions_in
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

# Where the phrase goes: in place of the phrase lines, as the first line, or as a closing block.
INPLACE, TOP, END = "inplace", "top", "end"


@dataclass(frozen=True)
class Variant:
    """One phrasing: its template ({p}: the party, {pp}: the parties of a joint phrase)."""

    template: str
    place: str = INPLACE
    joint: bool = False
    negative: bool = False
    unseen: bool = False
    joiner: str = ""  # how a joint phrase joins its parties ("" → "X, Y und Z"; "/"; " & ")
    closing: str = ""  # a closing put after the text's last line besides the phrase
    names: tuple[str, ...] = ()  # further bench.faction_names UNSEEN shapes for the unseen table


VARIANTS: dict[str, Variant] = {
    "Anfrage der Abgeordneten (X)": Variant(
        "Anfrage der Abgeordneten Max Muster ({p})", unseen=True
    ),
    "Stadtverordnete (X)": Variant("Stadtverordnete Erika Muster ({p})"),
    "Stadtrat (X)": Variant("Stadtrat Max Muster ({p})"),
    "Ratsmitglied, X-Fraktion": Variant("Ratsmitglied Max Muster, {p}-Fraktion", unseen=True),
    "Bezirksverordneter (X)": Variant("Bezirksverordneter Max Muster ({p})"),
    "die Fraktion X bittet": Variant(
        "die Fraktion {p} bittet um die Beantwortung folgender Fragen:", unseen=True
    ),
    "X-Fraktion in der Bezirksvertretung": Variant(
        "{p}-Fraktion in der Bezirksvertretung Musterstadt-Nord", unseen=True
    ),
    "Antragsteller: X-Ratsfraktion": Variant("Antragsteller: {p}-Ratsfraktion", unseen=True),
    "Einreicher: Fraktion X": Variant("Einreicher: Fraktion {p}"),
    "Fragesteller: X": Variant("Fragesteller: {p}", unseen=True),
    "Gruppe X im Rat": Variant("Gruppe {p} im Rat", unseen=True),
    "Zählgemeinschaft X/Y": Variant("Zählgemeinschaft {pp}", joint=True),
    "Fraktionen von X und Y": Variant("Fraktionen von {pp}", joint=True),
    "signature: Für die Fraktion X": Variant(
        "Mit freundlichen Grüßen\n\nFür die Fraktion {p}\nMax Muster\nFraktionsvorsitzender",
        place=END,
        unseen=True,
    ),
    "letterhead: party alone": Variant("{p}", place=TOP, unseen=True),
    "letterhead: X-Fraktion im Rat der Stadt": Variant(
        "{p}-Fraktion im Rat der Stadt Musterstadt", place=TOP, unseen=True
    ),
    "letterhead: Ratsfraktion / X": Variant("Ratsfraktion\n{p}", place=TOP, unseen=True),
    "signature: Name / Fraktionsvorsitzende / X-Fraktion": Variant(
        "Mit freundlichen Grüßen\n\nErika Muster\nFraktionsvorsitzende\n{p}-Fraktion",
        place=END,
        unseen=True,
    ),
    "signature: Name (X)": Variant("Mit freundlichen Grüßen\n\nMax Muster ({p})", place=END),
    "fraktionslos": Variant("Stadtrat Max Muster (fraktionslos)", negative=True),
    "Einzelstadtrat": Variant("Einzelstadtrat Max Muster", negative=True),
    "Einzelstadtverordneter": Variant("Einzelstadtverordneter Max Muster", negative=True),
    "Stadtteilbeirat": Variant("Antragsteller: Stadtteilbeirat Musterstadt-Nord", negative=True),
    "Ortsvorsteher": Variant("Anfrage des Ortsvorstehers Max Muster", negative=True),
    "citizen": Variant("Einwohnerfrage von Max Muster, Musterweg 3", negative=True),
    # Eighteenth round (German letter practice, no check Kommune's layout): a letter's footer or
    # letterhead as one row of cells, the group's name first, then its address and telephone
    # (DIN 5008 Geschäftsangaben set in one line, parted by a bar or a middle dot); a joint
    # group named with "&" (Lower Saxony's "Gruppe X & Y"); a member with a place, a district
    # or a ward in brackets instead of a party (no faction).
    "footer row: Fraktion X, street, Tel.": Variant(
        "Fraktion {p} | Rathausplatz 1 | 12345 Musterstadt | Tel. 0123 4567",
        place=END,
        unseen=True,
    ),
    "letterhead: X-Fraktion · street · Tel.": Variant(
        "{p}-Fraktion · Rathausplatz 1 · Tel. 0123 4567 · fraktion@example.org",
        place=TOP,
        unseen=True,
    ),
    "Gruppe X & Y im Rat": Variant(
        "Gruppe {pp} im Rat der Stadt Musterstadt", joint=True, joiner=" & "
    ),
    "Stadträtin (Musterstadt-Nord)": Variant(
        "Stadträtin Anna Schmidt (Musterstadt-Nord)", negative=True
    ),
    "Stadtrat (Wahlkreis …)": Variant(
        "Stadtrat Max Muster (Wahlkreis Musterstadt-Süd)", negative=True
    ),
    # Nineteenth round (letters of council members and factions, German letter practice, no
    # check Kommune's layout): the signer's name, the role and the party on rows of their own or
    # joined ("Stadtrat Die PARTEI", "ÖDP-Stadträtin"); signers side by side with their parties
    # in the row below; "für die Fraktion X" above the signer's name (a text run together puts
    # the name after the party's); the chair named under the letterhead; a joint head with the
    # date field after the groups; the label with its seat above the party.
    "signature: Name / Stadträtin / X": Variant(
        "Mit freundlichen Grüßen\n\nAnna Schmidt\nStadträtin\n{p}", place=END
    ),
    "signature: Name / Stadtrat X": Variant(
        "Mit freundlichen Grüßen\n\nAnna Schmidt\nStadtrat {p}", place=END
    ),
    "signature: Name / X-Stadträtin": Variant(
        "Mit freundlichen Grüßen\n\nAnna Schmidt\n{p}-Stadträtin", place=END
    ),
    "signature: names side by side, parties below": Variant(
        "Mit freundlichen Grüßen\n\n{nn}\n{pp}", place=END, joint=True, joiner=" " * 16
    ),
    "signature: für die Fraktion X / Name": Variant(
        "Mit freundlichen Grüßen\n\nfür die Fraktion {p}\nAnna Schmidt", place=END, unseen=True
    ),
    "letterhead: X-Fraktion / Fraktionsvorsitzender Name": Variant(
        "{p}-Fraktion im Gemeinderat Musterstadt\nFraktionsvorsitzender Karl Brandt", place=TOP
    ),
    "head: der Fraktionen X und Y / Datum": Variant(
        "Interfraktionelle Anfrage\nder Fraktionen {pp}\n\nDatum 17.05.2023", place=TOP, joint=True
    ),
    "letterhead: Fraktion im Kreistag / X": Variant(
        "Fraktion im Kreistag\n{p}\nKreishaus, Zimmer 204", place=TOP
    ),
    # Twentieth round (letters of council groups, German letter practice, no check Kommune's
    # layout): a group of a Kreistag named with its council ("Kreistagsgruppe X/Y", Lower
    # Saxony's Kreistage); "Für die Fraktion" above two signers side by side, under a head that
    # names the group; the group's name alone on the letterhead's first line (a logo word) above
    # "Fraktion im Rat der Stadt …" or above the council's label with its place
    # ("Kreistagsfraktion Musterkreis"); two signers' groups side by side in one row, each with
    # its label; the letterhead run into the place and date line.
    "Kreistagsgruppe X/Y": Variant("Anfrage der Kreistagsgruppe {pp}", joint=True, joiner="/"),
    "head: Fraktion X, closing: für die Fraktion / two signers": Variant(
        "Anfrage der Fraktion {p}",
        unseen=True,
        closing="Mit freundlichen Grüßen\n\nFür die Fraktion\nAnja Krüger          Tim Olsen",
    ),
    "letterhead: X / Fraktion im Rat der Stadt": Variant(
        "{p}\nFraktion im Rat der Stadt Musterstadt", place=TOP, unseen=True
    ),
    "letterhead: X / Kreistagsfraktion Place": Variant(
        "{p}\n\nKreistagsfraktion Musterkreis\nKreishaus, Zimmer 204", place=TOP, unseen=True
    ),
    "signature row: X-Fraktion   Fraktion Y": Variant(
        "Mit freundlichen Grüßen\n\nAnna Schmidt                Peter Müller\n{pp}",
        place=END,
        joint=True,
        joiner="-Fraktion          Fraktion ",
    ),
    "letterhead run into place, date: Fraktion X Place, date": Variant(
        "Fraktion {p} Musterstadt, 22.01.2024 An den Bürgermeister", place=TOP, unseen=True
    ),
    # Twenty-first round (letters and forms of councils in other Länder, German letter practice,
    # no check Kommune's layout): a letterhead set in two columns and run together by the
    # extraction, the logo word and the label left, the address and telephone right; the group's
    # name above its label with the seat in a Land's own council word (Schleswig-Holstein's
    # Ratsversammlung, Hessen's and Brandenburg's Gemeindevertretung, Rhineland-Palatinate's
    # Verbandsgemeinderat), a local list's name that does not say it is a group too; a
    # letterhead run into the group's street address, or a head into the addressee; a
    # Fraktionsgemeinschaft of two parties joined by a hyphen (Rhineland-Palatinate councils); an
    # answer's head citing the inquiry by its sender and date, without a faction label.
    "letterhead two columns: X  Fraktion im Rat · address / Fraktion  Tel.": Variant(
        "{p}            Fraktion im Rat der Stadt Musterstadt · Rathausplatz 1 · "
        "12345 Musterstadt\n"
        "Fraktion       Tel. 0123 4567 · fraktion@example.org",
        place=TOP,
        unseen=True,
    ),
    "letterhead: X / Fraktion in der Ratsversammlung": Variant(
        "{p}\nFraktion in der Ratsversammlung", place=TOP, unseen=True, names=("plain words",)
    ),
    "letterhead: X / Fraktion im Verbandsgemeinderat Place": Variant(
        "{p}\nFraktion im Verbandsgemeinderat Musterland",
        place=TOP,
        unseen=True,
        names=("plain words",),
    ),
    "letterhead run into address: Fraktion X Street 1 12345 Place": Variant(
        "Fraktion {p} Rathausplatz 1 12345 Musterstadt", place=TOP, unseen=True
    ),
    "head run into addressee: Anfrage der Fraktion X An den Bürgermeister": Variant(
        "Anfrage der Fraktion {p} An den Bürgermeister der Gemeinde Musterstadt",
        place=TOP,
        unseen=True,
    ),
    "Fraktionsgemeinschaft X-Y im Verbandsgemeinderat": Variant(
        "Fraktionsgemeinschaft {pp} im Verbandsgemeinderat Musterland", joint=True, joiner="-"
    ),
    "answer head: Anfrage der X vom date": Variant("Anfrage der {p} vom 01.07.2024 zum Thema"),
}
# The signers of a joint letter side by side, one per party ("{nn}").
_SIGNERS = ("Anna Schmidt", "Peter Müller", "Eva Braun", "Jan Wolf", "Lena Vogel")
ORIGINAL = "original"
UNSEEN_NAMES = ("acronym", "Wählergemeinschaft X", "article + word")

# After the party: its bracket, a label ("-OR-Fraktion", " Fraktion"), the seat and a place.
_PHRASE_END = re.compile(
    r"\)?(?:\s?[-–]?\s?(?:[A-ZÄÖÜ]{2,3}\s?-)?\w*(?:[Ff]raktion|FRAKTION)\w*)?"
    r"(?:\s+(?:im|in der)\s+(?:Stadtrat|Rat|Ortschaftsrat|Gemeinderat)(?:\s+[A-ZÄÖÜ][\w-]*)?)?"
    r"(?:\s+[A-ZÄÖÜ][a-zäöüß-]+(?=\s*$))?"
)
_ADDRESS = re.compile(r"@|www\.|https?:")


def _expected(label: dict[str, Any]) -> list[str]:
    """Return the canonical factions a label names (a joint label gives each party)."""
    found: list[str] = []
    for name in label["factions"]:
        for one in factions_in(name) or [_fold(name)]:
            found += [one] if one not in found else []
    return found


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _key(name: str) -> str:
    return canonical_faction(name) or _fold(name)


@dataclass(frozen=True)
class Phrase:
    """One line's submitter phrase: line index, where it starts and ends in the line."""

    line: int
    start: int
    end: int


def phrases(text: str, label: dict[str, Any]) -> tuple[list[Phrase], list[str]] | None:
    """Return the submitter phrases naming a labelled faction and each party as first printed
    in one, or None when a phrase is prose."""
    lines = text.split("\n")
    found: dict[int, Phrase] = {}
    parties: list[str] = []
    for name in label["factions"]:
        canonical, printed = _party(name)
        for i, line in enumerate(lines):
            for start, end in _spans(line, canonical, printed):
                around = line[:start].split(" ")[-1] + line[end:].split(" ")[0]
                if not in_faction_phrase(line, start, end) or _ADDRESS.search(around):
                    continue
                label_end = _PHRASE_END.match(line, end)
                stop = label_end.end() if label_end else end
                tail, head = line[stop:], line[:start]
                # "Die CDU-Fraktion hat folgende Fragen", "… bitte ich die Gemeindeverwaltung"
                if re.match(r"\s+(?!(?:vom|im|in|zur|zum|und|der)\b)[a-zäöüß]", tail) or (
                    len(head.split()) > 14 or re.search(r"[a-zäöüß]{3,}\.\s", head)
                ):
                    return None
                # A leading field with a number stays: "Eingang: 30.04.2024, ".
                party = line[start:end].strip()
                parties += [party] if _key(party) not in {_key(p) for p in parties} else []
                numbered = list(re.finditer(r"\S*\d\S*\s*", head))
                begin = numbered[-1].end() if numbered else 0
                old = found.get(i)
                found[i] = Phrase(
                    i, min(begin, old.start) if old else begin, max(stop, old.end if old else 0)
                )
    return ([found[i] for i in sorted(found)], parties) if found else None


def rewrite(text: str, found: list[Phrase], phrase: str, place: str = INPLACE) -> str:
    """Return the text with its submitter phrases replaced by `phrase` (kept: each line's tail)."""
    lines = text.split("\n")
    out: list[str] = []
    by_line = {p.line: p for p in found}
    for i, line in enumerate(lines):
        here = by_line.get(i)
        if here is None:
            out.append(line)
            continue
        head, tail = line[: here.start], line[here.end :]
        following = i - 1 in by_line  # a list of members: one phrase for all
        new = phrase if place == INPLACE and not following else ""
        if new or (head + tail).strip(" ,;-–"):
            out.append(head + new + tail)
    if place == TOP:
        out.insert(0, phrase)
    elif place == END:
        out += ["", phrase]
    return "\n".join(out)


def _joined(parties: list[str], variant: Variant) -> str:
    if variant.joiner:
        return variant.joiner.join(parties)
    if variant.template.startswith("Zählgemeinschaft"):
        return "/".join(parties)
    return ", ".join(parties[:-1]) + " und " + parties[-1]


@dataclass
class Outcome:
    """One rewritten document read: expected found, nothing else, the wrong factions."""

    layout: str
    found: bool
    right: bool
    wrong: list[str]


def _score(reported: Iterable[str], expected: list[str], layout: str) -> Outcome:
    got = {_key(f) for f in reported}
    want = {_key(f) for f in expected}
    wrong = sorted(got - want)
    found = want <= got
    return Outcome(layout, found, found and not wrong, wrong)


def _unseen_score(reported: Iterable[str], new: str, layout: str) -> Outcome:
    reported = list(reported)
    found = any(names_new(f, new) for f in reported)
    wrong = [f for f in reported if not names_new(f, new)]
    return Outcome(layout, found, found and not wrong, wrong)


Parse = Callable[[str], Any]


def variant_text(text: str, found: list[Phrase], phrase: str, variant: Variant) -> str:
    """Return a text with its phrases rewritten into one variant (and its closing, if any)."""
    text = rewrite(text, found, phrase, variant.place)
    return f"{text}\n\n{variant.closing}" if variant.closing else text


def outcomes(
    items: Iterable[Any],
    parse: Parse = parse_text,
    *,
    unseen: bool = False,
    only: str | None = None,
) -> dict[str, list[tuple[str, Outcome]]]:
    """Return variant → [(document, outcome)] over labelled dev items (`only`: the variants whose
    name matches this regular expression)."""
    result: dict[str, list[tuple[str, Outcome]]] = {}
    for item in items:
        label = item.label
        if not label.get("factions"):
            continue
        layout = label.get("layout") or "unknown"
        expected = _expected(label)
        if not unseen:
            doc = parse(item.text)
            result.setdefault(ORIGINAL, []).append(
                (item.name, _score(doc.factions, expected, layout))
            )
        read = phrases(item.text, label)
        if not read:
            continue
        found, parties = read
        # "SPD- und CDU-Ortschaftsratsfraktion": a party printed only as part of another's phrase
        parties += [e for e in expected if e not in {_key(p) for p in parties}]
        for name, variant in VARIANTS.items():
            if only and not re.search(only, name):
                continue
            if unseen:
                if not variant.unseen or len(expected) > 1:
                    continue
                for shape in (*UNSEEN_NAMES, *variant.names):
                    new = UNSEEN[shape]
                    text = variant_text(item.text, found, variant.template.format(p=new), variant)
                    outcome = _unseen_score(parse(text).factions, new, layout)
                    result.setdefault(f"{name} · {new}", []).append((item.name, outcome))
                continue
            want = [] if variant.negative else expected
            if variant.joint:
                both = parties if len(expected) > 1 else [*parties, _known_swap(label)]
                want = expected if len(expected) > 1 else [*expected, _known_swap(label)]
                if "{nn}" not in variant.template:
                    phrase = variant.template.format(pp=_joined(both, variant))
                else:  # two rows of cells, each cell as wide as both
                    widths = [max(len(n), len(p)) for n, p in zip(_SIGNERS, both, strict=False)]
                    nn, pp = (
                        variant.joiner.join(f"{c:<{w}}" for c, w in zip(row, widths, strict=False))
                        for row in (_SIGNERS, both)
                    )
                    phrase = variant.template.format(nn=nn.rstrip(), pp=pp.rstrip())
            elif len(expected) > 1 and not variant.negative:
                continue  # one party's phrasing cannot name several
            else:
                phrase = variant.template.format(p=parties[0])
            text = variant_text(item.text, found, phrase, variant)
            result.setdefault(name, []).append(
                (item.name, _score(parse(text).factions, want, layout))
            )
    return result


def table(result: dict[str, list[tuple[str, Outcome]]]) -> list[str]:
    """Return markdown rows: per variant, documents, right, found, letters right, wrong."""
    rows = [
        "| variant | docs | right | found | letters right | docs with a wrong faction |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, docs in result.items():
        outs = [o for _, o in docs]
        letters = [o for o in outs if o.layout == "letter"]
        rows.append(
            f"| {name} | {len(outs)} | {pct(sum(o.right for o in outs), len(outs))} | "
            f"{pct(sum(o.found for o in outs), len(outs))} | "
            f"{pct(sum(o.right for o in letters), len(letters))} | "
            f"{sum(bool(o.wrong) for o in outs)} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant misses or gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument("--unseen", action="store_true", help="the variants with UNSEEN names")
    parser.add_argument("--only", help="only the variants whose name matches this regex")
    args = parser.parse_args()
    parse: Parse = shaped_parse(args.shape)
    result = outcomes(corpus_items("dev"), parse, unseen=args.unseen, only=args.only)
    print("\n".join(table(result)))
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.right:
                print(name, outcome.layout, "found" if outcome.found else "MISSED", outcome.wrong)


if __name__ == "__main__":
    main()
