"""The kind of a form, whatever the form's layout: dev forms with their HEAD rewritten.

Run: .venv/bin/python -m bench.form_variants [--shape NAME] [--show VARIANT] [--title-as-printed]

Reads the dev corpus (I/O); check is never read. A form (a council system's printout) prints
header fields, then its subject, then its text. For each dev form of a Kommune (Karlsruhe,
Dresden, Leipzig, Nordstemmen; the Landtag's own layout is left alone) the bench finds
- the subject: the first "Betreff"/"Gegenstand"/"Thema" line, else the line that starts with the
  title parse_text reads on the original text (`subject_start`); the HEAD is every line above it;
- the printed type in the head (bench.kind_variants.type_spot: "ANFRAGE", "Mitteilungsvorlage zu
  TOP 8", the type word of a number label "Anfrage-Nr. VII-F-08613"), its words T;
- the paper's number R (the label's reference, found in the head) with its number label, and a
  "Datum:" field D, if printed.
It takes T, R and D (with their labels) out of the head and prints them again in the variant's
layout where the type line stood; every other line of the head, the subject and the text stay
as printed (a "Status: öffentlich" cell is added where the layout has one). Expected: the label's
kind and kind_alt (a type the document prints of itself is kept, so motions stay motions), the
label's reference and first question, and the title parse_text reads on the original.

Layouts (where they come from):
- "columns": a field table read column-wise, all labels first, then all values ("Vorlagenart:" /
  "Vorlage-Nr.:" / "Datum:" / T / R / D): ALLRIS and SessionNet cover sheets are two-column
  tables, and text extraction reads them column by column (Karlsruhe's own forms print
  "Gremium:/Termin:/Vorlage Nr.:/TOP:" above their values, dev's only such case);
- "row": several fields on one line ("Vorlage-Nr.: R   Datum: D   Art: T   Status: öffentlich"):
  SD.NET/Somacos and regisafe heads print a row of fields;
- "title line": T alone on its line, the number and date as labelled fields below it
  (more!rubin and Sitzungsdienst cover sheets print the type as a heading);
- "Öffentliche T": the type with the session status before it (SessionNet's "Öffentliche
  Mitteilungsvorlage"); "- öffentlich -": T with a status line above it (ALLRIS "- öffentlich -");
- "number then type": "R T" on one line (ALLRIS "Drucksache - 21-12345" heads, regisafe
  "2023/0123 Anfrage");
- "running head": "T R   Seite 1 von 2" as the page's first line, no type or number elsewhere
  (SessionNet and SD.NET print type and number in a page head);
- "in subject only": no type at all in the head (number and date fields only), the subject
  "Betreff: Anfrage der Fraktion <faction> zu <subject>" (inquiries with a faction) or
  "Betreff: Beantwortung der Anfrage der Fraktion <faction> zu <subject>" (answers);
- "Beratungsfolge": the original head, and a consultation table (Gremium / Sitzung / Zuständigkeit
  / Status rows, dates, "Kenntnisnahme", "Beantwortung", "Entscheidung") between it and the subject;
  "Beratungsfolge, columns": the same table read column-wise below the "columns" fields (ALLRIS,
  SessionNet, SD.NET all print one);
- type field labels "Vorlagenart:", "Drucksachenart:", "Dokumentart:", "Vorlagentyp:", "Art:",
  "Typ:" ("<label> T" on its line, number and date below): the labels of those systems;
- answers (documents labelled Antwort or Informationsvorlage, the type T replaced in the
  "columns" layout): "Mitteilungsvorlage", "Informationsvorlage", "Beantwortung einer Anfrage",
  "Antwort der Verwaltung", "Stellungnahme der Verwaltung zur Anfrage" (issue #11's answer names);
- inquiry AND answer (documents labelled Anfrage, original head, an answer appended at the end):
  "Die Verwaltung beantwortet die Anfrage wie folgt:", "Namens der Landesregierung beantworte ich
  die Anfrage wie folgt:", "Antwort:" each above one answer sentence. Expected as the dev labels
  treat a paper that holds inquiry and answer (tests/corpus/README.md: kind Antwort, kind_alt
  Anfrage); the column "as Antwort" counts the strict reading.
A layout that cannot apply to a document (no type printed in the head, no subject found, the
label's number not found in the head) skips it; the table says how many documents each used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from bench.kind_variants import ANSWER, INQUIRY, type_spot
from bench.parse_accuracy import score_document
from bench.text_shapes import SHAPES
from bench.variants import pct, shaped_parse
from fetcher.parse import parse_text
from tests.corpus_data import corpus_items

HEAD = 60
_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_SUBJECT = re.compile(r"^\s*(?:Betreff|Gegenstand|Thema)\b\s*:?\s*(?P<value>.*)$")
_NUMBER_LABEL = re.compile(
    r"^\s*(?:[\wÄÖÜäöü]*(?:vorlage|drucksache|antrag|anfrage)n?\s*-?\s*(?:Nr\.?|nummer)|DS)\s*:?\s*$",
    re.I,
)
_VALUE_LABEL = r"(?:(?:[\wÄÖÜäöü]+[\s-]*)?(?:Nr\.?|nummer)\s*:?\s*|DS\s+|Drucksache\s*:?\s*-?\s*)?"
KOMMUNES = ("karlsruhe", "dresden", "leipzig", "nordstemmen")
COLUMNS, ROW, TITLE_LINE, PUBLIC, STATUS_LINE = (
    "columns",
    "row",
    "title line",
    "Öffentliche T",
    "- öffentlich -",
)
NUMBER_TYPE, RUNNING_HEAD, SUBJECT_ONLY = "number then type", "running head", "in subject only"
CONSULTATION, CONSULTATION_COLUMNS = "Beratungsfolge", "Beratungsfolge, columns"
TYPE_LABELS = ("Vorlagenart:", "Drucksachenart:", "Dokumentart:", "Vorlagentyp:", "Art:", "Typ:")
ANSWER_NAMES = (
    "Mitteilungsvorlage",
    "Informationsvorlage",
    "Beantwortung einer Anfrage",
    "Antwort der Verwaltung",
    "Stellungnahme der Verwaltung zur Anfrage",
)
BOTH = {
    "answered: Die Verwaltung beantwortet": "Die Verwaltung beantwortet die Anfrage wie folgt:",
    "answered: Namens der Landesregierung": (
        "Namens der Landesregierung beantworte ich die Anfrage wie folgt:"
    ),
    "answered: Antwort:": "Antwort:",
}
ANSWER_SENTENCE = "Die Verwaltung prüft die Angelegenheit und berichtet im nächsten Ausschuss."
LAYOUTS = (COLUMNS, ROW, TITLE_LINE, PUBLIC, STATUS_LINE, NUMBER_TYPE, RUNNING_HEAD, SUBJECT_ONLY)
VARIANTS = (
    *LAYOUTS,
    CONSULTATION,
    CONSULTATION_COLUMNS,
    *(f"label {x}" for x in TYPE_LABELS),
    *(f"answer: {x}" for x in ANSWER_NAMES),
    *BOTH,
)
_CONSULTATION_ROWS = (
    ("Ausschuss für Umwelt und Verkehr", "12.03.2023", "Kenntnisnahme", "öffentlich"),
    ("Ortsbeirat Mitte", "16.03.2023", "Beantwortung", "öffentlich"),
    ("Stadtrat", "23.03.2023", "Entscheidung", "öffentlich"),
)


@dataclass(frozen=True)
class Head:
    """A form's head taken apart: the lines left, where the type stood, T, R and D."""

    lines: list[str]  # the whole text's lines with T, R and D (and their labels) taken out
    at: int  # where the type line stood (the new fields go there)
    subject: int  # the subject's first line in `lines`
    type_words: str
    family: str
    reference: str | None
    date: str | None


