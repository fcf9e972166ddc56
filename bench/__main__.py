"""`make bench`: run the benchmarks and update docs/benchmarks.md (tables, commands, machine).

Each measured section replaces only its own blocks of the doc (same heading), with the command and
machine under its heading; every other block, hand-written notes included, stays as it is.

.venv/bin/python -m bench            # full run (PostgreSQL via .ci/with-postgres)
.venv/bin/python -m bench --quick    # tiny sizes, keeps the benchmarks from rotting
.venv/bin/python -m bench --only parse,match
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.doc_sections import splice_sections, with_provenance

ROOT = Path(__file__).resolve().parents[1]


def _parse(quick: bool) -> str:
    from bench import bench_parse

    return bench_parse.markdown_report(rounds=1 if quick else 5)


def _search(quick: bool) -> str:
    from bench import bench_search

    backends = ["sqlite"]
    if os.environ.get("RATSBOT_TEST_POSTGRES_URL"):
        backends.append("postgres")
    sizes = [2000] if quick else [10_000, 100_000, 1_000_000]
    if not quick and os.environ.get("RATSBOT_BENCH_SEARCH_SIZES"):
        sizes = [int(s) for s in os.environ["RATSBOT_BENCH_SEARCH_SIZES"].split(",")]
    return asyncio.run(bench_search.run(sizes, backends))


def _match(quick: bool) -> str:
    from bench import bench_match

    return bench_match.markdown_report(quick=quick)


def _fanout(quick: bool) -> str:
    from bench import bench_fanout

    return bench_fanout.markdown_report(quick=quick)


def _sync(quick: bool) -> str:
    from bench import bench_sync

    return bench_sync.markdown_report(quick=quick)


def _footprint(quick: bool) -> str:
    from bench import bench_footprint

    return bench_footprint.markdown_report(quick=quick)


def _push(quick: bool) -> str:
    from bench import bench_push

    return bench_push.markdown_report(quick=quick)


def _faults(quick: bool) -> str:
    from bench import bench_faults

    return bench_faults.markdown_report(quick=quick)


SECTIONS: dict[str, Callable[[bool], str]] = {
    "parse": _parse,
    "search": _search,
    "match": _match,
    "fanout": _fanout,
    "sync": _sync,
    "footprint": _footprint,
    "push": _push,
    "faults": _faults,
}


def machine_facts() -> str:
    """Return what this run ran on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}\n"
        f"- machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}\n"
        f"- load average at start: {load[0]:.1f} (the machines are shared: compare ratios within "
        "one run, not absolute numbers across runs)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks; update their sections of docs/benchmarks.md unless --quick."""
    parser = argparse.ArgumentParser(description="Run Ratsbot's benchmarks.")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (CI smoke run)")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(SECTIONS))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(SECTIONS)
    parts = []
    for name in names:
        started = time.perf_counter()
        print(f"bench: {name} …", file=sys.stderr)
        parts.append(SECTIONS[name](args.quick))
        print(f"bench: {name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    command = "make bench" if not args.quick else "python -m bench --quick"
    if args.only:
        command = f".venv/bin/python -m bench --only {args.only}" + (" --quick" * args.quick)
    if args.quick:
        print("\n\n".join(["# Benchmarks", f"Produced by `{command}`.", machine_facts(), *parts]))
        return 0
    note = f"Produced by `{command}`:\n{machine_facts()}"
    existing = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n"
    document = splice_sections(existing, [with_provenance(part, note) for part in parts])
    args.out.write_text(document, encoding="utf-8")
    print(f"bench: updated {', '.join(names)} in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
