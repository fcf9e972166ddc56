"""The kind of papers that are not inquiries, and of papers with mixed signals.

Run: .venv/bin/python -m bench.kind_mixed [--no-paged] [--untyped] [--show SOURCE-OR-VARIANT]

Reads the dev corpus and ../shared/fixtures (I/O); check is never read. A motion, a minute or an
invitation read as "Anfrage" pushes a wrong alert to every subscriber: the table counts those
apart ("as Anfrage").

1. Real non-inquiry texts, each read as printed ("original"), run together (`flat`) and through
   the paged PDF render (bench.parse_accuracy.via_pdf("paged")):
   - dev negatives: tests/corpus/dev documents labelled Antrag, Vorlage, Niederschrift,
     Informationsvorlage or sonstiges; expected: the label's kind and kind_alt;
   - the 22 real PDFs of ../shared/fixtures/pdfs/ (Erlangen Stadtteilbeirat, Stuttgart, Landtag
     BW; SOURCES.md): the kind read off each file once (PDF_KINDS); "original" is
     parse_pdf_file of the real PDF, flat and paged read its extracted text;
   - Leipzig: every paper of texts/leipzig/stadtratmonitor-input.json that is no inquiry and
     has a text (the 297 budget amendments hold "<empty>", one is an error page), expected: its
     OParl paperType's kind (fetcher.classify; "schriftliche Antwort zur Anfrage" an answer);
   - Karlsruhe: the file texts of oparl/karlsruhe (file-contents/) named by their OParl File name:
     "Protokoll …"/"Abstimmungsergebnis …" (minutes, also of inquiries: Niederschrift or
     sonstiges), "Stellungnahme …" of an inquiry (an answer: Antwort) or of a motion or Vorlage
     (sonstiges or Antwort, never Anfrage or Antrag), "Antrag"/"Änderungs-/Ergänzungsantrag"
     (Antrag), "Beschlussvorlage" (Vorlage), "Informationsvorlage" (Informationsvorlage); files
     named otherwise ("TOP 5", "CDU-Festplatz …": often the inquiry a Vorlage answers) and
     attachments ("Anlage …") are left out.
2. Mixed signals written into real dev documents (one per variant, every other word as printed;
   expected: the label's kind and kind_alt). Where a sentence goes: "justification" = below the
   first heading "Begründung"/"Sachverhalt"/"Sachstand"/"Erläuterung…" (else before the middle
   paragraph), "head" = right below the printed type line (bench.kind_variants.type_spot):
   - motions (label Antrag): "unsere Anfrage vom …" and "die Antwort der Verwaltung auf unsere
     Anfrage" in the justification, the first wrapped as a PDF wraps it ("Bereits mit unserer" /
     "Anfrage vom … haben wir …"), "Bezug: unsere Anfrage vom …" in the head;
   - minutes and invitations (label Niederschrift or sonstiges, with "Tagesordnung",
     "Einladung", "Niederschrift" or "Protokoll" in the first 40 lines, and the Karlsruhe
     "Protokoll" texts, a dev Kommune): an agenda line "TOP 7 Anfragen", "TOP 7 Beantwortung
     von Anfragen", "TOP 7 Anfragen der Fraktionen", "TOP 7 Anfrage der SPD-Fraktion zur
     Parksituation", or the item without its number (a table's number cell apart: "Anfrage der
     SPD-Fraktion zur Parksituation") on the seventh printed line;
   - Vorlagen (label Vorlage or Informationsvorlage, and the Karlsruhe "Beschlussvorlage" texts):
     "Sachstand: Auf die Anfrage der CDU-Fraktion vom … hat die Verwaltung berichtet …" in the
     justification, on one line and wrapped ("Sachstand: Auf die" / "Anfrage der …");
   - inquiries (label Anfrage): "unser Antrag vom … / Beschluss …" in the justification (also
     wrapped: "Mit unserem" / "Antrag vom …"), "Bezug: Antrag der SPD-Fraktion vom … und
     Beschluss des Gemeinderats" in the head;
   - answers (label Antwort): "zum Antrag der CDU-Fraktion vom …" and "Bezug: Antrag der
     CDU-Fraktion vom …" in the head, and "Der Gemeinderat hat mit Beschluss vom … den Antrag
     der CDU-Fraktion angenommen." in the justification.
   Each variant is read in the original shape and flat; a "control" row per family reads the
   same documents as printed (a variant row below its control's is what the sentence broke).
3. With --untyped: the real texts of 1. from dev Kommunen (dev negatives, Leipzig, Karlsruhe; not
   the fixture PDFs: Erlangen and Stuttgart are check Kommunen) with their printed type words
   taken out ("no type word") or replaced by a type name no rule knows ("unknown type
   'Eingabe'"), by bench.kind_variants.rewrite for the family of the type printed first
   (bench.kind_variants.type_spot; a text without one is left out).
   Many papers print no type, or a Kommune's own name for it: the kind then comes from what the
   body does, and a motion, a notice or a minute must not become an inquiry or an answer. Expected:
   the kinds of 1., and "sonstiges" besides (a paper of unknown type), except for answers (the
   Karlsruhe Stellungnahmen of inquiries, Leipzig's written answers), which must stay answers:
   rows per source and group ("answers", "negatives"). The table counts "as Anfrage" and, among
   texts that are no answer, "as Antwort" apart.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import kind_variants
from bench.kind_variants import UNTYPED, type_spot
from bench.text_shapes import flat
from bench.variants import pct
from fetcher.classify import kind_from_paper_type
from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from standins.fixtures import OPARL_FIXTURES, PDF_FIXTURES, TEXT_FIXTURES
from tests.corpus_data import corpus_items

MINUTES = frozenset({"Niederschrift", "sonstiges"})
NEGATIVE_LABELS = ("Antrag", "Vorlage", "Niederschrift", "sonstiges", "Informationsvorlage")
_LABEL_KINDS = {"anfrage": "Anfrage", "antwort": "Antwort", "anfrage+antwort": "Antwort"}

# The 22 real PDFs, kind read off each once (file name → kinds it may read as).
PDF_KINDS: dict[str, frozenset[str]] = {
    "2020-01-22_Einladung.pdf": frozenset({"sonstiges"}),  # invitation, agenda "Anfragen aus …"
    "2020-01-22_Niederschrift.pdf": frozenset({"Niederschrift"}),
    "2021-07-08_Niederschrift.pdf": frozenset({"Niederschrift"}),
    "2022-11-17_Einladung.pdf": frozenset({"sonstiges"}),
    "2022-11-17_Niederschrift.pdf": frozenset({"Niederschrift"}),
    "2024-04-24_Einladung.pdf": frozenset({"sonstiges"}),  # "Sonstige Anfragen und Anträge"
    "2024-04-24_Niederschrift.pdf": frozenset({"Niederschrift"}),
    "Anhang_Jugendarbeit_slide.pdf": frozenset({"sonstiges"}),
    "Anhang_Soziales_Wohnen_slides.pdf": frozenset({"sonstiges"}),
    "Anlage02_Sportflaechen_Fotos.pdf": frozenset({"sonstiges"}),
    "Antrag_BuechenbacherAnlage_2020-11-25.pdf": frozenset({"Antrag"}),
    "Antrag_SozialeStadt_2019-04-20.pdf": frozenset({"Antrag"}),
    "Antrag_Sportentwicklungsplanung_2020-12-16.pdf": frozenset({"Antrag"}),
    "Antrag_Sportmassnahmen_2022-11-23.pdf": frozenset({"Antrag"}),
    "Antrag_StUB_Trasse_2020-11-04.pdf": frozenset({"Antrag"}),
    "Antwort_Anfrage_23-2018_Stuttgart.pdf": frozenset({"Antwort"}),  # "Beantwortung zur Anfrage"
    "Brief_an_OB_2020-10-23.pdf": frozenset({"sonstiges"}),  # a letter citing earlier motions
    "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf": frozenset({"sonstiges"}),
    # the advisory board's statement on its own motion, asking for money again: a motion or none
    "Stellungnahme_Antrag266-2019.pdf": frozenset({"Antrag", "sonstiges"}),
    "Stellungnahme_Einsparungen_2025-04-15.pdf": frozenset({"sonstiges"}),
    "Stellungnahme_StUB_Trassenfuehrung_413.pdf": frozenset({"sonstiges"}),
    "Stellungnahme_Umweltspur_BV_613-067-2022.pdf": frozenset({"sonstiges"}),
}


@dataclass(frozen=True)
class Doc:
    """One text to read: its source, name, text, the kinds it may read as, and for a real PDF
    its path ("original" then reads the PDF itself)."""

    source: str
    name: str
    text: str
    expected: frozenset[str]
    pdf: Path | None = None
    label: str = ""  # the label's kind (dev) or the file's family, for the variants


def _label_kinds(label: dict[str, Any]) -> frozenset[str]:
    kinds = {_LABEL_KINDS.get(str(label["kind"]), str(label["kind"]))}
    kinds |= {_LABEL_KINDS.get(k, k) for k in label.get("kind_alt") or []}
    return frozenset(kinds)


def dev_documents() -> Iterator[Doc]:
    """Yield every labelled dev document (all kinds: the variants need the inquiries too)."""
    for item in corpus_items("dev"):
        if item.label.get("kind"):
            yield Doc(
                "dev", item.name, item.text, _label_kinds(item.label), None, item.label["kind"]
            )


def pdf_documents() -> Iterator[Doc]:
    """Yield the real fixture PDFs with their text as extracted (no OCR)."""
    from fetcher import pdf  # pdf reading only when asked

    for name, kinds in PDF_KINDS.items():
        path = PDF_FIXTURES / name
        text = "\f".join(pdf.extract_text(path, ocr=False).pages)
        yield Doc("pdfs", name, text, kinds, path)


def _error_page(text: str) -> bool:
    """Whether a stored text is the council system's error page, not a paper."""
    return "Dokument existiert nicht" in text