def subject_start(lines: list[str], title: str | None, after: int) -> int | None:
    """Return the index of a form's subject line below line `after`, or None."""
    for i in range(after + 1, min(len(lines), HEAD)):
        if _SUBJECT.match(lines[i]):
            return i
    start = (title or "").split("\n")[0].strip()[:30]
    if len(start) < 8:
        return None
    return next(
        (i for i in range(after + 1, min(len(lines), HEAD)) if lines[i].strip().startswith(start)),
        None,
    )


def _plain(words: str) -> str:
    """Return type words as a field value: capitals capitalised ("ANFRAGE" → "Anfrage")."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in words.split())


def take_apart(text: str, title: str | None, reference: str | None) -> Head | None:
    """Return the form's head taken apart, or None if it has no printed type or no subject."""
    lines = text.split("\n")
    spot = type_spot(lines)
    if spot is None:
        return None
    subject = subject_start(lines, title, spot.line)
    if subject is None:
        return None
    if spot.in_label:
        type_words = re.match(r"\s*([\w ]+?)\s*-?\s*Nr", lines[spot.line])
        words = _plain(type_words.group(1)) if type_words else ""
        rest = ""
    else:
        words = lines[spot.line][spot.start : spot.end]
        rest = lines[spot.line][spot.end :].strip().lstrip(":").strip()  # "Anfrage: <subject>"
    drop: set[int] = set()
    if not spot.in_label:
        if rest:
            lines[spot.line] = rest  # "zu TOP 8": the rest stays on its line
        else:
            drop.add(spot.line)
    if reference:
        ref = re.compile(_VALUE_LABEL + r"\s*".join(map(re.escape, reference.split())))
        hit = next((i for i in range(subject) if ref.search(lines[i])), None)
        if hit is None:
            return None
        lines[hit] = ref.sub("", lines[hit], count=1)
        if not lines[hit].strip() or (hit == spot.line and spot.in_label):
            drop.add(hit)
        label = next((i for i in range(hit - 1, -1, -1) if _NUMBER_LABEL.match(lines[i])), None)
        if label is not None and hit - label <= 8 and lines[hit].strip() == "":
            drop.add(label)  # "Vorlage Nr.:" above its value in a column
    date = None
    for i in range(subject):
        field = re.fullmatch(rf"\s*Datum:\s*(?P<d>{_DATE})?\s*", lines[i])
        if field and field.group("d"):
            date = field.group("d")
            drop.add(i)
            break
        if field:  # "Datum:" with its value further below (Dresden's column)
            value = next(
                (k for k in range(i + 1, subject) if re.fullmatch(rf"\s*{_DATE}\s*", lines[k])),
                None,
            )
            if value is not None:
                date = lines[value].strip()
                drop |= {i, value}
            break
    at = spot.line - sum(1 for i in drop if i < spot.line)
    kept = [x for i, x in enumerate(lines) if i not in drop]
    subject -= sum(1 for i in drop if i < subject)
    return Head(kept, at, subject, words, spot.family, reference, date)


