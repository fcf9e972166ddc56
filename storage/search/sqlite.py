"""The SQLite search backend (I/O): an FTS5 table over the stems, ranked by bm25.

FTS5 table `paper_fts` with columns title, questions, body (stems in order: phrases work), parts
(compound parts, a bag of words) and meta (filter tokens "_k<kommune id>", "_t<kind>",
"_f<faction>", which no query word can spell), with a prefix index for 3 letters. Its
rowid is a recency key, date (days) << 32 | paper id, so FTS5 walks matches newest first;
`paper_fts_key` maps paper id → key for deletes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from storage import textnorm
from storage.query import SearchQuery
from storage.search import sqlite_plan, sqlite_prefix, sqlite_rank
from storage.search.backend import HIT_COLUMNS, MAX_COUNT, PAPER_COLUMNS, Page, Params
from storage.search.sqlite_prefix import prefix_phrase
from storage.search.terms import IndexEntry

# The low 32 bits of a FTS rowid are the paper id, the bits above the date (days).
_ID_BITS = 32
_ID_MASK = (1 << _ID_BITS) - 1
_DDL = (
    # '_' is a token character only so that the meta tokens cannot be typed: stems are [a-z0-9].
    "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts USING fts5("
    "title, questions, body, parts, meta, tokenize=\"ascii tokenchars '_'\", detail=full, "
    # A prefix index for 3 letters: "Sta*" reads one doclist instead of merging those of every
    # word starting with "sta" (query.MIN_PREFIX_CHARS refuses shorter prefixes). Each prefix
    # length costs about 1.1 kB per paper (docs/benchmarks.md); longer prefixes are selective.
    "prefix='3')",
    "CREATE TABLE IF NOT EXISTS paper_fts_key (paper_id INTEGER PRIMARY KEY, key INTEGER NOT NULL)",
    # Its terms, for the expansion of long prefixes (sqlite_prefix) and the vocabulary.
    sqlite_prefix.VOCAB_DDL,
)
_DROP = ("DROP TABLE IF EXISTS paper_fts", "DROP TABLE IF EXISTS paper_fts_key")
# bm25 column weights (title, questions, body, parts, meta).
_BM25 = "bm25(paper_fts, 10.0, 4.0, 1.0, 1.0, 0.0)"
_VISIBLE = " AND p.hidden = 0 AND p.deleted = 0"
# FTS5's segment-merge settings (its defaults), and crisismerge during a rebuild (bulk_load).
_AUTOMERGE, _CRISISMERGE, _BULK_CRISISMERGE = 4, 16, 64


async def _merge_settings(conn: BaseDBAsyncClient, *, automerge: int, crisismerge: int) -> None:
    """Store FTS5's segment-merge settings of paper_fts."""
    for name, value in (("automerge", automerge), ("crisismerge", crisismerge)):
        await conn.execute_query(
            "INSERT INTO paper_fts (paper_fts, rank) VALUES (?, ?)", [name, int(value)]
        )


def recency_key(paper_id: int, day: date | None) -> int:
    """Return a paper's FTS rowid: newer papers sort higher, no date sorts lowest. Pure."""
    return ((day.toordinal() if day else 0) << _ID_BITS) | paper_id


def fts5_expression(
    query: SearchQuery, expanded: Mapping[str, Sequence[str] | None] | None = None
) -> tuple[str | None, str | None]:
    """Return the FTS5 MATCH expressions (positive, negative) of a query, None if absent. Pure.

    `expanded` holds, per long prefix, the indexed words it starts (`sqlite_prefix`).
    """
    positive = [sqlite_rank.match_of(t) for t in query.terms]
    positive += [prefix_phrase(p, (expanded or {}).get(p)) for p in query.prefixes]
    positive += [sqlite_rank.match_of(ph) for ph in query.phrases]
    negative = ['"' + " ".join(ex) + '"' for ex in query.excluded]
    return (
        " AND ".join(positive) or None,
        " OR ".join(negative) or None,
    )


