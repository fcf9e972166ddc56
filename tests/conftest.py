"""Shared test fixtures: a fresh migrated database per test, on SQLite and on real PostgreSQL.

Migrating a new database takes about two seconds, so one process of the test run migrates one
template per backend (and builds each read-only corpus once), and every test gets a copy of it:
a file copy on SQLite, `CREATE DATABASE … TEMPLATE …` on PostgreSQL. The templates are shared by
all pytest-xdist workers of the run (tests/session_cache.py). Copies are private to their test,
which may write to them; the names carry random ids, so parallel workers never share a database.
A PostgreSQL copy is put back into its template's state after its test and reused by the next
test of the same process (tests/pg_copies.py): creating and dropping a database per test cost
the server more CPU than most tests themselves.
"""

from __future__ import annotations

import os

# Before any `telegram` import: PTB 22 warns on RetryAfter unless timedelta is opted in.
os.environ.setdefault("PTB_TIMEDELTA", "true")

# With PYTHONDONTWRITEBYTECODE set (some shells and sandboxes set it), every Python process of
# the run — pytest-xdist workers, `ratsbot` subprocesses, spawned parser workers — compiles the
# project's modules from source again: about 0.5 s of CPU per process. The run keeps their
# bytecode in __pycache__ (git-ignored) as an ordinary Python does: the workers and subprocesses
# inherit this environment, and this process writes from here on (sys.dont_write_bytecode below).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import asyncio
import shutil
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import pytest

from storage.db import close_db, open_db
from tests.installed import Installed, build_once
from tests.parse_memo import RememberingParserPool
from tests.pg_copies import CopyPool
from tests.session_cache import exclusive, is_worker, run_directory
from tests.tls_once import share_default_tls_context

if TYPE_CHECKING:
    import asyncpg

sys.dont_write_bytecode = False
share_default_tls_context()  # every test builds several httpx clients; one TLS context serves all

POSTGRES_URL = os.environ.get("RATSBOT_TEST_POSTGRES_URL")

Builder = Callable[[], Awaitable[None]]
# Migrating a new database on a machine loaded by parallel workers can take longer than
# open_db's 15 s; a template build that fails fails every test that copies the template.
BUILD_OPEN_TIMEOUT_S = 120.0


def _with_db_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


async def _pg_admin(statement: str) -> None:
    import asyncpg

    assert POSTGRES_URL
    conn = await asyncpg.connect(_with_db_name(POSTGRES_URL, "postgres"))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def _pg_connect(name: str) -> asyncpg.Connection:
    import asyncpg

    assert POSTGRES_URL
    return await asyncpg.connect(_with_db_name(POSTGRES_URL, name))


async def _create_pg_database(name: str) -> None:
    await _pg_admin(f'CREATE DATABASE "{name}"')


async def _drop_pg_database(name: str) -> None:
    await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _require_postgres() -> None:
    if POSTGRES_URL:
        return
    if os.environ.get("CI"):
        pytest.fail("RATSBOT_TEST_POSTGRES_URL is not set in CI: run the tests through `make test`")
    pytest.skip("no PostgreSQL: run through `make test` (.ci/with-postgres starts one)")


async def _no_data() -> None:
    """An empty (migrated) database."""


async def _create_from_template(target: str, template: str) -> None:
    """Create database `target` as a copy of `template` (retried while it is briefly in use:
    the build's last connection may still be closing)."""
    import asyncpg

    assert POSTGRES_URL
    conn = await asyncpg.connect(_with_db_name(POSTGRES_URL, "postgres"))
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                await conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
                return
            except asyncpg.ObjectInUseError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
    finally:
        await conn.close()


class Templates:
    """Template databases of this test run, each built once by whichever process needs it first.

    They live in the directory all processes of the run share (tests/session_cache.py): a
    SQLite file, and for PostgreSQL a file naming the template database. A lock per template
    makes the other workers wait for the build instead of repeating it.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.sqlite: dict[str, Path] = {}
        self.postgres: dict[str, str] = {}
        # this process's PostgreSQL copies, reset between tests (tests/pg_copies.py)
        self.copies = CopyPool(connect=_pg_connect, drop=_drop_pg_database)

    async def sqlite_copy(self, name: str, build: Builder, target: Path) -> str:
        """Copy the SQLite template `name` (built by `build` once) to `target`; return its URL."""
        if name not in self.sqlite:
            path = self.directory / f"{name}.sqlite3"
            async with exclusive(self.directory / f"{name}.sqlite3.lock"):
                if not path.exists():
                    building = self.directory / f"{name}.building.sqlite3"
                    # A half-built template (a failed build, a killed worker) is never built upon.
                    for leftover in self.directory.glob(f"{name}.building.sqlite3*"):
                        leftover.unlink()
                    await open_db(f"sqlite://{building}", timeout_s=BUILD_OPEN_TIMEOUT_S)
                    try:
                        await build()
                    finally:
                        await close_db()  # the last connection checkpoints the WAL
                    building.rename(path)  # only a finished build is ever copied
            self.sqlite[name] = path
        shutil.copyfile(self.sqlite[name], target)
        return f"sqlite://{target}"

    async def postgres_copy(self, name: str, build: Builder, target: str) -> str:
        """Create database `target` from the PostgreSQL template `name`; return its URL."""
        assert POSTGRES_URL
        if name not in self.postgres:
            record = self.directory / f"{name}.postgres"
            async with exclusive(self.directory / f"{name}.postgres.lock"):
                if not record.exists():
                    template = f"tpl_{name}_{uuid.uuid4().hex[:8]}"
                    await _pg_admin(f'CREATE DATABASE "{template}"')
                    try:
                        await open_db(
                            _with_db_name(POSTGRES_URL, template), timeout_s=BUILD_OPEN_TIMEOUT_S
                        )
                        try:
                            await build()
                        finally:
                            await close_db()
                    except BaseException:  # a half-built template must never be copied
                        await _pg_admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                        raise
                    record.write_text(template, encoding="utf-8")
                self.postgres[name] = record.read_text(encoding="utf-8")
        await _create_from_template(target, self.postgres[name])
        return _with_db_name(POSTGRES_URL, target)


def _drop_postgres_templates(directory: Path) -> None:
    """Drop the run's PostgreSQL templates (in a thread: no event loop runs at session end)."""
    _drop_in_thread([record.read_text(encoding="utf-8") for record in directory.glob("*.postgres")])


