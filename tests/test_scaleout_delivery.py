"""Two `ratsbot run` processes deliver one fan-out from one PostgreSQL outbox (issue #13).

Real processes (`python -m bot run --role all` and `--role deliver`) against the Bot API
stand-in; each test stores subscribed chats (2,000 for the fan-out issue #13 names, fewer for
the kill -9, which needs only a fan-out still running when it strikes) and one matching
inquiry, and queues the messages with the real Notifier, as a fetch worker would after storing
the paper. With
OPARL_ENDPOINTS empty and no Kommune subscribed, neither process polls any source, so the run
measures delivery alone. Each process sends at most TELEGRAM_RATE_LIMIT (raised to 60 msg/s).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.pipeline.notify import Notifier
from standins.telegram_api import TelegramAPI
from storage.leases import delivery_owner
from storage.models import Chat, Kommune, Notification, Paper, Subscription
from storage.subscriptions import subscription_key
from tests.run_proc import Worker, run_env, start_run

CHATS = 2_000
KILL_CHATS = 600  # the kill -9 test: a third sent at the kill, the rest by two processes
FIRST_CHAT = 300_001
# msg/s per process; Telegram's ~30/s is the stand-in's business, not this test's. A process
# keeps rate / 5 requests in flight, and httpx's pool costs more CPU per request the more
# connections it holds: 150 msg/s (30 in flight) cost 3 s more CPU for the 2,000 chats than
# 60 (12), at the same wall time (the processes are CPU-bound well below either rate).
RATE = "60"


@pytest.fixture
async def api() -> AsyncIterator[TelegramAPI]:
    """Yield a running Bot API stand-in (no flood limits)."""
    async with TelegramAPI() as server:
        yield server


async def _queue_fan_out(chats: int = CHATS) -> list[int]:
    """Store `chats` chats subscribed to "Schulwegsicherheit" and an inquiry that matches them,
    queue its messages; return the chats' Telegram ids."""
    ids = list(range(FIRST_CHAT, FIRST_CHAT + chats))
    await Chat.bulk_create([Chat(chat_id=i, chat_type="private") for i in ids], batch_size=500)
    key = subscription_key(None, None, "Schulwegsicherheit", "Anfrage")
    await Subscription.bulk_create(
        [
            Subscription(chat_id=pk, keyword="Schulwegsicherheit", kind="Anfrage", key=key)
            for pk in await Chat.filter(chat_id__gte=FIRST_CHAT).values_list("id", flat=True)
        ],
        batch_size=500,
    )
    kommune = await Kommune.create(
        oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig-scaleout"
    )
    paper = await Paper.create(
        oparl_id="https://leipzig.example/paper/1",
        kommune=kommune,
        title="Schulwegsicherheit an der Grundschule Gohlis",
        reference="VII-F-09999",
        kind="Anfrage",
        factions=["Die Linke"],
        web_url="https://ratsinformation.leipzig.de/allris_leipzig_public/vo020?VOLFDNR=9999",
    )
    assert await Notifier().on_paper_stored(paper.id, created=True, backfill=False) == chats
    return ids


async def _two_workers(api: TelegramAPI, db_url: str, cwd: Path) -> tuple[Worker, Worker]:
    env = run_env(api, db_url, "", TELEGRAM_RATE_LIMIT=RATE)
    main = await start_run(cwd, env, "run", "--role", "all")
    deliverer = await start_run(cwd, env, "run", "--role", "deliver")
    await main.wait_for("ratsbot running")
    await deliverer.wait_for("ratsbot running")
    return main, deliverer


async def _sent_by_owner() -> Counter[str]:
    owners = await Notification.filter(state="sent").values_list("claimed_by", flat=True)
    return Counter(str(o) for o in owners)


async def _all_sent(timeout_s: float, chats: int = CHATS) -> None:
    deadline = time.monotonic() + timeout_s
    while await Notification.filter(state="sent").count() < chats:
        assert time.monotonic() < deadline, await _states()
        await asyncio.sleep(0.5)


