"""Stored papers → outbox rows, on SQLite and PostgreSQL: matching, backfill, hidden, answers."""

from __future__ import annotations

from datetime import timedelta

from bot.pipeline.notify import Notifier
from storage import outbox
from storage.models import Kommune, Notification, Paper
from storage.outbox import OutboxItem
from storage.subscriptions import (
    add_subscription,
    delete_subscription,
    follow_paper,
    get_or_create_chat,
)


async def _leipzig() -> Kommune:
    return await Kommune.create(oparl_id="https://leipzig.example/body", name="Leipzig", slug="le")


async def _paper(kommune: Kommune, n: int, **fields: object) -> Paper:
    values: dict[str, object] = {
        "title": "Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger",
        "kind": "Anfrage",
        "factions": ["Die Linke"],
        "questions": ["Beabsichtigt die Stadt, freien Trägern das Geld zu erstatten?"],
    }
    values.update(fields)
    return await Paper.create(
        oparl_id=f"https://leipzig.example/paper/{n}", kommune=kommune, **values
    )


async def _queued(subject_type: str = "paper") -> list[tuple[int, int, str]]:
    rows = await Notification.filter(subject_type=subject_type).select_related("chat")
    return sorted((r.chat.chat_id, r.subject_id, r.kind) for r in rows)


async def test_new_paper_queues_one_row_per_matching_chat(db_url: str) -> None:
    """Each chat with at least one matching subscription gets one row; others none."""
    leipzig = await _leipzig()
    await add_subscription(1, leipzig.id, "Die Linke", None, "Anfrage")
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await add_subscription(2, None, None, "Tarifabschluss", "alle")
    await add_subscription(3, leipzig.id, None, None, "Antrag")
    paper = await _paper(leipzig, 1)
    notifier = Notifier()
    assert await notifier.on_paper_stored(paper.id, created=True, backfill=False) == 2
    assert await notifier.on_paper_stored(paper.id, created=False, backfill=False) == 0
    assert await _queued() == [(1, paper.id, "new"), (2, paper.id, "new")]


async def test_backfill_and_hidden_papers_notify_nobody(db_url: str) -> None:
    """The first sync of a Kommune and hidden papers never queue anything."""
    leipzig = await _leipzig()
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    notifier = Notifier()
    old = await _paper(leipzig, 1)
    hidden = await _paper(leipzig, 2, hidden=True)
    assert await notifier.on_paper_stored(old.id, created=True, backfill=True) == 0
    assert await notifier.on_paper_stored(hidden.id, created=True, backfill=False) == 0
    assert await _queued() == []


async def test_changed_paper_reaches_new_matches_while_recent(db_url: str) -> None:
    """A paper whose text arrives later reaches keyword subscribers then, but not when old."""
    leipzig = await _leipzig()
    await add_subscription(1, leipzig.id, None, "Inflationsausgleichsgeld", "Anfrage")
    paper = await _paper(leipzig, 1, questions=[])
    created = paper.created_at
    notifier = Notifier(clock=lambda: created + timedelta(hours=1))
    assert await notifier.on_paper_stored(paper.id, created=True, backfill=False) == 0
    await Paper.filter(id=paper.id).update(full_text="… ein Inflationsausgleichsgeld vereinbart …")
    assert await notifier.on_paper_stored(paper.id, created=False, backfill=False) == 1
    late = Notifier(clock=lambda: created + timedelta(days=30))
    await add_subscription(2, leipzig.id, None, "Inflationsausgleichsgeld", "Anfrage")
    assert await late.on_paper_stored(paper.id, created=False, backfill=False) == 0


async def test_index_follows_subscription_changes(db_url: str) -> None:
    """A cached index notices added and deleted subscriptions between papers."""
    leipzig = await _leipzig()
    notifier = Notifier()
    first = await _paper(leipzig, 1)
    assert await notifier.on_paper_stored(first.id, created=True, backfill=False) == 0
    sub, _ = await add_subscription(1, leipzig.id, None, None, "Anfrage")
    second = await _paper(leipzig, 2)
    assert await notifier.on_paper_stored(second.id, created=True, backfill=False) == 1
    await delete_subscription(1, sub.id)
    third = await _paper(leipzig, 3)
    assert await notifier.on_paper_stored(third.id, created=True, backfill=False) == 0


async def test_answer_reaches_recipients_followers_and_subscribers_once(db_url: str) -> None:
    """The answer goes to chats that got the inquiry, pressed "Antwort abonnieren", or match."""
    leipzig = await _leipzig()
    inquiry = await _paper(leipzig, 1)
    got_it = await get_or_create_chat(1)  # received the inquiry via a since-deleted subscription
    await outbox.enqueue([OutboxItem(got_it.id, "paper", inquiry.id, "new")])
    await Notification.filter(chat_id=got_it.id).update(state="sent")
    await follow_paper(2, inquiry.id)
    await add_subscription(3, leipzig.id, "Die Linke", None, "Anfrage")  # inherits the faction
    await add_subscription(4, leipzig.id, None, None, "Antrag")  # wrong kind
    await follow_paper(5, inquiry.id)
    chat5 = await get_or_create_chat(5)
    await outbox.deactivate_chat(chat5.id, "Forbidden: bot was blocked by the user")
    answer = await _paper(
        leipzig,
        2,
        title="Antwort: Anwendbarkeit des Tarifabschlusses",
        kind="Antwort",
        factions=[],
        answer_to=inquiry,
        answers=["Nein."],
    )
    notifier = Notifier()
    assert await notifier.on_paper_stored(answer.id, created=True, backfill=False) == 3
    assert await notifier.on_paper_stored(answer.id, created=False, backfill=False) == 0
    assert await _queued("answer") == [
        (1, answer.id, "answer"),
        (2, answer.id, "answer"),
        (3, answer.id, "answer"),
    ]
    assert await _queued("paper") == [(1, inquiry.id, "new")]
