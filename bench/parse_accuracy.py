"""Parser accuracy per field, per corpus and per layout style; prints markdown. Reads files (I/O).

Run: .venv/bin/python -m bench.parse_accuracy [--json]
     [--via-pdf[=plain|paged|letter|column|table|drawn|boxes|scan|all]] [--no-check]
     [--shape flat|para|wrap50|wrap40]
     [--sample N]

--via-pdf reads every labelled document the way `ratsbot parse FILE.pdf` does: its text rendered to
a PDF (standins.pdf_render, cached on disk) and read back by fetcher.parse.parse_pdf_file. "plain"
(the default) renders the text as it is (A4, 10 pt, lines wrapped at the page width); "paged"
renders it like a council PDF: running head from the document's own first and reference line on
pages 2 … M, "Seite N von M" under every page, 75-character lines, hyphenated line ends, pages
breaking wherever the text reaches the bottom; "letter" is paged with the document's own first
four lines repeated as a footer block under every page (a letter paper's sender rows); "column"
is paged with the first page's header (its lines up to the salutation or subject label) printed
in two columns, its date, reference, office and labelled lines in a right-hand column beside the
rest (a DIN 5008 letter's information block, which pdfium reads into the left lines); "table",
"drawn" and "boxes" are the layouts of standins.pdf_layouts (the head's labelled lines in a ruled
table; the footer drawn before each page's body and the head block after it; the information
block and the address block in two text boxes, the right one written first); "scan"
is paged, then every page rasterised into a grey, slightly turned image-only page
(standins.pdf_scan) that the parser reads through tesseract (seconds per page: use it with
--sample 8, every 8th document of each corpus by name, the subset of docs/benchmarks.md); "all"
prints text, plain and paged side by side.
Through a PDF one more column, "questions = text": the questions read word for word as
parse_text reads them from the text itself (whitespace folded), what the PDF path loses or adds.
--no-check leaves the check split out (tune on dev; check totals once at the end).
--shape brings every labelled text into another shape before it is read (bench.text_shapes: pages
run together into one line, one line per paragraph, lines wrapped at 50 or 40 characters); the
Karlsruhe/Leipzig table is read as it is.

Corpora:
- Karlsruhe + Leipzig: the fixture corpus scored against OParl metadata (bench.bench_parse).
- diverse: ../shared/fixtures/texts/diverse/NAME.txt with hand-read labels NAME.json.
- corpus dev / corpus check: the labels in tests/corpus/{dev,check}/ with their texts materialized
  from the fetched snapshots (tests/corpus_data.py, `make corpus`), or NAME.json + NAME.txt from
  RATSBOT_CORPUS_DIR. `check` is never used for tuning. Without the snapshots (and no cache) these
  two corpora are left out with one line on stderr.

Label fields scored (a missing or null label skips that field for the document):
kind ("anfrage", "antwort", "anfrage+antwort" = an answer that repeats the inquiry, so "Antwort";
kind_alt lists other readings accepted), questions (exact top-level count; questions_alt),
factions (where the document names one: every labelled faction found, canonicalised),
first_question_start (the first question starts with it, whitespace and case folded),
reference (printed reference; reference_alt accepted; null = the parser must not invent one).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from bench.text_shapes import SHAPES
from fetcher.factions import canonical_faction
from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from tests.corpus_data import CorpusUnavailable, corpus_items
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

PATHS = ("text", "plain", "paged")
FIELDS = ("kind", "questions", "factions", "first question", "reference", "no invented reference")
# Through a PDF only: the questions read word for word as from the text itself (whitespace folded).
SAME_AS_TEXT = "questions = text"
_KINDS = {"anfrage": "Anfrage", "antwort": "Antwort", "anfrage+antwort": "Antwort"}


def _fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _labelled(directory: Path) -> Iterator[tuple[dict[str, Any], str]]:
    for label_path in sorted(directory.glob("*.json")):
        label = json.loads(label_path.read_text("utf-8"))
        text_name = label.get("text") or label_path.with_suffix(".txt").name
        text_path = directory / text_name
        if text_path.is_file():
            yield label, text_path.read_text("utf-8")


def _canon(name: str) -> str:
    return canonical_faction(name) or name.strip()


def score_document(label: dict[str, Any], doc: ParsedDocument) -> dict[str, bool]:
    """Return field → correct for one labelled document (fields without a label are left out)."""
    result: dict[str, bool] = {}
    if label.get("kind"):
        wanted = {_KINDS.get(label["kind"], label["kind"])}
        wanted |= {_KINDS.get(k, k) for k in label.get("kind_alt") or []}
        result["kind"] = doc.kind in wanted
    if label.get("questions") is not None:
        counts = {label["questions"], *(label.get("questions_alt") or [])}
        result["questions"] = len(doc.questions) in counts
    if label.get("factions"):
        found = {_canon(f) for f in doc.factions}
        result["factions"] = all(_canon(f) in found for f in label["factions"])
    if label.get("first_question_start"):
        first = _fold(doc.questions[0]) if doc.questions else ""
        result["first question"] = first.startswith(_fold(label["first_question_start"]))
    if "reference" in label:
        if label["reference"]:
            accepted = {_fold(r) for r in [label["reference"], *(label.get("reference_alt") or [])]}
            result["reference"] = _fold(doc.reference) in accepted
        else:
            result["no invented reference"] = doc.reference is None
    return result


Parse = Callable[[str], ParsedDocument]


def via_pdf(style: str) -> Parse:
    """Return a text → ParsedDocument reader that goes through a rendered PDF and parse_pdf_file."""
    # Imported here: fpdf2 only when a PDF is rendered.
    from standins.pdf_layouts import STYLES
    from standins.pdf_render import (
        render_column_text,
        render_letter_text,
        render_paged_text,
        render_text,
    )
    from standins.pdf_scan import render_scan_text

    styles = {
        "paged": render_paged_text,
        "letter": render_letter_text,
        "column": render_column_text,
        "scan": render_scan_text,
        **STYLES,
    }
    render = styles.get(style, render_text)
    workdir = Path(tempfile.mkdtemp(prefix="ratsbot-bench-pdf-"))

    def parse(text: str) -> ParsedDocument:
        path = render(text, workdir / "doc.pdf")
        try:
            return parse_pdf_file(path)
        finally:
            path.unlink(missing_ok=True)

    # the render's folder goes with the reader (or at exit): no empty folder left in the temp dir
    weakref.finalize(parse, shutil.rmtree, workdir, ignore_errors=True)
    return parse


def reader(path: str, shape: str | None = None) -> Parse:
    """Return the reader for a path name of PATHS (the text itself, or a PDF style), the text
    first brought into a shape of bench.text_shapes when one is named."""
    parse = parse_text if path == "text" else via_pdf(path)
    if shape is None:
        return parse
    reshape = SHAPES[shape]
    return lambda text: parse(reshape(text))


def score_corpus(directory: Path, parse: Parse = parse_text) -> dict[str, dict[str, list[int]]]:
    """Return style → field → [correct, total] over a labelled directory ("all" included)."""
    return score_labelled(_labelled(directory), parse)


def score_labelled(
    labelled: Iterable[tuple[dict[str, Any], str]], parse: Parse = parse_text
) -> dict[str, dict[str, list[int]]]:
    """Return style → field → [correct, total] over (label, text) pairs ("all" included)."""
    table: dict[str, dict[str, list[int]]] = {}
    for label, text in labelled:
        doc = parse(text)
        style = label.get("layout") or "unknown"
        scores = score_document(label, doc)
        if parse is not parse_text:
            scores[SAME_AS_TEXT] = _folded(doc.questions) == _folded(parse_text(text).questions)
        for field, ok in scores.items():
            for key in ("all", style):
                cell = table.setdefault(key, {}).setdefault(field, [0, 0])
                cell[0] += ok
                cell[1] += 1
    return table


def _folded(questions: Iterable[str]) -> list[str]:
    return [_fold(q) for q in questions]


def _columns(rows: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """Return FIELDS, and SAME_AS_TEXT when some row was read through a PDF."""
    return (*FIELDS, SAME_AS_TEXT) if any(SAME_AS_TEXT in row for row in rows) else FIELDS


def _pct(cell: list[int] | tuple[int, int] | None) -> str:
    if not cell or not cell[1]:
        return "–"
    return f"{100 * cell[0] / cell[1]:.0f} % ({cell[0]}/{cell[1]})"


def karlsruhe_count_agreement() -> tuple[int, int]:
    """Return (agree, pairs): inquiry and its Stellungnahme give the same number of questions.

    Karlsruhe has no hand-counted questions; a Stellungnahme repeats the inquiry's questions, so
    two independent parses agreeing is a proxy for the exact count (pairs where the answer shows
    questions).
    """
    base = OPARL_FIXTURES / "karlsruhe"
    agree = pairs = 0
    for paper_path in sorted((base / "papers").glob("*.json")):
        paper = json.loads(paper_path.read_text("utf-8"))
        if paper.get("paperType") != "Anfrage":
            continue
        found: dict[str, Path] = {}
        for file in [paper.get("mainFile"), *paper.get("auxiliaryFile", [])]:
            if not file:
                continue
            name = (file.get("name") or "").lower()
            path = base / "file-contents" / f"{file['id'].rsplit('/', 1)[1]}.txt"
            if path.is_file() and path.stat().st_size:
                role = "answer" if re.match(r"stellungnahme|stn\b", name) else None
                role = role or ("inquiry" if name.startswith("anfrage") else None)
                if role:
                    found[role] = path
        if len(found) < 2:
            continue
        answer = parse_text(found["answer"].read_text("utf-8"))
        if answer.questions:
            inquiry = parse_text(found["inquiry"].read_text("utf-8"))
            pairs += 1
            agree += len(inquiry.questions) == len(answer.questions)
    return agree, pairs


def fixture_baseline() -> dict[str, dict[str, tuple[int, int]]]:
    """Return the Karlsruhe and Leipzig metadata scores of bench.bench_parse."""
    from bench.bench_parse import karlsruhe_accuracy, leipzig_accuracy

    karlsruhe = karlsruhe_accuracy()
    karlsruhe["Anfrage = Stellungnahme: question count"] = karlsruhe_count_agreement()
    return {"Karlsruhe": karlsruhe, "Leipzig": leipzig_accuracy()}


def labelled_scores(
    parse: Parse = parse_text, *, check: bool = True, sample: int = 1
) -> dict[str, dict[str, dict[str, list[int]]]]:
    """Return corpus → style → field → [correct, total] for every labelled corpus present
    (with `sample` N > 1: every Nth document of each corpus, by name, from the first)."""
    splits = ("dev", "check") if check else ("dev",)
    corpora = {"diverse": TEXT_FIXTURES / "diverse"}
    override = os.environ.get("RATSBOT_CORPUS_DIR")
    if override:
        for split in splits:
            corpora[f"corpus {split}"] = Path(override) / split
    scores = {
        name: score_labelled(islice(_labelled(path), 0, None, sample), parse)
        for name, path in corpora.items()
        if path.is_dir()
    }
    if not override:
        try:
            for split in splits:
                items = corpus_items(split)
                pairs = ((i.label, i.text) for i in items[::sample])
                scores[f"corpus {split}"] = score_labelled(pairs, parse)
        except CorpusUnavailable as exc:
            print(str(exc).split(";")[0], file=sys.stderr)
    return scores


def markdown(
    baseline: dict[str, dict[str, tuple[int, int]]],
    labelled: dict[str, dict[str, dict[str, list[int]]]],
) -> str:
    """Return both tables as markdown."""
    out = ["| corpus | field | accuracy |", "|---|---|---:|"]
    for corpus, result in baseline.items():
        out += [f"| {corpus} | {field} | {_pct(hit)} |" for field, hit in sorted(result.items())]
    if not labelled:
        return "\n".join(out)
    columns = _columns(row for styles in labelled.values() for row in styles.values())
    out += ["", "| corpus | layout | " + " | ".join(columns) + " |"]
    out.append("|---|---|" + "---:|" * len(columns))
    for corpus, styles in labelled.items():
        for style in ["all", *sorted(s for s in styles if s != "all")]:
            cells = [_pct(styles[style].get(f)) for f in columns]
            out.append(f"| {corpus} | {style} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def paths_markdown(by_path: dict[str, dict[str, dict[str, dict[str, list[int]]]]]) -> str:
    """Return one table with a row per corpus, layout and reading path (text, plain, paged)."""
    columns = _columns(
        row
        for labelled in by_path.values()
        for styles in labelled.values()
        for row in styles.values()
    )
    out = ["| corpus | layout | path | " + " | ".join(columns) + " |"]
    out.append("|---|---|---|" + "---:|" * len(columns))
    first = next(iter(by_path.values()), {})
    for corpus, styles in first.items():
        for style in ["all", *sorted(s for s in styles if s != "all")]:
            for path, labelled in by_path.items():
                row = labelled.get(corpus, {}).get(style, {})
                cells = [_pct(row.get(f)) for f in columns]
                out.append(f"| {corpus} | {style} | {path} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    """Print the accuracy tables (markdown, or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-fixtures", action="store_true", help="skip Karlsruhe/Leipzig")
    parser.add_argument("--no-check", action="store_true", help="leave the check split out")
    parser.add_argument(
        "--via-pdf",
        nargs="?",
        const="plain",
        choices=("plain", "paged", "letter", "column", "table", "drawn", "boxes", "scan", "all"),
        help="read the labelled documents through a rendered PDF, as `ratsbot parse` does",
    )
    parser.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        help="bring every labelled text into another shape first (bench.text_shapes)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=1,
        metavar="N",
        help="score every Nth labelled document only (by name, from the first); for --via-pdf=scan",
    )
    args = parser.parse_args()
    baseline = {} if args.no_fixtures else fixture_baseline()
    check = not args.no_check
    if args.via_pdf == "all":
        by_path = {
            path: labelled_scores(reader(path, args.shape), check=check, sample=args.sample)
            for path in PATHS
        }
        if args.json:
            print(json.dumps({"fixtures": baseline, "labelled": by_path}, indent=1))
        else:
            print(
                markdown(baseline, {}) + "\n" if baseline else "", paths_markdown(by_path), sep="\n"
            )
        return
    labelled = labelled_scores(
        reader(args.via_pdf or "text", args.shape), check=check, sample=args.sample
    )
    if args.json:
        print(json.dumps({"fixtures": baseline, "labelled": labelled}, indent=1))
    else:
        print(markdown(baseline, labelled))


if __name__ == "__main__":
    main()
