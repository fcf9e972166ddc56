"""PostgreSQL candidates by GIN or by a walk of the date index, chosen from planner statistics."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tortoise.connection import get_connection

from storage import search
from storage.query import parse_query
from storage.search import pg_buckets, pg_plan
from storage.search.pg_plan import Stats, walk_by_date
from tests.index_memo import EntryMemo
from tests.test_search import (  # noqa: F401 (fixtures)
    Corpus,
    index_memo,
    own_corpus,
    postgres_corpus,
    sqlite_corpus,
)

# Shares as at 300k benchmark papers: "stadt" in most, "radweg" in some, "hubschraub" rare.
# Walk when window / share rows × WALK_ROW_COST < GIN's rows: "Kita" (10 %) walks 20k rows
# (cost 80k) against GIN's 31.5k, so GIN; "Stadt typ:Anfrage" walks 7.4k (30k) against 283k;
# a faction's own list is walked: never more rows than the faction has.
_STATS = Stats(
    rows=300_000,
    lexemes={"stadt": 0.9, "schul": 0.2, "schule": 0.3, "radweg": 0.06, "kita": 0.1},
    lexeme_floor=0.003,
    factions={"CDU": 0.15, "Grüne": 0.1},
    faction_floor=0.001,
    kinds={"Anfrage": 0.3, "Antrag": 0.3},
)


@pytest.mark.parametrize(
    ("text", "walk"),
    [
        ("Stadt", True),
        ("Schul*", True),
        ("Stadt typ:Anfrage", True),
        ("Stadt fraktion:Grüne", True),
        ("Schule fraktion:Tierschutzpartei", True),
        ("Kita", False),
        ("Radweg", False),
        ("Hubschrauber", False),
        ("Stadt Hubschrauber", False),
        ("Stadt fraktion:Piraten", True),
        ('"Tempo 30"', False),
    ],
)
def test_walk_when_the_window_is_reached_before_gin_has_read_its_matches(
    text: str, walk: bool
) -> None:
    """The date index is walked when window / share rows cost less than GIN's matching rows."""
    assert walk_by_date(parse_query(text), _STATS, 2001) is walk, text


