"""Count the statements the database drivers send (aiosqlite and asyncpg), for tests and benches.

Every call that reaches the server counts once: queries, inserts, `executemany` (one prepared
statement for many rows), BEGIN/COMMIT/SAVEPOINT/RELEASE. The drivers' connection classes are
patched for the time of the `counting()` block, so tortoise's own code paths are what is counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aiosqlite
import asyncpg.connection

_SQLITE = ("execute", "executemany", "execute_insert", "execute_fetchall", "executescript")
_SQLITE_TX = ("commit", "rollback")
_ASYNCPG = ("execute", "executemany", "fetch", "fetchrow", "fetchval")


def _first_word(args: tuple[Any, ...], name: str) -> str:
    if name in _SQLITE_TX:
        return name.upper()
    sql = str(args[0]) if args else ""
    return (sql.split(None, 1) or [name])[0].upper().rstrip(";")


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Yield a Counter of statements by first SQL word (SELECT, INSERT, …) sent inside the block."""
    counts: Counter[str] = Counter()
    originals: list[tuple[type, str, Any]] = []

    def wrap(cls: type, name: str) -> None:
        original = getattr(cls, name)
        originals.append((cls, name, original))

        def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
            counts[_first_word(args, name)] += 1
            return original(self, *args, **kwargs)

        setattr(cls, name, counted)

    for name in _SQLITE + _SQLITE_TX:
        wrap(aiosqlite.Connection, name)
    for name in _ASYNCPG:
        wrap(asyncpg.connection.Connection, name)
    try:
        yield counts
    finally:
        for cls, name, original in reversed(originals):
            setattr(cls, name, original)


@contextmanager
def counted_apart(counts: Counter[str], owner: Any, name: str) -> Iterator[list[int]]:
    """Yield a one-element list that sums the statements of `counts` sent inside the coroutine
    function `owner.name` (e.g. `storage.search.index_paper`), which still runs as it is."""
    share = [0]
    original = getattr(owner, name)

    async def counted(*args: Any, **kwargs: Any) -> Any:
        before = sum(counts.values())
        try:
            return await original(*args, **kwargs)
        finally:
            share[0] += sum(counts.values()) - before

    setattr(owner, name, counted)
    try:
        yield share
    finally:
        setattr(owner, name, original)
