"""How PostgreSQL finds the candidates of a text query (planning): GIN, or a walk by date.

A word in most papers ("Stadt") is the slow case for a GIN index: the bitmap of every paper
holding it is built before the newest 2,000 can be picked. Such a word is better checked row by
row while the (date) or (Kommune, date) index is walked newest first: half or more of the rows
match, so the walk stops after a few thousand. A query whose every positive part is that common
is answered so; any rarer part (a word, a phrase, a prefix) lets GIN intersect first, skipping
through the common word's posting list.

How common a word is comes from the planner's own statistics of the tsvector column
(`pg_stats.most_common_elems`, kept by ANALYZE/autovacuum), cached per database for
STATS_TTL_S: no counting at query time. A prefix counts as common when a common word starts
with it. Without statistics (never analysed) nothing is common and GIN is used, as before.
The ranking (ts_rank over the candidates) is the same either way.
"""

from __future__ import annotations

import time

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.query import SearchQuery
from storage.search.sqlite_plan import COMMON_SHARE, STATS_TTL_S

_CACHE: dict[str, tuple[float, dict[str, float]]] = {}


async def lexeme_shares(conn: BaseDBAsyncClient) -> dict[str, float]:
    """Return the share of papers holding each common lexeme (planner statistics, cached)."""
    key = str(getattr(conn, "database", "") or id(conn))
    cached = _CACHE.get(key)
    now = time.monotonic()
    if cached is not None and now - cached[0] <= STATS_TTL_S:
        return cached[1]
    rows = await conn.execute_query_dict(
        "SELECT most_common_elems::text AS elems, most_common_elem_freqs AS freqs FROM pg_stats "
        "WHERE tablename = 'paper_search' AND attname = 'tsv' AND schemaname = current_schema()"
    )
    shares: dict[str, float] = {}
    if rows and rows[0]["elems"]:
        elems = _text_array(str(rows[0]["elems"]))
        shares = dict(zip(elems, (float(f) for f in rows[0]["freqs"]), strict=False))
    _CACHE[key] = (now, shares)
    return shares


def forget(conn: BaseDBAsyncClient) -> None:
    """Drop the cached statistics of this database (after a rebuild)."""
    _CACHE.pop(str(getattr(conn, "database", "") or id(conn)), None)


def _text_array(text: str) -> list[str]:
    """Return the items of a PostgreSQL text array literal of stems ({a,b,c}). Pure."""
    inner = text.strip()[1:-1]
    return [item.strip('"') for item in inner.split(",")] if inner else []


def all_common(query: SearchQuery, shares: dict[str, float]) -> bool:
    """Return True when every positive part of the query is in most papers. Pure."""
    if query.phrases or not (query.terms or query.prefixes):
        return False
    common = {t for t, share in shares.items() if share > COMMON_SHARE}
    return all(t in common for t in query.terms) and all(
        any(c.startswith(p) for c in common) for p in query.prefixes
    )


def candidate_match(query: SearchQuery, shares: dict[str, float], tsquery: str) -> str:
    """Return the SQL condition that selects candidates: `@@` (GIN) or the same test as a
    function call, which no index serves, so that the date index is walked. Pure."""
    if all_common(query, shares):
        return f"ts_match_vq(s.tsv, to_tsquery('simple', {tsquery}))"
    return f"s.tsv @@ to_tsquery('simple', {tsquery})"
