"""Search benchmark (I/O): p50/p95 of /suche-style queries on SQLite and PostgreSQL; markdown out.

    .venv/bin/python -m bench.bench_search --quick              # 2k papers, SQLite (+PG if set)
    .venv/bin/python -m bench.bench_search --sizes 10000,100000
    RATSBOT_TEST_POSTGRES_URL=postgres://… adds PostgreSQL (a throw-away database is created).

The corpus (`bench/search_corpus.py`) recombines real fixture texts, with factions as in a
council. The build inserts papers in bulk and then
builds the index, stemming in a process pool (`--workers`). No timing is asserted anywhere; this
prints numbers.
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import storage.db
from bench.search_corpus import (
    KOMMUNEN,
    MemoStems,
    Pool,
    insert_papers,
    load_pool,
    paper_rows,
)
from bench.server_cpu import server_cpu_ms, server_pids
from storage import search
from storage.db import close_db, open_db
from storage.query import QueryError, parse_query

QUERIES = {
    "single word": "Radweg",
    "two words": "Schule Sanierung",
    "three words": "Stadt Antrag Verwaltung",
    "four words": "Schule Sanierung Kosten Stadtrat",
    "six words": "Radweg Sicherheit Kreuzung Ampel Verkehr Stadt",
    "phrase": '"Tempo 30"',
    "rare term": "Hubschrauber",
    "very common term": "Stadt",
    "Aktenzeichen": "2019/0395",
    "filter Kommune": "Kita kommune:Leipzig",
    "very common + Kommune": "Stadt kommune:Leipzig",
    "very common + typ/seit": "Stadt typ:Anfrage seit:2024-01-01",
    "prefix, short": "Sta*",
    "prefix, long": "Schul*",
    "prefix, longer": "Radverkehr*",
    "faction common + word": "Stadt fraktion:Grüne",
    "faction common only": "fraktion:Grüne",
    "faction rare + word": "Stadt fraktion:Piraten",
    "faction rare only": "fraktion:Piraten",
    "faction absent + word": "Schule fraktion:Tierschutzpartei",
    "faction absent only": "fraktion:Tierschutzpartei",
    "filters only": "kommune:Leipzig typ:Anfrage",
    "misspelt": "Schuhle Sanirung",
    "negation": "Stadt -Radweg",
    "negation, rare": "Kita -Neureut",
}
RUNS = 30
# PostgreSQL: the server's CPU p50/p95 per query label of the last _time_queries run.
SERVER_CPU: dict[str, tuple[float, float]] = {}


async def _db_size(url: str, pg: bool) -> int:
    if not pg:
        path = Path(url[len("sqlite://") :])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    from tortoise.connection import get_connection

    rows = await get_connection("default").execute_query_dict(
        "SELECT pg_database_size(current_database()) AS n"
    )
    return int(rows[0]["n"])


async def _time_queries(
    pg: bool = False,
) -> tuple[dict[str, tuple[float, float, float, float, int | str]], dict[str, tuple[float, float]]]:
    """Time every query RUNS times after a warm-up; return (timings, first-5/later p50).

    On PostgreSQL `first_later` also holds the server's CPU p50/p95 per query (its backends'
    CPU time, when the server runs on this machine): the work a query costs there, which an
    idle machine would show as wall time."""
    timings: dict[str, tuple[float, float, float, float, int | str]] = {}
    first_later: dict[str, tuple[float, float]] = {}
    SERVER_CPU.clear()
    for label, text in QUERIES.items():
        try:
            query = parse_query(text)
        except QueryError as exc:  # a shape the bot answers with a hint
            timings[label] = (0.0, 0.0, 0.0, 0.0, str(exc))
            continue
        samples, cpu, server = [], [], []
        pids = await server_pids(pg)
        for run in range(RUNS + 1):  # the first is the warm-up: not in p50/p95
            if run == 1:  # the warm-up may have opened another pooled connection
                pids = await server_pids(pg)
            before = server_cpu_ms(pids)
            s, c = time.perf_counter(), time.process_time()
            result = await search.search(query)
            samples.append((time.perf_counter() - s) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            server.append(server_cpu_ms(pids) - before)
        # The first 5 executions of a prepared statement on PostgreSQL (custom plans unless
        # plan_cache_mode says otherwise) against the later ones.
        first_later[label] = (statistics.median(samples[:5]), statistics.median(samples[5:]))
        server = sorted(server[1:])
        if pg and server[-1] > 0:
            SERVER_CPU[label] = (statistics.median(server), _p95(server))
        samples, cpu = sorted(samples[1:]), sorted(cpu[1:])
        timings[label] = (
            statistics.median(samples),
            _p95(samples),
            statistics.median(cpu),
            _p95(cpu),
            result.total,
        )
    return timings, first_later


async def bench_one(
    url: str,
    pool: Pool,
    n: int,
    pg: bool,
    workers: int,
    build: bool = True,
    memo: bool = False,
    compare_mode: str | None = None,
) -> dict[str, object]:
    """Build a corpus of n papers at url, index it, time the queries; return the figures."""
    await open_db(url, timeout_s=600)
    try:
        t0 = t1 = t2 = time.perf_counter()
        if build:
            rows = paper_rows(pool, n)
            t0 = time.perf_counter()
            await insert_papers(rows, pg)
            del rows
            t1 = time.perf_counter()
            if memo:
                stems = MemoStems()
                from tortoise.connection import get_connection

                sample = await get_connection("default").execute_query_dict(
                    "SELECT * FROM paper ORDER BY id LIMIT 300"
                )
                stems.check(sample)
                await search.reindex_all(entries_of=stems.entries)
            else:
                with ProcessPoolExecutor(workers) as executor:
                    await search.reindex_all(executor, workers)
            t2 = time.perf_counter()
        if pg:
            from tortoise.connection import get_connection

            await get_connection("default").execute_script("ANALYZE")
        load = "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        size = await _db_size(url, pg)
        footprint = await pg_footprint() if pg else []
        timings, first_later = await _time_queries(pg)
        server_cpu = dict(SERVER_CPU)
        compare = None
        if pg and compare_mode:
            await close_db()
            _set_plan_cache_mode(compare_mode)
            try:
                await open_db(url, apply_migrations=False, timeout_s=600)
                compare = (compare_mode, *(await _time_queries(pg)))
            finally:
                _set_plan_cache_mode(None)
        return {
            "insert_s": t1 - t0,
            "load": load,
            "index_s": t2 - t1,
            "size": size,
            "timings": timings,
            "first_later": first_later,
            "compare": compare,
            "server_cpu": server_cpu,
            "footprint": footprint,
        }
    finally:
        await close_db()


def sqlite_footprint(path: Path) -> list[tuple[str, float]]:
    """Return (part, bytes per paper) of an SQLite corpus: tables and indexes by dbstat, the paper
    table split by column (sum of column lengths, the rest is row overhead)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        papers = conn.execute("SELECT count(*) FROM paper").fetchone()[0] or 1
        sizes = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
        columns = {
            name: conn.execute(f"SELECT sum(length(CAST({name} AS BLOB))) FROM paper").fetchone()[0]
            or 0
            for name in ("full_text", "title", "questions", "factions", "submitters", "extra")
        }
    finally:
        conn.close()
    parts = [
        ("FTS5 index (paper_fts_data: doclists, prefix indexes)", sizes.get("paper_fts_data", 0)),
        ("FTS5 stored stems (paper_fts_content)", sizes.get("paper_fts_content", 0)),
        ("FTS5 document sizes (paper_fts_docsize)", sizes.get("paper_fts_docsize", 0)),
        (
            "FTS5 rest (paper_fts_idx, paper_fts_key)",
            sizes.get("paper_fts_idx", 0) + sizes.get("paper_fts_key", 0),
        ),
        ("paper: full text", columns["full_text"]),
        ("paper: questions JSON", columns["questions"]),
        (
            "paper: title, factions, submitters, extra JSON",
            columns["title"] + columns["factions"] + columns["submitters"] + columns["extra"],
        ),
        ("paper: other columns and page overhead", sizes.get("paper", 0) - sum(columns.values())),
        (
            "paper indexes",
            sum(
                v
                for k, v in sizes.items()
                if k.startswith("sqlite_autoindex_paper") or k.startswith("idx_paper")
            ),
        ),
    ]
    return [(name, size / papers) for name, size in parts]


