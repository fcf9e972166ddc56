"""SQLite ranking from stored stems (`storage.search.sqlite_rank`) against FTS5's bm25."""

from __future__ import annotations

import math

import pytest
from tortoise.connection import get_connection

from storage import search
from storage.db import close_db, open_db
from storage.query import parse_query
from storage.search import sqlite_rank
from storage.search.backend import SearchResult
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
    assert sqlite_rank.varint_sum(bytes([0x05, 0x81, 0x00, 0x7F, 0x83, 0xFF, 0x7F])) == 65795
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
    # 900,000 postings over 1,713 expected matches: 525 walked a match, 60,000 reach 114.
    assert (narrowed.size, narrowed.expected) == (114, 1713)
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
        _assert_window_of_three(text, page, narrowed, capped, everything, newest, paged)
        assert (narrowed.total, narrowed.total_capped) == (everything.total, False)
        # The walk stops after the page and 20 more: beyond them the expected count is shown.
        walked = page + 2 + 20
        beyond = everything.total > walked
        expected = (search.MAX_COUNT, True) if beyond else (everything.total, False)
        assert (paged.total, paged.total_capped) == expected, text
    finally:
        sqlite_plan.window = old
        await close_db()


def test_phrase_count_counts_every_start_in_title_questions_and_body() -> None:
    """A phrase is counted at every start, neighbours and overlaps included, and never in the
    parts column (its column filter)."""
    assert sqlite_rank.phrase_count("tempo 30 tempo 30 zone", ("tempo", "30")) == 2
    assert sqlite_rank.phrase_count("a b a b a", ("a", "b", "a")) == 2
    assert sqlite_rank.phrase_count("tempo 300 tempo", ("tempo", "30")) == 0
    avgdl = 10.0
    in_body = sqlite_rank.score(("", "", "x tempo 30", ""), 3, [(("tempo", "30"), 1.0)], avgdl)
    in_parts = sqlite_rank.score(("", "", "x", "tempo 30"), 3, [(("tempo", "30"), 1.0)], avgdl)
    assert in_body < 0.0
    assert in_parts == 0.0
    overlapping = sqlite_rank.score(("a b a b a", "", "", ""), 5, [(("a", "b", "a"), 1.0)], avgdl)
    twice = sqlite_rank.score(("a b a x a b a", "", "", ""), 5, [(("a", "b", "a"), 1.0)], avgdl)
    assert overlapping == twice


def test_counted_window_only_for_filters_or_phrases_with_something_scored() -> None:
    """Filter tokens or a phrase, something scored, no prefix and the full window: narrowed
    beyond MAX_COUNT matches; anything else keeps its window."""
    from storage.search.sqlite_plan import DENSE_WINDOW, Window, counted_window

    counted = Window(DENSE_WINDOW, counted=search.MAX_COUNT)
    assert counted_window(2000, parse_query('"Tempo 30"'), False, True) == counted
    assert counted_window(2000, parse_query("Kita kommune:Leipzig"), True, True) == counted
    assert counted_window(2000, parse_query("Kita"), False, True) == Window(2000)
    assert counted_window(2000, parse_query("Kita -Neureut"), False, True) == Window(2000)
    assert counted_window(2000, parse_query("Stadt kommune:Leipzig"), True, False) == Window(2000)
    assert counted_window(2000, parse_query("Kita Schul* typ:Antrag"), True, True) == Window(2000)
    assert counted_window(1000, parse_query('"Tempo 30"'), False, True) == Window(1000)


PHRASES = (
    '"finanzielle Auswirkungen"',
    '"städtische Gesellschaft" Verwaltung',
    '"Stadt Karlsruhe" kommune:karlsruhe',
)


@pytest.mark.parametrize("text", PHRASES)
@pytest.mark.parametrize("rank_cap", [100_000, 7])
async def test_phrases_scored_from_stems_rank_exactly_as_bm25(
    sqlite_corpus: Corpus,  # noqa: F811
    text: str,
    rank_cap: int,
) -> None:
    """Phrases (with words and filters) scored from the stored stems come out in exactly bm25's
    order over the same window."""
    from storage.search import sqlite_plan

    await open_db(sqlite_corpus.url, apply_migrations=False)
    old = sqlite_plan.counted_window
    try:
        by_bm25 = await search.search(parse_query(text), limit=500, rank_cap=rank_cap)
        # Every window counted as narrowed: ranked from the stems.
        sqlite_plan.counted_window = lambda *_: sqlite_plan.Window(rank_cap, counted=1)
        by_stems = await search.search(parse_query(text), limit=500, rank_cap=rank_cap)
        ids = [h.paper_id for h in by_bm25.hits]
        assert len(ids) > 3, text
        assert [h.paper_id for h in by_stems.hits][: len(ids)] == ids, text
    finally:
        sqlite_plan.counted_window = old
        await close_db()


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("Verkehr kommune:karlsruhe", 0),
        ('"finanzielle Auswirkungen"', 0),
        ("Verwaltung Stadt typ:Anfrage", 0),
        ('"städtische Gesellschaft" Verwaltung', 5),
    ],
)
async def test_counted_window_ranks_its_newest_matches_then_the_older_by_date(
    sqlite_corpus: Corpus,  # noqa: F811
    text: str,
    page: int,
) -> None:
    """A filtered or phrase query with more matches than the walk counts ranks its newest
    matches in the unbounded order, the older ones follow newest first, and its total is the
    walk's exact count (capped only beyond it)."""
    from storage.search import sqlite_plan

    await open_db(sqlite_corpus.url, apply_migrations=False)
    old = sqlite_plan.counted_window
    try:
        everything = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        newest = await search.search(parse_query(text), limit=500, order=search.ORDER_NEWEST)
        assert everything.total > 30, text
        # Narrowed to the newest 3 beyond 25 matches (the product: 300 beyond MAX_COUNT).
        sqlite_plan.counted_window = lambda *_: sqlite_plan.Window(3, counted=25)
        narrowed = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        paged = await search.search(parse_query(text), limit=2, offset=page, rank_cap=100_000)
        sqlite_plan.counted_window = lambda *_: sqlite_plan.Window(3, counted=500)
        not_beyond = await search.search(parse_query(text), limit=500, rank_cap=100_000)
        sqlite_plan.counted_window = old
        capped = await search.search(parse_query(text), limit=3, rank_cap=3)
        _assert_window_of_three(text, page, narrowed, capped, everything, newest, paged)
        # The walk reads 26 matches, or the page and 21 more, and counts no further (in the
        # product it reads MAX_COUNT + 1: "mehr als 1000"); with a longer page all are read.
        assert (narrowed.total, narrowed.total_capped) == (everything.total, False), text
        assert paged.total == min(everything.total, max(25, page + 2 + 20) + 1), text
        assert not_beyond.hits == everything.hits, text
    finally:
        sqlite_plan.counted_window = old
        await close_db()


def _assert_window_of_three(
    text: str,
    page: int,
    narrowed: SearchResult,
    capped: SearchResult,
    everything: SearchResult,
    newest: SearchResult,
    paged: SearchResult,
) -> None:
    """The newest 3 matches come first in bm25's unbounded order, the rest newest first, and a
    page of the narrowed result is that slice of it."""
    ids = [h.paper_id for h in narrowed.hits]
    assert ids[:3] == [h.paper_id for h in capped.hits], text
    ranking = [h.paper_id for h in everything.hits]
    assert ids[:3] == [i for i in ranking if i in set(ids[:3])], text
    assert ids[3:] == [h.paper_id for h in newest.hits][3:], text
    assert [h.paper_id for h in paged.hits] == ids[page : page + 2], text
