""" "Wurde das schon gefragt?": precision and recall of storage/topic_match.py on labelled pairs.

    .venv/bin/python -m bench.bench_asked_before            # markdown table for docs/benchmarks.md
    .venv/bin/python -m bench.bench_asked_before --dump     # candidate pairs to label (TSV)

Stores every Karlsruhe fixture paper (OParl JSON and its extracted inquiry text, parsed by the
real parser) and the Leipzig stadtratmonitor papers in a fresh SQLite database, asks
storage.earlier_inquiries for every paper with a low bar, and compares with
bench/asked_before_labels.tsv: pairs (new paper, earlier paper) judged by a person from titles
and questions, "1" same topic, "0" not. The labelled set is every pair scoring ≥ 0.15 with ≥ 2
shared terms plus the pairs where a Karlsruhe inquiry cites an earlier one by reference.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fetcher import model
from fetcher.oparl import paper_from_json
from fetcher.parse import parse_text
from storage.db import close_db, open_db
from storage.earlier_inquiries import earlier_inquiries
from storage.models import Kommune, Paper
from storage.records import apply_parsed, upsert_paper
from storage.topic_match import MIN_SCORE, MIN_SHARED

SHARED = Path(os.environ.get("RATSBOT_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
KARLSRUHE = SHARED / "fixtures" / "oparl" / "karlsruhe"
LEIPZIG = SHARED / "fixtures" / "texts" / "leipzig" / "stadtratmonitor-input.json"
LABELS = Path(__file__).with_name("asked_before_labels.tsv")
DUMP_SCORE, DUMP_SHARED = 0.15, 2
# Leipzig's stadtratmonitor set holds 3 inquiries but 297 budget amendments (Ortschaftsräte ask
# for toilets, bus stop bins, …): the scorer is the same, so its amendments are pairs too.
LEIPZIG_KINDS = ("Antrag", "sonstiges", "Anfrage")


async def _store_karlsruhe() -> None:
    kommune = await Kommune.create(
        oparl_id=str(KARLSRUHE), name="Stadt Karlsruhe", slug="karlsruhe"
    )
    for path in sorted((KARLSRUHE / "papers").glob("*.json")):
        paper = paper_from_json(json.loads(path.read_text("utf-8")))
        change = await upsert_paper(kommune, paper)
        if paper.main_file is None:
            continue
        text_path = (
            KARLSRUHE / "file-contents" / f"{paper.main_file.oparl_id.rsplit('/', 1)[1]}.txt"
        )
        if text_path.exists():
            parsed = parse_text(text_path.read_text("utf-8"))
            await apply_parsed(change.paper_id, paper.main_file.oparl_id, parsed, sha256=None)


async def _store_leipzig() -> None:
    kommune = await Kommune.create(oparl_id=str(LEIPZIG), name="Stadt Leipzig", slug="leipzig")
    for record in json.loads(LEIPZIG.read_text("utf-8")):
        paper = model.Paper(
            oparl_id=record["url"],
            name=record["name"],
            reference=record["reference"],
            paper_type=record["paper_type"],
            date=date.fromisoformat(record["published_at"][:10]),
            web_url=record["url"],
        )
        change = await upsert_paper(kommune, paper)
        await apply_parsed(
            change.paper_id, f"{paper.oparl_id}#text", parse_text(record["content"]), sha256=None
        )


Pair = tuple[str, str, str, float, int, str]


async def candidate_pairs(min_score: float, min_shared: int) -> list[Pair]:
    """Return (slug, new reference, earlier reference, score, shared terms, titles) per match."""
    pairs = []
    rows = await Paper.filter(deleted=False, answer_to_id__isnull=True).select_related("kommune")
    for paper in sorted(rows, key=lambda p: p.id):
        kinds = ("Anfrage",) if paper.kommune.slug == "karlsruhe" else LEIPZIG_KINDS
        if paper.kind not in kinds:
            continue
        found = await earlier_inquiries(
            paper.id, limit=3, kinds=kinds, min_score=min_score, min_shared=min_shared
        )
        for match in found:
            titles = f"{paper.title[:70]} | {match.title[:70]}"
            pairs.append(
                (
                    paper.kommune.slug,
                    paper.reference or "",
                    match.reference or "",
                    match.score,
                    match.shared_terms,
                    titles,
                )
            )
    return pairs


def _labels() -> dict[tuple[str, str, str], bool]:
    labels = {}
    for line in LABELS.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        slug, new, old, same = line.split("\t")[:4]
        labels[(slug, new, old)] = same.strip() == "1"
    return labels


def evaluate(
    pairs: list[Pair], labels: dict[tuple[str, str, str], bool], min_score: float, min_shared: int
) -> tuple[int, int, int, int]:
    """Return (true positives, false positives, unlabelled shown, labelled positives)."""
    shown = {
        (slug, new, old)
        for slug, new, old, score, shared, _ in pairs
        if score >= min_score and shared >= min_shared
    }
    tp = sum(1 for key in shown if labels.get(key) is True)
    fp = sum(1 for key in shown if labels.get(key) is False)
    unlabelled = sum(1 for key in shown if key not in labels)
    positives = sum(1 for same in labels.values() if same)
    return tp, fp, unlabelled, positives


async def _pairs(path: Path) -> list[Pair]:
    fresh = not await asyncio.to_thread(path.exists)
    await open_db(f"sqlite://{path}")
    try:
        if fresh:
            await _store_karlsruhe()
            await _store_leipzig()
        return await candidate_pairs(DUMP_SCORE, DUMP_SHARED)
    finally:
        await close_db()


def report(pairs: list[Pair], labels: dict[tuple[str, str, str], bool]) -> str:
    """Return the markdown table: precision and recall per threshold."""
    lines = [
        "| min. score | min. shared terms | shown | same topic | other topic | not labelled "
        "| precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        for min_shared in (2, 3):
            tp, fp, unlabelled, positives = evaluate(pairs, labels, threshold, min_shared)
            precision = f"{tp / (tp + fp):.2f}" if tp + fp else "–"
            recall = f"{tp / positives:.2f}" if positives else "–"
            chosen = threshold == MIN_SCORE and min_shared == MIN_SHARED
            mark = " **chosen**" if chosen else ""
            lines.append(
                f"| {threshold:.2f}{mark} | {min_shared} | {tp + fp + unlabelled} | {tp} | {fp} "
                f"| {unlabelled} | {precision} | {recall} |"
            )
    return "\n".join(lines)


async def main(dump: bool, db: Path | None) -> None:
    if db is not None:
        pairs = await _pairs(db)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            pairs = await _pairs(Path(tmp) / "bench.sqlite3")
    if dump:
        for slug, new, old, score, shared, titles in pairs:
            print(f"{slug}\t{new}\t{old}\t?\t{score:.2f}\t{shared}\t{titles}")
        return
    print(report(pairs, _labels()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", action="store_true", help="print candidate pairs to label")
    parser.add_argument("--db", type=Path, help="keep the corpus in this SQLite file (reused)")
    args = parser.parse_args()
    asyncio.run(main(args.dump, args.db))