def test_date_cut_keeps_about_the_window_and_widens_never_past_since() -> None:
    """GIN over 18k expected matches is first cut to the newest dates that should hold
    CUT_MARGIN windows; few matches, or a later seit:, need no cut."""
    bounds = tuple(date(2010 + i // 12, i % 12 + 1, 1) for i in range(17 * 12))
    found = replace(_STATS, date_bounds=bounds)
    cut = pg_plan.date_cut(parse_query("Radweg"), found, 2001)
    # 300k × 6 % = 18k matches; 1.5 × 2001 of them are the newest 16.7 % of the dates.
    assert cut is not None
    assert bounds[-len(bounds) // 5] <= cut <= bounds[-len(bounds) // 8]
    assert pg_plan.date_cut(parse_query("Hubschrauber"), found, 2001) is None
    assert pg_plan.date_cut(parse_query("Radweg seit:2026-01-01"), found, 2001) is None


def test_without_statistics_gin_is_used() -> None:
    """A never analysed index (no statistics) keeps GIN for everything but the empty case."""
    assert not walk_by_date(parse_query("Stadt"), Stats(), 2001)


@pytest.mark.postgres
@pytest.mark.parametrize("own_corpus", ["postgres"], indirect=True)
async def test_walk_and_gin_find_the_same_in_the_same_order(
    own_corpus: Corpus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forcing the walk or GIN for every query gives the same hits, order and totals."""
    conn = get_connection("default")
    await conn.execute_script("ANALYZE paper_search")
    pg_plan.forget(conn)
    texts = (
        "Stadt",
        "Kita",
        "Stadt fraktion:Grüne",
        "Kita -Neureut",
        "Schul*",
        "Stadt kommune:leipzig typ:Antrag",
        '"Tempo 30" Stadt',
    )
    results = {}
    for cost in (0.0, 1e12):  # walk always / never (queries of common words only still walk)
        monkeypatch.setattr(pg_plan, "WALK_ROW_COST", cost)
        results[cost] = [await search.search(parse_query(t), limit=40) for t in texts]
    assert results[0.0] == results[1e12]
    assert all(r.total for r in results[0.0][:3])


@pytest.mark.postgres
@pytest.mark.parametrize("own_corpus", ["postgres"], indirect=True)
async def test_tsvector_is_stored_in_the_row(own_corpus: Corpus) -> None:  # noqa: F811
    """The tsvector column keeps its values in the heap row (STORAGE MAIN), not in TOAST."""
    rows = await get_connection("default").execute_query_dict(
        "SELECT attstorage::text AS s FROM pg_attribute "
        "WHERE attrelid = 'paper_search'::regclass AND attname = 'tsv'"
    )
    assert rows[0]["s"] == "m"


def test_bucket_lexemes_name_the_year_and_month() -> None:
    """A paper of 15 April 2019 carries `_y2019` and `_m201904`; a paper without date none."""
    assert pg_buckets.lexemes(date(2019, 4, 15)) == ["_y2019", "_m201904"]
    assert pg_buckets.lexemes(None) == []


def test_bucket_cut_covers_the_months_of_its_year_then_whole_years() -> None:
    """A cut on 20 Oct 2024 up to a newest paper of March 2026 takes Oct–Dec 2024, then the
    years 2025 and 2026; a January cut takes its whole year; a cut after the newest none."""
    assert pg_buckets.since(date(2024, 10, 20), date(2026, 3, 1)) == (
        "'_m202410' | '_m202411' | '_m202412' | '_y2025' | '_y2026'"
    )
    assert pg_buckets.since(date(2026, 1, 5), date(2026, 3, 1)) == "'_y2026'"
    assert pg_buckets.since(date(2026, 2, 1), date(2026, 3, 31)) == "'_m202602' | '_m202603'"
    assert pg_buckets.since(date(2026, 4, 1), date(2026, 3, 31)) is None


@pytest.mark.postgres
@pytest.mark.parametrize("own_corpus", ["postgres"], indirect=True)
async def test_tsvector_holds_the_date_buckets(own_corpus: Corpus) -> None:  # noqa: F811
    """Paper 2019/0395 (Karlsruhe, dated 2019-04-15) is found by its year and month lexemes."""
    rows = await get_connection("default").execute_query_dict(
        "SELECT s.tsv @@ '_y2019 & _m201904'::tsquery AS hit, "
        "s.tsv @@ '_m201905'::tsquery AS other FROM paper_search s "
        "JOIN paper p ON p.id = s.paper_id WHERE p.reference = '2019/0395'"
    )
    assert rows == [{"hit": True, "other": False}]


@pytest.mark.postgres
@pytest.mark.parametrize("own_corpus", ["postgres"], indirect=True)
@pytest.mark.parametrize("cut", [date(2015, 1, 1), date(2019, 4, 20), date(2023, 7, 1)])
async def test_date_cut_by_buckets_finds_the_same_in_the_same_order(
    own_corpus: Corpus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    cut: date,
) -> None:
    """GIN with a forced date cut (bucket lexemes, widened when the window is not full) gives
    the hits, order and totals of GIN without a cut, for windows of 4 and 2,000."""
    conn = get_connection("default")
    await conn.execute_script("ANALYZE paper_search")
    pg_plan.forget(conn)
    monkeypatch.setattr(pg_plan, "WALK_ROW_COST", 1e12)  # GIN for every query
    texts = ("Stadt", "Kita", "Kita -Neureut", "Schul*", "Stadt Antrag Verwaltung", '"Tempo 30"')
    results = {}
    for forced in (None, cut):
        monkeypatch.setattr(pg_plan, "date_cut", lambda *_a, _c=forced, **_k: _c)
        results[forced] = [
            await search.search(parse_query(t), limit=40, rank_cap=cap)
            for t in texts
            for cap in (4, 2000)
        ]
    assert results[None] == results[cut]
    assert all(r.total for r in results[cut])


@pytest.mark.postgres
@pytest.mark.parametrize("own_corpus", ["postgres"], indirect=True)
async def test_rebuild_leaves_the_rows_in_date_order(
    own_corpus: Corpus,  # noqa: F811
    index_memo: EntryMemo,  # noqa: F811
) -> None:
    """After reindex_all the heap of paper_search runs newest first: a date cut's papers lie
    together, so GIN can skip the postings of all older ones."""
    await search.reindex_all(entries_of=index_memo)  # entries stemmed once per run
    rows = await get_connection("default").execute_query_dict(
        "SELECT date FROM paper_search ORDER BY ctid"
    )
    dates = [r["date"] for r in rows]
    assert len(dates) > 100
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # papers without a date come last
