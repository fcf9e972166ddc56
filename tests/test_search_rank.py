"""SQLite ranking from stored stems (`storage.search.sqlite_rank`) against FTS5's bm25."""

from __future__ import annotations

import math

import pytest
from tortoise.connection import get_connection

from storage import search
from storage.db import close_db, open_db
from storage.query import parse_query
from storage.search import sqlite_rank
from tests.test_search import (  # noqa: F401 (fixtures)
    Corpus,
    own_corpus,
    postgres_corpus,
    sqlite_corpus,
)

# Mid-frequency words, a common word among them, a Kommune filter, a negation.
TEXTS = (
    "Schule Sanierung",
    "Stadt Antrag Verwaltung",
    "Kita kommune:leipzig",
    "Schule Sanierung Kosten Stadtrat",
    "Radweg Sicherheit Kreuzung Ampel Verkehr Stadt",
    "Verkehr -Radweg",
)


def test_term_count_counts_neighbours_and_whole_tokens() -> None:
    """A stem is counted as a whole token, also when it follows itself."""
    assert sqlite_rank.term_count(" schul schul sanier schul ", "schul") == 3
    assert sqlite_rank.term_count(" schulweg schul ", "schul") == 1
    assert sqlite_rank.term_count(" grundschul ", "schul") == 0
    assert sqlite_rank.token_count("") == 0
    assert sqlite_rank.token_count("_k1 _tantrag") == 2


def test_varints_and_idf_follow_sqlite() -> None:
    """SQLite varints (7 bits a byte, high bit continues) and bm25's clamped IDF."""
    assert sqlite_rank.varints(bytes([0x05, 0x81, 0x00, 0x7F])) == [5, 128, 127]
    assert sqlite_rank.idf(100, 10) == math.log(90.5 / 10.5)
    assert sqlite_rank.idf(100, 60) == 1e-6


async def _order(text: str, rank_cap: int, postings_per_row: int) -> list[int]:
    old = sqlite_rank.POSTINGS_PER_ROW
    sqlite_rank.POSTINGS_PER_ROW = postings_per_row
    try:
        result = await search.search(parse_query(text), limit=500, rank_cap=rank_cap)
    finally:
        sqlite_rank.POSTINGS_PER_ROW = old
    return [hit.paper_id for hit in result.hits]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("rank_cap", [100_000, 7])
async def test_stored_stems_rank_exactly_as_bm25(
    sqlite_corpus: Corpus,  # noqa: F811
    text: str,
    rank_cap: int,
) -> None:
    """Scored from the stored stems, a window comes out in exactly bm25's order."""
    await open_db(sqlite_corpus.url, apply_migrations=False)
    try:
        by_bm25 = await _order(text, rank_cap, 10**12)  # never pays: bm25
        by_stems = await _order(text, rank_cap, -1)  # always pays: stored stems
        assert len(by_bm25) > 3, text
        assert by_stems == by_bm25, text
    finally:
        await close_db()


async def test_document_frequencies_follow_writes(own_corpus: Corpus) -> None:  # noqa: F811
    """The cached document frequency of a word is recounted after the index changes."""
    if not own_corpus.url.startswith("sqlite"):
        pytest.skip("SQLite only")
    conn = get_connection("default")
    before = (await sqlite_rank.doc_freqs(conn, ["hallenbad"]))["hallenbad"]
    found = await search.search(parse_query("Hallenbad"), limit=1)
    await search.remove_paper(found.hits[0].paper_id)
    after = (await sqlite_rank.doc_freqs(conn, ["hallenbad"]))["hallenbad"]
    assert after == before - 1


async def _search(text: str, rank_cap: int, order: str, rare_share: float) -> list[int]:
    old = sqlite_rank.RARE_SHARE
    sqlite_rank.RARE_SHARE = rare_share
    try:
        result = await search.search(parse_query(text), limit=500, rank_cap=rank_cap, order=order)
    finally:
        sqlite_rank.RARE_SHARE = old
    return [hit.paper_id for hit in result.hits] + [-result.total]


CHECKED = (
    "Radweg Stadt",
    "Radweg Verkehr Sicherheit",
    "Hallenbad Sanierung Stadt",
    "Kita Stadt kommune:leipzig",
    "Radweg Verkehr -Parkplatz",
    *TEXTS,
)