async def _states() -> dict[str, int]:
    return dict(Counter(await Notification.all().values_list("state", flat=True)))


def _require_postgres(db_url: str) -> None:
    if not db_url.startswith("postgres"):
        pytest.skip("several processes need PostgreSQL; SQLite refuses a second one")


async def test_two_processes_send_each_chat_exactly_one_message(
    db_url: str, api: TelegramAPI, tmp_path: Path
) -> None:
    """`run --role all` and `run --role deliver` on one PostgreSQL share a 2,000-chat fan-out:
    both send, every chat gets exactly one message, and both stop cleanly."""
    _require_postgres(db_url)
    main, deliverer = await _two_workers(api, db_url, tmp_path)
    try:
        ids = await _queue_fan_out()
        started = time.monotonic()
        await _all_sent(timeout_s=240)  # a hang guard: ~10 s unloaded, 60+ s at load 20
        took_s = time.monotonic() - started
    finally:
        codes = (await main.stop(), await deliverer.stop())
    logs = main.log() + "\n" + deliverer.log()
    assert codes == (0, 0), logs[-3000:]
    counts = {i: len(api.messages(i)) for i in ids}
    assert [counts[i] for i in ids] == [1] * CHATS
    assert "Schulwegsicherheit an der Grundschule Gohlis" in api.messages(ids[0])[0].text
    owners = await _sent_by_owner()
    assert set(owners) == {n for n in owners if n.endswith((":all", ":deliver"))}
    assert len(owners) == 2, owners
    assert min(owners.values()) > 0, owners  # both processes sent
    assert "Traceback" not in logs
    print(f"2 processes, {CHATS} chats: {took_s:.1f} s, by owner {dict(owners)}")


async def test_kill_9_of_one_process_mid_fan_out_loses_nothing(
    db_url: str, api: TelegramAPI, tmp_path: Path
) -> None:
    """SIGKILL of the `deliver` process mid fan-out: the other process goes on, the restarted
    one (same host and role, so the same claim owner) sends the rows it had in flight, every
    chat has its message, and only those rows can arrive twice."""
    _require_postgres(db_url)
    main, deliverer = await _two_workers(api, db_url, tmp_path)
    restarted: Worker | None = None
    try:
        ids = await _queue_fan_out(KILL_CHATS)
        await api.wait_until(lambda: len(api.calls("sendMessage")) >= KILL_CHATS // 3, timeout=120)
        await deliverer.kill()
        killed_owner = delivery_owner("deliver")
        in_flight = set(
            await Notification.filter(state="inflight", claimed_by=killed_owner).values_list(
                "chat__chat_id", flat=True
            )
        )
        sent_at_kill = await Notification.filter(state="sent").count()
        assert 0 < sent_at_kill < KILL_CHATS
        env = run_env(api, db_url, "", TELEGRAM_RATE_LIMIT=RATE)
        restarted = await start_run(tmp_path, env, "run", "--role", "deliver")
        await _all_sent(timeout_s=150, chats=KILL_CHATS)
    finally:
        codes = (await main.stop(), await restarted.stop() if restarted else None)
    assert codes == (0, 0), (main.log() + (restarted.log() if restarted else ""))[-3000:]
    counts = {i: len(api.messages(i)) for i in ids}
    lost = [i for i in ids if counts[i] == 0]
    twice = {i for i in ids if counts[i] > 1}
    assert lost == []
    assert twice <= in_flight
    assert max(counts.values()) <= 2
    assert await _states() == {"sent": KILL_CHATS}
    if in_flight:
        assert "rows were in flight at the last stop" in restarted.log()
    print(
        f"kill -9 after {sent_at_kill} sent: {len(in_flight)} in flight, lost {len(lost)}, "
        f"duplicates {len(twice)}"
    )
