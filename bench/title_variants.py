"""The title as a user reads it, whatever the head prints around it: dev documents with their
head replaced by layouts of council systems and letters. Reads the dev corpus (I/O).

Run: .venv/bin/python -m bench.title_variants [--shape NAME] [--show VARIANT] [--titles]
     [--save-expected FILE | --expected FILE]

For each dev document (every Kommune; check is never read) the bench reads the title parse_text
gives on the original as printed: that is the expected value. A document whose title is not a
subject (a label, a date, a committee, a type phrase; `not_subject`), or whose title cannot be
found as whole printed lines, is not used (--titles lists the titles used, to read them by hand).
The HEAD (every line above the subject) is dropped; the subject's lines and the text below them
stay as printed, and the variant prints a new head around the subject. The paper's type word T
comes from the label ("Anfrage", "Antrag", "Antwort", else "Vorlage"), the number from the label
(else "2021/0123"), the faction from the label (else "SPD").

Layouts (where they come from):
- "Betreff, empty fields below": "Betreff:" / subject / "Organisationseinheit: Datum:" /
  "Gremium Sitzungstermin Status" / "Rat der Stadt … 18.05.2021 Ö": a council system's cover
  sheet with fields left empty (SessionNet, ALLRIS print the field labels whether filled or not);
- "Betreff: subject, empty fields inline": "Betreff: subject" / "Sitzungstermin: TOP:";
- "subject, Beratungsfolge": T and the number, the subject unlabelled, a consultation table below
  (ALLRIS, SD.NET "Beratungsfolge:" with Gremium / Sitzung / Status rows);
- "two-column head": "T          Datum: 12.03.2021" (type left, date right, one text line),
  the number, the subject unlabelled, "Beratungsfolge:" below (cover sheets laid out in two
  columns, read line by line);
- "letter: type, sender, date, number, subject": T / "der Fraktion F" / "vom 04.02.2021" /
  "Nummer: R" / subject / the text (a faction's letter whose type, sender, date and number lines
  precede the subject);
- "label Bezeichnung:", "label Gegenstand:", "label Thema:", "label Titel:": T, the number, then
  "<label> subject" (the subject labels of council systems besides "Betreff:");
- "T zu subject", "T betreffend subject", "T: subject": the type line names the subject
  (inquiries and motions only: "Anfrage zu …", "Antrag betreffend …");
- "answer: Stellungnahme der Verwaltung / zur Anfrage R der Fraktion F / Bezeichnung:",
  "answer: Antwort der Verwaltung … / Gegenstand:": an office's answer head (answers only);
- "lead-in: subject / Wir fragen die Verwaltung:", "lead-in: Betreff: subject / Die Verwaltung
  wird gebeten, …", "lead-in: subject / Ich frage den Oberbürgermeister:": the inquiry's lead-in
  on the line after the subject (inquiries only; the lead-ins are the wordings letters and forms
  of every Kommune print; in "flat" the subject runs on into it and into the first question);
- "reference line: Nr. R vom DATE / subject", "reference line: Eingang: DATE / R / subject": the
  paper's number (the label's) on a line of its own above the subject, with its date after
  "Nr." or below a received date (the shapes of the lead's synthetic probes of the nineteenth
  round; the number's own format is always the dev document's);
- "address line: an den Oberbürgermeister / subject", "address line: An die Verwaltung der Stadt
  Musterstadt / subject": the addressee between the sender and the subject (a member's inquiry
  "Anfrage / der Ratsfrau … / an den Oberbürgermeister / <subject>").
- "prefix: T gem. § 16 Abs. 1 GO: subject", "prefix: T zur Sitzung des Rates am DATE: subject"
  (inquiries and motions), "prefix: Ihre Anfrage vom DATE – subject" (answers): the subject line
  opens with the type phrase and its legal basis, meeting or reply reference (letters of
  Schleswig-Holstein, Rheinland-Pfalz, NRW councils and answer letters everywhere; the lead's
  probes g2, g5, h2, h6 of the twentieth round);
- "meeting line: T der Fraktion F / zur Sitzung des Rates am DATE / subject": the meeting on a line
  of its own between the sender and the subject (probe i4);
- "e-mail: Betreff: T für die Sitzung … / lead-in: / subject / the text": an e-mail whose subject
  line names only the meeting, the subject a heading after the lead-in (probe g6; read where the
  text below starts with its first question).
- twenty-first round (probes titles21-02, -09, -20, -24, written like papers of Sachsen-Anhalt,
  Niedersachsen and e-mails anywhere): "prefix: Beantwortung der Anfrage der Fraktion F vom DATE:
  subject" (answers), "e-mail: Betreff: AW: WG: T subject / salutation / the text" (a forwarded
  e-mail's subject line), "meeting line: T der Gruppe F / Sitzung des Rates am DATE –
  Tagesordnungspunkt 7" (the meeting and agenda item on a line of their own above the subject),
  "letterhead: Fraktion F / street, postcode town · Tel. · e-mail / T zur … / subject" (a faction's
  letterhead with its contact line; inquiries and motions); "form table: row Nr. ¦ Betreff ¦ Datum
  over row R ¦ subject ¦ DATE" (a label row over a value row, cells set apart by "|"; one-line
  subjects only) and "form table: cell Titel alone, subject below" (below a "Datum | Vorlage-Nr."
  table; probes titles21-13, -18, -19); "label Betr.:" (the short label, probe titles21-03).
Scored: the title read equals the expected one (spaces and a word hyphenated across a printed
line aside).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.form_variants import _same_title
from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

_TYPES = {"Anfrage": "Anfrage", "Antrag": "Antrag", "Antwort": "Antwort"}
_SUBJECT_LABEL = re.compile(r"^\s*(?:Betreff|Gegenstand|Thema|Bezeichnung|Titel)\s*:?\s*")
_DATE = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}")
# What a title never is: a field label, a date, a committee, a type phrase (the bench's own
# reading of "is a subject"; titles failing it on the original are not used).
_NOT_SUBJECT = re.compile(
    r"^(?:\S+:\s*)+$|^(?:vom\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}$"
    r"|^(?:Gremium|Stadtrat|Gemeinderat|Ausschuss|Ortschaftsrat|Rat der)\b"
    r"|^(?:Stellungnahme|Antwort|Mitteilung|Anfrage|Antrag|Vorlage|Informationsvorlage"
    r"|Beschlussvorlage|Mitteilungsvorlage)(?:\s+(?:der|des)\s+\w+)?$"
    # a department's cell before the subject, a town's name, a sender's group, a label's rest
    r"|^Dez\.\s|^Stadt\s+\w+$|^[\w/ -]*fraktion\w*$|Nr\.:?\s*(?:Nr\.)?$|im Rat der \w+$"
    r"|^(?:Anfrage|Antrag)\s+der\s+\S*[Ff]raktion\S*(?:\s+[A-ZÄÖÜ]\w+)?$",
    re.I,
)

EMPTY_BELOW, EMPTY_INLINE = "Betreff, empty fields below", "Betreff: subject, empty fields inline"
CONSULTATION, TWO_COLUMN = "subject, Beratungsfolge", "two-column head"
LETTER = "letter: type, sender, date, number, subject"
LABELS = ("Bezeichnung:", "Gegenstand:", "Thema:", "Titel:", "Betr.:")
TYPE_NAMES = ("T zu subject", "T betreffend subject", "T: subject")
ANSWERS = (
    "answer: Stellungnahme der Verwaltung / Bezeichnung:",
    "answer: Antwort der Verwaltung / Gegenstand:",
)
LEAD_INS = {
    "lead-in: subject / Wir fragen die Verwaltung:": (False, "Wir fragen die Verwaltung:"),
    "lead-in: Betreff: subject / Die Verwaltung wird gebeten, …": (
        True,
        "Die Verwaltung wird gebeten, folgende Fragen zu beantworten:",
    ),
    "lead-in: subject / Ich frage den Oberbürgermeister:": (
        False,
        "Ich frage den Oberbürgermeister:",
    ),
}
REFERENCE_LINES = (
    "reference line: Nr. R vom DATE / subject",
    "reference line: Eingang: DATE / R / subject",
)
ADDRESS_LINES = {
    "address line: an den Oberbürgermeister / subject": "an den Oberbürgermeister",
    "address line: An die Verwaltung der Stadt Musterstadt / subject": (
        "An die Verwaltung der Stadt Musterstadt"
    ),
}
# The type phrase before the subject on its line (heads20): the legal basis, the meeting, an
# answer letter's reference to the inquiry; and the meeting on a line of its own between the
# sender and the subject.
PREFIXES = {
    "prefix: T gem. § 16 Abs. 1 GO: subject": ("Anfrage", "Antrag"),
    "prefix: T zur Sitzung des Rates am DATE: subject": ("Anfrage", "Antrag"),
    "prefix: Ihre Anfrage vom DATE – subject": ("Antwort",),
}
MEETING_LINE = "meeting line: T der Fraktion F / zur Sitzung des Rates am DATE / subject"
MAIL = "e-mail: Betreff: T für die Sitzung … / lead-in: / subject / the text"
# The twenty-first round's shapes (probes titles21-02, -09, -24, -25): an answer's phrase naming
# the inquiry before the subject, an e-mail's reply marks before "T <subject>", a meeting line
# with its agenda item between the sender and the subject, a letterhead's contact line above.
ANSWER_PHRASE = "prefix: Beantwortung der Anfrage der Fraktion F vom DATE: subject"
MAIL_MARKS = "e-mail: Betreff: AW: WG: T subject / salutation / the text"
AGENDA_LINE = "meeting line: T der Gruppe F / Sitzung des Rates am DATE – Tagesordnungspunkt 7"
CONTACT_LINE = "letterhead: Fraktion F / street, postcode town · Tel. · e-mail / T zur … / subject"
TABLE_ROWS = "form table: row Nr. ¦ Betreff ¦ Datum over row R ¦ subject ¦ DATE"
LABEL_CELL = "form table: cell Titel alone, subject below"
NEW_VARIANTS = (ANSWER_PHRASE, MAIL_MARKS, AGENDA_LINE, CONTACT_LINE, TABLE_ROWS, LABEL_CELL)
VARIANTS = (
    EMPTY_BELOW,
    EMPTY_INLINE,
    CONSULTATION,
    TWO_COLUMN,
    LETTER,
    *(f"label {x}" for x in LABELS),
    *TYPE_NAMES,
    *ANSWERS,
    *LEAD_INS,
    *REFERENCE_LINES,
    *ADDRESS_LINES,
    *PREFIXES,
    MEETING_LINE,
    MAIL,
    *NEW_VARIANTS,
)
_TABLE = ["Beratungsfolge:", "Gremium   Sitzung   Status", "Stadtrat   23.03.2023   öffentlich"]


def not_subject(title: str) -> bool:
    """Return whether a title is a label, a date, a committee or a type phrase."""
    return bool(_NOT_SUBJECT.search(" ".join(title.split())))


def _bare(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).casefold()


@dataclass(frozen=True)
class Subject:
    """A document's subject as printed: its lines, and the text below them."""

    lines: list[str]
    body: list[str]


