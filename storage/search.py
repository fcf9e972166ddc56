"""Full-text search over papers (I/O): SQLite FTS5 or PostgreSQL tsvector, one interface.

Both backends index the same terms, computed in Python by `storage.textnorm` (folded Snowball
stems in order, plus compound parts), so "Schulen" finds "Schule" and "Grundschule" finds
"Grundschulsanierung" on SQLite and PostgreSQL alike:

- SQLite: FTS5 table `paper_fts` with columns title, questions, body (stems in order: phrases
  work), parts (compound parts, a bag of words) and meta (filter tokens "_k<kommune id>",
  "_t<kind>", which no query word can spell); ranked by bm25. Its rowid is a recency key,
  date (days) << 32 | paper id, so FTS5 walks matches newest first; `paper_fts_key` maps paper
  id → key for deletes.
- PostgreSQL: table `paper_search` (paper_id, tsv, date, kommune_id, kind) with a GIN index on tsv
  and btree indexes on date and (kommune_id, date); tsv is `to_tsvector('simple', …)` over the
  same stems, weighted A title, B questions, C body, D parts. The 'simple' configuration, not
  'german': the stems are already German, and 'german' would neither split compounds nor agree
  with SQLite. Ranked by ts_rank.

Ranking is relevance, then recency, over at most RANK_CAP candidates: when more papers match, only
the newest RANK_CAP matches (after the Kommune/kind/date filters) are scored. A rare query is
ranked over all its matches; a common word ("Stadt") costs a bounded amount of work.

User text never reaches SQL: a SearchQuery holds only [a-z0-9] stems, which are joined into an FTS5
or tsquery expression passed as a bound parameter. Einwohneranfragen (citizen inquiries): the
submitter's name is never indexed, not even where it appears in the full text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection

from fetcher.privacy import REDACTED_NAME, citizen_names, redact_names
from storage import textnorm
from storage.query import QueryError, SearchQuery

log = logging.getLogger(__name__)

# Index at most this much full text per paper: keeps a PostgreSQL tsvector far below its 1 MB limit
# and phrase positions below its 16383 cap; the first 200k characters hold the question and answer.
MAX_INDEXED_CHARS = 200_000
# Counting stops here: "mehr als 1000 Treffer" is all a chat needs, and counting is the slow part.
MAX_COUNT = 1000
# Ranking scores at most this many matches, the newest ones; keep it >= MAX_COUNT so that totals
# stay what they were (a lower value also lowers the counted total to it).
RANK_CAP = 2000
# Bump when the layout of the search tables changes: ensure_index then drops and rebuilds them.
_SCHEMA_VERSION = 2
# The low 32 bits of a SQLite FTS rowid are the paper id, the bits above the date (days).
_ID_BITS = 32
_ID_MASK = (1 << _ID_BITS) - 1
SNIPPET_CHARS = 200
_BATCH = 500

_META_DDL = (
    "CREATE TABLE IF NOT EXISTS search_meta (key VARCHAR(50) PRIMARY KEY, value TEXT NOT NULL)"
)
_SQLITE_DDL = (
    # '_' is a token character only so that the meta tokens cannot be typed: stems are [a-z0-9].
    "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts USING fts5("
    "title, questions, body, parts, meta, tokenize=\"ascii tokenchars '_'\", detail=full)",
    "CREATE TABLE IF NOT EXISTS paper_fts_key (paper_id INTEGER PRIMARY KEY, key INTEGER NOT NULL)",
)
_SQLITE_DROP = ("DROP TABLE IF EXISTS paper_fts", "DROP TABLE IF EXISTS paper_fts_key")
_PG_DDL = (
    "CREATE TABLE IF NOT EXISTS paper_search ("
    "paper_id INTEGER PRIMARY KEY REFERENCES paper(id) ON DELETE CASCADE, tsv TSVECTOR NOT NULL, "
    "date DATE, kommune_id INTEGER NOT NULL, kind VARCHAR(30) NOT NULL)",
    "CREATE INDEX IF NOT EXISTS paper_search_tsv ON paper_search USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS paper_search_date ON paper_search "
    "(date DESC NULLS LAST, paper_id DESC)",
    "CREATE INDEX IF NOT EXISTS paper_search_kommune_date ON paper_search "
    "(kommune_id, date DESC NULLS LAST, paper_id DESC)",
)
_PG_DROP = ("DROP TABLE IF EXISTS paper_search",)
# bm25 column weights (title, questions, body, parts, meta) and ts_rank weights {D, C, B, A}.
_BM25 = "bm25(paper_fts, 10.0, 4.0, 1.0, 1.0, 0.0)"
_PG_WEIGHTS = "'{0.2, 0.2, 0.5, 1.0}'"
_PG_TSV = (
    "setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || "
    "setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D')"
)


@dataclass(frozen=True)
class SearchHit:
    """One found paper, as the bot and `ratsbot search` show it."""

    paper_id: int
    reference: str | None
    title: str
    kind: str
    kommune: str
    date: date | None
    factions: tuple[str, ...]
    web_url: str | None
    pdf_url: str | None
    snippet: str

    def as_json(self) -> dict[str, Any]:
        """Return the hit as the JSON object of `ratsbot search --json` (a contract)."""
        return {
            "paper_id": self.paper_id,
            "reference": self.reference,
            "title": self.title,
            "kind": self.kind,
            "kommune": self.kommune,
            "date": self.date.isoformat() if self.date else None,
            "factions": list(self.factions),
            "web_url": self.web_url,
            "pdf_url": self.pdf_url,
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, best first, and how many there are (counted up to MAX_COUNT)."""

    hits: tuple[SearchHit, ...]
    total: int
    total_capped: bool = False


