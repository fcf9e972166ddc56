"""PostgreSQL copies of a template database, reused by the tests of one process after a reset.

`CREATE DATABASE … TEMPLATE …` and `DROP DATABASE` cost the server about 0.1–0.25 s of CPU and
0.3–0.8 s of wall per test on the loaded development machine (every block of the template's
catalog goes through the WAL); opening an existing database costs about 10 ms. So a copy is
created once and, after its test, put back into exactly the template's state for the next test:

- its schema is compared with the template's (a fingerprint of the user catalog: relations,
  columns and defaults, indexes, constraints, triggers, functions, views, extensions, database
  settings); a copy whose schema changed is dropped, never reused;
- a table is unchanged when it holds as many rows as the template's and none written after the
  copy was handed out (a row's `xmin` is the transaction that wrote it: an insert or update
  writes a new row version, a delete lowers the count). Changed tables are emptied and refilled
  with the template's rows (binary COPY, kept in memory per process);
- every sequence is set back to the template's value.

Anything unexpected on the way (an error, a connection that does not go away) drops the copy;
the next test gets a fresh one. A test therefore never sees another test's rows.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncpg

_USER_NAMESPACE = (
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
    "AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'"
)

# One line per schema object a test could add, drop or alter; hashed in one round trip.
FINGERPRINT_SQL = f"""
SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line), '')) FROM (
  SELECT 'c ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' '
         || c.relpersistence::text AS line
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_NAMESPACE}
  UNION ALL
  SELECT 'a ' || n.nspname || '.' || c.relname || ' ' || a.attnum || ' ' || a.attname || ' '
         || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' '
         || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND {_USER_NAMESPACE}
  UNION ALL
  SELECT 'i ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_NAMESPACE}
  UNION ALL
  SELECT 'k ' || k.conrelid::regclass::text || ' ' || k.conname || ' '
         || pg_get_constraintdef(k.oid)
    FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE {_USER_NAMESPACE}
  UNION ALL
  SELECT 't ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'f ' || n.nspname || '.' || p.proname || ' ' || md5(coalesce(p.prosrc, ''))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {_USER_NAMESPACE}
  UNION ALL
  SELECT 'v ' || c.oid::regclass::text || ' ' || pg_get_viewdef(c.oid)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND {_USER_NAMESPACE}
  UNION ALL
  SELECT 'e ' || extname || ' ' || extversion FROM pg_extension
  UNION ALL
  SELECT 'n ' || n.nspname FROM pg_namespace n WHERE {_USER_NAMESPACE}
  UNION ALL
  SELECT 'y ' || t.typname || ' ' || e.enumlabel
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
  UNION ALL
  SELECT 'g ' || cfgname FROM pg_ts_config g JOIN pg_namespace n ON n.oid = g.cfgnamespace
    WHERE {_USER_NAMESPACE}
  UNION ALL
  SELECT 's ' || array_to_string(setconfig, ',') FROM pg_db_role_setting
    WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  UNION ALL
  SELECT 'o ' || count(*) FROM pg_largeobject_metadata
) lines
"""

# every user table: its quoted name, schema, name, and the columns COPY can write back
TABLES_SQL = f"""
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname, c.relname,
       array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
             AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND {_USER_NAMESPACE} ORDER BY 1
"""

SEQUENCES_SQL = """
SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value, start_value
  FROM pg_sequences ORDER BY 1
"""


@dataclass
class Pristine:
    """What a fresh copy of one template holds: the state every reset returns to."""

    fingerprint: str
    counts: dict[str, int]  # table → rows
    places: dict[str, tuple[str, str, list[str]]]  # table → schema, name, columns to COPY
    rows: dict[str, bytes]  # table → its rows (binary COPY), for tables that have any
    sequences: dict[str, int | None]  # sequence → last value (None: never used)


@dataclass
class Copy:
    """One database created from a template, with the transaction id after which its rows
    count as written by the test that holds it."""

    name: str
    marker: int = 0


async def _marker(conn: asyncpg.Connection) -> int:
    """Return a (32-bit) transaction id newer than every row now in the database."""
    return int(await conn.fetchval("SELECT pg_current_xact_id()::text::bigint % 4294967296"))


def _select(table: str, columns: list[str]) -> str:
    return f"SELECT {', '.join(_quoted(c) for c in columns)} FROM {table}"


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


async def _pristine(conn: asyncpg.Connection) -> Pristine:
    places = {row[0]: (row[1], row[2], list(row[3])) for row in await conn.fetch(TABLES_SQL)}
    counts = {t: int(await conn.fetchval(f"SELECT count(*) FROM {t}")) for t in places}
    rows: dict[str, bytes] = {}
    for table, count in counts.items():
        if count:
            buffer = BytesIO()
            query = _select(table, places[table][2])
            await conn.copy_from_query(query, output=buffer, format="binary")
            rows[table] = buffer.getvalue()
    return Pristine(
        fingerprint=await conn.fetchval(FINGERPRINT_SQL),
        counts=counts,
        places=places,
        rows=rows,
        sequences={name: last for name, last, _ in await conn.fetch(SEQUENCES_SQL)},
    )


class NotReusable(Exception):
    """The copy cannot be put back into the template's state: drop it."""


