"""The kind, whatever the paper's type is called: dev documents with their type words rewritten.

Run: .venv/bin/python -m bench.kind_variants [--shape NAME] [--show VARIANT]

Reads the dev corpus (I/O); check is never read. For each dev document whose type is printed — a
form's type line ("ANFRAGE", "Anfrage", "STELLUNGNAHME zur Anfrage", "Mitteilungsvorlage zu TOP
8", "ANTRAG") or a letter's subject ("Anfrage zum Gelände …", "Antrag: Gründung …"), found by
`type_spot` among the first 40 lines — the TYPE WORDS are rewritten into each variant below and
the parser's kind is scored. Every other word stays, with one exception that keeps the bench
honest: a number label carrying the type word ("Anfrage Nr.: AF0028/14", "Anfrage-Nr.
VII-F-08613") would still print the old type, so its type word becomes "Vorlage" ("Vorlage Nr.:
AF0028/14"); where such a label is the only printed type (Leipzig), the variant's type line is
put on its own line above it.

Variants (name → what is printed; where it comes from):
- inquiries (documents labelled Anfrage whose printed type is an inquiry's; expected: the label's
  kind and kind_alt): the type names the issue lists from real documents ("Kleine Anfrage",
  "Große Anfrage", "Mündliche Anfrage", "Schriftliche Anfrage", "Ratsanfrage", "Einwohneranfrage",
  "Dringliche Anfrage", "Anfrage gem. § 4 der Geschäftsordnung", "Auskunftsersuchen nach § 27
  BezVG", "Fragen an den Magistrat", "Anfrage zur Fragestunde": rules of procedure of Gemeinde-
  and Stadträte, Landtage and Berlin's BezVG); form fields of SessionNet/ALLRIS cover sheets
  ("Vorlageart: Anfrage", "Vorlage-Art: Anfrage", "Art der Vorlage: Anfrage", only where the type
  fills its line); and the type in prose only: "prose: bittet" (type words removed, "Der
  Unterzeichner bittet Sie, folgende Anfrage schriftlich zu beantworten:" above the first list
  item, else below the salutation, else in the type line's place) and "prose: Betreff"
  ("Betreff: Anfrage zu <subject>", the subject being the type line's rest, else the title
  parse_text reads on the original text).
- answers (documents labelled Antwort or Informationsvorlage whose printed type is an answer's or
  a notice's; expected: the label's kind and kind_alt, and Antwort — a notice about a motion that
  now names itself an answer or quotes an inquiry as its subject has become one — and for the
  notice names Mitteilungsvorlage, Informationsvorlage and "Mitteilung der Verwaltung" also
  Informationsvorlage; where the old type words end in "zur Anfrage" and a genitive follows on
  their line, "zur Anfrage" stays: "Mitteilungsvorlage zur Anfrage der" / "CDU-…"): "Mitteilungs-
  vorlage", "Informationsvorlage", "Mitteilung der Verwaltung", "Stellungnahme der Verwaltung",
  "Beantwortung der Anfrage", "Antwort der Oberbürgermeisterin", "Antwort des Bezirksamtes",
  "Antwort des Magistrats", "Antwort der Landesregierung" (the issue's list; Landtag and Magistrat
  conventions); and "subject: Anfrage der CDU-Fraktion" (the type line kept, a subject line
  "Anfrage der CDU-Fraktion zu <title>" put below it: the answer quotes the inquiry it answers).
  An answer that repeats the inquiry whole, lead-in included (only documents with a numbered
  list below the type line): "lead-in: Antwort auf die Anfrage", "lead-in: Beantwortung der
  Anfrage" (the type words rewritten), "lead-in: Mitteilungsvorlage, Anfrage … vom" (and a subject
  line "Anfrage der SPD-Fraktion vom 12.03.2021" below it), each with "Wir fragen die
  Verwaltung:" put above the first list item; "Antwortschreiben, Sie fragen:" ("Sie fragen:" there
  instead). Answer letters: "Antwortschreiben, Betreff: Ihre Anfrage vom" (type line
  "Antwortschreiben", subject "Betreff: Ihre Anfrage vom 12.03.2021" below it) and "letter: Ihre
  Anfrage vom … beantworte ich" (the type words taken out, "Ihre Anfrage vom 12.03.2021
  beantworte ich wie folgt:" below the salutation, else a salutation and that sentence above the
  first list item).
- negatives (documents labelled Antrag or Vorlage whose printed type is a motion's or a
  Beschlussvorlage; must become neither Anfrage nor Antwort; expected: the label's kinds, and
  Antrag for a motion's name, Vorlage for "Beschlussvorlage", which is put on forms only, never
  on a faction's letter): "Dringlichkeitsantrag",
  "Änderungsantrag", "Ergänzungsantrag", "Prüfantrag", "Antrag gem. § 3 GO", "Beschlussvorlage",
  "Sachantrag", "Prüfauftrag", "Berichtsantrag", "Resolution" (motion names of rules of
  procedure). The twentieth round added "subject only: Anfrage der SPD-Fraktion vom … –
  Beantwortung" (answers: the type words taken out, that subject line in their place) and the
  inquiry names "Nachfrage", "Ergänzungsanfrage" (a
  follow-up to an answer), "Einwohnerfrage" and "Bürgeranfrage" (citizens' questions).
- untyped (every family; expected: the label's kinds, for negatives also sonstiges): "no type
  word" (the type words are taken out of their line, with a preposition after them: "Anfrage zum
  Gelände …" → "Gelände …"; a line left empty goes) and "unknown type 'Eingabe'" (a type name no
  rule knows in their place). Many papers print no type at all, or one of a Kommune's own; the
  issue asks for the kind from the content then (the questions, the answers, a motion's wording).
- answer sections (documents labelled Anfrage; expected: Antwort only): the inquiry as printed,
  then its answer in the same paper under a dated heading of who answers ("Antwort des
  Magistrats vom 10.04.2024:", "Stellungnahme der Verwaltung vom 3. Mai 2024:") and "Zu 1.: …"
  per question — a paper holding inquiry and answer is an answer, as the dev labels have it
  (Landtag "Kleine Anfrage … mit Antwort", Karlsruhe Stellungnahmen).
"original" (no rewrite, every dev document with a kind label) is the control. A variant that
cannot apply to a document is skipped; the table says how many documents each variant used.
Each variant is read in the original shape and in `flat` (or --shape, bench.text_shapes).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bench.text_shapes import SHAPES
from bench.variants import pct
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

HEAD = 40
_QUALIFIER = r"(?:(?:Gemeinsame|Interfraktionelle|Kleine|Große|Mündliche|Schriftliche)\s+)?"
_TYPE = re.compile(
    r"^(?P<lead>\s*(?:Betreff:\s*)?)(?P<type>" + _QUALIFIER + r"(?:(?:Stellungnah?me|Antwort|"
    r"Beantwortung)\s+zu[rm]?\s+(?:Einwohner)?Anfrage|Einwohneranfrage|Anfrage|Antrag|"
    r"Stellungnahme|Mitteilungsvorlage|Informationsvorlage|Beschlussvorlage))(?!\w|-(?!Nr))",
    re.I,
)
_NUMBER_LABEL = re.compile(r"^\s*(?:-\s*|\s+)Nr\.", re.I)
_PREPOSITION = re.compile(r"^\s*(?:zu[rm]?|betr\.|betreffend)\s+|^\s*:\s*", re.I)
_FIRST_ITEM = re.compile(r"^\s*(?:Frage\s+)?(?:1[.)]|a\)|A\.)\s")
_SALUTATION = re.compile(r"^\s*(?:Sehr geehrte|Liebe[rs]?\s)")

INQUIRY, ANSWER, NEGATIVE = "inquiry", "answer", "negative"
INQUIRY_NAMES = (
    "Kleine Anfrage",
    "Große Anfrage",
    "Mündliche Anfrage",
    "Schriftliche Anfrage",
    "Ratsanfrage",
    "Einwohneranfrage",
    "Dringliche Anfrage",
    "Anfrage gem. § 4 der Geschäftsordnung",
    "Auskunftsersuchen nach § 27 BezVG",
    "Fragen an den Magistrat",
    "Anfrage zur Fragestunde",
    # twentieth round: a follow-up to an answer and the citizens' questions (rules of procedure
    # of Gemeinderäte and Kreistage; Leipzig's Einwohneranfrage is labelled Anfrage in dev)
    "Nachfrage",
    "Ergänzungsanfrage",
    "Einwohnerfrage",
    "Bürgeranfrage",
)
FIELDS = ("Vorlageart: Anfrage", "Vorlage-Art: Anfrage", "Art der Vorlage: Anfrage")
PROSE_ASK, PROSE_SUBJECT = "prose: bittet", "prose: Betreff"
ASKING = "Der Unterzeichner bittet Sie, folgende Anfrage schriftlich zu beantworten:"
NOTICE_NAMES = ("Mitteilungsvorlage", "Informationsvorlage", "Mitteilung der Verwaltung")
ANSWER_NAMES = (
    *NOTICE_NAMES,
    "Stellungnahme der Verwaltung",
    "Beantwortung der Anfrage",
    "Antwort der Oberbürgermeisterin",
    "Antwort des Bezirksamtes",
    "Antwort des Magistrats",
    "Antwort der Landesregierung",
)
QUOTED_SUBJECT = "subject: Anfrage der CDU-Fraktion"
# No type word, only a subject line naming the inquiry and what the paper does with it (forms and
# notices of Kreise and Städte: "Betreff: Anfrage der SPD-Fraktion vom … – Beantwortung").
INQUIRY_ANSWERED_SUBJECT = "subject only: Anfrage der SPD-Fraktion vom … – Beantwortung"
ANSWERED_SUBJECT_LINE = "Anfrage der SPD-Fraktion vom 12.03.2021 – Beantwortung"
NEGATIVE_NAMES = (
    "Dringlichkeitsantrag",
    "Änderungsantrag",
    "Ergänzungsantrag",
    "Prüfantrag",
    "Antrag gem. § 3 GO",
    "Beschlussvorlage",
    "Sachantrag",
    "Prüfauftrag",
    "Berichtsantrag",
    "Resolution",  # a council's resolution: a motion (fetcher.classify reads "resolution" so)
)
# An answer that repeats the inquiry whole, its lead-in included ("Wir fragen die Verwaltung:"
# above the first list item), under an answer's heading: the heading outranks the quoted lead-in;
# an answer letter ("Antwortschreiben") quoting the asker ("Sie fragen:" above the list).
# Name → (type words printed, a subject line put below the type line or None). And answer
# letters: "Antwortschreiben" with "Betreff: Ihre Anfrage vom 12.03.2021", and a letter whose
# type words are gone and whose first sentence below the salutation names the answering ("Ihre
# Anfrage vom 12.03.2021 beantworte ich wie folgt:").
LEAD_IN = "Wir fragen die Verwaltung:"
QUOTED_LEAD_INS: dict[str, tuple[str, str | None]] = {
    "lead-in: Antwort auf die Anfrage": ("Antwort auf die Anfrage", None),
    "lead-in: Beantwortung der Anfrage": ("Beantwortung der Anfrage", None),
    "lead-in: Mitteilungsvorlage, Anfrage … vom": (
        "Mitteilungsvorlage",
        "Anfrage der SPD-Fraktion vom 12.03.2021",
    ),
    "Antwortschreiben, Sie fragen:": ("Antwortschreiben", None),
}
# What each QUOTED_LEAD_INS variant puts above the first list item.
LEAD_IN_OF = {"Antwortschreiben, Sie fragen:": "Sie fragen:"}
ANSWER_LETTER_SUBJECT = "Antwortschreiben, Betreff: Ihre Anfrage vom"
ANSWER_LETTER_OPENING = "letter: Ihre Anfrage vom … beantworte ich"
ANSWERING = "Ihre Anfrage vom 12.03.2021 beantworte ich wie folgt:"
# No type word at all, or one the parser cannot know: the kind must come from the content (the
# questions, the answers, the motion's wording, who writes to whom). Name → (family, what is
# printed in the type words' place: nothing, or an unknown type name).
UNTYPED: dict[str, tuple[str, str]] = {
    f"{what} ({family})": (family, printed)
    for family in (INQUIRY, ANSWER, NEGATIVE)
    for what, printed in (("no type word", ""), ("unknown type 'Eingabe'", "Eingabe"))
}
# The inquiry as printed, its answer below it in the same paper: a dated heading of who answers,
# then "Zu 1.: …" per question (a Magistrat's or a Verwaltung's answer appended to the inquiry's
# own text). A paper holding inquiry and answer is an answer, as the dev labels have it (the
# Landtag's "Kleine Anfrage … mit Antwort", Karlsruhe's Stellungnahmen repeating the questions).
ANSWER_SECTIONS = {
    "answer section: Antwort des Magistrats vom …:": "Antwort des Magistrats vom 10.04.2024:",
    "answer section: Stellungnahme der Verwaltung vom …:": (
        "Stellungnahme der Verwaltung vom 3. Mai 2024:"
    ),
}
# Answers that differ from each other (identical lines that differ only in a number are read as
# a running head and dropped, as page furniture is): a statement, then a second one.
ANSWER_SENTENCES = (
    "Der Verwaltung liegen hierzu keine Erkenntnisse vor.",
    "Die Planungen sind noch nicht abgeschlossen.",
    "Im Haushalt stehen dafür keine Mittel bereit.",
    "Das Fachamt prüft derzeit die rechtlichen Möglichkeiten.",
    "Ein Gutachten wurde im vergangenen Jahr beauftragt.",
    "Die Zuständigkeit liegt beim Landkreis.",
)
FOLLOW_UPS = (
    "",
    " Der Ortschaftsrat wird informiert.",
    " Weitere Schritte sind nicht geplant.",
    " Über den Stand wird im Ausschuss berichtet.",
)
VARIANTS: dict[str, str] = {
    **{name: INQUIRY for name in (*INQUIRY_NAMES, *FIELDS, PROSE_ASK, PROSE_SUBJECT)},
    **{name: INQUIRY for name in ANSWER_SECTIONS},
    **{name: ANSWER for name in (*ANSWER_NAMES, QUOTED_SUBJECT, INQUIRY_ANSWERED_SUBJECT)},
    **{name: ANSWER for name in (*QUOTED_LEAD_INS, ANSWER_LETTER_SUBJECT, ANSWER_LETTER_OPENING)},
    **{name: NEGATIVE for name in NEGATIVE_NAMES},
    **{name: family for name, (family, _printed) in UNTYPED.items()},
}
_KINDS = {"anfrage": "Anfrage", "antwort": "Antwort", "anfrage+antwort": "Antwort"}


@dataclass(frozen=True)
class Spot:
    """Where the printed type is: its line, the type words' span, its family, and whether the
    type is printed only inside a number label (then the variant goes on a line of its own)."""

    line: int
    start: int
    end: int
    family: str
    in_label: bool


def _family(words: str) -> str:
    if re.search(r"Stellungnah?me|Antwort|Beantwortung|Mitteilung|Information", words, re.I):
        return ANSWER
    if re.search(r"anfrage", words, re.I):
        return INQUIRY
    return NEGATIVE  # Antrag, Beschlussvorlage


def _neutral_labels(lines: list[str]) -> tuple[list[str], int | None]:
    """Return the lines with every number label's type word made "Vorlage", and the first such
    label's line (None if there is none)."""
    first = None
    out = list(lines)
    for i, line in enumerate(lines[:HEAD]):
        match = _TYPE.match(line)
        if match and _NUMBER_LABEL.match(line[match.end() :]):
            out[i] = line[: match.start("type")] + "Vorlage" + line[match.end() :]
            first = i if first is None else first
    return out, first


