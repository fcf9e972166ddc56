"""The outbox and subscription queries on SQLite and PostgreSQL: dedup, claim order, recovery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage import outbox
from storage.models import AnswerFollow, Chat, Kommune, Notification, Paper, Subscription
from storage.outbox import OutboxItem
from storage.subscriptions import (
    SubscriptionError,
    add_subscription,
    delete_chat_data,
    delete_subscription,
    follow_paper,
    get_or_create_chat,
    list_subscriptions,
    load_subscription_rows,
    set_weekly_preview,
)

T0 = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)


async def _chats(*telegram_ids: int) -> list[Chat]:
    return [await get_or_create_chat(i) for i in telegram_ids]


async def test_enqueue_is_idempotent(db_url: str) -> None:
    """Queuing the same (chat, subject, kind) twice stores one row and reports it new once."""
    a, b = await _chats(101, 102)
    items = [OutboxItem(a.id, "paper", 7, "new"), OutboxItem(b.id, "paper", 7, "new")]
    assert await outbox.enqueue(items) == 2
    assert await outbox.enqueue([*items, OutboxItem(a.id, "paper", 7, "new")]) == 0
    assert await outbox.enqueue([OutboxItem(a.id, "answer", 7, "answer")]) == 1
    assert await Notification.all().count() == 3


async def test_enqueue_ignores_rows_in_any_state(db_url: str) -> None:
    """A message already sent is not queued again (the unique key spans every state)."""
    (a,) = await _chats(101)
    await outbox.enqueue([OutboxItem(a.id, "paper", 1, "new")])
    await Notification.filter(chat_id=a.id).update(state="sent")
    assert await outbox.enqueue([OutboxItem(a.id, "paper", 1, "new")]) == 0
    assert await Notification.filter(chat_id=a.id, state="pending").count() == 0


async def test_fetch_due_in_order_and_claim(db_url: str) -> None:
    """Due rows come oldest first; claimed rows are in flight and no longer due."""
    a, b = await _chats(101, -200)
    await outbox.enqueue([OutboxItem(a.id, "paper", n, "new") for n in (3, 1, 2)])
    await outbox.enqueue([OutboxItem(b.id, "meeting", 9, "alert")])
    rows = await outbox.fetch_due(T0)
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    assert [r.chat_id for r in rows] == [101, 101, 101, -200]
    assert rows[3].is_group
    assert not rows[0].is_group
    assert await outbox.claim([rows[0].id, rows[1].id], T0) == [rows[0].id, rows[1].id]
    assert await outbox.claim([rows[0].id], T0) == []  # already in flight
    due = await outbox.fetch_due(T0)
    assert [r.id for r in due] == [rows[2].id, rows[3].id]
    claimed = await Notification.get(id=rows[0].id)
    assert (claimed.state, claimed.attempts) == ("inflight", 1)
    assert [r.id for r in await outbox.fetch_due(T0, after_id=rows[2].id)] == [rows[3].id]


async def test_retry_later_hides_row_until_due(db_url: str) -> None:
    """A row put back with a later attempt time is not due before that time."""
    (a,) = await _chats(101)
    await outbox.enqueue([OutboxItem(a.id, "paper", 1, "new")])
    (row,) = await outbox.fetch_due(T0)
    await outbox.claim([row.id], T0)
    await outbox.retry_later([row.id], T0 + timedelta(seconds=30), "NetworkError: 502")
    assert await outbox.fetch_due(T0 + timedelta(seconds=29)) == []
    assert [r.id for r in await outbox.fetch_due(T0 + timedelta(seconds=30))] == [row.id]
    assert await outbox.next_due_at() == T0 + timedelta(seconds=30)


async def test_mark_sent_records_message_ids(db_url: str) -> None:
    """Sent rows keep the Telegram message id and the time they were sent."""
    a, b = await _chats(101, 102)
    await outbox.enqueue([OutboxItem(c.id, "paper", 1, "new") for c in (a, b)])
    rows = await outbox.fetch_due(T0)
    await outbox.claim([r.id for r in rows], T0)
    await outbox.mark_sent([(rows[0].id, 55), (rows[1].id, 56)], T0)
    got = {n.chat_id: n for n in await Notification.all()}
    assert (got[a.id].state, got[a.id].telegram_message_id) == ("sent", 55)
    assert (got[b.id].state, got[b.id].telegram_message_id) == ("sent", 56)
    assert got[a.id].sent_at == T0


async def test_claims_have_an_owner_and_an_expiry(db_url: str) -> None:
    """Two workers never get one row; a restart re-queues its own claims, expiry frees others'."""
    a, b, c = await _chats(101, 102, 103)
    await outbox.enqueue([OutboxItem(x.id, "paper", 1, "new") for x in (a, b, c)])
    ids = [r.id for r in await outbox.fetch_due(T0)]
    ttl = timedelta(minutes=5)
    assert await outbox.claim(ids[:2], T0, owner="w1", ttl=ttl) == ids[:2]
    assert await outbox.claim(ids, T0, owner="w2", ttl=ttl) == ids[2:]
    assert await outbox.requeue_expired(T0 + timedelta(minutes=4)) == 0
    assert await outbox.requeue_own("w1") == 2
    states = dict(await Notification.all().values_list("id", "state"))
    assert states == {ids[0]: "pending", ids[1]: "pending", ids[2]: "inflight"}
    assert await outbox.requeue_expired(T0 + timedelta(minutes=6)) == 1
    assert {r.id for r in await outbox.fetch_due(T0)} == set(ids)


