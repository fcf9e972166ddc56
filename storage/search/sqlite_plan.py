"""How SQLite ranks a text query (planning): which of its words count for relevance.

FTS5's bm25() computes each phrase's IDF by walking the phrase's whole doclist once per query, so
a word in most papers ("Stadt", "Antrag") costs time in proportion to the whole index, at 1M
papers more than the rest of the search. Yet bm25 clamps the IDF of a word in more than half of
the rows to 1e-6: such a word says nothing about relevance. So the ranking leaves it out:

- a word (stem) in more than COMMON_SHARE of the indexed papers narrows the matches (FTS5 walks
  its doclist lazily, newest first, and stops at the window) but is not scored;
- beside a rarer word (in at most SIGNAL_SHARE of the papers) or a phrase, a word in more than
  SIGNAL_SHARE narrows but is not scored: the rare word decides the order anyway, and each
  frequent word's IDF walk costs more than the rest of the query ("Radweg Verkehr Sicherheit");
- a prefix (`Schul*`) narrows but is not scored: its IDF would merge the doclists of every word it
  starts;
- the filter tokens (Kommune, kind, faction) narrow; their column weight is 0, so scoring them
  would add nothing.

The score is bm25 over the remaining words and phrases, which is the same function whichever
window of matches is ranked, so a capped search ranks its window exactly as the unbounded search
orders those papers. With no scored word left, the matches are shown newest first.

Document frequencies come from a per-database cache (COUNT … LIMIT, refreshed after
STATS_TTL_S): how common a word is changes slowly.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.query import SearchQuery

# A word in more than this share of the indexed papers is not scored (bm25's IDF of it is 1e-6).
COMMON_SHARE = 0.5
# Beside a rarer word (in at most this share) or a phrase, a word in more than this share is not
# scored either: its IDF (log 4 at most) is small next to the rarer word's, its walk is not.
SIGNAL_SHARE = 0.2
# Document frequencies and the row count are recounted after this many seconds.
STATS_TTL_S = 600.0


@dataclass
class _Stats:
    """Counts of one database's index: rows, and per stem its share of them (up to
    COMMON_SHARE; a share above it means "more")."""

    rows: int
    at: float
    shares: dict[str, float] = field(default_factory=dict)


_CACHE: dict[str, _Stats] = {}


def forget(conn: BaseDBAsyncClient) -> None:
    """Drop the cached counts of this database (after a rebuild)."""
    _CACHE.pop(_key(conn), None)


def _key(conn: BaseDBAsyncClient) -> str:
    return str(getattr(conn, "filename", "") or id(conn))


async def _stats(conn: BaseDBAsyncClient) -> _Stats:
    key = _key(conn)
    stats = _CACHE.get(key)
    now = time.monotonic()
    if stats is None or now - stats.at > STATS_TTL_S:
        rows = await conn.execute_query_dict("SELECT count(*) AS n FROM paper_fts_key")
        stats = _Stats(int(rows[0]["n"]), now)
        _CACHE[key] = stats
    return stats


async def term_shares(conn: BaseDBAsyncClient, terms: Sequence[str]) -> dict[str, float]:
    """Return the share of indexed papers holding each stem (above COMMON_SHARE: just "more")."""
    stats = await _stats(conn)
    limit = int(stats.rows * COMMON_SHARE)
    for term in terms:
        if term not in stats.shares:
            # Counting stops past the limit: a common word costs half its doclist, once.
            rows = await conn.execute_query_dict(
                "SELECT count(*) AS n FROM (SELECT rowid FROM paper_fts "
                f"WHERE paper_fts MATCH ? LIMIT {limit + 1})",
                [f'"{term}"'],
            )
            stats.shares[term] = int(rows[0]["n"]) / max(1, stats.rows)
    return {t: stats.shares[t] for t in terms}


def scored_terms(query: SearchQuery, shares: dict[str, float]) -> list[str]:
    """Return the query's words that are scored, in order (see the module docstring). Pure."""
    scored = [t for t in query.terms if shares.get(t, 0.0) <= COMMON_SHARE]
    if query.phrases or any(shares.get(t, 0.0) <= SIGNAL_SHARE for t in scored):
        scored = [t for t in scored if shares.get(t, 0.0) <= SIGNAL_SHARE]
    return scored


def rank_expression(query: SearchQuery, shares: dict[str, float]) -> str | None:
    """Return the FTS5 MATCH text of the words and phrases that are scored, None if none. Pure.

    Prefixes and common words are left out (see the module docstring); phrases always count.
    """
    scored = [f'"{t}"' for t in scored_terms(query, shares)]
    scored += ['{title questions body}: "' + " ".join(ph) + '"' for ph in query.phrases]
    return " AND ".join(scored) or None
