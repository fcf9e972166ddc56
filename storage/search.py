"""Full-text search over papers (I/O): SQLite FTS5 or PostgreSQL tsvector, one interface.

Both backends index the same terms, computed in Python by `storage.textnorm` (folded Snowball
stems in order, plus compound parts), so "Schulen" finds "Schule" and "Grundschule" finds
"Grundschulsanierung" on SQLite and PostgreSQL alike:

- SQLite: FTS5 table `paper_fts` (rowid = paper id) with columns title, questions, body (stems in
  order: phrases work) and parts (compound parts, a bag of words); ranked by bm25.
- PostgreSQL: table `paper_search` (paper_id, tsv) with a GIN index; tsv is
  `to_tsvector('simple', …)` over the same stems, weighted A title, B questions, C body, D parts.
  The 'simple' configuration, not 'german': the stems are already German, and 'german' would
  neither split compounds nor agree with SQLite. Ranked by ts_rank.

User text never reaches SQL: a SearchQuery holds only [a-z0-9] stems, which are joined into an FTS5
or tsquery expression passed as a bound parameter. Einwohneranfragen (citizen inquiries): the
submitter's name is never indexed, not even where it appears in the full text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection

from storage import textnorm
from storage.query import QueryError, SearchQuery

log = logging.getLogger(__name__)

# Index at most this much full text per paper: keeps a PostgreSQL tsvector far below its 1 MB limit
# and phrase positions below its 16383 cap; the first 200k characters hold the question and answer.
MAX_INDEXED_CHARS = 200_000
# Counting stops here: "mehr als 1000 Treffer" is all a chat needs, and counting is the slow part.
MAX_COUNT = 1000
SNIPPET_CHARS = 200
_BATCH = 500

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts USING fts5("
    "title, questions, body, parts, tokenize='ascii', detail=full)",
    "CREATE TABLE IF NOT EXISTS search_meta (key VARCHAR(50) PRIMARY KEY, value TEXT NOT NULL)",
)
_PG_DDL = (
    "CREATE TABLE IF NOT EXISTS paper_search ("
    "paper_id INTEGER PRIMARY KEY REFERENCES paper(id) ON DELETE CASCADE, tsv TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS paper_search_tsv ON paper_search USING GIN (tsv)",
    "CREATE TABLE IF NOT EXISTS search_meta (key VARCHAR(50) PRIMARY KEY, value TEXT NOT NULL)",
)
# bm25 column weights (title, questions, body, parts) and ts_rank weights {D, C, B, A}.
_BM25 = "bm25(paper_fts, 10.0, 4.0, 1.0, 1.0)"
_PG_WEIGHTS = "'{0.2, 0.2, 0.5, 1.0}'"
_PG_TSV = (
    "setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || "
    "setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D')"
)
_SUBMITTER_LINE = re.compile(r"eingereicht\s+von:?\s*\n?[^\n]*", re.IGNORECASE)


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
    return f"textnorm-{textnorm.VERSION}"


async def ensure_index() -> None:
    """Create the dialect-specific search index if absent; rebuild it when its terms changed."""
    conn = _conn()
    for ddl in _PG_DDL if _is_pg(conn) else _SQLITE_DDL:
        await conn.execute_script(ddl)
    rows = await conn.execute_query_dict(
        "SELECT value FROM search_meta WHERE key = " + ("$1" if _is_pg(conn) else "?"),
        ["version"],
    )
    if rows and rows[0]["value"] == _index_version():
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
        "DELETE FROM paper_search" if _is_pg(conn) else "DELETE FROM paper_fts"
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
        await conn.execute_query(
            "DELETE FROM paper_fts WHERE rowid IN (SELECT value FROM json_each(?))",
            [json.dumps(paper_ids)],
        )


def _paper_rows_sql(conn: BaseDBAsyncClient, where: str) -> str:
    pg = _is_pg(conn)
    where = where.format("$1" if pg else "?", f="false" if pg else "0")
    return (
        "SELECT p.id, p.title, p.questions, p.summary, p.full_text, p.submitters, "
        "p.citizen_inquiry FROM paper p WHERE " + where
    )


async def _write_rows(conn: BaseDBAsyncClient, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    values = [[row["id"], *index_columns(row)] for row in rows]
    if _is_pg(conn):
        await conn.execute_many(
            f"INSERT INTO paper_search (paper_id, tsv) VALUES ($1, {_PG_TSV}) "
            "ON CONFLICT (paper_id) DO UPDATE SET tsv = EXCLUDED.tsv",
            values,
        )
    else:
        await conn.execute_many(
            "INSERT INTO paper_fts (rowid, title, questions, body, parts) VALUES (?, ?, ?, ?, ?)",
            values,
        )


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


def _private_names(row: dict[str, Any]) -> set[str]:
    """Return the folded name words of a citizen inquiry's submitters (never to be indexed)."""
    if not row.get("citizen_inquiry"):
        return set()
    return {t for name in _texts(_json_list(row.get("submitters"))) for t in textnorm.tokens(name)}


