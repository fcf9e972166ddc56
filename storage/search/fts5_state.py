"""What identifies an SQLite database and one state of its FTS5 index, for caches that must
be dropped when the index changes (prefix expansions, document frequencies). Does I/O."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient

# The FTS5 structure record: it changes with every write to the index.
STRUCTURE_ID = 10


def database_key(conn: BaseDBAsyncClient) -> str:
    """Return a key naming the connection's database file (or the connection itself)."""
    return str(getattr(conn, "filename", "") or id(conn))


async def structure_record(conn: BaseDBAsyncClient) -> bytes:
    """Return the FTS5 structure record of paper_fts (b"" for an empty index)."""
    rows = await conn.execute_query_dict(
        f"SELECT block FROM paper_fts_data WHERE id = {STRUCTURE_ID}"
    )
    return bytes(rows[0]["block"]) if rows else b""


class _Stamped(Protocol):
    structure: bytes


_C = TypeVar("_C", bound=_Stamped)


async def current(conn: BaseDBAsyncClient, caches: dict[str, _C], new: Callable[[bytes], _C]) -> _C:
    """Return this database's entry of `caches`, a fresh `new(structure)` when the index has
    changed since the entry was made (its structure record differs)."""
    structure = await structure_record(conn)
    key = database_key(conn)
    cache = caches.get(key)
    if cache is None or cache.structure != structure:
        cache = caches[key] = new(structure)
    return cache