def type_spot(lines: list[str]) -> Spot | None:
    """Return where a document prints its type (first type line in the head), or None."""
    for i, line in enumerate(lines[:HEAD]):
        match = _TYPE.match(line)
        if match and not _NUMBER_LABEL.match(line[match.end() :]):
            return Spot(i, match.start("type"), match.end(), _family(match.group("type")), False)
    for i, line in enumerate(lines[:HEAD]):  # the type only in a number label (Leipzig)
        match = _TYPE.match(line)
        if match:
            return Spot(i, 0, 0, _family(match.group("type")), True)
    return None


def _insert_at(lines: list[str], spot: Spot) -> int:
    """Where "prose: bittet" puts its sentence: above the first list item below the type line,
    else below a salutation, else in the type line's place."""
    below = range(spot.line + 1, len(lines))
    item = next((i for i in below if _FIRST_ITEM.match(lines[i])), None)
    if item is not None:
        return item
    salutation = next((i for i in below if _SALUTATION.match(lines[i])), None)
    return salutation + 1 if salutation is not None else spot.line


def rewrite(text: str, variant: str, title: str | None = None, form: bool = True) -> str | None:
    """Return the text with its printed type rewritten into `variant`, or None if the variant
    does not apply (no printed type of the variant's family, or nothing to put in its place).
    `title` is the subject the variants "prose: Betreff" and the quoted subject need; `form`
    says whether the document is a form ("Beschlussvorlage" applies to forms only)."""
    lines = text.split("\n")
    spot = type_spot(lines)
    family = VARIANTS[variant]
    if spot is None or spot.family != family:
        return None
    if variant == "Beschlussvorlage" and not form:
        return None  # the administration's paper: a faction's letter is never one
    if variant != QUOTED_SUBJECT:  # that variant keeps the paper's own type, labels included
        lines, _ = _neutral_labels(lines)
    line = lines[spot.line]
    before, rest = line[: spot.start], line[spot.end :]
    if spot.in_label:
        before, rest = "", ""
    if variant in UNTYPED:
        printed = UNTYPED[variant][1]
        if spot.in_label:  # the number label's type word is "Vorlage" already
            if printed:
                lines.insert(spot.line, printed)
            return "\n".join(lines)
        if not printed:  # "Anfrage zum Gelände …" → "Gelände …"; a bare type line goes
            rest = _PREPOSITION.sub("", rest)
        new_line = f"{before}{printed}{rest}"
        if new_line.strip(" :-–"):
            lines[spot.line] = new_line
        else:
            del lines[spot.line]
        return "\n".join(lines)
    if variant == QUOTED_SUBJECT:
        if not title:
            return None
        lines.insert(spot.line + 1, f"Anfrage der CDU-Fraktion zu {title}")
        return "\n".join(lines)
    if variant == INQUIRY_ANSWERED_SUBJECT:
        if spot.in_label:  # the number label's type word is "Vorlage" already
            lines.insert(spot.line, ANSWERED_SUBJECT_LINE)
            return "\n".join(lines)
        kept = f"{before}{_PREPOSITION.sub('', rest)}"  # "Stellungnahme zur Anfrage …" → "…"
        if kept.strip(" :-–"):
            lines[spot.line] = kept
            lines.insert(spot.line + 1, ANSWERED_SUBJECT_LINE)
        else:
            lines[spot.line] = ANSWERED_SUBJECT_LINE
        return "\n".join(lines)
    if variant in QUOTED_LEAD_INS:
        return _quoted_lead_in(lines, spot, variant)
    if variant == ANSWER_LETTER_SUBJECT:
        lines[spot.line] = "Antwortschreiben"
        lines.insert(spot.line + 1, "Betreff: Ihre Anfrage vom 12.03.2021")
        return "\n".join(lines)
    if variant == ANSWER_LETTER_OPENING:
        return _answering_letter(lines, spot)
    if variant in ANSWER_SECTIONS:
        return None  # answered_inquiry writes it
    if variant in FIELDS and rest.strip():
        return None  # a form field fills its line; a letter's subject has more after it
    if variant == PROSE_ASK:
        at = _insert_at(lines, spot)
        subject = _PREPOSITION.sub("", rest).strip()
        if not spot.in_label:
            lead = re.sub(r"Betreff:\s*$", "", before)
            lines[spot.line] = f"{lead}{subject}" if subject else lead.rstrip()
        if at == spot.line and not spot.in_label:
            lines[at] = ASKING
        else:
            lines.insert(at, ASKING)
        return "\n".join(lines)
    new = variant
    if (
        family == ANSWER
        and re.match(r"\s*de[rs]\b", rest)
        and re.search(r"Anfrage$", line[: spot.end])
    ):
        new = f"{variant} zur Anfrage"  # "Stellungnahme zur Anfrage der" / "CDU-…": kept whole
    if variant == PROSE_SUBJECT:
        subject = _PREPOSITION.sub("", rest).strip() or (title or "")
        if not subject:
            return None
        before, new, rest = (
            re.sub(r"Betreff:\s*$", "", before),
            f"Betreff: Anfrage zu {subject}",
            "",
        )
    if spot.in_label:
        lines.insert(spot.line, new)
    else:
        lines[spot.line] = f"{before}{new}{rest}"
    return "\n".join(lines)