async def _changed_tables(conn: asyncpg.Connection, pristine: Pristine, marker: int) -> set[str]:
    """Return the tables whose rows differ from the template's (one round trip)."""
    if not pristine.counts:
        return set()
    checks = " UNION ALL ".join(
        f"SELECT {index} WHERE (SELECT count(*) FROM {table}) <> {count} OR EXISTS "
        f"(SELECT 1 FROM {table} WHERE age(xmin) < age('{marker}'::xid))"
        for index, (table, count) in enumerate(pristine.counts.items())
    )
    names = list(pristine.counts)
    return {names[row[0]] for row in await conn.fetch(checks)}


async def reset(conn: asyncpg.Connection, pristine: Pristine, marker: int) -> int:
    """Put the database `conn` is connected to back into the template's state; return the new
    marker. Raises NotReusable when the schema changed."""
    await conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend'"
    )
    if await conn.fetchval(FINGERPRINT_SQL) != pristine.fingerprint:
        raise NotReusable("schema changed")
    changed = await _changed_tables(conn, pristine, marker)
    async with conn.transaction():
        if changed:
            # Foreign keys (and their ON DELETE actions) are triggers, which the replica role
            # skips: each changed table gets exactly the template's rows back, and unchanged
            # tables still hold theirs, so the whole is consistent again at commit. DELETE
            # rather than TRUNCATE: a test leaves a few rows, and TRUNCATE's new files per
            # table and index cost more than deleting them.
            await conn.execute("SET LOCAL session_replication_role = replica")
            for table in sorted(changed):
                await conn.execute(f"DELETE FROM {table}")
                if table in pristine.rows:
                    schema, name, columns = pristine.places[table]
                    await conn.copy_to_table(
                        name,
                        schema_name=schema,
                        columns=columns,
                        source=BytesIO(pristine.rows[table]),
                        format="binary",
                    )
        for name, last, start in await conn.fetch(SEQUENCES_SQL):
            if name not in pristine.sequences:
                raise NotReusable(f"unknown sequence {name}")
            wanted = pristine.sequences[name]
            if last != wanted:
                value, called = (wanted, True) if wanted is not None else (start, False)
                await conn.execute("SELECT setval($1::regclass, $2, $3)", name, value, called)
    return await _marker(conn)


Connect = Callable[[str], Awaitable["asyncpg.Connection"]]
Create = Callable[[str], Awaitable[None]]
Drop = Callable[[str], Awaitable[None]]


@dataclass
class CopyPool:
    """The copies of this process, per template name: created on demand, reset after use."""

    connect: Connect  # database name → an open asyncpg connection to it
    drop: Drop  # drops a database (WITH (FORCE))
    free: dict[str, list[Copy]] = field(default_factory=dict)
    pristine: dict[str, Pristine] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)

    @asynccontextmanager
    async def borrow(self, template: str, create: Create) -> AsyncIterator[str]:
        """Yield the name of a database in template `template`'s state, private to the caller
        until the block ends (`create(name)` makes a new copy). The caller closes its own
        connections to it before leaving the block."""
        free = self.free.setdefault(template, [])
        copy = free.pop() if free else await self._new(template, create)
        try:
            yield copy.name
        except BaseException:
            await self._discard(copy)
            raise
        try:
            conn = await self.connect(copy.name)
            try:
                copy.marker = await asyncio.wait_for(
                    reset(conn, self.pristine[template], copy.marker), 30
                )
            finally:
                await conn.close()
        except Exception:  # any doubt: never reuse this copy
            await self._discard(copy)
            return
        free.append(copy)

    async def _new(self, template: str, create: Create) -> Copy:
        copy = Copy("t_" + uuid.uuid4().hex[:12])
        await create(copy.name)
        self.created.add(copy.name)
        conn = await self.connect(copy.name)
        try:
            if template not in self.pristine:
                self.pristine[template] = await _pristine(conn)
            copy.marker = await _marker(conn)
        finally:
            await conn.close()
        return copy

    async def _discard(self, copy: Copy) -> None:
        self.created.discard(copy.name)
        await self.drop(copy.name)

    def names(self) -> list[str]:
        """Return the databases this pool created and has not dropped."""
        return sorted(self.created)
