"""The delivery worker over real HTTP: PTB's Bot against the local Bot API stand-in, with faults."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.pipeline.alerts import check_meetings, render_meeting_row
from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker
from standins.telegram_api import FloodLimits, TelegramAPI
from storage import outbox
from storage.db import close_db, open_db
from storage.models import AgendaItem, Chat, Kommune, Meeting, Notification, Paper, Subscription
from storage.outbox import OutboxItem
from storage.subscriptions import add_subscription, get_or_create_chat

ROOT = Path(__file__).resolve().parents[1]
# Fast limits so the tests take seconds; the pacing logic is the same as with the defaults.
FAST = DeliveryConfig(
    rate_per_s=200.0,
    burst=10,
    private_interval_s=0.05,
    group_window_s=2.0,
    backoff_base_s=0.05,
    backoff_max_s=0.2,
    poll_interval_s=0.05,
)
KILL_CHATS = 300  # the kill -9 fan-out: a third sent at the kill, the rest after the restart


@pytest.fixture
async def api() -> AsyncIterator[TelegramAPI]:
    """Yield a running Bot API stand-in."""
    async with TelegramAPI() as server:
        yield server


@pytest.fixture
async def bot(api: TelegramAPI) -> AsyncIterator[Bot]:
    """Yield an initialised PTB Bot talking to the stand-in over HTTP."""
    request = HTTPXRequest(connection_pool_size=32)
    async with Bot(api.token, base_url=api.base_url, request=request) as client:
        yield client


async def _inquiry(
    title: str = "Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger",
) -> Paper:
    kommune = await Kommune.get_or_none(slug="leipzig") or await Kommune.create(
        oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig"
    )
    n = await Paper.all().count() + 1
    return await Paper.create(
        oparl_id=f"https://leipzig.example/paper/{n}",
        kommune=kommune,
        title=title,
        reference=f"VII-F-0861{n}",
        kind="Anfrage",
        factions=["Die Linke"],
        questions=[
            "Beabsichtigt die Stadt, freien Trägern das Inflationsausgleichsgeld zu erstatten?"
        ],
        web_url=f"https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR={n}",
    )


async def _queue(paper: Paper, telegram_ids: list[int]) -> None:
    chats = [await get_or_create_chat(i) for i in telegram_ids]
    await outbox.enqueue(OutboxItem(c.id, "paper", paper.id, "new") for c in chats)


async def _states() -> dict[str, int]:
    rows = await Notification.all().values_list("state", flat=True)
    counts: dict[str, int] = {}
    for state in rows:
        counts[str(state)] = counts.get(str(state), 0) + 1
    return counts


async def test_fan_out_reaches_every_chat_once(sqlite_db: str, api: TelegramAPI, bot: Bot) -> None:
    """Each of 60 chats gets the inquiry once; rows record the Telegram message id."""
    paper = await _inquiry()
    ids = list(range(1001, 1061))
    await _queue(paper, ids)
    worker = DeliveryWorker(bot, FAST)
    assert await worker.drain(timeout_s=20) == 60
    for chat_id in ids:
        (message,) = api.messages(chat_id)
        assert "Tarifabschlusses TVöD" in message.text
        assert message.button("Antwort abonnieren").callback_data == f"follow:{paper.id}"
    rows = await Notification.all().select_related("chat")
    assert {r.state for r in rows} == {"sent"}
    assert all(r.telegram_message_id == api.messages(r.chat.chat_id)[0].message_id for r in rows)


async def test_answer_and_meeting_alert_are_rendered_at_send_time(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """An answer row and a meeting alert row go out rendered from the database rows."""
    inquiry = await _inquiry()
    answer = await Paper.create(
        oparl_id="https://leipzig.example/paper/aw",
        kommune_id=inquiry.kommune_id,  # type: ignore[attr-defined]
        title="Antwort",
        kind="Antwort",
        answer_to=inquiry,
        questions=inquiry.questions,
        answers=["Nein, eine Erstattung ist nicht vorgesehen."],
        pdf_url="https://ratsinformation.leipzig.de/aw.pdf",
    )
    start = datetime.now(UTC) + timedelta(hours=3)
    meeting = await Meeting.create(
        oparl_id="https://leipzig.example/meeting/1",
        kommune_id=inquiry.kommune_id,  # type: ignore[attr-defined]
        name="Ratsversammlung",
        start=start,
    )
    await AgendaItem.create(oparl_id="https://leipzig.example/ai/1", meeting=meeting, paper=inquiry)
    chat = await get_or_create_chat(11_001)
    await outbox.enqueue([OutboxItem(chat.id, "answer", answer.id, "answer")])
    await add_subscription(11_001, inquiry.kommune_id, "Die Linke", None)  # type: ignore[attr-defined]
    await check_meetings(datetime.now(UTC))
    worker = DeliveryWorker(bot, FAST, render_meeting=render_meeting_row)
    await worker.drain(timeout_s=20)
    answer_message, alert = api.messages(11_001)
    assert "Nein, eine Erstattung ist nicht vorgesehen." in answer_message.text
    assert "Tarifabschlusses TVöD" in answer_message.text
    assert alert.text.startswith("📅 Ratsversammlung · Leipzig")
    assert "Passend zu Ihren Abos" in alert.text
    assert await _states() == {"sent": 2}


# PTB 22 warns inside RetryAfter() itself unless PTB_TIMEDELTA is set (telegram/error.py).
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_pauses_all_sending(sqlite_db: str, api: TelegramAPI, bot: Bot) -> None:
    """A 429 with retry_after=1 stops every send for a second, then all messages go out."""
    paper = await _inquiry()
    await _queue(paper, list(range(2001, 2021)))
    api.fail(429, retry_after=1, times=1)
    worker = DeliveryWorker(bot, replace(FAST, rate_per_s=20.0))
    await worker.drain(timeout_s=20)
    assert await _states() == {"sent": 20}
    calls = api.calls("sendMessage")
    limited = next(c for c in calls if c.status == 429)
    later = [c for c in calls if c.at > limited.at]
    # Requests already on the wire may land just after; none may start within the pause.
    started_late = [c for c in later if c.at - limited.at > 0.2]
    assert started_late
    assert min(c.at for c in started_late) - limited.at >= 0.9
    assert worker.stats.rate_limited >= 1


async def test_forbidden_deactivates_only_that_chat(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """A blocked chat is deactivated, its subscriptions paused, its other rows skipped."""
    kommune = await Kommune.create(
        oparl_id="https://x.example/body", name="Leipzig", slug="leipzig"
    )
    await add_subscription(3002, kommune.id, None, None, "Anfrage")
    first, second = await _inquiry(), await _inquiry("Zweite Anfrage zu Ladepunkten")
    await _queue(first, [3001, 3002, 3003])
    await _queue(second, [3002])
    api.block(3002, notify=False)
    worker = DeliveryWorker(bot, FAST)
    await worker.drain(timeout_s=20)
    chat = await Chat.get(chat_id=3002)
    assert not chat.active
    assert "blocked" in (chat.deactivated_reason or "")
    assert await Subscription.filter(chat_id=chat.id, paused=True).count() == 1
    states = dict(await Notification.filter(chat_id=chat.id).values_list("subject_id", "state"))
    assert states == {first.id: "failed", second.id: "skipped"}
    assert [len(api.messages(i)) for i in (3001, 3003)] == [1, 1]
    assert len([c for c in api.calls("sendMessage") if c.params["chat_id"] == 3002]) == 1


async def test_server_errors_are_retried(sqlite_db: str, api: TelegramAPI, bot: Bot) -> None:
    """Three 500s for one chat are retried with backoff; the message arrives on the fourth try."""
    paper = await _inquiry()
    await _queue(paper, [4001, 4002])
    api.fail(500, times=3, chat_id=4001)
    worker = DeliveryWorker(bot, FAST)
    await worker.drain(timeout_s=20)
    row = await Notification.get(chat__chat_id=4001)
    assert (row.state, row.attempts) == ("sent", 4)
    assert len(api.messages(4001)) == 1
    assert worker.stats.retried == 3


async def test_bad_request_fails_one_row_and_the_rest_go_on(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """A message Telegram refuses (400) is marked failed with the reason; other chats get theirs."""
    paper = await _inquiry()
    await _queue(paper, [5001, 5002, 5003])
    api.fail(400, chat_id=5002, description="Bad Request: can't parse entities: unexpected end")
    worker = DeliveryWorker(bot, FAST)
    await worker.drain(timeout_s=20)
    row = await Notification.get(chat__chat_id=5002)
    assert row.state == "failed"
    assert "can't parse entities" in (row.last_error or "").lower()
    assert (await Chat.get(chat_id=5002)).active
    assert [len(api.messages(i)) for i in (5001, 5003)] == [1, 1]


async def test_slow_responses_do_not_lose_or_reorder(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """With 300 ms per request every message still arrives, each chat's in queue order."""
    api.set_latency(0.3)
    papers = [await _inquiry(f"Anfrage Nummer {n}") for n in range(3)]
    for paper in papers:
        await _queue(paper, [6001, 6002])
    worker = DeliveryWorker(bot, replace(FAST, coalesce_over=10))
    await worker.drain(timeout_s=30)
    for chat_id in (6001, 6002):
        texts = [m.text for m in api.messages(chat_id)]
        assert [t.split("\n")[1] for t in texts] == [f"Anfrage Nummer {n}" for n in range(3)]