def answered_inquiry(text: str, variant: str, questions: int) -> str:
    """ANSWER_SECTIONS: the inquiry as printed, then the dated answer heading and "Zu k.: …" for
    each of its questions (one at least)."""
    answers = [
        f"Zu {k}.: {ANSWER_SENTENCES[(k - 1) % 6]}{FOLLOW_UPS[(k - 1) // 6 % 4]}"
        for k in range(1, max(questions, 1) + 1)
    ]
    return "\n".join([text.rstrip("\n"), "", ANSWER_SECTIONS[variant], "", *answers, ""])


def _quoted_lead_in(lines: list[str], spot: Spot, variant: str) -> str | None:
    """QUOTED_LEAD_INS: the type words rewritten, a subject line below them where the variant
    has one, the lead-in above the first list item below the type line (None without a list)."""
    printed, subject = QUOTED_LEAD_INS[variant]
    item = next((i for i in range(spot.line + 1, len(lines)) if _FIRST_ITEM.match(lines[i])), None)
    if item is None or spot.in_label:
        return None
    lines.insert(item, LEAD_IN_OF.get(variant, LEAD_IN))
    line = lines[spot.line]
    rest = line[spot.end :]
    if re.search(r"Anfrage$", printed) and not re.match(r"\s*(?:de[rs]\b|[A-ZÄÖÜ])", rest):
        rest = _PREPOSITION.sub("", rest)
        rest = f" zu {rest.strip()}" if rest.strip() else ""
    lines[spot.line] = f"{line[: spot.start]}{printed}{rest}"
    if subject:
        lines.insert(spot.line + 1, subject)
    return "\n".join(lines)


