"""Benchmark of subscription matching: one real paper vs 1k / 10k / 100k subscriptions. Pure CPU.

The subscriptions are a realistic mix: Kommunes drawn Zipf-like from 40 (a big city holds the
most subscribers), 35 % whole-Kommune, 30 % faction (the canonical table), 30 % keyword from
the words of the real Leipzig papers, 5 % keyword in every Kommune; kinds 60 % Anfrage, 15 %
alle, 15 % Antrag, 10 % Vorlage; about three subscriptions per chat. The paper is Leipzig's
VII-F-08613 (Die Linke, full PDF text) from the stadtratmonitor fixture. Goal: p95 < 20 ms at
100,000 subscriptions. The garbage collector stays on, as in the running bot: full collections
over a long-lived index are what made the tail (see `SubscriptionIndex`, which freezes it).

    .venv/bin/python -m bench.bench_match [--quick] [--rounds N]
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time

from bot.pipeline.matching import PaperFacts, SubscriptionIndex, matching_chats, paper_facts
from fetcher.factions import all_factions
from standins.fixtures import TEXT_FIXTURES
from storage.subscriptions import SubscriptionRow

SIZES = (1_000, 10_000, 100_000)
KOMMUNES = 40
LEIPZIG = 1


def _papers() -> list[dict[str, str]]:
    path = TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json"
    papers: list[dict[str, str]] = json.loads(path.read_text("utf-8"))
    return papers


def _vocabulary(papers: list[dict[str, str]]) -> list[str]:
    words = {w for p in papers for w in re.findall(r"[A-Za-zÄÖÜäöüß]{5,}", p["content"] or "")}
    return sorted(w for w in words if w[0].isupper())


def subscriptions(count: int, seed: int = 6) -> list[SubscriptionRow]:
    """Return `count` subscription rows in the mix described in the module docstring."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(_papers())
    factions = all_factions()
    kommunes = list(range(1, KOMMUNES + 1))
    weights = [1 / k for k in kommunes]
    rows: list[SubscriptionRow] = []
    for sub_id in range(1, count + 1):
        chat = 1 + sub_id // 3
        kind = rng.choices(("Anfrage", "alle", "Antrag", "Vorlage"), (60, 15, 15, 10))[0]
        kommune: int | None = rng.choices(kommunes, weights)[0]
        faction = keyword = None
        shape = rng.random()
        if shape < 0.35:
            pass
        elif shape < 0.65:
            faction = rng.choice(factions)
        else:
            keyword = rng.choice(vocabulary)
            if rng.random() < 0.1:
                keyword += " " + rng.choice(vocabulary)
            if shape >= 0.95:
                kommune = None
        rows.append(SubscriptionRow(sub_id, chat, kommune, faction, keyword, kind))
    return rows


def the_paper() -> tuple[PaperFacts, int]:
    """Return the facts of VII-F-08613 as the sync would store them, and its text length."""
    paper = next(p for p in _papers() if p["reference"] == "VII-F-08613")
    texts = [paper["name"], paper["content"]]
    facts = paper_facts(LEIPZIG, "Anfrage", ["Die Linke"], texts)
    return facts, sum(len(t) for t in texts)


def _percentile(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * share))]


def _timings_ms(
    index: SubscriptionIndex, paper: PaperFacts, rounds: int
) -> tuple[float, float, float, int]:
    """Return p50, p95, p99 of matching_chats in CPU ms and the number of matching chats.

    CPU time of this thread, not wall time: on a shared machine the wall-clock tail is other
    processes' scheduling, while a garbage-collection pass inside a call is CPU time of the call.
    """
    times: list[float] = []
    matches = 0
    for _ in range(rounds):
        start = time.thread_time()
        result = matching_chats(index, paper)
        times.append((time.thread_time() - start) * 1000)
        matches = len(result)
    times.sort()
    p50 = statistics.median(times)
    return p50, _percentile(times, 0.95), _percentile(times, 0.99), matches


def markdown_report(quick: bool = False, rounds: int | None = None) -> str:
    """Run the benchmark and return it as a markdown section."""
    rounds = rounds or (20 if quick else 1000)
    start = time.perf_counter()
    paper, chars = the_paper()
    facts_ms = (time.perf_counter() - start) * 1000
    lines = [
        "### Matching one paper against subscriptions",
        "",
        f"Paper: Leipzig VII-F-08613 ({len(paper.stems)} distinct stems incl. compound parts); "
        f"{rounds} runs of `matching_chats`, CPU time per call (`time.thread_time`), garbage "
        "collector on. Goal: p95 < 20 ms at 100,000.",
        "",
        "| subscriptions | index build | matching chats | p50 | p95 | p99 |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in SIZES:
        rows = subscriptions(size)
        t0 = time.perf_counter()
        index = SubscriptionIndex(rows)
        build_s = time.perf_counter() - t0
        p50, p95, p99, matches = _timings_ms(index, paper, rounds)
        lines.append(
            f"| {size:,} | {build_s * 1000:.0f} ms | {matches:,} | {p50:.2f} ms | {p95:.2f} ms "
            f"| {p99:.2f} ms |"
        )
        del index
    lines += [
        "",
        f"Building the paper's facts (stemming {chars:,} characters, cold caches): "
        f"{facts_ms:.1f} ms, once per paper.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    _rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else None
    print(markdown_report(quick="--quick" in sys.argv, rounds=_rounds))