async def test_dense_words_checked_on_stems_find_what_fts5_finds(
    sqlite_corpus: Corpus,  # noqa: F811
) -> None:
    """Rare words intersected in FTS5 and dense ones checked on the stored stems give the hits,
    order and total of the plain FTS5 intersection, in both orders and any window."""
    from storage.search.sqlite import _checked_matches, meta_match

    await open_db(sqlite_corpus.url, apply_migrations=False)
    try:
        conn = get_connection("default")
        taken = 0
        for text in CHECKED:
            query = parse_query(text)
            kommune = 2 if query.kommune else None  # Leipzig, the second Kommune created
            negative = '"parkplatz"' if query.excluded else None
            found = await _checked_matches(conn, query, negative, meta_match(query, kommune), None)
            taken += found is not None
            for rank_cap in (100_000, 3):
                for order in search.ORDERS:
                    plain = await _search(text, rank_cap, order, 0.0)  # never: all dense
                    checked = await _search(text, rank_cap, order, sqlite_rank.RARE_SHARE)
                    assert checked == plain, (text, rank_cap, order)
        assert taken >= 3
    finally:
        await close_db()


# Words of the real corpus in a few papers each, and together.
SQL_SCORED = (("schul", "sanier"), ("kita",), ("schul", "sanier", "kost", "stadtrat"), ("verkehr",))


@pytest.mark.parametrize("words", SQL_SCORED)
async def test_sql_scores_are_bm25s_to_the_last_bit(
    sqlite_corpus: Corpus,  # noqa: F811
    words: tuple[str, ...],
) -> None:
    """bm25 written as SQL over the stored stems with cached IDFs gives FTS5's bm25 exactly."""
    from storage.search import sqlite_score
    from storage.search.sqlite import _BM25, _ID_MASK

    await open_db(sqlite_corpus.url, apply_migrations=False)
    try:
        conn = get_connection("default")
        match = " AND ".join(f'"{w}"' for w in words)
        rows = await conn.execute_query_dict(
            f"SELECT rowid AS k, {_BM25} AS score FROM paper_fts WHERE paper_fts MATCH ?", [match]
        )
        assert len(rows) > 3, words
        freqs = await sqlite_rank.doc_freqs(conn, list(words))
        count, avgdl = await sqlite_rank.averages(conn)
        weighted = [(w, sqlite_rank.idf(count, freqs[w])) for w in words]
        keys = [int(r["k"]) for r in rows]
        sql, values = sqlite_score.ranked_sql(weighted, avgdl, keys, _ID_MASK)
        got = await conn.execute_query_dict(sql, values)
        expected = sorted((float(r["score"]), -int(r["k"])) for r in rows)
        assert [(float(r["score"]), int(r["id"])) for r in got] == [
            (s, -k & _ID_MASK) for s, k in expected
        ]
    finally:
        await close_db()


def test_window_narrows_only_when_every_word_is_dense() -> None:
    """Only words that together need a long walk to their matches get the smaller window."""
    from storage.search.sqlite_plan import window

    assert window(2000, [0.34, 0.14]) == 2000  # 10 postings a match
    assert window(2000, [0.34, 0.14, 0.3, 0.12]) == search.MAX_COUNT  # about 520
    # a rare word among dense ones: its few matches are walked to the end either way
    assert window(2000, [0.001, 0.3, 0.3, 0.3]) == search.MAX_COUNT
    assert window(2000, [0.3]) == 2000  # one word: its doclist is the walk
    assert window(2000, [0.0, 0.3]) == 2000  # a word in no paper: nothing to walk
    assert window(500, [0.34, 0.14, 0.3, 0.12]) == 500  # already at most MAX_COUNT


@pytest.mark.parametrize("text", ["Schule Sanierung Kosten Stadtrat", "Stadt Antrag Verwaltung"])
async def test_narrowed_window_ranks_as_the_unbounded_search(
    sqlite_corpus: Corpus,  # noqa: F811
    text: str,
) -> None:
    """A window narrowed for dense words holds the newest matches, ranked in the unbounded order."""
    from storage.search import sqlite_plan

    await open_db(sqlite_corpus.url, apply_migrations=False)
    old = sqlite_plan.MAX_COUNT, sqlite_plan.DENSE_WALK
    try:
        everything = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        sqlite_plan.MAX_COUNT, sqlite_plan.DENSE_WALK = 3, 0.0  # every query of words narrows
        narrowed = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        sqlite_plan.MAX_COUNT, sqlite_plan.DENSE_WALK = old
        capped = await search.search(parse_query(text), limit=500, rank_cap=3)
        assert everything.total > 3, text
        assert [h.paper_id for h in narrowed.hits] == [h.paper_id for h in capped.hits], text
        ranking = [h.paper_id for h in everything.hits]
        shown = {h.paper_id for h in narrowed.hits}
        assert [h.paper_id for h in narrowed.hits] == [i for i in ranking if i in shown], text
    finally:
        sqlite_plan.MAX_COUNT, sqlite_plan.DENSE_WALK = old
        await close_db()