def _answering_letter(lines: list[str], spot: Spot) -> str | None:
    """ANSWER_LETTER_OPENING: the type words taken out (as "no type word"), ANSWERING put below
    the salutation (a letter's first sentence), or with a salutation above the first list item."""
    if spot.in_label:
        return None
    before, rest = lines[spot.line][: spot.start], lines[spot.line][spot.end :]
    new_line = f"{before}{_PREPOSITION.sub('', rest)}"
    below = range(spot.line + 1, len(lines))
    salutation = next((i for i in below if _SALUTATION.match(lines[i])), None)
    item = next((i for i in below if _FIRST_ITEM.match(lines[i])), None)
    if salutation is not None:
        lines.insert(salutation + 1, ANSWERING)
    elif item is not None:
        lines[item:item] = ["Sehr geehrte Damen und Herren,", ANSWERING]
    else:
        return None
    if new_line.strip(" :-–"):
        lines[spot.line] = new_line
    else:
        del lines[spot.line]
    return "\n".join(lines)


def expected(label: dict[str, Any], variant: str) -> set[str]:
    """Return the kinds a rewritten document may read as (the label's, and the variant's own)."""
    kinds = {_KINDS.get(label["kind"], label["kind"])}
    kinds |= {_KINDS.get(k, k) for k in label.get("kind_alt") or []}
    if variant in ANSWER_SECTIONS:
        return {"Antwort"}  # the inquiry and its answer in one paper
    if VARIANTS.get(variant) == ANSWER:
        kinds.add("Antwort")  # a notice that names itself an answer or quotes an inquiry
    if variant in NOTICE_NAMES:
        kinds.add("Informationsvorlage")
    if variant in UNTYPED:
        if VARIANTS[variant] == NEGATIVE:
            kinds.add("sonstiges")  # a paper of unknown type: neither inquiry nor answer
        return kinds
    if VARIANTS.get(variant) == NEGATIVE:
        kinds.add("Vorlage" if variant == "Beschlussvorlage" else "Antrag")
    return kinds


