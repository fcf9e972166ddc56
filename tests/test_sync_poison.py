"""Poison records served by the local OParl server never stop their Kommune (issue #18 point 3)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.ops.status import render_status_text
from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from storage.health import health
from storage.models import Paper, SyncState
from tests.fixtures_path import OPARL_FIXTURES
from tests.karlsruhe_publish import publish_inquiry
from tests.test_sync import NotifyLog


@pytest.fixture
async def parser() -> AsyncIterator[ParserPool]:
    """Yield a small parser pool."""
    async with ParserPool(size=1) as pool:
        yield pool


def _paper(**changes: Any) -> dict[str, Any]:
    """Return the real Karlsruhe paper 2026/0297 without its files, changed as given."""
    obj = json.loads((OPARL_FIXTURES / "karlsruhe/papers/54457.json").read_text(encoding="utf-8"))
    skip = ("id", "created", "modified", "date", "auxiliaryFile", "consultation")
    paper = {k: v for k, v in obj.items() if k not in skip}
    paper.update(changes)
    return paper


async def test_poison_records_are_skipped_and_the_rest_is_stored_and_pushed(
    db_url: str, parser: ParserPool, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Over-long reference and URLs, wrong types, a missing and a duplicate id: the good paper
    of the same poll is stored, parsed and pushed; each bad one is logged once and counted."""
    notify = NotifyLog()
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        service = SyncService(
            http, parser, [endpoint], notify=notify, first_sync_since=date(2026, 6, 29)
        )
        first = await service.sync_all()
        assert first.kommunen[0].ok, first.kommunen[0].error
        notify.calls.clear()

        long_reference = "2026/" + "9" * 150
        server.add_paper(_paper(reference=long_reference))
        server.add_paper(_paper(reference="2026/9981", web="https://x.de/" + "a" * 1100))
        long_file = {
            "id": "https://x.de/file/long",
            "type": "https://schema.oparl.org/1.1/File",
            "accessUrl": "https://x.de/" + "b" * 1100 + ".pdf",
        }
        server.add_paper(_paper(reference="2026/9982", mainFile=long_file))
        server.add_paper(_paper(reference=["2026/9983"], name={"de": 7}, date=42))
        server.add_paper(_paper(reference="2026/9984"))
        without_id = server.data.lists[server.data.paper_list].keys[-1]
        del server.data.objects[without_id]["id"]
        twice = server.add_paper(_paper(reference="2026/9985"))
        server.add_paper(_paper(reference="2026/9985", id=twice["id"]))
        good = publish_inquiry(server, "2026/9986", tmp_path)

        caplog.set_level(logging.WARNING, logger="bot.pipeline.sync")
        caplog.set_level(logging.WARNING, logger="fetcher.oparl")
        second = await service.sync_all()
        third = await service.sync_all()

    assert second.kommunen[0].ok, second.kommunen[0].error
    assert third.kommunen[0].ok, third.kommunen[0].error
    stored = await Paper.get(oparl_id=good["id"])
    assert stored.processed
    assert len(stored.questions) == 8  # 677733.txt lists eight questions
    assert (stored.id, True, False) in notify.calls
    assert await Paper.filter(reference="2026/9985").count() == 1
    # What can be cut is cut and stored (fetcher/oparl_json.py): the over-long reference is
    # shortened, the over-long web URL and file URL are dropped; Paper.extra["fixed"] says so.
    (cut,) = await Paper.filter(reference__startswith="2026/999")
    assert cut.reference is not None
    assert len(cut.reference) <= 100
    assert "fixed" in cut.extra
    no_web = await Paper.get(reference="2026/9981")
    assert no_web.web_url is None
    no_file = await Paper.get(reference="2026/9982")
    assert no_file.pdf_url is None
    # What cannot be stored (no id, a duplicate id) is skipped, logged once and counted per poll.
    skipped_lines = [r for r in caplog.records if "skipped record" in r.getMessage()]
    assert len(skipped_lines) == 2, [r.getMessage() for r in skipped_lines]
    assert second.kommunen[0].skipped_records == 2
    assert third.kommunen[0].skipped_records == 2
    state = await SyncState.get(source="karlsruhe", list_name="paper")
    assert state.records_skipped_total == 4
    report = render_status_text(await health(datetime.now(UTC)))
    assert "übersprungen (fehlerhafte Daten) 4" in report
