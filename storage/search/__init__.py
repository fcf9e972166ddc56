"""Full-text search over papers (I/O): one interface, an SQLite (FTS5) and a PostgreSQL backend.

Both backends index the same terms, computed in Python (`storage.search.terms` over
`storage.textnorm`: folded Snowball stems in order, plus compound parts), so "Schulen" finds
"Schule" and "Grundschule" finds "Grundschulsanierung" on SQLite and PostgreSQL alike. The SQL of
each lives in its module (`storage.search.sqlite`, `storage.search.postgres`), behind the
`SearchBackend` interface; this module does what is the same on both.

Ranking is relevance, then recency, over at most RANK_CAP candidates: when more papers match, only
the newest RANK_CAP matches (after the Kommune/kind/date filters) are scored. A rare query is
ranked over all its matches; a common word ("Stadt") costs a bounded amount of work.

User text never reaches SQL: a SearchQuery holds only [a-z0-9] stems, which are joined into an FTS5
or tsquery expression passed as a bound parameter.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection

from storage import textnorm
from storage.query import QueryError, SearchQuery
from storage.search.backend import (
    BATCH,
    MAX_COUNT,
    ORDER_NEWEST,
    ORDER_RELEVANCE,
    ORDERS,
    RANK_CAP,
    SearchBackend,
    SearchHit,
    SearchResult,
)
from storage.search.postgres import PostgresSearch, tsquery_expression
from storage.search.sqlite import SqliteSearch, fts5_expression, recency_key
from storage.search.terms import (
    MAX_INDEXED_CHARS,
    SNIPPET_CHARS,
    IndexEntry,
    as_date,
    hit_texts,
    hit_title,
    index_columns,
    index_entries,
    json_list,
    snippet,
)

__all__ = [
    "MAX_COUNT",
    "MAX_INDEXED_CHARS",
    "ORDERS",
    "ORDER_NEWEST",
    "ORDER_RELEVANCE",
    "RANK_CAP",
    "SNIPPET_CHARS",
    "SearchHit",
    "SearchResult",
    "ensure_index",
    "fts5_expression",
    "index_columns",
    "index_paper",
    "index_papers",
    "recency_key",
    "reindex_all",
    "remove_paper",
    "search",
    "snippet",
    "tsquery_expression",
]

log = logging.getLogger(__name__)

# Bump when the layout of the search tables changes: ensure_index then drops and rebuilds them.
_SCHEMA_VERSION = 4
_META_DDL = (
    "CREATE TABLE IF NOT EXISTS search_meta (key VARCHAR(50) PRIMARY KEY, value TEXT NOT NULL)"
)
_SQLITE = SqliteSearch()
_POSTGRES = PostgresSearch()


def _conn() -> BaseDBAsyncClient:
    return get_connection("default")


def _backend(conn: BaseDBAsyncClient) -> SearchBackend:
    return _POSTGRES if str(conn.capabilities.dialect) == "postgres" else _SQLITE


def _index_version(backend: SearchBackend | None = None) -> str:
    # A backend's own layout mark (PostgreSQL: `postgres.LAYOUT`) rebuilds only that backend.
    layout = backend.layout if backend is not None else ""
    return f"textnorm-{textnorm.VERSION}-schema-{_SCHEMA_VERSION}" + (
        f"-{layout}" if layout else ""
    )


async def ensure_index() -> None:
    """Create the dialect-specific search index if absent; rebuild it when its terms or layout
    changed (the old tables are dropped first, so a new layout replaces an old one)."""
    conn = _conn()
    backend = _backend(conn)
    await conn.execute_script(_META_DDL)
    current = await backend.read_version(conn) == _index_version(backend)
    await backend.create(conn, drop_first=not current)
    if current:
        return
    count = await reindex_all()
    await backend.write_version(conn, _index_version(backend))
    if count:
        log.info("search index rebuilt papers=%d version=%s", count, _index_version(backend))


async def reindex_all(
    executor: Executor | None = None,
    workers: int = 1,
    entries_of: Callable[[Sequence[dict[str, Any]]], list[IndexEntry]] = index_entries,
) -> int:
    """Rebuild the whole search index from the paper table; return the number of papers indexed.

    With an executor (a process pool of `workers`), the stems of the next batches are computed
    there while this one is written: stemming is the CPU-bound part of a rebuild. `entries_of`
    computes the entries (the benchmark passes one that reuses the stems of repeated texts).
    """
    conn = _conn()
    backend = _backend(conn)
    await backend.clear(conn)
    await backend.bulk_load(conn, done=False)
    loop = asyncio.get_running_loop()
    step = BATCH * max(1, workers)

    async def entries_after(last_id: int) -> tuple[list[IndexEntry], int]:
        rows = await backend.rows_after(conn, last_id, step)
        if not rows:
            return [], last_id
        if executor is None:
            return entries_of(rows), int(rows[-1]["id"])
        chunks = [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]
        parts = await asyncio.gather(
            *(loop.run_in_executor(executor, entries_of, c) for c in chunks)
        )
        return [e for part in parts for e in part], int(rows[-1]["id"])

    total = 0
    entries, last_id = await entries_after(0)
    while entries:
        following = asyncio.ensure_future(entries_after(last_id))
        await backend.write(conn, entries)
        total += len(entries)
        entries, last_id = await following
    await backend.bulk_load(conn, done=True)
    return total


async def index_paper(paper_id: int) -> None:
    """(Re)write the index entry of one paper; a hidden, deleted or missing paper is removed."""
    await index_papers([paper_id])


async def index_papers(paper_ids: Sequence[int]) -> None:
    """(Re)write the index entries of several papers (the bulk form of `index_paper`)."""
    conn = _conn()
    backend = _backend(conn)
    for start in range(0, len(paper_ids), BATCH):
        batch = list(paper_ids[start : start + BATCH])
        await backend.delete(conn, batch)
        await backend.write(conn, index_entries(await backend.rows_of(conn, batch)))


async def remove_paper(paper_id: int) -> None:
    """Remove a paper from the search index (it can no longer be found)."""
    conn = _conn()
    await _backend(conn).delete(conn, [paper_id])


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
    query: SearchQuery,
    *,
    limit: int = 10,
    offset: int = 0,
    rank_cap: int = RANK_CAP,
    order: str = ORDER_RELEVANCE,
) -> SearchResult:
    """Return papers matching a query: an Aktenzeichen's paper first, then relevance, recency.

    Only the newest `rank_cap` matches are ranked (and counted). order=ORDER_NEWEST sorts the
    text matches by date alone. Raises QueryError for an unknown Kommune.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown search order {order!r}")
    if query.is_empty or limit <= 0:
        return SearchResult((), 0)
    conn = _conn()
    backend = _backend(conn)
    kommune_id = await _kommune_id(conn, query.kommune) if query.kommune else None

    first: list[int] = []
    if query.reference and offset == 0:
        first = await backend.reference_ids(conn, query, kommune_id)

    ids: list[int] = []
    total, capped = 0, False
    # An Aktenzeichen alone that names a paper means that paper: skip the phrase search for its
    # digits, which is the slowest query there is ("2019" is in most papers).
    only_reference = bool(first) and query.phrases[1:] == () and not query.terms
    page = limit + len(first)
    if only_reference and not query.prefixes:
        pass
    elif not query.has_text and query.has_filters:
        found = await backend.filtered(conn, query, kommune_id, page, offset)
        ids, total, capped = found.ids, found.total, found.capped
    elif query.has_text:
        ids, matches = await backend.ranked(
            conn, query, kommune_id, page, offset, rank_cap, newest=order == ORDER_NEWEST
        )
        total = min(matches, rank_cap, MAX_COUNT)
        capped = matches > min(rank_cap, MAX_COUNT)
    # The Aktenzeichen's paper need not match the text (its own number is rarely in its text).
    total += len([i for i in first if i not in ids])
    ordered = (first + [i for i in ids if i not in first])[:limit]
    hits = await _hits(conn, backend, ordered, query)
    return SearchResult(tuple(hits), total, capped)