def find_subject(text: str, title: str) -> Subject | None:
    """Return the printed lines that make up the title (a subject label taken off), or None."""
    lines = text.split("\n")
    want = _bare(title)
    for i, line in enumerate(lines[:80]):
        first = _SUBJECT_LABEL.sub("", line).strip()
        if len(_bare(first)) < 4 or not want.startswith(_bare(first)):
            continue
        taken, got, k = [first], _bare(first), i + 1
        while got != want and k < len(lines) and lines[k].strip():
            nxt = _bare(lines[k])
            if not want.startswith(got + nxt):
                break
            taken.append(lines[k].strip())
            got += nxt
            k += 1
        if got == want:
            return Subject(taken, lines[k:])
    return None


def head(variant: str, label: dict[str, Any], subject: list[str]) -> list[str] | None:
    """Return the new head and subject lines of `variant`, or None if it does not apply."""
    kind = label.get("kind") or ""
    word = _TYPES.get(kind, "Vorlage")
    ref = label.get("reference") or "2021/0123"
    faction = (label.get("factions") or ["SPD"])[0]
    first, rest = subject[0], subject[1:]
    if variant == EMPTY_BELOW:
        return [
            word,
            f"Vorlage-Nr.: {ref}",
            "Betreff:",
            *subject,
            "Organisationseinheit: Datum:",
            "Gremium Sitzungstermin Status",
            "Rat der Stadt Musterstadt 18.05.2021 Ö",
            "",
        ]
    if variant == EMPTY_INLINE:
        return [word, f"Vorlage-Nr.: {ref}", f"Betreff: {first}", *rest, "Sitzungstermin: TOP:", ""]
    if variant == CONSULTATION:
        return [word, f"Vorlage-Nr.: {ref}", "", *subject, "", *_TABLE, ""]
    if variant == TWO_COLUMN:
        return [
            f"{word}                         Datum: 12.03.2021",
            f"Vorlage-Nr.: {ref}",
            *subject,
            *_TABLE,
            "",
        ]
    if variant == LETTER:
        return [word, f"der Fraktion {faction}", "vom 04.02.2021", f"Nummer: {ref}", *subject, ""]
    if variant.startswith("label "):
        name = variant.removeprefix("label ")
        return [word, f"Vorlage-Nr.: {ref}", "Datum: 12.03.2021", f"{name} {first}", *rest, ""]
    if variant in TYPE_NAMES:
        if kind not in ("Anfrage", "Antrag"):
            return None
        joint = {"T zu subject": " zu ", "T betreffend subject": " betreffend ", "T: subject": ": "}
        return [
            f"der Fraktion {faction}",
            "Musterstadt, 04.02.2021",
            "",
            f"{word}{joint[variant]}{first}",
            *rest,
            "",
        ]
    if variant in LEAD_INS:
        if kind != "Anfrage":
            return None
        labelled, lead_in = LEAD_INS[variant]
        shown = [f"Betreff: {first}", *rest] if labelled else ["", *subject]
        return [word, f"der Fraktion {faction}", *shown, lead_in]
    if variant in REFERENCE_LINES:
        if variant == REFERENCE_LINES[0]:
            return [
                word,
                f"der Fraktion {faction}",
                "",
                f"Nr. {ref} vom 02.03.2022",
                "",
                *subject,
                "",
            ]
        return [f"{word} der Fraktion {faction}", "Eingang: 05.09.2022", ref, "", *subject, ""]
    if variant in ADDRESS_LINES:
        return [word, f"der Fraktion {faction}", "", ADDRESS_LINES[variant], "", *subject, ""]
    if variant in PREFIXES:
        if kind not in PREFIXES[variant]:
            return None
        phrase = {
            "prefix: T gem. § 16 Abs. 1 GO: subject": f"{word} gem. § 16 Abs. 1 GO: ",
            "prefix: T zur Sitzung des Rates am DATE: subject": (
                f"{word} zur Sitzung des Rates am 14.11.2024: "
            ),
            "prefix: Ihre Anfrage vom DATE – subject": "Ihre Anfrage vom 15.01.2024 – ",
        }[variant]
        sender = "Der Oberbürgermeister" if kind == "Antwort" else f"Fraktion {faction}"
        return [sender, "", "Musterstadt, 04.02.2021", "", f"{phrase}{first}", *rest, ""]
    if variant == MEETING_LINE:
        if kind not in ("Anfrage", "Antrag"):
            return None
        return [
            f"{word} der Fraktion {faction}",
            "",
            "zur Sitzung des Rates am 14.11.2024",
            "",
            *subject,
            "",
        ]
    if variant == MAIL:
        if kind != "Anfrage":
            return None
        return [
            "Von: Petra Lindner <p.lindner@example.org>",
            "Gesendet: Montag, 4. März 2024 09:14",
            "An: Stadtverwaltung Musterstadt",
            f"Betreff: {word} für die Sitzung des Rates am 14.03.2024",
            "",
            "Sehr geehrte Damen und Herren,",
            "",
            f"für die Fraktion {faction} stelle ich folgende Anfrage:",
            "",
            *subject,
            "",
        ]
    if variant == TABLE_ROWS:
        if len(subject) > 1:
            return None  # a cell of one line
        return [word, "", "Nr. | Betreff | Datum", f"{ref} | {first} | 22.02.2024", ""]
    if variant == LABEL_CELL:
        return [word, "", "Datum | Vorlage-Nr.", f"19.03.2024 | {ref}", "", "Titel", *subject, ""]
    if variant == ANSWER_PHRASE:
        if kind != "Antwort":
            return None
        phrase = f"Beantwortung der Anfrage der Fraktion {faction} vom 10.09.2024: "
        return [
            "Der Oberbürgermeister",
            "",
            "Musterstadt, 02.10.2024",
            "",
            f"{phrase}{first}",
            *rest,
            "",
        ]
    if variant == MAIL_MARKS:
        if kind not in ("Anfrage", "Antrag"):
            return None
        return [
            "Von: Petra Lindner <p.lindner@example.org>",
            "Gesendet: Dienstag, 7. Mai 2024 18:42",
            "An: Ratsbüro Musterstadt <ratsbuero@musterstadt.de>",
            f"Betreff: AW: WG: {word} {first}",
            *rest,
            "",
            "Sehr geehrte Damen und Herren,",
            "",
        ]
    if variant == AGENDA_LINE:
        if kind not in ("Anfrage", "Antrag"):
            return None
        return [
            "Eingang: 06.05.2024",
            f"{word} der Gruppe {faction}",
            "Sitzung des Rates am 16.05.2024 – Tagesordnungspunkt 7",
            "",
            *subject,
            "",
        ]
    if variant == CONTACT_LINE:
        if kind not in ("Anfrage", "Antrag"):
            return None
        return [
            f"Fraktion {faction} im Stadtrat Musterstadt",
            "Markt 1, 06100 Musterstadt · Tel. 0345 1234567 · fraktion@musterstadt.de",
            "",
            "Herrn Oberbürgermeister",
            "",
            f"{word} zur Ratssitzung am 18.12.2024",
            *subject,
            "",
        ]
    if variant in ANSWERS:
        if kind != "Antwort":
            return None
        office, name = variant.removeprefix("answer: ").split(" / ")
        return [
            office,
            "Datum: 01.03.2021",
            f"zur Anfrage {ref} der Fraktion {faction}",
            f"{name} {first}",
            *rest,
            "",
        ]
    return None


