"""tests/pg_copies.py: a reused PostgreSQL copy is indistinguishable from a fresh one."""

from __future__ import annotations

import asyncpg
import pytest

from tests.conftest import (
    POSTGRES_URL,
    Templates,
    _drop_pg_database,
    _no_data,
    _pg_connect,
    _require_postgres,
)
from tests.pg_copies import TABLES_SQL, CopyPool, Create

pytestmark = pytest.mark.postgres


async def _contents(conn: asyncpg.Connection) -> dict[str, object]:
    """Return every user table's rows (as sorted text) and every sequence's state."""
    state: dict[str, object] = {}
    for table, *_ in await conn.fetch(TABLES_SQL):
        rows = await conn.fetch(f"SELECT t::text AS row FROM {table} t")
        state[table] = sorted(r["row"] for r in rows)
    for name, last in await conn.fetch(
        "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
    ):
        state[f"sequence {name}"] = last
    return state


def _pool(templates: Templates) -> tuple[CopyPool, Create]:
    """Return a pool of this test's own and how it creates a copy of the empty template."""
    _require_postgres()
    pool = CopyPool(connect=_pg_connect, drop=_drop_pg_database)

    async def create(name: str) -> None:
        await templates.postgres_copy("empty", _no_data, name)

    return pool, create


async def test_reused_copy_has_exactly_the_templates_rows_and_sequences(
    templates: Templates,
) -> None:
    """After rows are added, changed and deleted (seed rows too), the next borrower gets the
    same database back holding what a fresh copy of the template holds."""
    pool, create = _pool(templates)
    async with pool.borrow("empty", create) as fresh_name:
        conn = await _pg_connect(fresh_name)
        fresh = await _contents(conn)
        await conn.execute(
            "INSERT INTO kommune (oparl_id, name, slug, created_at) VALUES ('k1', 'A', 'a', now())"
        )
        await conn.execute(
            "INSERT INTO chat (chat_id, chat_type, active, weekly_preview, meeting_alerts, "
            "created_at) VALUES (7, 'private', true, false, true, now())"
        )
        await conn.execute("UPDATE search_meta SET value = 'changed'")
        await conn.execute("DELETE FROM tortoise_migrations WHERE id = 2")
        await conn.close()
    try:
        async with pool.borrow("empty", create) as reused_name:
            assert reused_name == fresh_name
            conn = await _pg_connect(reused_name)
            assert await _contents(conn) == fresh
            await conn.close()
    finally:
        for name in pool.names():
            await _drop_pg_database(name)


async def test_copy_whose_schema_changed_is_dropped(templates: Templates) -> None:
    """A test that adds a table leaves a copy no one else gets: it is dropped after its test."""
    pool, create = _pool(templates)
    async with pool.borrow("empty", create) as name:
        conn = await _pg_connect(name)
        await conn.execute("CREATE TABLE extra (x int)")
        await conn.close()
    assert pool.names() == []
    assert POSTGRES_URL
    admin = await _pg_connect("postgres")
    try:
        assert not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
    finally:
        await admin.close()
