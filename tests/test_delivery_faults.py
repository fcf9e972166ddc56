"""Long and strange delivery faults over real HTTP, with a clock that can jump (issue #18)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.ops.status import render_status_text
from bot.pipeline.delivery import DeliveryConfig, DeliveryWorker, TokenRevoked
from standins.telegram_api import TelegramAPI
from storage import outbox
from storage.health import health
from storage.models import Kommune, Notification, Paper
from storage.outbox import OutboxItem
from storage.subscriptions import get_or_create_chat

START = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
# Production backoff and alert times (10 min, 15 min); only the pacing is faster.
FAULTS = DeliveryConfig(
    rate_per_s=200.0, burst=20, private_interval_s=0.05, poll_interval_s=0.02, coalesce_over=3
)


class JumpClock:
    """Real time plus jumps: `advance(600)` makes ten minutes pass at once."""

    def __init__(self) -> None:
        self._start = time.monotonic()
        self.offset = 0.0

    def monotonic(self) -> float:
        """Return seconds since the start, jumps included."""
        return time.monotonic() - self._start + self.offset

    def now(self) -> datetime:
        """Return the wall-clock time that goes with `monotonic()`."""
        return START + timedelta(seconds=self.monotonic())

    async def advance(self, seconds: float, real_s: float = 0.03) -> None:
        """Jump ahead, then give the worker `real_s` of real time to act on it."""
        self.offset += seconds
        await asyncio.sleep(real_s)


@pytest.fixture
async def api() -> AsyncIterator[TelegramAPI]:
    """Yield a running Bot API stand-in."""
    async with TelegramAPI() as server:
        yield server


@pytest.fixture
async def bot(api: TelegramAPI) -> AsyncIterator[Bot]:
    """Yield a PTB Bot talking to the stand-in over HTTP."""
    async with Bot(api.token, base_url=api.base_url, request=HTTPXRequest(32)) as client:
        yield client


async def _paper(n: int) -> Paper:
    kommune = await Kommune.get_or_none(slug="leipzig") or await Kommune.create(
        oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig"
    )
    return await Paper.create(
        oparl_id=f"https://leipzig.example/paper/{n}",
        kommune=kommune,
        title=f"Anfrage Nummer {n} zur Schulwegsicherheit",
        reference=f"VII-F-{1000 + n}",
        kind="Anfrage",
        web_url=f"https://ratsinformation.leipzig.de/vo020?VOLFDNR={n}",
    )


async def _queue(paper: Paper, telegram_ids: list[int], now: datetime) -> None:
    chats = [await get_or_create_chat(i) for i in telegram_ids]
    await outbox.enqueue((OutboxItem(c.id, "paper", paper.id, "new") for c in chats), now=now)


async def _states() -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in await Notification.all().values_list("state", flat=True):
        counts[str(state)] = counts.get(str(state), 0) + 1
    return counts


async def _until(check: object, clock: JumpClock, step_s: float = 30.0, rounds: int = 80) -> None:
    for _ in range(rounds):
        if await check():  # type: ignore[operator]
            return
        await clock.advance(step_s, 0.05)
    raise AssertionError("condition not reached")


async def test_thirty_minute_outage_loses_nothing(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """30 min of no network, 502s and 429s: every row is sent after it, busy chats get one
    digest, and operators get one alert and one recovery note."""
    clock = JumpClock()
    told: list[str] = []

    async def tell(text: str) -> None:
        told.append(text)

    quiet = list(range(5001, 5031))
    busy = list(range(6001, 6011))
    await _queue(await _paper(1), quiet + busy, clock.now())
    api.offline = True
    worker = DeliveryWorker(
        bot, FAULTS, now=clock.now, clock=clock.monotonic, on_outage=tell, owner="w1"
    )
    task = asyncio.create_task(worker.run())
    try:
        await api.wait_until(lambda: api.cut_off > 0, timeout=5)
        for step in range(60):  # 30 minutes in half-minute jumps
            if step == 20:
                api.offline = False
                api.fail(502, times=None)
            if step == 40:
                api.clear_faults()
                api.fail(429, times=None, retry_after=60)
            if 10 <= step < 18 and step % 2 == 0:  # new papers for the busy chats meanwhile
                await _queue(await _paper(step), busy, clock.now())
            await clock.advance(30, 0.05)
        assert api.messages(quiet[0]) == []
        assert "Zustellung GESTÖRT seit" in render_status_text(await health(clock.now()))
        (alert,) = told
        assert "Zustellung an Telegram scheitert seit" in alert
        api.clear_faults()

        async def all_sent() -> bool:
            return await _states() == {"sent": 80}

        await _until(all_sent, clock)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    for chat_id in quiet:
        (message,) = api.messages(chat_id)
        assert "Anfrage Nummer 1 zur Schulwegsicherheit" in message.text
    for chat_id in busy:
        (digest,) = api.messages(chat_id)
        assert "5 neue Anfragen in Leipzig" in digest.text
    assert len(told) == 2
    assert "läuft wieder" in told[1]
    assert "GESTÖRT" not in render_status_text(await health(clock.now()))


async def test_a_401_burst_recovers(sqlite_db: str, api: TelegramAPI, bot: Bot) -> None:
    """Two 401s in a row pause sending, then every message goes out once and nothing fails."""
    clock = JumpClock()
    chats = list(range(7001, 7011))
    await _queue(await _paper(1), chats, clock.now())
    api.fail(401, times=2)
    worker = DeliveryWorker(bot, FAULTS, now=clock.now, clock=clock.monotonic)
    task = asyncio.create_task(worker.run())
    try:

        async def all_sent() -> bool:
            return await _states() == {"sent": 10}

        await _until(all_sent, clock, step_s=5.0)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert all(len(api.messages(c)) == 1 for c in chats)


async def test_a_lasting_401_stops_the_worker_and_keeps_the_rows(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """A revoked token ends run() with TokenRevoked after a minute of 401s; no row is lost."""
    clock = JumpClock()
    await _queue(await _paper(1), list(range(7101, 7106)), clock.now())
    api.revoked = True
    worker = DeliveryWorker(bot, FAULTS, now=clock.now, clock=clock.monotonic)
    task = asyncio.create_task(worker.run())
    for _ in range(60):
        if task.done():
            break
        await clock.advance(10.0, 0.05)
    with pytest.raises(TokenRevoked):
        await task
    assert await _states() == {"pending": 5}
    report = render_status_text(await health(clock.now()))
    assert "token revoked" in report


async def test_two_workers_never_send_one_row_twice(
    db_url: str, api: TelegramAPI, bot: Bot
) -> None:
    """Two workers on one outbox, each with its own name, split 100 chats without a repeat."""
    await _queue(await _paper(1), list(range(8001, 8101)), datetime.now(UTC))
    # Small claims, so that both workers take turns whichever starts first (one claim of the
    # default batch would take all 100 rows).
    config = replace(FAULTS, poll_interval_s=0.01, batch_size=10)
    first = DeliveryWorker(bot, config, owner="w1")
    second = DeliveryWorker(bot, config, owner="w2")
    await asyncio.gather(first.drain(timeout_s=30), second.drain(timeout_s=30))
    assert all(len(api.messages(c)) == 1 for c in range(8001, 8101))
    assert first.stats.sent > 0
    assert second.stats.sent > 0
    assert first.stats.sent + second.stats.sent == 100


async def test_sigterm_with_a_slow_bot_api_repeats_nothing(
    sqlite_db: str, api: TelegramAPI, bot: Bot
) -> None:
    """Cancelling while every call takes 4 s waits for the sends in flight and records them, so
    a restarted worker sends each chat exactly one message."""
    chats = list(range(9001, 9041))
    await _queue(await _paper(1), chats, datetime.now(UTC))
    api.set_latency(4.0)
    worker = DeliveryWorker(bot, replace(FAULTS, rate_per_s=10.0), owner="w1")
    task = asyncio.create_task(worker.run())
    await asyncio.sleep(1.0)  # sends are in flight, none answered yet
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    states = await _states()
    assert states.get("inflight", 0) == 0
    assert states["sent"] == sum(len(api.messages(c)) for c in chats) > 0
    api.set_latency(0.0)
    restarted = DeliveryWorker(bot, FAULTS, owner="w1")
    await restarted.recover()
    await restarted.drain(timeout_s=30)
    assert [len(api.messages(c)) for c in chats] == [1] * len(chats)