def _kommune_token(kommune_id: int) -> str:
    return f"_k{kommune_id}"


def _kind_token(kind: str) -> str:
    return "_t" + "".join(c for c in textnorm.fold(kind) if c.isascii() and c.isalnum())


def _faction_token(faction: str) -> str:
    return "_f" + "".join(c for c in textnorm.fold(faction) if c.isascii() and c.isalnum())


def _meta_tokens(entry: IndexEntry) -> str:
    tokens = [_kommune_token(entry.kommune_id), _kind_token(entry.kind)]
    return " ".join(tokens + [_faction_token(f) for f in entry.factions])


def meta_match(query: SearchQuery, kommune_id: int | None) -> str | None:
    """Return the FTS5 MATCH text of the Kommune/kind/faction filters, None if none is set. Pure.

    The filters are tokens of the indexed meta column: FTS5 intersects their doclists with the
    words', skipping through each, so a rare filter narrows first and a common one costs little.
    """
    parts = []
    if kommune_id is not None:
        parts.append(f'meta : "{_kommune_token(kommune_id)}"')
    if query.kinds:
        parts.append("meta : (" + " OR ".join(f'"{_kind_token(k)}"' for k in query.kinds) + ")")
    if query.faction:
        parts.append(f'meta : "{_faction_token(query.faction)}"')
    return " AND ".join(parts) or None


def match_text(positive: str | None, negative: str | None, meta: str | None) -> str:
    """Return the FTS5 MATCH text: the query's words and its filter tokens. Pure."""
    match = " AND ".join(f"({m})" for m in (positive, meta) if m)
    return match if negative is None else f"({match}) NOT ({negative})"


def _filters(params: Params, query: SearchQuery, kommune_id: int | None) -> str:
    """Return the SQL filters on the paper row (the faction is matched in the index only)."""
    sql = _VISIBLE
    if kommune_id is not None:
        sql += f" AND p.kommune_id = {params.add(kommune_id)}"
    if query.kinds:
        sql += " AND p.kind IN (" + ", ".join(params.add(k) for k in query.kinds) + ")"
    if query.since:
        sql += f" AND p.date >= {params.add(query.since.isoformat())}"
    return sql


async def _visible_ids(
    conn: BaseDBAsyncClient, ranked: list[int], page: int, offset: int
) -> list[int]:
    """Return the page of `ranked` paper ids without papers hidden or deleted since they were
    indexed (as `_visible_page`, for ids already ordered)."""
    want = offset + page
    for limit in (want + 20, None):
        chosen = ranked if limit is None else ranked[:limit]
        found = await conn.execute_query_dict(
            "SELECT p.id FROM paper p WHERE p.id IN (SELECT value FROM json_each(?))" + _VISIBLE,
            [json.dumps(chosen)],
        )
        shown = {int(r["id"]) for r in found}
        visible = [i for i in chosen if i in shown]
        if len(visible) >= want or limit is None or len(chosen) < limit:
            return visible[offset:want]
    raise AssertionError("unreachable")


async def _visible_page(
    conn: BaseDBAsyncClient, sql: str, values: list[Any], page: int, offset: int
) -> list[int]:
    """Return the page of paper ids that `sql` lists in order, without papers hidden or deleted
    since they were indexed (hiding re-indexes a paper, so they are rare): the ids are read
    with a little slack, and all of them only if that was not enough."""
    want = offset + page
    for limit in (want + 20, None):
        rows = await conn.execute_query_dict(
            sql + ("" if limit is None else f" LIMIT {int(limit)}"), values
        )
        ranked = [int(r["id"]) for r in rows]
        found = await conn.execute_query_dict(
            "SELECT p.id FROM paper p WHERE p.id IN (SELECT value FROM json_each(?))" + _VISIBLE,
            [json.dumps(ranked)],
        )
        shown = {int(r["id"]) for r in found}
        visible = [i for i in ranked if i in shown]
        if len(visible) >= want or limit is None or len(ranked) < limit:
            return visible[offset:want]
    raise AssertionError("unreachable")


