"""Long prefixes (`Schul*`) on the real corpus: expanded into the indexed words they start."""

from __future__ import annotations

import pytest
from tortoise.connection import get_connection

from storage import search
from storage.db import close_db, open_db
from storage.models import Paper
from storage.query import parse_query
from storage.search import sqlite_prefix
from tests.test_search import (  # noqa: F401 (fixtures)
    Corpus,
    _refs,
    index_memo,
    own_corpus,
    postgres_corpus,
    sqlite_corpus,
)


@pytest.mark.parametrize("text", ["Schul*", "Radverk*", "Grundsch*", "Kita*", "Hubschr*"])
async def test_expanded_prefix_finds_what_fts5_prefix_query_finds(
    sqlite_corpus: Corpus,  # noqa: F811
    text: str,
) -> None:
    """A prefix written as the OR of its indexed words finds exactly the papers of FTS5's own
    prefix query, in the same order."""
    await open_db(sqlite_corpus.url, apply_migrations=False)
    try:
        conn = get_connection("default")
        prefix = parse_query(text).prefixes[0]
        words = (await sqlite_prefix.expansions(conn, [prefix]))[prefix]
        assert words is not None, text
        assert all(w.startswith(prefix) for w in words), text
        rows = await conn.execute_query_dict(
            "SELECT rowid & 4294967295 AS id FROM paper_fts WHERE paper_fts MATCH ? "
            "ORDER BY rowid DESC",
            [f'"{prefix}"*'],
        )
        native = [int(r["id"]) for r in rows]
        found = await search.search(parse_query(text), limit=1000, rank_cap=100_000)
        newest = await search.search(
            parse_query(text), limit=1000, rank_cap=100_000, order=search.ORDER_NEWEST
        )
    finally:
        await close_db()
    assert native, text
    assert sorted(h.paper_id for h in found.hits) == sorted(native), text
    assert [h.paper_id for h in newest.hits] == native, text


async def test_word_indexed_after_an_expansion_is_found_by_its_prefix(
    own_corpus: Corpus,  # noqa: F811
) -> None:
    """A word indexed after its prefix was expanded is found by that prefix at once (the index
    changed, so the cached words are read again)."""
    ids = own_corpus.ids
    await Paper.filter(id=ids["2022/2201"]).update(title="Zwiebelturmrenovierung")
    await search.index_paper(ids["2022/2201"])
    assert await _refs("Zwiebel*") == ["2022/2201"]
    await Paper.filter(id=ids["2019/0395"]).update(title="Zwiebelmarkt am Rathaus")
    await search.index_paper(ids["2019/0395"])
    assert sorted(r or "" for r in await _refs("Zwiebel*")) == ["2019/0395", "2022/2201"]