def leipzig_documents() -> Iterator[Doc]:
    """Yield the Leipzig papers that are no inquiry, expected: their paperType's kind."""
    papers = json.loads((TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text())
    for paper in papers:
        kind = kind_from_paper_type(paper.get("paper_type"), None)
        text = paper.get("content") or ""
        if kind != "Anfrage" and text.strip() not in ("", "<empty>") and not _error_page(text):
            name = paper.get("reference") or paper.get("name") or "?"
            yield Doc("leipzig", name, text, frozenset({kind}), None, kind)


def _karlsruhe_expected(paper_type: str, file_name: str) -> tuple[frozenset[str], str] | None:
    if re.match(r"(?:Protokoll|Abstimmungsergebnis|Niederschrift)", file_name):
        return MINUTES, "Niederschrift"
    if re.search(r"\bAnlagen?\b", file_name):
        return None  # an attachment (tables, photos): no kind of its own to read
    if file_name.startswith("Stellungnahme"):
        if paper_type == "Anfrage":
            return frozenset({"Antwort"}), "Antwort"
        return frozenset({"sonstiges", "Antwort"}), "Stellungnahme"
    if paper_type == "Anfrage" or "Anfrage" in file_name:
        return None  # the inquiries themselves: bench.parse_accuracy reads them
    if file_name in ("Antrag", "Änderungs-/Ergänzungsantrag"):
        return frozenset({"Antrag"}), "Antrag"
    if file_name == "Beschlussvorlage":
        return frozenset({"Vorlage"}), "Vorlage"
    if file_name == "Informationsvorlage":
        return frozenset({"Informationsvorlage"}), "Informationsvorlage"
    return None  # "TOP 5", "CDU-Festplatz …": often the inquiry a Vorlage answers, attached


def karlsruhe_documents() -> Iterator[Doc]:
    """Yield the Karlsruhe file texts that are no inquiry, expected by their File name."""
    base = OPARL_FIXTURES / "karlsruhe"
    for path in sorted((base / "papers").glob("*.json")):
        paper = json.loads(path.read_text())
        for file in paper.get("auxiliaryFile") or []:
            text_path = base / "file-contents" / f"{file['id'].rsplit('/', 1)[1]}.txt"
            found = _karlsruhe_expected(paper.get("paperType", ""), file.get("name", ""))
            if found and text_path.exists():
                name = f"{paper.get('reference')}:{file.get('name')}"
                yield Doc("karlsruhe", name, text_path.read_text(), found[0], None, found[1])


# --- the mixed-signal variants -------------------------------------------------------------

_JUSTIFICATION = re.compile(
    r"^\s*(?:Begründung|Sachverhalt|Sachstand|Erläuterung\w*|Sachdarstellung)\b[^\n]{0,40}$", re.I
)


def _justification_at(lines: list[str]) -> int:
    """Return where a sentence of the justification goes: below its heading, else above the
    paragraph nearest the middle of the text."""
    heading = next((i for i, x in enumerate(lines) if _JUSTIFICATION.match(x)), None)
    if heading is not None:
        return heading + 1
    middle = len(lines) // 2
    for i in range(middle, len(lines)):
        if lines[i - 1].rstrip().endswith(".") and lines[i][:1].isupper():
            return i
    return middle


def _in_justification(sentence: str) -> Callable[[str], str | None]:
    def rewrite(text: str) -> str | None:
        lines = text.split("\n")
        if len(lines) < 6:
            return None  # a text run together: no place of its own for the sentence
        at = _justification_at(lines)
        return "\n".join([*lines[:at], sentence, *lines[at:]])

    return rewrite


def _wrapped_in_justification(first: str, second: str) -> Callable[[str], str | None]:
    """A sentence wrapped as a PDF wraps it: the other paper's name starts the second line."""
    return _in_justification(f"{first}\n{second}")


def _in_head(line: str) -> Callable[[str], str | None]:
    def rewrite(text: str) -> str | None:
        lines = text.split("\n")
        spot = type_spot(lines)
        if spot is None:
            return None
        return "\n".join([*lines[: spot.line + 1], line, *lines[spot.line + 1 :]])

    return rewrite


def _agenda(item: str) -> Callable[[str], str | None]:
    def rewrite(text: str) -> str | None:
        lines = text.split("\n")
        printed = [i for i, x in enumerate(lines) if x.strip()]
        if len(printed) < 8:
            return None
        at = printed[6]
        return "\n".join([*lines[:at], item, *lines[at:]])

    return rewrite


DATE = "14.03.2023"


def _as_printed(text: str) -> str | None:
    return text


VARIANTS: dict[str, tuple[tuple[str, ...], Callable[[str], str | None]]] = {
    # the controls: each family's documents as printed, for the variant rows below them
    "control: motions": (("Antrag",), _as_printed),
    "control: minutes and invitations": (("Niederschrift", "sonstiges"), _as_printed),
    "control: Vorlagen": (("Vorlage", "Informationsvorlage"), _as_printed),
    "control: inquiries": (("Anfrage",), _as_printed),
    "control: answers": (("Antwort",), _as_printed),
    "motion: unsere Anfrage vom": (
        ("Antrag",),
        _in_justification(
            f"Bereits mit unserer Anfrage vom {DATE} haben wir auf das Problem hingewiesen."
        ),
    ),
    "motion: Antwort auf unsere Anfrage": (
        ("Antrag",),
        _in_justification(
            "Die Antwort der Verwaltung auf unsere Anfrage hat gezeigt, dass Handlungsbedarf"
            " besteht."
        ),
    ),
    "motion: Bezug unsere Anfrage (head)": (
        ("Antrag",),
        _in_head(f"Bezug: unsere Anfrage vom {DATE}"),
    ),
    "motion: unsere / Anfrage (wrapped)": (
        ("Antrag",),
        _wrapped_in_justification(
            "Bereits mit unserer",
            f"Anfrage vom {DATE} haben wir auf das Problem hingewiesen.",
        ),
    ),
    "minutes: TOP 7 Anfragen": (("Niederschrift", "sonstiges"), _agenda("TOP 7 Anfragen")),
    "minutes: Beantwortung von Anfragen": (
        ("Niederschrift", "sonstiges"),
        _agenda("TOP 7 Beantwortung von Anfragen"),
    ),
    "invitation: Anfragen der Fraktionen": (
        ("Niederschrift", "sonstiges"),
        _agenda("TOP 7 Anfragen der Fraktionen"),
    ),
    "agenda: Anfrage der SPD-Fraktion": (
        ("Niederschrift", "sonstiges"),
        _agenda("TOP 7 Anfrage der SPD-Fraktion zur Parksituation"),
    ),
    "agenda: Anfrage der SPD-Fraktion (own line)": (
        ("Niederschrift", "sonstiges"),
        _agenda("Anfrage der SPD-Fraktion zur Parksituation"),
    ),
    "Vorlage: Sachstand / Anfrage (wrapped)": (
        ("Vorlage", "Informationsvorlage"),
        _wrapped_in_justification(
            "Sachstand: Auf die",
            f"Anfrage der CDU-Fraktion vom {DATE} hat die Verwaltung berichtet.",
        ),
    ),
    "Vorlage: Sachstand Anfrage der CDU": (
        ("Vorlage", "Informationsvorlage"),
        _in_justification(
            f"Sachstand: Auf die Anfrage der CDU-Fraktion vom {DATE} hat die Verwaltung"
            " berichtet, dass die Planung begonnen hat."
        ),
    ),
    "inquiry: unser Antrag / Beschluss": (
        ("Anfrage",),
        _in_justification(
            f"Mit unserem Antrag vom {DATE} hat der Gemeinderat einen Beschluss gefasst, der"
            " bis heute nicht umgesetzt ist."
        ),
    ),
    "inquiry: Bezug Antrag und Beschluss (head)": (
        ("Anfrage",),
        _in_head(f"Bezug: Antrag der SPD-Fraktion vom {DATE} und Beschluss des Gemeinderats"),
    ),
    "inquiry: unserem / Antrag (wrapped)": (
        ("Anfrage",),
        _wrapped_in_justification(
            "Mit unserem", f"Antrag vom {DATE} hat der Gemeinderat einen Beschluss gefasst."
        ),
    ),
    "answer: zum Antrag der CDU (head)": (
        ("Antwort",),
        _in_head(f"zum Antrag der CDU-Fraktion vom {DATE}"),
    ),
    "answer: Bezug Antrag der CDU (head)": (
        ("Antwort",),
        _in_head(f"Bezug: Antrag der CDU-Fraktion vom {DATE}"),
    ),
    "answer: Beschluss … Antrag": (
        ("Antwort",),
        _in_justification(
            f"Der Gemeinderat hat mit Beschluss vom {DATE} den Antrag der CDU-Fraktion angenommen."
        ),
    ),
}
# The Karlsruhe fixture texts (a dev Kommune) that a variant family may also be written into.
_KARLSRUHE_FAMILIES = {"Niederschrift": "Niederschrift", "Vorlage": "Vorlage"}


# Minutes and invitations among the dev documents labelled sonstiges or Niederschrift: an agenda
# is printed (a letter or a Landtag notice gets no agenda item written in).
_AGENDA_PAPER = re.compile(
    r"Tagesordnung|Einladung|E I N L A D U N G|Niederschrift|N I E D E R S C H R I F T|Protokoll",
    re.I,
)


def _variant_applies(doc: Doc, kinds: tuple[str, ...]) -> bool:
    if doc.source == "dev":
        if "Niederschrift" in kinds and not _AGENDA_PAPER.search(
            "\n".join(doc.text.split("\n")[:40])
        ):
            return False
        return _LABEL_KINDS.get(doc.label, doc.label) in kinds
    return doc.source == "karlsruhe" and _KARLSRUHE_FAMILIES.get(doc.label, "") in kinds


# --- reading and scoring --------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One text read one way."""

    source: str
    name: str
    kind: str
    right: bool


def _paged() -> Callable[[str], ParsedDocument]:
    from bench.parse_accuracy import via_pdf  # fpdf2 only when a PDF is rendered

    return via_pdf("paged")


def real_outcomes(docs: list[Doc], paged: bool) -> dict[tuple[str, str], list[Outcome]]:
    """Return (source, path) → outcomes of the real non-inquiry texts."""
    readers: dict[str, Callable[[Doc], ParsedDocument]] = {
        "original": lambda d: parse_pdf_file(d.pdf, ocr=False) if d.pdf else parse_text(d.text),
        "flat": lambda d: parse_text(flat(d.text)),
    }
    if paged:
        render = _paged()
        readers["paged"] = lambda d: render(d.text)
    result: dict[tuple[str, str], list[Outcome]] = {}
    for doc in docs:
        if doc.source == "dev" and doc.label not in NEGATIVE_LABELS:
            continue
        for path, read in readers.items():
            kind = read(doc).kind
            result.setdefault((doc.source, path), []).append(
                Outcome(doc.source, doc.name, kind, kind in doc.expected)
            )
    return result


def variant_outcomes(docs: list[Doc]) -> dict[tuple[str, str], list[Outcome]]:
    """Return (variant, shape) → outcomes of the mixed-signal variants."""
    result: dict[tuple[str, str], list[Outcome]] = {}
    for doc in docs:
        for variant, (kinds, rewrite) in VARIANTS.items():
            if not _variant_applies(doc, kinds):
                continue
            text = rewrite(doc.text)
            if text is None:
                continue
            for shape, shaped in (("original", text), ("flat", flat(text))):
                kind = parse_text(shaped).kind
                result.setdefault((variant, shape), []).append(
                    Outcome(doc.source, doc.name, kind, kind in doc.expected)
                )
    return result


def untyped_outcomes(docs: list[Doc]) -> dict[tuple[str, str], list[Outcome]]:
    """Return (source: variant, shape) → outcomes of the real non-inquiry texts with their type
    words taken out or replaced by an unknown type name (bench.kind_variants.rewrite)."""
    result: dict[tuple[str, str], list[Outcome]] = {}
    for doc in docs:
        if doc.source == "dev" and doc.label not in NEGATIVE_LABELS:
            continue
        if doc.source == "pdfs":
            continue  # Erlangen and Stuttgart are check Kommunen: no variant is built from them
        spot = type_spot(doc.text.split("\n"))
        if spot is None:
            continue
        expected = doc.expected if "Antwort" in doc.expected else doc.expected | {"sonstiges"}
        for variant, (family, _printed) in UNTYPED.items():
            if family != spot.family:
                continue
            text = kind_variants.rewrite(doc.text, variant)
            if text is None:
                continue
            what = variant.split(" (")[0]
            group = "answers" if "Antwort" in doc.expected else "negatives"
            for shape, shaped in (("original", text), ("flat", flat(text))):
                kind = parse_text(shaped).kind
                outcome = Outcome(doc.source, doc.name, kind, kind in expected)
                for row in (f"{doc.source} {group}: {what}", f"all {group}: {what}"):
                    result.setdefault((row, shape), []).append(outcome)
    return result


def untyped_table(result: dict[tuple[str, str], list[Outcome]]) -> str:
    """Return a markdown table of the untyped texts: kind right per shape, and how many read
    as Anfrage, and as Antwort where no answer was expected."""
    lines = [
        "| untyped | documents | original | flat | as Anfrage | as Antwort |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = sorted({row for row, _shape in result}, key=lambda r: (r.startswith("all"), r))
    for row in rows:
        cells = [result.get((row, shape), []) for shape in ("original", "flat")]
        right = [pct(sum(o.right for o in c), len(c)) for c in cells]
        inquiry = " / ".join(str(sum(o.kind == "Anfrage" for o in c)) for c in cells)
        answer = " / ".join(str(sum(not o.right and o.kind == "Antwort" for o in c)) for c in cells)
        lines.append(f"| {row} | {len(cells[0])} | {' | '.join(right)} | {inquiry} | {answer} |")
    return "\n".join(lines)


def table(result: dict[tuple[str, str], list[Outcome]], rows: list[str], paths: list[str]) -> str:
    """Return a markdown table: per row, kind right per path, and how many read as Anfrage."""
    lines = [
        f"| | documents | {' | '.join(paths)} | as Anfrage |",
        "|---|---:|" + "---:|" * len(paths) + "---:|",
    ]
    for row in rows:
        cells = [result.get((row, p), []) for p in paths]
        if not cells[0]:
            continue
        right = [pct(sum(o.right for o in c), len(c)) for c in cells]
        inquiry = " / ".join(
            str(sum(not o.right and o.kind == "Anfrage" for o in c)) for c in cells
        )
        lines.append(f"| {row} | {len(cells[0])} | {' | '.join(right)} | {inquiry} |")
    return "\n".join(lines)


SOURCES = ("dev", "pdfs", "leipzig", "karlsruhe")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-paged", action="store_true", help="skip the paged PDF path")
    parser.add_argument(
        "--untyped", action="store_true", help="also read the texts with their type words removed"
    )
    parser.add_argument("--show", help="list the texts a source or variant reads wrong")
    args = parser.parse_args()
    docs = [
        *dev_documents(),
        *pdf_documents(),
        *leipzig_documents(),
        *karlsruhe_documents(),
    ]
    paths = ["original", "flat"] + ([] if args.no_paged else ["paged"])
    real = real_outcomes(docs, not args.no_paged)
    for (_source, path), outs in list(real.items()):
        real.setdefault(("all", path), []).extend(outs)
    print(table(real, [*SOURCES, "all"], paths))
    print()
    mixed = variant_outcomes(docs)
    print(table(mixed, list(VARIANTS), ["original", "flat"]))
    untyped = untyped_outcomes(docs) if args.untyped else {}
    if untyped:
        print()
        print(untyped_table(untyped))
    if args.show:
        for (row, path), outs in {**real, **mixed, **untyped}.items():
            if row == args.show:
                for o in outs:
                    if not o.right:
                        print(path, o.source, o.name, o.kind)


if __name__ == "__main__":
    main()
