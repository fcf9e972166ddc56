"""How PostgreSQL finds the candidates of a text query (planning): GIN, or a walk by date.

Only the newest window (RANK_CAP + 1) of matches is ranked, so there are two ways to find them:

- GIN: the bitmap of every paper matching the text (and, ANDed in, the faction's GIN and the
  Kommune's btree) is built, those heap rows are read and the newest window is sorted out. The
  cost grows with the number of matches: `rows × share of the query`.
- Walk by date: the `(date)` or `(kommune_id, date)` index, or with `fraktion:` the faction's
  own list (`pg_faction`), is walked newest first and each row is tested (`ts_match_vq`, which
  no index serves) until the window is full. The cost grows with `window / share`: cheap
  exactly when the query is common.

`walk_by_date` compares the two with the planner's own statistics of `paper_search`
(`pg_stats`: most common lexemes of `tsv`, most common factions, kinds; `reltuples`), cached per
database for STATS_TTL_S: no counting at query time. A row tested on the walk costs about
WALK_ROW_COST heap rows of a bitmap scan (measured at 300k papers, `docs/benchmarks.md`): the
tsvector is stored inline (lz4), so the test reads no TOAST. A word the statistics do not list
is rarer than the rarest listed one. Without statistics (never analysed) GIN is used.

`all_common` is the older rule (every positive part in more than half of the papers); such a
query is walked by the cost rule too, unless a rare filter makes GIN cheaper.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.query import SearchQuery
from storage.search.sqlite_plan import COMMON_SHARE, STATS_TTL_S

# A row tested on the date walk costs about this many heap rows of a GIN bitmap scan.
WALK_ROW_COST = 4.0
# A date cut aims at this many times the window of expected matches (estimates are rough).
CUT_MARGIN = 1.5
# A paper of the cut's date range (its bucket posting, skipped through in GIN) costs about this
# share of a matching heap row (300k papers: `Radverkehr*`, 8.3k matches, 31 ms of server CPU for
# its candidates without a cut, 18 ms with one over a third of the dates).
BUCKET_POSTING_COST = 0.02
# Decoding a GIN posting costs about this share of reading its heap row.
POSTING_COST = 0.05


@dataclass(frozen=True)
class Stats:
    """The planner statistics of paper_search that choose the candidate path."""

    rows: float = 0.0
    lexemes: dict[str, float] = field(default_factory=dict)
    lexeme_floor: float = 0.0
    factions: dict[str, float] = field(default_factory=dict)
    faction_floor: float = 0.0
    kinds: dict[str, float] = field(default_factory=dict)
    kommunen: dict[str, float] = field(default_factory=dict)
    # The date histogram of paper_search (equal-count bounds, oldest first).
    date_bounds: tuple[date, ...] = ()


_CACHE: dict[str, tuple[float, Stats]] = {}


def _key(conn: BaseDBAsyncClient) -> str:
    return str(getattr(conn, "database", "") or id(conn))


async def stats(conn: BaseDBAsyncClient) -> Stats:
    """Return the planner statistics of paper_search (cached for STATS_TTL_S)."""
    key = _key(conn)
    cached = _CACHE.get(key)
    now = time.monotonic()
    if cached is not None and now - cached[0] <= STATS_TTL_S:
        return cached[1]
    rows = await conn.execute_query_dict(
        "SELECT attname::text AS col, most_common_elems::text AS elems, "
        "most_common_elem_freqs AS efreqs, most_common_vals::text AS vals, "
        "most_common_freqs AS vfreqs, histogram_bounds::text AS hist, "
        "(SELECT reltuples FROM pg_class WHERE oid = 'paper_search'::regclass) AS n "
        "FROM pg_stats WHERE tablename = 'paper_search' AND schemaname = current_schema() "
        "AND attname IN ('tsv', 'factions', 'kind', 'date', 'kommune_id')"
    )
    by_col = {str(r["col"]): r for r in rows}
    lexemes, lexeme_floor = _elems(by_col.get("tsv"))
    factions, faction_floor = _elems(by_col.get("factions"))
    kinds, kommunen = _vals(by_col.get("kind")), _vals(by_col.get("kommune_id"))
    found = Stats(
        rows=max(0.0, float(rows[0]["n"])) if rows else 0.0,
        lexemes=lexemes,
        lexeme_floor=lexeme_floor,
        factions=factions,
        faction_floor=faction_floor,
        kinds=kinds,
        kommunen=kommunen,
        date_bounds=_dates(by_col.get("date")),
    )
    _CACHE[key] = (now, found)
    return found


def _elems(row: dict[str, object] | None) -> tuple[dict[str, float], float]:
    """Return (share per listed element, the least listed share) of a pg_stats row."""
    if not row or not row["elems"]:
        return {}, 0.0
    elems = _text_array(str(row["elems"]))
    freqs = [float(f) for f in row["efreqs"]]  # type: ignore[attr-defined]
    # most_common_elem_freqs ends with the least and the greatest share (and the null share).
    floor = freqs[len(elems)] if len(freqs) > len(elems) else min(freqs, default=0.0)
    return dict(zip(elems, freqs, strict=False)), floor


def _vals(row: dict[str, object] | None) -> dict[str, float]:
    """Return the share per most common value of a pg_stats row (values as text)."""
    if not row or not row["vals"]:
        return {}
    freqs = [float(f) for f in row["vfreqs"]]  # type: ignore[attr-defined]
    return dict(zip(_text_array(str(row["vals"])), freqs, strict=False))


def _dates(row: dict[str, object] | None) -> tuple[date, ...]:
    """Return the date histogram bounds of a pg_stats row (histogram_bounds as text)."""
    if not row or not row.get("hist"):
        return ()
    return tuple(date.fromisoformat(d) for d in _text_array(str(row["hist"])))


async def lexeme_shares(conn: BaseDBAsyncClient) -> dict[str, float]:
    """Return the share of papers holding each common lexeme (planner statistics, cached)."""
    return (await stats(conn)).lexemes


def forget(conn: BaseDBAsyncClient) -> None:
    """Drop the cached statistics of this database (after a rebuild)."""
    _CACHE.pop(_key(conn), None)


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


def part_shares(query: SearchQuery, found: Stats) -> list[float]:
    """Return the estimated share of papers matching each positive part of the query. Pure."""
    lex, floor = found.lexemes, found.lexeme_floor
    shares = [lex.get(t, floor) for t in query.terms]
    for prefix in query.prefixes:  # the words it starts: at least the most common, at most all
        starting = [s for w, s in lex.items() if w.startswith(prefix)]
        shares.append(min(1.0, max(max(starting, default=floor), sum(starting))))
    for phrase in query.phrases:  # adjacent words: rarer than the rarest of them
        shares.append(min((lex.get(t, floor) for t in phrase), default=floor) / 2)
    return shares


def filter_share(
    query: SearchQuery, found: Stats, kommune_id: int | None = None
) -> tuple[float, float]:
    """Return (share of papers passing the kind and Kommune filters, share passing the
    faction). Pure."""
    kind = 1.0
    if query.kinds:
        known = sum(found.kinds.get(k, 0.0) for k in query.kinds)
        kind = known if found.kinds else 1.0
    if kommune_id is not None and found.kommunen:
        kind *= found.kommunen.get(str(kommune_id), min(found.kommunen.values()))
    faction = 1.0
    if query.faction:
        faction = found.factions.get(query.faction, found.faction_floor / 2)
    return kind, faction


def walk_by_date(query: SearchQuery, found: Stats, window: int) -> bool:
    """Return True when walking the date index newest first is expected to find the window of
    matches with less work than GIN. Pure."""
    shares = part_shares(query, found)
    if not shares or found.rows <= 0 or not found.lexemes:
        return False
    kind, faction = filter_share(query, found)
    text = math.prod(shares)
    walked = window / max(text * kind * faction, 1e-9)
    if query.faction:  # the faction's own list is walked: never more than its papers
        walked = min(window / max(text * kind, 1e-9), found.rows * faction)
    # GIN reads the heap rows of the text matches ANDed with the faction's bitmap (kind is no
    # index column), after decoding the postings of every part.
    gin = found.rows * (text * faction + POSTING_COST * sum(shares))
    return walked * WALK_ROW_COST < gin


def candidate_match(
    query: SearchQuery, walk: bool, tsquery: str, buckets: str | None = None
) -> str:
    """Return the SQL condition that selects candidates: `@@` (GIN) or, for the walk, the same
    test as a function call, which no index serves. `buckets` (GIN only): the parameter of a
    date cut's bucket tsquery (`pg_buckets.since`), a second key of the same GIN scan: GIN
    skips through the words' and the buckets' postings against each other (as one tsquery,
    its fast scan would drive by every bucket even when a word is rarer). Pure."""
    if walk:
        return f"ts_match_vq(s.tsv, to_tsquery('simple', {tsquery}))"
    match = f"s.tsv @@ to_tsquery('simple', {tsquery})"
    if buckets is not None:
        match += f" AND s.tsv @@ {buckets}::tsquery"
    return match


def date_cut(
    query: SearchQuery, found: Stats, window: int, kommune_id: int | None = None
) -> date | None:
    """Return the date from which GIN's matches should already fill the window (newest
    CUT_MARGIN × window expected matches), or None when all matches are few enough. Pure.

    The caller widens to all matches when the cut one turns out not to fill the window, so a
    wrong estimate costs a second query, never a wrong answer."""
    shares = part_shares(query, found)
    bounds = found.date_bounds
    listed = all(t in found.lexemes for t in (*query.terms, *(w for p in query.phrases for w in p)))
    if not shares or not bounds or found.rows <= 0 or not listed:
        return None  # a word the statistics do not list is rare: no cut
    kind, faction = filter_share(query, found, kommune_id)
    expected = found.rows * math.prod(shares) * kind * faction
    share = CUT_MARGIN * window / max(expected, 1e-9)
    # The cut reads `share` of the bucket postings and of the matches instead of all matches.
    if share * (found.rows * BUCKET_POSTING_COST + expected) >= expected:
        return None
    cut = bounds[int((1.0 - share) * (len(bounds) - 1))]
    if query.since is not None and query.since >= cut:
        return None
    return cut
