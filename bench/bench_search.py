"""Search benchmark (I/O): p50/p95 of /suche-style queries on SQLite and PostgreSQL; markdown out.

    .venv/bin/python -m bench.bench_search --quick              # 2k papers, SQLite (+PG if set)
    .venv/bin/python -m bench.bench_search --sizes 10000,100000
    RATSBOT_TEST_POSTGRES_URL=postgres://… adds PostgreSQL (a throw-away database is created).

The corpus recombines real fixture texts (Karlsruhe OParl papers and their extracted PDF texts,
Leipzig ALLRIS texts): titles, question sentences and 2–4 body paragraphs drawn at random, with
dates spread over 2010–2026 and 25 Kommunen. No timing is asserted anywhere; this prints numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage import search
from storage.db import close_db, open_db
from storage.query import parse_query

SHARED = Path(os.environ.get("RATSBOT_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
FIXTURES = SHARED / "fixtures"
KOMMUNEN = [f"Kommune {n:02d}" for n in range(24)] + ["Leipzig"]
QUERIES = {
    "single word": "Radweg",
    "two words": "Schule Sanierung",
    "phrase": '"Tempo 30"',
    "filter Kommune": "Kita kommune:Leipzig",
    "rare term": "Hubschrauber",
    "very common term": "Stadt",
    "Aktenzeichen": "2019/0395",
    "very common + Kommune": "Stadt kommune:Leipzig",
    "very common + typ/seit": "Stadt typ:Anfrage seit:2024-01-01",
}
RUNS = 30
KINDS = ["Anfrage", "Antwort", "Antrag", "Vorlage", "Informationsvorlage"]


@dataclass
class Pool:
    """Real texts to recombine."""

    titles: list[str]
    questions: list[str]
    paragraphs: list[str]


def load_pool() -> Pool:
    """Read titles, question sentences and paragraphs from the shared fixtures."""
    titles, paragraphs = [], []
    karlsruhe = FIXTURES / "oparl" / "karlsruhe"
    for path in sorted((karlsruhe / "papers").glob("*.json")):
        titles.append(json.loads(path.read_text("utf-8"))["name"])
    for path in sorted((karlsruhe / "file-contents").glob("*.txt")):
        text = path.read_text("utf-8").replace("\x00", "")
        paragraphs += [p.strip() for p in text.split("\n \n") if len(p.strip()) > 200]
    leipzig = FIXTURES / "texts" / "leipzig" / "stadtratmonitor-input.json"
    for raw in json.loads(leipzig.read_text("utf-8")):
        titles.append(raw["name"])
        paragraphs += [p.strip() for p in raw["content"].split("\n \n") if len(p.strip()) > 200]
    questions = [
        s.strip() + "?"
        for p in paragraphs
        for s in p.replace("\n", " ").split("?")[:-1]
        if 30 < len(s.strip()) < 300
    ]
    return Pool(titles, questions, [p[:1500] for p in paragraphs])


def paper_rows(pool: Pool, n: int, seed: int = 7) -> list[tuple[object, ...]]:
    """Return n synthetic rows (kommune index, title, kind, date, questions, text, reference)."""
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    rows = []
    for i in range(n):
        body = "\n".join(rng.sample(pool.paragraphs, rng.randint(2, 4)))
        questions = rng.sample(pool.questions, rng.randint(0, 4))
        rows.append(
            (
                rng.randrange(len(KOMMUNEN)),
                rng.choice(pool.titles),
                rng.choice(KINDS),
                start + timedelta(days=rng.randrange(6000)),
                json.dumps(questions, ensure_ascii=False),
                body,
                "2019/0395" if i == n // 2 else f"B{i}/{rng.randrange(2010, 2027)}",
            )
        )
    return rows


async def _insert(rows: list[tuple[object, ...]]) -> None:
    from storage.models import Kommune, Paper

    kommunen = [
        await Kommune.create(oparl_id=f"k{n}", name=name, slug=f"k{n}")
        for n, name in enumerate(KOMMUNEN)
    ]
    batch = []
    for i, (k, title, kind, day, questions, body, ref) in enumerate(rows):
        batch.append(
            Paper(
                oparl_id=f"p{i}",
                kommune=kommunen[int(str(k))],
                title=title,
                kind=kind,
                date=day,
                questions=json.loads(str(questions)),
                full_text=body,
                reference=ref,
                reference_key=ref,
            )
        )
        if len(batch) == 2000:
            await Paper.bulk_create(batch)
            batch = []
    if batch:
        await Paper.bulk_create(batch)


async def _db_size(url: str, pg: bool) -> int:
    if not pg:
        path = Path(url[len("sqlite://") :])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    from tortoise.connection import get_connection

    rows = await get_connection("default").execute_query_dict(
        "SELECT pg_database_size(current_database()) AS n"
    )
    return int(rows[0]["n"])


async def bench_one(url: str, pool: Pool, n: int, pg: bool) -> dict[str, object]:
    """Build a corpus of n papers at url, index it, time the queries; return the figures."""
    await open_db(url)
    try:
        rows = paper_rows(pool, n)
        t0 = time.perf_counter()
        await _insert(rows)
        t1 = time.perf_counter()
        await search.reindex_all()
        t2 = time.perf_counter()
        if pg:
            from tortoise.connection import get_connection

            await get_connection("default").execute_script("ANALYZE")
        size = await _db_size(url, pg)
        timings: dict[str, tuple[float, float, int]] = {}
        for label, text in QUERIES.items():
            query = parse_query(text)
            result = await search.search(query)  # warm-up
            samples = []
            for _ in range(RUNS):
                s = time.perf_counter()
                await search.search(query)
                samples.append((time.perf_counter() - s) * 1000)
            samples.sort()
            p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
            timings[label] = (statistics.median(samples), p95, result.total)
        return {"insert_s": t1 - t0, "index_s": t2 - t1, "size": size, "timings": timings}
    finally:
        await close_db()


def _pg_url(base: str, name: str) -> str:
    return urlunsplit(urlsplit(base)._replace(path="/" + name))


async def run(sizes: list[int], backends: list[str]) -> str:
    """Run the benchmark; return a markdown report."""
    pool = load_pool()
    out = [
        "## Search benchmark",
        "",
        f"Corpus: recombined real fixture texts ({len(pool.titles)} titles, "
        f"{len(pool.paragraphs)} paragraphs, {len(pool.questions)} question sentences); "
        f"{len(KOMMUNEN)} Kommunen; {RUNS} runs per query, limit 10, total counted up to "
        f"{search.MAX_COUNT}, the newest {search.RANK_CAP} matches ranked.",
        "",
    ]
    for backend in backends:
        for n in sizes:
            if backend == "sqlite":
                tmp = tempfile.mkdtemp(prefix="ratsbot-bench-")
                url = f"sqlite://{tmp}/bench.sqlite3"
                figures = await bench_one(url, pool, n, pg=False)
            else:
                import asyncpg

                base = os.environ["RATSBOT_TEST_POSTGRES_URL"]
                name = "bench_" + uuid.uuid4().hex[:8]
                admin = await asyncpg.connect(_pg_url(base, "postgres"))
                await admin.execute(f'CREATE DATABASE "{name}"')
                try:
                    figures = await bench_one(_pg_url(base, name), pool, n, pg=True)
                finally:
                    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    await admin.close()
            per_100k = 100_000 / n
            out += [
                f"### {backend}, {n:,} papers",
                "",
                f"insert {figures['insert_s']:.1f} s, index build {figures['index_s']:.1f} s "
                f"({figures['index_s'] * per_100k:.0f} s per 100k), DB size "
                f"{figures['size'] / 1e6:.0f} MB ({figures['size'] * per_100k / 1e6:.0f} MB "
                "per 100k)",
                "",
                "| query | text | p50 ms | p95 ms | total |",
                "|---|---|---:|---:|---:|",
            ]
            timings = figures["timings"]
            assert isinstance(timings, dict)
            for label, (p50, p95, total) in timings.items():
                out.append(f"| {label} | `{QUERIES[label]}` | {p50:.1f} | {p95:.1f} | {total} |")
            out.append("")
            print("\n".join(out[-len(timings) - 7 :]), file=sys.stderr)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="2k papers only (CI)")
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args(argv)
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",")]
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and not os.environ.get("RATSBOT_TEST_POSTGRES_URL"):
        print("no RATSBOT_TEST_POSTGRES_URL: PostgreSQL skipped", file=sys.stderr)
        backends.remove("postgres")
    print(asyncio.run(run(sizes, backends)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
