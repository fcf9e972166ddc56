"""Database lifecycle (I/O): open, migrate and close the Tortoise connection for a DATABASE_URL."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api.migrate import migrate as tortoise_migrate

from storage import cancel_safe

log = logging.getLogger(__name__)
cancel_safe.install()  # a cancelled transaction start must not hold the database for good

SUPPORTED_SCHEMES = ("sqlite", "postgres", "postgresql", "asyncpg")
OPEN_TIMEOUT_S = 15.0  # opening and migrating never takes longer on a healthy database


class DatabaseUrlError(ValueError):
    """Raised when DATABASE_URL has a scheme or shape Ratsbot cannot use."""


class DatabaseUnavailable(Exception):
    """Raised by `open_db` when the database cannot be opened or written: server unreachable,
    login or database refused, read-only file or mount, no answer in time, an SQLite file that
    must exist is missing, or its directory is absent. The message is one German line without
    the password; `ratsbot` exits with code 2."""


def check_sqlite_writable(path: str, timeout_s: float = 2.0) -> None:
    """Raise DatabaseUnavailable unless the SQLite file (or its directory) can be written.

    A read-only file or mount made the aiosqlite start-up hang for good (issue #18); the plain
    sqlite3 module answers at once, so this runs before the async connection is opened.
    """
    if not path or path == ":memory:" or not Path(path).exists():
        return
    try:
        conn = sqlite3.connect(path, timeout=timeout_s)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(
            f"Datenbank {path} lässt sich nicht öffnen oder nicht schreiben ({exc}); "
            "Schreibrechte und Mount (read-only?) prüfen"
        ) from None


def check_database_url(url: str) -> str:
    """Return the URL unchanged if Ratsbot can use it, else raise DatabaseUrlError."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in SUPPORTED_SCHEMES:
        raise DatabaseUrlError(
            f"unbekanntes Schema {scheme or '(keins)'!r}; erlaubt: sqlite://PFAD oder "
            "postgres://user:pass@host:port/db"
        )
    if scheme == "sqlite":
        if not url[len("sqlite://") :]:
            raise DatabaseUrlError(
                "sqlite:// braucht einen Dateipfad, z. B. sqlite://data/ratsbot.sqlite3"
            )
    else:
        parts = urlsplit(url)
        if not parts.hostname or not parts.path.strip("/"):
            raise DatabaseUrlError(
                "PostgreSQL-URL braucht Host und Datenbank: postgres://user:pass@host:port/db"
            )
    return url


def is_sqlite(url: str) -> bool:
    """Return True when the URL names an SQLite database."""
    return url.startswith("sqlite://")


# PostgreSQL session settings of every connection. No parallel workers: Ratsbot's queries are
# small and many at once; starting workers for one of them costs more wall time than it saves
# (`Stadt fraktion:Grüne` at 300k papers: 12 ms of server CPU, 73 ms of wall with two workers;
# docs/benchmarks.md). Index builds use max_parallel_maintenance_workers, which stays.
PG_SERVER_SETTINGS = {"max_parallel_workers_per_gather": "0"}


def tortoise_config(url: str) -> dict[str, Any]:
    """Return the Tortoise config dict for a DATABASE_URL (asyncpg for PostgreSQL)."""
    connection: str | dict[str, Any] = url
    if url.startswith(("postgres://", "postgresql://", "asyncpg://")):
        connection = expand_db_url("asyncpg://" + url.split("://", 1)[1])
        settings = connection["credentials"].setdefault("server_settings", {})
        settings.update(PG_SERVER_SETTINGS)
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": ["storage.models"],
                "migrations": "storage.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def safe_url(url: str) -> str:
    """Return the URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


def check_sqlite_location(url: str, *, create: bool) -> None:
    """Refuse an SQLite path that cannot be used; create its directory if allowed.

    `create=False` (status, search): the file must exist; nothing is created. `create=True`
    (migrate, run, fetch): the file is created, and its own directory too when that directory's
    parent exists (`data/` of the default `sqlite://data/ratsbot.sqlite3`); a deeper missing
    tree is a typo, refused rather than built.
    """
    raw = url[len("sqlite://") :]
    if not raw or raw == ":memory:":
        return
    path = Path(raw)
    if path.is_file():
        return
    if path.exists():
        raise DatabaseUnavailable(f"SQLite-Datenbank {path} ist keine Datei")
    if not create:
        raise DatabaseUnavailable(
            f"SQLite-Datenbank {path} gibt es nicht (DATABASE_URL prüfen; "
            "neu anlegen mit `ratsbot migrate`)"
        )
    if not path.parent.is_dir():
        if not path.parent.parent.is_dir():
            raise DatabaseUnavailable(
                f"Verzeichnis {path.parent} für die SQLite-Datenbank gibt es nicht "
                "(DATABASE_URL prüfen oder das Verzeichnis anlegen)"
            )
        path.parent.mkdir()


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    import asyncpg  # type: ignore[import-untyped]
    from tortoise.exceptions import DBConnectionError, OperationalError

    return (OSError, TimeoutError, asyncpg.PostgresError, DBConnectionError, OperationalError)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


async def migrate(url: str, *, create: bool = True) -> None:
    """Apply all pending migrations to the database at `url`."""
    check_database_url(url)
    if is_sqlite(url):
        check_sqlite_location(url, create=create)
    try:
        await tortoise_migrate(config=tortoise_config(url))
    except _unavailable_errors() as exc:
        raise DatabaseUnavailable(
            f"Datenbank nicht erreichbar ({safe_url(url)}): {_one_line(exc)}"
        ) from exc
    finally:
        await Tortoise.close_connections()


async def open_db(
    url: str,
    *,
    apply_migrations: bool = True,
    create: bool = True,
    timeout_s: float = OPEN_TIMEOUT_S,
) -> None:
    """Open the connection (and migrate first unless told not to); never hang.

    Raises DatabaseUnavailable when the database cannot be opened or written or does not answer
    within `timeout_s`; `create=False` never creates an SQLite file.
    """
    check_database_url(url)
    if is_sqlite(url):
        check_sqlite_location(url, create=create)
        check_sqlite_writable(url[len("sqlite://") :])
    try:
        await asyncio.wait_for(_open(url, apply_migrations, create), timeout_s)
    except TimeoutError:
        with contextlib.suppress(Exception):
            await close_db()
        raise DatabaseUnavailable(
            f"Datenbank antwortet nicht innerhalb von {timeout_s:.0f} s: {safe_url(url)}"
        ) from None


async def _open(url: str, apply_migrations: bool, create: bool) -> None:
    if apply_migrations:
        await migrate(url, create=create)
    try:
        # One database per process, used from every task (PTB handlers, delivery, the fetcher):
        # the global fallback makes the connection visible beyond the contextvar of this task.
        await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
        from tortoise.connection import get_connection

        conn = get_connection("default")
        if is_sqlite(url):
            # WAL: readers (bot) and the writer (fetcher) do not block each other.
            await conn.execute_script("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;")
        else:
            await conn.execute_query("SELECT 1")  # Tortoise connects lazily: fail here, not later
    except _unavailable_errors() as exc:
        await Tortoise.close_connections()
        raise DatabaseUnavailable(
            f"Datenbank nicht erreichbar ({safe_url(url)}): {_one_line(exc)}"
        ) from exc
    from storage import search  # the search index DDL is dialect-specific, kept beside search

    await search.ensure_index()


async def close_db() -> None:
    """Close all connections."""
    await Tortoise.close_connections()
    # Tortoise caches compiled INSERT/DELETE statements per (connection name, table), not per
    # dialect: a process that reopens "default" on another backend (tests, bench) must forget them.
    EXECUTOR_CACHE.clear()


@asynccontextmanager
async def database(url: str, *, apply_migrations: bool = True) -> AsyncIterator[None]:
    """Open the database for the duration of the block."""
    await open_db(url, apply_migrations=apply_migrations)
    try:
        yield
    finally:
        await close_db()
