"""The PostgreSQL search backend (I/O): a stored tsvector with a GIN index, ranked by ts_rank.

Table `paper_search` (paper_id, tsv, date, kommune_id, kind, factions): GIN on tsv and factions,
btree on date, (kommune_id, date) and (kind, date); tsv is `to_tsvector('simple', …)` over the
stems of `storage.search.terms`, weighted A title, B questions, C body, D parts, and the date's
bucket lexemes (`pg_buckets`), kept in the row (lz4).
'simple', not 'german': the stems are already German, and 'german' would neither split
compounds nor agree with SQLite. Planning: `pg_plan`; the ranking SQL: `pg_rank`; the faction
lists: `pg_faction`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from storage.query import SearchQuery
from storage.search import pg_buckets, pg_faction, pg_plan, pg_rank
from storage.search.backend import HIT_COLUMNS, MAX_COUNT, PAPER_COLUMNS, Page, Params
from storage.search.terms import IndexEntry

_DDL = (
    "CREATE TABLE IF NOT EXISTS paper_search ("
    "paper_id INTEGER PRIMARY KEY REFERENCES paper(id) ON DELETE CASCADE, tsv TSVECTOR NOT NULL, "
    "date DATE, kommune_id INTEGER NOT NULL, kind VARCHAR(30) NOT NULL, "
    "factions TEXT[] NOT NULL DEFAULT '{}')",
    "CREATE INDEX IF NOT EXISTS paper_search_tsv ON paper_search USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS paper_search_factions ON paper_search USING GIN (factions)",
    "CREATE INDEX IF NOT EXISTS paper_search_date ON paper_search "
    "(date DESC NULLS LAST, paper_id DESC)",
    "CREATE INDEX IF NOT EXISTS paper_search_kommune_date ON paper_search "
    "(kommune_id, date DESC NULLS LAST, paper_id DESC)",
    # One kind's papers newest first: `typ:` walks them alone (see `_index_filters`).
    "CREATE INDEX IF NOT EXISTS paper_search_kind_date ON paper_search "
    "(kind, date DESC NULLS LAST, paper_id DESC)",
    *pg_faction.DDL,
)
_DROP = (pg_faction.DROP, "DROP TABLE IF EXISTS paper_search")
# The tsvector stays in the row (compressed, no TOAST): testing and ranking a row then reads
# no TOAST chunks (2,000 ts_rank calls: 4 ms instead of 45 ms at 300k papers).
_INLINE = "ALTER TABLE paper_search ALTER COLUMN tsv SET STORAGE MAIN"
# lz4 decompresses several times faster than pglz (PostgreSQL 14+ built with lz4; else pglz).
_LZ4 = "ALTER TABLE paper_search ALTER COLUMN tsv SET COMPRESSION lz4"
# Bumped when the PostgreSQL layout changes; part of the index version (a rebuild follows).
LAYOUT = "pg-buckets-1"
# The four weighted columns, then the date's bucket lexemes ($10, `pg_buckets`).
_TSV = (
    "setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || "
    "setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D') || "
    "array_to_tsvector($10::text[])"
)
_GIN = _DDL[1]
# After a rebuild the heap is in date order, and new papers are appended after it: GIN's postings
# (heap order) then hold a date cut's papers together, and GIN skips whole posting pages of a
# common word (`Stadt Antrag Verwaltung` at 300k: 30 -> 13 ms of server CPU for its candidates).
_CLUSTER = "CLUSTER paper_search USING paper_search_date"
_VISIBLE = " AND p.hidden = false AND p.deleted = false"


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


def _filters(params: Params, query: SearchQuery, kommune_id: int | None) -> str:
    """Return the SQL filters on the paper row (the faction is matched in paper_search only)."""
    sql = _VISIBLE
    if kommune_id is not None:
        sql += f" AND p.kommune_id = {params.add(kommune_id)}"
    if query.kinds:
        sql += " AND p.kind IN (" + ", ".join(params.add(k) for k in query.kinds) + ")"
    if query.since:
        sql += f" AND p.date >= {params.add(query.since)}"
    return sql


def _index_filters(
    params: Params, query: SearchQuery, kommune_id: int | None, *, walk: bool = False
) -> str:
    """Return the filters on paper_search's indexed columns (Kommune, kind, date, faction).

    On a walk the faction's own list is walked (`pg_faction.SOURCE`, alias f), newest first.
    """
    sql = ""
    if kommune_id is not None:
        sql += f" AND s.kommune_id = {params.add(kommune_id)}"
    if walk and len(query.kinds) == 1 and kommune_id is None and not query.faction:
        # One kind alone: the walk goes down (kind, date), that kind's papers newest first.
        sql += f" AND s.kind = {params.add(query.kinds[0])}"
    elif query.kinds:
        kinds = "s.kind IN (" + ", ".join(params.add(k) for k in query.kinds) + ")"
        # On a walk the planner must not think the kind rare (it would rather read every paper
        # since the seit: date as a bitmap and sort them): COALESCE hides it from its estimate.
        sql += f" AND COALESCE({kinds}, false)" if walk else f" AND {kinds}"
    if query.since:
        since = params.add(query.since)
        if walk:
            # The date as an InitPlan: the custom plans of the first executions, which see the
            # literal, would otherwise read every paper since it as a bitmap and sort them; the
            # walk keeps it as its index condition, whatever the date.
            since = f"(SELECT {since}::date)"
        sql += f" AND {'f' if walk and query.faction else 's'}.date >= {since}"
    if query.faction and walk:
        sql += f" AND f.faction = {params.add(query.faction)}"
    elif query.faction:
        sql += f" AND s.factions @> ARRAY[{params.add(query.faction)}]::text[]"
    return sql


class PostgresSearch:
    """The search index on PostgreSQL (tsvector + GIN)."""

    layout = LAYOUT

    async def create(self, conn: BaseDBAsyncClient, *, drop_first: bool) -> None:
        """Create the index tables if absent (dropping an old layout first when told)."""
        for ddl in (*_DROP, *_DDL) if drop_first else _DDL:
            await conn.execute_script(ddl)
        if drop_first:
            await conn.execute_script(_INLINE)
            with contextlib.suppress(Exception):  # no lz4 in this server: pglz stays
                await conn.execute_script(_LZ4)

    async def read_version(self, conn: BaseDBAsyncClient) -> str | None:
        """Return the stored version mark of the index, None if there is none."""
        rows = await conn.execute_query_dict(
            "SELECT value FROM search_meta WHERE key = $1", ["version"]
        )
        return str(rows[0]["value"]) if rows else None

    async def write_version(self, conn: BaseDBAsyncClient, version: str) -> None:
        """Store the version mark of the index."""
        await conn.execute_query(
            "INSERT INTO search_meta (key, value) VALUES ($1, $2) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            ["version", version],
        )

    async def clear(self, conn: BaseDBAsyncClient) -> None:
        """Delete every index row."""
        await pg_faction.clear(conn)
        await conn.execute_script("DELETE FROM paper_search")
        pg_plan.forget(conn)

    async def rows_after(
        self, conn: BaseDBAsyncClient, last_id: int, limit: int
    ) -> list[dict[str, Any]]:
        """Return up to `limit` visible paper rows with id > last_id, by id (for a rebuild)."""
        return await conn.execute_query_dict(
            f"SELECT {PAPER_COLUMNS} FROM paper p WHERE p.id > $1{_VISIBLE} "
            f"ORDER BY p.id LIMIT {int(limit)}",
            [last_id],
        )

    async def rows_of(self, conn: BaseDBAsyncClient, paper_ids: list[int]) -> list[dict[str, Any]]:
        """Return the visible paper rows among `paper_ids`."""
        return await conn.execute_query_dict(
            f"SELECT {PAPER_COLUMNS} FROM paper p WHERE p.id = ANY($1){_VISIBLE}", [paper_ids]
        )

    async def delete(self, conn: BaseDBAsyncClient, paper_ids: list[int]) -> None:
        """Remove the index rows of these papers."""
        await pg_faction.delete(conn, paper_ids)
        await conn.execute_query("DELETE FROM paper_search WHERE paper_id = ANY($1)", [paper_ids])

    async def write(self, conn: BaseDBAsyncClient, entries: list[IndexEntry]) -> None:
        """Write index rows for these entries (an existing row is replaced)."""
        if not entries:
            return
        await conn.execute_many(
            f"INSERT INTO paper_search (paper_id, tsv, date, kommune_id, kind, factions) "
            f"VALUES ($1, {_TSV}, $6, $7, $8, $9) ON CONFLICT (paper_id) DO UPDATE SET "
            "tsv = EXCLUDED.tsv, date = EXCLUDED.date, kommune_id = EXCLUDED.kommune_id, "
            "kind = EXCLUDED.kind, factions = EXCLUDED.factions",
            [
                [
                    e.paper_id,
                    *e.columns,
                    e.date,
                    e.kommune_id,
                    e.kind,
                    list(e.factions),
                    pg_buckets.lexemes(e.date),
                ]
                for e in entries
            ],
        )
        await pg_faction.copy_from_index(conn, [e.paper_id for e in entries])

    async def bulk_load(self, conn: BaseDBAsyncClient, *, done: bool) -> None:
        """Drop the GIN index before a rebuild of the whole index; after the load put the rows
        in date order (newest first) and build it."""
        if done:
            await conn.execute_script(f"{_CLUSTER}; {_GIN}; ANALYZE paper_search")
            pg_plan.forget(conn)
        else:
            await conn.execute_script("DROP INDEX IF EXISTS paper_search_tsv")

    async def reference_ids(
        self, conn: BaseDBAsyncClient, query: SearchQuery, kommune_id: int | None
    ) -> list[int]:
        """Return the ids of up to 5 papers whose Aktenzeichen is the query's, newest first."""
        params = Params(True)
        ref = params.add(query.reference)
        key = params.add(query.reference_key or query.reference)
        # reference_key is indexed (paper.reference is not): look both spellings up in it.
        sql = f"SELECT p.id FROM paper p WHERE p.reference_key IN ({ref}, {key})"
        sql += _filters(params, query, kommune_id)
        if query.faction:  # a handful of rows: their JSON is read, no index needed
            sql += f" AND p.factions::jsonb @> {params.add(json.dumps([query.faction]))}::jsonb"
        rows = await conn.execute_query_dict(sql + " ORDER BY p.date DESC LIMIT 5", params.values)
        return [int(r["id"]) for r in rows]

    async def filtered(
        self,
        conn: BaseDBAsyncClient,
        query: SearchQuery,
        kommune_id: int | None,
        page: int,
        offset: int,
    ) -> Page:
        """Return a page of papers passing the filters (no text), newest first."""
        _, negative = tsquery_expression(query)
        params = Params(True)
        if query.faction or kommune_id is not None or query.kinds:
            # Faction (GIN), Kommune ((kommune_id, date) btree) and kind are columns of
            # paper_search: drive from there, newest first; a bare seit: uses paper's date index.
            source, order = "paper_search s", pg_rank.INDEX_KEYS
            if query.faction:  # the faction's own list, newest first
                source, order = pg_faction.SOURCE, pg_faction.KEYS
            # paper_search's copies of Kommune, kind and date are the filters; repeating them on
            # paper would let the planner read every paper of the kind (a bitmap of 60k rows at
            # 300k papers) to count one Kommune's: only the visibility stays on paper.
            from_where = (
                f"FROM {source} JOIN paper p ON p.id = s.paper_id WHERE 1 = 1"
                + _index_filters(params, query, kommune_id, walk=True)
                + _VISIBLE
            )
        else:
            from_where = "FROM paper p WHERE 1 = 1" + _filters(params, query, kommune_id)
            order = "p.date DESC NULLS LAST, p.id DESC"
        if negative is not None:
            from_where += (
                " AND NOT EXISTS (SELECT 1 FROM paper_search n WHERE n.paper_id = p.id AND "
                f"n.tsv @@ to_tsquery('simple', {params.add(negative)}))"
            )
        count_params = list(params.values)
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
        return Page([int(r["id"]) for r in rows], min(total, MAX_COUNT), total > MAX_COUNT)

    async def ranked(
        self,
        conn: BaseDBAsyncClient,
        query: SearchQuery,
        kommune_id: int | None,
        page: int,
        offset: int,
        rank_cap: int,
        *,
        newest: bool = False,
    ) -> tuple[list[int], int]:
        """Rank the newest rank_cap matches by ts_rank, then date; return (page ids, matches).

        The candidates come from paper_search alone, in (date, paper_id) order and filtered on its
        indexed kommune_id/kind/date columns: no paper row is read for them. Only the ranked list
        is joined with paper (hidden, deleted and all filters again), lazily, until the page is
        full.
        """
        found = await pg_plan.stats(conn)
        walk = pg_plan.walk_by_date(query, found, rank_cap + 1)
        # GIN over a common word: first only the papers since a date that should hold the window
        # (BitmapAnd with the date index); all of them only when that window is not full.
        cut = None if walk else pg_plan.date_cut(query, found, rank_cap + 1, kommune_id)
        buckets = None
        if cut is not None:  # GIN itself keeps only the papers since the cut (`pg_buckets`)
            last = await conn.execute_query_dict("SELECT max(date) AS d FROM paper_search")
            if last and last[0]["d"] is not None:
                buckets = pg_buckets.since(cut, last[0]["d"])
        args = (conn, query, kommune_id, page, offset, rank_cap, newest, walk)
        ids, n = await self._ranked_once(*args, buckets)
        if buckets is not None and n <= rank_cap:
            ids, n = await self._ranked_once(*args, None)
        return ids, n

    async def _ranked_once(
        self,
        conn: BaseDBAsyncClient,
        query: SearchQuery,
        kommune_id: int | None,
        page: int,
        offset: int,
        rank_cap: int,
        newest: bool,
        walk: bool,
        buckets: str | None,
    ) -> tuple[list[int], int]:
        """Return (page ids, candidates up to rank_cap + 1) of one candidate query (with
        `buckets`, the `pg_buckets` tsquery of a date cut, only the papers since the cut)."""
        positive, negative = tsquery_expression(query)
        params = Params(True)
        q = params.add(positive)
        if walk:
            where = f"WHERE {pg_plan.candidate_match(query, walk, q)}"
            if negative is not None:
                neg = params.add(negative)
                where += f" AND NOT ts_match_vq(s.tsv, to_tsquery('simple', {neg}))"
        else:
            # GIN tests the excluded words itself (no row is read to drop them); the ranked
            # tsquery stays `q` (ts_rank would count a negated word).
            match = q if negative is None else params.add(f"({positive}) & !({negative})")
            cut = params.add(buckets) if buckets is not None else None
            where = f"WHERE {pg_plan.candidate_match(query, walk, match, cut)}"
        where += _index_filters(params, query, kommune_id, walk=walk)
        source = pg_faction.SOURCE if walk and query.faction else "paper_search s"
        candidates = pg_rank.candidates_sql(where, rank_cap, walk=walk, q=q, source=source)
        count_values = list(params.values)
        paper_filters = _filters(params, query, kommune_id)
        sql = pg_rank.ranked_sql(
            candidates, params, rank_cap, paper_filters, page, offset, walk=walk, newest=newest, q=q
        )
        rows = await conn.execute_query_dict(sql, params.values)
        if rows:
            return [int(r["id"]) for r in rows], int(rows[0]["n"])
        count = await conn.execute_query_dict(
            f"SELECT count(*) AS n FROM ({candidates}) AS c", count_values
        )
        return [], int(count[0]["n"])

    async def hit_rows(self, conn: BaseDBAsyncClient, ids: list[int]) -> list[dict[str, Any]]:
        """Return the paper rows (with Kommune name and the first 6000 body chars) to show."""
        return await conn.execute_query_dict(
            f"SELECT {HIT_COLUMNS} FROM paper p JOIN kommune k ON k.id = p.kommune_id "
            "WHERE p.id = ANY($1)",
            [ids],
        )

    async def title_question_matches(
        self, conn: BaseDBAsyncClient, term: str, kommune_id: int, kinds: Sequence[str], limit: int
    ) -> list[int]:
        """Return ids of up to `limit` visible papers with the stem in their title or questions."""
        rows = await conn.execute_query_dict(
            "SELECT s.paper_id AS id FROM paper_search s JOIN paper p ON p.id = s.paper_id "
            "WHERE s.tsv @@ to_tsquery('simple', $1) AND s.kommune_id = $2 "
            f"AND s.kind = ANY($3){_VISIBLE} LIMIT $4",
            [f"{term}:AB", kommune_id, list(kinds), limit],
        )
        return [int(r["id"]) for r in rows]
