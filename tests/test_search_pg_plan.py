"""PostgreSQL candidates by GIN or by a walk of the date index, chosen from planner statistics."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tortoise.connection import get_connection

from storage import search
from storage.query import parse_query
from storage.search import pg_plan
from storage.search.pg_plan import Stats, walk_by_date
from tests.test_search import (  # noqa: F401 (fixtures)
    Corpus,
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