@dataclass
class Outcome:
    """One document read in one variant and shape."""

    name: str
    right: bool
    read: str | None


def outcomes(
    items: Iterable[Any],
    shapes: dict[str, Callable[[str], Any]],
    only: Iterable[str] = VARIANTS,
    expected: dict[str, str | None] | None = None,
) -> tuple[dict[tuple[str, str], list[Outcome]], list[tuple[str, str]]]:
    """Return (variant, shape) → outcomes over dev, and the (document, title) pairs used.

    `expected` (document → title) replaces the reading of the originals: a before-parser is
    then scored on the same titles as the parser after a change.
    """
    result: dict[tuple[str, str], list[Outcome]] = {}
    used: list[tuple[str, str]] = []
    for item in items:
        title = expected.get(item.name) if expected is not None else parse_text(item.text).title
        if not title or not_subject(title):
            continue
        subject = find_subject(item.text, title)
        if subject is None:
            continue
        used.append((item.name, title))
        for variant in only:
            lines = head(variant, item.label, subject.lines)
            if lines is None:
                continue
            text = "\n".join([*lines, *subject.body])
            for shape, parse in shapes.items():
                read = parse(text).title
                right = _same_title(read, title)
                result.setdefault((variant, shape), []).append(Outcome(item.name, right, read))
    return result, used