async def pg_footprint() -> list[tuple[str, float]]:
    """Return (part, bytes per paper) of the open PostgreSQL corpus (tables, TOAST, indexes)."""
    from tortoise.connection import get_connection

    conn = get_connection("default")
    rows = await conn.execute_query_dict(
        "SELECT (SELECT count(*) FROM paper) AS papers, "
        "pg_table_size('paper_search') AS search_table, "
        "(SELECT sum(pg_column_size(tsv)) FROM paper_search) AS tsv, "
        "pg_relation_size('paper_search_tsv') AS gin, "
        "pg_relation_size('paper_search_factions') AS factions_gin, "
        "pg_indexes_size('paper_search') AS search_indexes, "
        "pg_table_size('paper') AS paper_table, "
        "(SELECT sum(pg_column_size(full_text)) FROM paper) AS full_text, "
        "(SELECT sum(pg_column_size(questions)) FROM paper) AS questions, "
        "pg_indexes_size('paper') AS paper_indexes"
    )
    r = {k: int(v or 0) for k, v in rows[0].items()}
    papers = max(1, r["papers"])
    parts = [
        ("paper_search: tsvector (stored stems with positions)", r["tsv"]),
        ("paper_search: other columns and page overhead", r["search_table"] - r["tsv"]),
        ("GIN index on tsv", r["gin"]),
        ("GIN index on factions", r["factions_gin"]),
        (
            "paper_search: btree indexes",
            r["search_indexes"] - r["gin"] - r["factions_gin"],
        ),
        ("paper: full text (compressed)", r["full_text"]),
        ("paper: questions JSON", r["questions"]),
        (
            "paper: other columns and page overhead",
            r["paper_table"] - r["full_text"] - r["questions"],
        ),
        ("paper indexes", r["paper_indexes"]),
    ]
    return [(name, size / papers) for name, size in parts]


