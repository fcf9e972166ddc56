""" "Meinten Sie …?" benchmark (I/O): vocabulary build time and suggestion latency; markdown out.

    .venv/bin/python -m bench.bench_vocabulary --sizes 100000 --backends sqlite --keep DIR
    .ci/with-postgres .venv/bin/python -m bench.bench_vocabulary --sizes 100000 --backends postgres

Same corpus as bench/bench_search.py (recombined real fixture texts, `--keep` reuses its SQLite
files). Times `rebuild_vocabulary` (the copy of the index's stems, done once and then hourly in
the background) and `suggest` for misspelt queries (vocabulary lookup, edit distances, the
searches that find how the word is written and how many papers the corrected query finds).
CPU: this process's CPU time (SQLite runs inside it; PostgreSQL's work is in the server and not
counted). No timing is asserted anywhere; this prints numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_search import _p95, _pg_url
from bench.search_corpus import MemoStems, insert_papers, load_pool, paper_rows
from storage import search
from storage.db import close_db, open_db
from storage.query import parse_query
from storage.search.vocabulary import near_terms, rebuild_vocabulary, suggest

TYPOS = ("Schuhle", "Radwek", "Kindergartn", "Haushallt", "Verkehrsberuhigung Schuhle", "Zzzyxq")
RUNS = 20


async def _build(n: int, pg: bool) -> None:
    pool = load_pool()
    await insert_papers(paper_rows(pool, n), pg)
    await search.reindex_all(entries_of=MemoStems().entries)


async def bench_one(url: str, n: int, pg: bool, build: bool) -> list[str]:
    """Build (or reuse) a corpus at url, time the vocabulary; return markdown lines."""
    await open_db(url)
    try:
        if build:
            await _build(n, pg)
        start = time.perf_counter()
        terms = await rebuild_vocabulary()
        build_s = time.perf_counter() - start
        lines = [
            f"### {'PostgreSQL' if pg else 'SQLite'}, {n:,} papers",
            "",
            f"vocabulary: {terms:,} stems in ≥ 2 papers, built in {build_s:.1f} s",
            "",
            "| query | suggestion | lookup p50 ms | suggest p50 ms | p95 ms | CPU p50 | CPU p95 |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for text in TYPOS:
            query = parse_query(text)
            found = (await search.search(query, limit=1)).total
            suggestion = await suggest(query, found)  # warm-up
            lookups, suggests, cpu = [], [], []
            for _ in range(RUNS):
                s = time.perf_counter()
                for stem in query.terms:
                    await near_terms(stem)
                lookups.append((time.perf_counter() - s) * 1000)
                s, c = time.perf_counter(), time.process_time()
                await suggest(query, found)
                suggests.append((time.perf_counter() - s) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            suggests.sort()
            cpu.sort()
            shown = suggestion.text if suggestion else "–"
            lines.append(
                f"| `{text}` | {shown} | {statistics.median(lookups):.1f} "
                f"| {statistics.median(suggests):.1f} | {_p95(suggests):.1f} "
                f"| {statistics.median(cpu):.1f} | {_p95(cpu):.1f} |"
            )
        print("\n".join(lines), file=sys.stderr)
        return [*lines, ""]
    finally:
        await close_db()


async def run(sizes: list[int], backends: list[str], keep: Path | None) -> str:
    """Run the benchmark; return a markdown report."""
    out = ["## “Meinten Sie …?” benchmark", ""]
    for backend in backends:
        for n in sizes:
            if backend == "sqlite":
                with tempfile.TemporaryDirectory(prefix="ratsbot-bench-") as tmp:
                    path = (keep or Path(tmp)) / f"bench-{n}.sqlite3"
                    out += await bench_one(f"sqlite://{path}", n, False, not path.exists())
                continue
            import asyncpg

            base = os.environ["RATSBOT_TEST_POSTGRES_URL"]
            name = "bench_" + uuid.uuid4().hex[:8]
            admin = await asyncpg.connect(_pg_url(base, "postgres"))
            await admin.execute(f'CREATE DATABASE "{name}"')
            try:
                out += await bench_one(_pg_url(base, name), n, True, True)
            finally:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await admin.close()
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100000", help="comma-separated corpus sizes")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep SQLite corpora in DIR and reuse them"
    )
    args = parser.parse_args(argv)
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and not os.environ.get("RATSBOT_TEST_POSTGRES_URL"):
        print("no RATSBOT_TEST_POSTGRES_URL: PostgreSQL skipped", file=sys.stderr)
        backends.remove("postgres")
    sizes = [int(s) for s in args.sizes.split(",")]
    print(asyncio.run(run(sizes, backends, args.keep)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