async def test_many_pending_papers_become_one_digest(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """Twelve pending inquiries for one chat arrive as one digest; all twelve rows are sent."""
    papers = [await _inquiry(f"Anfrage {n:02d} zur Schulsanierung") for n in range(12)]
    for paper in papers:
        await _queue(paper, [7001])
    await _queue(papers[0], [7002])
    worker = DeliveryWorker(bot, FAST)
    await worker.drain(timeout_s=20)
    (digest,) = api.messages(7001)
    assert digest.text.startswith("📬 12 neue Anfragen in Leipzig")
    assert len(digest.link_urls()) == 12
    rows = await Notification.filter(chat__chat_id=7001)
    assert {(r.state, r.telegram_message_id) for r in rows} == {("sent", digest.message_id)}
    assert len(api.messages(7002)) == 1
    assert worker.stats.digests == 1


async def test_private_chat_gets_at_most_one_message_per_second(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """Three messages to one private chat are spaced ≥ 1 s apart; Telegram's limit never hits."""
    api.flood_limits = FloodLimits(global_per_s=30, private_chat_per_s=1, group_per_min=20)
    papers = [await _inquiry(f"Anfrage {n}") for n in range(3)]
    for paper in papers:
        await _queue(paper, [8001])
    worker = DeliveryWorker(bot, replace(FAST, private_interval_s=1.1, coalesce_over=5))
    await worker.drain(timeout_s=20)
    calls = [c.at for c in api.calls("sendMessage")]
    assert len(calls) == 3
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(calls))
    assert api.stats().errors == {}


async def test_group_chat_window_limit(sqlite_db: str, api: TelegramAPI, bot: Bot) -> None:
    """A group gets at most `group_per_window` messages per window (here 3 per 2 s)."""
    papers = [await _inquiry(f"Anfrage {n}") for n in range(5)]
    for paper in papers:
        await _queue(paper, [-9001])
    config = replace(FAST, group_per_window=3, group_window_s=2.0, coalesce_over=10)
    worker = DeliveryWorker(bot, config)
    await worker.drain(timeout_s=20)
    calls = [c.at for c in api.calls("sendMessage")]
    assert len(calls) == 5
    assert calls[3] - calls[0] >= 1.9
    assert await _states() == {"sent": 5}


async def test_cancellation_stops_quickly_and_hands_rows_back(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """Cancelling run() mid fan-out returns within seconds; unsent rows are pending again."""
    paper = await _inquiry()
    await _queue(paper, list(range(10_001, 10_201)))
    worker = DeliveryWorker(bot, replace(FAST, rate_per_s=20.0))
    task = asyncio.create_task(worker.run())
    await api.wait_until(lambda: len(api.calls("sendMessage")) >= 10, timeout=10)
    loop = asyncio.get_running_loop()
    started = loop.time()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 30)  # a stop that hangs fails here instead of hanging
    assert loop.time() - started < 3.0
    states = await _states()
    assert states.get("inflight", 0) == 0
    assert states["sent"] == len(api.calls("sendMessage"))
    assert states["sent"] + states["pending"] == 200


async def test_kill_9_mid_fan_out_loses_nothing(sqlite_db: str, api: TelegramAPI) -> None:
    """SIGKILL during a 300-chat fan-out, then restart: every chat has its message, and
    only rows that were in flight at the kill were sent twice."""
    url = sqlite_db  # a migrated copy, open here until the worker processes take over
    try:
        paper = await _inquiry()
        ids = list(range(20_001, 20_001 + KILL_CHATS))
        await _queue(paper, ids)
    finally:
        await close_db()
    args = [sys.executable, "-m", "tests.delivery_worker_proc", url, api.base_url, api.token]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The stand-in runs in this event loop: the workers must be awaited, never waited for.
    proc = await asyncio.create_subprocess_exec(*args, "--rate", "400", cwd=ROOT, env=env)
    try:
        await api.wait_until(lambda: len(api.calls("sendMessage")) >= 100, timeout=60)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    await open_db(url, apply_migrations=False)
    try:
        inflight = set(
            await Notification.filter(state="inflight").values_list("chat__chat_id", flat=True)
        )
        sent_before = await Notification.filter(state="sent").count()
    finally:
        await close_db()
    assert 0 < sent_before < KILL_CHATS
    restart = await asyncio.create_subprocess_exec(
        *args, "--rate", "1000", "--drain", cwd=ROOT, env=env
    )
    assert await asyncio.wait_for(restart.wait(), 120) == 0
    counts = {i: len(api.messages(i)) for i in ids}
    assert all(n >= 1 for n in counts.values())
    twice = {i for i, n in counts.items() if n > 1}
    assert twice <= inflight
    assert max(counts.values()) <= 2
    await open_db(url, apply_migrations=False)
    try:
        assert await _states() == {"sent": KILL_CHATS}
    finally:
        await close_db()
