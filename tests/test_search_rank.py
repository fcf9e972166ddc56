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
    index_memo,
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
    assert sqlite_rank.term_count("schul schul sanier schul", "schul") == 3
    assert sqlite_rank.term_count("schul schul schul schul", "schul") == 4
    assert sqlite_rank.term_count("schulweg schul", "schul") == 1
    assert sqlite_rank.term_count("grundschul", "schul") == 0
    assert sqlite_rank.term_count("", "schul") == 0


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


@pytest.mark.parametrize("own_corpus", ["sqlite"], indirect=True)  # SQLite's own cache
async def test_document_frequencies_follow_writes(own_corpus: Corpus) -> None:  # noqa: F811
    """The cached document frequency of a word is recounted after the index changes."""
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


def test_window_narrows_only_for_dense_words_in_many_papers() -> None:
    """Only words each in many papers, with costly IDF walks and many expected matches, get the
    smaller window."""
    from storage.search.sqlite_plan import DENSE_WINDOW, window

    rows = 1_000_000
    narrowed = window(2000, rows, [340_000, 140_000, 300_000, 120_000], 0)
    assert (narrowed.size, narrowed.expected) == (DENSE_WINDOW, 1713)
    assert window(2000, rows, [340_000, 140_000], 0).size == DENSE_WINDOW
    assert window(2000, rows, [260_000], 2).expected == 65_000  # two common words: half each
    assert window(2000, 200_000, [68_000, 28_000], 0).size == 2000  # IDF walks cheaper (200k)
    assert window(2000, rows, [340_000, 50_000], 0).size == 2000  # a rare word narrows
    assert window(2000, rows, [340_000], 0).size == 2000  # one word
    assert window(2000, rows, [], 2).size == 2000  # nothing scored
    assert window(2000, rows, [110_000] * 4, 0).size == 2000  # 146 expected
    assert window(300, rows, [340_000, 140_000], 0).size == 300  # already small


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("Schule Sanierung Kosten Stadtrat", 0),
        ("Stadt Antrag Verwaltung", 0),
        ("Schule Sanierung", 6),
    ],
)
async def test_narrowed_window_ranks_its_newest_matches_then_the_older_by_date(
    sqlite_corpus: Corpus,  # noqa: F811
    text: str,
    page: int,
) -> None:
    """A window narrowed for dense words ranks its newest matches in the unbounded order, the
    older ones follow newest first, and its total is the expected count."""
    from storage.search import sqlite_plan

    await open_db(sqlite_corpus.url, apply_migrations=False)
    old = sqlite_plan.window
    try:
        everything = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        newest = await search.search(parse_query(text), limit=500, order=search.ORDER_NEWEST)
        assert everything.total > 8, text
        sqlite_plan.window = lambda *_: sqlite_plan.Window(3, 5000)
        narrowed = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        paged = await search.search(parse_query(text), limit=2, offset=page, rank_cap=100_000)
        sqlite_plan.window = old
        capped = await search.search(parse_query(text), limit=3, rank_cap=3)
        ids = [h.paper_id for h in narrowed.hits]
        assert ids[:3] == [h.paper_id for h in capped.hits], text
        ranking = [h.paper_id for h in everything.hits]
        assert ids[:3] == [i for i in ranking if i in set(ids[:3])], text
        assert ids[3:] == [h.paper_id for h in newest.hits][3:], text
        assert [h.paper_id for h in paged.hits] == ids[page : page + 2], text
        assert (narrowed.total, narrowed.total_capped) == (everything.total, False)
        # The walk stops after the page and 20 more: beyond them the expected count is shown.
        walked = page + 2 + 20
        beyond = everything.total > walked
        expected = (search.MAX_COUNT, True) if beyond else (everything.total, False)
        assert (paged.total, paged.total_capped) == expected, text
    finally:
        sqlite_plan.window = old
        await close_db()
