"""How SQLite ranks a text query (planning): which of its words count for relevance.

FTS5's bm25() computes each phrase's IDF by walking the phrase's whole doclist once per query, so
a word in most papers ("Stadt", "Antrag") costs time in proportion to the whole index, at 1M
papers more than the rest of the search. Yet bm25 clamps the IDF of a word in more than half of
the rows to 1e-6: such a word says nothing about relevance. So the ranking leaves it out:

- a word (stem) in more than COMMON_SHARE of the indexed papers narrows the matches (FTS5 walks
  its doclist lazily, newest first, and stops at the window) but is not scored;
- a prefix (`Schul*`) narrows but is not scored: its IDF would merge the doclists of every word it
  starts;
- the filter tokens (Kommune, kind, faction) narrow; their column weight is 0, so scoring them
  would add nothing.

The score is bm25 over the remaining words and phrases, which is the same function whichever
window of matches is ranked, so a capped search ranks its window exactly as the unbounded search
orders those papers. With no scored word left, the matches are shown newest first.

Document frequencies come from a per-database cache (COUNT … LIMIT, refreshed after
STATS_TTL_S): whether a word is in more than half of the papers changes slowly.

The window is the newest RANK_CAP matches, found by FTS5's walk of the words' doclists to the
last of them. When every word is dense (several words each in 10–40 % of the papers, none rare
enough to narrow by), that walk decodes their doclists over most of the index (four such words
at 1M papers: 35 ms to the 2,001st match). For such a query the window is the newest MAX_COUNT
matches (`window`): half the walk, the same total ("mehr als 1000" is counted by the same walk),
and the window still ranked exactly as the unbounded search orders those papers.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.query import SearchQuery
from storage.search import sqlite_rank
from storage.search.backend import MAX_COUNT
from storage.search.fts5_state import database_key

# A word in more than this share of the indexed papers is not scored (bm25's IDF of it is 1e-6).
COMMON_SHARE = 0.5
# Document frequencies and the row count are recounted after this many seconds.
STATS_TTL_S = 600.0
# Postings FTS5 is expected to decode per match of the window (the words' shares summed, divided
# by the share of papers holding all of them if they were independent) above which the window is
# narrowed to MAX_COUNT matches. Two words in 34 % and 14 % of the papers: 10; four in 12–38 %:
# several hundred (docs/benchmarks.md).
DENSE_WALK = 100.0


@dataclass
class _Stats:
    """Counts of one database's index: rows, and per stem whether it is common."""

    rows: int
    at: float
    common: dict[str, bool] = field(default_factory=dict)


_CACHE: dict[str, _Stats] = {}


def forget(conn: BaseDBAsyncClient) -> None:
    """Drop the cached counts of this database (after a rebuild)."""
    _CACHE.pop(database_key(conn), None)


async def _stats(conn: BaseDBAsyncClient) -> _Stats:
    key = database_key(conn)
    stats = _CACHE.get(key)
    now = time.monotonic()
    if stats is None or now - stats.at > STATS_TTL_S:
        stats = _Stats(await sqlite_rank.row_count(conn), now)
        _CACHE[key] = stats
    return stats


async def common_terms(conn: BaseDBAsyncClient, terms: Sequence[str]) -> set[str]:
    """Return the stems among `terms` that are in more than COMMON_SHARE of the indexed papers."""
    stats = await _stats(conn)
    limit = int(stats.rows * COMMON_SHARE)
    for term in terms:
        if term not in stats.common:
            # Counting stops past the limit: a common word costs half its doclist, once.
            rows = await conn.execute_query_dict(
                "SELECT count(*) AS n FROM (SELECT rowid FROM paper_fts "
                f"WHERE paper_fts MATCH ? LIMIT {limit + 1})",
                [f'"{term}"'],
            )
            stats.common[term] = int(rows[0]["n"]) > limit
    return {t for t in terms if stats.common[t]}


def rank_expression(query: SearchQuery, common: set[str]) -> str | None:
    """Return the FTS5 MATCH text of the words and phrases that are scored, None if none. Pure.

    Prefixes and common words are left out (see the module docstring); phrases always count.
    """
    scored = [f'"{t}"' for t in query.terms if t not in common]
    scored += ['{title questions body}: "' + " ".join(ph) + '"' for ph in query.phrases]
    return " AND ".join(scored) or None


def window(rank_cap: int, shares: Sequence[float]) -> int:
    """Return how many of the newest matches to rank: rank_cap, or MAX_COUNT when finding them
    means decoding more than DENSE_WALK postings a match of words with these shares of the
    papers (a word in no paper: nothing to walk). Pure."""
    if rank_cap <= MAX_COUNT or len(shares) < 2:
        return rank_cap
    narrowing = math.prod(shares)
    if narrowing <= 0.0 or sum(shares) / narrowing <= DENSE_WALK:
        return rank_cap
    return MAX_COUNT


async def planned_window(conn: BaseDBAsyncClient, query: SearchQuery, rank_cap: int) -> int:
    """Return how many of the newest matches of a query to rank (`window`): only a query of
    words is narrowed; a common word counts as in every paper (it does not narrow the walk)."""
    if query.phrases or query.prefixes or rank_cap <= MAX_COUNT or len(set(query.terms)) < 2:
        return rank_cap
    common = await common_terms(conn, query.terms)
    words = sorted({t for t in query.terms if t not in common})
    freqs = await sqlite_rank.doc_freqs(conn, words)
    rows = (await _stats(conn)).rows
    if not rows:
        return rank_cap
    shares = [1.0 if t in common else freqs[t] / rows for t in sorted(set(query.terms))]
    return window(rank_cap, shares)