def _p95(sorted_ms: list[float]) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * 0.95))]


def _pg_url(base: str, name: str) -> str:
    return urlunsplit(urlsplit(base)._replace(path="/" + name))


async def run(
    sizes: list[int],
    backends: list[str],
    workers: int = 2,
    keep: Path | None = None,
    memo: bool = False,
    compare_mode: str | None = None,
    pg_keep: str | None = None,
) -> str:
    """Run the benchmark; return a markdown report."""
    pool = load_pool()
    out = [
        "## Search benchmark",
        "",
        f"Corpus: recombined real fixture texts ({len(pool.titles)} titles, "
        f"{len(pool.paragraphs)} paragraphs, {len(pool.questions)} question sentences); "
        f"{len(KOMMUNEN)} Kommunen; {RUNS} runs per query, limit 10, total counted up to "
        f"{search.MAX_COUNT}, the newest {search.RANK_CAP} matches ranked. CPU: this process's "
        "CPU time per query (SQLite runs inside it; PostgreSQL's work is in the server and not "
        "counted), the figure that holds on a shared, loaded machine.",
        "",
    ]
    for backend in backends:
        for n in sizes:
            footprint: list[tuple[str, float]] = []
            if backend == "sqlite" and keep is not None:
                # A kept corpus is built once and then only queried (same seed, same papers).
                path = keep / f"bench-{n}.sqlite3"
                build = not path.exists()
                figures = await bench_one(
                    f"sqlite://{path}", pool, n, pg=False, workers=workers, build=build, memo=memo
                )
                footprint = sqlite_footprint(path)
            elif backend == "sqlite":
                with tempfile.TemporaryDirectory(prefix="ratsbot-bench-") as tmp:
                    url = f"sqlite://{tmp}/bench.sqlite3"
                    figures = await bench_one(url, pool, n, pg=False, workers=workers, memo=memo)
            else:
                import asyncpg

                base = os.environ["RATSBOT_TEST_POSTGRES_URL"]
                name = f"{pg_keep}_{n}" if pg_keep else "bench_" + uuid.uuid4().hex[:8]
                admin = await asyncpg.connect(_pg_url(base, "postgres"))
                # A kept database (--pg-keep) is built once and then only queried.
                build = not await admin.fetchval(
                    "SELECT 1 FROM pg_database WHERE datname = $1", name
                )
                if build:
                    await admin.execute(f'CREATE DATABASE "{name}"')
                try:
                    figures = await bench_one(
                        _pg_url(base, name),
                        pool,
                        n,
                        pg=True,
                        workers=workers,
                        build=build,
                        memo=memo,
                        compare_mode=compare_mode,
                    )
                finally:
                    if not pg_keep:
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
                f"load before the queries: {figures['load']}",
                "",
                "| query | text | p50 ms | p95 ms | CPU p50 | CPU p95 | total "
                "| first 5 p50 | later p50 |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|",
            ]
            timings = figures["timings"]
            first_later = figures["first_later"]
            server_cpu = figures.get("server_cpu") or {}
            assert isinstance(server_cpu, dict)
            if server_cpu:
                out[-2] += " server CPU p50 | server CPU p95 |"
                out[-1] += "---:|---:|"
            assert isinstance(timings, dict)
            assert isinstance(first_later, dict)
            for label, (p50, p95, c50, c95, total) in timings.items():
                if isinstance(total, str):  # refused with a hint, no search runs
                    out.append(f"| {label} | `{QUERIES[label]}` | – | – | – | – | {total} | | |")
                else:
                    f5, later = first_later[label]
                    row = (
                        f"| {label} | `{QUERIES[label]}` | {p50:.1f} | {p95:.1f} | {c50:.1f} "
                        f"| {c95:.1f} | {total} | {f5:.1f} | {later:.1f} |"
                    )
                    if server_cpu:
                        s50, s95 = server_cpu.get(label, (0.0, 0.0))
                        row += f" {s50:.1f} | {s95:.1f} |"
                    out.append(row)
            out.append("")
            compared = figures.get("compare")
            if isinstance(compared, tuple):
                mode, other, other_first = compared
                out += [
                    f"The same queries on new connections with plan_cache_mode={mode} (first 5 "
                    "executions of each statement vs later ones):",
                    "",
                    "| query | p50 ms | p95 ms | first 5 p50 | later p50 |",
                    "|---|---:|---:|---:|---:|",
                ]
                for label, (p50, p95, _c50, _c95, total) in other.items():
                    if not isinstance(total, str):
                        f5, later = other_first[label]
                        out.append(f"| {label} | {p50:.1f} | {p95:.1f} | {f5:.1f} | {later:.1f} |")
                out.append("")
            footprint = footprint or figures["footprint"]  # type: ignore[assignment]
            if footprint:
                out += ["| part | bytes per paper |", "|---|---:|"]
                out += [f"| {name} | {size:,.0f} |" for name, size in footprint]
                out.append(f"| total | {sum(size for _, size in footprint):,.0f} |")
                out.append("")
            print("\n".join(out[-len(timings) - 20 :]), file=sys.stderr)
    return "\n".join(out)


