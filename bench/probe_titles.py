"""The title and summary of whole probe papers, per shape. Reads bench/probe_papers (I/O).

Run: .venv/bin/python -m bench.probe_titles [-v] [--paged]

bench/probe_titles.json names, for probe papers of bench/probe_papers, the title a reader expects
and the opening of the summary (none where the paper has no justification to summarise: an
answer's text is its answers). The twenty-first round wrote them (titles21-NN: subject lines with
type word, legal basis, meeting, date, faction and number in every order; "Betreff:", "Betr.:",
"Thema:", "Gegenstand:", "Titel:", "Bezeichnung:", an e-mail's "Betreff: AW: WG:"; a subject
over two lines, in quotes, as a question, as a form table's cell; answer phrases; heads of a
Landkreis, Amt, Verbandsgemeinde, Samtgemeinde, Ortsrat, Markt). Each paper is read as printed,
flat and para (bench.text_shapes), with --paged also through a rendered PDF; a title is right
when it equals the expected one (spaces, case and outer quotes aside), a summary when it opens
with the expected words. Synthetic texts, never corpus documents: a probe points to a structure.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bench.probe_papers import PAPERS
from bench.text_shapes import flat, paragraphs
from fetcher.model import ParsedDocument
from fetcher.parse import parse_text

EXPECTED = Path(__file__).parent / "probe_titles.json"
_SUMMARY_CHARS = 60  # the summary's opening compared


def _norm(text: str | None) -> str:
    text = re.sub(r"\s+", " ", (text or "").replace("\u00ad", "")).strip()
    return text.strip('„“"').casefold()


def main() -> None:
    """Print titles and summaries right per shape; -v lists the misses."""
    want = json.loads(EXPECTED.read_text())
    shapes: dict[str, Callable[[str], ParsedDocument]] = {
        "text": parse_text,
        "flat": lambda text: parse_text(flat(text)),
        "para": lambda text: parse_text(paragraphs(text)),
    }
    if "--paged" in sys.argv:
        from bench.parse_accuracy import via_pdf

        shapes["paged"] = via_pdf("paged")
    titles = dict.fromkeys(shapes, 0)
    summaries = dict.fromkeys(shapes, 0)
    summarised = sum(1 for w in want.values() if w["summary"])
    for name, expected in want.items():
        text = (PAPERS / f"{name}.txt").read_text()
        for shape, parse in shapes.items():
            parsed = parse(text)
            title_right = _norm(parsed.title) == _norm(expected["title"])
            titles[shape] += title_right
            summary_right = True
            if expected["summary"]:
                opening = _norm(expected["summary"])[:_SUMMARY_CHARS]
                summary_right = _norm(parsed.summary).startswith(opening)
                summaries[shape] += summary_right
            if "-v" in sys.argv and not (title_right and summary_right):
                print(f"{name} {shape}: title={parsed.title!r} summary={parsed.summary!r:.80}")
    print("| shape | titles right | summaries right |")
    print("|---|---:|---:|")
    for shape in shapes:
        print(f"| {shape} | {titles[shape]} of {len(want)} | {summaries[shape]} of {summarised} |")


if __name__ == "__main__":
    main()