async def _hits(
    conn: BaseDBAsyncClient, backend: SearchBackend, ids: list[int], query: SearchQuery
) -> list[SearchHit]:
    if not ids:
        return []
    by_id = {int(r["id"]): r for r in await backend.hit_rows(conn, ids)}
    wanted = set(query.terms) | set(query.prefixes) | {t for ph in query.phrases for t in ph}
    hits = []
    for paper_id in ids:
        row = by_id.get(paper_id)
        if row is None:
            continue
        hits.append(
            SearchHit(
                paper_id=paper_id,
                reference=row["reference"],
                title=hit_title(row),
                kind=str(row["kind"]),
                kommune=str(row["kommune"]),
                date=as_date(row["date"]),
                factions=tuple(str(f) for f in json_list(row["factions"])),
                web_url=row["web_url"],
                pdf_url=row["pdf_url"],
                snippet=snippet(hit_texts(row), wanted, tuple(query.prefixes)),
            )
        )
    return hits


# ---- topic terms ("Wurde das schon gefragt?", storage/earlier_inquiries.py) -----------------


async def title_question_matches(
    term: str, kommune_id: int, kinds: Sequence[str], limit: int
) -> list[int]:
    """Return ids of up to `limit` visible papers with the stem in their title or questions."""
    if not term.isascii() or not term.isalnum() or limit <= 0:
        return []
    conn = _conn()
    return await _backend(conn).title_question_matches(conn, term, kommune_id, kinds, limit)