def _applies(label: dict[str, Any], family: str) -> bool:
    kind = _KINDS.get(label["kind"], label["kind"])
    wanted = {INQUIRY: {"Anfrage"}, ANSWER: {"Antwort", "Informationsvorlage"}}
    return kind in wanted.get(family, {"Antrag", "Vorlage"})


@dataclass
class Outcome:
    """One document read in one variant and shape."""

    name: str
    kind: str
    right: bool


def outcomes(
    items: Iterable[Any], parsers: dict[str, Callable[[str], Any]]
) -> dict[tuple[str, str], list[Outcome]]:
    """Return (variant, shape) → outcomes over the labelled dev items."""
    result: dict[tuple[str, str], list[Outcome]] = {}
    for item in items:
        label = item.label
        if not label.get("kind"):
            continue
        title = parse_text(item.text).title
        texts = {"original": item.text}
        for variant, family in VARIANTS.items():
            if variant in ANSWER_SECTIONS and _applies(label, family):
                texts[variant] = answered_inquiry(item.text, variant, label.get("questions") or 0)
            elif _applies(label, family):
                text = rewrite(item.text, variant, title, label.get("layout") != "letter")
                if text is not None:
                    texts[variant] = text
        for variant, text in texts.items():
            for shape, parse in parsers.items():
                kind = parse(text).kind
                right = kind in expected(label, variant)
                result.setdefault((variant, shape), []).append(Outcome(item.name, kind, right))
    return result


