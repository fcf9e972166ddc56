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

The window is the newest RANK_CAP matches, and bm25 ranks it after walking the whole doclist
of every scored word for its IDF (about 50 ns a posting). When every word of a plain query is
dense (each in more than RARE_SHARE of the papers) and those walks cost more than ranking
DENSE_WINDOW rows from their stored stems, the window is the newest DENSE_WINDOW matches
(`window`; fewer, down to MIN_WINDOW, when the walk to them through the dense doclists would
read more than WALK_POSTINGS postings), ranked from the stems with cached IDFs (exactly bm25's
order over that window); the older matches follow newest first, and the total is the words'
expected count (only when that is above MAX_COUNT: "mehr als 1000").

A query with filter tokens (Kommune, kind, faction) or a phrase is not estimated: its walk reads
up to MAX_COUNT + 1 matches, and only when it finds that many is the window the newest
DENSE_WINDOW of them, ranked from the stems (`counted_window`); the total is the walk's count.
bm25's statement would walk the filter tokens' and the phrase's whole doclists for their IDFs
(weight 0 or not) and score up to RANK_CAP rows.
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
# The window of a query of dense words whose IDF walks cost more than ranking it from the
# stored stems (`window`, docs/benchmarks.md).
DENSE_WINDOW = 300
# The postings the walk to the last match of such a window may read (about 50 ns each), and the
# smallest window that budget makes (docs/benchmarks.md, "Seventh round").
WALK_POSTINGS = 60_000
MIN_WINDOW = 100


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
    scored = [sqlite_rank.match_of(t) for t in query.terms if t not in common]
    scored += [sqlite_rank.match_of(ph) for ph in query.phrases]
    return " AND ".join(scored) or None


@dataclass(frozen=True)
class Window:
    """How many of the newest matches to rank; the expected number of matches when the window
    was narrowed by estimate (0 when it was not); and, when it is narrowed only if the walk
    finds more than that many matches, that number (`counted`; the walk counts them exactly up
    to one more; 0 when it is not)."""

    size: int
    expected: int = 0
    counted: int = 0


def window(rank_cap: int, rows: int, scored: Sequence[int], common: int) -> Window:
    """Return the window of a query of words: the document frequencies of its scored words among
    `rows` indexed papers, and how many common words (in more than COMMON_SHARE) it has. Pure.

    Narrowed to DENSE_WINDOW when the query has two words or more, every scored word is dense (in
    more than RARE_SHARE of the papers), their IDF walks would read more than POSTINGS_PER_ROW
    postings per row of that window, and the words together are expected in more than MAX_COUNT
    papers (were they independent, a common word in COMMON_SHARE of them; words of one topic
    meet more often than that, so the figure errs low). The walk to the window's last match
    reads every word's postings up to it: where that is expected to exceed WALK_POSTINGS, the
    window is as many matches as that budget reaches (at least MIN_WINDOW)."""
    if rank_cap <= DENSE_WINDOW or not scored or len(scored) + common < 2 or rows <= 0:
        return Window(rank_cap)
    if min(scored) <= sqlite_rank.RARE_SHARE * rows:
        return Window(rank_cap)
    if sum(scored) <= sqlite_rank.POSTINGS_PER_ROW * DENSE_WINDOW:
        return Window(rank_cap)
    expected = int(rows * math.prod(f / rows for f in scored) * COMMON_SHARE**common)
    if expected <= MAX_COUNT:
        return Window(rank_cap)
    # Postings walked per match: every doclist's share of the papers over the matches' share.
    walked = (sum(scored) + common * COMMON_SHARE * rows) / expected
    size = max(MIN_WINDOW, min(DENSE_WINDOW, int(WALK_POSTINGS / walked)))
    return Window(size, expected)


def counted_window(rank_cap: int, query: SearchQuery, tokens: bool, scored: bool) -> Window:
    """Return the window of a query with filter tokens (`tokens`: Kommune, kind, faction) or a
    phrase, and something to score: narrowed to DENSE_WINDOW if it has more than MAX_COUNT
    matches, which the walk counts exactly (`Window.counted`). Pure.

    bm25's statement walks the whole doclist of every phrase in the MATCH for its IDF, a
    filter token's (weight 0) and a phrase's (positions compared) included, and then scores
    each row of the window; the newest DENSE_WINDOW rows scored from their stems cost less."""
    if rank_cap <= MAX_COUNT or query.prefixes or not scored:
        return Window(rank_cap)
    if not tokens and not query.phrases:
        return Window(rank_cap)
    return Window(DENSE_WINDOW, counted=MAX_COUNT)


async def planned_window(
    conn: BaseDBAsyncClient, query: SearchQuery, rank_cap: int, *, tokens: bool, filtered: bool
) -> Window:
    """Return the window of a query: with filter tokens (`tokens`) or a phrase by the count of
    its matches (`counted_window`); a query of plain words without filters, negation or `seit:`
    (`filtered`) by the estimate of its words (`window`; a filter's share is not known there)."""
    if query.prefixes:
        return Window(rank_cap)
    common = await common_terms(conn, query.terms)
    words = sorted({t for t in query.terms if t not in common})
    if tokens or query.phrases:
        return counted_window(rank_cap, query, tokens, bool(words or query.phrases))
    if filtered or len(set(query.terms)) < 2:
        return Window(rank_cap)
    freqs = await sqlite_rank.doc_freqs(conn, words)
    rows = (await _stats(conn)).rows
    return window(rank_cap, rows, [freqs[w] for w in words], len(common))