def _fields(head: Head, labels: tuple[str, str, str], words: str) -> list[tuple[str, str]]:
    pairs = [(labels[0], words), (labels[1], head.reference or ""), (labels[2], head.date or "")]
    return [(label, value) for label, value in pairs if value]


def _consultation(columns: bool) -> list[str]:
    heading = ["Beratungsfolge:"]
    names = ("Gremium", "Sitzung", "Zuständigkeit", "Status")
    if columns:
        return [*heading, *names, *(row[k] for k in range(4) for row in _CONSULTATION_ROWS)]
    return [*heading, "   ".join(names), *("   ".join(row) for row in _CONSULTATION_ROWS)]


def _subject_with(lines: list[str], at: int, prefix: str) -> None:
    """Put `prefix` before the subject's value: "Betreff: <prefix><value>"."""
    match = _SUBJECT.match(lines[at])
    if match and not match.group("value").strip():
        k = next((i for i in range(at + 1, len(lines)) if lines[i].strip()), at)
        lines[at] = ""
        lines[k] = f"Betreff: {prefix}{lines[k].strip()}"
    elif match:
        lines[at] = f"Betreff: {prefix}{match.group('value').strip()}"
    else:
        lines[at] = f"Betreff: {prefix}{lines[at].strip()}"


def layout(head: Head, variant: str, label: dict[str, Any]) -> str | None:
    """Return the text with the head's fields printed in `variant`, or None if it cannot apply."""
    lines = list(head.lines)
    words = _plain(head.type_words)
    block: list[str]
    if variant.startswith("answer: "):
        if head.family != ANSWER:
            return None
        words, variant = variant.removeprefix("answer: "), COLUMNS
    if variant == COLUMNS:
        pairs = _fields(head, ("Vorlagenart:", "Vorlage-Nr.:", "Datum:"), words)
        block = [label for label, _ in pairs] + [value for _, value in pairs]
    elif variant == ROW:
        pairs = _fields(head, ("Art:", "Vorlage-Nr.:", "Datum:"), words)
        order = [pairs[k] for k in (1, 2, 0) if k < len(pairs)] if len(pairs) == 3 else pairs
        block = ["   ".join(f"{a} {b}" for a, b in [*order, ("Status:", "öffentlich")])]
    elif variant == PUBLIC and " " in words:
        return None  # "Öffentliche" before a one-word type only ("Öffentliche Mitteilungsvorlage")
    elif variant in (TITLE_LINE, PUBLIC, STATUS_LINE) or variant.startswith("label "):
        first = {TITLE_LINE: words, PUBLIC: f"Öffentliche {words}"}.get(variant, words)
        if variant.startswith("label "):
            first = f"{variant.removeprefix('label ')} {words}"
        block = [first] + [f"{a} {b}" for a, b in _fields(head, ("", "Vorlage-Nr.:", "Datum:"), "")]
        if variant == STATUS_LINE:
            block.insert(0, "- öffentlich -")
    elif variant == NUMBER_TYPE:
        if not head.reference:
            return None
        block = [f"{head.reference} {words}"] + ([f"Datum: {head.date}"] if head.date else [])
    elif variant == RUNNING_HEAD:
        block = [f"Datum: {head.date}"] if head.date else []
        lines.insert(0, f"{words} {head.reference or ''}".rstrip() + "          Seite 1 von 2")
        head = replace(head, at=head.at + 1, subject=head.subject + 1)
    elif variant == SUBJECT_ONLY:
        factions = label.get("factions") or []
        if not factions or head.family not in (INQUIRY, ANSWER):
            return None
        block = [f"{a} {b}" for a, b in _fields(head, ("", "Vorlage-Nr.:", "Datum:"), "")]
        prefix = f"Anfrage der Fraktion {factions[0]} zu "
        if head.family == ANSWER:
            prefix = f"Beantwortung der {prefix}"
        _subject_with(lines, head.subject, prefix)
    else:
        return None
    lines[head.at : head.at] = block
    return "\n".join(lines)