async def test_rows_past_the_maximum_age_are_skipped_not_failed(db_url: str) -> None:
    """Pending rows queued before the cutoff become skipped with a reason; newer ones stay."""
    a, b = await _chats(101, 102)
    await outbox.enqueue([OutboxItem(a.id, "paper", 1, "new")], now=T0)
    await outbox.enqueue([OutboxItem(b.id, "paper", 1, "new")], now=T0 + timedelta(days=8))
    assert await outbox.expire_old(T0 + timedelta(days=7)) == 1
    old = await Notification.get(chat_id=a.id)
    assert old.state == "skipped"
    assert "expired" in (old.last_error or "")
    assert (await Notification.get(chat_id=b.id)).state == "pending"


async def test_deactivate_chat_pauses_and_skips(db_url: str) -> None:
    """A blocked chat is inactive, its subscriptions paused, its queue skipped."""
    kommune = await Kommune.create(
        oparl_id="https://example.org/body/1", name="Leipzig", slug="leipzig"
    )
    await add_subscription(101, kommune.id, None, None, "Anfrage")
    (a,) = await _chats(101)
    await outbox.enqueue([OutboxItem(a.id, "paper", n, "new") for n in (1, 2)])
    assert await outbox.deactivate_chat(a.id, "Forbidden: bot was blocked by the user") == 2
    chat = await Chat.get(id=a.id)
    assert not chat.active
    assert chat.deactivated_reason == "Forbidden: bot was blocked by the user"
    assert await Subscription.filter(chat_id=a.id, paused=False).count() == 0
    assert await load_subscription_rows() == []
    assert await outbox.fetch_due(T0) == []
    # Talking to the bot again reactivates the chat and resumes its subscriptions.
    await get_or_create_chat(101)
    assert len(await load_subscription_rows()) == 1


async def test_coalescing_counts_and_digest_claim(db_url: str) -> None:
    """Pending paper rows are counted per chat and claimed together for a digest."""
    a, b = await _chats(101, 102)
    await outbox.enqueue([OutboxItem(a.id, "paper", n, "new") for n in range(1, 6)])
    await outbox.enqueue(
        [OutboxItem(a.id, "meeting", 1, "alert"), OutboxItem(b.id, "paper", 1, "new")]
    )
    assert await outbox.count_pending_papers([a.id, b.id], T0) == {a.id: 5, b.id: 1}
    rows = await outbox.claim_pending_papers(a.id, T0, limit=4)
    assert [r.subject_id for r in rows] == [1, 2, 3, 4]
    assert await Notification.filter(chat_id=a.id, state="inflight").count() == 4
    assert await outbox.count_pending_papers([a.id], T0) == {a.id: 1}


async def test_backlog_counts(db_url: str) -> None:
    """The status counters split rows by state and count the due ones."""
    a, b = await _chats(101, 102)
    await outbox.enqueue([OutboxItem(c.id, "paper", 1, "new") for c in (a, b)])
    rows = await outbox.fetch_due(T0)
    await outbox.claim([rows[0].id], T0)
    await outbox.mark_failed([rows[0].id], "Bad Request: can't parse entities")
    result = await outbox.backlog(T0)
    assert result.by_state["pending"] == 1
    assert result.by_state["failed"] == 1
    assert result.due == 1
    assert result.oldest_pending is not None


async def test_subscription_crud(db_url: str) -> None:
    """Subscriptions dedup on their key; listing, deleting and /stop touch only that chat."""
    kommune = await Kommune.create(
        oparl_id="https://example.org/body/1", name="Leipzig", slug="leipzig"
    )
    paper = await Paper.create(oparl_id="https://example.org/paper/1", kommune=kommune, title="A")
    sub, created = await add_subscription(101, kommune.id, "Die Linke", None, "Anfrage")
    assert created
    again, created = await add_subscription(101, kommune.id, "Die  Linke", None, "Anfrage")
    assert not created
    assert again.id == sub.id
    _, created = await add_subscription(101, None, None, "  Radverkehr ", "alle")
    assert created
    _, created = await add_subscription(101, None, None, "radverkehr", "alle")
    assert not created
    await add_subscription(202, kommune.id, None, None, "Antrag")
    with pytest.raises(SubscriptionError):
        await add_subscription(101, None, None, "x", "Beschluss")
    subs = await list_subscriptions(101)
    assert [(s.faction, s.keyword) for s in subs] == [("Die Linke", None), (None, "Radverkehr")]
    assert subs[0].kommune.name == "Leipzig"
    assert not await delete_subscription(202, sub.id)  # another chat's subscription
    assert await delete_subscription(101, sub.id)
    assert await follow_paper(101, paper.id)
    assert not await follow_paper(101, paper.id)
    await set_weekly_preview(101, True)
    assert (await Chat.get(chat_id=101)).weekly_preview
    chat = await Chat.get(chat_id=101)
    await outbox.enqueue([OutboxItem(chat.id, "paper", paper.id, "new")])
    assert await delete_chat_data(101)
    assert not await Chat.exists(chat_id=101)
    assert await AnswerFollow.all().count() == 0
    assert await Notification.all().count() == 0
    assert [r.kind for r in await load_subscription_rows()] == ["Antrag"]
    assert not await delete_chat_data(101)


async def test_enqueue_for_a_chat_deleted_meanwhile_queues_the_others(db_url: str) -> None:
    """A chat that /stop deleted after the audience was chosen gets no row, and the insert
    does not fail: the other chats' messages are queued (the demo's alert loop crashed here)."""
    a, b = await _chats(101, 102)
    assert await delete_chat_data(102)
    items = [OutboxItem(a.id, "meeting", 5, "alert"), OutboxItem(b.id, "meeting", 5, "alert")]
    assert await outbox.enqueue(items) == 1
    assert await Notification.filter(subject_id=5).values_list("chat_id", flat=True) == [a.id]
