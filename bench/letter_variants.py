"""A letter's faction in one place: dev documents with every mention removed but one. Reads the
dev corpus (I/O).

Run: .venv/bin/python -m bench.letter_variants [--shape NAME] [--styles] [--show VARIANT]

bench.faction_variants rewrote the submitter phrase and skipped documents whose faction stands in
running prose too. Here, for each dev document whose label names factions (letters AND forms),
EVERY mention of each labelled party is removed first (`strip_factions`):
- a submitter phrase line (bench.faction_names' matcher: a label, a bracket, a field, a line of its
  own) loses its phrase, as in bench.faction_variants (the line's own tail stays; a line left
  empty goes);
- a mention in running prose loses the party's name only: "Die CDU-Fraktion hat" → "Die Fraktion
  hat", "Stadtrat Max Muster (AfD)" → "Stadtrat Max Muster", "für die Fraktion B 90/ Grüne bitte
  ich" → "für die Fraktion bitte ich";
- an e-mail or web address naming the party goes.
A document in which the party's name is still printed afterwards (an OCR'd spelling) is not used
(the bench counts it). Then each variant prints the faction in ONE place. Where each comes from
(common letter practice of council factions and the conventions of council systems; none from a
check document, none from the check Kommunen's layouts):
- a footer / address block at the end, or at the foot of every page (factions' letter paper:
  "SPD-Fraktion im Rat der Stadt … · Rathaus · Marktplatz 1 · PLZ Ort · Tel. … · E-Mail …");
- a letterhead that names the group without the word Fraktion ("BÜNDNIS 90/DIE GRÜNEN im Rat der
  Stadt …", "Die Linke. im Stadtrat", "CDU im Gemeinderat"), or with a council's compound
  ("Stadtratsfraktion", "Kreistagsfraktion", "Bezirksfraktion", "X Ratsfraktion"), or a group
  ("Ratsgruppe X/Y", Lower Saxony's councils);
- a signature block with role lines ("Max Muster / Fraktionsvorsitzender / SPD-Fraktion", "für die
  CDU-Fraktion / Max Muster", "Max Muster, Sprecher der Fraktion …", several signers of one
  faction, signers of two factions);
- a sender field under the names ALLRIS, SessionNet, SD.NET and e-mail-style letters use
  ("Antragsteller:", "Einreicher:", "Initiator:", "Absender:", "Von:");
- the faction only in the subject line ("Betreff: Anfrage der Fraktion … zu …"): an existing
  "Betreff:" line gets it in front of its value, else the line goes above the salutation (or
  first);
- controls: "original" (no rewrite), "removed" (every mention removed, nothing put back: expects
  none).
--styles puts the party as parties write it ("GRÜNE", "B'90/Grüne", "DIE LINKE.", "FW", "Freie
Wähler", "Volt", "Die PARTEI", "BSW", "UWG", a local Wählergemeinschaft) into the variants marked
for it. Names are data: the expected name is the style's canonical name where the faction table
(fetcher.factions) knows it, else the name as written; bench.parse_accuracy compares factions the
same way (canonical_faction(name) or the name as written), so a reported "UWG" counts for a label
"UWG".

Scores per variant (bench.faction_variants' scoring): used documents, "right" (every expected
faction reported, nothing else), "found" (every expected faction reported), letters right, and
documents with a wrong faction reported. With --shape each rewritten text is brought into a shape
of bench.text_shapes first.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bench.faction_names import _known_swap, _party, _spans, in_faction_phrase, names_new
from bench.faction_variants import _PHRASE_END, Outcome, Parse, _expected, _score, table
from bench.text_shapes import SHAPES
from bench.variants import shaped_parse
from fetcher.factions import factions_in
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

# Where the faction goes: the first line, after the last line, at the foot of every page, the
# subject line.
TOP, END, PAGES, SUBJECT = "top", "end", "pages", "subject"

_ADDRESS_TAIL = (
    "Rathaus · Marktplatz 1 · 12345 Musterstadt · Tel. 0123 456-789 · "
    "E-Mail: info@fraktion-musterstadt.de"
)
_FOOTER = f"{{p}}-Fraktion im Rat der Stadt Musterstadt · {_ADDRESS_TAIL}"
_CLOSE = "Mit freundlichen Grüßen\n\n"


@dataclass(frozen=True)
class Variant:
    """One place and phrasing: its template ({p}: the party, {q}: a second party)."""

    template: str
    place: str
    joint: bool = False
    negative: bool = False
    styles: bool = False


VARIANTS: dict[str, Variant] = {
    "footer at the end": Variant(_FOOTER, END),
    "footer on every page": Variant(_FOOTER, PAGES),
    "footer: X im Rat, address": Variant(
        f"{{p}} im Rat der Stadt Musterstadt · {_ADDRESS_TAIL}", END, styles=True
    ),
    "footer in three lines": Variant(
        "{p}-Fraktion im Rat der Stadt Musterstadt\nRathaus, Marktplatz 1, 12345 Musterstadt\n"
        "Tel. 0123 456-789, E-Mail: info@fraktion-musterstadt.de",
        END,
    ),
    "letterhead: X / im Rat der Stadt (two lines)": Variant(
        "{p}\nim Rat der Stadt Musterstadt", TOP
    ),
    "letterhead: X / Fraktion im Rat (two lines)": Variant(
        "{p}\nFraktion im Rat der Stadt Musterstadt", TOP
    ),
    "letterhead: X im Rat der Stadt": Variant("{p} im Rat der Stadt Musterstadt", TOP, styles=True),
    "letterhead: X im Stadtrat": Variant("{p} im Stadtrat", TOP),
    "letterhead: X im Gemeinderat": Variant("{p} im Gemeinderat Musterstadt", TOP),
    "letterhead: X Ratsfraktion": Variant("{p} Ratsfraktion", TOP),
    "letterhead: Stadtratsfraktion X": Variant("Stadtratsfraktion {p}", TOP),
    "letterhead: X-Kreistagsfraktion": Variant("{p}-Kreistagsfraktion", TOP),
    "letterhead: Bezirksfraktion X": Variant("Bezirksfraktion {p} Musterstadt-Nord", TOP),
    "letterhead: Ratsgruppe X/Y": Variant("Ratsgruppe {p}/{q}", TOP, joint=True),
    "signature: Name / Fraktionsvorsitzender / X-Fraktion": Variant(
        _CLOSE + "Max Muster\nFraktionsvorsitzender\n{p}-Fraktion", END, styles=True
    ),
    "signature: für die X-Fraktion / Name": Variant(
        _CLOSE + "für die {p}-Fraktion\n\nMax Muster", END
    ),
    "signature: Name, Sprecher der Fraktion X": Variant(
        _CLOSE + "Max Muster, Sprecher der Fraktion {p}", END
    ),
    "signature: three signers / Fraktion X": Variant(
        _CLOSE + "Max Muster\nErika Beispiel\nJens Test\nFraktion {p}", END
    ),
    "signature: signers of two factions": Variant(
        _CLOSE + "Max Muster\n{p}-Fraktion\n\nErika Beispiel\n{q}-Fraktion", END, joint=True
    ),
    "Antragsteller: X": Variant("Antragsteller: {p}", TOP, styles=True),
    "Einreicher: X-Fraktion": Variant("Einreicher: {p}-Fraktion", TOP),
    "Initiator: Fraktion X": Variant("Initiator: Fraktion {p}", TOP),
    "Absender: X-Fraktion im Rat": Variant(
        "Absender: {p}-Fraktion im Rat der Stadt Musterstadt", TOP
    ),
    "Von: Fraktion X": Variant("Von: Fraktion {p}", TOP),
    "subject: Anfrage der Fraktion X zu …": Variant(
        "Anfrage der Fraktion {p} zu", SUBJECT, styles=True
    ),
    "removed": Variant("", TOP, negative=True),
}
ORIGINAL = "original"
STYLES = (
    "GRÜNE",
    "B'90/Grüne",
    "DIE LINKE.",
    "FW",
    "Freie Wähler",
    "Volt",
    "Die PARTEI",
    "BSW",
    "UWG",
    "Wählergemeinschaft Musterstadt",
)
_ADDRESS = re.compile(r"@|www\.|https?:")
_TOKEN_ADDRESS = re.compile(r"\S*(?:@|www\.|https?:)\S*")
_SALUTATION = re.compile(r"^\s*(?:Sehr geehrte|Liebe[rs]?\s)")
_BETREFF = re.compile(r"^(\s*Betr(?:eff|\.)\s*:?\s*)(.*)$")


def _squeeze(line: str) -> str:
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", line).replace("( )", "").replace("()", "")


def _strip_line(line: str, canonical: str | None, printed: str, seen: list[str]) -> str:
    """Return the line with every mention of one party removed (see the module docstring); the
    party as printed goes into `seen`."""
    # An e-mail or web address naming the party: "spd-fraktion@…", "www.gruene-…".
    low = re.sub(r"\W", "", (printed or canonical or "").casefold())[:6]
    line = _TOKEN_ADDRESS.sub(
        lambda m: "" if low and low in m.group(0).casefold() else m.group(0), line
    )
    for start, end in reversed(_spans(line, canonical, printed)):
        abbreviation = re.search(r"B\W?90\s*/\s*$", line[:start])
        start = abbreviation.start() if abbreviation else start
        tail, head = line[end:], line[:start]
        seen.append(line[start:end].strip())
        prose = re.match(r"\s+(?!(?:vom|im|in|zur|zum|und|der)\b)[a-zäöüß]", tail) or (
            len(head.split()) > 14 or re.search(r"[a-zäöüß]{3,}\.\s", head)
        )
        if in_faction_phrase(line, start, end) and not prose:
            label_end = _PHRASE_END.match(line, end)
            stop = label_end.end() if label_end else end
            numbered = list(re.finditer(r"\S*\d\S*\s*", head))
            begin = numbered[-1].end() if numbered else 0
            line = line[:begin] + line[stop:]
        elif re.match(r"-\w", tail):  # "Die CDU-Fraktion hat" → "Die Fraktion hat"
            line = head + tail[1:]
        elif re.search(r"\(\s*$", head) and re.match(r"\s*\)", tail):  # "Max Muster (AfD)"
            line = re.sub(r"\s*\(\s*$", "", head) + re.sub(r"^\s*\)", "", tail)
        else:
            line = head + tail
    return _squeeze(line)


def _labelled_parties(label: dict[str, Any]) -> list[tuple[str | None, str]]:
    """Return (canonical, printed) per labelled party; a label naming several groups ("Gruppe SPD
    / Die Grünen", "FW|FÜR") gives each of them, found by its canonical name."""
    parties: list[tuple[str | None, str]] = []
    for name in label["factions"]:
        several = factions_in(name)
        parties += [(c, "") for c in several] if len(several) > 1 else [_party(name)]
    return parties


def strip_factions(text: str, label: dict[str, Any]) -> tuple[str, list[str]] | None:
    """Return the text with every mention of each labelled party removed and each party as first
    printed (the canonical name where it was printed nowhere), or None when a name of the party
    is still printed afterwards."""
    lines = text.split("\n")
    parties: list[str] = []
    for canonical, printed in _labelled_parties(label):
        out: list[str] = []
        seen: list[str] = []
        for line in lines:
            new = _strip_line(line, canonical, printed, seen)
            if new == line or new.strip(" ,;-–·|/:"):
                out.append(new)
        lines = out
        parties.append(seen[0] if seen else canonical or printed)
    stripped = "\n".join(lines)
    for canonical, printed in _labelled_parties(label):
        if any(_spans(x, canonical, printed) for x in lines) or (
            canonical and canonical in factions_in(stripped)
        ):
            return None
    return stripped, parties


def place(text: str, phrase: str, where: str) -> str:
    """Return the stripped text with the phrase printed in one place."""
    if not phrase:
        return text
    if where == TOP:
        return f"{phrase}\n{text}"
    if where == END:
        return f"{text.rstrip()}\n\n{phrase}\n"
    if where == PAGES:
        pages = text.split("\f")
        return "\f".join(f"{page.rstrip()}\n\n{phrase}\n" for page in pages)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _BETREFF.match(line)
        if match and match.group(2).strip():
            lines[i] = f"{match.group(1)}{phrase} {match.group(2)}"
            return "\n".join(lines)
    at = next((i for i, x in enumerate(lines[:60]) if _SALUTATION.match(x)), 0)
    lines[at:at] = [f"Betreff: {phrase} dem Sachverhalt", ""]
    return "\n".join(lines)


def _style_score(reported: Iterable[str], new: str, layout: str) -> Outcome:
    reported = list(reported)
    found = any(names_new(f, new) for f in reported)
    wrong = [f for f in reported if not names_new(f, new)]
    return Outcome(layout, found, found and not wrong, wrong)


def outcomes(
    items: Iterable[Any],
    parse: Parse = parse_text,
    *,
    styles: bool = False,
    only: str | None = None,
) -> tuple[dict[str, list[tuple[str, Outcome]]], dict[str, int]]:
    """Return variant → [(document, outcome)] over labelled dev items, and the skip counts."""
    result: dict[str, list[tuple[str, Outcome]]] = {}
    skipped = {"still printed": 0}
    for item in items:
        label = item.label
        if not label.get("factions"):
            continue
        layout = label.get("layout") or "unknown"
        expected = _expected(label)
        if not styles:
            result.setdefault(ORIGINAL, []).append(
                (item.name, _score(parse(item.text).factions, expected, layout))
            )
        read = strip_factions(item.text, label)
        if read is None:
            skipped["still printed"] += 1
            continue
        stripped, printed = read
        for name, variant in VARIANTS.items():
            if only and only != name:
                continue
            if styles:
                if not variant.styles or len(expected) > 1:
                    continue
                for new in STYLES:
                    text = place(stripped, variant.template.format(p=new), variant.place)
                    outcome = _style_score(parse(text).factions, new, layout)
                    result.setdefault(f"{name} · {new}", []).append((item.name, outcome))
                continue
            want = [] if variant.negative else expected
            if variant.joint:
                # one labelled party and another known one, or two labelled parties each
                # printed ("FW|FÜR", one label naming two groups, is not used)
                if len(expected) != len(printed):
                    continue
                other = printed[1] if len(printed) > 1 else _known_swap(label)
                if len(expected) > 2:
                    continue
                want = expected if len(expected) > 1 else [*expected, _known_swap(label)]
                phrase = variant.template.format(p=printed[0], q=other)
            elif len(expected) > 1 and not variant.negative:
                continue  # one party's phrasing cannot name several
            else:
                phrase = variant.template.format(p=printed[0])
            text = place(stripped, phrase, variant.place)
            result.setdefault(name, []).append(
                (item.name, _score(parse(text).factions, want, layout))
            )
    return result, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the documents a variant misses or gets wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    parser.add_argument("--only", help="run one variant only")
    parser.add_argument("--styles", action="store_true", help="party names as parties write them")
    args = parser.parse_args()
    result, skipped = outcomes(
        corpus_items("dev"), shaped_parse(args.shape), styles=args.styles, only=args.only
    )
    print("\n".join(table(result)))
    print(f"not used (a name still printed after the removal): {skipped['still printed']}")
    if args.show:
        for name, outcome in result.get(args.show, []):
            if not outcome.right:
                print(name, outcome.layout, "found" if outcome.found else "MISSED", outcome.wrong)


if __name__ == "__main__":
    main()