def table(result: dict[tuple[str, str], list[Outcome]], shapes: list[str]) -> list[str]:
    """Return markdown rows: per variant, documents used and the title right per shape."""
    rows = [
        "| variant | documents | " + " | ".join(f"title ({s})" for s in shapes) + " |",
        "|---|---:|" + "---:|" * len(shapes),
    ]
    for variant in VARIANTS:
        docs = {s: result.get((variant, s), []) for s in shapes}
        cells = [pct(sum(o.right for o in docs[s]), len(docs[s])) for s in shapes]
        rows.append(f"| {variant} | {len(docs[shapes[0]])} | {' | '.join(cells)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), help="a second shape")
    parser.add_argument("--show", help="list the documents a variant reads wrong")
    parser.add_argument("--titles", action="store_true", help="list the titles used")
    parser.add_argument("--save-expected", help="write the expected titles to this JSON file")
    parser.add_argument("--expected", help="read the expected titles from this JSON file")
    args = parser.parse_args()
    shapes: dict[str, Callable[[str], Any]] = {"text": parse_text}
    if args.shape:
        shapes[args.shape] = shaped_parse(args.shape)
    only = [args.show] if args.show else VARIANTS
    expected = json.loads(Path(args.expected).read_text()) if args.expected else None
    result, used = outcomes(corpus_items("dev"), shapes, only, expected)
    if args.save_expected:
        Path(args.save_expected).write_text(json.dumps(dict(used), ensure_ascii=False, indent=1))
    print("\n".join(table(result, list(shapes))))
    print(f"documents used: {len(used)}")
    if args.titles:
        for name, title in used:
            print(name, "|", title)
    if args.show:
        for shape in shapes:
            for o in result.get((args.show, shape), []):
                if not o.right:
                    print(shape, o.name, "|", o.read)


if __name__ == "__main__":
    main()