def _drop_in_thread(names: list[str]) -> None:
    """Drop databases `names` (in a thread: no event loop runs at session end)."""
    if not names or not POSTGRES_URL:
        return

    async def drop() -> None:
        for name in names:
            await _drop_pg_database(name)

    worker = threading.Thread(target=asyncio.run, args=(drop(),))
    worker.start()
    worker.join()


@pytest.fixture(scope="session")
def templates(request: pytest.FixtureRequest) -> Iterator[Templates]:
    """The run's template databases, shared by all its processes; this process's copies of
    them are dropped at its end."""
    templates = Templates(run_directory(request.config))
    yield templates
    _drop_in_thread(templates.copies.names())


@pytest.fixture(scope="session", autouse=True)
def _shared_readings(request: pytest.FixtureRequest) -> None:
    """Let RememberingParserPool share its PDF readings with the run's other processes."""
    RememberingParserPool.directory = run_directory(request.config) / "readings"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop the PostgreSQL templates once every process of the run is done with them."""
    if not is_worker(session.config):
        _drop_postgres_templates(run_directory(session.config))


@asynccontextmanager
async def open_copy(
    templates: Templates,
    backend: str,
    tmp_path: Path,
    name: str = "empty",
    build: Builder = _no_data,
) -> AsyncIterator[str]:
    """Open a private copy of template `name` on `backend`; yield its URL, close it after.

    The template was migrated when it was built, so the copy is opened without the migration
    check (a no-op here that still costs ~10 ms of CPU per test, measured on SQLite). A SQLite
    copy is a new file; a PostgreSQL copy is reset to the template's state after its test and
    reused by this process's next test (tests/pg_copies.py)."""
    if backend == "sqlite":
        url = await templates.sqlite_copy(name, build, tmp_path / "ratsbot.sqlite3")
        await open_db(url, apply_migrations=False)
        try:
            yield url
        finally:
            await close_db()
        return
    _require_postgres()
    assert POSTGRES_URL

    async def create(target: str) -> None:
        await templates.postgres_copy(name, build, target)

    async with templates.copies.borrow(name, create) as target:
        url = _with_db_name(POSTGRES_URL, target)
        await open_db(url, apply_migrations=False)
        try:
            yield url
        finally:
            await close_db()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def db_url(
    request: pytest.FixtureRequest, templates: Templates, tmp_path: Path
) -> AsyncIterator[str]:
    """Yield the URL of a fresh, migrated, open database; the test runs once per backend."""
    async with open_copy(templates, request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def sqlite_db(templates: Templates, tmp_path: Path) -> AsyncIterator[str]:
    """Yield the URL of a fresh, migrated SQLite database (for tests that need only one backend)."""
    async with open_copy(templates, "sqlite", tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def installed_wheel(request: pytest.FixtureRequest) -> Installed:
    """Build the wheel and install it into a fresh venv outside the repository, once per run:
    pytest-xdist workers share it in the run's directory (tests/session_cache.py, a file lock)."""
    return build_once(run_directory(request.config) / "wheel")


# The slowest test files, longest first: under `make test` (pytest-xdist, --dist loadfile) a
# file runs on one worker, and files are handed out in collection order, so these start first
# instead of leaving one worker busy after the others are done. Those that mostly wait (the
# multi-process and subprocess files) come early, where their waits overlap the others' work.
# Measured per test with a CPU/wall plugin under `make test` (per-file sums of wall), 2026-11-29.
SLOW_FILES = (
    "test_kommunen.py",
    "test_scaleout.py",
    "test_demo.py",
    "test_search.py",
    "test_sync.py",
    "test_sync_faults.py",
    "test_open_inquiries.py",
    "test_delivery.py",
    "test_scaleout_delivery.py",
    "test_search_chat.py",
    "test_oparl_client.py",
    "test_leases.py",
    "test_cli_failures.py",
    "test_subscription_page.py",
    "test_app.py",
    "test_delivery_faults.py",
    "test_chat_experience.py",
    "test_parse_broken.py",
    "test_sync_bounds.py",
    "test_volume_conversation.py",
    "test_search_build.py",
    "test_outbox.py",
)


def pytest_configure(config: pytest.Config) -> None:
    """Hand files out in SLOW_FILES' order: pytest-xdist ≥ 3.7 otherwise sorts them by their
    number of tests (`--loadscope-reorder` is its default), which put the 98 one-line tests of
    test_abo_parse.py first and the 3 long multi-process tests of test_scaleout.py last."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the tests of SLOW_FILES to the front, keeping every other order as collected."""

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES)

    items.sort(key=rank)  # stable: the order inside a file is kept
