"""Shared test fixtures: a fresh migrated database per test, on SQLite and on real PostgreSQL."""

from __future__ import annotations

import os

# Before any `telegram` import: PTB 22 warns on RetryAfter unless timedelta is opted in.
os.environ.setdefault("PTB_TIMEDELTA", "true")

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from storage.db import close_db, open_db

POSTGRES_URL = os.environ.get("RATSBOT_TEST_POSTGRES_URL")


def _with_db_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


async def _create_pg_database(name: str) -> None:
    import asyncpg

    assert POSTGRES_URL
    conn = await asyncpg.connect(_with_db_name(POSTGRES_URL, "postgres"))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def _drop_pg_database(name: str) -> None:
    import asyncpg

    assert POSTGRES_URL
    conn = await asyncpg.connect(_with_db_name(POSTGRES_URL, "postgres"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _require_postgres() -> None:
    if POSTGRES_URL:
        return
    if os.environ.get("CI"):
        pytest.fail("RATSBOT_TEST_POSTGRES_URL is not set in CI: run the tests through `make test`")
    pytest.skip("no PostgreSQL: run through `make test` (.ci/with-postgres starts one)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Yield the URL of a fresh, migrated, open database; the test runs once per backend."""
    if request.param == "sqlite":
        url = f"sqlite://{tmp_path / 'ratsbot.sqlite3'}"
        await open_db(url)
        try:
            yield url
        finally:
            await close_db()
        return
    _require_postgres()
    assert POSTGRES_URL
    name = "t_" + uuid.uuid4().hex[:12]
    await _create_pg_database(name)
    url = _with_db_name(POSTGRES_URL, name)
    await open_db(url)
    try:
        yield url
    finally:
        await close_db()
        await _drop_pg_database(name)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[str]:
    """Yield the URL of a fresh, migrated SQLite database (for tests that need only one backend)."""
    url = f"sqlite://{tmp_path / 'ratsbot.sqlite3'}"
    await open_db(url)
    try:
        yield url
    finally:
        await close_db()
