"""A failed document download is retried later; the push gets a follow-up (#18 point 4)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot

from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker
from bot.pipeline.notify import Notifier
from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from standins.telegram_api import TelegramAPI
from storage.models import File, Kommune, Paper
from storage.subscriptions import add_subscription
from tests.karlsruhe_publish import publish_inquiry

USER = 5151
FILES = "/oparl/bodies/0001/downloadfiles"


class Clock:
    """A wall clock the test moves forward."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def parser() -> AsyncIterator[ParserPool]:
    """Yield a small parser pool."""
    async with ParserPool(size=1) as pool:
        yield pool


async def test_pdf_answering_503_is_fetched_later_and_the_chat_gets_the_questions(
    sqlite_db: str, parser: ParserPool, tmp_path: Path
) -> None:
    """The real AfD inquiry is pushed without questions while its PDF answers 503; once the
    server recovers, a later poll reads the 8 questions and the chat gets a follow-up."""
    clock = Clock()
    faults = Faults()
    async with (
        OParlServer("karlsruhe", faults=faults) as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
        TelegramAPI() as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        notifier = Notifier(clock=clock)
        service = SyncService(
            http,
            parser,
            [endpoint],
            notify=notifier.on_paper_stored,
            first_sync_since=date(2026, 6, 29),
            clock=clock,
            poll_interval=timedelta(minutes=10),
        )
        worker = DeliveryWorker(bot, DeliveryConfig(poll_interval_s=0.05), now=clock)
        assert (await service.sync_all()).kommunen[0].ok
        kommune = await Kommune.get(slug="karlsruhe")
        await add_subscription(USER, kommune.id, None, None)  # every Anfrage of Karlsruhe

        faults.dead_prefixes[FILES] = 503
        served = publish_inquiry(server, "2026/9977", tmp_path)
        await service.sync_all()
        await worker.drain(timeout_s=20)
        (push,) = api.messages(USER)
        assert "2026/9977" in push.text
        paper = await Paper.get(oparl_id=served["id"])
        assert paper.questions == []
        main = await File.get(paper_id=paper.id, role="main")
        assert (main.parse_status, main.fetch_attempts) == ("download_failed", 1)

        del faults.dead_prefixes[FILES]
        await service.sync_all()  # not due yet: the retry waits one poll interval
        assert (await File.get(id=main.id)).parse_status == "download_failed"
        clock.now += timedelta(minutes=11)
        await service.sync_all()
        await worker.drain(timeout_s=20)

    paper = await Paper.get(id=paper.id)
    assert len(paper.questions) == 8  # 677733.txt lists eight questions
    first, followup = api.messages(USER)
    assert first.message_id == push.message_id
    assert followup.text.startswith("Nachtrag")
    assert "2026/9977" in followup.text
    assert followup.text.count("?") >= 8