def rewrite(text: str, label: dict[str, Any], variant: str, title: str | None) -> str | None:
    """Return the text rewritten into `variant` (see the module's docstring), or None."""
    if variant in BOTH:
        if label["kind"] != "Anfrage":
            return None
        return f"{text.rstrip()}\n\n{BOTH[variant]}\n{ANSWER_SENTENCE}\n"
    head = take_apart(text, title, label.get("reference"))
    if head is None:
        return None
    if variant in (CONSULTATION, CONSULTATION_COLUMNS):
        original = text.split("\n")
        subject = subject_start(original, title, type_spot(original).line)  # type: ignore[union-attr]
        if subject is None:
            return None
        if variant == CONSULTATION_COLUMNS:
            columns = layout(head, COLUMNS, label)
            if columns is None:
                return None
            original, subject = (
                columns.split("\n"),
                head.subject + len(columns.split("\n")) - len(head.lines),
            )
        original[subject:subject] = _consultation(variant == CONSULTATION_COLUMNS)
        return "\n".join(original)
    return layout(head, variant, label)


_KINDS = {"anfrage": "Anfrage", "antwort": "Antwort", "anfrage+antwort": "Antwort"}
FIELDS = ("kind", "reference", "first question", "title")


def expected(label: dict[str, Any], variant: str) -> dict[str, Any]:
    """Return the label as the rewritten document should read: an appended answer makes a
    paper that holds inquiry and answer (kind Antwort, kind_alt Anfrage, as the dev labels
    treat such papers)."""
    if variant in BOTH:
        return {**label, "kind": "Antwort", "kind_alt": ["Anfrage"]}
    if variant.startswith("answer: "):  # a notice that answers: Antwort, or a notice (as kinds11)
        notice = variant.endswith("vorlage") or label["kind"] == "Informationsvorlage"
        alt = ["Antwort", "Informationsvorlage"] if notice else ["Antwort"]
        return {**label, "kind_alt": [*(label.get("kind_alt") or []), *alt]}
    return label


@dataclass
class Outcome:
    """One document read in one variant and shape: field → right, and the kind read."""

    name: str
    right: dict[str, bool]
    kind: str


