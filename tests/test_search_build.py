"""Rebuilding the SQLite search index in bulk (segment merges deferred while loading)."""

from __future__ import annotations

import pytest
from tortoise.connection import get_connection

from storage import search
from tests.index_memo import EntryMemo
from tests.test_search import (  # noqa: F401 (fixtures)
    Corpus,
    _refs,
    index_memo,
    own_corpus,
    postgres_corpus,
    sqlite_corpus,
)


@pytest.mark.parametrize("own_corpus", ["sqlite"], indirect=True)  # FTS5's merge settings
async def test_rebuild_restores_merge_settings_and_finds_the_same(
    own_corpus: Corpus,  # noqa: F811
    index_memo: EntryMemo,  # noqa: F811
) -> None:
    """A full rebuild finds what the index found before and leaves FTS5's default merge
    settings (automerge 4, crisismerge 16) behind."""
    before = {text: await _refs(text, limit=200) for text in ("Grundschule", "Schul*", "Kita")}
    # The entries are the corpus build's (the same rows, stemmed once per run): this test is
    # about the rebuild's writes and merge settings, not about stemming them again.
    assert await search.reindex_all(entries_of=index_memo) == len(own_corpus.ids)
    rows = await get_connection("default").execute_query_dict(
        "SELECT k, v FROM paper_fts_config WHERE k IN ('automerge', 'crisismerge')"
    )
    assert {r["k"]: int(r["v"]) for r in rows} == {"automerge": 4, "crisismerge": 16}
    assert {text: await _refs(text, limit=200) for text in before} == before