def table(result: dict[tuple[str, str], list[Outcome]], shapes: list[str]) -> list[str]:
    """Return markdown rows: per variant, kind right per shape, and for negatives how many read
    as an inquiry or an answer."""
    columns = " | ".join(shapes)
    rows = [
        f"| variant | family | documents | {columns} | negatives read as Anfrage/Antwort |",
        "|---|---|---:|" + "---:|" * len(shapes) + "---:|",
    ]
    for variant in ("original", *VARIANTS):
        docs = {shape: result.get((variant, shape), []) for shape in shapes}
        used = len(docs[shapes[0]])
        cells = [pct(sum(o.right for o in docs[s]), len(docs[s])) for s in shapes]
        turned = "–"
        if VARIANTS.get(variant) == NEGATIVE:
            turned = " / ".join(
                str(sum(not o.right and o.kind in ("Anfrage", "Antwort") for o in docs[s]))
                for s in shapes
            )
        family = VARIANTS.get(variant, "all")
        rows.append(f"| {variant} | {family} | {used} | {' | '.join(cells)} | {turned} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="flat", help="second shape")
    parser.add_argument("--show", help="list the documents a variant reads wrong")
    args = parser.parse_args()
    reshape = SHAPES[args.shape]
    parsers = {"original": parse_text, args.shape: lambda text: parse_text(reshape(text))}
    result = outcomes(corpus_items("dev"), parsers)
    print("\n".join(table(result, list(parsers))))
    if args.show:
        for shape in parsers:
            for outcome in result.get((args.show, shape), []):
                if not outcome.right:
                    print(shape, outcome.name, outcome.kind)


if __name__ == "__main__":
    main()
