"""A list whose pages are too short to show their order (one paper per page): the walk compares
the list's two ends, so a first sync starts from the newest end whichever way the server sorts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.oparl_json import guess_newest_first, guess_newest_first_from_ends, paper_from_json
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from storage.models import Paper, SyncState
from tests.fixtures_path import OPARL_FIXTURES

PAPERS = OPARL_FIXTURES / "karlsruhe/papers"


def _fixture_papers() -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(PAPERS.glob("*.json"))]


def test_two_ends_tell_the_order_that_one_paper_cannot() -> None:
    """One dated Karlsruhe paper per page says nothing; the newest against the oldest does."""
    dated = sorted((p for p in _fixture_papers() if p.get("date")), key=lambda p: str(p["date"]))
    oldest, newest = paper_from_json(dated[0]), paper_from_json(dated[-1])
    assert oldest.date is not None
    assert newest.date is not None
    assert oldest.date < newest.date
    assert guess_newest_first([newest]) is None
    assert guess_newest_first_from_ends([newest], [oldest]) is True
    assert guess_newest_first_from_ends([oldest], [newest]) is False
    # The same day at both ends, or no date at one end, stays undecided.
    assert guess_newest_first_from_ends([newest], [newest]) is None
    undated = paper_from_json({k: v for k, v in dated[0].items() if k not in ("date", "created")})
    assert guess_newest_first_from_ends([newest], [undated]) is None


@pytest.fixture
async def parser() -> AsyncIterator[ParserPool]:
    """Yield a small parser pool."""
    async with ParserPool(size=1) as pool:
        yield pool


@pytest.mark.parametrize("newest_first", [True, False], ids=["newest-first", "oldest-first"])
async def test_first_sync_of_a_one_paper_per_page_list_stores_the_recent_papers(
    sqlite_db: str, parser: ParserPool, newest_first: bool
) -> None:
    """Karlsruhe served one paper per page, in either order: the first sync since 2026-05-01
    stores exactly the papers dated from then (read from the fixture files), not none of them."""
    expected = {
        str(p["id"]).rsplit("/", 1)[-1]
        for p in _fixture_papers()
        if str(p.get("date", "")) >= "2026-05-01"
    }
    assert len(expected) == 10
    async with (
        OParlServer("karlsruhe", newest_first=newest_first, page_size=1) as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        service = SyncService(http, parser, [endpoint], first_sync_since=date(2026, 5, 1))
        report = (await service.sync_all()).kommunen[0]
    assert report.ok
    # Answer files are stored as papers of their own ("…/files/N#answer"); count the papers.
    stored = {
        p.oparl_id.rsplit("/", 1)[-1]
        for p in await Paper.filter(date__gte=date(2026, 5, 1))
        if "/papers/" in p.oparl_id
    }
    assert stored == expected
    assert await SyncState.filter(list_name="paper", first_sync_done=True).exists()