def _scrub(text: str, names: set[str]) -> str:
    """Remove the submitter line and every name word from a citizen inquiry's text."""
    text = _SUBMITTER_LINE.sub(" ", text)
    if not names:
        return text
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 1)
    if not pattern:
        return text
    return re.sub(rf"\b(?:{pattern})\b", "…", text, flags=re.IGNORECASE)


def index_columns(row: dict[str, Any]) -> tuple[str, str, str, str]:
    """Return the (title, questions, body, parts) term strings to index for a paper row. Pure."""
    names = _private_names(row)
    title = str(row.get("title") or "")
    questions = "\n".join(_texts(_json_list(row.get("questions"))))
    body = "\n".join(
        t for t in (row.get("summary") or "", (row.get("full_text") or "")[:MAX_INDEXED_CHARS]) if t
    )
    if row.get("citizen_inquiry"):
        title, questions, body = (_scrub(t, names) for t in (title, questions, body))
    else:
        # A council member's name is public and a useful search word ("Anfrage Müller").
        body = "\n".join([*_texts(_json_list(row.get("submitters"))), body])
    private = {textnorm.stem(n) for n in names}
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


async def search(query: SearchQuery, *, limit: int = 10, offset: int = 0) -> SearchResult:
    """Return papers matching a query: an Aktenzeichen's paper first, then relevance, recency.

    Raises QueryError for an unknown Kommune.
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
    if (positive is not None or query.has_filters) and not (only_reference and not query.prefixes):
        params = _Params(pg)
        score, from_where, order = _ranked_sql(pg, params, positive, negative)
        from_where += filters(params)
        count_params = list(params.values)
        page_sql = (
            f"SELECT p.id, {score} AS score {from_where} ORDER BY {order}"
            f" LIMIT {params.add(limit + len(first))} OFFSET {params.add(offset)}"
        )
        ids = [int(r["id"]) for r in await conn.execute_query_dict(page_sql, params.values)]
        count_rows = await conn.execute_query_dict(
            f"SELECT count(*) AS n FROM (SELECT p.id {from_where} LIMIT {MAX_COUNT + 1}) AS m",
            count_params,
        )
        total = int(count_rows[0]["n"])
        capped = total > MAX_COUNT
        total = min(total, MAX_COUNT)
    # The Aktenzeichen's paper need not match the text (its own number is rarely in its text).
    total += len([i for i in first if i not in ids])
    ordered = (first + [i for i in ids if i not in first])[:limit]
    hits = await _hits(conn, ordered, query)
    return SearchResult(tuple(hits), total, capped)


def _ranked_sql(
    pg: bool, params: _Params, positive: str | None, negative: str | None
) -> tuple[str, str, str]:
    """Return (score expression, FROM … WHERE … without filters, ORDER BY) for the text part."""
    if positive is None:  # filters only: newest first
        from_where = "FROM paper p WHERE 1 = 1"
        if negative is not None and pg:
            from_where += (
                " AND NOT EXISTS (SELECT 1 FROM paper_search s WHERE s.paper_id = p.id AND "
                f"s.tsv @@ to_tsquery('simple', {params.add(negative)}))"
            )
        elif negative is not None:
            from_where += (
                " AND p.id NOT IN (SELECT rowid FROM paper_fts WHERE paper_fts MATCH "
                f"{params.add(negative)})"
            )
        return (
            "0",
            from_where,
            "p.date DESC, p.id DESC" if not pg else ("p.date DESC NULLS LAST, p.id DESC"),
        )
    if pg:
        q = params.add(positive)
        from_where = (
            f"FROM paper_search s JOIN paper p ON p.id = s.paper_id "
            f"WHERE s.tsv @@ to_tsquery('simple', {q})"
        )
        if negative is not None:
            from_where += f" AND NOT (s.tsv @@ to_tsquery('simple', {params.add(negative)}))"
        score = f"ts_rank({_PG_WEIGHTS}, s.tsv, to_tsquery('simple', {q}))"
        return score, from_where, "score DESC, p.date DESC NULLS LAST, p.id DESC"
    match = positive if negative is None else f"({positive}) NOT ({negative})"
    from_where = (
        "FROM paper_fts JOIN paper p ON p.id = paper_fts.rowid "
        f"WHERE paper_fts MATCH {params.add(match)}"
    )
    return _BM25, from_where, "score, p.date DESC, p.id DESC"


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
        if row["citizen_inquiry"]:
            texts = [_scrub(t, names) for t in texts]
        raw_date = row["date"]
        hits.append(
            SearchHit(
                paper_id=paper_id,
                reference=row["reference"],
                title=str(row["title"]),
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
