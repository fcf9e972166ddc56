"""What the sync remembers in the database across processes and restarts (storage.sync_memory):
the run of capped polls with its operator messages, and the on-demand polling grace."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.ops.status import render_status_text
from bot.pipeline.coverage import Coverage
from bot.pipeline.sync import CAP_ALERT_POLLS, SyncService
from bot.pipeline.sync_guard import SyncGuard
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from storage.health import health
from storage.models import Kommune
from storage.subscriptions import add_subscription, delete_subscription
from tests.fixtures_path import OPARL_FIXTURES

CAPPED = "über der Obergrenze neuer Papiere"


@pytest.fixture
async def parser() -> AsyncIterator[ParserPool]:
    """Yield a small parser pool."""
    async with ParserPool(size=1) as pool:
        yield pool


async def test_cap_alert_survives_a_restart_and_reaches_another_process(
    sqlite_db: str, parser: ParserPool
) -> None:
    """Capped polls counted across a restart of the sync's guard make one operator alert,
    taken once by another process's guard; /status shows the Kommune until its list is below
    the cap again, and the all-clear is taken once too."""
    template = json.loads(
        (OPARL_FIXTURES / "karlsruhe/papers/54457.json").read_text(encoding="utf-8")
    )
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))

        fetcher = SyncService(
            http, parser, [endpoint], first_sync_since=date(2026, 6, 29), max_new_papers=5
        )
        assert (await fetcher.sync_all()).kommunen[0].ok
        chat_process = SyncGuard()
        for poll in range(CAP_ALERT_POLLS):
            if poll == CAP_ALERT_POLLS - 1:
                fetcher.guard = SyncGuard()  # a restart just before the poll that alerts
            for n in range(8):
                paper = {k: template[k] for k in ("name", "paperType", "type")}
                server.add_paper({**paper, "reference": f"2026/8{poll}{n:02d}"})
            assert (await fetcher.sync_all()).kommunen[0].new == 5
        alerts = await chat_process.take_warnings()
        assert await SyncGuard().take_warnings() == []  # a third process gets nothing twice
        status = render_status_text(await health(datetime.now(UTC)))
        fetcher.guard = SyncGuard()  # restarted again: the list ends below the cap
        while (await fetcher.sync_all()).kommunen[0].new >= 5:
            pass
        recovered = await chat_process.take_warnings()
        after = render_status_text(await health(datetime.now(UTC)))
    assert len(alerts) == 1
    assert alerts[0].startswith("⚠️ Ratsinfo karlsruhe: 3 Abrufe in Folge mit mehr als 5 neuen")
    assert "Stadt Karlsruhe (karlsruhe): OK" in status
    assert f"3 Abrufe in Folge {CAPPED}" in status
    assert recovered == ["✅ Ratsinfo karlsruhe: wieder unter der Obergrenze neuer Papiere."]
    assert CAPPED not in after


async def test_on_demand_grace_survives_a_restart(db_url: str) -> None:
    """A Kommune whose last subscription went away is still polled by a restarted process
    until its grace ends, and not after it."""
    now = [datetime(2026, 11, 2, 8, 0, tzinfo=UTC)]
    bundled = [
        Endpoint("Stadt Karlsruhe", "karlsruhe", ("https://web1.karlsruhe.de/oparl/system",)),
        Endpoint("Leipzig", "leipzig", ("https://ratsinformation.leipzig.de/oparl/system",)),
    ]

    def process() -> Coverage:
        return Coverage(bundled=bundled, grace=timedelta(hours=1), clock=lambda: now[0])

    kommune = await Kommune.create(
        oparl_id="https://web1.karlsruhe.de/oparl/body/1", name="Stadt Karlsruhe", slug="karlsruhe"
    )
    subscription, _ = await add_subscription(4711, kommune.id, "AfD", None)
    assert [e.slug for e in await process().polled()] == ["karlsruhe"]
    assert await delete_subscription(4711, subscription.id)
    now[0] += timedelta(minutes=10)
    restarted = process()
    assert [e.slug for e in await restarted.polled()] == ["karlsruhe"]
    now[0] += timedelta(minutes=51)
    assert await restarted.polled() == ()
    assert await process().polled() == ()