def _conn() -> BaseDBAsyncClient:
    return get_connection("default")


def _is_pg(conn: BaseDBAsyncClient) -> bool:
    return str(conn.capabilities.dialect) == "postgres"


def _index_version() -> str:
    return f"textnorm-{textnorm.VERSION}-schema-{_SCHEMA_VERSION}"


async def ensure_index() -> None:
    """Create the dialect-specific search index if absent; rebuild it when its terms or layout
    changed (the old tables are dropped first, so a new layout replaces an old one)."""
    conn = _conn()
    pg = _is_pg(conn)
    await conn.execute_script(_META_DDL)
    rows = await conn.execute_query_dict(
        "SELECT value FROM search_meta WHERE key = " + ("$1" if pg else "?"),
        ["version"],
    )
    current = bool(rows) and rows[0]["value"] == _index_version()
    if not current:
        for ddl in _PG_DROP if pg else _SQLITE_DROP:
            await conn.execute_script(ddl)
    for ddl in _PG_DDL if pg else _SQLITE_DDL:
        await conn.execute_script(ddl)
    if current:
        return
    count = await reindex_all()
    if _is_pg(conn):
        sql = (
            "INSERT INTO search_meta (key, value) VALUES ($1, $2) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        )
    else:
        sql = "INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)"
    await conn.execute_query(sql, ["version", _index_version()])
    if count:
        log.info("search index rebuilt papers=%d version=%s", count, _index_version())


async def reindex_all() -> int:
    """Rebuild the whole search index from the paper table; return the number of papers indexed."""
    conn = _conn()
    await conn.execute_script(
        "DELETE FROM paper_search"
        if _is_pg(conn)
        else "DELETE FROM paper_fts; DELETE FROM paper_fts_key"
    )
    last_id, total = 0, 0
    while True:
        rows = await conn.execute_query_dict(
            _paper_rows_sql(conn, "p.id > {} AND p.hidden = {f} AND p.deleted = {f}")
            + " ORDER BY p.id LIMIT "
            + str(_BATCH),
            [last_id],
        )
        if not rows:
            return total
        await _write_rows(conn, rows)
        total += len(rows)
        last_id = rows[-1]["id"]


async def index_paper(paper_id: int) -> None:
    """(Re)write the index entry of one paper; a hidden, deleted or missing paper is removed."""
    await index_papers([paper_id])


async def index_papers(paper_ids: Sequence[int]) -> None:
    """(Re)write the index entries of several papers (the bulk form of `index_paper`)."""
    conn = _conn()
    for start in range(0, len(paper_ids), _BATCH):
        batch = list(paper_ids[start : start + _BATCH])
        await _delete(conn, batch)
        if _is_pg(conn):
            where = "p.id = ANY({}) AND p.hidden = {f} AND p.deleted = {f}"
        else:
            where = (
                "p.id IN (SELECT value FROM json_each({})) AND p.hidden = {f} AND p.deleted = {f}"
            )
        rows = await conn.execute_query_dict(
            _paper_rows_sql(conn, where), [batch if _is_pg(conn) else json.dumps(batch)]
        )
        await _write_rows(conn, rows)


async def remove_paper(paper_id: int) -> None:
    """Remove a paper from the search index (it can no longer be found)."""
    await _delete(_conn(), [paper_id])


async def _delete(conn: BaseDBAsyncClient, paper_ids: list[int]) -> None:
    if _is_pg(conn):
        await conn.execute_query("DELETE FROM paper_search WHERE paper_id = ANY($1)", [paper_ids])
    else:
        ids = json.dumps(paper_ids)
        await conn.execute_query(
            "DELETE FROM paper_fts WHERE rowid IN (SELECT key FROM paper_fts_key "
            "WHERE paper_id IN (SELECT value FROM json_each(?)))",
            [ids],
        )
        await conn.execute_query(
            "DELETE FROM paper_fts_key WHERE paper_id IN (SELECT value FROM json_each(?))", [ids]
        )


def _paper_rows_sql(conn: BaseDBAsyncClient, where: str) -> str:
    pg = _is_pg(conn)
    where = where.format("$1" if pg else "?", f="false" if pg else "0")
    return (
        "SELECT p.id, p.title, p.questions, p.summary, p.full_text, p.submitters, "
        "p.citizen_inquiry, p.date, p.kommune_id, p.kind FROM paper p WHERE " + where
    )


async def _write_rows(conn: BaseDBAsyncClient, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if _is_pg(conn):
        await conn.execute_many(
            f"INSERT INTO paper_search (paper_id, tsv, date, kommune_id, kind) "
            f"VALUES ($1, {_PG_TSV}, $6, $7, $8) ON CONFLICT (paper_id) DO UPDATE SET "
            "tsv = EXCLUDED.tsv, date = EXCLUDED.date, kommune_id = EXCLUDED.kommune_id, "
            "kind = EXCLUDED.kind",
            [
                [
                    row["id"],
                    *index_columns(row),
                    _as_date(row["date"]),
                    row["kommune_id"],
                    row["kind"],
                ]
                for row in rows
            ],
        )
        return
    keys = [recency_key(int(row["id"]), _as_date(row["date"])) for row in rows]
    await conn.execute_many(
        "INSERT INTO paper_fts (rowid, title, questions, body, parts, meta) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            [key, *index_columns(row), _meta_tokens(row["kommune_id"], row["kind"])]
            for key, row in zip(keys, rows, strict=True)
        ],
    )
    await conn.execute_many(
        "INSERT OR REPLACE INTO paper_fts_key (paper_id, key) VALUES (?, ?)",
        [[row["id"], key] for key, row in zip(keys, rows, strict=True)],
    )


def _as_date(value: Any) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value if isinstance(value, date) else None


def recency_key(paper_id: int, day: date | None) -> int:
    """Return a paper's SQLite FTS rowid: newer papers sort higher, no date sorts lowest. Pure."""
    return ((day.toordinal() if day else 0) << _ID_BITS) | paper_id


def _kommune_token(kommune_id: int) -> str:
    return f"_k{kommune_id}"


def _kind_token(kind: str) -> str:
    return "_t" + "".join(c for c in textnorm.fold(kind) if c.isascii() and c.isalnum())


def _meta_tokens(kommune_id: Any, kind: Any) -> str:
    return f"{_kommune_token(int(kommune_id))} {_kind_token(str(kind or ''))}"


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return list(value) if isinstance(value, list | tuple) else []


def _texts(values: Iterable[Any]) -> list[str]:
    out = []
    for v in values:
        if isinstance(v, dict):
            v = v.get("text") or v.get("name") or ""
        out.append(str(v))
    return out


def _private_names(row: dict[str, Any]) -> tuple[str, ...]:
    """Return the names of a citizen inquiry's submitters, given or printed (never indexed)."""
    if not row.get("citizen_inquiry"):
        return ()
    texts = (str(row.get("title") or ""), str(row.get("full_text") or row.get("body") or ""))
    return citizen_names(_texts(_json_list(row.get("submitters"))), *texts)


def _scrub(text: str, names: Sequence[str], replacement: str) -> str:
    """Remove every form of the citizens' names from a citizen inquiry's text."""
    return redact_names(text, names, replacement)


def index_columns(row: dict[str, Any]) -> tuple[str, str, str, str]:
    """Return the (title, questions, body, parts) term strings to index for a paper row. Pure."""
    names = _private_names(row)
    title = str(row.get("title") or "")
    questions = "\n".join(_texts(_json_list(row.get("questions"))))
    body = "\n".join(
        t for t in (row.get("summary") or "", (row.get("full_text") or "")[:MAX_INDEXED_CHARS]) if t
    )
    if row.get("citizen_inquiry"):
        title, questions, body = (_scrub(t, names, " ") for t in (title, questions, body))
    else:
        # A council member's name is public and a useful search word ("Anfrage Müller").
        body = "\n".join([*_texts(_json_list(row.get("submitters"))), body])
    private = {textnorm.stem(t) for name in names for t in textnorm.tokens(name)}
    columns = []
    for text in (title, questions, body):
        columns.append(" ".join(t for t in textnorm.index_terms(text) if t not in private))
    parts = textnorm.compound_terms(" ".join((title, questions, body))) - private
    return columns[0], columns[1], columns[2], " ".join(sorted(parts))


# ---- queries ---------------------------------------------------------------------------------


def fts5_expression(query: SearchQuery) -> tuple[str | None, str | None]:
    """Return the FTS5 MATCH expressions (positive, negative) of a query, None if absent. Pure."""
    positive = [f'"{t}"' for t in query.terms]
    positive += [f'"{p}"*' for p in query.prefixes]
    positive += ['{title questions body}: "' + " ".join(ph) + '"' for ph in query.phrases]
    negative = ['"' + " ".join(ex) + '"' for ex in query.excluded]
    return (
        " AND ".join(positive) or None,
        " OR ".join(negative) or None,
    )


def tsquery_expression(query: SearchQuery) -> tuple[str | None, str | None]:
    """Return the PostgreSQL tsquery texts (positive, negative) for a query. Pure."""
    positive = [f"'{t}'" for t in query.terms]
    positive += [f"'{p}':*" for p in query.prefixes]
    positive += ["(" + " <-> ".join(f"'{t}':ABC" for t in ph) + ")" for ph in query.phrases]
    negative = ["(" + " <-> ".join(f"'{t}'" for t in ex) + ")" for ex in query.excluded]
    return (
        " & ".join(positive) or None,
        " | ".join(negative) or None,
    )


class _Params:
    """Bound parameters in order, rendered as `?` (SQLite) or `$n` (asyncpg)."""

    def __init__(self, pg: bool) -> None:
        self.pg = pg
        self.values: list[Any] = []

    def add(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.pg else "?"


async def _kommune_id(conn: BaseDBAsyncClient, name: str) -> int:
    rows = await conn.execute_query_dict("SELECT id, name, slug FROM kommune")
    wanted = textnorm.fold(name).strip()
    exact = [
        r["id"] for r in rows if wanted in (textnorm.fold(r["name"]), textnorm.fold(r["slug"]))
    ]
    if len(exact) == 1:
        return int(exact[0])
    starts = [r["id"] for r in rows if textnorm.fold(r["name"]).startswith(wanted)]
    if len(starts) == 1:
        return int(starts[0])
    known = ", ".join(sorted(r["name"] for r in rows)[:15]) or "noch keine"
    raise QueryError(f"Kommune „{name[:60]}“ kenne ich nicht. Bekannt: {known}.")


async def search(
    query: SearchQuery, *, limit: int = 10, offset: int = 0, rank_cap: int = RANK_CAP
) -> SearchResult:
    """Return papers matching a query: an Aktenzeichen's paper first, then relevance, recency.

    Only the newest `rank_cap` matches are ranked (and counted). Raises QueryError for an unknown
    Kommune.
    """
    if query.is_empty or limit <= 0:
        return SearchResult((), 0)
    conn = _conn()
    pg = _is_pg(conn)
    kommune_id = await _kommune_id(conn, query.kommune) if query.kommune else None

    def filters(params: _Params) -> str:
        false = "false" if pg else "0"
        sql = f" AND p.hidden = {false} AND p.deleted = {false}"
        if kommune_id is not None:
            sql += f" AND p.kommune_id = {params.add(kommune_id)}"
        if query.kinds:
            sql += " AND p.kind IN (" + ", ".join(params.add(k) for k in query.kinds) + ")"
        if query.since:
            since = query.since if pg else query.since.isoformat()
            sql += f" AND p.date >= {params.add(since)}"
        if query.faction:
            if pg:
                sql += f" AND p.factions::jsonb @> {params.add(json.dumps([query.faction]))}::jsonb"
            else:
                sql += (
                    " AND EXISTS (SELECT 1 FROM json_each(p.factions) f "
                    f"WHERE f.value = {params.add(query.faction)})"
                )
        return sql

    first: list[int] = []
    if query.reference and offset == 0:
        params = _Params(pg)
        ref = params.add(query.reference)
        key = params.add(query.reference_key or query.reference)
        # reference_key is indexed (paper.reference is not): look both spellings up in it.
        rows = await conn.execute_query_dict(
            f"SELECT p.id FROM paper p WHERE p.reference_key IN ({ref}, {key})"
            + filters(params)
            + " ORDER BY p.date DESC LIMIT 5",
            params.values,
        )
        first = [int(r["id"]) for r in rows]

    positive, negative = tsquery_expression(query) if pg else fts5_expression(query)
    ids: list[int] = []
    total, capped = 0, False
    # An Aktenzeichen alone that names a paper means that paper: skip the phrase search for its
    # digits, which is the slowest query there is ("2019" is in most papers).
    only_reference = bool(first) and query.phrases[1:] == () and not query.terms
    page = limit + len(first)
    if only_reference and not query.prefixes:
        pass
    elif positive is None and query.has_filters:
        ids, total, capped = await _filtered(conn, pg, negative, filters, page, offset)
    elif positive is not None:
        if pg:
            ids, matches = await _ranked_pg(
                conn, positive, negative, filters, kommune_id, query, page, offset, rank_cap
            )
        else:
            ids, matches = await _ranked_sqlite(
                conn, positive, negative, filters, kommune_id, query, page, offset, rank_cap
            )
        total = min(matches, rank_cap, MAX_COUNT)
        capped = matches > min(rank_cap, MAX_COUNT)
    # The Aktenzeichen's paper need not match the text (its own number is rarely in its text).
    total += len([i for i in first if i not in ids])
    ordered = (first + [i for i in ids if i not in first])[:limit]
    hits = await _hits(conn, ordered, query)
    return SearchResult(tuple(hits), total, capped)


_Filters = Callable[[_Params], str]


async def _filtered(
    conn: BaseDBAsyncClient,
    pg: bool,
    negative: str | None,
    filters: _Filters,
    page: int,
    offset: int,
) -> tuple[list[int], int, bool]:
    """Filters without text: newest first; return (ids, total, capped)."""
    params = _Params(pg)
    from_where = "FROM paper p WHERE 1 = 1"
    if negative is not None and pg:
        from_where += (
            " AND NOT EXISTS (SELECT 1 FROM paper_search s WHERE s.paper_id = p.id AND "
            f"s.tsv @@ to_tsquery('simple', {params.add(negative)}))"
        )
    elif negative is not None:
        from_where += (
            f" AND p.id NOT IN (SELECT rowid & {_ID_MASK} FROM paper_fts WHERE paper_fts MATCH "
            f"{params.add(negative)})"
        )
    from_where += filters(params)
    count_params = list(params.values)
    order = "p.date DESC NULLS LAST, p.id DESC" if pg else "p.date DESC, p.id DESC"
    rows = await conn.execute_query_dict(
        f"SELECT p.id {from_where} ORDER BY {order} "
        f"LIMIT {params.add(page)} OFFSET {params.add(offset)}",
        params.values,
    )
    count_rows = await conn.execute_query_dict(
        f"SELECT count(*) AS n FROM (SELECT p.id {from_where} LIMIT {MAX_COUNT + 1}) AS m",
        count_params,
    )
    total = int(count_rows[0]["n"])
    return [int(r["id"]) for r in rows], min(total, MAX_COUNT), total > MAX_COUNT


def _sqlite_match(
    positive: str, negative: str | None, kommune_id: int | None, kinds: Sequence[str]
) -> str:
    """Return the FTS5 MATCH text: the query's words and its Kommune/kind filter tokens. Pure."""
    match = f"({positive})"
    if kommune_id is not None:
        match += f' AND meta : "{_kommune_token(kommune_id)}"'
    if kinds:
        match += " AND meta : (" + " OR ".join(f'"{_kind_token(k)}"' for k in kinds) + ")"
    return match if negative is None else f"({match}) NOT ({negative})"


async def _ranked_sqlite(
    conn: BaseDBAsyncClient,
    positive: str,
    negative: str | None,
    filters: _Filters,
    kommune_id: int | None,
    query: SearchQuery,
    page: int,
    offset: int,
    rank_cap: int,
) -> tuple[list[int], int]:
    """Rank the newest rank_cap matches by bm25, then date; return (page ids, matches ≤ cap+1).

    FTS5 walks the matches in rowid order, i.e. newest first, and stops after rank_cap + 1; the
    ranking query then reads only rowids above the oldest candidate (an FTS5 rowid range).
    """
    match = _sqlite_match(positive, negative, kommune_id, query.kinds)
    join = f"CROSS JOIN paper p ON p.id = (paper_fts.rowid & {_ID_MASK})"
    lower = recency_key(0, query.since) if query.since else None
    params = _Params(False)
    where = f"WHERE paper_fts MATCH {params.add(match)}"
    if lower is not None:
        where += f" AND paper_fts.rowid >= {params.add(lower)}"
    rows = await conn.execute_query_dict(
        f"SELECT count(*) AS n, min(k) AS low FROM (SELECT paper_fts.rowid AS k FROM paper_fts "
        f"{join} {where}{filters(params)} ORDER BY paper_fts.rowid DESC "
        f"LIMIT {params.add(rank_cap + 1)})",
        params.values,
    )
    matches = int(rows[0]["n"])
    if matches == 0:
        return [], 0
    if matches > rank_cap:
        lower = int(rows[0]["low"]) + 1
    params = _Params(False)
    where = f"WHERE paper_fts MATCH {params.add(match)}"
    if lower is not None:
        where += f" AND paper_fts.rowid >= {params.add(lower)}"
    rows = await conn.execute_query_dict(
        f"SELECT p.id, {_BM25} AS score FROM paper_fts {join} {where}{filters(params)} "
        f"ORDER BY score, p.date DESC, p.id DESC "
        f"LIMIT {params.add(page)} OFFSET {params.add(offset)}",
        params.values,
    )
    return [int(r["id"]) for r in rows], matches


async def _ranked_pg(
    conn: BaseDBAsyncClient,
    positive: str,
    negative: str | None,
    filters: _Filters,
    kommune_id: int | None,
    query: SearchQuery,
    page: int,
    offset: int,
    rank_cap: int,
) -> tuple[list[int], int]:
    """Rank the newest rank_cap matches by ts_rank, then date; return (page ids, matches ≤ cap+1).

    The candidates come from paper_search alone, in (date, paper_id) order and filtered on its
    indexed kommune_id/kind/date columns: no paper row is read for them. Only the ranked list is
    joined with paper (hidden, deleted and all filters again), lazily, until the page is full.
    """
    params = _Params(True)
    q = params.add(positive)
    where = f"WHERE s.tsv @@ to_tsquery('simple', {q})"
    if negative is not None:
        where += f" AND NOT (s.tsv @@ to_tsquery('simple', {params.add(negative)}))"
    if kommune_id is not None:
        where += f" AND s.kommune_id = {params.add(kommune_id)}"
    if query.kinds:
        where += " AND s.kind IN (" + ", ".join(params.add(k) for k in query.kinds) + ")"
    if query.since:
        where += f" AND s.date >= {params.add(query.since)}"
    source = "paper_search s"
    if query.faction:  # factions live in paper only: filter the candidates by them too
        source += " JOIN paper p ON p.id = s.paper_id"
        where += filters(params)
    candidates = (
        f"SELECT s.paper_id, s.tsv, s.date FROM {source} {where} "
        f"ORDER BY s.date DESC NULLS LAST, s.paper_id DESC LIMIT {params.add(rank_cap + 1)}"
    )
    count_values = list(params.values)
    order = "score DESC, date DESC NULLS LAST, paper_id DESC"
    sql = (
        f"WITH c AS MATERIALIZED ({candidates}), "
        "r AS MATERIALIZED (SELECT x.paper_id, x.date, "
        f"ts_rank({_PG_WEIGHTS}, x.tsv, to_tsquery('simple', {q})) AS score FROM "
        f"(SELECT * FROM c ORDER BY date DESC NULLS LAST, paper_id DESC "
        f"LIMIT {params.add(rank_cap)}) AS x) "
        "SELECT r.paper_id AS id, (SELECT count(*) FROM c) AS n "
        f"FROM (SELECT * FROM r ORDER BY {order}) AS r JOIN paper p ON p.id = r.paper_id "
        f"WHERE 1 = 1{filters(params)} ORDER BY r.{order.replace(', ', ', r.')} "
        f"LIMIT {params.add(page)} OFFSET {params.add(offset)}"
    )
    rows = await conn.execute_query_dict(sql, params.values)
    if rows:
        return [int(r["id"]) for r in rows], int(rows[0]["n"])
    count = await conn.execute_query_dict(
        f"SELECT count(*) AS n FROM ({candidates}) AS c", count_values
    )
    return [], int(count[0]["n"])


async def _hits(conn: BaseDBAsyncClient, ids: list[int], query: SearchQuery) -> list[SearchHit]:
    if not ids:
        return []
    pg = _is_pg(conn)
    body = "substr(p.full_text, 1, 6000)"
    sql = (
        "SELECT p.id, p.reference, p.title, p.kind, k.name AS kommune, p.date, p.factions, "
        f"p.web_url, p.pdf_url, p.questions, p.summary, {body} AS body, p.submitters, "
        "p.citizen_inquiry FROM paper p JOIN kommune k ON k.id = p.kommune_id WHERE "
        + ("p.id = ANY($1)" if pg else "p.id IN (SELECT value FROM json_each(?))")
    )
    rows = await conn.execute_query_dict(sql, [ids if pg else json.dumps(ids)])
    by_id = {int(r["id"]): r for r in rows}
    wanted = set(query.terms) | set(query.prefixes) | {t for ph in query.phrases for t in ph}
    hits = []
    for paper_id in ids:
        row = by_id.get(paper_id)
        if row is None:
            continue
        names = _private_names(row)
        texts = [
            *_texts(_json_list(row["questions"])),
            str(row["summary"] or ""),
            str(row["body"] or ""),
        ]
        title = str(row["title"])
        if row["citizen_inquiry"]:
            texts = [_scrub(t, names, REDACTED_NAME) for t in texts]
            title = _scrub(title, names, REDACTED_NAME)
        raw_date = row["date"]
        hits.append(
            SearchHit(
                paper_id=paper_id,
                reference=row["reference"],
                title=title,
                kind=str(row["kind"]),
                kommune=str(row["kommune"]),
                date=date.fromisoformat(raw_date) if isinstance(raw_date, str) else raw_date,
                factions=tuple(str(f) for f in _json_list(row["factions"])),
                web_url=row["web_url"],
                pdf_url=row["pdf_url"],
                snippet=snippet(texts, wanted, tuple(query.prefixes)),
            )
        )
    return hits


def snippet(texts: Sequence[str], stems: set[str], prefixes: tuple[str, ...] = ()) -> str:
    """Return about SNIPPET_CHARS of the first text around the first matching word. Pure."""
    for text in texts:
        flat = re.sub(r"\s+", " ", text).strip()
        if not flat:
            continue
        # Fold once and scan the folded text; positions shift only where folding changes length
        # (ß → ss), so scaling them back is close enough for a snippet window.
        folded = textnorm.fold(flat)
        scale = len(flat) / max(1, len(folded))
        for m in re.finditer(r"[a-z0-9]+", folded):
            token = m.group()
            stemmed = textnorm.stem(token)
            if (
                stemmed in stems
                or (prefixes and stemmed.startswith(prefixes))
                or (
                    len(token) >= textnorm.COMPOUND_MIN_CHARS
                    and stems & textnorm.compound_parts(token)
                )
            ):
                start = max(0, int(m.start() * scale) - SNIPPET_CHARS // 3)
                return _cut(flat, start)
    for text in texts:
        flat = re.sub(r"\s+", " ", text).strip()
        if flat:
            return _cut(flat, 0)
    return ""


def _cut(flat: str, start: int) -> str:
    if start > 0:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + SNIPPET_CHARS
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start + SNIPPET_CHARS // 2 else end
    return ("… " if start > 0 else "") + flat[start:end] + (" …" if end < len(flat) else "")
