"""Storage basics on SQLite and PostgreSQL: migrations apply, OParl ids are unique keys."""

from __future__ import annotations

import pytest
from tortoise.exceptions import IntegrityError

from storage.models import Chat, Kommune, Notification, Paper, Subscription


async def test_migrations_create_every_table(db_url: str) -> None:
    """After migrating, every model can be written and read back."""
    kommune = await Kommune.create(
        oparl_id="https://example.org/body/1", name="Leipzig", slug="leipzig"
    )
    paper = await Paper.create(
        oparl_id="https://example.org/paper/1",
        kommune=kommune,
        title="Gemeinwesenarbeit – Vernetzung – Synergie",
        reference="F-00724/14",
        questions=["Was wurde unternommen?"],
        factions=["Bündnis 90/Die Grünen"],
    )
    loaded = await Paper.get(id=paper.id)
    assert loaded.questions == ["Was wurde unternommen?"]
    assert loaded.factions == ["Bündnis 90/Die Grünen"]


async def test_oparl_id_is_unique(db_url: str) -> None:
    """A second paper with the same OParl id is refused by the database."""
    kommune = await Kommune.create(oparl_id="https://example.org/body/1", name="Bonn", slug="bonn")
    await Paper.create(oparl_id="https://example.org/paper/9", kommune=kommune, title="A")
    with pytest.raises(IntegrityError):
        await Paper.create(oparl_id="https://example.org/paper/9", kommune=kommune, title="B")


async def test_notification_unique_per_chat_subject_kind(db_url: str) -> None:
    """The outbox refuses a second row for the same chat, subject and kind."""
    chat = await Chat.create(chat_id=4711)
    await Notification.create(chat=chat, subject_type="paper", subject_id=1, kind="new")
    with pytest.raises(IntegrityError):
        await Notification.create(chat=chat, subject_type="paper", subject_id=1, kind="new")


async def test_subscription_unique_per_chat_key(db_url: str) -> None:
    """The same subscription cannot be stored twice for one chat."""
    chat = await Chat.create(chat_id=-100123, chat_type="supergroup")
    await Subscription.create(chat=chat, key="leipzig|faction:Die Linke|Anfrage")
    with pytest.raises(IntegrityError):
        await Subscription.create(chat=chat, key="leipzig|faction:Die Linke|Anfrage")


async def test_postgresql_sessions_start_no_parallel_workers(db_url: str) -> None:
    """Every PostgreSQL connection of the product runs its queries without parallel workers
    (storage.db.PG_SERVER_SETTINGS): starting them costs a small search more than it saves."""
    if db_url.startswith("sqlite://"):
        pytest.skip("a PostgreSQL session setting")
    from tortoise import Tortoise

    rows = await Tortoise.get_connection("default").execute_query_dict(
        "SHOW max_parallel_workers_per_gather"
    )
    assert rows == [{"max_parallel_workers_per_gather": "0"}]