async def _checked_matches(
    conn: BaseDBAsyncClient,
    query: SearchQuery,
    negative: str | None,
    meta: str | None,
    lower: int | None,
) -> list[sqlite_rank.StoredRow] | None:
    """Return every match of a query of words, newest first, found by intersecting its rare
    words in FTS5 and checking its dense ones on the candidates' stored stems; None when the
    query has no rare and dense words or the rare ones have too many candidates
    (`sqlite_rank.checked_matches`). A dense word's doclist is not read at all."""
    if query.phrases or query.prefixes or len(set(query.terms)) < 2:
        return None
    common = await sqlite_plan.common_terms(conn, query.terms)
    freqs = await sqlite_rank.doc_freqs(conn, [t for t in query.terms if t not in common])
    rows = await sqlite_rank.row_count(conn)
    dense = sqlite_rank.dense_words(query.terms, freqs, common, rows)
    if not dense:
        return None
    rare = " AND ".join(f'"{t}"' for t in query.terms if t not in dense)
    return await sqlite_rank.checked_matches(conn, match_text(rare, negative, meta), lower, dense)


class SqliteSearch:
    """The search index on SQLite (FTS5)."""

    layout = ""  # its layout changes bump _SCHEMA_VERSION (storage/search/__init__.py)

    async def create(self, conn: BaseDBAsyncClient, *, drop_first: bool) -> None:
        """Create the index tables if absent (dropping an old layout first when told)."""
        for ddl in (*_DROP, *_DDL) if drop_first else _DDL:
            await conn.execute_script(ddl)
        await _merge_settings(conn, automerge=_AUTOMERGE, crisismerge=_CRISISMERGE)

    async def read_version(self, conn: BaseDBAsyncClient) -> str | None:
        """Return the stored version mark of the index, None if there is none."""
        rows = await conn.execute_query_dict(
            "SELECT value FROM search_meta WHERE key = ?", ["version"]
        )
        return str(rows[0]["value"]) if rows else None

    async def write_version(self, conn: BaseDBAsyncClient, version: str) -> None:
        """Store the version mark of the index."""
        await conn.execute_query(
            "INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)", ["version", version]
        )

    async def clear(self, conn: BaseDBAsyncClient) -> None:
        """Delete every index row."""
        await conn.execute_script("DELETE FROM paper_fts; DELETE FROM paper_fts_key")
        sqlite_plan.forget(conn)
        sqlite_prefix.forget(conn)
        sqlite_rank.forget(conn)

    async def rows_after(
        self, conn: BaseDBAsyncClient, last_id: int, limit: int
    ) -> list[dict[str, Any]]:
        """Return up to `limit` visible paper rows with id > last_id, by id (for a rebuild)."""
        return await conn.execute_query_dict(
            f"SELECT {PAPER_COLUMNS} FROM paper p WHERE p.id > ?{_VISIBLE} "
            f"ORDER BY p.id LIMIT {int(limit)}",
            [last_id],
        )

    async def rows_of(self, conn: BaseDBAsyncClient, paper_ids: list[int]) -> list[dict[str, Any]]:
        """Return the visible paper rows among `paper_ids`."""
        return await conn.execute_query_dict(
            f"SELECT {PAPER_COLUMNS} FROM paper p "
            f"WHERE p.id IN (SELECT value FROM json_each(?)){_VISIBLE}",
            [json.dumps(paper_ids)],
        )

    async def delete(self, conn: BaseDBAsyncClient, paper_ids: list[int]) -> None:
        """Remove the index rows of these papers."""
        ids = json.dumps(paper_ids)
        await conn.execute_query(
            "DELETE FROM paper_fts WHERE rowid IN (SELECT key FROM paper_fts_key "
            "WHERE paper_id IN (SELECT value FROM json_each(?)))",
            [ids],
        )
        await conn.execute_query(
            "DELETE FROM paper_fts_key WHERE paper_id IN (SELECT value FROM json_each(?))", [ids]
        )

    async def write(self, conn: BaseDBAsyncClient, entries: list[IndexEntry]) -> None:
        """Write index rows for these entries (any old rows must be deleted first)."""
        if not entries:
            return
        keys = [recency_key(e.paper_id, e.date) for e in entries]
        await conn.execute_many(
            "INSERT INTO paper_fts (rowid, title, questions, body, parts, meta) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [[key, *e.columns, _meta_tokens(e)] for key, e in zip(keys, entries, strict=True)],
        )
        await conn.execute_many(
            "INSERT OR REPLACE INTO paper_fts_key (paper_id, key) VALUES (?, ?)",
            [[e.paper_id, key] for key, e in zip(keys, entries, strict=True)],
        )

    async def bulk_load(self, conn: BaseDBAsyncClient, *, done: bool) -> None:
        """Prepare for a rebuild of the whole index, or finish one (merge FTS5's segments).

        During a rebuild FTS5 does not merge segments as it goes (`automerge` 0, `crisismerge`
        _BULK_CRISISMERGE): each row's postings are merged once or twice instead of at every level
        of 4, and the final `optimize` merges everything into one segment. The settings are
        FTS5's stored config: finishing (and `create`, after an interrupted rebuild) restores
        the defaults."""
        if not done:
            await _merge_settings(conn, automerge=0, crisismerge=_BULK_CRISISMERGE)
            return
        await conn.execute_query("INSERT INTO paper_fts (paper_fts) VALUES ('optimize')")
        await _merge_settings(conn, automerge=_AUTOMERGE, crisismerge=_CRISISMERGE)

    async def reference_ids(
        self, conn: BaseDBAsyncClient, query: SearchQuery, kommune_id: int | None
    ) -> list[int]:
        """Return the ids of up to 5 papers whose Aktenzeichen is the query's, newest first."""
        params = Params(False)
        ref = params.add(query.reference)
        key = params.add(query.reference_key or query.reference)
        # reference_key is indexed (paper.reference is not): look both spellings up in it.
        sql = f"SELECT p.id FROM paper p WHERE p.reference_key IN ({ref}, {key})"
        sql += _filters(params, query, kommune_id)
        if query.faction:  # a handful of rows: their JSON is read, no index needed
            sql += (
                " AND EXISTS (SELECT 1 FROM json_each(p.factions) f "
                f"WHERE f.value = {params.add(query.faction)})"
            )
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
        """Return a page of papers passing the filters (no text), newest first.

        Kommune, kind and faction are index tokens: FTS5 walks their intersection newest first
        (rowid order is date order). Only a bare seit: reads the paper table's date index.
        """
        _, negative = fts5_expression(query)
        meta = meta_match(query, kommune_id)
        params = Params(False)
        if meta is not None:
            # Kommune, kind, faction and seit: are all in the index: no paper row is read.
            where = f"WHERE paper_fts MATCH {params.add(match_text(None, negative, meta))}"
            if query.since:
                where += f" AND rowid >= {params.add(recency_key(0, query.since))}"
            count_rows = await conn.execute_query_dict(
                f"SELECT count(*) AS n FROM (SELECT rowid FROM paper_fts {where} "
                f"ORDER BY rowid DESC LIMIT {MAX_COUNT + 1})",
                params.values,
            )
            sql = f"SELECT rowid & {_ID_MASK} AS id FROM paper_fts {where} ORDER BY rowid DESC"
            ids = await _visible_page(conn, sql, params.values, page, offset)
        else:
            from_where = "FROM paper p WHERE 1 = 1"
            if negative is not None:
                from_where += (
                    f" AND p.id NOT IN (SELECT rowid & {_ID_MASK} FROM paper_fts WHERE paper_fts "
                    f"MATCH {params.add(negative)})"
                )
            from_where += _filters(params, query, kommune_id)
            count_params = list(params.values)
            rows = await conn.execute_query_dict(
                f"SELECT p.id {from_where} ORDER BY p.date DESC, p.id DESC "
                f"LIMIT {params.add(page)} OFFSET {params.add(offset)}",
                params.values,
            )
            ids = [int(r["id"]) for r in rows]
            count_rows = await conn.execute_query_dict(
                f"SELECT count(*) AS n FROM (SELECT p.id {from_where} LIMIT {MAX_COUNT + 1}) AS m",
                count_params,
            )
        total = int(count_rows[0]["n"])
        return Page(ids, min(total, MAX_COUNT), total > MAX_COUNT)

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
        """Rank the newest rank_cap matches by bm25, then date; return (page ids, matches).

        FTS5 walks the matches in rowid order, i.e. newest first, and stops after rank_cap + 1:
        those keys are the window (read once). The window is scored by bm25 over the words that
        count (`storage.search.sqlite_plan`: not prefixes, not words in most papers) within its
        rowid range, or from its stored stems where that is cheaper (`sqlite_rank`); with none,
        it stays newest first. Rare words with dense ones may be answered from the rare words'
        candidates alone (`_checked_matches`); a plain query of dense words ranks only its newest
        `sqlite_plan.DENSE_WINDOW` matches, the older ones following newest first, and counts
        the rest by estimate (`sqlite_plan.window`). Every filter is in the MATCH text or the rowid
        range, so no paper row is read: a paper row's `hidden`/`deleted` sit behind its full
        text (overflow pages). Only the page is checked for them.
        """
        expanded = await sqlite_prefix.expansions(conn, query.prefixes)
        positive, negative = fts5_expression(query, expanded)
        assert positive is not None
        meta = meta_match(query, kommune_id)
        match = match_text(positive, negative, meta)
        lower = recency_key(0, query.since) if query.since else None
        checked = await _checked_matches(conn, query, negative, meta, lower)
        if checked is not None:  # few candidates of the rare words, the dense ones checked
            common = set() if newest else await sqlite_plan.common_terms(conn, query.terms)
            words = [t for t in query.terms if t not in common]
            ranked = [r[0] for r in checked[:rank_cap]]
            if words and not newest:
                freqs = await sqlite_rank.doc_freqs(conn, words)
                ranked = await sqlite_rank.rank_rows(conn, checked[:rank_cap], words, freqs)
            ids = [k & _ID_MASK for k in ranked]
            return await _visible_ids(conn, ids, page, offset), len(checked)
        params = Params(False)
        where = f"WHERE paper_fts MATCH {params.add(match)}"
        if lower is not None:
            where += f" AND rowid >= {params.add(lower)}"
        # The window's keys, newest first (one walk: its length is also the count of matches).
        # A query of dense words ranks only its newest matches (sqlite_plan.window): the walk
        # then also reads the older matches its page shows after them, newest first.
        filtered = negative is not None or lower is not None
        plan = await sqlite_plan.planned_window(
            conn, query, rank_cap, tokens=meta is not None, filtered=filtered
        )
        size = plan.size
        if plan.counted:  # narrowed only beyond plan.counted matches, counted by this walk
            walk = max(plan.counted, offset + page + 20) + 1
        else:
            walk = max(size, offset + page + 20) + 1 if plan.expected else size + 1
        found = await sqlite_rank.newest_keys(conn, where, params.values, walk)
        narrowed = bool(plan.expected) or 0 < plan.counted < len(found)
        if plan.counted and not narrowed:  # every match found: all of them are ranked
            size = rank_cap
        keys, matches = found[:size], len(found)
        older = [k & _ID_MASK for k in found[size : walk - 1]]
        if plan.expected and len(found) == walk:  # not all walked: the words' expected count
            matches = max(matches, plan.expected)
        if matches == 0:
            return [], 0
        if len(found) > size:
            lower = keys[-1]
        common = set() if newest else await sqlite_plan.common_terms(conn, query.terms)
        scored = None if newest else sqlite_plan.rank_expression(query, common)
        if scored is None:  # nothing to score, or newest first asked for: the keys' order
            ids = [k & _ID_MASK for k in keys] + older
            return await _visible_ids(conn, ids, page, offset), matches
        if narrowed or not query.phrases:
            # bm25 computed from the window's stored stems where that costs less than bm25's
            # IDF walks (storage.search.sqlite_rank), always for a narrowed window; the same
            # scores either way. Words, then phrases, as in the MATCH.
            items: list[sqlite_rank.Scored] = [t for t in query.terms if t not in common]
            items += list(query.phrases)
            freqs = await sqlite_rank.doc_freqs(conn, items)
            if narrowed or sqlite_rank.pays((freqs[w] for w in items), len(keys)):
                ranked = await sqlite_rank.rank(conn, keys, items, freqs)
                ids = [k & _ID_MASK for k in ranked] + older
                return await _visible_ids(conn, ids, page, offset), matches
        params = Params(False)
        if scored == positive:
            # Every word counts: one walk scores the window (filter tokens and the negation
            # have no instances in it, so the scores are those of `scored` alone).
            in_window = f"WHERE paper_fts MATCH {params.add(match)}"
            if lower is not None:
                in_window += f" AND rowid >= {params.add(lower)}"
            sql = (
                f"SELECT rowid & {_ID_MASK} AS id, {_BM25} AS score FROM paper_fts "
                f"{in_window} ORDER BY score, rowid DESC"
            )
        else:
            # bm25 over the scored words alone, within the window's rowid range (the filter
            # tokens stay in its MATCH: weight 0, so the scores are those of `scored` alone, and
            # the walk reads the window's range of the filtered papers); joined with the window's
            # keys (read above, not walked again).
            bottom, high = keys[-1], keys[0]
            sql = (
                f"WITH w AS MATERIALIZED (SELECT value AS k FROM json_each("
                f"{params.add(json.dumps(keys))})), s AS MATERIALIZED (SELECT rowid AS k, "
                f"{_BM25} AS score FROM paper_fts WHERE paper_fts MATCH "
                f"{params.add(match_text(scored, None, meta))} AND rowid BETWEEN "
                f"{params.add(bottom)} AND {params.add(high)}) "
                f"SELECT s.k & {_ID_MASK} AS id FROM s JOIN w ON w.k = s.k "
                # rowid DESC is date DESC, id DESC (no date last) among equal scores.
                "ORDER BY s.score, s.k DESC"
            )
        return await _visible_page(conn, sql, params.values, page, offset), matches

    async def hit_rows(self, conn: BaseDBAsyncClient, ids: list[int]) -> list[dict[str, Any]]:
        """Return the paper rows (with Kommune name and the first 6000 body chars) to show."""
        return await conn.execute_query_dict(
            f"SELECT {HIT_COLUMNS} FROM paper p JOIN kommune k ON k.id = p.kommune_id "
            "WHERE p.id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )

    async def title_question_matches(
        self, conn: BaseDBAsyncClient, term: str, kommune_id: int, kinds: Sequence[str], limit: int
    ) -> list[int]:
        """Return ids of up to `limit` visible papers with the stem in their title or questions."""
        match = f'{{title questions}} : "{term}" AND meta : "{_kommune_token(kommune_id)}"'
        if kinds:
            match += " AND meta : (" + " OR ".join(f'"{_kind_token(k)}"' for k in kinds) + ")"
        rows = await conn.execute_query_dict(
            f"SELECT p.id AS id FROM paper_fts CROSS JOIN paper p "
            f"ON p.id = (paper_fts.rowid & {_ID_MASK}) WHERE paper_fts MATCH ?{_VISIBLE} LIMIT ?",
            [match, limit],
        )
        return [int(r["id"]) for r in rows]