_PRODUCT_CONFIG = storage.db.tortoise_config


def _set_plan_cache_mode(mode: str | None) -> None:
    """Make storage.db open PostgreSQL with another plan_cache_mode (None: the product's)."""
    if mode is None:
        storage.db.tortoise_config = _PRODUCT_CONFIG
        return

    def config(url: str) -> dict[str, Any]:
        conf = _PRODUCT_CONFIG(url)
        connection = conf["connections"]["default"]  # PostgreSQL: a dict with server_settings
        if isinstance(connection, dict):
            settings = connection["credentials"].setdefault("server_settings", {})
            settings["plan_cache_mode"] = mode
        return conf

    storage.db.tortoise_config = config


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="2k papers only (CI)")
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=2, help="stemming processes")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep SQLite corpora in DIR and reuse them"
    )
    parser.add_argument(
        "--memo-stems",
        action="store_true",
        help="stem each recombined fixture text once (checked against the product; for 1M)",
    )
    parser.add_argument(
        "--plan-cache-mode",
        help="PostgreSQL plan_cache_mode for the search connection (default: the product's)",
    )
    parser.add_argument(
        "--compare-plan-cache-mode",
        metavar="MODE",
        help="PostgreSQL: time the queries a second time on connections with this mode",
    )
    parser.add_argument(
        "--pg-keep",
        metavar="NAME",
        help="PostgreSQL: keep the corpus in database NAME_<size> and reuse it (not dropped)",
    )
    parser.add_argument("--only", help="semicolon-separated query labels to time (default: all)")
    args = parser.parse_args(argv)
    if args.only:
        wanted = {label.strip() for label in args.only.split(";")}
        for label in [label for label in QUERIES if label not in wanted]:
            del QUERIES[label]
    if args.plan_cache_mode:
        _set_plan_cache_mode(args.plan_cache_mode)
    compare = args.compare_plan_cache_mode
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",")]
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and not os.environ.get("RATSBOT_TEST_POSTGRES_URL"):
        print("no RATSBOT_TEST_POSTGRES_URL: PostgreSQL skipped", file=sys.stderr)
        backends.remove("postgres")
    print(
        asyncio.run(
            run(sizes, backends, args.workers, args.keep, args.memo_stems, compare, args.pg_keep)
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
