"""No invented reference: dev documents with numbers that are not their own written in. I/O.

Run: .venv/bin/python -m bench.noref_variants [--shape NAME] [--show VARIANT]

Three groups of documents, each read in every variant:
- "none": the number-less documents. The dev documents whose label has no reference, as they are,
  and every dev document whose label has one with EVERY occurrence of its number removed
  ("number removed": the label's reference and its alternatives, each as a whole token with the
  label printed before it; a line left holding nothing, or only a number label, is removed
  whole: "Vorlage Nr.: 2023/0123" goes, "Drucksache 19/11138" at the end of a running head
  leaves the rest of the head). Expected: no reference.
- "control": the dev documents that print a reference, as they are. Expected: their own.
Each trap variant writes ONE line (or a label and its value below) that is not a paper's number
into every document of both groups: into the head, after the first printed line ("head"), or,
for the "first line" traps, before it; and each again in a running head of page 2 ("page 2":
after the first form feed; a text without one gets a page break before its 21st printed line,
or its middle line when shorter). Scores: "no invented" (no reference, or for the control its
own) and, for the control, "right" (its own reference, read through the trap).

Sources of the traps (never the check split): issue #11's own list ("Top-Nr." cell, Flurstück,
other papers cited) and ordinary German letter and form practice: the DIN 5008 reference line of a
letter ("Ihr Zeichen / Unser Zeichen / Telefon / Datum", an Aktenzeichen "61.2-123/2023", "Az."),
a letterhead's last line (street, PLZ and town, telephone), council forms of SessionNet, ALLRIS
and SD.NET (a Beratungsfolge row with its TOP, "Sitzungs-Nr.", "Eingang:", "Bezug:", "Anlage 2",
"Seite 1 von 3"), the municipal budget (Haushaltsstelle, Kostenstelle, Produkt of the NKHR/NKF
product plan), planning law (Bebauungsplan Nr., Gemarkung and Flur), the Gemeindeordnung
("§ 24 Abs. 1 GemO"), a decision or a motion cited in the first sentence, a date or a year alone
on the first line (also as a program prints it, "2023-03-12"), a form's number label left empty
with a date or a year below it.
Sixteenth round (bench.bare_references reads numbers printed without a label; these lines must
stay unread): a head's number-like lines printed bare ("bare: …", and in page 2's running head),
each from ordinary letter and form practice: a date, a telephone or fax number with a slash
(DIN 5008 writes "0761 201-1234"; many letterheads still print "0761/201-1234"), a postcode and
town (also with the country's "D-"), an IBAN, a short Aktenzeichen, a parcel "123/4", an agenda
item "TOP 5.3", a page counter "1/3", a paragraph of the Gemeindeordnung, a federal road "B 27",
a span of years ("2021/22", "2021/2022", a budget's double year), a month and year, a session's
number below another label ("Sitzung:" / "2021/0815"); and "column: …": a date, a telephone, a
page counter, a span of years, a file sign, a session number or a date field printed in the
right-hand column of the first head line ("Stadt Musterstadt <gap> 12.03.2021").
Seventeenth round (bench.reference_variants reads bare "Nr." labels after a head's cells and an
answer's citation of its inquiry; these must stay unread): a register's number ("Reg.-Nr.", a
Vereinsregister; the dev labels name an office register's "BTB Nr. 03563" in a Karlsruhe letter as
a trap), a payment's Kassenzeichen, a Buchungsstelle of the municipal budget, a Hausnummer, a
law's number ("Gesetz Nr. 1234 vom …", as Saarland numbers its laws), a paragraph's "Nr." ("§ 24
Abs. 1 Nr. 3 GemO"), a paper cited in a sentence ("siehe Drucksache …") and an answer cited in the
prose of an inquiry.
Twentieth round (bench.reference_variants reads a type line naming its sender before "Nr. … vom
…", a sender and date after a labelled number, labels with en and em dashes; bench.bare_references
a number opening the text): "TOP Ö 5.3", an Amtsblatt's number (cell and sentence), the BGBl., a
paper cited in a sentence, file and letter signs with an en dash, a type line with its date and no
number, a type line naming a plan's number, sentences citing another inquiry with its sender,
number and date; and first lines a stamp is not: a span of years, a parcel, a phone, a month.
Twenty-first round (bench.reference_variants reads a bordered table row, a label column above its
values, a number wrapped after its separator, above its caption, glued to its label, and a
forwarded e-mail's subject; these must stay unread): a council system's session number
("Sitzung: SI/2021/012", "Sitzungsnummer:"), a Geschäftszeichen, a number field left empty above
the date's or filled with the template's note, an old decision cited as the basis ("Bezug:
Beschluss-Nr. … vom …"), and other fields' numbers in the new shapes (a bordered Aktenzeichen and
session row, a label column of an Aktenzeichen and of a Bezugsvorlage, a number above the caption
"Sitzungs-Nr." or "Bezugsvorlagen-Nr.", a wrapped Az., a glued "Bezugsvorlage…"), an e-mail
subject with no number.
--shape brings each rewritten text into a bench.text_shapes shape first.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from bench.reference_variants import Case, _fold, spans
from bench.text_shapes import SHAPES
from bench.variants import pct
from fetcher.parse.relines import relined_pages
from fetcher.parse.text import clean_lines
from tests.corpus_data import corpus_items

try:
    from fetcher.parse.bare_numbers import paper_reference
except ImportError:  # a parser from before bare_numbers (a "before" figure): its readers
    from fetcher.parse.header import find_reference
    from fetcher.parse.paper_number import page_foot_value

    def paper_reference(lines: list[str], pages: list[str]) -> str | None:  # type: ignore[misc]
        return find_reference(lines) or page_foot_value(pages)


ORIGINAL = "original"
# Traps put into the head after its first printed line (variant → the line(s) printed).
HEAD_TRAPS: dict[str, str] = {
    "Aktenzeichen:": "Aktenzeichen: 61.2-123/2023",
    "Az.:": "Az.: 32/1-0815",
    "Unser Zeichen:": "Unser Zeichen: 61.2/0815-23",
    "Unser Zeichen: below": "Unser Zeichen:\n61.2/0815-23",
    "Ihr Zeichen row": "Ihr Zeichen   Unser Zeichen   Telefon   Datum\n"
    "14/2023   61.2-0815   0721 133-1234   12.03.2023",
    "Telefon": "Telefon: 0721 133-1234",
    "Fax": "Fax: 0721 133-1299",
    "Datum:": "Datum: 12.03.2023",
    "Sitzung am … TOP 5": "Sitzung am 14.03.2023, TOP 5",
    "Top-Nr. cell": "Top-Nr.: 7.3",
    "Top-Nr. below": "Top-Nr.\n7.3",
    "TOP 7.3 row": "Gemeinderat   14.03.2023   Ö   TOP 7.3",
    "Sitzungs-Nr.": "Sitzungs-Nr.: 045/2023",
    "Sitzungs-Nr. below": "Sitzungs-Nr.:\nGR/045/2023",
    "Haushaltsstelle": "Haushaltsstelle 1.2345.6789",
    "Kostenstelle": "Kostenstelle 4711",
    "Produkt": "Produkt 1.11.01",
    "Flurstück": "Flurstück 123/4",
    "Gemarkung … Flur": "Gemarkung Durlach, Flur 3",
    "address": "Rathausplatz 1\n76133 Karlsruhe",
    "Bebauungsplan Nr.": "Bebauungsplan Nr. 123",
    "Eingang:": "Eingang: 12.03.2023",
    "Bezug: Vorlage": "Bezug: Vorlage 2023/0123",
    "Seite 1 von 3": "Seite 1 von 3",
    "Anlage 2": "Anlage 2",
    "§ 24 GemO": "§ 24 Abs. 1 GemO",
    "Beschluss-Nr. cited": "Mit Beschluss-Nr. 123/2023 hat der Gemeinderat die Verwaltung "
    "beauftragt.",
    "Antrag Nr. vom cited": "Wir beziehen uns auf den Antrag Nr. 2023/0815 vom 12.03.2023.",
    "Antrag Nr. vom wrapped": "Wir beziehen uns auf den\n"
    "Antrag Nr. 2023/0815 vom 12.03.2023 und fragen:",
    "letterhead last line": "Rathausplatz 1 · 76133 Karlsruhe · Telefon 0721 133-0",
    "letterhead PLZ/phone": "76133 Karlsruhe, Tel. 0721/133-1234",
    "empty label, ISO date below": "Vorlage Nr.:\n2023-03-12",
    "empty label, year below": "Drucksache\n2023",
    # Sixteenth round: number-like lines printed bare in a head (sources in the docstring).
    "bare: date": "12.03.2021",
    "bare: Tel. slash": "Tel. 0761/201-1234",
    "bare: Fax slash": "Fax 0761/201-1299",
    "bare: phone alone": "0761/2011234",
    "bare: PLZ town": "79098 Freiburg im Breisgau",
    "bare: D-PLZ town": "D-79098 Freiburg",
    "bare: IBAN": "IBAN DE12 6805 0101 0002 1234 56",
    "bare: Az.": "Az.: 61.2-123",
    "bare: parcel": "123/4",
    "bare: TOP 5.3": "TOP 5.3",
    "bare: page 1/3": "1/3",
    "bare: § GemO": "§ 24 Abs. 1 GemO",
    "bare: road B 27": "B 27",
    "bare: years 2021/22": "2021/22",
    "bare: years 2021/2022": "2021/2022",
    "bare: month/year": "03/2021",
    "bare: Sitzung below": "Sitzung:\n2021/0815",
    # Seventeenth round (sources in the docstring): numbers of registers, payments, bookings,
    # houses and laws, a paragraph's number, a paper cited in a sentence, a bare "Nr." after a
    # head's words that name another numbered thing.
    "Reg.-Nr.": "Reg.-Nr.: 0815/2021",
    "Reg. Nr. after cells": "Stadt Musterstadt Reg. Nr. 0815/2021",
    "Kassenzeichen": "Kassenzeichen: 2021/0815",
    "Buchungsstelle": "Buchungsstelle: 1.5410.0815",
    "Hausnummer": "Hausnummer: 123/2",
    "Gesetz Nr. vom": "Gesetz Nr. 1234 vom 12.03.2021",
    "§ … Nr.": "§ 24 Abs. 1 Nr. 3 GemO",
    "Vereinsregister Nr.": "Amtsgericht Musterstadt Vereinsregister Nr. 0815/2021",
    "BTB Nr. plain": "2. Austrag BTB Nr. 03563",
    "siehe Drucksache": "Die Verwaltung hat dazu bereits berichtet (siehe Drucksache 0100/2020).",
    "answer cited in prose": "Die Antwort der Verwaltung auf unsere Anfrage (Drucksache 0100/2020) "
    "lässt Fragen offen.",
    # Eighteenth round (bench.reference_variants reads a head's label row with the values under
    # it, and a paper's running count of one or two digits; these must stay unread): issue #11's
    # keep-list lines, a table of the body numbering its rows, label rows whose numbered column is
    # another's (a file sign, a paper referred to), a count cited in a sentence, a letter's
    # footer row of cells.
    "Aktenzeichen no colon": "Aktenzeichen 0123/2021",
    "siehe Vorlage": "siehe Vorlage 0099/2021",
    "Beschluss-Nr. vom": "Beschluss-Nr. 0099/2021 vom 12.03.2021",
    "Telefon: slash": "Telefon: 0123/456789",
    "row: Nr. table": "Nr.     Maßnahme          Kosten\n1       Radweg Nord       1.200",
    "row: Nr. table, year": "Nr.     Jahr      Maßnahme\n12      2021      Radweg Nord",
    "row: Aktenzeichen": "Aktenzeichen      Datum         Status\n"
    "61.2-123/2021     12.03.2021    öffentlich",
    "row: Bezugsvorlagen-Nr.": "Bezugsvorlagen-Nr.     Datum\n2020/0815              12.03.2021",
    "row: Telefon": "Telefon           Telefax           Datum\n"
    "0123/456789       0123/456790       12.03.2021",
    "count in a sentence": "Antrag Nr. 3 wurde am 12.03.2021 im Ausschuss beraten.",
    "count cited": "zu Anfrage Nr. 12",
    "footer row of cells": "Fraktion | Rathausplatz 1 | 12345 Musterstadt | Tel. 0123/4567",
    # Twentieth round (bench.reference_variants reads a type line naming its sender before "Nr. …
    # vom …", a sender and date after a labelled number, labels with en and em dashes; these must
    # stay unread): an agenda item with the public part's mark, official and law gazettes, a paper
    # cited in a sentence, a file sign and a letter's sign with an en dash, a type line with its
    # date and no number, a type line naming a plan's number, a sentence citing another inquiry
    # with its sender, number and date.
    "TOP Ö 5.3": "TOP Ö 5.3",
    "Amtsblatt Nr. cited": "Die Satzung wurde im Amtsblatt Nr. 12/2021 veröffentlicht.",
    "Amtsblatt Nr. cell": "Amtsblatt Nr. 12/2021",
    "BGBl.": "BGBl. I S. 123",
    "Drucksache cited": "Mit Drucksache 2020/0145 hat der Rat die Sanierung beschlossen.",
    "Aktenzeichen, en dash": "Aktenzeichen: 61.2–123/2021",
    "Ihr Zeichen, en dash": "Ihr Zeichen: 0815/2021 – Ihr Schreiben vom 12.03.2021",
    "type line dated, no number": "Anfrage der SPD-Fraktion vom 12.03.2021",
    "type line, Bebauungsplan Nr.": "Antrag der SPD-Fraktion zum Bebauungsplan Nr. 12/2021 vom "
    "12.03.2021",
    "sentence: die Anfrage der … Nr. … vom": "Wir verweisen auf die Anfrage der CDU-Fraktion Nr. "
    "2020/0815 vom 12.03.2020.",
    "sentence: Antrag … der … vom, lower": "Der Antrag 2020/0815 der CDU-Fraktion vom 12.03.2020 "
    "wurde abgelehnt.",
    # Twenty-first round (bench.reference_variants reads a head's table with its cell borders, a
    # column of labels above their values, a number wrapped after its separator, a number above
    # its caption and an e-mail's subject; these must stay unread): a session's number of a
    # council system, an office's Geschäftszeichen, a number field left empty above the date's or
    # filled with the template's note, an old decision cited as the paper's basis, the same
    # shapes for other fields' numbers (bordered rows, label columns, captions, a wrapped file
    # sign), an e-mail subject citing no number.
    "Sitzung: SI/…": "Sitzung: SI/2021/012",
    "Sitzungsnummer:": "Sitzungsnummer: 12/2021",
    "Gesch.-Z.:": "Gesch.-Z.: 10.21/123-21",
    "empty label, date field below": "Vorlage Nr.:\nDatum: 12.03.2021",
    "label filled with a note": "Drucksache Nr.: (wird von der Verwaltung ausgefüllt)",
    "Bezug: Beschluss-Nr. vom": "Bezug: Beschluss-Nr. 045/2020 vom 12.05.2020",
    "pipe row: Aktenzeichen": "| Aktenzeichen | 61.2-123/2021 |",
    "pipe row: Sitzung, Datum": "| Sitzung | SI/2021/012 | Datum | 12.03.2021 |",
    "label column: Aktenzeichen": "Aktenzeichen:\nDatum:\n61.2-123/2021\n12.03.2021",
    "label column: Bezugsvorlage": "Bezugsvorlage:\nDatum:\n2020/0815\n12.03.2021",
    "caption: Sitzungs-Nr.": "2021/0815\nSitzungs-Nr.\n12.03.2021\nDatum",
    "caption: Bezugsvorlagen-Nr.": "2020/0815\nBezugsvorlagen-Nr.\n12.03.2021\nDatum",
    "wrapped Az.": "Az.: 61.2/0815-\n21",
    "glued Bezugsvorlage": "Bezugsvorlage2020/0815Datum: 12.03.2021",
    "e-mail subject, no number": "Von: fraktion@example.org\nBetreff: WG: Anfrage der FDP-Fraktion",
}
# Sixteenth round: the same in a head line's right-hand column (variant → the cell printed after
# a gap at the end of the first printed line: a letterhead's right column).
COLUMN_TRAPS: dict[str, str] = {
    "column: date": "12.03.2021",
    "column: Tel.": "Tel. 0761/201-1234",
    "column: page 1/3": "1/3",
    "column: years 2021/22": "2021/22",
    "column: Az.": "Az.: 61.2/0815-21",
    "column: Sitzungs-Nr.": "Sitzungs-Nr.: 045/2023",
    "column: Datum": "Datum: 12.03.2021",
}
# Traps printed alone on the first line (variant → the line).
TOP_TRAPS: dict[str, str] = {
    "first line date": "12.03.2023",
    "first line year": "2023",
    "first line month/year": "03/2023",
    "first line ISO date": "2023-03-12",
    # Twentieth round: a number opening the text is read as a stamp (bare_numbers); these are none.
    "first line years 2021/2022": "2021/2022",
    "first line parcel": "123/4",
    "first line phone": "0761/2011234",
    "first line month/year slash": "03/2021",
}
PAGE_2 = " (page 2)"
_PAGE_BREAK_LINE = 20


def _printed(lines: list[str]) -> list[int]:
    return [k for k, line in enumerate(lines) if line.strip()]


def with_head_trap(text: str, trap: str) -> str:
    """Return the text with `trap` printed after its first printed line."""
    lines = text.split("\n")
    printed = _printed(lines)
    at = printed[0] + 1 if printed else 0
    return "\n".join([*lines[:at], trap, *lines[at:]])


def with_top_trap(text: str, trap: str) -> str:
    """Return the text with `trap` printed alone before its first printed line."""
    lines = text.split("\n")
    printed = _printed(lines)
    at = printed[0] if printed else 0
    return "\n".join([*lines[:at], trap, *lines[at:]])


def with_column_trap(text: str, trap: str) -> str:
    """Return the text with `trap` after a gap at the end of its first printed line."""
    lines = text.split("\n")
    printed = _printed(lines)
    at = printed[0] if printed else 0
    lines[at] = f"{lines[at].rstrip()}        {trap}"
    return "\n".join(lines)


def with_page_2_trap(text: str, trap: str) -> str:
    """Return the text with `trap` as the running head of page 2 (a page break made if none)."""
    if "\f" in text:
        first, rest = text.split("\f", 1)
        return f"{first}\f{trap}\n{rest}"
    lines = text.split("\n")
    printed = _printed(lines)
    if len(printed) < 2:
        return f"{text}\f{trap}"
    at = printed[min(_PAGE_BREAK_LINE, len(printed) // 2)]
    return "\n".join([*lines[:at], f"\f{trap}", *lines[at:]])


# A line left holding only a number label: "Vorlage Nr.:", "Drucksache", "DS", "Anfrage-Nr.".
_LABEL_ONLY = re.compile(
    r"(?:[\wäöüß]*(?:[Vv]orlage|[Dd]rucksache|[Aa]nfrage|[Aa]ntrag)[\wäöüß]*|DS|Drs\.?)?"
    r"(?:\s*-?\s*(?:Nr\.?|[Nn]ummer))?\s*:?\s*-?"
)


def without_number(text: str, label: dict[str, Any]) -> str | None:
    """Return the text with every occurrence of the labelled reference removed, or None when the
    label has none or it is not printed."""
    if not label.get("reference"):
        return None
    printed = [label["reference"], *(label.get("reference_alt") or [])]
    values = {re.sub(r"^(?:DS|Drs\.|Drucksache|Vorlage Nr\.:?)\s+", "", r) for r in printed}
    lines = text.split("\n")
    found = False
    for value in sorted(values, key=len, reverse=True):
        for span in reversed(spans(lines, value)):
            found = True
            line = lines[span.line]
            rest = (line[: span.start].rstrip() + " " + line[span.end :].lstrip()).strip()
            lines[span.line] = "\0" if _LABEL_ONLY.fullmatch(rest) else rest
    if not found:
        return None
    return "\n".join(x for x in lines if x != "\0")


def documents(items: Iterable[Any]) -> list[tuple[str, Case]]:
    """Return (name, case) for every dev document: none printed, number removed, control."""
    result = []
    for item in items:
        if not item.label.get("reference"):
            result.append((item.name, Case("none", item.text, frozenset())))
            continue
        printed = [item.label["reference"], *(item.label.get("reference_alt") or [])]
        result.append((item.name, Case("control", item.text, frozenset(map(_fold, printed)))))
        if (removed := without_number(item.text, item.label)) is not None:
            result.append((f"{item.name} (removed)", Case("none", removed, frozenset())))
    return result


def variants() -> dict[str, Callable[[str], str]]:
    """Return variant → transform of a text (the original included)."""
    result: dict[str, Callable[[str], str]] = {ORIGINAL: lambda text: text}
    for name, trap in HEAD_TRAPS.items():
        result[name] = partial(with_head_trap, trap=trap)
    for name, trap in TOP_TRAPS.items():
        result[name] = partial(with_top_trap, trap=trap)
    for name, trap in COLUMN_TRAPS.items():
        result[name] = partial(with_column_trap, trap=trap)
    for name, trap in {**HEAD_TRAPS, **TOP_TRAPS}.items():
        result[name + PAGE_2] = partial(with_page_2_trap, trap=trap)
    return result


@dataclass
class Tally:
    """Per variant and group: documents used, read right (control) and read as another number."""

    used: int = 0
    right: int = 0
    wrong: int = 0
    missed: list[str] = field(default_factory=list)


def reference_reader(shape: str | None = None) -> Callable[[str], str | None]:
    """Return text → the reference parse_text reads from it (brought into `shape` first).

    The same lines and the same readers as parse_pages (bare_numbers.paper_reference over the
    relined, cleaned lines and the relined pages), without the rest of the parse: a third
    of its time, for 30,000 rewritten texts.
    """
    reshape = SHAPES[shape] if shape else None

    def read(text: str) -> str | None:
        text = reshape(text) if reshape else text
        relined = relined_pages(text.split("\f"))
        return paper_reference(clean_lines(relined), relined)

    return read


def score(
    items: Iterable[Any],
    read: Callable[[str], str | None] | None = None,
    only: Iterable[str] | None = None,
) -> dict[tuple[str, str], Tally]:
    """Return (variant, group) → tally over the dev items (`only`: these variants)."""
    chosen = set(only) if only else None
    docs = documents(items)
    tallies: dict[tuple[str, str], Tally] = {}
    for name, transform in variants().items():
        if chosen is not None and name not in chosen:
            continue
        for doc_name, case in docs:
            tally = tallies.setdefault((name, case.group), Tally())
            got = (read or reference_reader())(transform(case.text))
            tally.used += 1
            if case.accepted and _fold(got) in case.accepted:
                tally.right += 1
                continue
            if got is not None:
                tally.wrong += 1
            if got is not None or case.accepted:
                tally.missed.append(f"{case.group} {doc_name}: {got!r}")
    return tallies


def table(tallies: dict[tuple[str, str], Tally]) -> list[str]:
    """Return markdown rows: variant, no invented (none), no invented and right (control)."""
    rows = [
        "| variant | no invented, none | no invented, control | right, control |",
        "|---|---:|---:|---:|",
    ]
    for name in dict.fromkeys(v for v, _ in tallies):
        none = tallies.get((name, "none"), Tally())
        control = tallies.get((name, "control"), Tally())
        rows.append(
            f"| {name} | {pct(none.used - none.wrong, none.used)} | "
            f"{pct(control.used - control.wrong, control.used)} | "
            f"{pct(control.right, control.used)} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show", help="only this variant, with the documents it reads wrong")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="bench.text_shapes shape first")
    args = parser.parse_args()
    only = [args.show] if args.show else None
    tallies = score(corpus_items("dev"), reference_reader(args.shape), only)
    print("\n".join(table(tallies)))
    if args.show:
        for (_, _group), tally in tallies.items():
            print("\n".join(tally.missed))


if __name__ == "__main__":
    main()
