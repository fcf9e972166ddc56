"""The composition root end to end: `run` against the local OParl server and Bot API stand-in.

One `run` serves the whole module (its first sync of Karlsruhe's history is the slow part);
each test talks to it as a chat of its own, so no test sees another's messages.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from bot.app import RunContext, RunOptions, run
from bot.config import Settings
from bot.pipeline.delivery import DeliveryConfig
from fetcher.endpoints import Endpoint
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from standins.telegram_api import TelegramAPI
from storage.models import Paper, SyncState
from tests.conftest import Templates
from tests.karlsruhe_publish import publish_answer, publish_inquiry
from tests.parse_memo import RememberingParserPool

ROOT = Path(__file__).resolve().parents[1]
USER = 4242
ADMIN = 777
MEETING_USER = 4243
FOLLOWER = 4244
STRANGER = 4245

# The module's tests share one event loop: the one `running` application runs in it.
pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _migrated() -> None:
    """An empty migrated database (the "empty" template: migrated once, then copied)."""


def _settings(api: TelegramAPI, database_url: str) -> Settings:
    return Settings(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.url,
        DATABASE_URL=database_url,
        POLL_INTERVAL_SECONDS=1,
        ADMIN_CHAT_IDS=str(ADMIN),
        HTTP_ALLOW_NETWORKS=LOCAL_NETWORKS,
    )  # type: ignore[call-arg]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def running(
    tmp_path_factory: pytest.TempPathFactory, templates: Templates
) -> AsyncIterator[tuple[TelegramAPI, OParlServer, RunContext]]:
    """Run the whole application against both local servers for the module; stop it after."""
    database = tmp_path_factory.mktemp("run") / "run.sqlite3"
    database_url = await templates.sqlite_copy("empty", _migrated, database)
    async with OParlServer("karlsruhe") as oparl, TelegramAPI() as api:
        stop = asyncio.Event()
        ready: asyncio.Future[RunContext] = asyncio.get_running_loop().create_future()

        async def on_ready(context: RunContext) -> None:
            ready.set_result(context)

        options = RunOptions(
            endpoints=[Endpoint("Stadt Karlsruhe", "karlsruhe", (oparl.system_url,))],
            per_host_interval_s=0.0,
            polling_timeout_s=1,
            alert_check_interval_s=0.2,
            first_sync_since=date(2026, 1, 1),
            delivery=DeliveryConfig(poll_interval_s=0.1),
            on_ready=on_ready,
            parser_pool=RememberingParserPool,  # the history's PDFs as other tests read them
        )
        task = asyncio.create_task(run(_settings(api, database_url), stop, options))
        context = await asyncio.wait_for(ready, 30)
        try:
            yield api, oparl, context
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


async def _first_sync_done() -> bool:
    """Return whether the first sync is over: history listed and every paper read (a paper
    published before that waits for the next poll, which a loaded machine may delay)."""
    state = await SyncState.get_or_none(source="karlsruhe", list_name="paper")
    if state is None or not state.first_sync_done:
        return False
    return not await Paper.filter(processed=False).exists()


async def _wait_for_first_sync(timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while not await _first_sync_done():
        assert time.monotonic() < deadline, "first sync did not finish"
        await asyncio.sleep(0.2)


async def test_ratsbot_run_stops_cleanly_on_sigterm(tmp_path: Path, templates: Templates) -> None:
    """`ratsbot run` as a process exits 0 within 10 s of SIGTERM."""
    database_url = await templates.sqlite_copy("empty", _migrated, tmp_path / "sig.sqlite3")
    async with OParlServer("leipzig-allris-net") as oparl, TelegramAPI() as api:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": database_url,
            "OPARL_ENDPOINTS": f"Stadt Leipzig={oparl.system_url}",
            "HTTP_ALLOW_NETWORKS": LOCAL_NETWORKS,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        # deleteWebhook precedes the first long poll (getUpdates is recorded only when it returns)
        await api.wait_until(lambda: bool(api.calls("deleteWebhook")), timeout=60)
        await asyncio.sleep(0.5)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, stderr.decode()[-2000:]
        assert time.monotonic() - started < 10
        assert b"Traceback" not in stderr
        assert api.token.encode() not in stderr


async def test_run_pushes_a_new_inquiry_to_a_subscriber(
    running: tuple[TelegramAPI, OParlServer, RunContext], tmp_path: Path
) -> None:
    """A user subscribes to Karlsruhe's AfD inquiries; a newly published real AfD inquiry arrives
    as a push with its questions; the history of the first sync is not pushed."""
    api, oparl, _ = running
    await _wait_for_first_sync()
    api.user_sends(USER, "/abo Karlsruhe fraktion:AfD")
    confirmation = await api.wait_for_message(USER, timeout=10)
    assert "AfD" in confirmation.text
    publish_inquiry(oparl, "2026/9997", tmp_path)
    push = await api.wait_for_message(USER, lambda m: "2026/9997" in m.text, timeout=30)
    assert "AfD" in push.text
    assert push.text.count("?") >= 8  # the 8 questions counted by hand in 677733.txt
    assert any(url.endswith(".pdf") for url in push.link_urls())
    # only the new paper was pushed, not the history of the first sync
    pushes = [m for m in api.messages(USER) if m.text.startswith("📄")]
    assert len(pushes) == 1
    assert await Paper.filter(reference="2026/9997").count() == 1


async def test_run_answers_status_for_admins_only(
    running: tuple[TelegramAPI, OParlServer, RunContext],
) -> None:
    """/status shows the source health to an operator and refuses everyone else."""
    api, _, _ = running
    await _wait_for_first_sync()
    api.user_sends(ADMIN, "/status")
    report = await api.wait_for_message(ADMIN, timeout=10)
    assert "Ratsbot-Status" in report.text
    assert "karlsruhe" in report.text
    api.user_sends(STRANGER, "/status")
    refused = await api.wait_for_message(STRANGER, timeout=10)
    assert "nur für die Betreiber" in refused.text


async def test_run_hides_a_paper_with_verbergen(
    running: tuple[TelegramAPI, OParlServer, RunContext],
) -> None:
    """/verbergen hides a paper from search; `rückgängig` shows it again."""
    api, _, _ = running
    await _wait_for_first_sync()
    paper = await Paper.filter(kind="Anfrage").exclude(reference=None).first()
    assert paper is not None
    api.user_sends(ADMIN, f"/verbergen {paper.reference}")
    reply = await api.wait_for_message(ADMIN, timeout=10)
    assert "verborgen" in reply.text
    assert (await Paper.get(id=paper.id)).hidden
    api.user_sends(ADMIN, f"/anfrage {paper.reference}")
    hidden_reply = await api.wait_for_message(ADMIN, timeout=10)
    assert paper.title[:30] not in hidden_reply.text
    api.user_sends(ADMIN, f"/verbergen rückgängig {paper.reference}")
    await api.wait_for_message(ADMIN, timeout=10)
    assert not (await Paper.get(id=paper.id)).hidden


async def test_meeting_alert_is_delivered(
    running: tuple[TelegramAPI, OParlServer, RunContext],
) -> None:
    """A chat subscribed to Karlsruhe gets exactly one alert for a Gemeinderat within 24 h."""
    api, _, _ = running
    await _wait_for_first_sync()
    from storage.models import Kommune, Meeting

    kommune = await Kommune.get(slug="karlsruhe")
    await Meeting.create(
        oparl_id="https://karlsruhe.example/meeting/demo",
        kommune=kommune,
        name="Gemeinderat",
        start=datetime.now(UTC) + timedelta(hours=3),
        location="Rathaus am Marktplatz, Bürgersaal",
    )
    api.user_sends(MEETING_USER, "/abo Karlsruhe")
    await api.wait_for_message(MEETING_USER, timeout=10)
    alert = await api.wait_for_message(MEETING_USER, lambda m: "Gemeinderat" in m.text, timeout=20)
    assert "Bürgersaal" in alert.text
    await asyncio.sleep(1.0)
    alerts = [m for m in api.messages(MEETING_USER) if "Bürgersaal" in m.text]
    assert len(alerts) == 1


async def test_answer_reaches_the_chat_that_follows_the_inquiry(
    running: tuple[TelegramAPI, OParlServer, RunContext], tmp_path: Path
) -> None:
    """A user opens a new inquiry with /anfrage, taps "Antwort abonnieren"; when Karlsruhe adds
    the real Stellungnahme to the paper, the answer message with the answers arrives."""
    api, oparl, _ = running
    await _wait_for_first_sync()
    served = publish_inquiry(oparl, "2026/9994", tmp_path)
    deadline = time.monotonic() + 30
    while not await Paper.filter(reference="2026/9994", processed=True).exists():
        assert time.monotonic() < deadline, "the new inquiry was not synced"
        await asyncio.sleep(0.2)
    api.user_sends(FOLLOWER, "/anfrage 2026/9994")
    message = await api.wait_for_message(FOLLOWER, lambda m: "2026/9994" in m.text, timeout=10)
    query = api.user_clicks_button(FOLLOWER, message.message_id, "Antwort abonnieren")
    await api.wait_for_answer(query, timeout=10)

    url = publish_answer(oparl, served, tmp_path)
    answer = await api.wait_for_message(FOLLOWER, lambda m: m.text.startswith("✅"), timeout=30)
    assert "Stadtjugendausschuss" in answer.text  # the first answer, read in 678136.txt
    assert url in answer.link_urls()