def outcomes(
    items: Iterable[Any],
    shapes: dict[str, Callable[[str], Any]],
    only: Iterable[str] = VARIANTS,
    *,
    title_as_printed: bool = False,
) -> dict[tuple[str, str], list[Outcome]]:
    """Return (variant, shape) → outcomes over the dev forms of the Kommunen.

    The title expected in a shape is the one that shape reads on the original; with
    `title_as_printed`, the one parse_text reads on the original as printed (a shape's reading
    of the original may itself be wrong: "Anfrage Gedruckt auf 100 Prozent Recyclingpapier").
    """
    result: dict[tuple[str, str], list[Outcome]] = {}
    for item in items:
        label = item.label
        if label.get("layout") != "form" or not item.name.startswith(KOMMUNES):
            continue
        if label["kind"] not in ("Anfrage", "Antwort", "Informationsvorlage", "Antrag", "Vorlage"):
            continue
        original = parse_text(item.text)
        texts = {"original": item.text}
        for variant in only:
            text = rewrite(item.text, label, variant, original.title)
            if text is not None:
                texts[variant] = text
        for variant, text in texts.items():
            for shape, parse in shapes.items():
                doc = parse(text)
                right = score_document(expected(label, variant), doc)
                right = {k: v for k, v in right.items() if k in FIELDS or k.startswith("no inv")}
                if "no invented reference" in right:
                    right["reference"] = right.pop("no invented reference")
                if original.title:
                    title = original.title
                    if shape != "original" and not title_as_printed:
                        title = parse(item.text).title
                    right["title"] = _same_title(doc.title, title) or (
                        variant == SUBJECT_ONLY and _fold(title) in _fold(doc.title)
                    )  # "Anfrage der Fraktion X zu <title>": the subject as rewritten
                result.setdefault((variant, shape), []).append(Outcome(item.name, right, doc.kind))
    return result


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _same_title(read: str | None, expected: str | None) -> bool:
    """Whether two titles are the same words: spaces and a word hyphenated across a printed
    line ("ge- förderte" / "geförderte") aside."""

    def bare(text: str | None) -> str:
        return re.sub(r"(?<=[a-zäöüß])- ?(?=[a-zäöüß])", "", _fold(text))

    return read == expected or (read is not None and bare(read) == bare(expected))


def _cell(docs: list[Outcome], field: str) -> str:
    scored = [o.right[field] for o in docs if field in o.right]
    return pct(sum(scored), len(scored))


def table(result: dict[tuple[str, str], list[Outcome]], shapes: list[str]) -> list[str]:
    """Return markdown rows: per variant, documents used and kind / reference / first question /
    title right per shape, and how many read as Antwort."""
    head = " | ".join(f"{f} ({s})" for s in shapes for f in FIELDS)
    rows = [
        f"| variant | documents | {head} | as Antwort |",
        "|---|---:|" + "---:|" * (len(FIELDS) * len(shapes) + 1),
    ]
    for variant in ("original", *VARIANTS):
        docs = {s: result.get((variant, s), []) for s in shapes}
        cells = [_cell(docs[s], f) for s in shapes for f in FIELDS]
        answers = "/".join(str(sum(o.kind == "Antwort" for o in docs[s])) for s in shapes)
        rows.append(f"| {variant} | {len(docs[shapes[0]])} | {' | '.join(cells)} | {answers} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), default="flat", help="second shape")
    parser.add_argument("--show", help="list the documents a variant reads wrong")
    parser.add_argument("--only", action="store_true", help="read only the --show variant")
    parser.add_argument(
        "--title-as-printed",
        action="store_true",
        help="expect in every shape the title parse_text reads on the original as printed",
    )
    args = parser.parse_args()
    shapes = {"original": parse_text, args.shape: shaped_parse(args.shape)}
    only = [args.show] if args.only and args.show else VARIANTS
    result = outcomes(corpus_items("dev"), shapes, only, title_as_printed=args.title_as_printed)
    print("\n".join(table(result, list(shapes))))
    if args.show:
        for shape in shapes:
            for outcome in result.get((args.show, shape), []):
                wrong = [f for f, ok in outcome.right.items() if not ok]
                if wrong:
                    print(shape, outcome.name, outcome.kind, wrong)


if __name__ == "__main__":
    main()
