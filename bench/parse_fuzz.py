"""Fuzzed inputs from real dev texts and PDFs: exceptions, time per MB, output sizes. Timed.

Run: .venv/bin/python -m bench.parse_fuzz [--docs N] [--quick] [--no-pdf] [--all] [--only TEXT]

Issue 11 asks for "no crash, no hang, no output above the size limits on any input". Each row is
one mutation of one real document, parsed in-process: `parse_text` for texts, `parse_pdf_file`
for PDFs (the call behind `ratsbot parse FILE --json`, whose JSON is `doc.to_json()`).

Texts: the first N dev documents of the labelled corpus (tests/corpus/dev, never check), each
  lines shuffled, duplicated ×50, cut mid-word, every "?" doubled, binary junk and NULs inserted,
  control characters, RTL and zero-width marks, latin-1 bytes decoded as UTF-8 (with replacement),
  UTF-8 read as latin-1 (mojibake); from the first document also one 5 MB single line (1 MB with
  --quick), 20,000 list items, nested "1.1.1.1…" labels 1 to 60 deep, 10,000 "Zu 1:" lines,
  40,000 tabs between two words, 4,000 one-line pages (form feeds), 4,000 lead-ins "Wir fragen
  die Verwaltung:", 4,000 quotations left open. All but the single line run again at a quarter
  of the count: `growth` is the time ratio (×4 is linear, ×16 quadratic). --only TEXT runs the
  text cases whose name holds TEXT, and no PDFs.
PDFs: the Landtag BW bill of ../shared/fixtures/pdfs (the other fixture PDFs are from Erlangen and
  Stuttgart, check Kommunen) and the first dev document rendered in the paged layout
  (standins.pdf_render), each as is, cut at 50 % / 90 % / 1 KB, its xref broken, 1 % of its bytes
  flipped; plus an encrypted PDF (user password, fpdf2), one with zero pages, one page of 10,000
  text objects, random bytes, an empty file.

Checked per row: no exception escapes; the output's fields fit where the bot stores them
(storage.models: Paper.reference and Paper.status, Paper.kind, File.parse_status; a faction fits
Organization.faction) and the summary stays within SUMMARY_MAX_CHARS; the JSON is at most
twice the input plus 4 KB (no field repeats the text over and over). The table lists the rows
with a problem and the slowest by time per MB (--all: every row). Reads files (I/O).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fetcher.model import KINDS, ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parse.summary import SUMMARY_MAX_CHARS
from storage.models import File, Organization, Paper
from tests.corpus_data import corpus_items
from tests.pdf_bytes import pdf_of_objects

FIXTURE_PDF = Path(__file__).resolve().parents[1] / "../shared/fixtures/pdfs"
PDF_BASE = "Landtag_BW_Drs_17-0273_Gesetzentwurf.pdf"

# Where the bot stores what the parser read (storage.records.store_parsed): the column sizes.
FIELD_CHARS = {
    "reference": Paper._meta.fields_map["reference"].max_length,
    "status": Paper._meta.fields_map["status"].max_length,
    "kind": Paper._meta.fields_map["kind"].max_length,
    "parse_status": File._meta.fields_map["parse_status"].max_length,
}
FACTION_CHARS = Organization._meta.fields_map["faction"].max_length


@dataclass
class Row:
    """One parsed mutation: what it was, how long it took, what went wrong."""

    case: str
    source: str
    megabytes: float
    seconds: float = 0.0
    growth: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def per_mb(self) -> float:
        return self.seconds / max(self.megabytes, 0.01)


def oversize(doc: ParsedDocument, input_chars: int) -> list[str]:
    """Return what in a parse result is above the size limits (see the module docstring)."""
    found = []
    data = doc.to_json()
    for key, limit in FIELD_CHARS.items():
        value = data.get(key)
        if value is not None and len(value) > limit:
            found.append(f"{key} {len(value)} > {limit} chars")
    if data["kind"] not in KINDS:
        found.append(f"kind {data['kind']!r}")
    if data["summary"] and len(data["summary"]) > SUMMARY_MAX_CHARS:
        found.append(f"summary {len(data['summary'])} > {SUMMARY_MAX_CHARS} chars")
    found += [f"faction {len(f)} chars" for f in data["factions"] if len(f) > FACTION_CHARS]
    size = len(json.dumps(data, ensure_ascii=False))
    if size > 2 * input_chars + 4096:
        found.append(f"JSON {size} chars for {input_chars} of input")
    return found


def _timed(call: Callable[[], ParsedDocument], input_chars: int) -> tuple[float, list[str]]:
    start = time.perf_counter()
    try:
        doc = call()
    except Exception as exc:  # the bench's point: nothing may escape
        tail = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(tail.filename).name}:{tail.lineno}"
        return time.perf_counter() - start, [f"raised {type(exc).__name__} at {where}: {exc}"[:160]]
    return time.perf_counter() - start, oversize(doc, input_chars)


# --- text mutations -------------------------------------------------------------------------


def _insert_every(text: str, rng: random.Random, step: int, pick: Callable[[], str]) -> str:
    parts = []
    for k in range(0, len(text), step):
        parts.append(text[k : k + step])
        parts.append(pick())
    return "".join(parts)


def _shuffled(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    rng.shuffle(lines)
    return "\n".join(lines)


def _cut_mid_word(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) // 3, max(len(text) // 3 + 1, 2 * len(text) // 3))
    while at < len(text) - 1 and not (text[at].isalpha() and text[at + 1].isalpha()):
        at += 1
    return text[: at + 1]


def _junk(text: str, rng: random.Random) -> str:
    def pick() -> str:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12))).decode("latin-1")

    return _insert_every(text, rng, 150, lambda: pick() + "\x00")


def _controls(text: str, rng: random.Random) -> str:
    controls = [chr(c) for c in [*range(1, 32), *range(127, 160)]]
    return _insert_every(text, rng, 40, lambda: rng.choice(controls))


def _marks(text: str, rng: random.Random) -> str:
    marks = ["\u200f", "\u200e", "\u202e", "\u202c", "\u2066", "\u2069", "\u200b", "\ufeff"]
    return _insert_every(text, rng, 25, lambda: rng.choice(marks))


def _latin1_as_utf8(text: str, rng: random.Random) -> str:
    """Half the lines written as latin-1, the whole read as UTF-8 with replacement."""
    lines = text.splitlines(keepends=True)
    data = b"".join(
        line.encode("latin-1", "replace") if k % 2 else line.encode("utf-8")
        for k, line in enumerate(lines)
    )
    return data.decode("utf-8", "replace")


def _mojibake(text: str, rng: random.Random) -> str:
    return text.encode("utf-8").decode("latin-1")


TEXT_MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "lines shuffled": _shuffled,
    "duplicated ×50": lambda text, rng: "\n".join([text] * 50),
    "cut mid-word": _cut_mid_word,
    'every "?" doubled': lambda text, rng: text.replace("?", "??"),
    "binary junk and NULs": _junk,
    "control characters": _controls,
    "RTL and zero-width marks": _marks,
    "latin-1 bytes as UTF-8": _latin1_as_utf8,
    "UTF-8 as latin-1": _mojibake,
}


def _sentences(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 20]
    return lines or ["Wie viele Anträge gab es?"]


def _single_line(text: str, count: int) -> str:
    flat = " ".join(text.split()) + " "
    return (flat * (count // len(flat) + 1))[:count]


def _list_items(text: str, count: int) -> str:
    lines = _sentences(text)
    return "\n".join(f"{k % 20 + 1}. {lines[k % len(lines)]}" for k in range(count))


def _nested(text: str, count: int) -> str:
    lines = _sentences(text)
    return "\n".join(
        ".".join(["1"] * (1 + k % 60)) + f" {lines[k % len(lines)]}" for k in range(count)
    )


def _answers(text: str, count: int) -> str:
    lines = _sentences(text)
    return text + "\n" + "\n".join(f"Zu 1: {lines[k % len(lines)]}" for k in range(count))


def _tabs(text: str, count: int) -> str:
    return text.replace(" ", "\t" * count, 1)  # between two words: a run at a line's end is cut


def _pages(text: str, count: int) -> str:
    lines = _sentences(text)
    return "\f".join(f"{lines[k % len(lines)]} ({k})" for k in range(count))


def _lead_ins(text: str, count: int) -> str:
    return text + "\n" + "Wir fragen die Verwaltung:\n" * count


def _open_quotes(text: str, count: int) -> str:
    lines = _sentences(text)
    return text + "\n" + "\n".join(f"„{lines[k % len(lines)]}" for k in range(count))


# name → (builder, count, counted again at a quarter for the growth)
COUNTED: dict[str, tuple[Callable[[str, int], str], int, bool]] = {
    "5 MB single line": (_single_line, 5_000_000, False),
    "20,000 list items": (_list_items, 20_000, True),
    'nested "1.1.1…" labels': (_nested, 5_000, True),
    '10,000 "Zu 1:" lines': (_answers, 10_000, True),
    "40,000 tabs between two words": (_tabs, 40_000, True),
    "4,000 one-line pages": (_pages, 4_000, True),
    "4,000 lead-ins": (_lead_ins, 4_000, True),
    "4,000 quotations left open": (_open_quotes, 4_000, True),
}


def text_rows(docs: int, *, quick: bool, only: str = "") -> list[Row]:
    """Parse every text mutation (whose name holds `only`) of the first `docs` dev documents."""
    rows = []
    items = corpus_items("dev")[:docs]
    for item in items:
        for case, mutate in TEXT_MUTATIONS.items():
            if only not in case:
                continue
            text = mutate(item.text, random.Random(f"{case}{item.name}"))
            row = Row(case, item.name, len(text.encode("utf-8")) / 1e6)
            row.seconds, row.problems = _timed(lambda t=text: parse_text(t), len(text))
            rows.append(row)
            print(".", end="", flush=True)
    first = items[0]
    for case, (build, count, grows) in COUNTED.items():
        if only not in case:
            continue
        count = 1_000_000 if quick and case.startswith("5 MB") else count
        text = build(first.text, count)
        row = Row(case, first.name, len(text.encode("utf-8")) / 1e6)
        row.seconds, row.problems = _timed(lambda t=text: parse_text(t), len(text))
        if grows:
            small = build(first.text, count // 4)
            seconds, _ = _timed(lambda t=small: parse_text(t), len(small))
            row.growth = row.seconds / max(seconds, 0.01)
        rows.append(row)
        print(".", end="", flush=True)
    return rows


# --- PDF mutations --------------------------------------------------------------------------


def _zero_pages() -> bytes:
    return pdf_of_objects(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )


def _text_objects(count: int) -> bytes:
    ops = b"".join(
        b"BT /F1 6 Tf %d %d Td (Frage%d?) Tj ET\n"
        % (20 + (k % 10) * 55, 20 + (k // 10) % 100 * 8, k)
        for k in range(count)
    )
    stream = zlib.compress(ops)
    return pdf_of_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def _encrypted(text: str) -> bytes:
    from fpdf import FPDF  # fpdf2, as standins.pdf_render

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 5, text[:2000].encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def _broken_xref(data: bytes) -> bytes:
    at = data.rfind(b"startxref")
    return data.replace(b"xref", b"xxxx") if at < 0 else data[:at] + b"startxref\n99999999\n%%EOF"


def _flipped(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(len(out) // 100):
        out[rng.randrange(len(out) // 10, len(out))] = rng.randrange(256)
    return bytes(out)


PDF_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "as is": lambda data, rng: data,
    "cut at 50 %": lambda data, rng: data[: len(data) // 2],
    "cut at 90 %": lambda data, rng: data[: len(data) * 9 // 10],
    "first 1 KB": lambda data, rng: data[:1024],
    "xref broken": lambda data, rng: _broken_xref(data),
    "1 % of bytes flipped": _flipped,
}


def pdf_rows(folder: Path) -> list[Row]:
    """Parse every PDF mutation (see the module docstring)."""
    from standins.pdf_render import render_paged_text

    first = corpus_items("dev")[0]
    rendered = render_paged_text(first.text, folder / "rendered.pdf").read_bytes()
    bases = {PDF_BASE: (FIXTURE_PDF / PDF_BASE).read_bytes(), f"{first.name} (paged)": rendered}
    cases: list[tuple[str, str, bytes]] = [
        (case, name, mutate(data, random.Random(case)))
        for name, data in bases.items()
        for case, mutate in PDF_MUTATIONS.items()
    ]
    cases += [
        ("encrypted (user password)", first.name, _encrypted(first.text)),
        ("zero pages", "hand-made", _zero_pages()),
        ("10,000 text objects on a page", "hand-made", _text_objects(10_000)),
        ("random bytes", "hand-made", random.Random(1).randbytes(200_000)),
        (
            "random bytes after %PDF-",
            "hand-made",
            b"%PDF-1.7\n" + random.Random(2).randbytes(50_000),
        ),
        ("empty file", "hand-made", b""),
    ]
    rows = []
    for number, (case, name, data) in enumerate(cases):
        path = folder / f"case{number}.pdf"
        path.write_bytes(data)
        row = Row(f"PDF {case}", name, len(data) / 1e6)
        row.seconds, row.problems = _timed(lambda p=path: parse_pdf_file(p), max(len(data), 1))
        rows.append(row)
        print(".", end="", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4, help="dev documents to mutate")
    parser.add_argument("--quick", action="store_true", help="a 1 MB single line, not 5 MB")
    parser.add_argument("--no-pdf", action="store_true", help="texts only")
    parser.add_argument("--all", action="store_true", help="print every row")
    parser.add_argument("--only", default="", metavar="TEXT", help="text cases whose name holds it")
    args = parser.parse_args()
    rows = text_rows(args.docs, quick=args.quick, only=args.only)
    if not args.no_pdf and not args.only:
        with tempfile.TemporaryDirectory() as folder:
            rows += pdf_rows(Path(folder))
    print()
    shown = rows if args.all else sorted(rows, key=lambda r: (not r.problems, -r.per_mb))[:15]
    print("| mutation | source | MB | s | s/MB | growth ×4 | problems |")
    print("|---|---|---:|---:|---:|---:|---|")
    for row in shown:
        growth = f"×{row.growth:.1f}" if row.growth is not None else ""
        print(
            f"| {row.case} | {row.source} | {row.megabytes:.2f} | {row.seconds:.2f} "
            f"| {row.per_mb:.1f} | {growth} | {'; '.join(row.problems) or 'none'} |"
        )
    text = [r for r in rows if not r.case.startswith("PDF ")]
    steep = [r for r in rows if r.growth is not None and r.growth > 8]
    megabytes, seconds = sum(r.megabytes for r in text), sum(r.seconds for r in text)
    print(
        f"\n{len(rows)} rows: {sum(bool(r.problems) for r in rows)} with a problem, "
        f"{len(steep)} growing faster than ×8 for 4× the input; text {megabytes:.1f} MB "
        f"in {seconds:.1f} s, worst {max(r.per_mb for r in text):.1f} s/MB"
    )


if __name__ == "__main__":
    main()
