"""Bounded sync: a cap on new papers per poll and Kommune (issue #18 point 5)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest

from bot.ops.status import render_status_text
from bot.pipeline.sync import CAP_ALERT_POLLS, SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from storage.health import health
from storage.models import Kommune, Paper, SyncState
from tests.fixtures_path import OPARL_FIXTURES
from tests.parse_memo import RememberingParserPool
from tests.test_sync import NotifyLog


@pytest.fixture
async def parser() -> AsyncIterator[ParserPool]:
    """Yield a small parser pool, each PDF read once per test run (tests/parse_memo.py: the
    sync tests read the same Karlsruhe PDFs; without it each test here started a worker)."""
    async with RememberingParserPool(size=1) as pool:
        yield pool


def _papers_since(day: str) -> int:
    return sum(
        1
        for p in (OPARL_FIXTURES / "karlsruhe/papers").glob("*.json")
        if str(json.loads(p.read_text(encoding="utf-8")).get("date", "")) >= day
    )


async def test_a_large_first_sync_goes_in_batches_with_progress_in_status(
    sqlite_db: str, parser: ParserPool
) -> None:
    """With a cap of 4 new papers, Karlsruhe's first sync since 2026-05-01 takes several polls,
    status shows it in progress, and in the end every paper is stored as history."""
    expected = _papers_since("2026-05-01")
    assert expected == 10  # papers dated from 2026-05-01 in the fixture: three batches
    notify = NotifyLog()
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        service = SyncService(
            http,
            parser,
            [endpoint],
            notify=notify,
            first_sync_since=date(2026, 5, 1),
            max_new_papers=4,
        )
        first = await service.sync_all()
        assert first.kommunen[0].new == 4
        report = render_status_text(await health(datetime.now(UTC)))
        assert "Erstabruf läuft in Etappen (bisher" in report
        for _ in range(expected):
            if (await SyncState.get(source="karlsruhe", list_name="paper")).first_sync_done:
                break
            await service.sync_all()
    kommune = await Kommune.get(slug="karlsruhe")
    assert await Paper.filter(kommune=kommune).count() >= expected
    assert all(backfill for _, _, backfill in notify.calls)
    assert "Erstabruf" not in render_status_text(await health(datetime.now(UTC)))


async def test_a_list_that_keeps_growing_is_capped_and_alerted_once(
    sqlite_db: str, parser: ParserPool, caplog: pytest.LogCaptureFixture
) -> None:
    """A source publishing more new papers than the cap in every poll is stopped at the cap
    each time, warned about once, and reported as an error once after three polls."""
    template = json.loads(
        (OPARL_FIXTURES / "karlsruhe/papers/54457.json").read_text(encoding="utf-8")
    )
    keep = ("name", "paperType", "type")
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        service = SyncService(
            http, parser, [endpoint], first_sync_since=date(2026, 6, 29), max_new_papers=5
        )
        assert (await service.sync_all()).kommunen[0].ok
        caplog.set_level(logging.WARNING, logger="bot.pipeline.sync")
        news = []
        for poll in range(CAP_ALERT_POLLS + 1):
            for n in range(8):
                paper = {k: template[k] for k in keep}
                server.add_paper({**paper, "reference": f"2026/9{poll}{n:02d}"})
            news.append((await service.sync_all()).kommunen[0].new)
        operators = await service.guard.take_warnings()
        # The list stops growing: the rest arrives below the cap, and the operators hear so.
        while (await service.sync_all()).kommunen[0].new >= 5:
            pass
        recovered = await service.guard.take_warnings()
    assert news == [5] * (CAP_ALERT_POLLS + 1)
    assert len(operators) == 1  # one message to ADMIN_CHAT_IDS for the whole run of capped polls
    assert operators[0].startswith("⚠️ Ratsinfo karlsruhe: 3 Abrufe in Folge")
    assert recovered == ["✅ Ratsinfo karlsruhe: wieder unter der Obergrenze neuer Papiere."]
    warnings = [r for r in caplog.records if "new papers in one poll" in r.getMessage()]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(warnings) == 1
    assert len(errors) == 1
    assert "never ends" in errors[0].getMessage()


async def test_a_fresh_service_keeps_the_cap_when_the_list_order_is_unknown(
    sqlite_db: str, parser: ParserPool, caplog: pytest.LogCaptureFixture
) -> None:
    """A newly started service that cannot tell the list's order (one undated paper per page) walks
    from the wrong end; of 14 new papers it still stores at most the cap (5) per poll, the rest
    in the next polls, none twice."""
    template = json.loads(
        (OPARL_FIXTURES / "karlsruhe/papers/54457.json").read_text(encoding="utf-8")
    )
    keep = ("name", "paperType", "type")
    async with (
        OParlServer("karlsruhe", newest_first=True, page_size=1) as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        first = SyncService(
            http, parser, [endpoint], first_sync_since=date(2026, 6, 29), max_new_papers=5
        )
        assert (await first.sync_all()).kommunen[0].ok
        stored = await Paper.all().count()
        for n in range(14):
            # Undated: neither one page nor the list's two ends can tell the order.
            paper = {k: template[k] for k in keep} | {"date": None, "created": None}
            server.add_paper({**paper, "reference": f"2026/95{n:02d}"})
        caplog.set_level(logging.WARNING, logger="fetcher.oparl")
        news = []
        for _ in range(4):
            fresh = SyncService(
                http, parser, [endpoint], first_sync_since=date(2026, 6, 29), max_new_papers=5
            )
            news.append((await fresh.sync_all()).kommunen[0].new)
    assert any("cannot tell the order" in r.getMessage() for r in caplog.records)
    assert news == [5, 5, 4, 0]
    assert await Paper.all().count() == stored + 14
