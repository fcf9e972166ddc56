"""Benchmark and corpus accuracy of the PDF parser; prints a markdown section. Does I/O.

Run: .venv/bin/python -m bench.bench_parse  (the lead pastes the output into docs/benchmarks.md);
`--startup` measures only the start-up of `ratsbot parse` on a one-page PDF.
Per-field accuracy on the labelled real documents (kind, question count, faction, first question,
reference): .venv/bin/python -m bench.parse_accuracy.
Speed: our parse_pdf_file (pypdfium2 text + field parsing, pdfplumber only as header-table
fallback) vs `pdftotext` (poppler-utils) vs pypdfium2 plain text vs pdfplumber extract_text, over
../shared/fixtures/pdfs, same run. Accuracy: fields with ground truth in the fixture data
(Karlsruhe OParl reference/name/paperType vs the file texts; Leipzig stadtratmonitor metadata).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from fetcher.classify import is_citizen_inquiry, kind_from_paper_type
from fetcher.parse import parse_pdf_file, parse_text
from fetcher.parsepool import ParserPool
from standins.fixtures import OPARL_FIXTURES, PDF_FIXTURES, TEXT_FIXTURES


def _pages(path: Path) -> int:
    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def _pdfium_text(path: Path) -> None:
    doc = pdfium.PdfDocument(path)
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    doc.close()


def _pdfplumber_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def _pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=False)


def _parse(path: Path) -> None:
    parse_pdf_file(path)


def _rate(func: Callable[[Path], None], paths: list[Path], pages: int, rounds: int) -> float:
    func(paths[0])  # warm-up (imports, caches)
    start = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            func(path)
    return pages * rounds / (time.perf_counter() - start)


def _peak_rss_mb(path: Path) -> float:
    code = (
        "import resource, sys; from pathlib import Path; from fetcher.parse import parse_pdf_file;"
        "parse_pdf_file(Path(sys.argv[1]));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


async def _pool_rate(paths: list[Path], pages: int, rounds: int, size: int) -> float:
    async with ParserPool(size=size) as pool:
        await asyncio.gather(*(pool.parse(p) for p in paths[:size]))  # start the workers
        start = time.perf_counter()
        await asyncio.gather(*(pool.parse(p) for _ in range(rounds) for p in paths))
        return pages * rounds / (time.perf_counter() - start)


_HEAVY_MODULES = (
    "pdfplumber",
    "pdfminer",
    "tortoise",
    "asyncpg",
    "aiosqlite",
    "telegram",
    "aiohttp",
)


def cli_startup(path: Path, runs: int = 10) -> dict[str, float | list[str]]:
    """Time `ratsbot parse PATH` and `ratsbot --help` as fresh processes (start to exit).

    Returns the median and best wall and CPU (user+sys) seconds of each, and the heavy modules
    a parse imported (pdfplumber only for a header table; never the database or Telegram stack).
    """
    script = Path(sys.executable).with_name("ratsbot")
    result: dict[str, float | list[str]] = {}
    for name, argv in (("parse", [str(script), "parse", str(path)]), ("help", [str(script), "-h"])):
        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        walls.sort()
        cpus.sort()
        result |= {
            f"{name} wall median": walls[runs // 2],
            f"{name} wall best": walls[0],
            f"{name} cpu median": cpus[runs // 2],
            f"{name} cpu best": cpus[0],
        }
    code = (
        "import sys; from bot.cli import main; main(['parse', sys.argv[1]]);"
        f"print('HEAVY=' + ','.join(m for m in {_HEAVY_MODULES!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    heavy = next(x for x in out.stdout.splitlines() if x.startswith("HEAVY="))[len("HEAVY=") :]
    result["heavy modules imported by parse"] = [m for m in heavy.split(",") if m]
    return result


def startup_lines(path: Path, runs: int = 10) -> list[str]:
    """Return the markdown lines of the `ratsbot parse` start-up measurement."""
    got = cli_startup(path, runs)
    load = os.getloadavg()[0]
    heavy = got["heavy modules imported by parse"]
    return [
        f"`ratsbot parse {path.name}` (1 page), {runs} fresh processes, load average "
        f"{load:.1f} on {os.cpu_count()} cores: wall median {got['parse wall median']:.2f} s "
        f"(best {got['parse wall best']:.2f} s), CPU median {got['parse cpu median']:.2f} s "
        f"(best {got['parse cpu best']:.2f} s); `ratsbot -h`: wall median "
        f"{got['help wall median']:.2f} s, CPU {got['help cpu median']:.2f} s. "
        f"Heavy modules a parse imported: {', '.join(heavy) if heavy else 'none'} "
        "(goal: under 0.5 s, pdfplumber only for a header table, no database stack).",
    ]


def speed_table(rounds: int = 5) -> str:
    """Return a markdown table of pages/s and peak RSS over the fixture PDFs."""
    paths = sorted(PDF_FIXTURES.glob("*.pdf"))
    pages = sum(_pages(p) for p in paths)
    rows = [("ratsbot parse_pdf_file (1 process)", _rate(_parse, paths, pages, rounds))]
    rows.append(
        ("ratsbot ParserPool (2 workers)", asyncio.run(_pool_rate(paths, pages, rounds, 2)))
    )
    if shutil.which("pdftotext"):
        rows.append(
            ("pdftotext (poppler, process per file)", _rate(_pdftotext, paths, pages, rounds))
        )
    rows.append(("pypdfium2 plain text", _rate(_pdfium_text, paths, pages, rounds)))
    rows.append(("pdfplumber extract_text", _rate(_pdfplumber_text, paths, pages, 1)))
    largest = max(paths, key=lambda p: p.stat().st_size)
    lines = [
        f"{len(paths)} fixture PDFs, {pages} pages, {rounds} rounds, same run.",
        "",
        "| extractor | pages/s |",
        "|---|---:|",
        *(f"| {name} | {rate:.0f} |" for name, rate in rows),
        "",
        f"Peak RSS parsing the largest fixture ({largest.name}, "
        f"{largest.stat().st_size // 1024} KB) in a fresh process: {_peak_rss_mb(largest):.0f} MB.",
    ]
    ref = dict(rows).get("pdftotext (poppler, process per file)")
    if ref:
        lines.append(f"Parser speed = {100 * rows[0][1] / ref:.0f} % of pdftotext (goal ≥ 100 %).")
    one_page = [p for p in paths if _pages(p) == 1 and "Antrag" in p.name] or paths[:1]
    lines += ["", *startup_lines(one_page[0])]
    return "\n".join(lines)


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f} % ({hits}/{total})" if total else "–"


def karlsruhe_accuracy() -> dict[str, tuple[int, int]]:
    """Return field → (correct, total) for Karlsruhe inquiries and their Stellungnahmen."""
    base = OPARL_FIXTURES / "karlsruhe"
    score: dict[str, list[int]] = {}

    def tally(field: str, ok: bool) -> None:
        score.setdefault(field, [0, 0])
        score[field][0] += ok
        score[field][1] += 1

    for paper_path in sorted((base / "papers").glob("*.json")):
        paper = json.loads(paper_path.read_text("utf-8"))
        if paper.get("paperType") != "Anfrage":
            continue
        files = ([paper["mainFile"]] if paper.get("mainFile") else []) + paper.get(
            "auxiliaryFile", []
        )
        for file in files:
            name = file.get("name") or ""
            text_path = base / "file-contents" / f"{file['id'].rsplit('/', 1)[1]}.txt"
            if not text_path.exists() or not text_path.read_text("utf-8").strip():
                continue
            is_answer = bool(re.match(r"(?i)stellungnahme|stn\b", name))
            if not (is_answer or name.lower().startswith("anfrage")):
                continue
            doc = parse_text(text_path.read_text("utf-8"))
            role = "Stellungnahme" if is_answer else "Anfrage"
            tally(f"{role}: kind", doc.kind == ("Antwort" if is_answer else "Anfrage"))
            if "Vorlage Nr" in text_path.read_text("utf-8")[:1500]:
                tally(f"{role}: reference", doc.reference == paper["reference"])
            tally(f"{role}: title (= OParl name)", _norm(doc.title) == _norm(paper["name"]))
            if not is_answer:
                tally("Anfrage: questions found", bool(doc.questions))
                tally("Anfrage: factions found", bool(doc.factions))
            tally(f"{role}: consultation found", bool(doc.consultations))
    return {k: (v[0], v[1]) for k, v in score.items()}


def leipzig_accuracy() -> dict[str, tuple[int, int]]:
    """Return field → (correct, total) over the Leipzig papers that contain a document."""
    papers = json.loads(
        (TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text("utf-8")
    )
    score: dict[str, list[int]] = {}

    def tally(field: str, ok: bool) -> None:
        score.setdefault(field, [0, 0])
        score[field][0] += ok
        score[field][1] += 1

    for paper in papers:
        if "Anfrage-Nr" not in paper["content"] and "-Nr." not in paper["content"]:
            continue  # web error pages ("Angefordertes Dokument existiert nicht")
        doc = parse_text(paper["content"])
        tally("reference", doc.reference == paper["reference"])
        tally("title (= name)", _norm(doc.title) == _norm(paper["name"]))
        tally("kind (= paperType)", doc.kind == kind_from_paper_type(paper["paper_type"], None))
        if is_citizen_inquiry(paper["paper_type"], paper["reference"]):
            tally("citizen submitter hidden", doc.submitters == ())
        else:
            tally(
                "submitter (= originator)", _norm(paper["originator"]) in map(_norm, doc.submitters)
            )
        tally("consultation found", bool(doc.consultations))
    return {k: (v[0], v[1]) for k, v in score.items()}


def markdown_report(rounds: int = 5) -> str:
    """Return the markdown section for docs/benchmarks.md."""
    out = ["## PDF parser", "", "### Speed and memory", "", speed_table(rounds), ""]
    out += ["### Field accuracy on the fixture corpus", "", "| corpus | field | accuracy |"]
    out.append("|---|---|---:|")
    for corpus, result in (("Karlsruhe", karlsruhe_accuracy()), ("Leipzig", leipzig_accuracy())):
        out += [f"| {corpus} | {field} | {_pct(*hit)} |" for field, hit in sorted(result.items())]
    out.append("")
    out.append(
        "Ground truth: Karlsruhe OParl `reference`, `name` and the file role (Anfrage / "
        "Stellungnahme); Leipzig `reference`, `name`, `paper_type`, `originator`. "
        "Field-by-field expectations read by hand live in tests/test_parse.py."
    )
    out.append(
        f"\nMax RSS of this benchmark process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB."
    )
    return "\n".join(out)


if __name__ == "__main__":
    if "--startup" in sys.argv[1:]:
        print("\n".join(startup_lines(PDF_FIXTURES / "Antrag_SozialeStadt_2019-04-20.pdf")))
    else:
        print(markdown_report())
